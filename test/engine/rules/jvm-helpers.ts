// Shared by the jvm-* rule tests: one option placed everywhere the JVM reads options from, and checking a fix end to
// end through the full pipeline (analyzeFile, CLI mode): exact after-text, valid YAML, the finding gone, and every
// other finding unchanged except those a test names as expected to appear or go.
import assert from 'node:assert/strict';
import { analyzeFile } from '../../../server/src/engine/analyze';
import { normalizeOptions } from '../../../server/src/engine/options';
import type { Rule, RuleFinding } from '../../../server/src/engine/rule';
import type { Fix } from '../../../server/src/engine/types';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { applyEdits, dedent } from '../../helpers/text';

/** Every finding of the full pipeline as `<rule id>: <message>`, sorted. */
export function pipeline(text: string, options: unknown = {}): string[] {
  const r = analyzeFile({ uri: 'test.yaml', text, options: normalizeOptions(options), mode: 'cli' });
  assert.deepEqual(r.failures, [], 'no rule failed');
  return r.findings.map((f) => `${f.ruleId}: ${f.message}`).sort();
}

export interface FixExpectation {
  /** Other findings the fix also resolves. */
  gone?: string[];
  /** Findings the fix makes appear (e.g. the fixed-heap hint once the heap fits). */
  appears?: string[];
  options?: unknown;
}

export function assertJvmFix(rule: Rule, before: string, finding: RuleFinding, fix: Fix, expected: string, e: FixExpectation = {}): void {
  const after = applyEdits(before, fix.edits);
  assert.equal(after, expected);
  assert.deepEqual(parseYaml(after, { helm: false }).docs.flatMap((d) => d.errors), [], 'the fixed text is valid YAML');
  const was = pipeline(before, e.options);
  const now = pipeline(after, e.options);
  const target = `${rule.id}: ${finding.message}`;
  assert.ok(was.includes(target), `${target} was reported before`);
  const expectedNow = [...was];
  for (const g of [target, ...(e.gone ?? [])]) {
    const i = expectedNow.indexOf(g);
    assert.ok(i >= 0, `${g} was reported before`);
    expectedNow.splice(i, 1);
  }
  expectedNow.push(...(e.appears ?? []));
  assert.deepEqual(now, expectedNow.sort(), 'only the fixed finding changed');
  assert.ok(!now.some((f) => f.startsWith(`${rule.id}: `) && f === target), 'the finding is gone');
}

export function findFix(f: RuleFinding, title: RegExp | string): Fix {
  const fix = f.fixes?.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
  assert.ok(fix, `fix ${String(title)} among ${JSON.stringify(f.fixes?.map((x) => x.title))}`);
  return fix;
}

export interface Placement {
  name: string;
  text: string;
  /** What the range covers / what a fix replaces: the option as written. */
  option: string;
}

const COMPANION = '-XX:+ExitOnOutOfMemoryError';

function deployment(container: string, memory: string, image: string, preamble = ''): string {
  return (
    preamble +
    dedent`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
      spec:
        template:
          spec:
            containers:
              - name: app
                image: ${image}
    ` +
    container +
    (memory
      ? `          resources:\n            limits:\n              memory: ${memory}\n`
      : // No limit, but a request: a Burstable pod (a BestEffort one is besteffort-pod's).
        `          resources:\n            requests:\n              memory: 1Gi\n`)
  );
}

/**
 * One option placed in each way a JVM receives options in Kubernetes: a `command` item, JAVA_TOOL_OPTIONS,
 * _JAVA_OPTIONS, `$(JAVA_OPTS)` in args (the option alone: Kubernetes does not split), `sh -c "exec java $JAVA_OPTS …"`,
 * and a ConfigMap value read through `configMapKeyRef`.
 */
/** `memory` is the container's memory limit; '' gives no limit and a 1Gi request. */
export function placements(option: string, memory = '2Gi', image = 'eclipse-temurin:17-jre'): Placement[] {
  const env = (name: string, value: string) => `          env:\n            - name: ${name}\n              value: "${value}"\n`;
  return [
    { name: 'a command item', option, text: deployment(`          command: ["java", "${option}", "-jar", "/app.jar"]\n`, memory, image) },
    {
      name: 'JAVA_TOOL_OPTIONS',
      option,
      text: deployment(`          command: ["java", "-jar", "/app.jar"]\n` + env('JAVA_TOOL_OPTIONS', `${option} ${COMPANION}`), memory, image),
    },
    {
      name: '_JAVA_OPTIONS',
      option,
      text: deployment(`          command: ["java", "-jar", "/app.jar"]\n` + env('_JAVA_OPTIONS', `${option} ${COMPANION}`), memory, image),
    },
    {
      name: '$(JAVA_OPTS) in args',
      option,
      text: deployment(`          command: ["java"]\n          args: ["$(JAVA_OPTS)", "-jar", "/app.jar"]\n` + env('JAVA_OPTS', option), memory, image),
    },
    {
      name: 'sh -c "exec java $JAVA_OPTS …"',
      option,
      text: deployment(
        `          command: ["sh", "-c", "exec java $JAVA_OPTS -jar /app.jar"]\n` + env('JAVA_OPTS', `${COMPANION} ${option}`),
        memory,
        image,
      ),
    },
    {
      name: 'a ConfigMap',
      option,
      text: deployment(
        `          command: ["java", "-jar", "/app.jar"]\n` +
          `          env:\n            - name: JAVA_TOOL_OPTIONS\n              valueFrom:\n                configMapKeyRef: {name: jvm, key: opts}\n`,
        memory,
        image,
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: jvm\ndata:\n  opts: "${option} ${COMPANION}"\n---\n`,
      ),
    },
  ];
}

/** The text after removing the option from its placement (the word and its separating blank, or the list item). */
export function removedFrom(p: Placement): string {
  if (p.name === 'a command item') return p.text.replace(`"${p.option}", `, '');
  if (p.name === '$(JAVA_OPTS) in args') return p.text.replace(`"${p.option}"`, '""');
  if (p.name.startsWith('sh -c')) return p.text.replace(` ${p.option}`, '');
  return p.text.replace(`${p.option} `, '');
}

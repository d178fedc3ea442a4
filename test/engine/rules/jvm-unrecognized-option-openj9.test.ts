// jvm-unrecognized-option for Eclipse OpenJ9 options on a HotSpot image, end to end through analyzeFile: the real
// corpus case (aasisgtm/hello-world: `-XX:+IdleTuningGcOnIdle -Xtune:virtualized` on `openjdk:17`, measured on
// HotSpot 17.0.15 in test/engine/jvm/openj9-options.test.ts), silence on OpenJ9 images, the safe removal fix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../server/src/engine/analyze';
import { normalizeOptions } from '../../../server/src/engine/options';
import { LineIndex } from '../../../server/src/engine/text';
import type { Finding } from '../../../server/src/engine/types';
import { jvmUnrecognizedOption } from '../../../server/src/engine/rules/jvm-unrecognized-option';
import { check } from '../../helpers/rule-context';
import { applyEdits, dedent, textAt } from '../../helpers/text';
import { assertJvmFix, placements, removedFrom } from './jvm-helpers';

const options = normalizeOptions({});
const unrecognized = (uri: string, text: string): Finding[] => {
  const a = analyzeFile({ uri, text, options, mode: 'cli' });
  assert.deepEqual(a.failures, []);
  return a.findings.filter((f) => f.ruleId === 'jvm-unrecognized-option');
};
const covered = (text: string, f: Finding): string => {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(f.range.start), lines.offset(f.range.end));
};
const dockerfile = (from: string) => dedent`
  FROM ${from}
  COPY app.jar /helloworld.jar
  CMD ["java", "-Dcom.sun.management.jmxremote", "-Xmx128m", "-XX:+IdleTuningGcOnIdle", "-Xtune:virtualized", "-jar", "helloworld.jar"]
`;

describe('jvm-unrecognized-option: OpenJ9 options', () => {
  it('reports both OpenJ9 options on HotSpot openjdk:17 as errors with HotSpot\'s message', () => {
    const text = dockerfile('public.ecr.aws/docker/library/openjdk:17-ea-14-alpine3.14');
    const fs = unrecognized('Dockerfile', text);
    assert.deepEqual(fs.map((f) => covered(text, f)), ['-XX:+IdleTuningGcOnIdle', '-Xtune:virtualized']);
    assert.deepEqual(fs.map((f) => f.severity), ['error', 'error']);
    assert.equal(
      fs[1].message,
      '`-Xtune:virtualized` is an Eclipse OpenJ9 option: HotSpot JDK 17 refuses to start ("Unrecognized option: -Xtune:virtualized")',
    );
    assert.equal(
      fs[0].message,
      '`-XX:+IdleTuningGcOnIdle` is an Eclipse OpenJ9 option: HotSpot JDK 17 refuses to start ("Unrecognized VM option \'IdleTuningGcOnIdle\'")',
    );
  });

  for (const p of placements('-Xtune:virtualized')) {
    it(`removes -Xtune:virtualized on HotSpot 17 through ${p.name} (safe fix), and the fixed text is clean`, () => {
      const [f, ...rest] = check(jvmUnrecognizedOption, p.text);
      assert.equal(rest.length, 0);
      assert.equal(textAt(p.text, f.range), '-Xtune:virtualized');
      if (p.name === '$(JAVA_OPTS) in args') return; // an emptied argument would become the main class: no fix
      const [fix] = f.fixes!;
      assert.deepEqual([fix.title, fix.safe, fix.isPreferred], ['Remove `-Xtune:virtualized` (an Eclipse OpenJ9 option)', true, true]);
      assertJvmFix(jvmUnrecognizedOption, p.text, f, fix, removedFrom(p));
    });
  }

  it('is silent on OpenJ9 images (Semeru, IBM Java, an -openj9 tag)', () => {
    for (const from of ['ibm-semeru-runtimes:open-17-jre', 'ibmjava:8-jre', 'adoptopenjdk:11-jre-openj9']) {
      assert.deepEqual(unrecognized('Dockerfile', dockerfile(from)), [], from);
    }
  });

  it('warns (not errors) when the image does not say which JVM it carries', () => {
    const fs = unrecognized('Dockerfile', dockerfile('registry.example.com/base/runtime:1.4'));
    assert.deepEqual(fs.map((f) => f.severity), ['warning', 'warning']);
    assert.match(fs[0].message, /HotSpot JDK 17 \(assumed: the image does not say\) refuses to start/);
  });

  it('works through JAVA_TOOL_OPTIONS in a Kubernetes manifest, and -XX:+IgnoreUnrecognizedVMOptions silences it', () => {
    const pod = (opts: string) => dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        containers:
          - name: app
            image: eclipse-temurin:21-jre
            command: ["java", "-jar", "/app.jar"]
            env:
              - name: JAVA_TOOL_OPTIONS
                value: "${opts}"
            resources: {limits: {memory: 1Gi}}
    `;
    const text = pod('-Xshareclasses:name=app -Xquickstart');
    const fs = unrecognized('pod.yaml', text);
    assert.deepEqual(fs.map((f) => covered(text, f)), ['-Xshareclasses:name=app', '-Xquickstart']);
    const fixed = applyEdits(text, fs[0].fixes![0].edits);
    assert.deepEqual(unrecognized('pod.yaml', fixed).map((f) => covered(fixed, f)), ['-Xquickstart']);
    assert.deepEqual(unrecognized('pod.yaml', pod('-XX:+IgnoreUnrecognizedVMOptions -Xshareclasses:name=app -Xquickstart')), []);
  });
});

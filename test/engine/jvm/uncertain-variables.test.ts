// An option variable on an image OOM Lens does not know (no row in images.ts) run with its own entrypoint: whether
// the image's start script reads it cannot be seen. The heap is computed as if it is not read, and every display
// says so and gives the heap as if it were (detect.ts uncertainVariables, analyze.ts ifUncertainRead). No rule
// fires on either guess. Modelled on the real corpus: the OpenTelemetry demo's Kafka container
// (ghcr.io/open-telemetry/demo:2.1.3-kafka, KAFKA_HEAP_OPTS "-Xmx400M -Xms400M", limit 600Mi) and
// pires/docker-elasticsearch-kubernetes:6.3.2 (ES_JAVA_OPTS "-Xms256m -Xmx256m").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile, buildYamlContext } from '../../../server/src/engine/analyze';
import { heapHintLabel, jvmHovers } from '../../../server/src/engine/jvm/present';
import { toJvmJson } from '../../../server/src/engine/json-contract';
import { DEFAULT_OPTIONS } from '../../../server/src/engine/options';
import { LineIndex } from '../../../server/src/engine/text';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { dedent, jvmOf } from './launch-helpers';

const MiB = 1n << 20n;

function kafka(image: string, value: string, extra = ''): string {
  return dedent(`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: kafka}
    spec:
      template:
        spec:
          containers:
            - name: kafka
              image: '${image}'
              env:
                - name: KAFKA_HEAP_OPTS
                  value: ${value}
    ${extra}          resources:
                limits: {memory: 600Mi}
  `);
}

/** The jvm-* rule ids the full pipeline reports. */
function jvmRules(text: string): string[] {
  const r = analyzeFile({ uri: 'kafka.yaml', text, options: DEFAULT_OPTIONS, mode: 'cli' });
  assert.deepEqual(r.failures, []);
  return r.findings.map((f) => f.ruleId).filter((id) => id.startsWith('jvm-'));
}

function subjects(text: string) {
  const lines = new LineIndex(text);
  const ctx = buildYamlContext({ text, options: DEFAULT_OPTIONS }, parseYaml(text), lines, 16n << 30n);
  return { ctx, lines };
}

describe('jvm: option variables on an image not in the table', () => {
  const text = kafka('ghcr.io/open-telemetry/demo:2.1.3-kafka', '-Xmx400M -Xms400M');

  it('detect: the variable is uncertain (neither read nor unread), with its options as they would reach the JVM', () => {
    const l = jvmOf(text)!;
    assert.equal(l.launcher, 'unknown');
    assert.equal(l.image, null);
    assert.deepEqual(l.unreadVariables, []);
    assert.deepEqual(l.tokens, []);
    assert.equal(l.uncertainVariables.length, 1);
    const u = l.uncertainVariables[0];
    assert.equal(u.name, 'KAFKA_HEAP_OPTS');
    assert.deepEqual(u.tokens.map((t) => t.text), ['-Xmx400M', '-Xms400M']);
    assert.ok(u.tokens.every((t) => t.origin === 'command-line' && t.span !== null));
    const note = l.unresolved.find((x) => x.what === 'KAFKA_HEAP_OPTS')!;
    assert.match(note.reason, /is set \(`-Xmx400M` `-Xms400M`\), but whether the image's entrypoint passes it to the JVM cannot be seen here/);
    assert.match(note.reason, /not in OOM Lens's image table/);
    assert.match(note.reason, /the heap shown assumes it is not read/);
  });

  it('analysis: the heap assumes it is not read; ifUncertainRead has the heap if it is', () => {
    const { ctx } = subjects(text);
    const a = ctx.jvmSubjects[0].analysis;
    assert.equal(a.heap!.heapSource, 'default');
    assert.equal(a.heap!.maxHeapBytes, 150n * MiB); // 25 % of 600Mi (REFERENCE §2.1)
    const alt = a.ifUncertainRead!;
    assert.deepEqual(alt.variables, ['KAFKA_HEAP_OPTS']);
    assert.equal(alt.heap.heapSource, 'Xmx');
    assert.equal(alt.heap.maxHeapBytes, 400n * MiB);
    // 400 MiB + the default budget (292 MiB + 5 % of the heap) does not fit 600Mi.
    assert.ok(alt.heap.maxHeapBytes + alt.budget.totalBytes > 600n * MiB);
  });

  it('hint and hover say plainly that the variable is set and its reading unknown, with both heaps', () => {
    const { ctx, lines } = subjects(text);
    const s = ctx.jvmSubjects[0];
    assert.equal(heapHintLabel(s.analysis, s.limitText), 'heap 150 MiB = 25 % of 600Mi · 400 MiB if KAFKA_HEAP_OPTS is read');
    const hover = jvmHovers(ctx.jvmSubjects, lines, text).find((h) => h.markdown.includes('**JVM in `kafka`**'))!;
    assert.match(hover.markdown, /\*\*Not known:\*\* `KAFKA_HEAP_OPTS` is set, but nothing here shows whether the JVM gets it\. The heap above assumes it is not read\./);
    assert.match(hover.markdown, /If it is read: max heap \*\*400 MiB\*\* \(Xmx\); heap \+ non-heap estimate [0-9.]+ MiB, more than the limit `600Mi`\./);
  });

  it('no finding rests on either guess; the JSON keeps the heap the JVM gets without the variable', () => {
    assert.deepEqual(jvmRules(text), []);
    const { ctx } = subjects(text);
    const json = toJvmJson(ctx.jvmSubjects[0].analysis)!;
    assert.equal(json.heapSource, 'default');
    assert.deepEqual(json.options, []);
    // … and says which variables it depends on, with the heap if they are read.
    assert.deepEqual(json.ifUncertainRead, { variables: ['KAFKA_HEAP_OPTS'], maxHeapBytes: 400n * MiB, heapSource: 'Xmx' });
  });

  it('an option the assumed JDK rejects: the hint says it would refuse to start', () => {
    const t = kafka('example.com/bank/balancereader:v1', '-XX:+UnlockExperimentalVMOptions -XX:+UseCGroupMemoryLimitForHeap -Xmx512m');
    const { ctx, lines } = subjects(t);
    const s = ctx.jvmSubjects[0];
    assert.equal(heapHintLabel(s.analysis, s.limitText), 'heap 150 MiB = 25 % of 600Mi · JDK 17 refuses to start if KAFKA_HEAP_OPTS is read');
    const hover = jvmHovers(ctx.jvmSubjects, lines, t).find((h) => h.markdown.includes('**JVM in `kafka`**'))!;
    assert.match(hover.markdown, /If it is read, JDK 17 \(assumed\) refuses to start \(`-XX:\+UseCGroupMemoryLimitForHeap`: `Unrecognized VM option 'UseCGroupMemoryLimitForHeap'`\)/);
  });

  it('same heap either way, or a value without options: no second heap, still "partly unknown"', () => {
    // 4Gi × 25 % = 1 GiB, and -Xmx1G: the same heap.
    const same = kafka('selenium/hub:4.1.2', '-Xms1G -Xmx1G').replace('600Mi', '4Gi');
    const s1 = subjects(same).ctx.jvmSubjects[0];
    assert.equal(s1.analysis.ifUncertainRead, null);
    assert.equal(heapHintLabel(s1.analysis, s1.limitText), 'heap 1 GiB = 25 % of 4Gi · partly unknown');
    const agent = kafka('example.com/app:1', '-javaagent:/otel.jar');
    assert.equal(subjects(agent).ctx.jvmSubjects[0].analysis.ifUncertainRead, null);
  });

  it('an image in the table reads the variable: no uncertainty (apache/kafka runs kafka-server-start.sh)', () => {
    const t = kafka('apache/kafka:3.7.0', '-Xmx400M -Xms400M');
    const { ctx } = subjects(t);
    const a = ctx.jvmSubjects[0].analysis;
    assert.deepEqual(a.launch.uncertainVariables, []);
    assert.equal(a.ifUncertainRead, null);
    assert.equal(a.heap!.maxHeapBytes, 400n * MiB);
    assert.ok(jvmRules(t).includes('jvm-heap-no-headroom'));
  });

  it('a known launch that does not pass the variable on: unread, not uncertain', () => {
    const t = kafka('eclipse-temurin:17-jre', '-Xmx400M', '          command: ["java", "-jar", "app.jar"]\n');
    const l = jvmOf(t)!;
    assert.equal(l.launcher, 'java');
    assert.deepEqual(l.uncertainVariables, []);
    assert.deepEqual(l.unreadVariables.map((u) => u.name), ['KAFKA_HEAP_OPTS']);
  });
});

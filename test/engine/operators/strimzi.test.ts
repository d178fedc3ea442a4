// Strimzi custom resources → the pods the cluster operator creates (operators/strimzi): `resources` as written,
// `jvmOptions` as KAFKA_HEAP_OPTS / performance options / system properties, the dynamic heap of
// dynamic_resources.sh, the operators' RAM percentages. Worked examples from /work/research (strimzi 1.2.0).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dynamicHeapBytes } from '../../../server/src/engine/operators/strimzi/heap';
import { dedent } from '../../helpers/text';
import { analyze, applyFix, component, container, covered, findings, GiB, MiB } from './helpers';

const kafka = (kafkaBody: string, extra = ''): string =>
  dedent`
    apiVersion: kafka.strimzi.io/v1beta2
    kind: Kafka
    metadata:
      name: my-cluster
    spec:
      kafka:
        replicas: 3
  ` +
  kafkaBody
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n') +
  '\n' +
  extra;

const NODE = 16n * GiB;

describe('dynamic_resources.sh (heap.ts)', () => {
  it('takes P % of the limit as a G1 JVM estimates it, then the cap', () => {
    assert.equal(dynamicHeapBytes(8n * GiB, 50, 5n * GiB), 4n * GiB);
    assert.equal(dynamicHeapBytes(16n * GiB, 50, 5n * GiB), 5n * GiB);
    assert.equal(dynamicHeapBytes(2n * GiB, 75, null), 1610612736n);
    assert.equal(dynamicHeapBytes(4n * GiB, 75, 2n * GiB), 2n * GiB);
    // 1920 MiB prints as `1.88G`, read back as 1.88 × 2^30 bytes.
    assert.equal(dynamicHeapBytes(2560n * MiB, 75, null), 2018634629n);
  });
});

describe('Strimzi Kafka', () => {
  it('gives an 8Gi Kafka broker a 4 GiB heap, -Xms = -Xmx (no jvmOptions)', () => {
    const text = kafka('resources:\n  requests:\n    memory: 8Gi\n  limits:\n    memory: 8Gi');
    const a = analyze(text);
    const w = component(a, 'kafka', 'Kafka');
    assert.equal(w.name, 'my-cluster');
    const c = container(w, 'kafka');
    assert.equal(c.jvm?.maxHeapBytes, 4n * GiB);
    assert.equal(c.jvm?.initialHeapBytes, 4n * GiB);
    assert.deepEqual(c.jvm?.options.slice(0, 3), ['-Xms4294967296', '-Xmx4294967296', '-server']);
    assert.equal(w.qosClass, 'Burstable');
    // The heap follows the limit: no jvm-fixed-heap hint on the computed -Xmx.
    assert.equal(findings(a, 'jvm-fixed-heap').length, 0);
    const hint = a.hints.find((h) => h.label.startsWith('kafka: Burstable · score'));
    assert.ok(hint);
  });
  it('caps the Kafka heap at 5 GiB', () => {
    const a = analyze(kafka('resources:\n  limits:\n    memory: 16Gi'));
    assert.equal(container(component(a, 'kafka')).jvm?.maxHeapBytes, 5n * GiB);
  });
  it('takes an explicit -Xmx and finds it on `jvmOptions.-Xmx`; the fix edits that value', () => {
    const text = kafka('resources:\n  limits:\n    memory: 2Gi\njvmOptions:\n  -Xmx: 2g\n  -Xms: 2g');
    const a = analyze(text);
    const c = container(component(a, 'kafka'));
    assert.equal(c.jvm?.maxHeapBytes, 2n * GiB);
    assert.equal(c.jvm?.heapSource, 'Xmx');
    const [f] = findings(a, 'jvm-heap-exceeds-limit');
    assert.ok(f);
    assert.equal(covered(text, f), '2g');
    const fixed = applyFix(text, f, /Lower the heap/);
    assert.match(fixed, /-Xmx: \d+m\n/);
    const b = analyze(fixed);
    assert.equal(findings(b, 'jvm-heap-exceeds-limit').length, 0);
    assert.equal(findings(b, 'jvm-heap-no-headroom').length, 0);
    // Raising the limit edits `resources.limits.memory`.
    const raised = applyFix(text, f, /Raise the memory/);
    assert.equal(findings(analyze(raised), 'jvm-heap-exceeds-limit').length, 0);
  });
  it('without memory: -Xms128M, the JVM default max heap from the node, BestEffort', () => {
    const a = analyze(kafka('listeners: []'));
    const w = component(a, 'kafka');
    assert.equal(w.qosClass, 'BestEffort');
    const c = container(w);
    assert.equal(c.oomScoreAdj, 1000);
    assert.equal(c.jvm?.options[0], '-Xms128M');
    assert.equal(c.jvm?.maxHeapBytes, NODE / 4n);
    assert.equal(findings(a, 'besteffort-pod').length, 1);
  });
  it('keeps a MaxRAMPercentage: no dynamic heap (0.37+, strimzi#8976)', () => {
    const a = analyze(kafka('resources:\n  limits:\n    memory: 4Gi\njvmOptions:\n  -XX:\n    MaxRAMPercentage: 70'));
    const c = container(component(a, 'kafka'));
    assert.equal(c.jvm?.heapSource, 'MaxRAMPercentage');
    assert.ok(c.jvm!.maxHeapBytes! > 2800n * MiB && c.jvm!.maxHeapBytes! < 2900n * MiB);
  });
  it('computes no heap when only -Xms is set: the JVM default 25 % of the limit, raised to -Xms', () => {
    const a = analyze(kafka('resources:\n  limits:\n    memory: 8Gi\njvmOptions:\n  -Xms: 1g'));
    const c = container(component(a, 'kafka'));
    assert.equal(c.jvm?.maxHeapBytes, 2n * GiB);
  });
  it('models ZooKeeper (75 %, at most 2 GiB) and the entity operator (15 % / 20 %)', () => {
    const extra = dedent`
      zookeeper:
        replicas: 3
        resources:
          limits:
            memory: 4Gi
      entityOperator:
        topicOperator:
          resources:
            limits:
              memory: 512Mi
        userOperator:
          resources:
            limits:
              memory: 2Gi
    `.replace(/^/gm, '  ');
    const a = analyze(kafka('resources:\n  limits:\n    memory: 8Gi', extra));
    assert.equal(container(component(a, 'zookeeper'), 'zookeeper').jvm?.maxHeapBytes, 2n * GiB);
    const eo = component(a, 'entity-operator');
    assert.deepEqual(eo.containers.map((c) => c.name), ['topic-operator', 'user-operator']);
    // 512Mi × 15 % (below the 124.8 MiB floor the JVM uses MinRAMPercentage) ≈ 78 MiB; 2Gi × 20 % ≈ 410 MiB.
    const topic = container(eo, 'topic-operator').jvm!.maxHeapBytes!;
    assert.ok(topic >= 76n * MiB && topic <= 78n * MiB, String(topic));
    const user = container(eo, 'user-operator').jvm!.maxHeapBytes!;
    assert.ok(user >= 409n * MiB && user <= 410n * MiB, String(user));
  });
  it('leaves out spec.kafka when node pools are enabled; a pool uses its own resources and inherits jvmOptions', () => {
    const text =
      kafka('jvmOptions:\n  -Xmx: 3g').replace('metadata:\n  name: my-cluster', 'metadata:\n  name: my-cluster\n  annotations:\n    strimzi.io/node-pools: enabled') +
      dedent`
        ---
        apiVersion: kafka.strimzi.io/v1beta2
        kind: KafkaNodePool
        metadata:
          name: brokers
          labels:
            strimzi.io/cluster: my-cluster
        spec:
          replicas: 3
          roles: [broker]
          resources:
            limits:
              memory: 8Gi
      `;
    const a = analyze(text);
    assert.equal(a.workloads.filter((w) => w.kind === 'Kafka' && w.component === 'kafka').length, 0);
    const pool = component(a, 'kafka', 'KafkaNodePool');
    assert.equal(pool.name, 'brokers');
    const c = container(pool, 'kafka');
    assert.equal(c.memoryLimitBytes, 8n * GiB);
    assert.equal(c.jvm?.maxHeapBytes, 3n * GiB);
  });
});

describe('Strimzi Connect, MirrorMaker 2 and the bridge', () => {
  const cr = (kind: string, body: string) => dedent`
    apiVersion: kafka.strimzi.io/v1beta2
    kind: ${kind}
    metadata:
      name: x
    spec:
      replicas: 1
  ` + body.split('\n').map((l) => `  ${l}`).join('\n') + '\n';
  it('gives Connect 75 % of a 2Gi limit, uncapped, in `x-connect`', () => {
    const a = analyze(cr('KafkaConnect', 'resources:\n  limits:\n    memory: 2Gi'));
    const c = container(component(a, 'connect', 'KafkaConnect'), 'x-connect');
    assert.equal(c.jvm?.maxHeapBytes, 1610612736n);
  });
  it('sizes a request-only MirrorMaker 2 from the node (no limit): jvm-no-memory-limit', () => {
    const a = analyze(cr('KafkaMirrorMaker2', 'resources:\n  requests:\n    memory: 2Gi'));
    const c = container(component(a, 'mirrormaker2'), 'x-mirrormaker2');
    assert.equal(c.jvm?.maxHeapBytes, (NODE * 3n) / 4n);
    assert.equal(findings(a, 'jvm-no-memory-limit').length, 1);
  });
  it("drops the bridge's performance options (its scripts do not read them)", () => {
    const a = analyze(cr('KafkaBridge', 'resources:\n  limits:\n    memory: 1Gi\njvmOptions:\n  -XX:\n    UseParallelGC: true'));
    const c = container(component(a, 'bridge'), 'x-bridge');
    assert.equal(c.jvm?.maxHeapBytes, 768n * MiB);
    assert.ok(!c.jvm?.options.includes('-XX:+UseParallelGC'));
  });
  it('reports a request above the limit on the resource itself', () => {
    const text = cr('KafkaConnect', 'resources:\n  requests:\n    memory: 4Gi\n  limits:\n    memory: 2Gi');
    const [f] = findings(analyze(text), 'request-exceeds-limit');
    assert.equal(covered(text, f), '2Gi');
  });
});

// FlinkDeployment → jobmanager and taskmanager pods (operators/flink): the process size from `resource.memory`,
// request = limit = that size in MiB, and Flink's memory model in exact bytes. Worked examples from /work/research
// (cross-checked there against real Flink logs: TM 1728m → -Xmx536870902, JM 1600m → -Xmx1073741824).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig, flinkMemory, multiply } from '../../../server/src/engine/operators/flink/model';
import { dedent } from '../../helpers/text';
import { analyze, component, container, covered, findings, MiB } from './helpers';

const tm = (mib: bigint, unbounded = true) => flinkMemory('taskmanager', mib * MiB, defaultConfig(unbounded));
const jm = (mib: bigint) => flinkMemory('jobmanager', mib * MiB, defaultConfig(true));

describe("Flink's memory model (model.ts)", () => {
  it('multiplies by the widened float, truncating: 0.1f of 2048m is 214748368 bytes', () => {
    assert.equal(multiply(2048n * MiB, Math.fround(0.1)), 214748368n);
  });
  it('gives a 1728m TaskManager -Xmx536870902 and MaxDirectMemorySize 268435458', () => {
    const b = tm(1728n);
    assert.deepEqual(b.options, ['-Xmx536870902', '-Xms536870902', '-XX:MaxDirectMemorySize=268435458', '-XX:MaxMetaspaceSize=268435456']);
    assert.equal(b.overhead, 192n * MiB);
    assert.equal(b.network, 134217730n);
    assert.equal(b.managed, 536870920n);
  });
  it('computes the 2048m and 4096m TaskManagers of the research table', () => {
    assert.equal(tm(2048n).heap, 697932173n);
    assert.equal(tm(2048n).direct, 300647712n);
    assert.equal(tm(4096n).heap, 1664299798n);
    assert.equal(tm(4096n).direct, 493921243n);
  });
  it('caps the overhead at 1g and the network at 1g before Flink 1.17', () => {
    assert.equal(tm(16384n, true).heap, 7784628106n);
    assert.equal(tm(16384n, false).heap, 8294655496n);
    assert.equal(tm(16384n, false).network, 1024n * MiB);
  });
  it('gives JobManagers heap = Flink memory − off-heap, without a direct memory limit', () => {
    assert.deepEqual(jm(1600n).options, ['-Xmx1073741824', '-Xms1073741824', '-XX:MaxMetaspaceSize=268435456']);
    assert.equal(jm(2048n).heap, 1530082096n);
    assert.equal(jm(1024n).heap, 469762048n);
    assert.equal(jm(12288n).overhead, 1024n * MiB);
  });
  it('refuses a process size below metaspace + overhead', () => {
    assert.match(tm(400n).error ?? '', /exceed/);
  });
});

const deployment = (tmMemory: string, extra = '') => dedent`
  apiVersion: flink.apache.org/v1beta1
  kind: FlinkDeployment
  metadata:
    name: wordcount
  spec:
    image: flink:1.20
    flinkVersion: v1_20
    flinkConfiguration:
      taskmanager.numberOfTaskSlots: "2"${extra}
    jobManager:
      resource:
        memory: "1600m"
        cpu: 1
    taskManager:
      resource:
        memory: "${tmMemory}"
        cpu: 1
`;

describe('FlinkDeployment as a source', () => {
  it('yields jobmanager and taskmanager with flink-main-container, Guaranteed, request = limit = the process size', () => {
    const a = analyze(deployment('1728m'));
    const t = component(a, 'taskmanager', 'FlinkDeployment');
    assert.equal(t.name, 'wordcount');
    assert.equal(t.qosClass, 'Guaranteed');
    const c = container(t, 'flink-main-container');
    assert.equal(c.memoryRequestBytes, 1728n * MiB);
    assert.equal(c.memoryLimitBytes, 1728n * MiB);
    // Flink writes -Xmx536870902; HotSpot aligns it up to the heap alignment (2 MiB).
    assert.deepEqual(c.jvm?.options.slice(0, 2), ['-Xmx536870902', '-Xms536870902']);
    assert.equal(c.jvm?.maxHeapBytes, 512n * MiB);
    assert.equal(container(component(a, 'jobmanager')).jvm?.maxHeapBytes, 1073741824n);
    assert.deepEqual(container(component(a, 'jobmanager')).jvm?.options.slice(0, 3), ['-Xmx1073741824', '-Xms1073741824', '-XX:MaxMetaspaceSize=268435456']);
    // Flink's flags follow the process size: no fixed-heap hint.
    assert.equal(findings(a, 'jvm-fixed-heap').length, 0);
  });
  it('reads Kubernetes quantities too (operator 1.7+): 2Gi = 2048m', () => {
    const a = analyze(deployment('2Gi'));
    assert.equal(container(component(a, 'taskmanager')).jvm?.options[0], '-Xmx697932173');
  });
  it('lets a user -Xmx in env.java.opts.taskmanager win; the finding lands on it', () => {
    const text = deployment('1728m', '\n      env.java.opts.taskmanager: "-Xmx2g"');
    const a = analyze(text);
    const c = container(component(a, 'taskmanager'));
    assert.equal(c.jvm?.maxHeapBytes, 2048n * MiB);
    const [f] = findings(a, 'jvm-heap-exceeds-limit');
    assert.ok(f);
    assert.equal(covered(text, f), '-Xmx2g');
  });
  it('applies the memory limit-factor', () => {
    const a = analyze(deployment('1728m', '\n      kubernetes.taskmanager.memory.limit-factor: "1.5"'));
    const c = container(component(a, 'taskmanager'));
    assert.equal(c.memoryLimitBytes, 2592n * MiB);
    assert.equal(component(a, 'taskmanager').qosClass, 'Burstable');
  });
  it('shows the breakdown in the hover on the component', () => {
    const text = deployment('1728m');
    const a = analyze(text);
    const hover = a.hovers.find((h) => covered(text, h) === 'taskManager');
    assert.match(hover?.markdown ?? '', /task heap \| 402653174 B /);
  });
});

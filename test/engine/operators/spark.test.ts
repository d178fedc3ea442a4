// SparkApplication → driver and executor pods (operators/spark): request = limit = memory + overhead with Spark's
// overhead rule, the heap Spark starts each JVM with, and the jvm-* rules on the resource's own fields. Worked
// examples from /work/research (apache/spark BasicDriverFeatureStep / BasicExecutorFeatureStep, Spark 3.x).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sparkMiB, sparkPodMemory, type SparkRoleInput } from '../../../server/src/engine/operators/spark/model';
import { dedent } from '../../helpers/text';
import { analyze, applyFix, component, container, covered, findings, GiB, MiB } from './helpers';

const base: SparkRoleInput = {
  role: 'driver',
  memory: '1g',
  memoryOverhead: null,
  nonJvm: false,
  kubernetesFactor: null,
  roleFactor: null,
  minOverhead: null,
  offHeap: null,
  pysparkMemory: null,
  sparkVersion: [3, 5, 0],
};
const total = (over: Partial<SparkRoleInput>) => sparkPodMemory({ ...base, ...over }).totalMiB;

/** A SparkApplication; `driver` and `executor` are their map lines separated by `\n` (no indentation). */
const app = (driver: string, executor: string, extra = ''): string => {
  const block = (s: string) => s.split('\n').map((l) => `    ${l}`).join('\n');
  return dedent`
    apiVersion: sparkoperator.k8s.io/v1beta2
    kind: SparkApplication
    metadata:
      name: pi
    spec:
      type: Scala
      sparkVersion: 3.5.0
      mainClass: org.apache.spark.examples.SparkPi
  ` + `${extra}  driver:\n${block(driver)}\n  executor:\n${block(executor)}\n`;
};

describe('Spark pod memory (model.ts)', () => {
  it('adds the 384 MiB floor to a 1g driver: 1408Mi', () => {
    assert.equal(total({}), 1408n);
    assert.equal(total({ memory: '2g' }), 2432n);
  });
  it('truncates 10 % above the floor: 4g → 409 MiB overhead, 4505Mi', () => {
    assert.equal(total({ memory: '4g' }), 4505n);
    assert.equal(total({ role: 'executor', memory: '8g' }), 9011n);
    assert.equal(total({ role: 'executor', memory: '3840m' }), 4224n);
  });
  it('uses 0.4 for Python and R applications', () => {
    assert.equal(total({ role: 'executor', memory: '4g', nonJvm: true }), 5734n);
    assert.equal(total({ memory: '1g', nonJvm: true }), 1433n);
  });
  it('takes an explicit memoryOverhead as it is', () => {
    assert.equal(total({ role: 'executor', memory: '4g', memoryOverhead: '1g' }), 5120n);
  });
  it('reads the role factor from Spark 3.3 and the minimum overhead from Spark 4.0', () => {
    assert.equal(total({ memory: '4g', roleFactor: '0.2' }), 4096n + 819n);
    assert.equal(total({ memory: '4g', roleFactor: '0.2', sparkVersion: [3, 2, 0], kubernetesFactor: '0.15' }), 4096n + 614n);
    assert.equal(total({ memory: '1g', minOverhead: '512m', sparkVersion: [4, 0, 0] }), 1536n);
    assert.equal(total({ memory: '1g', minOverhead: '512m', sparkVersion: [3, 5, 0] }), 1408n);
  });
  it("counts off-heap and PySpark memory on executors", () => {
    assert.equal(total({ role: 'executor', memory: '4g', offHeap: '1g' }), 4505n + 1024n);
    assert.equal(total({ role: 'executor', memory: '4g', nonJvm: true, pysparkMemory: '512m' }), 5734n + 512n);
  });
  it("reads Spark's units: binary, bare = MiB, no fractions", () => {
    assert.equal(sparkMiB('1g'), 1024n);
    assert.equal(sparkMiB('1G'), 1024n);
    assert.equal(sparkMiB('2048'), 2048n);
    assert.equal(sparkMiB('1500k'), 1n);
    assert.equal(sparkMiB('1.5g'), null);
  });
});

describe('SparkApplication as a source', () => {
  it('yields driver and executor workloads with Spark container names, sizes and heaps', () => {
    const a = analyze(app('memory: 1g\ncores: 1', 'memory: 4g\ninstances: 2'));
    const driver = component(a, 'driver', 'SparkApplication');
    assert.equal(driver.name, 'pi');
    const d = container(driver, 'spark-kubernetes-driver');
    assert.equal(d.memoryRequestBytes, 1408n * MiB);
    assert.equal(d.memoryLimitBytes, 1408n * MiB);
    assert.equal(d.jvm?.maxHeapBytes, GiB);
    assert.deepEqual(d.jvm?.options, ['-Xmx1g']);
    // A CPU request without a CPU limit: Burstable.
    assert.equal(driver.qosClass, 'Burstable');
    const e = container(component(a, 'executor'), 'spark-kubernetes-executor');
    assert.equal(e.memoryLimitBytes, 4505n * MiB);
    assert.deepEqual(e.jvm?.options, ['-Xms4096m', '-Xmx4096m']);
  });
  it('is Guaranteed with a coreLimit equal to the cores', () => {
    const a = analyze(app('memory: 1g\ncores: 1\ncoreLimit: "1"', 'memory: 1g'));
    assert.equal(component(a, 'driver').qosClass, 'Guaranteed');
  });
  it('reports no headroom on `memory: 4g` (overhead 409 MiB < the non-heap budget) and fixes it in the resource', () => {
    const text = app('memory: 1g', 'memory: 4g');
    const a = analyze(text);
    const [f] = findings(a, 'jvm-heap-no-headroom');
    assert.ok(f, 'no finding');
    assert.equal(covered(text, f), '4g');
    // Raising the limit writes memoryOverhead; the finding goes away.
    const raised = applyFix(text, f, /Raise the memory/);
    assert.match(raised, /memory: 4g\n    memoryOverhead: \d+m\n/);
    assert.equal(findings(analyze(raised), 'jvm-heap-no-headroom').length, 0);
    // Lowering the heap moves memory down and the overhead up by as much: the pod keeps its size.
    const lowered = applyFix(text, f, /Lower the heap/);
    const b = analyze(lowered);
    assert.equal(findings(b, 'jvm-heap-no-headroom').length, 0);
    assert.equal(container(component(b, 'executor')).memoryLimitBytes, 4505n * MiB);
  });
  it("applies the operator's memoryLimit to the limit only", () => {
    const a = analyze(app('memory: 1g', 'memory: 4g\nmemoryLimit: 6g'));
    const e = container(component(a, 'executor'));
    assert.equal(e.memoryRequestBytes, 4505n * MiB);
    assert.equal(e.memoryLimitBytes, 6n * GiB);
    assert.equal(component(a, 'executor').qosClass, 'Burstable');
    assert.equal(findings(a, 'jvm-heap-no-headroom').length, 0);
  });
  it('defaults memory to 1g and reads sparkConf under the typed fields', () => {
    const text = app('memory: 512m', 'cores: 1', '  sparkConf:\n    spark.executor.memory: 2g\n    spark.driver.memory: 3g\n');
    const a = analyze(text);
    assert.equal(container(component(a, 'driver')).memoryLimitBytes, 896n * MiB);
    assert.equal(container(component(a, 'executor')).memoryLimitBytes, 2432n * MiB);
  });
  it('puts the hint on the component and the derivation in its hover', () => {
    const text = app('memory: 1g', 'memory: 1g');
    const a = analyze(text);
    assert.ok(a.hints.some((h) => h.label.startsWith('driver: Burstable · score')));
    const hover = a.hovers.find((h) => covered(text, h) === 'executor');
    assert.match(hover?.markdown ?? '', /request = limit \*\*1408Mi\*\*/);
  });
});

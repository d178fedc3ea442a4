import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeJvm, type JvmAnalysis } from '../../../server/src/engine/jvm/analyze';
import { applyImageDefaults, isFormulaToken } from '../../../server/src/engine/jvm/image-defaults';
import { launchFromContainer } from '../../../server/src/engine/k8s/launch';
import { DEFAULT_OPTIONS } from '../../../server/src/engine/options';
import { dedent, model, pod } from './launch-helpers';

const MiB = 1024n * 1024n;
const GiB = 1024n * MiB;

/** The JVM of the first container, analysed against its own memory limit on a node of `node` bytes. */
function analyse(text: string, node = 16n * GiB): JvmAnalysis {
  const m = model(text);
  const w = m.workloads[0];
  const c = w.containers[0];
  const launch = launchFromContainer(c, m.configMaps, text, { namespace: w.namespace });
  const a = analyzeJvm(launch, {
    limitBytes: c.memoryLimitBytes,
    cpuLimitMilli: c.cpuLimitMilli,
    nodeMemoryBytes: node,
    options: DEFAULT_OPTIONS,
    text,
  });
  assert.ok(a, 'test fixture: a JVM is detected');
  return a;
}

const texts = (a: JvmAnalysis): string[] => a.launch.tokens.map((t) => t.text);

function es(tag: string, limit: string | null, extra = ''): string {
  const resources = limit ? `resources:\n  limits:\n    memory: ${limit}\n` : '';
  return pod(dedent(`image: docker.elastic.co/elasticsearch/elasticsearch:${tag}\n${resources}${extra}`));
}

describe('image-defaults: Elasticsearch', () => {
  it('sets -Xms/-Xmx to 50 % of a 2Gi container limit (8.x: no CLI overhead)', () => {
    const a = analyse(es('8.13.0', '2Gi'));
    assert.deepEqual(texts(a), ['-Xms1024m', '-Xmx1024m']);
    assert.equal(a.heap?.maxHeapBytes, 1n * GiB);
    assert.equal(a.heap?.heapSource, 'Xmx');
    assert.equal(a.imageHeap?.memoryBasis, 'container limit');
    assert.equal(a.imageHeap?.overheadBytes, 0n);
    assert.match(a.imageHeap?.explanation ?? '', /50 % of the container limit 2 GiB/);
  });

  it('takes 40 % below 1 GiB and never less than 128 MiB', () => {
    assert.equal(analyse(es('8.13.0', '512Mi')).imageHeap?.heapMb, 204);
    const small = analyse(es('8.13.0', '256Mi'));
    assert.equal(small.imageHeap?.heapMb, 128);
    assert.match(small.imageHeap?.explanation ?? '', /128 MiB minimum/);
    // 128 MiB is a multiple of the 2 MiB alignment: the JVM keeps it.
    assert.equal(small.heap?.maxHeapBytes, 128n * MiB);
  });

  it('subtracts the 100 MiB CLI overhead from 9.3 on (PR #139138)', () => {
    const a = analyse(es('9.3.0', '2Gi'));
    assert.equal(a.imageHeap?.overheadBytes, 100n * MiB);
    // 2048 − 100 = 1948 MiB ≥ 1 GiB → 50 % = 974 MiB.
    assert.equal(a.imageHeap?.heapMb, 974);
    assert.deepEqual(texts(a), ['-Xms974m', '-Xmx974m']);
    assert.equal(a.heap?.maxHeapBytes, 974n * MiB);
  });

  it('reads the node memory when the container has no limit', () => {
    const a = analyse(es('8.13.0', null), 8n * GiB);
    assert.equal(a.imageHeap?.memoryBasis, 'node memory');
    assert.equal(a.heap?.maxHeapBytes, 4n * GiB);
  });

  it('honours -Des.total_memory_bytes in ES_JAVA_OPTS', () => {
    const a = analyse(es('8.13.0', '4Gi', 'env:\n  - name: ES_JAVA_OPTS\n    value: -Des.total_memory_bytes=1073741824\n'));
    assert.equal(a.imageHeap?.memoryBasis, 'es.total_memory_bytes');
    assert.equal(a.heap?.maxHeapBytes, 512n * MiB);
    // The formula's options come after ES_JAVA_OPTS, as JvmOptionsParser appends them.
    assert.deepEqual(texts(a), ['-Des.total_memory_bytes=1073741824', '-Xms512m', '-Xmx512m']);
  });

  it('is skipped when ES_JAVA_OPTS sets the heap', () => {
    const a = analyse(es('8.13.0', '2Gi', 'env:\n  - name: ES_JAVA_OPTS\n    value: -Xms300m -Xmx300m\n'));
    assert.equal(a.imageHeap, null);
    assert.deepEqual(texts(a), ['-Xms300m', '-Xmx300m']);
    assert.equal(a.heap?.maxHeapBytes, 300n * MiB);
  });

  it('still runs when only JAVA_TOOL_OPTIONS sets -Xmx, and its -Xmx wins on the command line', () => {
    const a = analyse(es('8.13.0', '2Gi', 'env:\n  - name: JAVA_TOOL_OPTIONS\n    value: -Xmx300m\n'));
    assert.equal(a.imageHeap?.heapMb, 1024);
    assert.equal(a.launch.imageDefaults[0].applies, true);
    assert.deepEqual(texts(a), ['-Xmx300m', '-Xms1024m', '-Xmx1024m']);
    assert.equal(a.heap?.maxHeapBytes, 1n * GiB);
  });

  it('stays below _JAVA_OPTIONS, which the JVM reads last', () => {
    const a = analyse(es('8.13.0', '2Gi', 'env:\n  - name: _JAVA_OPTIONS\n    value: -Xms200m -Xmx300m\n'));
    assert.deepEqual(texts(a), ['-Xms1024m', '-Xmx1024m', '-Xms200m', '-Xmx300m']);
    assert.equal(a.heap?.maxHeapBytes, 300n * MiB);
    assert.deepEqual(a.settings.problems, []);
  });

  it('leaves legacy (< 7.11) images to their fixed jvm.options', () => {
    const a = analyse(es('7.10.2', '2Gi'));
    assert.equal(a.imageHeap, null);
    assert.deepEqual(texts(a), ['-Xms1g', '-Xmx1g']);
  });
});

describe('image-defaults: Cassandra', () => {
  const cassandra = (env = ''): string =>
    pod(dedent(`image: cassandra:4.1\nresources:\n  limits:\n    memory: 2Gi\n${env}`));

  it('sizes the heap from the node memory, not the container limit (free -m)', () => {
    const a = analyse(cassandra(), 16n * GiB);
    assert.equal(a.imageHeap?.memoryBasis, 'node memory');
    // 16384 MiB: max(min(8192, 1024), min(4096, 8192)) = 4096 MiB, above the 2Gi limit.
    assert.deepEqual(texts(a), ['-Xms4096M', '-Xmx4096M']);
    assert.equal(a.heap?.maxHeapBytes, 4n * GiB);
    assert.match(a.imageHeap?.explanation ?? '', /16384 MiB, the node's memory/);
  });

  it('takes half the node memory, capped at 1 GiB, on small nodes', () => {
    assert.equal(analyse(cassandra(), 2n * GiB).heap?.maxHeapBytes, 1n * GiB);
    assert.equal(analyse(cassandra(), 64n * GiB).heap?.maxHeapBytes, 8n * GiB);
  });

  it('puts -Xms/-Xmx before JVM_EXTRA_OPTS, so an -Xmx there wins', () => {
    const a = analyse(cassandra('env:\n  - name: JVM_EXTRA_OPTS\n    value: -Xmx3g\n'));
    assert.deepEqual(texts(a), ['-Xms4096M', '-Xmx4096M', '-Xmx3g']);
    assert.equal(a.settings.maxHeapSize?.value, 3n * GiB);
    // The script's -Xms4096M stays: above the user's -Xmx the JVM refuses to start.
    assert.deepEqual(a.settings.problems.map((p) => p.code), ['initial-exceeds-max']);
  });

  it('is skipped when MAX_HEAP_SIZE is set', () => {
    const a = analyse(cassandra('env:\n  - name: MAX_HEAP_SIZE\n    value: 1G\n'));
    assert.equal(a.imageHeap, null);
    assert.deepEqual(texts(a), ['-Xms1G', '-Xmx1G']);
  });
});

describe('image-defaults: applyImageDefaults', () => {
  it('is idempotent: applying twice replaces its own tokens', () => {
    const a = analyse(es('8.13.0', '2Gi'));
    const again = applyImageDefaults(a.launch, { limitBytes: 4n * GiB, nodeMemoryBytes: 16n * GiB });
    assert.deepEqual(again.launch.tokens.map((t) => t.text), ['-Xms2048m', '-Xmx2048m']);
    assert.ok(again.launch.tokens.every(isFormulaToken));
  });

  it('leaves a launch without a formula unchanged', () => {
    const a = analyse(pod(dedent(`
      image: eclipse-temurin:17
      command: ["java", "-Xmx1g", "-jar", "app.jar"]
    `)));
    const same = applyImageDefaults(a.launch, { limitBytes: GiB, nodeMemoryBytes: 16n * GiB });
    assert.equal(same.launch, a.launch);
    assert.equal(same.formula, null);
    assert.equal(isFormulaToken(a.launch.tokens[0]), false);
  });
});

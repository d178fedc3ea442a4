import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeHeap, type HeapInput } from '../../../server/src/engine/jvm/ergonomics';
import { interpretOptions, tokenizeOptions } from '../../../server/src/engine/jvm/options';
import { formatBytesExact } from '../../../server/src/engine/bytes';

const MiB = 1024n * 1024n;
const GiB = 1024n * MiB;

function heap(flags: string, o: Partial<Omit<HeapInput, 'settings'>> & { update?: number | null } = {}) {
  const jdkMajor = o.jdkMajor ?? 17;
  const settings = interpretOptions(tokenizeOptions(flags), { major: jdkMajor, update: o.update ?? null });
  assert.deepEqual(settings.problems, []);
  return computeHeap({
    settings,
    limitBytes: o.limitBytes === undefined ? 2n * GiB : o.limitBytes,
    nodeMemoryBytes: o.nodeMemoryBytes ?? 16n * GiB,
    cpus: o.cpus ?? 4,
    jdkMajor,
    jdkUpdate: o.update ?? o.jdkUpdate ?? null,
    cgroupVersion: o.cgroupVersion,
  });
}

describe('computeHeap: regimes and sources (REFERENCE §2.1)', () => {
  it('uses MinRAMPercentage below ~250 MiB and says so', () => {
    const h = heap('-XX:MaxRAMPercentage=75.0', { limitBytes: 200n * MiB });
    assert.equal(h.maxHeapBytes, 100n * MiB);
    assert.equal(h.heapSource, 'MinRAMPercentage');
    assert.match(h.steps.join('\n'), /MaxRAMPercentage is ignored/);
  });

  it('floors at 124.8 MiB between ~250 and ~500 MiB (source: default)', () => {
    const h = heap('', { limitBytes: 300n * MiB });
    assert.equal(h.maxHeapBytes, 126n * MiB);
    assert.equal(h.heapSource, 'default');
    assert.equal(h.gc, 'Serial');
  });

  it('names the flag that decided the heap', () => {
    assert.equal(heap('-XX:MaxRAMPercentage=75.0').heapSource, 'MaxRAMPercentage');
    assert.equal(heap('-XX:MaxRAMFraction=2').heapSource, 'MaxRAMFraction');
    assert.equal(heap('-XX:MaxRAM=4g').heapSource, 'MaxRAM');
    assert.equal(heap('-Xmx1g').heapSource, 'Xmx');
    assert.equal(heap('-XX:MaxHeapSize=1g').heapSource, 'MaxHeapSize');
    assert.equal(heap('-Xms1500m').heapSource, 'Xms');
    assert.equal(heap('').heapSource, 'default');
  });

  it('reports physical memory, the RAM basis, alignment, coops and the share of the limit', () => {
    const h = heap('-XX:MaxRAMPercentage=75.0', { limitBytes: 2n * GiB });
    assert.equal(h.physicalMemoryBytes, 2n * GiB);
    assert.equal(h.ramBasisBytes, 2n * GiB);
    assert.equal(h.maxHeapBytes, 1536n * MiB);
    assert.equal(h.gc, 'G1');
    assert.equal(h.heapAlignment, 2n * MiB);
    assert.equal(h.compressedOops, true);
    assert.equal(h.percentUsed, 75);
    assert.ok(h.steps.length >= 3);
    assert.ok(h.steps.every((s) => typeof s === 'string' && s.length > 0));
  });

  it('keeps physical memory when -XX:MaxRAM is set: the collector still comes from the container', () => {
    const h = heap('-XX:MaxRAM=4g', { limitBytes: 512n * MiB, cpus: 2 });
    assert.equal(h.physicalMemoryBytes, 512n * MiB);
    assert.equal(h.ramBasisBytes, 4n * GiB);
    assert.equal(h.maxHeapBytes, GiB);
    assert.equal(h.gc, 'Serial');
  });

  it('sizes from node memory without a limit, with -XX:-UseContainerSupport, or when the limit is at least node memory', () => {
    assert.equal(heap('', { limitBytes: null }).maxHeapBytes, 4n * GiB);
    const off = heap('-XX:-UseContainerSupport', { limitBytes: 512n * MiB });
    assert.equal(off.maxHeapBytes, 4n * GiB);
    assert.equal(off.containerLimitUsed, false);
    assert.equal(heap('', { limitBytes: 32n * GiB }).maxHeapBytes, 4n * GiB);
    assert.equal(heap('', { limitBytes: 16n * GiB }).physicalMemoryBytes, 16n * GiB);
  });

  it('chooses the collector from CPUs and memory, and honours the server-class flags', () => {
    assert.equal(heap('', { cpus: 1 }).gc, 'Serial');
    assert.equal(heap('', { limitBytes: 1791n * MiB }).gc, 'Serial');
    assert.equal(heap('', { limitBytes: 1792n * MiB }).gc, 'G1');
    assert.equal(heap('-XX:ActiveProcessorCount=1').gc, 'Serial');
    assert.equal(heap('-XX:+AlwaysActAsServerClassMachine', { cpus: 1, limitBytes: 512n * MiB }).gc, 'G1');
    assert.equal(heap('-XX:+NeverActAsServerClassMachine').gc, 'Serial');
    assert.equal(heap('-XX:+UseParallelGC', { cpus: 1 }).gc, 'Parallel');
    assert.equal(heap('').gcErgonomic, true);
    assert.equal(heap('-XX:+UseSerialGC').gcErgonomic, false);
  });

  it('aligns to the G1 region size on big heaps', () => {
    const h = heap('-Xmx10001m', { limitBytes: 16n * GiB });
    assert.equal(h.heapAlignment, 8n * MiB);
    assert.equal(h.maxHeapBytes, 10008n * MiB);
  });

  it('reports G1 with a 2 MiB heap as a start-up failure', () => {
    assert.equal(heap('-Xmx2m').fatal, 'GC triggered before VM initialization completed');
    assert.equal(heap('-XX:+UseSerialGC -Xmx2m').fatal, null);
    assert.equal(heap('-Xmx3m').fatal, null);
  });
});

describe('computeHeap: compressed oops (REFERENCE §2.3, trap 15)', () => {
  it('turns compressed oops off instead of capping when a RAM flag is set on JDK 17', () => {
    const h = heap('-XX:MaxRAMPercentage=50.0', { limitBytes: 64n * GiB, nodeMemoryBytes: 128n * GiB });
    assert.equal(h.maxHeapBytes, 32n * GiB);
    assert.equal(h.compressedOops, false);
  });

  it('caps at 32 GiB − 32 MiB − 2 GiB for G1 without RAM flags', () => {
    const h = heap('', { limitBytes: null, nodeMemoryBytes: 200n * GiB });
    assert.equal(h.ramBasisBytes, 128n * GiB);
    assert.equal(h.maxHeapBytes, 32_178_700_288n);
    assert.equal(h.compressedOops, true);
  });

  it('always caps on JDK 11 (no override_coop_limit): MaxRAMPercentage=80 on 100 GB gives ~29.97 GiB', () => {
    const h = heap('-XX:MaxRAMPercentage=80', { jdkMajor: 11, update: 20, limitBytes: 100_000_000_000n, nodeMemoryBytes: 128n * GiB });
    assert.equal(h.maxHeapBytes, 32_178_700_288n);
    assert.equal(h.compressedOops, true);
    const h17 = heap('-XX:MaxRAMPercentage=80', { limitBytes: 100_000_000_000n, nodeMemoryBytes: 128n * GiB });
    assert.equal(h17.compressedOops, false);
    assert.equal(h17.maxHeapBytes, 80_000_000_000n + (32n * MiB - (80_000_000_000n % (32n * MiB))));
  });

  it('has no compressed oops with ZGC', () => {
    assert.equal(heap('-XX:+UseZGC').compressedOops, false);
  });
});

describe('computeHeap: JDK differences', () => {
  it('uses Parallel on a JDK 8 server-class machine and caps it at 32 GiB − 2 MiB − 2 GiB', () => {
    const h = heap('', { jdkMajor: 8, update: 402, limitBytes: null, nodeMemoryBytes: 256n * GiB });
    assert.equal(h.gc, 'Parallel');
    assert.equal(h.maxHeapBytes, 32_210_157_568n);
  });

  it('drops the 128 GiB MaxRAM default from JDK 26', () => {
    const h26 = heap('', { jdkMajor: 26, limitBytes: null, nodeMemoryBytes: 256n * GiB });
    assert.equal(h26.ramBasisBytes, 256n * GiB);
    const h17 = heap('', { limitBytes: null, nodeMemoryBytes: 256n * GiB });
    assert.equal(h17.ramBasisBytes, 128n * GiB);
  });

  it('sizes a JDK 8 before 8u191 from node memory despite the limit', () => {
    const h = heap('', { jdkMajor: 8, update: 151, limitBytes: GiB, nodeMemoryBytes: 16n * GiB });
    assert.equal(h.physicalMemoryBytes, 16n * GiB);
    assert.equal(h.maxHeapBytes, 4n * GiB);
    assert.equal(h.containerLimitUsed, false);
  });

  it('sizes JDK 11.0.15 from node memory on cgroup v2 but from the limit on cgroup v1', () => {
    assert.equal(heap('', { jdkMajor: 11, update: 15, limitBytes: 2n * GiB, cgroupVersion: 2 }).maxHeapBytes, 4n * GiB);
    assert.equal(heap('', { jdkMajor: 11, update: 15, limitBytes: 2n * GiB, cgroupVersion: 1 }).maxHeapBytes, 512n * MiB);
    assert.equal(heap('', { jdkMajor: 11, update: 16, limitBytes: 2n * GiB, cgroupVersion: 2 }).maxHeapBytes, 512n * MiB);
  });

  it('assumes an unknown build honours the limit (jvm-legacy-jdk reports the doubt)', () => {
    assert.equal(heap('', { jdkMajor: 11, update: null, limitBytes: 2n * GiB }).maxHeapBytes, 512n * MiB);
  });

  it('takes the cgroup v1 limit as MaxRAM with the experimental flag on JDK 8u131+', () => {
    const h = heap('-XX:+UnlockExperimentalVMOptions -XX:+UseCGroupMemoryLimitForHeap', {
      jdkMajor: 8, update: 181, limitBytes: 2n * GiB, cgroupVersion: 1, nodeMemoryBytes: 16n * GiB,
    });
    assert.equal(h.physicalMemoryBytes, 16n * GiB);
    assert.equal(h.ramBasisBytes, 2n * GiB);
    assert.equal(h.maxHeapBytes, 512n * MiB);
    assert.equal(h.gc, 'Parallel');
  });

  it('rounds the G1 region down from the average heap before JDK 15', () => {
    // JDK 11: (initial 256 MiB + max 4 GiB) / 2 / 2048 = 1.06 MiB → 1 MiB; JDK 17: 4 GiB / 2048 = 2 MiB.
    const h11 = heap('-Xmx4097m', { jdkMajor: 11, update: 20, limitBytes: 16n * GiB });
    assert.equal(h11.heapAlignment, 2n * MiB);
    const h17 = heap('-Xmx4097m', { limitBytes: 16n * GiB });
    assert.equal(h17.heapAlignment, 4n * MiB);
    assert.equal(h17.maxHeapBytes, 4100n * MiB);
  });
});

describe('computeHeap: Runtime.maxMemory()', () => {
  // Measured on 17.0.15: -Xmx512m → Serial 518979584, Parallel 477626368, G1 536870912 (REFERENCE §2.2).
  it('leaves one 64 KiB-aligned survivor out for Serial', () => {
    const h = heap('-XX:+UseSerialGC -Xmx512m');
    assert.equal(h.maxMemoryBytes, 518_979_584n);
    assert.equal(h.maxMemoryModelled, true);
  });

  it('leaves young/MinSurvivorRatio (512 KiB-aligned) out for Parallel', () => {
    assert.equal(heap('-XX:+UseParallelGC -Xmx512m').maxMemoryBytes, 477_626_368n);
  });

  it('equals the max heap for G1', () => {
    assert.equal(heap('-XX:+UseG1GC -Xmx512m').maxMemoryBytes, 536_870_912n);
  });

  it('falls back to the max heap when the young generation is tuned by hand', () => {
    const h = heap('-XX:+UseSerialGC -Xmx512m -Xmn100m');
    assert.equal(h.maxMemoryBytes, 512n * MiB);
    assert.equal(h.maxMemoryModelled, false);
  });
});

describe('formatBytesExact', () => {
  it('prints exact binary sizes', () => {
    assert.equal(formatBytesExact(126n * MiB), '126 MiB');
    assert.equal(formatBytesExact(1536n * MiB), '1.5 GiB');
    assert.equal(formatBytesExact(130_862_280n), '130862280 B (124.8 MiB)');
    assert.equal(formatBytesExact(512n), '512 B');
  });
});

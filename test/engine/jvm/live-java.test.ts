// The model against the real `java` on this machine: heap sizes from -XX:+PrintFlagsFinal, Runtime.maxMemory(),
// and whether the options the validator refuses really stop the JVM. Runs the JVMs in a small pool.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { computeHeap } from '../../../server/src/engine/jvm/ergonomics';
import { interpretOptions, parseJvmSize, tokenizeOptions } from '../../../server/src/engine/jvm/options';

interface Run {
  code: number | null;
  out: string;
  flags: Map<string, string>;
}

function runJava(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile('java', args, { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error('`java` is not on PATH: the live JVM tests need a JDK 17 `java` (REFERENCE.md measurements were made with OpenJDK 17.0.15)'));
        return;
      }
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      const flags = new Map<string, string>();
      for (const m of stdout.matchAll(/^\s*\S+\s+(\w+)\s+:?=\s+(\S+)/gm)) flags.set(m[1], m[2]);
      resolve({ code, out: `${stdout}\n${stderr}`, flags });
    });
  });
}

async function pool<T, R>(items: T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

const SIZES = ['100m', '200m', '256m', '300m', '500m', '768m', '1g', '1791m', '1792m', '2g', '3g', '6g', '16g', '31g', '32g', '48g', '64g'];
const FLAG_SETS = [
  '',
  '-XX:MaxRAMPercentage=75.0',
  '-XX:MinRAMPercentage=25.0',
  '-Xms256m',
  '-Xmx700m',
  '-XX:MaxRAMFraction=3',
  '-XX:+UseSerialGC',
  '-XX:+UseG1GC -XX:MaxRAMPercentage=60',
  '-XX:InitialRAMPercentage=10.5',
  '-XX:+UseParallelGC -XX:MaxRAMPercentage=90.0',
  '-XX:ErgoHeapSizeLimit=3g',
  '-XX:+UseSerialGC -Xms100m -Xmx301m',
];
const CPUS = [1, 2, 4];

// About 70 combinations: every size meets every third flag set, CPUs rotating (given explicitly so the
// test does not depend on how this machine's CPU count is detected).
const COMBOS = SIZES.flatMap((size, i) =>
  FLAG_SETS.flatMap((flags, j) => ((i + j) % 3 === 0 ? [{ size, flags, cpus: CPUS[(i + j) % CPUS.length] }] : [])),
);

// Options the validator refuses (and two start-up failures of the model), and options it accepts.
const REFUSED = ['-Xmx1.5g', '-Xmx1gb', '-Xmx=512m', '-Xmx0', '-XX:MaxHeapSize=1.5g', '-XX:MaxRAMPercentage=75%',
  '-XX:MaxRAMPercentage=101', '-XX:MaxRAMPercentage=1e1', '-XX:MaxRAMPercentage=+50', '-XX:MaxRAMFraction=0',
  '-XX:+UseCGroupMemoryLimitForHeap', '-Xms2g -Xmx1g', '-XX:InitialHeapSize=2g -Xmx1g', '-Xmx1m', '-Xms512k',
  '-XX:MaxRAM=1.5g', '-XX:+UseSerialGC -XX:+UseG1GC', '-Xss1.5m', '-Xss100', '-XX:MaxPermSize=1g', '-XX:+UseG1GC -Xmx2m'];
const ACCEPTED = ['-XX:MaxRAMPercentage=0x32', '-XX:MaxRAMPercentage=7.5e1', '-XX:MaxRAMPercentage=0050', '-Xms0',
  '-Xmx0x40000000', '-XX:+UseSerialGC -Xmx2m', '-XX:ThreadStackSize=512', '-Xss136k', '-Xss0', '-XX:+UseG1GC -XX:-UseG1GC -XX:+UseSerialGC'];

const MAX_MEMORY = ['-XX:+UseSerialGC -Xmx300m', '-XX:+UseSerialGC -XX:MaxRAM=1g', '-XX:+UseParallelGC -Xmx3000m',
  '-XX:+UseParallelGC -XX:MaxRAM=700m', '-XX:+UseG1GC -Xmx1g'];

describe('live java: the model against this machine\'s JVM', () => {
  let physical = 0n;
  let heapRuns: Run[] = [];
  let refusedRuns: Run[] = [];
  let acceptedRuns: Run[] = [];
  let maxMemoryRuns: Run[] = [];
  let dir = '';

  before(async () => {
    // With a RAM flag set, HotSpot stores os::physical_memory() in MaxRAM (FLAG_SET_ERGO): exactly what the JVM sees.
    const base = await runJava(['-XX:MaxRAMPercentage=100.0', '-XX:+PrintFlagsFinal', '-version']);
    assert.equal(base.code, 0, base.out);
    physical = BigInt(base.flags.get('MaxRAM')!);
    dir = mkdtempSync(join(tmpdir(), 'oom-lens-live-'));
    const src = join(dir, 'MaxMem.java');
    writeFileSync(src, 'public class MaxMem { public static void main(String[] a) { System.out.println(Runtime.getRuntime().maxMemory()); } }\n');
    const jobs: Array<() => Promise<Run>> = [
      ...COMBOS.map((c) => () => runJava([`-XX:MaxRAM=${c.size}`, `-XX:ActiveProcessorCount=${c.cpus}`, ...tokenizeOptions(c.flags).map((t) => t.text), '-XX:+PrintFlagsFinal', '-version'])),
      ...REFUSED.map((f) => () => runJava(['-XX:MaxRAM=4g', ...f.split(' '), '-version'])),
      ...ACCEPTED.map((f) => () => runJava(['-XX:MaxRAM=4g', ...f.split(' '), '-version'])),
      ...MAX_MEMORY.map((f) => () => runJava([...f.split(' '), src])),
    ];
    const all = await pool(jobs, 4, (job) => job());
    heapRuns = all.slice(0, COMBOS.length);
    refusedRuns = all.slice(COMBOS.length, COMBOS.length + REFUSED.length);
    acceptedRuns = all.slice(COMBOS.length + REFUSED.length, COMBOS.length + REFUSED.length + ACCEPTED.length);
    maxMemoryRuns = all.slice(COMBOS.length + REFUSED.length + ACCEPTED.length);
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('covers at least 40 combinations', () => assert.ok(COMBOS.length >= 40));

  COMBOS.forEach((c, i) => {
    it(`-XX:MaxRAM=${c.size} ${c.flags || '(no flags)'} on ${c.cpus} CPU(s): MaxHeapSize, InitialHeapSize, GC and coops match`, () => {
      const run = heapRuns[i];
      assert.equal(run.code, 0, run.out);
      const settings = interpretOptions(tokenizeOptions(`-XX:MaxRAM=${c.size} -XX:ActiveProcessorCount=${c.cpus} ${c.flags}`), { major: 17 });
      assert.deepEqual(settings.problems, []);
      const h = computeHeap({ settings, limitBytes: null, nodeMemoryBytes: physical, cpus: c.cpus, jdkMajor: 17 });
      assert.equal(h.maxHeapBytes, BigInt(run.flags.get('MaxHeapSize')!));
      assert.equal(h.initialHeapBytes, BigInt(run.flags.get('InitialHeapSize')!));
      assert.equal(h.minHeapBytes, BigInt(run.flags.get('MinHeapSize')!));
      assert.equal(run.flags.get(`Use${h.gc}GC`), 'true');
      assert.equal(String(h.compressedOops), run.flags.get('UseCompressedOops'));
      assert.equal(parseJvmSize(c.size), BigInt(run.flags.get('MaxRAM')!));
    });
  });

  REFUSED.forEach((flags, i) => {
    it(`the JVM refuses \`${flags}\` as the validator says, with its message`, () => {
      const settings = interpretOptions(tokenizeOptions(`-XX:MaxRAM=4g ${flags}`), { major: 17 });
      const h = computeHeap({ settings, limitBytes: null, nodeMemoryBytes: physical, cpus: 2, jdkMajor: 17 });
      const messages = [...settings.problems.map((p) => p.message), ...(h.fatal ? [h.fatal] : [])];
      assert.ok(messages.length > 0, 'the validator accepts it');
      assert.notEqual(refusedRuns[i].code, 0, refusedRuns[i].out);
      assert.ok(refusedRuns[i].out.includes(messages[0]), `${messages[0]} not in:\n${refusedRuns[i].out}`);
    });
  });

  ACCEPTED.forEach((flags, i) => {
    it(`the JVM starts with \`${flags}\` as the validator says`, () => {
      const settings = interpretOptions(tokenizeOptions(`-XX:MaxRAM=4g ${flags}`), { major: 17 });
      const h = computeHeap({ settings, limitBytes: null, nodeMemoryBytes: physical, cpus: 2, jdkMajor: 17 });
      assert.deepEqual(settings.problems, []);
      assert.equal(h.fatal, null);
      assert.equal(acceptedRuns[i].code, 0, acceptedRuns[i].out);
    });
  });

  MAX_MEMORY.forEach((flags, i) => {
    it(`Runtime.maxMemory() with \`${flags}\` matches maxMemoryBytes`, () => {
      const run = maxMemoryRuns[i];
      assert.equal(run.code, 0, run.out);
      const settings = interpretOptions(tokenizeOptions(flags), { major: 17 });
      const h = computeHeap({ settings, limitBytes: null, nodeMemoryBytes: physical, cpus: 2, jdkMajor: 17 });
      assert.equal(h.maxMemoryBytes, BigInt(run.out.trim().split(/\s+/)[0]));
    });
  });
});

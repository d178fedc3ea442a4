// Every row of the measured JVM tables (OpenJDK 17.0.15, ../shared/reference-data/*.csv) against the model.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { computeHeap } from '../../../server/src/engine/jvm/ergonomics';
import { interpretOptions, tokenizeOptions, type OptionOrigin, type OptionToken } from '../../../server/src/engine/jvm/options';

const DATA = resolve(__dirname, '..', '..', '..', '..', 'shared', 'reference-data');

/**
 * The measuring machine: 2 CPUs and 25276514304 B of RAM. Derived from the data, not assumed: the unlimited rows
 * (cgroup limits above host memory, P6, P20) give 25 % → 6320816128 (G1, 4 MiB regions) and 1.5625 % → 398458880,
 * which pins host RAM to (24096 MiB, 24112 MiB]; 25276514304 B is this machine's MemTotal and lies inside.
 */
const HOST_MEMORY = 25_276_514_304n;
const HOST_CPUS = 2;

function readCsv(name: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(resolve(DATA, name), 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  // The files have CRLF line ends. No field contains a comma except the free-text stderr column, which is last.
  return lines.map((line) => {
    const cells = line.split(',');
    const row: Record<string, string> = {};
    cols.forEach((c, i) => (row[c] = i === cols.length - 1 ? cells.slice(i).join(',') : cells[i] ?? ''));
    return row;
  });
}

describe('jvm_grid.csv: -XX:MaxRAM=<mem> on the measuring host', () => {
  for (const row of readCsv('jvm_grid.csv')) {
    it(`MaxRAM=${row.mem_bytes} ${row.flags || '(no flags)'} gives max ${row.max_heap_bytes}, initial ${row.initial_heap_bytes}, ${row.gc}`, () => {
      const settings = interpretOptions(tokenizeOptions(`-XX:MaxRAM=${row.mem_bytes} ${row.flags}`), { major: 17 });
      assert.deepEqual(settings.problems, []);
      // MaxRAM is not a container: no limit, the host's memory and CPUs choose the collector.
      const heap = computeHeap({ settings, limitBytes: null, nodeMemoryBytes: HOST_MEMORY, cpus: HOST_CPUS, jdkMajor: 17 });
      assert.equal(heap.maxHeapBytes, BigInt(row.max_heap_bytes));
      assert.equal(heap.initialHeapBytes, BigInt(row.initial_heap_bytes));
      assert.equal(`Use${heap.gc}GC`, row.gc);
      assert.equal(row.exit_code, '0');
    });
  }
});

describe('jvm_grid_cgroup.csv: a real cgroup limit of <mem>, 2 CPUs', () => {
  for (const row of readCsv('jvm_grid_cgroup.csv')) {
    it(`limit ${row.mem_bytes} ${row.flags || '(no flags)'} gives max ${row.max_heap_bytes}, initial ${row.initial_heap_bytes}, ${row.gc}`, () => {
      const settings = interpretOptions(tokenizeOptions(row.flags), { major: 17 });
      assert.deepEqual(settings.problems, []);
      const heap = computeHeap({ settings, limitBytes: BigInt(row.mem_bytes), nodeMemoryBytes: HOST_MEMORY, cpus: HOST_CPUS, jdkMajor: 17 });
      assert.equal(heap.maxHeapBytes, BigInt(row.max_heap_bytes));
      assert.equal(heap.initialHeapBytes, BigInt(row.initial_heap_bytes));
      assert.equal(`Use${heap.gc}GC`, row.gc);
      // A limit at or above host memory counts as unlimited.
      assert.equal(heap.containerLimitUsed, BigInt(row.mem_bytes) < HOST_MEMORY);
    });
  }
});

/** Concatenates the sources in the order the JVM reads them (REFERENCE §2.3). */
function collect(row: Record<string, string>): Array<OptionToken & { origin: OptionOrigin }> {
  const env: Partial<Record<string, string>> = {};
  for (const m of row.env.matchAll(/(JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS|JAVA_OPTS)=(\S+)/g)) env[m[1]] = m[2];
  const from = (text: string | undefined, origin: OptionOrigin) => tokenizeOptions(text ?? '').map((t) => ({ ...t, origin }));
  // JAVA_OPTS is deliberately not read: the JVM ignores it (P6).
  return [
    ...from(env.JAVA_TOOL_OPTIONS, 'JAVA_TOOL_OPTIONS'),
    ...from(env.JDK_JAVA_OPTIONS, 'JDK_JAVA_OPTIONS'),
    ...from(row.args, 'command-line'),
    ...from(env._JAVA_OPTIONS, '_JAVA_OPTIONS'),
  ];
}

describe('jvm_precedence.csv: sources, precedence and start-up errors', () => {
  for (const row of readCsv('jvm_precedence.csv')) {
    it(`${row.id} ${row.description}`, () => {
      const settings = interpretOptions(collect(row), { major: 17 });
      const heap = computeHeap({
        settings,
        limitBytes: row.cgroup_limit ? BigInt(row.cgroup_limit) : null,
        nodeMemoryBytes: HOST_MEMORY,
        cpus: HOST_CPUS,
        jdkMajor: 17,
      });
      if (row.exit_code === '1') {
        const messages = [...settings.problems.map((p) => p.message), ...(heap.fatal ? [heap.fatal] : [])];
        assert.ok(messages.length > 0, 'the JVM refuses to start, so the model must report why');
        // Where the JVM's stderr was recorded, the first message we report is one of its lines.
        const lines = row.stderr.split(' | ').map((l) => l.trim());
        if (row.stderr.trim() !== '') assert.ok(lines.includes(messages[0]), `${messages[0]} ∉ ${row.stderr}`);
        return;
      }
      assert.deepEqual(settings.problems, []);
      assert.equal(heap.fatal, null);
      assert.equal(`Use${heap.gc}GC`, row.gc);
      assert.equal(heap.maxHeapBytes, BigInt(row.MaxHeapSize));
      assert.equal(heap.initialHeapBytes, BigInt(row.InitialHeapSize));
      assert.equal(heap.minHeapBytes, BigInt(row.MinHeapSize));
      assert.equal(String(heap.compressedOops), row.UseCompressedOops);
      // MaxRAM is printed as the ergonomic basis when a RAM flag is set (FLAG_SET_ERGO), else its 128 GiB default.
      const maxRamFlag = BigInt(row.MaxRAM);
      if (maxRamFlag !== 137_438_953_472n) assert.equal(heap.ramBasisBytes, maxRamFlag);
      else assert.equal(heap.ramBasisBytes, heap.physicalMemoryBytes);
    });
  }

  it('expects the measured messages for the rows whose stderr was recorded word for word', () => {
    const rows = readCsv('jvm_precedence.csv').filter((r) => r.exit_code === '1');
    const first = Object.fromEntries(rows.map((r) => [r.id, interpretOptions(collect(r), { major: 17 }).problems[0]?.message]));
    assert.equal(first.P14, 'Initial heap size set to a larger value than the maximum heap size');
    assert.equal(first.P15, 'Initial heap size set to a larger value than the maximum heap size');
    assert.equal(first.P35, 'Too small maximum heap');
    assert.equal(first.P36, undefined); // -Xmx2m passes option checks; G1 fails during start-up (heap.fatal)
    assert.equal(first.P42, 'Invalid maximum heap size: -Xmx');
  });
});

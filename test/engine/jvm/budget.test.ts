import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetInputsFromOptions, computeBudget, fitHeap, parseBudgetQuantity, percentageThatFits } from '../../../server/src/engine/jvm/budget';
import { computeHeap } from '../../../server/src/engine/jvm/ergonomics';
import { interpretOptions, tokenizeOptions } from '../../../server/src/engine/jvm/options';
import { DEFAULT_OPTIONS, normalizeOptions } from '../../../server/src/engine/options';

const MiB = 1024n * 1024n;
const GiB = 1024n * MiB;
const settingsOf = (flags: string) => interpretOptions(tokenizeOptions(flags), { major: 17 });

describe('budget: parts (DESIGN.md "The non-heap budget")', () => {
  it('adds up to about 292 MiB + 5 % of the heap with the defaults', () => {
    const b = computeBudget(GiB, budgetInputsFromOptions(DEFAULT_OPTIONS.jvm));
    assert.equal(b.metaspaceBytes, 14_000_000n + 5_800n * 15_000n);
    assert.equal(b.codeCacheBytes, 48n * MiB);
    assert.equal(b.threadStacksBytes, 100n * MiB);
    assert.equal(b.directMemoryBytes, 16n * MiB);
    assert.equal(b.gcBytes, GiB / 20n);
    assert.equal(b.nativeBytes, 32n * MiB);
    assert.equal(b.totalBytes, 101_000_000n + 196n * MiB + GiB / 20n);
    assert.deepEqual(b.parts.map((p) => p.name), ['metaspace', 'codeCache', 'threadStacks', 'directMemory', 'gc', 'native']);
    assert.equal(b.parts.reduce((a, p) => a + p.bytes, 0n), b.totalBytes);
  });

  it('takes the options that lower or fix a part', () => {
    const s = settingsOf('-XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m -Xss512k -XX:MaxDirectMemorySize=256m');
    const b = computeBudget(GiB, budgetInputsFromOptions(DEFAULT_OPTIONS.jvm, s));
    assert.equal(b.metaspaceBytes, 64n * MiB);
    assert.equal(b.codeCacheBytes, 32n * MiB);
    assert.equal(b.threadStacksBytes, 100n * 512n * 1024n);
    assert.equal(b.directMemoryBytes, 256n * MiB);
    assert.match(b.parts[0].detail, /MaxMetaspaceSize/);
  });

  it('keeps the estimate when MaxMetaspaceSize or the code cache reservation is higher', () => {
    const b = computeBudget(GiB, budgetInputsFromOptions(DEFAULT_OPTIONS.jvm, settingsOf('-XX:MaxMetaspaceSize=512m -XX:ReservedCodeCacheSize=512m')));
    assert.equal(b.metaspaceBytes, 101_000_000n);
    assert.equal(b.codeCacheBytes, 48n * MiB);
  });

  it('uses -XX:ThreadStackSize in KiB', () => {
    const b = computeBudget(GiB, budgetInputsFromOptions(DEFAULT_OPTIONS.jvm, settingsOf('-XX:ThreadStackSize=256')));
    assert.equal(b.threadStacksBytes, 100n * 256n * 1024n);
  });

  it('follows the settings and falls back to defaults for malformed quantities', () => {
    const opts = normalizeOptions({ jvm: { loadedClasses: 0, threads: 10, codeCache: '100Mi', directMemory: 'lots', nativeOverhead: '1G', gcOverheadPercent: 2.5 } });
    const b = computeBudget(4n * GiB, budgetInputsFromOptions(opts.jvm));
    assert.equal(b.metaspaceBytes, 14_000_000n);
    assert.equal(b.codeCacheBytes, 100n * MiB);
    assert.equal(b.threadStacksBytes, 10n * MiB);
    assert.equal(b.directMemoryBytes, 16n * MiB);
    assert.equal(b.nativeBytes, 1_000_000_000n);
    assert.equal(b.gcBytes, (4n * GiB * 25n) / 1000n);
  });

  it('parses the settings quantities exactly', () => {
    assert.equal(parseBudgetQuantity('48Mi'), 48n * MiB);
    assert.equal(parseBudgetQuantity('1.5Gi'), 1536n * MiB);
    assert.equal(parseBudgetQuantity('64M'), 64_000_000n);
    assert.equal(parseBudgetQuantity('1048576'), MiB);
    assert.equal(parseBudgetQuantity('0.5'), 1n);
    assert.equal(parseBudgetQuantity('4GB'), null);
    assert.equal(parseBudgetQuantity(''), null);
  });

  it('reads the settings as Kubernetes quantities (quantity.ts), as the other quantity settings are', () => {
    assert.equal(parseBudgetQuantity(' 32Mi\t'), 32n * MiB, 'surrounding spaces are ignored');
    assert.equal(parseBudgetQuantity('0.0000000001'), 1n, 'below a byte rounds up to one (Value())');
    assert.equal(parseBudgetQuantity('500m'), 1n, 'milli bytes round up to one (Value())');
    assert.equal(parseBudgetQuantity('1e6'), 1_000_000n);
    assert.equal(parseBudgetQuantity('0'), 0n);
    assert.equal(parseBudgetQuantity('48 Mi'), null, 'a space inside is not a quantity');
    assert.equal(parseBudgetQuantity('1gi'), null, 'suffixes are case-sensitive');
    assert.equal(parseBudgetQuantity('-16Mi'), null, 'negative');
    // A malformed setting falls back to the default.
    const inputs = budgetInputsFromOptions({ ...DEFAULT_OPTIONS.jvm, codeCache: '48 MB', directMemory: '64Mi' });
    assert.equal(inputs.codeCacheBytes, 48n * MiB);
    assert.equal(inputs.directMemoryBytes, 64n * MiB);
  });
});

describe('budget: fitHeap', () => {
  const inputs = budgetInputsFromOptions(DEFAULT_OPTIONS.jvm);

  it('finds the largest 2 MiB-aligned heap that fits with its budget', () => {
    const limit = 2n * GiB;
    const h = fitHeap(limit, inputs)!;
    assert.equal(h % (2n * MiB), 0n);
    assert.ok(h + computeBudget(h, inputs).totalBytes <= limit);
    const next = h + 2n * MiB;
    assert.ok(next + computeBudget(next, inputs).totalBytes > limit);
    // (2048 MiB − 292.3 MiB) / 1.05 = 1672.1 MiB → 1672 MiB
    assert.equal(h, 1672n * MiB);
  });

  it('aligns down to the G1 region size for big G1 heaps', () => {
    const h = fitHeap(32n * GiB, inputs, { gc: 'G1', jdkMajor: 17 })!;
    assert.equal(h % (16n * MiB), 0n);
    assert.ok(h + computeBudget(h, inputs).totalBytes <= 32n * GiB);
    assert.ok(h + 16n * MiB + computeBudget(h + 16n * MiB, inputs).totalBytes > 32n * GiB);
  });

  it('returns null when the fixed parts alone exceed the limit', () => {
    assert.equal(fitHeap(256n * MiB, inputs), null);
  });
});

describe('budget: percentageThatFits', () => {
  const inputs = budgetInputsFromOptions(DEFAULT_OPTIONS.jvm);
  const ctx = (flags: string, limit: bigint) => ({ settings: settingsOf(flags), limitBytes: limit, nodeMemoryBytes: 16n * GiB, cpus: 2, jdkMajor: 17 });

  it('finds the largest one-decimal MaxRAMPercentage whose heap plus budget fits', () => {
    const limit = 2n * GiB;
    const fit = percentageThatFits(limit, inputs, ctx('-XX:MaxRAMPercentage=90.0', limit))!;
    assert.ok(fit.heap.maxHeapBytes + fit.budget.totalBytes <= limit);
    assert.equal(fit.text, fit.percentage.toFixed(1));
    const over = computeHeap({ ...ctx(`-XX:MaxRAMPercentage=${(fit.percentage + 0.1).toFixed(1)}`, limit) });
    assert.ok(over.maxHeapBytes + computeBudget(over.maxHeapBytes, inputs).totalBytes > limit);
    assert.equal(fit.text, '81.6');
  });

  it('replaces a fixed -Xmx and writes a decimal point JDK 8 accepts', () => {
    const fit = percentageThatFits(4n * GiB, inputs, ctx('-Xmx4g', 4n * GiB))!;
    assert.equal(fit.heap.heapSource, 'MaxRAMPercentage');
    assert.match(fit.text, /^\d+\.\d$/);
  });

  it('returns null when even the 124.8 MiB floor does not fit', () => {
    assert.equal(percentageThatFits(400n * MiB, inputs, ctx('', 400n * MiB)), null);
  });
});

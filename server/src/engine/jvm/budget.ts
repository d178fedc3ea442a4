// The non-heap budget (DESIGN.md "The non-heap budget"): an estimate of the memory a JVM commits beside its
// heap, every part from a setting or an option, so "heap + budget ≤ limit" can be checked and fixed.
//
// metaspace   = 14,000,000 + 5,800 × loadedClasses   (Paketo memory calculator's figures, REFERENCE §3),
//               or -XX:MaxMetaspaceSize when lower
// code cache  = jvm.codeCache, or the ReservedCodeCacheSize in force when lower (240 MiB; 48 MiB without tiering)
// stacks      = threads × (-Xss / -XX:ThreadStackSize, default 1 MiB)
// direct      = -XX:MaxDirectMemorySize when set, else jvm.directMemory
// GC          = gcOverheadPercent % of the max heap
// native      = jvm.nativeOverhead
import { DEFAULT_OPTIONS, type JvmOptions } from '../options';
import { parseQuantity } from '../quantity';
import { computeHeap, type HeapInput, type HeapResult } from './ergonomics';
import type { GcName, InputToken, JvmSettings } from './options';

const K = 1024n;
const M = K * K;

export interface BudgetInputs {
  loadedClasses: number;
  threads: number;
  /** Committed code cache estimate (jvm.codeCache). */
  codeCacheBytes: bigint;
  /** Direct memory estimate when -XX:MaxDirectMemorySize is not set (jvm.directMemory). */
  directMemoryBytes: bigint;
  nativeOverheadBytes: bigint;
  gcOverheadPercent: number;
  /** The JVM's options, for MaxMetaspaceSize, ReservedCodeCacheSize, Xss/ThreadStackSize, MaxDirectMemorySize. */
  settings?: JvmSettings<InputToken>;
}

export interface BudgetPart {
  name: 'metaspace' | 'codeCache' | 'threadStacks' | 'directMemory' | 'gc' | 'native';
  bytes: bigint;
  /** How it was computed, with the numbers, for hovers. */
  detail: string;
}

export interface Budget {
  metaspaceBytes: bigint;
  codeCacheBytes: bigint;
  threadStacksBytes: bigint;
  directMemoryBytes: bigint;
  gcBytes: bigint;
  nativeBytes: bigint;
  /** Sum of the parts (not including the heap). */
  totalBytes: bigint;
  parts: BudgetPart[];
}

/** Metaspace per the Paketo calculator: 14 MB fixed + 5,800 B per loaded class. */
export const METASPACE_BASE = 14_000_000n;
export const METASPACE_PER_CLASS = 5_800n;
const DEFAULT_STACK = 1n * M;

/**
 * A budget setting in bytes (`48Mi`, `16Mi`, `1Gi`, `64M`, `1048576`): a Kubernetes quantity, read by quantity.ts
 * as the `nodeMemory` and `fix.memory` settings are, surrounding white space ignored; its `Value()`, so a fraction
 * rounds up to a whole byte (`0.5` → 1). Null when it is not a quantity (`4GB`, `48 Mi`) or is negative.
 */
export function parseBudgetQuantity(text: string): bigint | null {
  const parsed = parseQuantity(text.trim());
  return parsed.ok && parsed.quantity.value >= 0n ? parsed.quantity.value : null;
}

/** Budget inputs from the `jvm` settings (DESIGN.md Settings); malformed quantities fall back to the defaults. */
export function budgetInputsFromOptions(jvm: JvmOptions, settings?: JvmSettings<InputToken>): BudgetInputs {
  const q = (v: string, def: string): bigint => parseBudgetQuantity(v) ?? parseBudgetQuantity(def)!;
  return {
    loadedClasses: jvm.loadedClasses,
    threads: jvm.threads,
    codeCacheBytes: q(jvm.codeCache, DEFAULT_OPTIONS.jvm.codeCache),
    directMemoryBytes: q(jvm.directMemory, DEFAULT_OPTIONS.jvm.directMemory),
    nativeOverheadBytes: q(jvm.nativeOverhead, DEFAULT_OPTIONS.jvm.nativeOverhead),
    gcOverheadPercent: jvm.gcOverheadPercent,
    settings,
  };
}

/** gcOverheadPercent % of the heap, in whole bytes (the percentage may have up to three decimals). */
function gcShare(heap: bigint, pct: number): bigint {
  const milli = BigInt(Math.round(Math.max(0, pct) * 1000));
  return (heap * milli) / 100_000n;
}

function mib(b: bigint): string {
  const v = Number(b) / Number(M);
  return `${Number.isInteger(v) ? v : v.toFixed(1)} MiB`;
}

/** The parts that do not depend on the heap size. */
function fixedParts(inputs: BudgetInputs): BudgetPart[] {
  const s = inputs.settings;
  const classes = BigInt(Math.max(0, Math.trunc(inputs.loadedClasses)));
  const threads = BigInt(Math.max(0, Math.trunc(inputs.threads)));
  const parts: BudgetPart[] = [];

  const metaEstimate = METASPACE_BASE + METASPACE_PER_CLASS * classes;
  const metaCap = s?.maxMetaspaceSize?.value;
  parts.push(
    metaCap !== undefined && metaCap < metaEstimate
      ? { name: 'metaspace', bytes: metaCap, detail: `-XX:MaxMetaspaceSize ${mib(metaCap)} (below the ${mib(metaEstimate)} estimate)` }
      : { name: 'metaspace', bytes: metaEstimate, detail: `14,000,000 B + 5,800 B × ${classes} classes = ${mib(metaEstimate)}` },
  );

  const reserved = s?.reservedCodeCacheBytes;
  parts.push(
    reserved !== undefined && reserved < inputs.codeCacheBytes
      ? { name: 'codeCache', bytes: reserved, detail: `ReservedCodeCacheSize ${mib(reserved)}` }
      : { name: 'codeCache', bytes: inputs.codeCacheBytes, detail: `${mib(inputs.codeCacheBytes)} committed estimate (the JVM reserves ${mib(reserved ?? 240n * M)})` },
  );

  const stack = s?.threadStackSize?.value ?? DEFAULT_STACK;
  parts.push({
    name: 'threadStacks',
    bytes: threads * stack,
    detail: `${threads} threads × ${stack % K === 0n ? `${stack / K} KiB` : `${stack} B`}${s?.threadStackSize ? ` (-${s.threadStackSize.via === 'Xss' ? 'Xss' : 'XX:ThreadStackSize'})` : ''}`,
  });

  const direct = s?.maxDirectMemorySize?.value;
  parts.push(
    direct !== undefined
      ? { name: 'directMemory', bytes: direct, detail: `-XX:MaxDirectMemorySize ${mib(direct)}` }
      : { name: 'directMemory', bytes: inputs.directMemoryBytes, detail: `${mib(inputs.directMemoryBytes)} estimate (the JVM allows up to the max heap)` },
  );
  parts.push({ name: 'native', bytes: inputs.nativeOverheadBytes, detail: `${mib(inputs.nativeOverheadBytes)} native overhead` });
  return parts;
}

/** The budget for a JVM whose max heap is `maxHeapBytes`. */
export function computeBudget(maxHeapBytes: bigint, inputs: BudgetInputs): Budget {
  const parts = fixedParts(inputs);
  const gc = gcShare(maxHeapBytes, inputs.gcOverheadPercent);
  parts.splice(4, 0, { name: 'gc', bytes: gc, detail: `${inputs.gcOverheadPercent}% of the ${mib(maxHeapBytes)} heap` });
  const get = (n: BudgetPart['name']): bigint => parts.find((p) => p.name === n)!.bytes;
  return {
    metaspaceBytes: get('metaspace'),
    codeCacheBytes: get('codeCache'),
    threadStacksBytes: get('threadStacks'),
    directMemoryBytes: get('directMemory'),
    gcBytes: gc,
    nativeBytes: get('native'),
    totalBytes: parts.reduce((a, p) => a + p.bytes, 0n),
    parts,
  };
}

/** The heap alignment the JVM would apply to an `-Xmx` of `heap` (see ergonomics.ts). */
function heapAlignmentFor(heap: bigint, gc: GcName, jdkMajor: number): bigint {
  if (gc !== 'G1') return 2n * M;
  const raw = heap / 2048n > M ? heap / 2048n : M;
  let region = 1n;
  if (jdkMajor >= 15) while (region < raw) region *= 2n;
  else while (region * 2n <= raw) region *= 2n;
  if (region > 32n * M) region = 32n * M;
  return region > 2n * M ? region : 2n * M;
}

/**
 * The largest `-Xmx` such that heap + budget(heap) ≤ limit. It is aligned DOWN to the heap alignment the JVM
 * will use (2 MiB; for G1 the region size when larger) because the JVM aligns `-Xmx` UP: an unaligned answer
 * would come back larger than computed and could break the fit. Null when even no heap fits.
 */
export function fitHeap(limitBytes: bigint, inputs: BudgetInputs, opts: { gc?: GcName; jdkMajor?: number } = {}): bigint | null {
  const gc = opts.gc ?? 'Serial';
  const major = opts.jdkMajor ?? 17;
  const fixed = fixedParts(inputs).reduce((a, p) => a + p.bytes, 0n);
  const room = limitBytes - fixed;
  if (room <= 0n) return null;
  const milli = BigInt(Math.round(Math.max(0, inputs.gcOverheadPercent) * 1000));
  // heap × (1 + g/100) ≤ room  ⇔  heap ≤ room × 100000 / (100000 + g×1000)
  let heap = (room * 100_000n) / (100_000n + milli);
  for (let guard = 0; guard < 64 && heap > 0n; guard++) {
    const aligned = heap - (heap % heapAlignmentFor(heap, gc, major));
    if (aligned > 0n && aligned + computeBudget(aligned, inputs).totalBytes <= limitBytes) return aligned;
    heap = aligned - 1n;
  }
  return null;
}

export interface PercentageFit {
  /** A MaxRAMPercentage with one decimal. */
  percentage: number;
  /** As it should be written (always with a decimal point, so JDK 8 accepts it): `62.5`, `70.0`. */
  text: string;
  heap: HeapResult;
  budget: Budget;
}

/**
 * The largest MaxRAMPercentage (one decimal) whose heap — computed by computeHeap with that percentage in place
 * of any -Xmx / MaxRAMFraction — plus its budget fits the limit. Null when none does (below ~250 MiB the JVM
 * ignores MaxRAMPercentage and takes MinRAMPercentage, and the floor is 124.8 MiB).
 */
export function percentageThatFits(
  limitBytes: bigint,
  inputs: BudgetInputs,
  heapInput: HeapInput,
): PercentageFit | null {
  const base = heapInput.settings;
  const evaluate = (tenths: number): { heap: HeapResult; budget: Budget; fits: boolean } => {
    const settings: JvmSettings<InputToken> = {
      ...base,
      maxRAMPercentage: { value: tenths / 10, index: -1, via: 'MaxRAMPercentage', cmdline: true },
      maxHeapSize: undefined,
      maxRAMFraction: undefined,
    };
    const heap = computeHeap({ ...heapInput, settings, limitBytes: heapInput.limitBytes ?? limitBytes });
    const budget = computeBudget(heap.maxHeapBytes, { ...inputs, settings: inputs.settings ?? base });
    return { heap, budget, fits: heap.maxHeapBytes + budget.totalBytes <= limitBytes };
  };
  // The heap never shrinks as the percentage grows, so the fitting percentages are a prefix of 0.0..100.0.
  let lo = 0;
  let hi = 1000;
  if (!evaluate(lo).fits) return null;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (evaluate(mid).fits) lo = mid;
    else hi = mid - 1;
  }
  const best = evaluate(lo);
  return { percentage: lo / 10, text: (lo / 10).toFixed(1), heap: best.heap, budget: best.budget };
}

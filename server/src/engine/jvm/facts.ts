// Facts about an analysed JVM that several surfaces state (the JSON contract, hints, hovers): whether its heap
// follows the container limit, which share of it it takes, whether it starts at all.
import type { JvmAnalysis } from './analyze';

/** Heap sources that do not depend on the container limit (MaxRAM replaces the limit: REFERENCE §2.3). */
const FIXED_SOURCES = new Set(['Xmx', 'MaxHeapSize', 'MaxRAM']);

/** Does the max heap follow the limit the image will run under? False for -Xmx, -XX:MaxHeapSize, -XX:MaxRAM. */
export function heapDependsOnLimit(a: JvmAnalysis): boolean {
  if (a.heap === null || FIXED_SOURCES.has(a.heap.heapSource)) return false;
  // `-Xms` above an explicit `-Xmx`: both fixed (and the JVM refuses to start).
  return !(a.heap.heapSource === 'Xms' && a.settings.maxHeapSize !== undefined);
}

/** The JVM will not start with these heap options (`-Xms` > `-Xmx`, a heap too small): no heap to show. */
export function refusesToStart(a: JvmAnalysis): boolean {
  return (a.heap?.fatal ?? null) !== null || a.settings.problems.some((p) => p.code === 'initial-exceeds-max' || p.code === 'too-small-heap');
}

/** The share of the limit the heap gets (above the small-memory regime): MaxRAMPercentage, from a fraction, or 25. */
export function effectivePercentage(a: JvmAnalysis): number {
  const s = a.settings;
  if (s.maxRAMPercentage) return s.maxRAMPercentage.value;
  if (s.maxRAMFraction && s.maxRAMFraction.value > 0n) return 100 / Number(s.maxRAMFraction.value);
  return 25;
}

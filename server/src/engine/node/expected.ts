// The "expected" scenario's memory of a JVM: max heap + the non-heap budget (jvm/budget.ts), null when either is
// unknown (the container then counts at its request).
import type { JvmAnalysis } from '../jvm/analyze';

export function expectedBytesOf(a: JvmAnalysis | undefined | null): bigint | null {
  if (!a || !a.heap || !a.budget) return null;
  return a.heap.maxHeapBytes + a.budget.totalBytes;
}

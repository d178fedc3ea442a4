// jvm-heap-no-headroom: the heap is below the container memory limit, but heap plus the non-heap budget is not.
// A JVM commits memory beside its heap — metaspace, code cache, thread stacks, direct buffers, GC structures,
// native allocations — and the kernel counts it all against the limit, so a heap that leaves no room for it gets
// the container OOMKilled under load (DESIGN.md "The non-heap budget", REFERENCE.md §3, §4 item 20).
// Example: `-Xmx1g` with `limits.memory: 1200Mi` (budget ≈ 343 MiB) → lower `-Xmx` to what fits, or raise the limit
// to heap + budget. Not reported when `jvm-heap-exceeds-limit` fires, nor when the JVM ignores its limit (the
// container-support and legacy-JDK rules report that cause).
import { bytesFact, dedupe, heapFitFixes, heapFits, heapPhrase, tokenRange } from '../findings/jvm-heap';
import type { Rule, RuleContext, RuleFinding } from '../rule';
import { formatBytes } from '../bytes';

export const jvmHeapNoHeadroom: Rule = {
  id: 'jvm-heap-no-headroom',
  defaultSeverity: 'warning',
  summary: 'Heap plus the non-heap budget does not fit the container memory limit',
  check(ctx: RuleContext): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const fit of heapFits(ctx)) {
      const { subject, heap, budget, limit } = fit;
      const a = subject.analysis;
      const total = heap.maxHeapBytes + budget.totalBytes;
      if (heap.maxHeapBytes >= limit || total <= limit) continue;
      const fixes = heapFitFixes(ctx, fit);
      findings.push({
        message:
          `${heapPhrase(a, heap)} plus the non-heap budget (${formatBytes(budget.totalBytes)}) needs ${formatBytes(total)}, ` +
          `above the container memory limit \`${subject.limitText ?? formatBytes(limit)}\``,
        range: tokenRange(ctx, subject, a.heapToken),
        facts: {
          container: subject.name,
          maxHeapBytes: bytesFact(heap.maxHeapBytes),
          heapSource: heap.heapSource,
          nonHeapBudgetBytes: bytesFact(budget.totalBytes),
          budget: Object.fromEntries(budget.parts.map((p) => [p.name, p.bytes.toString()])),
          limitBytes: bytesFact(limit),
        },
        ...(fixes.length ? { fixes } : {}),
      });
    }
    return dedupe(findings);
  },
};

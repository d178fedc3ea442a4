// jvm-heap-exceeds-limit: the JVM's max heap is at or above the container memory limit. The heap alone can then
// grow past the limit, and the kernel kills the container (OOMKilled) before the JVM ever reports an
// OutOfMemoryError: the JVM reads the limit only to size itself by ergonomics, and an explicit `-Xmx` or an
// `-Xms` that raises the maximum is taken verbatim (REFERENCE.md §2.1, §2.3, §4 items 13, 16, 20).
// Example: `-Xmx2g` with `limits.memory: 2Gi` → lower the heap to what fits beside the non-heap budget, or raise
// the limit to heap + budget. When the limit is ignored altogether (`-XX:-UseContainerSupport`, a JDK without
// container support) the rule for that cause reports the heap instead (one finding per root cause).
import { bytesFact, dedupe, heapFitFixes, heapFits, heapPhrase, tokenRange } from '../findings/jvm-heap';
import type { Rule, RuleContext, RuleFinding } from '../rule';
import { formatBytes } from '../bytes';

export const jvmHeapExceedsLimit: Rule = {
  id: 'jvm-heap-exceeds-limit',
  defaultSeverity: 'error',
  summary: 'The JVM max heap is not below the container memory limit',
  check(ctx: RuleContext): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const fit of heapFits(ctx)) {
      const { subject, heap, budget, limit } = fit;
      const a = subject.analysis;
      if (heap.maxHeapBytes < limit) continue;
      const fixes = heapFitFixes(ctx, fit);
      findings.push({
        message:
          `${heapPhrase(a, heap)} is not below the container memory limit \`${subject.limitText ?? formatBytes(limit)}\`: ` +
          'the container is killed before the heap is full',
        range: tokenRange(ctx, subject, a.heapToken),
        facts: {
          container: subject.name,
          maxHeapBytes: bytesFact(heap.maxHeapBytes),
          heapSource: heap.heapSource,
          limitBytes: bytesFact(limit),
          nonHeapBudgetBytes: bytesFact(budget.totalBytes),
        },
        ...(fixes.length ? { fixes } : {}),
      });
    }
    return dedupe(findings);
  },
};

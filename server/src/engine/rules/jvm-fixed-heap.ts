// jvm-fixed-heap (hint): a fixed `-Xmx` / `-XX:MaxHeapSize`. The heap then stays the same when the container's
// memory limit changes (a resize, a VPA recommendation, a different environment's values), so the two drift apart;
// `-XX:MaxRAMPercentage` sizes the heap from the limit instead (REFERENCE.md §2.1; `-Xmx` beats every percentage
// flag, §2.3). Reported on manifests and images; not where a higher-severity finding already covers the same option
// (the heap exceeds the limit or leaves no headroom, the option is rejected, `-Xms` is above it).
// Example: `-Xmx1g` with a `2Gi` limit → `-XX:MaxRAMPercentage=50.0`: today's heap when that fits, else the largest
// percentage whose heap plus budget fits (budget.ts percentageThatFits), written with a decimal point so JDK 8
// accepts it (§2.3). Not offered where the JDK may not know the flag (9, or 8 of unknown build) or ignores the limit,
// nor on a Dockerfile's image: its limit is set where it runs, so there is no share to compute.
import type { Fix } from '../types';
import { percentageThatFits } from '../jvm/budget';
import { bytesFact, dedupe, editable, knownHeap, limitIgnoredBy, percentagesSupported, simulate, fitsLimit, templated, tokenRange } from '../findings/jvm-heap';
import type { JvmSubject } from '../source';
import type { Rule, RuleContext, RuleFinding } from '../rule';
import { formatBytes } from '../bytes';

/** Does a finding of higher severity already point at this heap option? */
function covered(subject: JvmSubject): boolean {
  const a = subject.analysis;
  const known = knownHeap(a);
  const index = a.heapToken ? a.settings.tokens.indexOf(a.heapToken) : -1;
  if (a.settings.problems.some((p) => p.index === index || p.relatedIndex === index)) return true;
  if (a.heapToken?.problem || a.heap?.fatal) return true;
  const limit = a.limitBytes;
  if (subject.kind !== 'image' && known && limit !== null && limit > 0n && limitIgnoredBy(a) === null) {
    if (known.heap.maxHeapBytes + known.budget.totalBytes > limit) return true;
  }
  return false;
}

function percentageFix(ctx: RuleContext, subject: JvmSubject): Fix | null {
  const a = subject.analysis;
  const heap = a.heap;
  const limit = a.limitBytes;
  const tok = a.heapToken;
  // knownHeap: an image whose scripts size the heap in ways not modelled may put its own `-Xmx` first.
  if (!heap || !knownHeap(a) || !editable(tok) || limit === null || limit <= 0n || !heap.containerLimitUsed || !percentagesSupported(a)) return null;
  const index = a.settings.tokens.indexOf(tok);
  const fit = percentageThatFits(limit, a.budgetInputs, a.heapInput);
  if (!fit || index < 0) return null;
  // Today's share of the limit, rounded down to a tenth, when it fits: the heap stays as it is now.
  const today = Math.floor(Number((heap.maxHeapBytes * 1000n) / limit)) / 10;
  const pct = Math.min(today, fit.percentage);
  const text = pct.toFixed(1);
  const edits = [{ index, replacement: `-XX:MaxRAMPercentage=${text}` }];
  const s = simulate(ctx, a, edits, limit);
  if (!fitsLimit(s, limit) || s.settings.problems.length > a.settings.problems.length || s.heap.heapSource === 'Xmx' || s.heap.heapSource === 'MaxHeapSize') {
    return null;
  }
  const textEdits = subject.edits.editOptions(a.launch.tokens, edits);
  if (!textEdits) return null;
  return {
    title: `Size the heap from the limit: \`-XX:MaxRAMPercentage=${text}\` (${formatBytes(s.heap.maxHeapBytes)} of \`${subject.limitText ?? formatBytes(limit)}\` today)`,
    edits: textEdits,
    isPreferred: true,
  };
}

export const jvmFixedHeap: Rule = {
  id: 'jvm-fixed-heap',
  defaultSeverity: 'hint',
  summary: 'A fixed `-Xmx`: the heap will not follow the memory limit when the limit changes',
  check(ctx: RuleContext): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const subject of ctx.jvmSubjects) {
      const a = subject.analysis;
      const heap = a.heap;
      const tok = a.heapToken;
      if (!heap || !tok || (heap.heapSource !== 'Xmx' && heap.heapSource !== 'MaxHeapSize')) continue;
      if (tok.source.kind === 'image-default' || templated(tok) || covered(subject)) continue;
      // A heap a source derives from the memory it also sizes the container by (an operator's formula) follows it;
      // one a source writes from a product default (written nowhere in the file) is not the user's choice.
      const src = tok.source;
      const composed = src.kind === 'argv' ? src.composed : src.kind === 'variable' || src.kind === 'script' ? src.entry?.composed : undefined;
      if (composed && (composed.followsMemory || composed.at === null)) continue;
      const fix = percentageFix(ctx, subject);
      findings.push({
        message: `\`${tok.text}\` fixes the heap at ${formatBytes(heap.maxHeapBytes)}: it will not follow the container memory limit when the limit changes`,
        range: tokenRange(ctx, subject, tok),
        facts: { container: subject.name, maxHeapBytes: bytesFact(heap.maxHeapBytes), limitBytes: bytesFact(a.limitBytes) },
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
    return dedupe(findings);
  },
};


import type { Fix } from '../types';
import { bytesFact, dedupe, explicitHeap, knownHeap, limitUnknown, tokenRange } from '../findings/jvm-heap';
import type { Rule, RuleContext, RuleFinding } from '../rule';
import { formatBytes } from '../bytes';

export const jvmContainerSupportDisabled: Rule = {
  id: 'jvm-container-support-disabled',
  defaultSeverity: 'warning',
  summary: '`-XX:-UseContainerSupport`: the JVM sizes itself from the node, not the container',
  check(ctx: RuleContext): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const subject of ctx.jvmSubjects) {
      const a = subject.analysis;
      const setting = a.settings.useContainerSupport;
      if (!setting || setting.value !== false) continue;
      const token = a.settings.tokens[setting.index];
      if (!token) continue;
      const known = knownHeap(a);
      const limit = a.limitBytes;
      const node = a.heapInput.nodeMemoryBytes;
      let consequence: string;
      let error = false;
      if (known && explicitHeap(known.heap) && a.heapToken) {
        consequence = `: \`${a.heapToken.text}\` still fixes the heap, but the collector and CPU count follow the node (${formatBytes(node)})`;
      } else if (known && limit !== null && limit > 0n && limit < node && !limitUnknown(subject)) {
        const heap = known.heap.maxHeapBytes;
        error = heap >= limit;
        consequence =
          ` and sizes itself from node memory (${formatBytes(node)}): max heap ${formatBytes(heap)} against the container memory limit ` +
          `\`${subject.limitText ?? formatBytes(limit)}\`${error ? ', which the heap alone can exceed' : ''}`;
      } else {
        consequence = ` and sizes itself from node memory (${formatBytes(node)})`;
      }
      const fixes: Fix[] = [];
      const edits = subject.edits.editOptions(a.launch.tokens, [{ index: a.launch.tokens.indexOf(token), replacement: null }]);
      if (edits) fixes.push({ title: `Remove \`${token.text}\``, edits, isPreferred: true });
      findings.push({
        message: `\`${token.text}\`: the JVM ignores the container's limits${consequence}`,
        range: tokenRange(ctx, subject, token),
        facts: {
          container: subject.name,
          nodeMemoryBytes: bytesFact(node),
          maxHeapBytes: bytesFact(known?.heap.maxHeapBytes),
          limitBytes: bytesFact(limit),
        },
        ...(error ? { severity: 'error' as const } : {}),
        ...(fixes.length ? { fixes } : {}),
      });
    }
    return dedupe(findings);
  },
};

// jvm-no-memory-limit: a JVM in a container without a memory limit. Its ergonomics then see the node's memory
// (REFERENCE.md §2.1: 25 % of a 16 GiB node is a 4 GiB heap) and nothing bounds heap plus non-heap memory before
// the node runs out; the kernel then kills by oom_score_adj (§1.1). This rule replaces `memory-limit-missing` for
// containers that run a JVM (one finding per root cause), with the same exceptions: a BestEffort pod
// (`besteffort-pod`), a pod-level memory limit, a limit written but invalid (`invalid-quantity`).
// Example: `-Xmx1536m` without `limits.memory` → add a limit of heap + non-heap budget, rounded up to Mi.
import { isZeroQuantity } from '../k8s/quantities';
import type { JvmSubject } from '../source';
import type { Fix } from '../types';
import { isReportedBestEffort } from './besteffort-pod';
import { defaultFixValue } from '../k8s/make-guaranteed';
import { containerLabel } from '../k8s/resource-fields';
import { bytesFact, dedupe, explicitHeap, heapPhrase, knownHeap, limitSubjects, limitThatFits } from '../findings/jvm-heap';
import type { Rule, RuleContext, RuleFinding } from '../rule';
import { formatBytes } from '../bytes';

/** Does this subject lack a memory limit that memory-limit-missing would otherwise report? */
function reportable(subject: JvmSubject): boolean {
  const limit = subject.analysis.limitBytes;
  if (limit !== null && limit > 0n) return false;
  if (!subject.k8s) return subject.kind === 'compose-service';
  const { workload: w, container: c } = subject.k8s;
  // `partial`: a Helm template action in the resources, so the limit is not known.
  if (!w || w.partial || isReportedBestEffort(w)) return false;
  // A pod-level memory limit bounds every container (KEP-2837), as memory-limit-missing judges it.
  const podLimit = w.podEffective?.limits.get('memory');
  if (podLimit && !isZeroQuantity(podLimit.quantity)) return false;
  if ((w.podResources?.fields ?? []).some((f) => f.resource === 'memory' && f.which === 'limits' && (f.error !== undefined || f.templated))) {
    return false;
  }
  if (c.declared.fields.some((f) => f.resource === 'memory' && f.which === 'limits' && (f.error !== undefined || f.templated))) return false;
  // A zero limit below a request: request-exceeds-limit reports it.
  const request = c.effective.requests.get('memory');
  if (limit === 0n && request && !isZeroQuantity(request.quantity)) return false;
  return true;
}

export const jvmNoMemoryLimit: Rule = {
  id: 'jvm-no-memory-limit',
  defaultSeverity: 'warning',
  summary: 'A JVM in a container without a memory limit: its heap is sized from node memory',
  check(ctx: RuleContext): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const subject of limitSubjects(ctx)) {
      if (!reportable(subject)) continue;
      const a = subject.analysis;
      const who = subject.k8s ? containerLabel(subject.k8s.container) : `Service \`${subject.name}\``;
      const node = a.heapInput.nodeMemoryBytes;
      // A compose service runs on a Docker host, not a Kubernetes node; the size is the same `nodeMemory` setting.
      const machine = subject.kind === 'compose-service' ? 'host memory' : 'node memory';
      const known = knownHeap(a);
      const requestBytes = subject.k8s?.container.effective.requests.get('memory')?.quantity.value ?? 0n;
      let detail: string;
      const fixes: Fix[] = [];
      if (known) {
        const { heap, budget } = known;
        detail = explicitHeap(heap)
          ? `${lowerFirst(heapPhrase(a, heap))} plus the non-heap budget (${formatBytes(budget.totalBytes)}) needs ` +
            `${formatBytes(heap.maxHeapBytes + budget.totalBytes)} and nothing bounds it`
          : `the heap is sized from ${machine} (${formatBytes(node)}): max heap ${formatBytes(heap.maxHeapBytes)}`;
        const need = heap.maxHeapBytes + budget.totalBytes;
        // Never below the request: the API server rejects a limit below it.
        const fromRequest = requestBytes > need;
        const found = limitThatFits(ctx, a, fromRequest ? requestBytes : need);
        const edits = found && subject.edits.setMemoryLimit(found.bytes);
        if (found && edits) {
          const parts = `heap ${formatBytes(found.at.heap.maxHeapBytes)} + non-heap budget ${formatBytes(found.at.budget.totalBytes)}`;
          fixes.push({
            title: `Add a memory limit of \`${subject.edits.formatMemory(found.bytes)}\` (${fromRequest ? `the request; ${parts} fit` : parts})`,
            edits,
            isPreferred: true,
          });
        }
      } else {
        detail = `a JVM sizing itself by ergonomics sees ${machine} (${formatBytes(node)})`;
        const bytes = requestBytes > 0n ? requestBytes : defaultFixValue(ctx, 'memory').quantity.value;
        const edits = subject.edits.setMemoryLimit(bytes);
        if (edits) {
          fixes.push({
            title: `Add a memory limit of \`${subject.edits.formatMemory(bytes)}\`${requestBytes > 0n ? ' (the request)' : ''}`,
            edits,
            isPreferred: true,
          });
        }
      }
      findings.push({
        message: `${who} runs a JVM without a memory limit: ${detail}`,
        range: subject.anchor,
        facts: {
          container: subject.name,
          nodeMemoryBytes: bytesFact(node),
          maxHeapBytes: bytesFact(known?.heap.maxHeapBytes),
          nonHeapBudgetBytes: bytesFact(known?.budget.totalBytes),
        },
        ...(fixes.length ? { fixes } : {}),
      });
    }
    return dedupe(findings);
  },
};

function lowerFirst(s: string): string {
  return s.startsWith('`') ? s : s[0].toLowerCase() + s.slice(1);
}

// memory-limit-missing: a container with no memory limit after defaulting (its own, a LimitRange `default`, or a
// pod-level limit). Nothing then stops it before the node runs out of memory, and when that happens the kernel
// picks victims by oom_score_adj: a small request means a score near 999 (kubelet pkg/kubelet/qos/policy.go;
// REFERENCE.md §1.1). Not reported where a more specific rule covers the cause (DESIGN.md "Rule ids"): the pod is
// BestEffort (`besteffort-pod`), a JVM runs in the container (`jvm-no-memory-limit`), or the limit written is
// invalid (`invalid-quantity`).
// Example: `requests: {memory: 256Mi}` without limits → add `limits: {memory: 256Mi}` (the request), else
// `fix.memory`.
import { editTarget, setResources, toTextEdits } from '../yaml/edits';
import type { ContainerModel } from '../k8s/model';
import { compareQuantity, isZeroQuantity } from '../k8s/quantities';
import type { Fix } from '../types';
import type { Span } from '../types';
import { isReportedBestEffort } from './besteffort-pod';
import { defaultFixValue, makeGuaranteedFix } from '../k8s/make-guaranteed';
import { containerLabel, valueText } from '../k8s/resource-fields';
import type { Rule, RuleContext, RuleFinding } from '../rule';

/** The `resources:` key when present, else the container's `name:` value, else its first key. */
function anchorSpan(c: ContainerModel): Span | null {
  if (c.declared.pair?.keyNode) return c.declared.pair.keyNode.span;
  if (c.nameNode && c.nameNode.span[1] > c.nameNode.span[0]) return c.nameNode.span;
  return c.node.items[0]?.keyNode?.span ?? null;
}

export const memoryLimitMissing: Rule = {
  id: 'memory-limit-missing',
  defaultSeverity: 'warning',
  summary: 'A container without a memory limit (not when besteffort-pod or jvm-no-memory-limit covers it)',
  check(ctx: RuleContext): RuleFinding[] {
    if (ctx.fileKind !== 'kubernetes' || !ctx.manifest) return [];
    const t = editTarget(ctx.text, ctx.lines, ctx.yaml);
    // Containers that run a JVM: jvm-no-memory-limit reports them (DESIGN.md "one finding per root cause").
    const jvm: ReadonlySet<ContainerModel> = ctx.containersWithJvm ?? new Set();
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const w of ctx.manifest.workloads) {
      if (w.kind === 'ComposeService' || isReportedBestEffort(w)) continue;
      // Template actions hide part of the resources (a `{{ toYaml .Values.resources }}` line): the limit may be there
      // once rendered, and DESIGN.md allows no finding on templated values.
      if (w.partial) continue;
      // A pod-level memory limit bounds every container (KEP-2837): nothing is unbounded.
      const podLimit = w.podEffective?.limits.get('memory');
      if (podLimit && !isZeroQuantity(podLimit.quantity)) continue;
      // A pod-level memory limit that is written but invalid (or templated) is invalid-quantity's finding.
      const podFields = w.podResources?.fields ?? [];
      if (podFields.some((f) => f.resource === 'memory' && f.which === 'limits' && (f.error !== undefined || f.templated))) {
        continue;
      }
      for (const c of w.containers) {
        const limit = c.effective.limits.get('memory');
        // A zero limit is no limit: the kubelet leaves the cgroup unbounded.
        if (limit && !isZeroQuantity(limit.quantity)) continue;
        const request = c.effective.requests.get('memory');
        // A zero limit below a request gets the pod rejected: request-exceeds-limit reports that cause.
        if (limit && request && compareQuantity(request.quantity, limit.quantity) > 0) continue;
        if (jvm.has(c)) continue;
        const memoryFields = c.declared.fields.filter((f) => f.resource === 'memory' && f.which === 'limits');
        if (memoryFields.some((f) => f.error !== undefined || f.templated)) continue;
        const span = anchorSpan(c);
        if (!span) continue;
        const key = `${span[0]}:${span[1]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const fromRequest = request && !isZeroQuantity(request.quantity) ? valueText(request) : null;
        const value = fromRequest ?? defaultFixValue(ctx, 'memory').text;
        const fixes: Fix[] = [];
        const add = setResources(t, c.node, [{ which: 'limits', resource: 'memory', value }]);
        const edits = add && toTextEdits(t, add);
        if (edits) {
          fixes.push({
            title: fromRequest
              ? `Set the memory limit to the request \`${value}\``
              : `Add a memory limit of \`${value}\``,
            edits,
            isPreferred: true,
          });
        }
        if (w.qos.qosClass === 'Burstable') {
          const guaranteed = makeGuaranteedFix(w, ctx);
          if (guaranteed) fixes.push(guaranteed);
        }
        findings.push({
          message: `${containerLabel(c)} has no memory limit`,
          range: ctx.lines.range(span),
          facts: {
            container: c.name,
            memoryRequestBytes: c.memoryRequestBytes?.toString() ?? null,
            oomScoreAdj: c.oom.value,
          },
          ...(fixes.length ? { fixes } : {}),
        });
      }
    }
    return findings;
  },
};

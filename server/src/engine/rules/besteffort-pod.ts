// besteffort-pod: no container of the pod sets a cpu or memory request or limit, so the pod is BestEffort:
// every container gets oom_score_adj 1000 and is the first the kernel kills when the node runs out of memory, and
// the first the kubelet evicts (kubelet pkg/kubelet/qos/policy.go besteffortOOMScoreAdj; REFERENCE.md §1.1, §1.3).
// Reported once per pod, on the workload's name, never per container (memory-limit-missing stays quiet here).
// Fixes: give every container a memory request and limit of `fix.memory` (preferred; the pod becomes Burstable,
// as fixes add no CPU limits — DESIGN.md "Quick fixes"), or make the pod Guaranteed (cpu too).
import { editTarget, type OffsetEdit, setResources, toTextEdits } from '../yaml/edits';
import type { WorkloadModel } from '../k8s/model';
import type { Fix } from '../types';
import { getPair } from '../yaml/tree';
import { type Span } from '../types';
import { defaultFixValue, makeGuaranteedFix } from '../k8s/make-guaranteed';
import type { Rule, RuleContext, RuleFinding } from '../rule';

/** True when besteffort-pod reports this workload (memory-limit-missing then leaves its containers alone). */
export function isReportedBestEffort(w: WorkloadModel): boolean {
  // A node-critical pod gets -997 whatever its class (REFERENCE.md §1.2): the "killed first" story is wrong there.
  // A cpu/memory value that is written but invalid is the root cause (invalid-quantity): the author did set one.
  const invalid = [...w.containers.flatMap((c) => c.declared.fields), ...(w.podResources?.fields ?? [])].some(
    (f) => (f.resource === 'cpu' || f.resource === 'memory') && (f.error !== undefined || f.templated),
  );
  return (
    w.kind !== 'ComposeService' &&
    w.qos.qosClass === 'BestEffort' &&
    !w.nodeCritical &&
    !w.partial &&
    !invalid &&
    w.containers.length > 0
  );
}

/** The workload's `metadata.name` value, else its `kind` value, else the pod spec's `containers` key. */
function anchorSpan(w: WorkloadModel): Span | null {
  const name = getPair(getPair(w.object, 'metadata')?.value, 'name')?.value;
  if (name && name.kind === 'scalar' && name.span[1] > name.span[0]) return name.span;
  const kind = getPair(w.object, 'kind')?.value;
  if (kind && kind.kind === 'scalar') return kind.span;
  return getPair(w.podSpec, 'containers')?.keyNode?.span ?? null;
}

export const besteffortPod: Rule = {
  id: 'besteffort-pod',
  defaultSeverity: 'warning',
  summary: 'No requests or limits anywhere: the pod is BestEffort (oom_score_adj 1000, killed first)',
  check(ctx: RuleContext): RuleFinding[] {
    if (ctx.fileKind !== 'kubernetes' || !ctx.manifest) return [];
    const t = editTarget(ctx.text, ctx.lines, ctx.yaml);
    const findings: RuleFinding[] = [];
    for (const w of ctx.manifest.workloads) {
      if (!isReportedBestEffort(w)) continue;
      const span = anchorSpan(w);
      if (!span) continue;
      const subject =
        w.kind === 'Pod' ? `Pod${w.name ? ` \`${w.name}\`` : ''} is` : `Pods of ${w.kind}${w.name ? ` \`${w.name}\`` : ''} are`;
      const why = w.qos.podLevel
        ? 'the pod-level `resources` set no cpu or memory request or limit'
        : 'no container sets a cpu or memory request or limit';
      const message =
        `${subject} BestEffort (${why}): every container gets oom_score_adj 1000 and is killed first ` +
        `when the node runs out of memory`;
      const fixes: Fix[] = [];
      if (!w.podResources) {
        const memory = defaultFixValue(ctx, 'memory').text;
        const edits: OffsetEdit[] = [];
        let ok = true;
        for (const c of w.containers) {
          const e = setResources(t, c.node, [
            { which: 'requests', resource: 'memory', value: memory },
            { which: 'limits', resource: 'memory', value: memory },
          ]);
          if (!e) ok = false;
          else edits.push(...e);
        }
        const textEdits = ok ? toTextEdits(t, edits) : null;
        if (textEdits) {
          fixes.push({
            title: `Add a memory request and limit of \`${memory}\` to every container (Burstable)`,
            edits: textEdits,
            isPreferred: true,
          });
        }
        const guaranteed = makeGuaranteedFix(w, ctx);
        if (guaranteed) fixes.push(guaranteed);
      }
      findings.push({
        message,
        range: ctx.lines.range(span),
        facts: { kind: w.kind, name: w.name, qosClass: 'BestEffort', oomScoreAdj: 1000 },
        ...(fixes.length ? { fixes } : {}),
      });
    }
    return findings;
  },
};

// request-exceeds-limit: a request above its limit for the same resource. The API server rejects the pod
// ("must be less than or equal to … limit", kubernetes pkg/apis/core/validation ValidateResourceRequirements), for
// every resource, cpu and memory alike. Values are compared after defaulting, so the LimitRange trap is caught too:
// an explicit request of 2Gi in a namespace whose LimitRange default limit is 1Gi gets the limit filled to 1Gi and
// the pod refused (plugin/pkg/admission/limitranger; REFERENCE.md §1.4, §4 trap 12).
// Example: `requests: {memory: 2Gi}, limits: {memory: 1Gi}` → raise the limit to `2Gi` (preferred) or lower the
// request to `1Gi`.
import { editTarget, replaceScalarEdit, setResources, toTextEdits } from '../yaml/edits';
import type { ContainerModel, EffectiveResources, EffectiveValue, WorkloadModel } from '../k8s/model';
import { compareQuantity } from '../k8s/quantities';
import type { Fix } from '../types';
import { makeGuaranteedFix } from '../k8s/make-guaranteed';
import { containerLabel, fieldLabel, spanKey, valueText } from '../k8s/resource-fields';
import type { Rule, RuleContext, RuleFinding } from '../rule';

function limitRangeName(v: EffectiveValue): string | null {
  return v.source.kind === 'limitrange' ? v.source.name : null;
}

function checkResources(
  ctx: RuleContext,
  workload: WorkloadModel,
  container: ContainerModel | null,
  effective: EffectiveResources,
  seen: Set<string>,
): RuleFinding[] {
  const t = editTarget(ctx.text, ctx.lines, ctx.yaml);
  const findings: RuleFinding[] = [];
  for (const [resource, request] of effective.requests) {
    const limit = effective.limits.get(resource);
    if (!limit || compareQuantity(request.quantity, limit.quantity) <= 0) continue;
    const podLevel = container === null;
    const reqField = request.source.kind === 'declared' ? request.source.field : null;
    const limField = limit.source.kind === 'declared' ? limit.source.field : null;
    const noun = resource === 'cpu' ? 'CPU' : resource;
    const reqText = valueText(request);
    const limText = valueText(limit);
    const fixes: Fix[] = [];
    let message = '';
    let anchor: [number, number] | null;
    const raise = limField?.node?.kind === 'scalar' ? toTextEdits(t, [replaceScalarEdit(t, limField.node, reqText)]) : null;
    const lower = reqField?.node?.kind === 'scalar' ? toTextEdits(t, [replaceScalarEdit(t, reqField.node, limText)]) : null;
    if (limField?.node) {
      // The preferred fix replaces the limit, so the range is the limit's value.
      anchor = limField.node.span;
      message =
        `${fieldLabel(resource, 'limits', podLevel)} \`${limText}\` is below the request \`${reqText}\`: ` +
        `the API server rejects the pod`;
      if (raise) fixes.push({ title: `Raise the ${noun} limit to \`${reqText}\``, edits: raise, isPreferred: true });
      if (lower) fixes.push({ title: `Lower the ${noun} request to \`${limText}\``, edits: lower });
    } else if (reqField?.node) {
      anchor = reqField.node.span;
      const lr = limitRangeName(limit);
      const from =
        limit.source.kind === 'limitrange'
          ? ` that LimitRange${lr ? ` \`${lr}\`` : ''} sets by default`
          : limit.source.kind === 'pod-aggregate'
            ? ' that the containers add up to'
            : limit.source.kind === 'operator'
              ? ` that ${limit.source.operator} sets (${limit.source.note})`
              : '';
      message =
        `${fieldLabel(resource, 'requests', podLevel)} \`${reqText}\` is above the limit \`${limText}\`${from}: ` +
        `the API server rejects the pod`;
      // The limit is not written in this container: lowering the request is the edit that stays inside the file's
      // own values. For memory, declaring the limit in the container (it overrides the LimitRange default) is offered
      // too; a CPU limit is never added by a fix other than "Make Guaranteed" (DESIGN.md "Quick fixes").
      if (lower) fixes.push({ title: `Lower the ${noun} request to \`${limText}\``, edits: lower, isPreferred: true });
      if (container && resource === 'memory' && limit.source.kind === 'limitrange') {
        const add = setResources(t, container.node, [{ which: 'limits', resource, value: reqText }]);
        const edits = add && toTextEdits(t, add);
        if (edits) fixes.push({ title: `Set the ${noun} limit to \`${reqText}\` in the container`, edits });
      }
    } else anchor = null;
    if (!anchor) continue;
    const key = `${spanKey(anchor)}:${resource}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (container) {
      const guaranteed = makeGuaranteedFix(workload, ctx);
      if (guaranteed && (resource === 'memory' || resource === 'cpu')) fixes.push(guaranteed);
    }
    findings.push({
      message,
      range: ctx.lines.range(anchor),
      facts: {
        resource,
        container: container ? containerLabel(container) : null,
        request: reqText,
        limit: limText,
        limitSource: limit.source.kind,
        limitRange: limitRangeName(limit),
      },
      ...(fixes.length ? { fixes } : {}),
    });
  }
  return findings;
}

export const requestExceedsLimit: Rule = {
  id: 'request-exceeds-limit',
  defaultSeverity: 'error',
  summary: 'A request above its limit (after LimitRange defaulting): the API server rejects the pod',
  check(ctx: RuleContext): RuleFinding[] {
    if (ctx.fileKind !== 'kubernetes' || !ctx.manifest) return [];
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const w of ctx.manifest.workloads) {
      if (w.kind === 'ComposeService') continue;
      for (const c of w.containers) findings.push(...checkResources(ctx, w, c, c.effective, seen));
      if (w.podEffective) findings.push(...checkResources(ctx, w, null, w.podEffective, seen));
    }
    return findings;
  },
};

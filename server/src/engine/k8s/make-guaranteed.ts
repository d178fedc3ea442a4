// "Make Guaranteed": the quick fix that gives a pod the Guaranteed QoS class (oom_score_adj -997, killed last) by
// making every container's cpu and memory request equal to its limit, for all containers including init containers
// and sidecars (kubernetes pkg/apis/core/helper/qos/qos.go; REFERENCE.md §1.3). It is the one fix allowed to add CPU
// limits (DESIGN.md "Quick fixes"). Values come from the file: the limit, else the request, else `fix.memory` /
// `fix.cpu`. A limit that only a LimitRange provides is written into the container, so that the request defaults
// to it (SetDefaults_Pod copies limits to requests before LimitRanger fills `defaultRequest`; REFERENCE.md §1.4).
import { editTarget, type OffsetEdit, type ResourceValue, setResources, toTextEdits } from '../yaml/edits';
import type { ContainerModel, EffectiveValue, WorkloadModel } from './model';
import { compareQuantity, isZeroQuantity } from './quantities';
import { parseQuantity, type Quantity } from '../quantity';
import type { Fix } from '../types';
import { valueText } from './resource-fields';
import type { Options } from '../options';
import type { LineIndex } from '../text';
import type { YFile } from '../yaml/tree';

const FALLBACK = { memory: '512Mi', cpu: '250m' } as const;

/** What these fixes read of the analysed file (a rule context has all of it). */
export interface FixContext {
  text: string;
  lines: LineIndex;
  yaml: YFile | null;
  options: Options;
}

function nonZero(v: EffectiveValue | undefined): EffectiveValue | undefined {
  return v && !isZeroQuantity(v.quantity) ? v : undefined;
}

/** `fix.memory` / `fix.cpu` from the settings, or the built-in default when the setting is not a quantity. */
export function defaultFixValue(ctx: FixContext, resource: 'memory' | 'cpu'): { text: string; quantity: Quantity } {
  for (const text of [ctx.options.fix[resource], FALLBACK[resource]]) {
    const parsed = parseQuantity(text);
    if (parsed.ok && parsed.quantity.value > 0n) return { text, quantity: parsed.quantity };
  }
  const parsed = parseQuantity(FALLBACK[resource]);
  if (!parsed.ok) throw new Error('unreachable: built-in fix values parse');
  return { text: FALLBACK[resource], quantity: parsed.quantity };
}

/** The edits that make one container's cpu and memory request equal its limit; null when it cannot be done safely. */
export function guaranteedContainerEdits(c: ContainerModel, ctx: FixContext): OffsetEdit[] | null {
  const values: ResourceValue[] = [];
  for (const resource of ['memory', 'cpu'] as const) {
    const fields = c.declared.fields.filter((f) => f.resource === resource);
    // An invalid or templated value is invalid-quantity's business (or unknown): do not build on it.
    if (fields.some((f) => f.error !== undefined || f.templated)) return null;
    const limit = nonZero(c.effective.limits.get(resource));
    const request = nonZero(c.effective.requests.get(resource));
    const chosen = limit
      ? { text: valueText(limit), quantity: limit.quantity }
      : request
        ? { text: valueText(request), quantity: request.quantity }
        : defaultFixValue(ctx, resource);
    const declaredLimit = fields.filter((f) => f.which === 'limits').pop();
    const declaredRequest = fields.filter((f) => f.which === 'requests').pop();
    const limitOk = declaredLimit?.quantity && compareQuantity(declaredLimit.quantity, chosen.quantity) === 0;
    if (!limitOk) values.push({ which: 'limits', resource, value: chosen.text });
    // Without a declared request the API server copies the limit into it; a declared one must match.
    if (declaredRequest && !(declaredRequest.quantity && compareQuantity(declaredRequest.quantity, chosen.quantity) === 0)) {
      values.push({ which: 'requests', resource, value: chosen.text });
    }
  }
  return setResources(editTarget(ctx.text, ctx.lines, ctx.yaml), c.node, values);
}

/**
 * A fix that makes the workload's pods Guaranteed, or null when they already are, when pod-level `spec.resources`
 * decides the class instead (then container values do not matter), or when a value it would build on is invalid.
 */
export function makeGuaranteedFix(workload: WorkloadModel, ctx: FixContext): Fix | null {
  if (workload.kind === 'ComposeService' || workload.qos.qosClass === 'Guaranteed') return null;
  if (workload.podResources || workload.containers.length === 0) return null;
  const edits: OffsetEdit[] = [];
  for (const c of workload.containers) {
    const e = guaranteedContainerEdits(c, ctx);
    if (!e) return null;
    edits.push(...e);
  }
  if (edits.length === 0) return null;
  const textEdits = toTextEdits(editTarget(ctx.text, ctx.lines, ctx.yaml), edits);
  if (!textEdits) return null;
  const name = workload.name ? ` \`${workload.name}\`` : '';
  return { title: `Make ${workload.kind}${name} Guaranteed (every request equal to its limit)`, edits: textEdits };
}

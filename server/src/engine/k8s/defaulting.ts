// What the API server does to a pod's resources before it computes the QoS class (REFERENCE.md §1.3, §1.4):
// decode + SetDefaults_Pod (limits → requests, pod-level defaults) → LimitRanger mutation → PrepareForCreate (QoS).
// Works on plain maps of already-parsed quantities, so it is testable without YAML. Invalid quantities never get
// here: the caller leaves them out (they count as absent).
import type { Quantity } from '../quantity';
import type { EffectiveResources, EffectiveValue, LimitRangeItemModel, LimitRangeModel, Role } from './model';
import { addQuantities, maxQuantity } from './quantities';

export interface DefaultingContainer {
  role: Role;
  /** The container's declared (valid) values; filled in place by applyDefaults. */
  effective: EffectiveResources;
}

export function emptyResources(): EffectiveResources {
  return { requests: new Map(), limits: new Map() };
}

/**
 * SetDefaults_Pod for one container: every limit key missing from requests is copied into requests
 * (kubernetes pkg/apis/core/v1/defaults.go). Runs for containers and init containers alike.
 */
export function copyLimitsToRequests(r: EffectiveResources): void {
  for (const [key, lim] of r.limits) {
    if (!r.requests.has(key)) r.requests.set(key, { quantity: lim.quantity, source: { kind: 'limit' } });
  }
}

/**
 * AggregateContainerRequests / -Limits (kubernetes component-helpers resource/helpers.go), for one resource:
 * max(Σ regular + Σ sidecars, max over init containers i of (init_i + Σ sidecars declared before i)), where a
 * sidecar's own entry is the running sum of sidecars up to and including it. Null when no container sets it.
 */
export function aggregateContainers(
  containers: readonly DefaultingContainer[],
  resource: string,
  which: 'requests' | 'limits',
): Quantity | null {
  let any = false;
  const pick = (c: DefaultingContainer): Quantity | null => {
    const v = c.effective[which].get(resource)?.quantity ?? null;
    if (v) any = true;
    return v;
  };
  const parts: Quantity[] = [];
  for (const c of containers) {
    if (c.role !== 'container') continue;
    const v = pick(c);
    if (v) parts.push(v);
  }
  const sidecars: Quantity[] = [];
  let initMax: Quantity | null = null;
  for (const c of containers) {
    if (c.role === 'container') continue;
    const v = pick(c);
    let candidate: Quantity;
    if (c.role === 'sidecar') {
      if (v) {
        parts.push(v);
        sidecars.push(v);
      }
      candidate = addQuantities(resource, ...sidecars);
    } else {
      candidate = addQuantities(resource, ...(v ? [v] : []), ...sidecars);
    }
    initMax = initMax ? maxQuantity(initMax, candidate) : candidate;
  }
  if (!any) return null;
  const sum = addQuantities(resource, ...parts);
  return initMax ? maxQuantity(sum, initMax) : sum;
}

const POD_DEFAULTED = ['cpu', 'memory'] as const;

/**
 * Pod-level defaulting (gate PodLevelResources, on by default since 1.34; REFERENCE.md §1.3):
 * - defaultPodRequests: when pod limits are set, a missing cpu/memory pod request defaults to the aggregate
 *   container requests if any container requests it, else to the pod limit;
 * - defaultPodLimits: when pod requests are set and pod limits are not, the cpu/memory pod limit defaults to the
 *   aggregate container limits when every container sets that limit.
 */
export function defaultPodResources(pod: EffectiveResources, containers: readonly DefaultingContainer[]): void {
  if (pod.limits.size > 0) {
    for (const key of POD_DEFAULTED) {
      if (pod.requests.has(key)) continue;
      const aggregate = aggregateContainers(containers, key, 'requests');
      if (aggregate) pod.requests.set(key, { quantity: aggregate, source: { kind: 'pod-aggregate' } });
      else {
        const lim = pod.limits.get(key);
        if (lim) pod.requests.set(key, { quantity: lim.quantity, source: { kind: 'limit' } });
      }
    }
  } else if (pod.requests.size > 0) {
    for (const key of POD_DEFAULTED) {
      if (containers.length === 0 || !containers.every((c) => c.effective.limits.has(key))) continue;
      const aggregate = aggregateContainers(containers, key, 'limits');
      if (aggregate) pod.limits.set(key, { quantity: aggregate, source: { kind: 'pod-aggregate' } });
    }
  }
}

/**
 * SetDefaults_LimitRangeItem for a `type: Container` item: `default` ← `max` for missing keys, then
 * `defaultRequest` ← `default`, then ← `min` (kubernetes pkg/apis/core/v1/defaults.go).
 */
export function defaultLimitRangeItem(raw: {
  default?: Map<string, Quantity>;
  defaultRequest?: Map<string, Quantity>;
  max?: Map<string, Quantity>;
  min?: Map<string, Quantity>;
}): LimitRangeItemModel {
  const def = new Map(raw.default ?? []);
  const defReq = new Map(raw.defaultRequest ?? []);
  const max = new Map(raw.max ?? []);
  const min = new Map(raw.min ?? []);
  const defaultFrom = new Map<string, 'default' | 'max'>();
  const defaultRequestFrom = new Map<string, 'defaultRequest' | 'default' | 'max' | 'min'>();
  for (const key of def.keys()) defaultFrom.set(key, 'default');
  for (const key of defReq.keys()) defaultRequestFrom.set(key, 'defaultRequest');
  for (const [key, v] of max) {
    if (!def.has(key)) {
      def.set(key, v);
      defaultFrom.set(key, 'max');
    }
  }
  for (const [key, v] of def) {
    if (!defReq.has(key)) {
      defReq.set(key, v);
      defaultRequestFrom.set(key, defaultFrom.get(key) ?? 'default');
    }
  }
  for (const [key, v] of min) {
    if (!defReq.has(key)) {
      defReq.set(key, v);
      defaultRequestFrom.set(key, 'min');
    }
  }
  return { default: def, defaultRequest: defReq, max, min, defaultFrom, defaultRequestFrom };
}

/** Is this LimitRange in the workload's namespace? A missing namespace means `default` on both sides. */
export function limitRangeApplies(lr: LimitRangeModel, namespace: string | null): boolean {
  return (lr.namespace ?? 'default') === (namespace ?? 'default');
}

/**
 * LimitRanger mutation for one LimitRange (plugin/pkg/admission/limitranger/admission.go): the `type: Container`
 * items are merged (a later item wins per key: defaultContainerResourceRequirements), then only keys missing
 * from the container are filled: limits ← default, requests ← defaultRequest.
 */
export function applyLimitRange(lr: LimitRangeModel, r: EffectiveResources): void {
  const limits = new Map<string, EffectiveValue>();
  const requests = new Map<string, EffectiveValue>();
  for (const item of lr.items) {
    for (const [key, q] of item.default) {
      limits.set(key, { quantity: q, source: { kind: 'limitrange', name: lr.name, key: item.defaultFrom.get(key) ?? 'default' } });
    }
    for (const [key, q] of item.defaultRequest) {
      requests.set(key, {
        quantity: q,
        source: { kind: 'limitrange', name: lr.name, key: item.defaultRequestFrom.get(key) ?? 'defaultRequest' },
      });
    }
  }
  for (const [key, v] of limits) if (!r.limits.has(key)) r.limits.set(key, v);
  for (const [key, v] of requests) if (!r.requests.has(key)) r.requests.set(key, v);
}

/**
 * The whole admission path for one pod, in the API server's order: SetDefaults_Pod (containers, then pod level),
 * then each LimitRange of the namespace in turn (each only fills gaps). Mutates the given maps.
 */
export function applyDefaults(
  containers: readonly DefaultingContainer[],
  pod: EffectiveResources | null,
  limitRanges: readonly LimitRangeModel[],
): void {
  for (const c of containers) copyLimitsToRequests(c.effective);
  if (pod) defaultPodResources(pod, containers);
  for (const lr of limitRanges) for (const c of containers) applyLimitRange(lr, c.effective);
}

// The pod QoS class, as the API server computes it once at create time, after defaulting and LimitRanger
// (kubernetes pkg/apis/core/helper/qos/qos.go `ComputePodQOS`, per-container "shape" form; REFERENCE.md §1.3).
import type { EffectiveResources, QosClass, QosDecision, Role } from './model';
import { compareQuantity, isZeroQuantity, QOS_RESOURCES, type QosResource } from './quantities';

export interface QosContainer {
  name: string | null;
  role: Role;
  effective: EffectiveResources;
}

type Shape = QosClass;

interface ResourceShape {
  shape: Shape;
  /** Why a Burstable shape (a phrase completing "has …"). */
  why: string;
}

/**
 * One resource of one container: absent counts as 0; request == limit == 0 → BestEffort, request == limit ≠ 0 →
 * Guaranteed, anything else → Burstable. Comparison is numeric (`Quantity.Cmp`), so `0.5` == `500m`.
 */
function resourceShape(r: EffectiveResources, resource: QosResource): ResourceShape {
  const req = r.requests.get(resource)?.quantity ?? null;
  const lim = r.limits.get(resource)?.quantity ?? null;
  const reqZero = !req || isZeroQuantity(req);
  const limZero = !lim || isZeroQuantity(lim);
  if (reqZero && limZero) return { shape: 'BestEffort', why: `no ${resource} request or limit` };
  if (req && lim && compareQuantity(req, lim) === 0) return { shape: 'Guaranteed', why: '' };
  if (limZero) return { shape: 'Burstable', why: `a ${resource} request but no ${resource} limit` };
  if (reqZero) return { shape: 'Burstable', why: `a ${resource} limit but a zero ${resource} request` };
  return compareQuantity(req!, lim!) < 0
    ? { shape: 'Burstable', why: `a ${resource} request below its limit` }
    : { shape: 'Burstable', why: `a ${resource} request above its limit (the API server rejects this pod)` };
}

interface Verdict {
  shape: Shape;
  reason: string;
  resource: QosResource | null;
}

/** cpu and memory must agree; the first Burstable resource explains a Burstable shape. */
function shapeOf(r: EffectiveResources, subject: string): Verdict {
  const shapes = QOS_RESOURCES.map((res) => ({ res, ...resourceShape(r, res) }));
  const burst = shapes.find((s) => s.shape === 'Burstable');
  if (burst) return { shape: 'Burstable', reason: `${subject} has ${burst.why}`, resource: burst.res };
  const [cpu, memory] = shapes;
  if (cpu.shape === memory.shape) return { shape: cpu.shape, reason: '', resource: null };
  // One resource Guaranteed, the other unset: the shapes disagree.
  const missing = cpu.shape === 'BestEffort' ? cpu.res : memory.res;
  const set = missing === 'cpu' ? 'memory' : 'cpu';
  return {
    shape: 'Burstable',
    reason: `${subject} sets ${set} request equal to its limit but no ${missing} request or limit`,
    resource: missing,
  };
}

function containerLabel(c: QosContainer): string {
  const noun = c.role === 'container' ? 'container' : c.role === 'sidecar' ? 'sidecar container' : 'init container';
  return c.name !== null ? `${noun} \`${c.name}\`` : `an unnamed ${noun}`;
}

/**
 * The pod's QoS class with the sentence that explains it. With pod-level `spec.resources` present (gate
 * PodLevelResources, on by default since 1.34) only the pod-level values count. Init containers and sidecars count
 * like regular containers; only cpu and memory matter. `reason` is a clause starting in lower case, to follow
 * "because": "container `proxy` has a memory request below its limit".
 */
export function computeQos(containers: readonly QosContainer[], pod: EffectiveResources | null): QosDecision {
  if (pod) {
    const v = shapeOf(pod, 'pod-level `resources`');
    const reason =
      v.shape === 'Burstable'
        ? v.reason
        : v.shape === 'Guaranteed'
          ? 'pod-level `resources` set cpu and memory requests equal to their limits'
          : 'pod-level `resources` set no cpu or memory request or limit';
    return { qosClass: v.shape, reason, container: null, resource: v.resource, podLevel: true };
  }
  let firstGuaranteed: QosContainer | null = null;
  let firstBestEffort: QosContainer | null = null;
  for (const c of containers) {
    const v = shapeOf(c.effective, containerLabel(c));
    if (v.shape === 'Burstable') {
      return { qosClass: 'Burstable', reason: v.reason, container: c.name, resource: v.resource, podLevel: false };
    }
    if (v.shape === 'Guaranteed') firstGuaranteed ??= c;
    else firstBestEffort ??= c;
  }
  if (firstGuaranteed && firstBestEffort) {
    return {
      qosClass: 'Burstable',
      reason: `${containerLabel(firstBestEffort)} sets no cpu or memory request or limit while ${containerLabel(firstGuaranteed)} does`,
      container: firstBestEffort.name,
      resource: null,
      podLevel: false,
    };
  }
  if (firstGuaranteed) {
    return {
      qosClass: 'Guaranteed',
      reason:
        containers.length === 1
          ? `${containerLabel(firstGuaranteed)} has cpu and memory requests equal to its limits`
          : 'every container has cpu and memory requests equal to its limits',
      container: null,
      resource: null,
      podLevel: false,
    };
  }
  return {
    qosClass: 'BestEffort',
    reason: containers.length === 0 ? 'the pod has no containers' : 'no container sets a cpu or memory request or limit',
    container: null,
    resource: null,
    podLevel: false,
  };
}

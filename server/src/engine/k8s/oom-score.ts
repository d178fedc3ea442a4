// The oom_score_adj the kubelet writes for a container (kubernetes pkg/kubelet/qos/policy.go
// `GetContainerOOMScoreAdjust`, REFERENCE.md §1.1), and node-criticality (pkg/kubelet/types/pod_update.go, §1.2).
// All arithmetic is BigInt with truncating division, as Go's int64 division truncates.
import type { ContainerModel, EffectiveResources, OomScore, QosDecision, Role } from './model';
import { aggregateContainers } from './defaulting';

// pkg/kubelet/qos/policy.go
export const GUARANTEED_OOM_SCORE_ADJ = -997; // -998 before v1.20 (kubernetes/kubernetes#71269)
export const BESTEFFORT_OOM_SCORE_ADJ = 1000;

/** Node sizes the hovers and code lenses tabulate. */
export const NODE_SIZES_GI = [8, 16, 32, 64, 128] as const;
export const GI = 1n << 30n;

export interface OomContainer {
  role: Role;
  effective: EffectiveResources;
}

export interface OomPod {
  nodeCritical: boolean;
  qos: Pick<QosDecision, 'qosClass'>;
  podEffective: EffectiveResources | null;
  containers: readonly OomContainer[];
}

/**
 * IsNodeCriticalPod = IsCriticalPod && priorityClassName == system-node-critical. From a manifest the class name
 * suffices: the Priority admission plugin sets `spec.priority` to 2000001000 for that class, which makes the pod
 * critical (≥ 2000000000) — REFERENCE.md §1.2. `system-cluster-critical`, or a bare `priority` without the class
 * name, is not node-critical and follows the QoS class.
 */
export function isNodeCritical(priorityClassName: string | null): boolean {
  return priorityClassName === 'system-node-critical';
}

function memoryRequestBytes(r: EffectiveResources): bigint {
  return r.requests.get('memory')?.quantity.value ?? 0n;
}

/** `IsPodLevelRequestsSet`: pod-level requests name cpu, memory or a hugepages size. */
function podLevelRequestsSet(pod: EffectiveResources | null): boolean {
  if (!pod) return false;
  for (const key of pod.requests.keys()) {
    if (key === 'cpu' || key === 'memory' || key.startsWith('hugepages-')) return true;
  }
  return false;
}

/**
 * remainingPodMemReqPerContainer: the pod memory request not claimed by the containers, spread over every
 * container incl. init containers (Go int division). 0 when the pod sets no memory request.
 */
function podShareBytes(pod: OomPod): bigint {
  const podReq = pod.podEffective?.requests.get('memory')?.quantity.value ?? 0n;
  if (podReq === 0n) return 0n;
  const n = BigInt(pod.containers.length);
  if (n === 0n) return 0n;
  const aggregate = aggregateContainers(pod.containers, 'memory', 'requests')?.value ?? 0n;
  return (podReq - aggregate) / n;
}

function formula(requestBytes: bigint, capacityBytes: bigint): bigint {
  return 1000n - (1000n * requestBytes) / capacityBytes;
}

/**
 * GetContainerOOMScoreAdjust for container `index` of `pod` on a node with `capacityBytes` memory capacity
 * (node.status.capacity.memory, not allocatable).
 */
export function computeOomScore(pod: OomPod, index: number, capacityBytes: bigint): OomScore {
  const container = pod.containers[index];
  const requestBytes = container ? memoryRequestBytes(container.effective) : 0n;
  const base = { requestBytes, capacityBytes, podShareBytes: null, sidecarMinRequestBytes: null };
  if (pod.nodeCritical) {
    return { ...base, value: GUARANTEED_OOM_SCORE_ADJ, branch: 'node-critical', unclamped: GUARANTEED_OOM_SCORE_ADJ };
  }
  if (pod.qos.qosClass === 'Guaranteed') {
    return { ...base, value: GUARANTEED_OOM_SCORE_ADJ, branch: 'guaranteed', unclamped: GUARANTEED_OOM_SCORE_ADJ };
  }
  if (pod.qos.qosClass === 'BestEffort') {
    return { ...base, value: BESTEFFORT_OOM_SCORE_ADJ, branch: 'besteffort', unclamped: BESTEFFORT_OOM_SCORE_ADJ };
  }
  // A node without memory cannot exist; never divide by zero on a bad setting.
  if (capacityBytes <= 0n) return { ...base, value: 999, branch: 'burstable', unclamped: 1000 };
  const share = podLevelRequestsSet(pod.podEffective) ? podShareBytes(pod) : null;
  let adj = formula(requestBytes + (share ?? 0n), capacityBytes);
  let sidecarMin: bigint | null = null;
  if (container?.role === 'sidecar') {
    const regular = pod.containers.filter((c) => c.role === 'container');
    if (regular.length > 0) {
      sidecarMin = regular.map((c) => memoryRequestBytes(c.effective)).reduce((a, b) => (b < a ? b : a));
      const sidecarAdj = formula(sidecarMin + (share ?? 0n), capacityBytes);
      if (sidecarAdj < adj) adj = sidecarAdj;
    }
  }
  const unclamped = Number(adj);
  // Clamp: never below 1000 + guaranteedOOMScoreAdj, never equal to BestEffort's 1000.
  const value = adj < 3n ? 3 : adj === 1000n ? 999 : unclamped;
  return { value, branch: 'burstable', requestBytes, capacityBytes, podShareBytes: share, sidecarMinRequestBytes: sidecarMin, unclamped };
}

/** The score of one container of a built workload on a node of another size (for tables over node sizes). */
export function oomScoreFor(
  workload: OomPod & { containers: readonly ContainerModel[] },
  container: ContainerModel,
  capacityBytes: bigint,
): OomScore {
  const index = workload.containers.indexOf(container);
  return computeOomScore(workload, index, capacityBytes);
}

/** A curried form: `oomScoreOnNode(64n * GI)(workload, container)`. */
export function oomScoreOnNode(capacityBytes: bigint) {
  return (workload: OomPod & { containers: readonly ContainerModel[] }, container: ContainerModel): OomScore =>
    oomScoreFor(workload, container, capacityBytes);
}

/** Scores over the standard node sizes (8, 16, 32, 64, 128 GiB). */
export function oomScoresOverNodeSizes(
  workload: OomPod & { containers: readonly ContainerModel[] },
  container: ContainerModel,
): Array<{ nodeGi: number; capacityBytes: bigint; score: OomScore }> {
  return NODE_SIZES_GI.map((gi) => {
    const capacityBytes = BigInt(gi) * GI;
    return { nodeGi: gi, capacityBytes, score: oomScoreFor(workload, container, capacityBytes) };
  });
}

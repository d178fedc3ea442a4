// The node view: pack the workloads onto nodes of a profile, add up each node, and rank who is evicted and who is
// OOM-killed first in a scenario. Pure: workloads and a profile in, a plan out (json.ts writes the CLI contract).
import type { NodeWorkload } from './model';
import { evictionOrder, type EvictionEntry, oomKillOrder, type OomEntry, podUsage, type Scenario, SCENARIOS } from './orders';
import { type PlacedPod, placePods, type Unplaced } from './place';
import type { NodeProfile } from './profile';

export interface PlannedNode {
  index: number;
  /** In creation order: the node's DaemonSet pods, then the pods placed on it. */
  pods: PlacedPod[];
  /** Σ pod requests (what the scheduler checks against allocatable). */
  requestsBytes: bigint;
  cpuRequestsMilli: bigint;
  /** Σ pod limits; null when some pod has no memory limit. */
  limitsBytes: bigint | null;
  /** limits ÷ allocatable, to three decimals; null when limits are null or allocatable is 0. */
  overcommit: number | null;
  /** The memory the node's pods would use in each scenario. */
  needBytes: Record<Scenario, bigint>;
  /** The chosen scenario's need exceeds allocatable: the kubelet would start evicting. */
  underPressure: boolean;
}

export interface NodePlan {
  profile: NodeProfile;
  scenario: Scenario;
  nodes: PlannedNode[];
  unplaced: Unplaced[];
  /** Node by node (node 0 first), first victim first. */
  evictionOrder: EvictionEntry[];
  oomKillOrder: OomEntry[];
}

/** limits ÷ allocatable rounded half up to three decimals. */
export function ratio(numerator: bigint, denominator: bigint): number | null {
  if (denominator <= 0n) return null;
  return Number((numerator * 2000n + denominator) / (2n * denominator)) / 1000;
}

export function planNodes(workloads: readonly NodeWorkload[], profile: NodeProfile, scenario: Scenario): NodePlan {
  const placement = placePods(workloads, profile);
  const nodes: PlannedNode[] = placement.nodes.map((pods, index) => {
    let requestsBytes = 0n;
    let cpuRequestsMilli = 0n;
    let limitsBytes: bigint | null = 0n;
    const needBytes = { request: 0n, limit: 0n, expected: 0n } as Record<Scenario, bigint>;
    for (const p of pods) {
      requestsBytes += p.workload.memoryRequestBytes;
      cpuRequestsMilli += p.workload.cpuRequestMilli;
      limitsBytes = limitsBytes === null || p.workload.memoryLimitBytes === null ? null : limitsBytes + p.workload.memoryLimitBytes;
      for (const s of SCENARIOS) needBytes[s] += podUsage(p.workload, s);
    }
    return {
      index,
      pods,
      requestsBytes,
      cpuRequestsMilli,
      limitsBytes,
      overcommit: limitsBytes === null ? null : ratio(limitsBytes, profile.allocatableBytes),
      needBytes,
      underPressure: needBytes[scenario] > profile.allocatableBytes,
    };
  });
  return {
    profile,
    scenario,
    nodes,
    unplaced: placement.unplaced,
    evictionOrder: nodes.flatMap((n) => evictionOrder(n.pods, scenario)),
    oomKillOrder: nodes.flatMap((n) => oomKillOrder(n.pods, scenario, profile)),
  };
}

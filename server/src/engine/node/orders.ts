// Who goes first when a node runs short of memory, in a usage scenario (an estimate from declared numbers, never a
// measurement): the kubelet's eviction order and the kernel OOM killer's order, node by node (node 0 first).
import type { NodeContainer, NodeWorkload } from './model';
import type { PlacedPod } from './place';
import { kubepodsTotalPages, PAGE_SIZE, type NodeProfile } from './profile';

export type Scenario = 'request' | 'limit' | 'expected';
export const SCENARIOS: readonly Scenario[] = ['request', 'limit', 'expected'];

/**
 * A running container's memory in a scenario: its request; its limit (its request when it has none); or, for a
 * JVM, heap + non-heap budget (never above its limit: the container's own cgroup stops it there), others at
 * their request.
 */
export function containerUsage(c: NodeContainer, scenario: Scenario): bigint {
  if (scenario === 'limit') return c.memoryLimitBytes ?? c.memoryRequestBytes;
  if (scenario === 'expected' && c.expectedBytes !== null) {
    return c.memoryLimitBytes !== null && c.expectedBytes > c.memoryLimitBytes ? c.memoryLimitBytes : c.expectedBytes;
  }
  return c.memoryRequestBytes;
}

/** A pod's memory in a scenario: its running containers plus the RuntimeClass overhead (charged to the pod cgroup). */
export function podUsage(w: NodeWorkload, scenario: Scenario): bigint {
  let sum = w.overheadBytes;
  for (const c of w.containers) sum += containerUsage(c, scenario);
  return sum;
}

export interface EvictionEntry {
  pod: PlacedPod;
  usageBytes: bigint;
  requestBytes: bigint;
  /** usage > request (strictly): the first group the kubelet evicts from. */
  exceeds: boolean;
}

/**
 * The kubelet's ranking under memory pressure (kubernetes pkg/kubelet/eviction/helpers.go `rankMemoryPressure`:
 * `orderedBy(exceedMemoryRequests(stats), priority, memory(stats))`): pods whose usage exceeds their request first,
 * then lower priority first, then the larger usage above the request first. The request is the pod's (containers,
 * init containers and overhead, `GetResourceRequestQuantity`). Critical pods are never evicted
 * (eviction_manager.go `evictPod`: "cannot evict a critical pod") and are left out. Ties keep creation order (the
 * kubelet's sort is unstable: among equals its order is unspecified). `pods` are one node's, in creation order.
 */
export function evictionOrder(pods: readonly PlacedPod[], scenario: Scenario): EvictionEntry[] {
  const entries: EvictionEntry[] = [];
  for (const pod of pods) {
    if (pod.workload.critical) continue;
    const usageBytes = podUsage(pod.workload, scenario);
    const requestBytes = pod.workload.memoryRequestBytes;
    entries.push({ pod, usageBytes, requestBytes, exceeds: usageBytes > requestBytes });
  }
  return entries.sort((a, b) => {
    if (a.exceeds !== b.exceeds) return a.exceeds ? -1 : 1;
    if (a.pod.workload.priority !== b.pod.workload.priority) return a.pod.workload.priority - b.pod.workload.priority;
    const ea = a.usageBytes - a.requestBytes;
    const eb = b.usageBytes - b.requestBytes;
    if (ea !== eb) return ea > eb ? -1 : 1;
    return a.pod.created - b.pod.created;
  });
}

/**
 * oom_score_adj on a node of `capacityBytes` (kubernetes pkg/kubelet/qos/policy.go `GetContainerOOMScoreAdjust`):
 * node-critical and Guaranteed −997, BestEffort 1000, Burstable 1000 − 1000 × basis ÷ capacity (Go integer
 * division), clamped to [3, 999].
 */
export function oomScoreAdj(c: NodeContainer, capacityBytes: bigint): number {
  if (c.oomBranch === 'node-critical' || c.oomBranch === 'guaranteed') return -997;
  if (c.oomBranch === 'besteffort') return 1000;
  if (capacityBytes <= 0n) return 999;
  const adj = 1000n - (1000n * c.oomBasisBytes) / capacityBytes;
  return adj < 3n ? 3 : adj >= 1000n ? 999 : Number(adj);
}

/** oom_score_adj = −1000 (OOM_SCORE_ADJ_MIN): the kernel never chooses the task. */
export const OOM_SCORE_ADJ_MIN = -1000;

export interface OomEntry {
  pod: PlacedPod;
  container: NodeContainer;
  /** Creation order of the container on the node (pods in creation order; sidecars before regular containers). */
  created: number;
  usageBytes: bigint;
  oomScoreAdj: number;
  /** mm/oom_kill.c `oom_badness`: usage pages + oom_score_adj × (totalpages / 1000). */
  badnessPages: bigint;
  /** The badness in thousandths of the kubepods memory: memory share × 1000 + oom_score_adj, truncated. */
  oomScore: number;
}

/**
 * The kernel's choice when the kubepods cgroup runs out (the kubelet enforces node allocatable on `pods` by
 * default), victim by victim: mm/oom_kill.c `oom_badness` = rss + swap + page tables (here the scenario's usage in
 * pages, rounded up) + `adj *= totalpages / 1000` (integer division first), with totalpages the cgroup's
 * `memory.max` (capacity − kube-reserved − system-reserved). A task at −1000 is never chosen. `oom_evaluate_task`
 * skips only `points < chosen_points`, so of equal badness the later-scanned (later-created) container is chosen.
 */
export function oomKillOrder(pods: readonly PlacedPod[], scenario: Scenario, profile: NodeProfile): OomEntry[] {
  const totalPages = kubepodsTotalPages(profile);
  const unit = totalPages / 1000n;
  const entries: OomEntry[] = [];
  let created = 0;
  for (const pod of pods) {
    for (const container of pod.workload.containers) {
      const adj = oomScoreAdj(container, profile.capacityBytes);
      const order = created++;
      if (adj === OOM_SCORE_ADJ_MIN) continue;
      const usageBytes = containerUsage(container, scenario);
      const pages = (usageBytes + PAGE_SIZE - 1n) / PAGE_SIZE;
      const badnessPages = pages + BigInt(adj) * unit;
      entries.push({ pod, container, created: order, usageBytes, oomScoreAdj: adj, badnessPages, oomScore: Number((badnessPages * 1000n) / totalPages) });
    }
  }
  return entries.sort((a, b) => {
    if (a.badnessPages !== b.badnessPages) return a.badnessPages > b.badnessPages ? -1 : 1;
    return b.created - a.created;
  });
}

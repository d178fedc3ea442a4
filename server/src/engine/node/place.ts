// Placement: every workload's pods packed onto the fewest nodes of the profile by first-fit decreasing — a sizing
// estimate, not the scheduler (which spreads and scores). Order: memory request, then CPU request, largest first,
// then kind, namespace, name and replica. A new node first gets one pod of each DaemonSet (its replica is the node's
// index). A pod fits where the scheduler's NodeResourcesFit filter would let it (kubernetes
// pkg/scheduler/framework/plugins/noderesources/fit.go `fitsRequest`): one more pod within `maxPods`, and each
// resource checked only when the pod requests it (`podRequest.Memory > 0 && podRequest.Memory > allocatable −
// requested`). Byte sums use JS numbers: exact below 2^53 bytes (8 PiB), far above any node.
import { formatBytes } from '../bytes';
import type { NodeWorkload } from './model';
import type { NodeProfile } from './profile';

export interface PlacedPod {
  workload: NodeWorkload;
  replica: number;
  node: number;
  /** Creation order over the whole plan: the DaemonSet pods (node by node), then the placement order. */
  created: number;
}

export interface Unplaced {
  workload: NodeWorkload;
  /** Pods left out: the replicas of one run; for a DaemonSet, one per node. */
  pods: number;
  reason: string;
}

export interface Placement {
  nodes: PlacedPod[][];
  unplaced: Unplaced[];
}

interface NodeState {
  pods: number;
  memory: number;
  cpu: number;
}

function key(s: string | null): string {
  return s ?? '';
}

/** First-fit-decreasing order: memory request, CPU request (largest first), then kind, namespace, name, replica. */
export function compareForPlacement(a: { workload: NodeWorkload; replica: number }, b: { workload: NodeWorkload; replica: number }): number {
  const wa = a.workload;
  const wb = b.workload;
  if (wa.memoryRequestBytes !== wb.memoryRequestBytes) return wa.memoryRequestBytes > wb.memoryRequestBytes ? -1 : 1;
  if (wa.cpuRequestMilli !== wb.cpuRequestMilli) return wa.cpuRequestMilli > wb.cpuRequestMilli ? -1 : 1;
  for (const [x, y] of [[wa.kind, wb.kind], [key(wa.namespace), key(wb.namespace)], [key(wa.name), key(wb.name)]] as const) {
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.replica - b.replica;
}

/** Why a pod does not fit on a node in `state`, or null when it fits (fit.go `fitsRequest`). */
function misfit(w: NodeWorkload, state: NodeState, profile: NodeProfile, mem: number, cpu: number): string | null {
  if (state.pods + 1 > profile.maxPods) return `too many pods: a node takes ${profile.maxPods}`;
  const allocMem = Number(profile.allocatableBytes);
  if (mem > 0 && mem > allocMem - state.memory) {
    return `insufficient memory: requests ${formatBytes(w.memoryRequestBytes)}, a node has ${formatBytes(BigInt(Math.max(0, allocMem - state.memory)))} of ${formatBytes(profile.allocatableBytes)} allocatable free`;
  }
  const allocCpu = Number(profile.allocatableCpuMilli);
  if (cpu > 0 && cpu > allocCpu - state.cpu) {
    return `insufficient cpu: requests ${w.cpuRequestMilli}m, a node has ${Math.max(0, allocCpu - state.cpu)}m of ${profile.allocatableCpuMilli}m allocatable free`;
  }
  return null;
}

/** Pack the workloads' pods onto nodes of the profile. */
export function placePods(workloads: readonly NodeWorkload[], profile: NodeProfile): Placement {
  const unplaced: Unplaced[] = [];
  const daemonSets = workloads.filter((w) => w.daemonSet && w.pods > 0).map((workload) => ({ workload, replica: 0 }));
  daemonSets.sort(compareForPlacement);
  // Every new node is alike: the DaemonSet pods that fit on an empty node fit on each new node.
  const fresh: NodeState = { pods: 0, memory: 0, cpu: 0 };
  const nodeDaemons: NodeWorkload[] = [];
  const dsMisfit: Array<{ workload: NodeWorkload; reason: string }> = [];
  for (const { workload } of daemonSets) {
    const mem = Number(workload.memoryRequestBytes);
    const cpu = Number(workload.cpuRequestMilli);
    const why = misfit(workload, fresh, profile, mem, cpu);
    if (why) {
      dsMisfit.push({ workload, reason: why });
      continue;
    }
    nodeDaemons.push(workload);
    fresh.pods++;
    fresh.memory += mem;
    fresh.cpu += cpu;
  }
  const pods: Array<{ workload: NodeWorkload; replica: number }> = [];
  for (const workload of workloads) {
    if (workload.daemonSet) continue;
    for (let r = 0; r < workload.pods; r++) pods.push({ workload, replica: r });
  }
  pods.sort(compareForPlacement);
  const states: NodeState[] = [];
  const allocMem = Number(profile.allocatableBytes);
  const allocCpu = Number(profile.allocatableCpuMilli);
  const maxPods = profile.maxPods;
  let first = 0;
  const placed: Array<{ workload: NodeWorkload; replica: number; node: number }> = [];
  const failed = new Map<NodeWorkload, { pods: number; reason: string }>();
  for (const pod of pods) {
    const mem = Number(pod.workload.memoryRequestBytes);
    const cpu = Number(pod.workload.cpuRequestMilli);
    let node = -1;
    // The fit test of misfit(), inlined without building a reason: this loop runs pods × nodes times.
    for (let i = first; i < states.length; i++) {
      const st = states[i];
      if (st.pods + 1 > maxPods || (mem > 0 && mem > allocMem - st.memory) || (cpu > 0 && cpu > allocCpu - st.cpu)) continue;
      node = i;
      break;
    }
    if (node < 0) {
      const why = misfit(pod.workload, fresh, profile, mem, cpu);
      if (why) {
        const f = failed.get(pod.workload);
        if (f) f.pods++;
        else failed.set(pod.workload, { pods: 1, reason: why });
        continue;
      }
      states.push({ ...fresh });
      node = states.length - 1;
    }
    const s = states[node];
    s.pods++;
    s.memory += mem;
    s.cpu += cpu;
    placed.push({ ...pod, node });
    // Nodes before `first` are full (no pod fits them any more: max pods reached) and are skipped from now on.
    while (first < states.length && states[first].pods >= maxPods) first++;
  }
  // DaemonSets alone still make one node to look at.
  if (states.length === 0 && nodeDaemons.length > 0) states.push({ ...fresh });
  const nodes: PlacedPod[][] = states.map(() => []);
  let created = 0;
  for (let n = 0; n < nodes.length; n++) {
    for (const workload of nodeDaemons) nodes[n].push({ workload, replica: n, node: n, created: created++ });
  }
  for (const p of placed) nodes[p.node].push({ ...p, created: created++ });
  for (const { workload, reason } of dsMisfit) unplaced.push({ workload, pods: Math.max(1, nodes.length), reason: `${reason} (DaemonSet)` });
  for (const [workload, f] of failed) unplaced.push({ workload, pods: f.pods, reason: f.reason });
  return { nodes, unplaced };
}

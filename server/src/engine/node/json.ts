// The node view's JSON (the `oom-lens node --format json` contract in README.md): stable, fields are added, never
// renamed. Byte values are bigint here and JSON integers at the edge (cli-core.ts toJsonText).
import type { NodePlan } from './plan';

export interface NodePlanJson {
  version: 1;
  profile: {
    name: string;
    capacityBytes: bigint;
    cpus: number;
    maxPods: number;
    kubeReservedBytes: bigint;
    systemReservedBytes: bigint;
    evictionHardBytes: bigint;
    allocatableBytes: bigint;
    allocatableCpuMilli: bigint;
  };
  nodesNeeded: number;
  unplaced: Array<{ kind: string; name: string | null; namespace: string | null; reason: string; pods: number }>;
  nodes: Array<{
    pods: Array<{ kind: string; name: string | null; namespace: string | null; replica: number }>;
    requestsBytes: bigint;
    limitsBytes: bigint | null;
    overcommit: number | null;
    cpuRequestsMilli: bigint;
    needBytes: { request: bigint; limit: bigint; expected: bigint };
    underPressure: boolean;
  }>;
  scenario: string;
  evictionOrder: Array<{ kind: string; name: string | null; namespace: string | null; replica: number; node: number; usageBytes: bigint; requestBytes: bigint; priority: number }>;
  oomKillOrder: Array<{
    kind: string;
    name: string | null;
    namespace: string | null;
    replica: number;
    container: string | null;
    node: number;
    oomScore: number;
    oomScoreAdj: number;
    badnessPages: bigint;
    usageBytes: bigint;
  }>;
}

export function toNodePlanJson(plan: NodePlan): NodePlanJson {
  const id = (w: { kind: string; name: string | null; namespace: string | null }) => ({ kind: w.kind, name: w.name, namespace: w.namespace });
  const p = plan.profile;
  return {
    version: 1,
    profile: {
      name: p.name,
      capacityBytes: p.capacityBytes,
      cpus: p.cpus,
      maxPods: p.maxPods,
      kubeReservedBytes: p.kubeReservedBytes,
      systemReservedBytes: p.systemReservedBytes,
      evictionHardBytes: p.evictionHardBytes,
      allocatableBytes: p.allocatableBytes,
      allocatableCpuMilli: p.allocatableCpuMilli,
    },
    nodesNeeded: plan.nodes.length,
    unplaced: plan.unplaced.map((u) => ({ ...id(u.workload), reason: u.reason, pods: u.pods })),
    nodes: plan.nodes.map((n) => ({
      pods: n.pods.map((pod) => ({ ...id(pod.workload), replica: pod.replica })),
      requestsBytes: n.requestsBytes,
      limitsBytes: n.limitsBytes,
      overcommit: n.overcommit,
      cpuRequestsMilli: n.cpuRequestsMilli,
      needBytes: { ...n.needBytes },
      underPressure: n.underPressure,
    })),
    scenario: plan.scenario,
    evictionOrder: plan.evictionOrder.map((e) => ({
      ...id(e.pod.workload),
      replica: e.pod.replica,
      node: e.pod.node,
      usageBytes: e.usageBytes,
      requestBytes: e.requestBytes,
      priority: e.pod.workload.priority,
    })),
    oomKillOrder: plan.oomKillOrder.map((e) => ({
      ...id(e.pod.workload),
      replica: e.pod.replica,
      container: e.container.name,
      node: e.pod.node,
      oomScore: e.oomScore,
      oomScoreAdj: e.oomScoreAdj,
      badnessPages: e.badnessPages,
      usageBytes: e.usageBytes,
    })),
  };
}

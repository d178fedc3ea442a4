// Where a workload sits in the kill order on a node of the profile: the line the container hover adds. The file's
// own workloads are packed (first-fit decreasing) onto nodes of the settings' profile, in the settings' scenario.
import { formatBytes } from '../bytes';
import type { NodeContainer, NodeWorkload } from './model';
import type { NodePlan } from './plan';

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${s}`;
}

/** Markdown for the hover of `container` (null: an init container) of `workload`, or null when it has no pod. */
export function killOrderMarkdown(plan: NodePlan, workload: NodeWorkload, container: NodeContainer | null): string | null {
  const p = plan.profile;
  const head = `**Node view** · ${formatBytes(p.capacityBytes)} node (${p.name}, allocatable ${formatBytes(p.allocatableBytes)}), ${plan.scenario} scenario, this file's workloads packed`;
  const unplaced = plan.unplaced.find((u) => u.workload === workload);
  if (unplaced) return `${head}: fits no node — ${unplaced.reason}.`;
  const node = plan.nodes.find((n) => n.pods.some((pod) => pod.workload === workload));
  if (!node) return null;
  const pod = node.pods.find((x) => x.workload === workload)!;
  const parts: string[] = [];
  const evictions = plan.evictionOrder.filter((e) => e.pod.node === node.index);
  const ev = evictions.findIndex((e) => e.pod === pod);
  parts.push(workload.critical ? 'never evicted (critical priority)' : `evicted **${ordinal(ev + 1)}** of ${evictions.length} pods`);
  if (container) {
    const kills = plan.oomKillOrder.filter((e) => e.pod.node === node.index);
    const k = kills.findIndex((e) => e.pod === pod && e.container === container);
    if (k >= 0) parts.push(`OOM-killed **${ordinal(k + 1)}** of ${kills.length} containers (score ${kills[k].oomScore}, oom_score_adj ${kills[k].oomScoreAdj})`);
  }
  const where = plan.nodes.length > 1 ? ` on node ${node.index} of ${plan.nodes.length}` : '';
  return `${head}: replica ${pod.replica}${where} is ${parts.join(' · ')}. _An estimate from declared numbers._`;
}

// memory-limit-overcommit: a Burstable pod whose memory limit is far above its request (2× or more), so that the
// pods of it that the scheduler packs onto one node of the profile by their requests have limits that add up to
// more than the node's allocatable memory. The scheduler only checks requests (kubernetes
// pkg/scheduler/framework/plugins/noderesources/fit.go `fitsRequest`); when the pods then grow toward their
// limits the node runs short, the kubelet evicts pods whose usage exceeds their request first
// (pkg/kubelet/eviction/helpers.go `rankMemoryPressure`) and the kernel's OOM killer picks the Burstable
// containers before the Guaranteed ones. A hint by default: overcommit can be a deliberate choice.
// Example: `requests: {memory: 512Mi}`, `limits: {memory: 4Gi}`, 30 replicas on 16Gi nodes: all 30 fit one node
// by request (15 GiB), their limits add up to 120 GiB, 7.546× the node's allocatable (15.9 GiB).
import { formatBytes } from '../bytes';
import type { ContainerModel, WorkloadModel } from '../k8s/model';
import { nodeWorkloadOf, readClusterObjects } from '../node/from-k8s';
import type { NodeWorkload } from '../node/model';
import { ratio } from '../node/plan';
import type { NodeProfile } from '../node/profile';
import { nodeProfileOf } from '../node/settings';
import type { Rule, RuleContext, RuleFinding } from '../rule';

/** A limit at least this many times the request is "far above" it. */
export const FAR_ABOVE_FACTOR = 2n;

export interface OvercommitFacts {
  /** Pods of the workload on one node, packed by request (capped by replicas and max pods). */
  podsOnNode: number;
  requestsBytes: bigint;
  limitsBytes: bigint;
  overcommit: number;
}

/** How far the workload's own pods, packed by request onto one node of the profile, overcommit its memory; null when they do not. */
export function overcommitOf(n: NodeWorkload, profile: NodeProfile): OvercommitFacts | null {
  const request = n.memoryRequestBytes;
  const limit = n.memoryLimitBytes;
  if (limit === null || limit < FAR_ABOVE_FACTOR * request || limit === 0n || profile.allocatableBytes <= 0n) return null;
  const byRequest = request > 0n ? Number(profile.allocatableBytes / request) : Number.MAX_SAFE_INTEGER;
  const podsOnNode = Math.min(n.daemonSet ? 1 : n.pods, byRequest, profile.maxPods);
  if (podsOnNode < 1) return null;
  const limitsBytes = limit * BigInt(podsOnNode);
  if (limitsBytes <= profile.allocatableBytes) return null;
  return { podsOnNode, requestsBytes: request * BigInt(podsOnNode), limitsBytes, overcommit: ratio(limitsBytes, profile.allocatableBytes) ?? 0 };
}

/** The container whose limit is furthest above its request, and its `limits.memory` value. */
function anchor(w: WorkloadModel): { c: ContainerModel; node: NonNullable<ContainerModel['declared']['fields'][number]['node']> } | null {
  let best: { c: ContainerModel; node: NonNullable<ContainerModel['declared']['fields'][number]['node']>; gap: bigint } | null = null;
  for (const c of w.containers) {
    if (c.role === 'init' || c.memoryLimitBytes === null) continue;
    const field = c.declared.fields.filter((f) => f.resource === 'memory' && f.which === 'limits').pop();
    if (!field?.node) continue;
    const gap = c.memoryLimitBytes - (c.memoryRequestBytes ?? 0n);
    if (!best || gap > best.gap) best = { c, node: field.node, gap };
  }
  return best;
}

export const memoryLimitOvercommit: Rule = {
  id: 'memory-limit-overcommit',
  defaultSeverity: 'hint',
  summary: 'A Burstable pod whose memory limit is far above its request overcommits the node its pods are packed onto',
  check(ctx: RuleContext): RuleFinding[] {
    if (ctx.fileKind !== 'kubernetes' || !ctx.manifest) return [];
    const profile = nodeProfileOf(ctx.options, ctx.manifest.nodeMemoryBytes);
    const cluster = readClusterObjects(ctx.yaml);
    const findings: RuleFinding[] = [];
    for (const w of ctx.manifest.workloads) {
      if (w.qos.qosClass !== 'Burstable' || w.partial) continue;
      const n = nodeWorkloadOf(w, cluster, null);
      if (n.pods === 0) continue;
      const facts = overcommitOf(n, profile);
      const at = facts && anchor(w);
      if (!facts || !at) continue;
      const times = n.memoryRequestBytes > 0n ? `${ratio(n.memoryLimitBytes!, n.memoryRequestBytes)}× its request ${formatBytes(n.memoryRequestBytes)}` : 'above its request of 0';
      const who = facts.podsOnNode === 1 ? 'One pod' : `${facts.podsOnNode} pods`;
      const message =
        `Pod memory limit ${formatBytes(n.memoryLimitBytes!)} is ${times}: ${who} fit${facts.podsOnNode === 1 ? 's' : ''} a ` +
        `${formatBytes(profile.capacityBytes)} node (${profile.name}) by request (${formatBytes(facts.requestsBytes)}), but ` +
        `${facts.podsOnNode === 1 ? 'its limit is' : 'their limits add up to'} ${formatBytes(facts.limitsBytes)}, ` +
        `${facts.overcommit}× the node's allocatable ${formatBytes(profile.allocatableBytes)}`;
      findings.push({ range: ctx.lines.range(at.node.span), message });
    }
    return findings;
  },
};

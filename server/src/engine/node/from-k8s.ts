// Kubernetes workloads → the node view's input (model.ts): how many pods one run makes, the priority, the
// RuntimeClass overhead, the pod's requests and limits as the scheduler and the kubelet add them up, and each
// running container's oom_score_adj basis. Reads the file's PriorityClass and RuntimeClass objects. Never throws
// on user input: anything unreadable counts as absent.
import { aggregateContainers } from '../k8s/defaulting';
import type { ContainerModel, ManifestModel, WorkloadModel } from '../k8s/model';
import { parseManifestQuantity } from '../quantity';
import type { LineIndex } from '../text';
import { asMap, asSeq, asString, get, type YFile, type YMap, type YNode } from '../yaml/tree';
import type { NodeContainer, NodeWorkload } from './model';

/**
 * The built-in priority classes (kubernetes pkg/apis/scheduling/types.go: `SystemCriticalPriority` = 2000000000;
 * system-cluster-critical = SystemCriticalPriority, system-node-critical = SystemCriticalPriority + 1000).
 */
export const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;
const BUILTIN_PRIORITY: Record<string, number> = {
  'system-cluster-critical': SYSTEM_CRITICAL_PRIORITY,
  'system-node-critical': SYSTEM_CRITICAL_PRIORITY + 1000,
};

export interface ClusterObjects {
  /** PriorityClass name → value. */
  priorityClasses: Map<string, number>;
  /** RuntimeClass name → `overhead.podFixed` (memory bytes, CPU millicores). */
  runtimeClasses: Map<string, { memoryBytes: bigint; cpuMilli: bigint }>;
}

function num(node: YNode | null): number | null {
  if (!node || node.kind !== 'scalar') return null;
  const v = node.value;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

function quantity(node: YNode | null, milli: boolean): bigint {
  if (!node || node.kind !== 'scalar' || node.value === null || typeof node.value === 'boolean') return 0n;
  const r = parseManifestQuantity(String(node.value));
  if (!r.ok) return 0n;
  const v = milli ? r.quantity.milliValue : r.quantity.value;
  return v > 0n ? v : 0n;
}

/** Every top-level object of the file, List items included. */
function objects(file: YFile): YMap[] {
  const out: YMap[] = [];
  for (const doc of file.docs) {
    const root = asMap(doc.contents);
    if (!root) continue;
    const items = asString(get(root, 'kind'))?.endsWith('List') ? asSeq(get(root, 'items')) : null;
    if (items) for (const item of items.items) { const m = asMap(item); if (m) out.push(m); }
    else out.push(root);
  }
  return out;
}

/** PriorityClass and RuntimeClass objects declared in a file. */
export function readClusterObjects(file: YFile | null): ClusterObjects {
  const result: ClusterObjects = { priorityClasses: new Map(), runtimeClasses: new Map() };
  if (!file) return result;
  for (const o of objects(file)) {
    const kind = asString(get(o, 'kind'));
    const name = asString(get(get(o, 'metadata'), 'name'));
    if (name === null) continue;
    if (kind === 'PriorityClass') {
      const value = num(get(o, 'value'));
      if (value !== null) result.priorityClasses.set(name, value);
    } else if (kind === 'RuntimeClass') {
      // node.k8s.io/v1 RuntimeClass `overhead.podFixed` ("Pod Overhead", kubernetes.io/docs/concepts/scheduling-eviction/pod-overhead).
      const fixed = get(get(o, 'overhead'), 'podFixed');
      result.runtimeClasses.set(name, { memoryBytes: quantity(get(fixed, 'memory'), false), cpuMilli: quantity(get(fixed, 'cpu'), true) });
    }
  }
  return result;
}

/**
 * Pods of one run. Deployments, StatefulSets, ReplicaSets, ReplicationControllers, Argo Rollouts and OpenShift
 * DeploymentConfigs: `spec.replicas` (default 1); a Job (or a CronJob's job): `parallelism` (default 1) capped by
 * `completions` (batch/v1 JobSpec: at most `parallelism` pods run at once, never more than the completions left);
 * a Pod and a Knative Service: 1; a PodTemplate makes no pod by itself.
 */
export function podsPerRun(w: WorkloadModel): number {
  const spec = get(w.object, 'spec');
  const count = (node: YNode | null, fallback: number): number => {
    const n = num(node);
    return n !== null && n >= 0 ? n : fallback;
  };
  switch (w.kind) {
    case 'PodTemplate':
      return 0;
    case 'Pod':
    case 'Service':
    case 'DaemonSet':
      return 1;
    case 'Job':
    case 'CronJob': {
      const jobSpec = w.kind === 'Job' ? spec : get(get(spec, 'jobTemplate'), 'spec');
      const parallelism = count(get(jobSpec, 'parallelism'), 1);
      const completions = count(get(jobSpec, 'completions'), parallelism);
      return Math.min(parallelism, completions);
    }
    default:
      return count(get(spec, 'replicas'), 1);
  }
}

function resolvePriority(w: WorkloadModel, cluster: ClusterObjects): number {
  const explicit = num(get(w.podSpec, 'priority'));
  if (explicit !== null) return explicit;
  const cls = w.priorityClassName;
  if (cls === null) return 0;
  return BUILTIN_PRIORITY[cls] ?? cluster.priorityClasses.get(cls) ?? 0;
}

function nodeContainer(c: ContainerModel, lines: LineIndex | null, expected: (c: ContainerModel) => bigint | null): NodeContainer {
  const share = c.oom.podShareBytes ?? 0n;
  const own = c.oom.requestBytes;
  const sidecarMin = c.oom.sidecarMinRequestBytes ?? 0n;
  return {
    name: c.name,
    role: c.role === 'sidecar' ? 'sidecar' : 'container',
    memoryRequestBytes: c.memoryRequestBytes ?? 0n,
    memoryLimitBytes: c.memoryLimitBytes,
    expectedBytes: expected(c),
    oomBranch: c.oom.branch,
    // The kubelet keeps the lower of a sidecar's own score and the smallest regular container's, i.e. the larger basis.
    oomBasisBytes: (own > sidecarMin ? own : sidecarMin) + share,
    range: lines ? lines.range((c.nameNode ?? c.node).span) : null,
  };
}

/** One workload as the node view sees it. */
export function nodeWorkloadOf(
  w: WorkloadModel,
  cluster: ClusterObjects,
  lines: LineIndex | null,
  expected: (c: ContainerModel) => bigint | null = () => null,
): NodeWorkload {
  const runtimeClass = asString(get(w.podSpec, 'runtimeClassName'));
  const overhead = (runtimeClass !== null ? cluster.runtimeClasses.get(runtimeClass) : undefined) ?? { memoryBytes: 0n, cpuMilli: 0n };
  const podRequest = (resource: 'memory' | 'cpu'): bigint => {
    const pod = w.podEffective?.requests.get(resource)?.quantity;
    const q = pod ?? aggregateContainers(w.containers, resource, 'requests');
    if (!q) return 0n;
    return resource === 'cpu' ? q.milliValue : q.value;
  };
  const running = w.containers.filter((c) => c.role !== 'init');
  const podLimit = w.podEffective?.limits.get('memory')?.quantity.value;
  let limit: bigint | null;
  if (podLimit !== undefined) limit = podLimit;
  else if (running.length === 0 || running.some((c) => c.memoryLimitBytes === null)) limit = null;
  else limit = aggregateContainers(w.containers, 'memory', 'limits')?.value ?? null;
  const priority = resolvePriority(w, cluster);
  const anchor = get(get(w.object, 'metadata'), 'name') ?? get(w.object, 'kind');
  return {
    kind: w.kind,
    name: w.name,
    namespace: w.namespace,
    pods: podsPerRun(w),
    daemonSet: w.kind === 'DaemonSet',
    priority,
    critical: priority >= SYSTEM_CRITICAL_PRIORITY,
    memoryRequestBytes: podRequest('memory') + overhead.memoryBytes,
    cpuRequestMilli: podRequest('cpu') + overhead.cpuMilli,
    memoryLimitBytes: limit === null ? null : limit + overhead.memoryBytes,
    overheadBytes: overhead.memoryBytes,
    containers: running.map((c) => nodeContainer(c, lines, expected)),
    range: lines && anchor ? lines.range(anchor.span) : null,
  };
}

/** Every workload of a file's manifest model. */
export function nodeWorkloadsOf(
  manifest: ManifestModel | null,
  file: YFile | null,
  lines: LineIndex | null,
  expected?: (c: ContainerModel) => bigint | null,
): NodeWorkload[] {
  if (!manifest) return [];
  const cluster = readClusterObjects(file);
  return manifest.workloads.map((w) => nodeWorkloadOf(w, cluster, lines, expected));
}

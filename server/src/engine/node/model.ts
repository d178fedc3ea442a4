// The node view's input: each Kubernetes workload as the scheduler, the kubelet's eviction manager and the kernel's
// OOM killer see it. Built from a file's manifest model (from-k8s.ts); everything else in node/ is pure arithmetic
// on these values.
import type { Range } from '../types';

/** How the kubelet decided a container's oom_score_adj (k8s/model.ts OomScore `branch`). */
export type OomBranch = 'node-critical' | 'guaranteed' | 'besteffort' | 'burstable';

/** A container that runs for the pod's life: sidecars (restartable init containers) and regular containers. */
export interface NodeContainer {
  name: string | null;
  role: 'sidecar' | 'container';
  /** Memory request after defaulting; 0 when none. */
  memoryRequestBytes: bigint;
  /** Memory limit after defaulting; null when none. */
  memoryLimitBytes: bigint | null;
  /** A JVM's max heap + non-heap budget (the "expected" scenario); null when no JVM is modelled. */
  expectedBytes: bigint | null;
  oomBranch: OomBranch;
  /**
   * The memory the Burstable formula divides by the node's capacity: the container's request (+ its share of a
   * pod-level request), for a sidecar at least the smallest regular container's (kubelet pkg/kubelet/qos/policy.go).
   */
  oomBasisBytes: bigint;
  /** Where the container is written (its `name:`), for links. */
  range: Range | null;
}

export interface NodeWorkload {
  kind: string;
  name: string | null;
  namespace: string | null;
  /** Pods of one run: replicas; 1 for a Pod; a Job's parallelism (capped by completions); per node for a DaemonSet. */
  pods: number;
  daemonSet: boolean;
  /** `spec.priority`, else the priority of `priorityClassName` (built-in or declared in the file), else 0. */
  priority: number;
  /** priority ≥ 2000000000 (system-cluster-critical and above): never evicted (pkg/kubelet/types/pod_update.go). */
  critical: boolean;
  /** PodRequests: containers, init containers and the RuntimeClass overhead (component-helpers resource/helpers.go). */
  memoryRequestBytes: bigint;
  cpuRequestMilli: bigint;
  /** PodLimits with the overhead; null when a running container has no memory limit (and no pod-level limit). */
  memoryLimitBytes: bigint | null;
  /** The RuntimeClass `overhead.podFixed.memory` (0 when none): runtime memory charged to the pod. */
  overheadBytes: bigint;
  containers: NodeContainer[];
  /** The file it comes from (set by the caller that gathers many files), and where the workload is written. */
  uri?: string;
  range: Range | null;
}

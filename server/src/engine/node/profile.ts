// Node profiles: capacity (memory, CPUs, max pods) and the reservations that make allocatable.
// allocatable = capacity − kube-reserved − system-reserved − the hard eviction threshold (kubernetes
// pkg/kubelet/cm/node_container_manager_linux.go `GetNodeAllocatableReservation`); the kubelet's defaults are no
// reservations and `memory.available<100Mi` (pkg/kubelet/apis/config/v1beta1/defaults_linux.go `DefaultEvictionHard`)
// and 110 pods (`MaxPods` in pkg/kubelet/apis/config/v1beta1/defaults.go).
import { MiB } from '../bytes';

export type ProfileName = 'custom' | 'eks' | 'gke' | 'aks';
export const PROFILE_NAMES: readonly ProfileName[] = ['custom', 'eks', 'gke', 'aks'];

/** What the user gives (settings, `.oom-lens.yaml` `node:`, CLI flags); null means "the profile's own figure". */
export interface NodeSettings {
  profile: ProfileName;
  capacityBytes: bigint;
  cpus: number;
  maxPods: number | null;
  kubeReservedBytes: bigint | null;
  systemReservedBytes: bigint | null;
  evictionHardBytes: bigint | null;
}

export interface NodeProfile {
  name: ProfileName;
  capacityBytes: bigint;
  cpus: number;
  maxPods: number;
  kubeReservedBytes: bigint;
  systemReservedBytes: bigint;
  evictionHardBytes: bigint;
  /** capacity − kube-reserved − system-reserved − eviction threshold (never below 0). */
  allocatableBytes: bigint;
  /** CPU reserved by the profile (kube- plus system-reserved), in millicores. */
  reservedCpuMilli: bigint;
  allocatableCpuMilli: bigint;
}

/** The kubelet's default hard eviction threshold for memory. */
export const DEFAULT_EVICTION_HARD = 100n * MiB;
/** The kubelet's default `maxPods`. */
export const DEFAULT_MAX_PODS = 110;
/**
 * AKS default max pods: 250 (Azure CNI Overlay, the current default network). AKS docs "Node autoprovisioning
 * AKSNodeClass configuration" (docs.azure.cn/en-us/aks/node-autoprovision-aksnodeclass); kubenet 110, node-subnet
 * Azure CNI 30 (Azure PSRule "Nodes use a minimum number of pods").
 */
export const AKS_DEFAULT_MAX_PODS = 250;

/**
 * EKS kube-reserved memory = 11 MiB × max pods + 255 MiB (awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go
 * `getMemoryMebibytesToReserve` @ v20260724; the same formula in templates/al2/runtime/bootstrap.sh @ v20240928).
 * No system-reserved values are set; eviction `memory.available: 100Mi`.
 */
export function eksKubeReservedBytes(maxPods: number): bigint {
  return (11n * BigInt(maxPods) + 255n) * MiB;
}

/**
 * EKS kube-reserved CPU: 6 % of the first core, 1 % of the second, 0.5 % of the third and fourth, 0.25 % above
 * (same file, `getCPUMillicoresToReserve`: cpuRanges {0, 1000, 2000, 4000, total}, hundredths of a percent
 * {600, 100, 50, 25}). GKE reserves CPU by the same tiers ("Plan GKE Standard node sizes": 4 CPUs → 3920m).
 */
export function tieredCpuReservedMilli(cpus: number): bigint {
  const total = BigInt(Math.max(0, Math.round(cpus * 1000)));
  const ranges = [0n, 1000n, 2000n, 4000n, total > 4000n ? total : 4000n];
  const pct = [600n, 100n, 50n, 25n];
  let reserved = 0n;
  for (let i = 0; i < pct.length; i++) {
    const lo = ranges[i];
    const hi = ranges[i + 1] < total ? ranges[i + 1] : total;
    if (hi > lo) reserved += ((hi - lo) * pct[i]) / 10000n;
  }
  return reserved;
}

/**
 * GKE kube-reserved memory: 255 MiB on machines under 1 GiB; otherwise 25 % of the first 4 GiB, 20 % of the next
 * 4 GiB, 10 % of the next 8 GiB, 6 % of the next 112 GiB and 2 % above 128 GiB ("Plan GKE Standard node sizes",
 * cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes, "Memory and CPU reservations"), floored to a
 * whole MiB. Eviction threshold 100 MiB.
 */
export function gkeKubeReservedBytes(capacityBytes: bigint): bigint {
  const GiB = 1024n * MiB;
  if (capacityBytes < GiB) return 255n * MiB;
  const tiers: Array<[bigint, bigint]> = [
    [4n * GiB, 25n],
    [4n * GiB, 20n],
    [8n * GiB, 10n],
    [112n * GiB, 6n],
  ];
  let rest = capacityBytes;
  let hundredths = 0n; // bytes × percent
  for (const [size, pct] of tiers) {
    const part = rest < size ? rest : size;
    hundredths += part * pct;
    rest -= part;
    if (rest <= 0n) break;
  }
  if (rest > 0n) hundredths += rest * 2n;
  return (hundredths / 100n / MiB) * MiB;
}

/**
 * AKS (1.29 and later) kube-reserved memory = min(20 MiB × max pods + 50 MiB, 25 % of the node's memory);
 * eviction `memory.available<100Mi` ("Node resource reservations in Azure Kubernetes Service (AKS)",
 * learn.microsoft.com/azure/aks/node-resource-reservations; the docs' MB read as MiB, as their examples do:
 * 8 GB with 30 pods → 650 MB).
 */
export function aksKubeReservedBytes(capacityBytes: bigint, maxPods: number): bigint {
  const byPods = (20n * BigInt(maxPods) + 50n) * MiB;
  const quarter = capacityBytes / 4n;
  return byPods < quarter ? byPods : quarter;
}

/** AKS kube-reserved CPU by core count (same page's table); between rows, the row below. */
export function aksCpuReservedMilli(cpus: number): bigint {
  const table: Array<[number, bigint]> = [
    [1, 60n],
    [2, 100n],
    [4, 140n],
    [8, 180n],
    [16, 260n],
    [32, 420n],
    [64, 740n],
  ];
  let value = 0n;
  for (const [cores, milli] of table) if (cpus >= cores) value = milli;
  return cpus > 0 && value === 0n ? 60n : value;
}

/** The profile's figures, with every explicitly set reservation winning over the profile's formula. */
export function buildProfile(s: NodeSettings): NodeProfile {
  const capacity = s.capacityBytes > 0n ? s.capacityBytes : 0n;
  const cpus = s.cpus > 0 ? s.cpus : 1;
  let maxPods = s.maxPods ?? (s.profile === 'aks' ? AKS_DEFAULT_MAX_PODS : DEFAULT_MAX_PODS);
  if (!Number.isFinite(maxPods) || maxPods < 0) maxPods = DEFAULT_MAX_PODS;
  maxPods = Math.floor(maxPods);
  let kube = 0n;
  let cpuReserved = 0n;
  switch (s.profile) {
    case 'eks':
      kube = eksKubeReservedBytes(maxPods);
      cpuReserved = tieredCpuReservedMilli(cpus);
      break;
    case 'gke':
      kube = gkeKubeReservedBytes(capacity);
      cpuReserved = tieredCpuReservedMilli(cpus);
      break;
    case 'aks':
      kube = aksKubeReservedBytes(capacity, maxPods);
      cpuReserved = aksCpuReservedMilli(cpus);
      break;
    case 'custom':
      break;
  }
  const kubeReservedBytes = s.kubeReservedBytes ?? kube;
  const systemReservedBytes = s.systemReservedBytes ?? 0n;
  const evictionHardBytes = s.evictionHardBytes ?? DEFAULT_EVICTION_HARD;
  const allocatable = capacity - kubeReservedBytes - systemReservedBytes - evictionHardBytes;
  const cpuMilli = BigInt(Math.round(cpus * 1000));
  const allocatableCpu = cpuMilli - cpuReserved;
  return {
    name: s.profile,
    capacityBytes: capacity,
    cpus,
    maxPods,
    kubeReservedBytes,
    systemReservedBytes,
    evictionHardBytes,
    allocatableBytes: allocatable > 0n ? allocatable : 0n,
    reservedCpuMilli: cpuReserved,
    allocatableCpuMilli: allocatableCpu > 0n ? allocatableCpu : 0n,
  };
}

/**
 * The kernel's `totalpages` for an OOM in the kubepods cgroup: its `memory.max` is capacity − kube-reserved −
 * system-reserved (the eviction threshold is not subtracted: node_container_manager_linux.go
 * `getNodeAllocatableInternalAbsolute`, enforced on `pods` by default), in 4 KiB pages (mm/oom_kill.c
 * `constrained_alloc`: `oc->totalpages = mem_cgroup_get_max(oc->memcg) ?: 1`).
 */
export function kubepodsTotalPages(p: NodeProfile): bigint {
  const bytes = p.capacityBytes - p.kubeReservedBytes - p.systemReservedBytes;
  const pages = bytes / PAGE_SIZE;
  return pages > 0n ? pages : 1n;
}

export const PAGE_SIZE = 4096n;

// Flink's memory model for a JobManager or TaskManager whose total process size is given (what the Flink
// Kubernetes operator sets from `resource.memory`), in exact bytes as Flink computes them.
//
// Sources (apache/flink @ b48ccce1ce20, 2.0-SNAPSHOT; the defaults are the same at every release from 1.15):
//   flink-runtime/.../util/config/memory/ProcessMemoryUtils.java (deriveJvmMetaspaceAndOverheadFromTotalFlinkMemory,
//     capToMinMax, generateJvmParametersStr: `-Xmx<heap> -Xms<heap> [-XX:MaxDirectMemorySize=<d>]
//     -XX:MaxMetaspaceSize=<m>` in bytes), RangeFraction.java, .../jobmanager/JobManagerFlinkMemoryUtils.java,
//     .../taskmanager/TaskExecutorFlinkMemoryUtils.java, flink-core/.../configuration/MemorySize.java (multiply:
//     BigDecimal.valueOf(bytes) × BigDecimal.valueOf(double), then longValue(): truncation),
//     JobManagerOptions.java / TaskManagerOptions.java (defaults below; fractions are ConfigOption<Float>, widened to
//     double: 0.1f = 0.10000000149011612).
//   FLINK-30472 (afdf4a73, Flink 1.17): taskmanager.memory.network.max default MemorySize.MAX_VALUE (1g before).
//   JobManagerOptions.JVM_DIRECT_MEMORY_LIMIT_ENABLED (FLINK-18353, 1.11): the JobManager's direct memory limit is
//     off by default.
import { GiB, MiB } from '../../bytes';

export type FlinkRole = 'jobmanager' | 'taskmanager';

/** A fraction as Flink reads it: a Java float widened to double, then BigDecimal.valueOf (its shortest decimal). */
export function floatFraction(text: string): number | null {
  const n = Number(text.trim());
  if (!Number.isFinite(n) || n < 0) return null;
  return Math.fround(n);
}

/** trunc(bytes × d) computed exactly on the decimal string of d, as MemorySize.multiply does. */
export function multiply(bytes: bigint, d: number): bigint {
  const s = String(d);
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(s);
  if (!m) return BigInt(Math.trunc(Number(bytes) * d));
  const frac = m[2] ?? '';
  let scale = frac.length - Number(m[3] ?? 0);
  let mantissa = BigInt(m[1] + frac);
  if (scale < 0) {
    mantissa *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return (bytes * mantissa) / 10n ** BigInt(scale);
}

function clamp(v: bigint, min: bigint, max: bigint): bigint {
  return v > max ? max : v < min ? min : v;
}

/** The configuration the model reads (defaults filled in by the caller from flinkConfiguration). */
export interface FlinkMemoryConfig {
  metaspace: bigint;
  overheadMin: bigint;
  overheadMax: bigint;
  overheadFraction: number;
  /** JobManager: jobmanager.memory.off-heap.size. */
  jmOffHeap: bigint;
  jmDirectLimit: boolean;
  /** TaskManager parts. */
  frameworkHeap: bigint;
  frameworkOffHeap: bigint;
  taskOffHeap: bigint;
  managedFraction: number;
  managedSize: bigint | null;
  networkMin: bigint;
  networkMax: bigint;
  networkFraction: number;
}

export const MAX_MEMORY = (1n << 63n) - 1n;

/** Flink's defaults (JobManagerOptions, TaskManagerOptions); `networkMaxUnbounded` from Flink 1.17. */
export function defaultConfig(networkMaxUnbounded: boolean): FlinkMemoryConfig {
  return {
    metaspace: 256n * MiB,
    overheadMin: 192n * MiB,
    overheadMax: GiB,
    overheadFraction: Math.fround(0.1),
    jmOffHeap: 128n * MiB,
    jmDirectLimit: false,
    frameworkHeap: 128n * MiB,
    frameworkOffHeap: 128n * MiB,
    taskOffHeap: 0n,
    managedFraction: Math.fround(0.4),
    managedSize: null,
    networkMin: 64n * MiB,
    networkMax: networkMaxUnbounded ? MAX_MEMORY : GiB,
    networkFraction: Math.fround(0.1),
  };
}

export interface FlinkBreakdown {
  processBytes: bigint;
  metaspace: bigint;
  overhead: bigint;
  /** Total Flink memory. */
  flink: bigint;
  heap: bigint;
  /** -XX:MaxDirectMemorySize, null when Flink does not set it (the JobManager by default). */
  direct: bigint | null;
  /** JobManager off-heap, or TaskManager framework off-heap + task off-heap + network. */
  offHeap: bigint;
  managed: bigint | null;
  network: bigint | null;
  frameworkHeap: bigint | null;
  taskHeap: bigint | null;
  /** Flink refuses the configuration: why (IllegalConfigurationException). */
  error: string | null;
  options: string[];
}

/** The memory model for a process size `P` (bytes). Never throws; `error` says when Flink refuses. */
export function flinkMemory(role: FlinkRole, P: bigint, c: FlinkMemoryConfig): FlinkBreakdown {
  const overhead = clamp(multiply(P, c.overheadFraction), c.overheadMin, c.overheadMax);
  const flink = P - c.metaspace - overhead;
  const base = { processBytes: P, metaspace: c.metaspace, overhead, flink };
  const fail = (error: string): FlinkBreakdown => ({
    ...base, heap: 0n, direct: null, offHeap: 0n, managed: null, network: null, frameworkHeap: null, taskHeap: null, error, options: [],
  });
  if (flink <= 0n) return fail(`JVM metaspace (${c.metaspace}) and overhead (${overhead}) exceed the process size (${P})`);
  if (role === 'jobmanager') {
    if (flink <= c.jmOffHeap) return fail(`the off-heap memory (${c.jmOffHeap}) exceeds the total Flink memory (${flink})`);
    const heap = flink - c.jmOffHeap;
    const direct = c.jmDirectLimit ? c.jmOffHeap : null;
    return {
      ...base, heap, direct, offHeap: c.jmOffHeap, managed: null, network: null, frameworkHeap: null, taskHeap: null, error: null,
      options: [`-Xmx${heap}`, `-Xms${heap}`, ...(direct !== null ? [`-XX:MaxDirectMemorySize=${direct}`] : []), `-XX:MaxMetaspaceSize=${c.metaspace}`],
    };
  }
  const managed = c.managedSize ?? multiply(flink, c.managedFraction);
  const network = clamp(multiply(flink, c.networkFraction), c.networkMin, c.networkMax);
  const taskHeap = flink - c.frameworkHeap - c.frameworkOffHeap - c.taskOffHeap - managed - network;
  if (taskHeap < 0n) return fail(`the sum of the configured memory exceeds the total Flink memory (${flink})`);
  const heap = c.frameworkHeap + taskHeap;
  const direct = c.frameworkOffHeap + c.taskOffHeap + network;
  return {
    ...base, heap, direct, offHeap: direct, managed, network, frameworkHeap: c.frameworkHeap, taskHeap, error: null,
    options: [`-Xmx${heap}`, `-Xms${heap}`, `-XX:MaxDirectMemorySize=${direct}`, `-XX:MaxMetaspaceSize=${c.metaspace}`],
  };
}

const FLINK_UNITS: Record<string, bigint> = {
  b: 1n, bytes: 1n, k: 1024n, kb: 1024n, kibibytes: 1024n, m: MiB, mb: MiB, mebibytes: MiB, g: GiB, gb: GiB, gibibytes: GiB,
  t: GiB * 1024n, tb: GiB * 1024n, tebibytes: GiB * 1024n,
};

/** Flink's MemorySize.parse: digits, optional space, a binary unit (any case); a bare number is bytes. */
export function parseFlinkSize(text: string): bigint | null {
  const m = /^([0-9]+)\s*([a-zA-Z]*)$/.exec(text.trim());
  if (!m) return null;
  const unit = m[2].toLowerCase();
  if (unit === '') return BigInt(m[1]);
  const mult = FLINK_UNITS[unit];
  return mult === undefined ? null : BigInt(m[1]) * mult;
}

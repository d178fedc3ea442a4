// The Spark operator's pods (kubeflow/spark-operator `SparkApplication`, sparkoperator.k8s.io/v1beta2): the driver
// and executor memory Spark's Kubernetes backend gives them, and the heap their JVMs start with.
//
// Sources:
//   kubeflow/spark-operator v2.5.2 (43afb8bbd324): api/v1beta2/defaults.go (driver/executor cores 1, memory "1g"),
//     internal/controller/sparkapplication/submission.go (typed fields after `sparkConf`: they win;
//     `spec.memoryOverheadFactor` → spark.kubernetes.memoryOverheadFactor before `sparkConf`),
//     internal/webhook/sparkpod_defaulter.go addMemoryLimit (v2.2.0+, PR #2478: `memoryLimit` replaces the limit only).
//   apache/spark resource-managers/kubernetes/core/.../features/BasicDriverFeatureStep.scala and
//     BasicExecutorFeatureStep.scala (Spark 3.3–3.5): overhead = memoryOverhead, else
//     max((factor × memory).toInt, 384) MiB; request = limit = memory + overhead (+ off-heap + PySpark memory for
//     executors); factor 0.1, or 0.4 for Python/R applications (NON_JVM_MEMORY_OVERHEAD_FACTOR), overridden by
//     spark.kubernetes.memoryOverheadFactor, then (3.3+) spark.{driver,executor}.memoryOverheadFactor.
//   apache/spark core/.../internal/config/package.scala: spark.{driver,executor}.minMemoryOverhead (4.0.0, 384m).
//   apache/spark launcher/.../SparkSubmitCommandBuilder.java: the driver runs with `-Xmx` + spark.driver.memory as
//     written; apache/spark-docker entrypoint.sh: executors run `-Xms$SPARK_EXECUTOR_MEMORY -Xmx$SPARK_EXECUTOR_MEMORY`
//     (`<memory MiB>m`) after SPARK_EXECUTOR_JAVA_OPTS.
//   apache/spark common/network-common/.../JavaUtils.java byteStringAs: b, k/kb, m/mb, g/gb, t/tb, p/pb binary, any
//     case; a bare number is MiB for these settings; fractions are refused.
import { MiB } from '../../bytes';
import { BINARY_UNITS, parseUnitSize, versionAtLeast } from '../shared';

export type SparkRole = 'driver' | 'executor';

export interface SparkRoleInput {
  role: SparkRole;
  /** `spec.<role>.memory`, else sparkConf `spark.<role>.memory`, else the webhook's "1g". */
  memory: string;
  /** `spec.<role>.memoryOverhead`, else sparkConf `spark.<role>.memoryOverhead`; null when neither is set. */
  memoryOverhead: string | null;
  /** A Python or R application (`spec.type`): the default factor is 0.4. */
  nonJvm: boolean;
  /** sparkConf spark.kubernetes.memoryOverheadFactor (else `spec.memoryOverheadFactor`), null when unset. */
  kubernetesFactor: string | null;
  /** sparkConf spark.<role>.memoryOverheadFactor (Spark 3.3+), null when unset. */
  roleFactor: string | null;
  /** sparkConf spark.<role>.minMemoryOverhead (Spark 4.0+), null when unset. */
  minOverhead: string | null;
  /** spark.memory.offHeap.size when spark.memory.offHeap.enabled is true (executors), else null. */
  offHeap: string | null;
  /** spark.executor.pyspark.memory for Python applications (executors), else null. */
  pysparkMemory: string | null;
  /** `spec.sparkVersion` as numbers, null when not given (the current release is assumed). */
  sparkVersion: number[] | null;
}

export interface SparkPodMemory {
  memoryMiB: bigint;
  overheadMiB: bigint;
  /** How the overhead was found, in words with the numbers. */
  overheadRule: string;
  factor: number | null;
  factorFrom: string | null;
  minOverheadMiB: bigint;
  offHeapMiB: bigint;
  pysparkMiB: bigint;
  /** Request = limit, in MiB. */
  totalMiB: bigint;
  /** Values that do not parse (Spark refuses to submit): the reason; the numbers then use the default. */
  errors: string[];
}

const MIB_UNITS = BINARY_UNITS;

/** A Spark memory setting in MiB (JavaUtils.byteStringAs(…, MiB): binary units, bare = MiB, truncated). */
export function sparkMiB(text: string): bigint | null {
  const bytes = parseUnitSize(text, MIB_UNITS, MiB);
  return bytes === null ? null : bytes / MiB;
}

function factorOf(text: string | null): number | null {
  if (text === null) return null;
  const n = Number(text.trim());
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** The pod memory Spark computes for a driver or executor. Never throws. */
export function sparkPodMemory(input: SparkRoleInput): SparkPodMemory {
  const errors: string[] = [];
  let memoryMiB = sparkMiB(input.memory);
  if (memoryMiB === null) {
    errors.push(`\`${input.memory}\` is not a Spark memory size (digits and b, k, m, g, t or p; no fractions)`);
    memoryMiB = 1024n;
  }
  const v4 = versionAtLeast(input.sparkVersion, [4]) || input.sparkVersion === null;
  const min = v4 && input.minOverhead !== null ? sparkMiB(input.minOverhead) : null;
  const minOverheadMiB = min ?? 384n;
  let factor: number | null = null;
  let factorFrom: string | null = null;
  const roleFactorApplies = input.sparkVersion === null || versionAtLeast(input.sparkVersion, [3, 3]);
  const roleFactor = roleFactorApplies ? factorOf(input.roleFactor) : null;
  const kubeFactor = factorOf(input.kubernetesFactor);
  if (roleFactor !== null) {
    factor = roleFactor;
    factorFrom = `spark.${input.role}.memoryOverheadFactor`;
  } else if (kubeFactor !== null) {
    factor = kubeFactor;
    factorFrom = 'spark.kubernetes.memoryOverheadFactor';
  } else {
    factor = input.nonJvm ? 0.4 : 0.1;
    factorFrom = input.nonJvm ? 'the default for Python and R applications' : 'the default';
  }
  let overheadMiB: bigint;
  let overheadRule: string;
  const explicit = input.memoryOverhead !== null ? sparkMiB(input.memoryOverhead) : null;
  if (input.memoryOverhead !== null && explicit === null) errors.push(`\`${input.memoryOverhead}\` is not a Spark memory size`);
  if (explicit !== null) {
    overheadMiB = explicit;
    overheadRule = `memoryOverhead \`${input.memoryOverhead}\` = ${explicit} MiB`;
    factor = null;
    factorFrom = null;
  } else {
    // (factor * memoryMiB).toInt: a double product truncated toward zero.
    const product = BigInt(Math.trunc(factor * Number(memoryMiB)));
    overheadMiB = product > minOverheadMiB ? product : minOverheadMiB;
    overheadRule = `max(⌊${factor} × ${memoryMiB}⌋ = ${product}, ${minOverheadMiB}) = ${overheadMiB} MiB (factor ${factor}: ${factorFrom})`;
  }
  const offHeapMiB = input.role === 'executor' && input.offHeap !== null ? sparkMiB(input.offHeap) ?? 0n : 0n;
  const pysparkMiB = input.role === 'executor' && input.nonJvm && input.pysparkMemory !== null ? sparkMiB(input.pysparkMemory) ?? 0n : 0n;
  return {
    memoryMiB,
    overheadMiB,
    overheadRule,
    factor,
    factorFrom,
    minOverheadMiB,
    offHeapMiB,
    pysparkMiB,
    totalMiB: memoryMiB + overheadMiB + offHeapMiB + pysparkMiB,
    errors,
  };
}

/**
 * The operator's `memoryLimit` (v2.2+): ConvertJavaMemoryStringToK8sMemoryString maps k/kb → Ki, m/mb → Mi,
 * g/gb → Gi, t/tb → Ti, p/pb → Pi (lower-case match); anything else is passed on as a quantity.
 */
export function sparkMemoryLimitQuantity(text: string): string {
  const t = text.trim();
  const m = /^([0-9]+)(k|kb|m|mb|g|gb|t|tb|p|pb)$/.exec(t);
  if (!m) return t;
  const unit = { k: 'Ki', m: 'Mi', g: 'Gi', t: 'Ti', p: 'Pi' }[m[2][0] as 'k' | 'm' | 'g' | 't' | 'p'];
  return `${m[1]}${unit}`;
}

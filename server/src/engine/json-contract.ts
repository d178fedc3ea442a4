// The CLI's JSON shapes (DESIGN.md "Contract: the CLI"): stable, fields are added, never renamed.
// Byte values are bigint inside the engine and become JSON integers at the edge (see toJsonText in cli-core.ts).
import type { JvmAnalysis } from './jvm/analyze';
import { effectivePercentage, heapDependsOnLimit } from './jvm/facts';

export interface JvmJson {
  maxHeapBytes: bigint | null;
  heapSource: string | null;
  initialHeapBytes: bigint | null;
  maxRamPercentage: number | null;
  nonHeapEstimateBytes: bigint | null;
  jdkMajor: number | null;
  options: string[];
  /**
   * Present when options variables are set that the image may or may not pass to the JVM (its start script is not
   * known): the heap above assumes they are not read; this is the heap if they are.
   */
  ifUncertainRead?: { variables: string[]; maxHeapBytes: bigint; heapSource: string };
}

export interface ContainerJson {
  name: string | null;
  role: 'init' | 'sidecar' | 'container';
  memoryRequestBytes: bigint | null;
  memoryLimitBytes: bigint | null;
  oomScoreAdj: number | null;
  jvm: JvmJson | null;
}

export interface WorkloadJson {
  kind: string;
  name: string | null;
  namespace: string | null;
  qosClass: 'Guaranteed' | 'Burstable' | 'BestEffort' | null;
  /**
   * Present (true) when Helm template actions hide part of the pod's resources: the QoS class and the scores are
   * computed from the values that can be read, and may change once the chart is rendered.
   */
  partial?: true;
  /**
   * For a workload an operator generates from a custom resource (`kind` is the resource's kind): which component
   * (`kafka`, `zookeeper`, `entity-operator`, `connect`, `mirrormaker2`, `bridge`, an Elasticsearch node set's name,
   * `logstash`, `server`, `jobmanager`, `taskmanager`, `driver`, `executor`). Absent for plain workloads.
   */
  component?: string;
  containers: ContainerJson[];
}

export interface ImageJson {
  stage: string | null;
  baseImage: string | null;
  jdkMajor: number | null;
  jvm: JvmJson | null;
}

/** The `jvm` object of the JSON contract. `options` holds JVM options only, in the order the JVM reads them. */
export function toJvmJson(a: JvmAnalysis | null): JvmJson | null {
  if (!a) return null;
  const heap = a.heap;
  const pct = a.settings.maxRAMPercentage?.value ?? null;
  return {
    maxHeapBytes: heap ? heap.maxHeapBytes : null,
    heapSource: heap ? heap.heapSource : null,
    initialHeapBytes: heap ? heap.initialHeapBytes : null,
    maxRamPercentage: pct,
    nonHeapEstimateBytes: a.budget ? a.budget.totalBytes : null,
    jdkMajor: a.launch.jdk.source === 'assumed' ? null : a.jdkMajor,
    options: a.launch.tokens.filter((t) => t.kind !== 'option-argument').map((t) => t.text),
    ...(a.ifUncertainRead
      ? {
          ifUncertainRead: {
            variables: a.ifUncertainRead.variables,
            maxHeapBytes: a.ifUncertainRead.heap.maxHeapBytes,
            heapSource: a.ifUncertainRead.heap.heapSource,
          },
        }
      : {}),
  };
}

/**
 * The `jvm` object of an image (DESIGN.md): the limit is not known in a Dockerfile, so a heap that depends on it has
 * `maxHeapBytes` null and `maxRamPercentage` set; a fixed heap (`-Xmx`) is given in bytes. The initial heap is known
 * only when fixed too, and the non-heap budget is left to where the limit is known (the DESIGN example: null).
 */
export function imageJvmJson(a: JvmAnalysis | null): JvmJson | null {
  const json = toJvmJson(a);
  if (!a || !json) return json;
  const heap = a.heap;
  const fixed = heap !== null && !heapDependsOnLimit(a);
  const initialFixed = heap !== null && (a.settings.initialHeapSize !== undefined || (fixed && heap.heapSource === 'MaxRAM'));
  return {
    ...json,
    maxHeapBytes: fixed && heap ? heap.maxHeapBytes : null,
    initialHeapBytes: initialFixed && heap ? heap.initialHeapBytes : null,
    maxRamPercentage: heap !== null && heapDependsOnLimit(a) ? effectivePercentage(a) : (a.settings.maxRAMPercentage?.value ?? null),
    nonHeapEstimateBytes: null,
  };
}

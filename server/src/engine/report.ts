// The CLI's JSON shapes (DESIGN.md "Contract: the CLI"): stable, fields are added, never renamed.
// Byte values are bigint inside the engine and become JSON integers at the edge (see toJson in cli.ts).

export interface JvmJson {
  maxHeapBytes: bigint | null;
  heapSource: string | null;
  initialHeapBytes: bigint | null;
  maxRamPercentage: number | null;
  nonHeapEstimateBytes: bigint | null;
  jdkMajor: number | null;
  options: string[];
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
  containers: ContainerJson[];
}

export interface ImageJson {
  stage: string | null;
  baseImage: string | null;
  jdkMajor: number | null;
  jvm: JvmJson | null;
}

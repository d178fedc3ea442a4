// The Kubernetes model every rule and presenter reads: workloads, their pod spec and containers, with source
// nodes kept for ranges and edits, the values after API-server and LimitRange defaulting, the QoS class and
// each container's oom_score_adj. Built by k8s/manifests.ts from a parsed YFile; rules never parse.
import type { Quantity } from '../quantity';
import type { YDocument, YMap, YNode, YPair, YScalar, YSeq } from '../yaml/tree';

export type Role = 'init' | 'sidecar' | 'container';
export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** One `requests`/`limits` entry as written. */
export interface QuantityField {
  resource: string; // `memory`, `cpu`, `hugepages-2Mi`, …
  which: 'requests' | 'limits';
  pair: YPair;
  node: YNode | null;
  /** The string apimachinery would parse (a YAML 1.1 number rendered as Go's JSON would), null when absent/null. */
  text: string | null;
  /** Null when `text` is null or does not parse; kept (beside `error`) for a negative value, which validation rejects. */
  quantity: Quantity | null;
  /** Why the API server would reject it (invalid quantity, negative value), if it would. */
  error?: string;
  /**
   * `memory:` / `memory: null` / `memory: ~`: JSON null, which Quantity.UnmarshalJSON decodes as a present zero
   * (REFERENCE.md §1.5), so the effective value is 0 while `text` and `quantity` stay null.
   */
  yamlNull?: boolean;
  /** A masked Helm template action (`{{ … }}`): unknown, treated as absent. */
  templated?: boolean;
}

export interface DeclaredResources {
  /** The `resources:` map, null when missing. */
  node: YMap | null;
  pair: YPair | null;
  requests: YMap | null;
  limits: YMap | null;
  fields: QuantityField[];
}

export type ValueSource =
  | { kind: 'declared'; field: QuantityField }
  | { kind: 'limit' } // request copied from the limit by SetDefaults_Pod
  | { kind: 'limitrange'; name: string | null; key: 'default' | 'defaultRequest' | 'max' | 'min' }
  | { kind: 'pod-aggregate' } // pod-level defaulting
  // Set by the operator that creates the pod from a custom resource (a default, or computed from other fields).
  | { kind: 'operator'; operator: string; note: string };

export interface EffectiveValue {
  quantity: Quantity;
  source: ValueSource;
}

/**
 * Values after defaulting, by resource name (`memory`, `cpu`, …), rounded up to milli scale as
 * SetDefaults_ResourceList does. Invalid and negative quantities count as absent; a YAML null is a present zero.
 */
export interface EffectiveResources {
  requests: Map<string, EffectiveValue>;
  limits: Map<string, EffectiveValue>;
}

export interface ContainerModel {
  name: string | null;
  nameNode: YScalar | null;
  role: Role;
  /** Index within `initContainers` or `containers`. */
  index: number;
  node: YMap;
  image: string | null;
  imageNode: YScalar | null;
  command: YSeq | null;
  args: YSeq | null;
  env: YSeq | null;
  envFrom: YSeq | null;
  declared: DeclaredResources;
  effective: EffectiveResources;
  /** Memory request / limit in bytes after defaulting (`Value()`), null when absent. */
  memoryRequestBytes: bigint | null;
  memoryLimitBytes: bigint | null;
  /** CPU limit in millicores after defaulting, null when absent. */
  cpuLimitMilli: bigint | null;
  oom: OomScore;
}

export interface OomScore {
  value: number;
  /** Which branch decided it: for the hover's explanation. */
  branch: 'node-critical' | 'guaranteed' | 'besteffort' | 'burstable';
  /** The formula's inputs (burstable branch), all in bytes. */
  requestBytes: bigint;
  capacityBytes: bigint;
  podShareBytes: bigint | null;
  sidecarMinRequestBytes: bigint | null;
  /** The raw formula value before the clamp to [3, 999]. */
  unclamped: number;
}

export interface QosDecision {
  qosClass: QosClass;
  /** Plain sentence: which container and resource decided it. */
  reason: string;
  container: string | null;
  resource: 'cpu' | 'memory' | null;
  /** True when pod-level `spec.resources` decided it. */
  podLevel: boolean;
}

export interface WorkloadModel {
  kind: string;
  apiVersion: string | null;
  name: string | null;
  namespace: string | null;
  /** The top-level object (for `kind: List`, the list item). */
  object: YMap;
  doc: YDocument;
  /** The pod spec map (`spec`, `spec.template.spec`, `spec.jobTemplate.spec.template.spec`). */
  podSpec: YMap | null;
  containers: ContainerModel[];
  podResources: DeclaredResources | null;
  podEffective: EffectiveResources | null;
  priorityClassName: string | null;
  nodeCritical: boolean;
  qos: QosDecision;
  /** The LimitRanges (same namespace, from this file and `extra`) that were applied, in order. */
  limitRanges: LimitRangeModel[];
  /** True when a resources value is a template placeholder: the QoS and scores rest on the known values only. */
  partial: boolean;
}

/** Other objects the analysis consults (same file; later the workspace). */
export interface LimitRangeModel {
  name: string | null;
  namespace: string | null;
  object: YMap;
  /** `type: Container` items after SetDefaults_LimitRangeItem. */
  items: LimitRangeItemModel[];
}

/** One `type: Container` item after SetDefaults_LimitRangeItem. */
export interface LimitRangeItemModel {
  default: Map<string, Quantity>;
  defaultRequest: Map<string, Quantity>;
  max: Map<string, Quantity>;
  min: Map<string, Quantity>;
  /** Where each `default` / `defaultRequest` value came from after SetDefaults_LimitRangeItem (for hovers). */
  defaultFrom: Map<string, 'default' | 'max'>;
  defaultRequestFrom: Map<string, 'defaultRequest' | 'default' | 'max' | 'min'>;
}

export interface ConfigMapModel {
  name: string | null;
  namespace: string | null;
  object: YMap;
  /** `data` keys with their value nodes (for edits) and string values. */
  data: Map<string, { value: string; node: YScalar | null; pair: YPair }>;
}

export interface ManifestModel {
  workloads: WorkloadModel[];
  limitRanges: LimitRangeModel[];
  configMaps: ConfigMapModel[];
  /** Node memory capacity used for oom_score_adj, in bytes (settings or the file's `# oom-lens: node-memory=` comment). */
  nodeMemoryBytes: bigint;
  /** ConfigMaps from elsewhere (`extra`), for lookups by namespace and name beside this file's own `configMaps`. */
  extraConfigMaps: ConfigMapModel[];
  /** Objects whose reading threw (a bug): skipped, the others stand; the pipeline records them on the analysis. */
  failures: Array<{ where: string; error: unknown }>;
}

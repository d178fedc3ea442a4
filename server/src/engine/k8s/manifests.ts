// Parsed YAML → the Kubernetes model: workloads (with their pod spec and containers), LimitRanges and ConfigMaps.
// Values are taken as the API server would decode them (YAML 1.1 typing, then Quantity.UnmarshalJSON), defaulted
// (SetDefaults_Pod, LimitRanger), then QoS and oom_score_adj are computed. Anything half-typed (nulls, wrong types,
// template placeholders) counts as absent or unknown; this module never throws on user input.
import { parseManifestQuantity, type Quantity } from '../quantity';
import { isTemplatePlaceholder } from '../yaml/helm';
import { toJsonText } from '../yaml/json-text';
import { asMap, asSeq, asString, get, getPair, type YDocument, type YFile, type YMap, type YNode, type YPair, type YScalar } from '../yaml/tree';
import { applyDefaults, defaultLimitRangeItem, emptyResources, limitRangeApplies } from './defaulting';
import type { ConfigMapModel, ContainerModel, DeclaredResources, EffectiveResources, LimitRangeItemModel, LimitRangeModel, ManifestModel, QuantityField, Role, WorkloadModel } from './model';
import { computeOomScore, isNodeCritical } from './oom-score';
import { computeQos } from './qos';
import { roundUpToMilli, zeroQuantity } from './quantities';

export interface ManifestOptions {
  /** Node memory capacity in bytes (see node-memory.ts `readNodeMemory`). */
  nodeMemoryBytes: bigint;
}

export interface ManifestExtra {
  /** LimitRanges from other files (the workspace, the CLI run); this file's own come first. */
  limitRanges?: LimitRangeModel[];
  configMaps?: ConfigMapModel[];
}

/** A Kubernetes object found in the file: a document, or an item of a `kind: List`. */
interface K8sObject {
  object: YMap;
  doc: YDocument;
  kind: string;
  apiVersion: string | null;
}

/** Where each workload kind keeps its pod spec (DESIGN.md "What counts as a workload"). */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
  Rollout: ['spec', 'template', 'spec'], // Argo Rollouts
  DeploymentConfig: ['spec', 'template', 'spec'], // OpenShift
};

/** The pod spec path of a workload, or null when the object is not a workload. */
export function podSpecPath(kind: string, apiVersion: string | null): string[] | null {
  // Only Knative's Service carries a pod template; a core `v1` Service does not.
  if (kind === 'Service') return apiVersion?.startsWith('serving.knative.dev/') ? ['spec', 'template', 'spec'] : null;
  return Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, kind) ? POD_SPEC_PATHS[kind] : null;
}

/** A scalar that is a masked template action. */
function isPlaceholder(node: YNode | null): boolean {
  if (!node || node.kind !== 'scalar') return false;
  return (
    (typeof node.value === 'string' && isTemplatePlaceholder(node.value)) ||
    (node.source !== '' && isTemplatePlaceholder(node.source))
  );
}

/** A string field, or null when absent, not a scalar, or a template placeholder. */
function str(node: YNode | null): string | null {
  if (isPlaceholder(node)) return null;
  return asString(node);
}

function scalar(node: YNode | null): YScalar | null {
  return node && node.kind === 'scalar' ? node : null;
}

function at(node: YNode | null, path: readonly string[]): YNode | null {
  let cur: YNode | null = node;
  for (const key of path) cur = get(cur, key);
  return cur;
}

/** Documents classified as Kubernetes (apiVersion + kind), and the items of `kind: List` / `*List`. */
function collectObjects(file: YFile): K8sObject[] {
  const out: K8sObject[] = [];
  for (const doc of file.docs) {
    const root = asMap(doc.contents);
    if (!root) continue;
    const kind = str(get(root, 'kind'));
    const apiVersion = str(get(root, 'apiVersion'));
    if (kind === null || apiVersion === null) continue;
    if (kind === 'List' || (kind.endsWith('List') && asSeq(get(root, 'items')))) {
      for (const item of asSeq(get(root, 'items'))?.items ?? []) {
        const obj = asMap(item);
        const itemKind = obj ? str(get(obj, 'kind')) : null;
        if (obj && itemKind !== null) out.push({ object: obj, doc, kind: itemKind, apiVersion: str(get(obj, 'apiVersion')) });
      }
      continue;
    }
    out.push({ object: root, doc, kind, apiVersion });
  }
  return out;
}

/**
 * One quantity as the API server decodes it: YAML 1.1 typing, the JSON text that reaches
 * Quantity.UnmarshalJSON (which trims), then ParseQuantity. Validation rejects negative values.
 */
export function readQuantityField(pair: YPair, which: 'requests' | 'limits'): QuantityField {
  const node = pair.value;
  const field: QuantityField = { resource: pair.key ?? '', which, pair, node, text: null, quantity: null };
  if (node === null || (node.kind === 'scalar' && node.value === null && node.style === 'plain' && !isPlaceholder(node))) {
    field.yamlNull = true;
    return field;
  }
  if (isPlaceholder(node)) {
    field.templated = true;
    return field;
  }
  if (node.kind !== 'scalar') {
    field.error = `a ${node.kind === 'map' ? 'map' : 'list'} is not a quantity`;
    return field;
  }
  let text: string | null = null;
  try {
    text = toJsonText(node);
  } catch {
    text = null;
  }
  if (text === null) {
    field.yamlNull = true;
    return field;
  }
  field.text = text;
  const parsed = parseManifestQuantity(text);
  if (!parsed.ok) {
    field.error = parsed.error;
    return field;
  }
  field.quantity = parsed.quantity;
  if (parsed.quantity.value < 0n) {
    field.error = `must be greater than or equal to 0`;
  }
  return field;
}

/** The `resources:` of a container or pod, as written. */
export function readDeclaredResources(owner: YMap): DeclaredResources {
  const pair = getPair(owner, 'resources');
  const node = asMap(pair?.value);
  const requests = asMap(get(node, 'requests'));
  const limits = asMap(get(node, 'limits'));
  const fields: QuantityField[] = [];
  for (const [which, map] of [
    ['requests', requests],
    ['limits', limits],
  ] as const) {
    for (const item of map?.items ?? []) if (item.key !== null) fields.push(readQuantityField(item, which));
  }
  return { node, pair, requests, limits, fields };
}

/** Declared values the API server accepts as quantities; later duplicates win, as JSON decoding does. */
export function declaredEffective(declared: DeclaredResources): EffectiveResources {
  const r = emptyResources();
  for (const field of declared.fields) {
    const target = r[field.which];
    if (field.yamlNull) target.set(field.resource, { quantity: zeroQuantity(field.resource), source: { kind: 'declared', field } });
    // SetDefaults_ResourceList: every quantity is rounded up to milli scale.
    else if (field.quantity && !field.error) {
      target.set(field.resource, { quantity: roundUpToMilli(field.quantity), source: { kind: 'declared', field } });
    }
    else target.delete(field.resource);
  }
  return r;
}

/**
 * Whether template actions hide part of these resources: a placeholder value, or (in a masked file) an empty
 * `resources:`, `requests:` or `limits:`, which is what a line holding only `{{ toYaml … }}` leaves behind.
 */
function isPartial(declared: DeclaredResources | null, templated: boolean): boolean {
  if (!declared) return false;
  const hidden = (pair: YPair | null): boolean =>
    pair !== null && (isPlaceholder(pair.value) || (templated && (pair.value === null || (pair.value.kind === 'scalar' && pair.value.value === null))));
  return (
    hidden(declared.pair) ||
    hidden(getPair(declared.node, 'requests')) ||
    hidden(getPair(declared.node, 'limits')) ||
    declared.fields.some((f) => f.templated || (templated && f.yamlNull))
  );
}

function quantityMap(node: YNode | null): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const item of asMap(node)?.items ?? []) {
    if (item.key === null) continue;
    const field = readQuantityField(item, 'limits');
    if (field.yamlNull) out.set(item.key, zeroQuantity(item.key));
    else if (field.quantity && !field.error) out.set(item.key, roundUpToMilli(field.quantity));
    else out.delete(item.key);
  }
  return out;
}

function readLimitRange(o: K8sObject): LimitRangeModel {
  const metadata = get(o.object, 'metadata');
  const items: LimitRangeItemModel[] = [];
  for (const item of asSeq(at(o.object, ['spec', 'limits']))?.items ?? []) {
    const m = asMap(item);
    if (!m || str(get(m, 'type')) !== 'Container') continue;
    items.push(
      defaultLimitRangeItem({
        default: quantityMap(get(m, 'default')),
        defaultRequest: quantityMap(get(m, 'defaultRequest')),
        max: quantityMap(get(m, 'max')),
        min: quantityMap(get(m, 'min')),
      }),
    );
  }
  return { name: str(get(metadata, 'name')), namespace: str(get(metadata, 'namespace')), object: o.object, items };
}

function readConfigMap(o: K8sObject): ConfigMapModel {
  const metadata = get(o.object, 'metadata');
  const data = new Map<string, { value: string; node: YScalar | null; pair: YPair }>();
  for (const pair of asMap(get(o.object, 'data'))?.items ?? []) {
    if (pair.key === null) continue;
    const node = scalar(pair.value);
    // ConfigMap data values are strings; YAML null decodes to "".
    const value = node ? (node.value === null ? '' : typeof node.value === 'string' ? node.value : node.source) : pair.value === null ? '' : null;
    if (value !== null) data.set(pair.key, { value, node, pair });
  }
  return { name: str(get(metadata, 'name')), namespace: str(get(metadata, 'namespace')), object: o.object, data };
}

function readContainer(node: YMap, role: Role, index: number): Omit<ContainerModel, 'oom'> {
  const nameNode = scalar(get(node, 'name'));
  const imageNode = scalar(get(node, 'image'));
  const declared = readDeclaredResources(node);
  return {
    name: str(nameNode),
    nameNode,
    role,
    index,
    node,
    image: str(imageNode),
    imageNode,
    command: asSeq(get(node, 'command')),
    args: asSeq(get(node, 'args')),
    env: asSeq(get(node, 'env')),
    envFrom: asSeq(get(node, 'envFrom')),
    declared,
    effective: declaredEffective(declared),
    memoryRequestBytes: null,
    memoryLimitBytes: null,
    cpuLimitMilli: null,
  };
}

function readWorkload(
  o: K8sObject,
  path: string[],
  limitRanges: readonly LimitRangeModel[],
  nodeMemoryBytes: bigint,
  templated: boolean,
): WorkloadModel | null {
  const podSpec = asMap(at(o.object, path));
  if (!podSpec) return null;
  const metadata = get(o.object, 'metadata');
  const namespace = str(get(metadata, 'namespace'));
  const partial: Array<Omit<ContainerModel, 'oom'>> = [];
  asSeq(get(podSpec, 'initContainers'))?.items.forEach((item, i) => {
    const m = asMap(item);
    if (!m) return;
    // KEP-753: an init container with `restartPolicy: Always` is a sidecar.
    const role: Role = str(get(m, 'restartPolicy')) === 'Always' ? 'sidecar' : 'init';
    partial.push(readContainer(m, role, i));
  });
  asSeq(get(podSpec, 'containers'))?.items.forEach((item, i) => {
    const m = asMap(item);
    if (m) partial.push(readContainer(m, 'container', i));
  });

  // Pod-level `resources` (KEP-2837): present when the key holds a map; null or a placeholder counts as unset.
  const podResPair = getPair(podSpec, 'resources');
  const podResources = asMap(podResPair?.value) ? readDeclaredResources(podSpec) : null;
  const podEffective = podResources ? declaredEffective(podResources) : null;

  const applied = limitRanges.filter((lr) => limitRangeApplies(lr, namespace));
  applyDefaults(partial, podEffective, applied);

  const priorityClassName = str(get(podSpec, 'priorityClassName'));
  const nodeCritical = isNodeCritical(priorityClassName);
  const qos = computeQos(partial, podEffective);
  const pod = { nodeCritical, qos, podEffective, containers: partial };
  const containers: ContainerModel[] = partial.map((c, i) => ({
    ...c,
    memoryRequestBytes: c.effective.requests.get('memory')?.quantity.value ?? null,
    memoryLimitBytes: c.effective.limits.get('memory')?.quantity.value ?? null,
    cpuLimitMilli: c.effective.limits.get('cpu')?.quantity.milliValue ?? null,
    oom: computeOomScore(pod, i, nodeMemoryBytes),
  }));
  return {
    kind: o.kind,
    apiVersion: o.apiVersion,
    name: str(get(metadata, 'name')),
    namespace,
    object: o.object,
    doc: o.doc,
    podSpec,
    containers,
    podResources,
    podEffective,
    priorityClassName,
    nodeCritical,
    qos,
    limitRanges: applied,
    partial:
      isPlaceholder(podResPair?.value ?? null) ||
      isPartial(podResources, templated) ||
      (templated && podResPair !== null && !podResources) ||
      partial.some((c) => isPartial(c.declared, templated)) ||
      isPlaceholder(get(podSpec, 'initContainers')) ||
      isPlaceholder(get(podSpec, 'containers')),
  };
}

function sameObject(a: { name: string | null; namespace: string | null }, b: { name: string | null; namespace: string | null }): boolean {
  return a.name !== null && a.name === b.name && (a.namespace ?? 'default') === (b.namespace ?? 'default');
}

/**
 * Builds the model of one parsed file. `extra` brings LimitRanges and ConfigMaps from elsewhere; an extra object
 * with the same namespace and name as one in this file is ignored (the editor's text is newer).
 */
export function buildManifestModel(file: YFile, options: ManifestOptions, extra?: ManifestExtra): ManifestModel {
  const objects = collectObjects(file);
  const limitRanges: LimitRangeModel[] = [];
  const configMaps: ConfigMapModel[] = [];
  const failures: ManifestModel['failures'] = [];
  for (const o of objects) {
    try {
      if (o.kind === 'LimitRange') limitRanges.push(readLimitRange(o));
      else if (o.kind === 'ConfigMap') configMaps.push(readConfigMap(o));
    } catch (error) {
      // Never let one odd object stop the file: it is skipped, and the failure recorded.
      failures.push({ where: `reading ${o.kind}`, error });
    }
  }
  const allLimitRanges = [
    ...limitRanges,
    ...(extra?.limitRanges ?? []).filter((x) => !limitRanges.some((own) => own.object === x.object || sameObject(own, x))),
  ];
  const extraConfigMaps = (extra?.configMaps ?? []).filter(
    (x) => !configMaps.some((own) => own.object === x.object || sameObject(own, x)),
  );
  const workloads: WorkloadModel[] = [];
  for (const o of objects) {
    const path = podSpecPath(o.kind, o.apiVersion);
    if (!path) continue;
    try {
      const w = readWorkload(o, path, allLimitRanges, options.nodeMemoryBytes, file.templated);
      if (w) workloads.push(w);
    } catch (error) {
      // The readers tolerate any shape, but one workload must never cost the others: recorded, skipped.
      failures.push({ where: `reading ${o.kind}`, error });
    }
  }
  return { workloads, limitRanges, configMaps, nodeMemoryBytes: options.nodeMemoryBytes, extraConfigMaps, failures };
}

/** A ConfigMap by namespace (null = `default`) and name: this file's first, then the extra ones. */
export function findConfigMap(model: ManifestModel, namespace: string | null, name: string): ConfigMapModel | null {
  const ns = namespace ?? 'default';
  const match = (c: ConfigMapModel) => c.name === name && (c.namespace ?? 'default') === ns;
  return model.configMaps.find(match) ?? model.extraConfigMaps.find(match) ?? null;
}

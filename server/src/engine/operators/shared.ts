// Shared by the operator sources (strimzi/, eck/, keycloak/, flink/, spark/): each custom resource becomes the pods
// its operator creates, one workload per component, built here into the Kubernetes model (k8s/model.ts) with the
// operator's own defaults and computed values, then LimitRange defaulting, QoS and oom_score_adj as for any pod
// (k8s/defaulting.ts, k8s/qos.ts, k8s/oom-score.ts). The JVM each container runs is a LaunchSpec whose options a
// source composes from the resource's fields (jvm/launch.ts ComposedItem), so the jvm-* rules, hints and hovers land
// on the field an option comes from. What the editor shows beside the JVM's own: a hint per component (QoS class
// and score) and a hover with the operator's derivation.
import { bytesToQuantity, bytesToQuantityCeilMi, GiB, KiB, MiB } from '../bytes';
import type { EnvEntry, ArgvItem, LaunchSpec } from '../jvm/launch';
import { jvmHints, jvmHovers } from '../jvm/present';
import { applyDefaults, limitRangeApplies } from '../k8s/defaulting';
import { declaredEffective, readDeclaredResources } from '../k8s/manifests';
import type { ContainerModel, DeclaredResources, LimitRangeModel, Role, WorkloadModel } from '../k8s/model';
import { computeOomScore } from '../k8s/oom-score';
import { containerHoverMarkdown, nodeSizeLabel } from '../k8s/present';
import { computeQos } from '../k8s/qos';
import { literal, sliceMapped } from '../mapped';
import { parseQuantity, type Quantity } from '../quantity';
import { isTemplatePlaceholder } from '../yaml/helm';
import type { ContainerEdits, JvmSubject, Presentation, SourceContainer, SourceOutput, SourceWorkload, YamlSourceInput } from '../source';
import type { Hint, HoverInfo, Span, TextEdit } from '../types';
import { editTarget, type EditTarget, setInMap, toTextEdits } from '../yaml/edits';
import { mapScalar } from '../yaml/mapped-scalar';
import { asMap, asString, get, getPair, type YDocument, type YMap, type YNode, type YScalar } from '../yaml/tree';

// ---------------------------------------------------------------------------------------------------------------
// Reading custom resources

/** A custom resource of one of the given kinds in the file, with its document (for edits) and names. */
export interface CustomResource {
  kind: string;
  apiVersion: string;
  object: YMap;
  doc: YDocument;
  name: string | null;
  namespace: string | null;
  spec: YMap | null;
}

/** The documents (and `kind: List` items) whose `kind` is one of `kinds` and whose apiVersion starts with `group/`. */
export function findResources(docs: readonly YDocument[], group: string, kinds: readonly string[]): CustomResource[] {
  const out: CustomResource[] = [];
  const take = (object: YMap, doc: YDocument): void => {
    const kind = asString(get(object, 'kind'));
    const apiVersion = asString(get(object, 'apiVersion'));
    if (!kind || !apiVersion || !kinds.includes(kind) || !apiVersion.startsWith(`${group}/`)) return;
    const metadata = get(object, 'metadata');
    const text = (n: YNode | null) => {
      const v = asString(n);
      return v !== null && isTemplatePlaceholder(v) ? null : v;
    };
    out.push({ kind, apiVersion, object, doc, name: text(get(metadata, 'name')), namespace: text(get(metadata, 'namespace')), spec: asMap(get(object, 'spec')) });
  };
  for (const doc of docs) {
    const root = asMap(doc.contents);
    if (!root) continue;
    const kind = asString(get(root, 'kind'));
    if (kind === 'List' || (kind?.endsWith('List') && get(root, 'items'))) {
      const items = get(root, 'items');
      if (items && items.kind === 'seq') for (const item of items.items) if (item && item.kind === 'map') take(item, doc);
      continue;
    }
    take(root, doc);
  }
  return out;
}

/**
 * A scalar's text: strings as written, numbers and booleans as YAML typed them (`70`, `true`); null otherwise, and
 * for a masked Helm template action (its value is not known).
 */
export function scalarText(node: YNode | null | undefined): string | null {
  if (!node || node.kind !== 'scalar' || node.value === null) return null;
  if (isTemplatePlaceholder(node.source) || (typeof node.value === 'string' && isTemplatePlaceholder(node.value))) return null;
  if (typeof node.value === 'string') return node.value;
  return node.source !== '' ? node.source : String(node.value);
}

export function scalarAt(map: YNode | null | undefined, key: string): YScalar | null {
  const v = get(map, key);
  return v && v.kind === 'scalar' && v.value !== null ? v : null;
}

/** The span of a key in a map (the place a component's hint and hover go), null when absent. */
export function keySpan(map: YNode | null | undefined, key: string): Span | null {
  return getPair(map, key)?.keyNode?.span ?? null;
}

/** A version such as `3.5.0`, `v1.17`, `8.15.1` as numbers; null when it does not start with one. */
export function parseVersion(text: string | null): number[] | null {
  if (!text) return null;
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text.trim());
  if (!m) return null;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

/** a ≥ b for versions (missing parts are 0). */
export function versionAtLeast(v: number[] | null, min: number[]): boolean {
  if (!v) return false;
  for (let i = 0; i < min.length; i++) {
    const x = v[i] ?? 0;
    if (x !== min[i]) return x > min[i];
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Memory units of the products (not Kubernetes quantities)

const BINARY: Record<string, bigint> = { b: 1n, k: KiB, kb: KiB, m: MiB, mb: MiB, g: GiB, gb: GiB, t: GiB * 1024n, tb: GiB * 1024n, p: GiB * 1024n * 1024n, pb: GiB * 1024n * 1024n };

/**
 * A JVM-style size (`-Xmx` syntax: digits and an optional k/m/g/t suffix, any case) in bytes; null when it does not
 * parse. A bare number is bytes, as the JVM reads it.
 */
export function parseJvmSize(text: string): bigint | null {
  const m = /^([0-9]+)([kKmMgGtT]?)$/.exec(text.trim());
  if (!m) return null;
  return BigInt(m[1]) * (m[2] ? BINARY[m[2].toLowerCase()] : 1n);
}

/** A size with a binary unit from `units`, case-insensitive, optional space (`2g`, `2 GB`); `bare` is the unit of a bare number. */
export function parseUnitSize(text: string, units: Record<string, bigint>, bare: bigint): bigint | null {
  const m = /^([0-9]+)\s*([a-zA-Z]*)$/.exec(text.trim());
  if (!m) return null;
  const unit = m[2].toLowerCase();
  if (unit === '') return BigInt(m[1]) * bare;
  const mult = units[unit];
  return mult === undefined ? null : BigInt(m[1]) * mult;
}

export { BINARY as BINARY_UNITS };

/** A memory Quantity of `bytes`, spelled in the largest binary unit that divides it. */
export function memoryQuantity(bytes: bigint): Quantity {
  const r = parseQuantity(bytesToQuantity(bytes));
  if (!r.ok) throw new Error(`not a quantity: ${bytes}`);
  return r.quantity;
}

/** A Kubernetes quantity from its text (`1`, `500m`, `6Gi`), or null when it is not one. */
export function quantityOf(text: string): Quantity | null {
  const r = parseQuantity(text.trim());
  return r.ok ? r.quantity : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Building the pods

/** A resource value the operator writes into the container: a default for a missing key, or its own value. */
export interface OperatorValue {
  which: 'requests' | 'limits';
  resource: 'memory' | 'cpu';
  quantity: Quantity;
  /** For hovers: "its default when `resources` sets no memory", "memory + overhead". */
  note: string;
  /** `default`: only when the container has no value for the key; `set`: replaces it. */
  mode: 'default' | 'set';
}

export interface OperatorContainerInput {
  name: string;
  role: Role;
  /** The map whose `resources` the operator copies (rules' edits go there), or the component's own map. */
  node: YMap;
  /** Read from `node` unless given (null: the operator does not read `resources` here). */
  declared?: DeclaredResources | null;
  values?: OperatorValue[];
}

export interface OperatorPodInput {
  cr: CustomResource;
  /** The operator's name for notes and messages: `Strimzi`, `the Spark operator`. */
  operator: string;
  containers: OperatorContainerInput[];
  limitRanges: readonly LimitRangeModel[];
  nodeMemoryBytes: bigint;
}

/** An empty `resources` reading owned by `node` (the operator sets everything itself). */
function noResources(): DeclaredResources {
  return { node: null, pair: null, requests: null, limits: null, fields: [] };
}

/**
 * The pod an operator creates for one component, in the Kubernetes model: declared values, the operator's values,
 * then the API server's defaulting (SetDefaults_Pod, LimitRanger), QoS and each container's oom_score_adj.
 */
export function buildOperatorPod(input: OperatorPodInput): WorkloadModel {
  const { cr } = input;
  const partial: Array<Omit<ContainerModel, 'oom'>> = input.containers.map((c, index) => {
    const declared = c.declared === undefined ? readDeclaredResources(c.node) : c.declared ?? noResources();
    const effective = declaredEffective(declared);
    for (const v of c.values ?? []) {
      const target = effective[v.which];
      if (v.mode === 'default' && target.has(v.resource)) continue;
      target.set(v.resource, { quantity: v.quantity, source: { kind: 'operator', operator: input.operator, note: v.note } });
    }
    return {
      name: c.name,
      nameNode: null,
      role: c.role,
      index,
      node: c.node,
      image: null,
      imageNode: null,
      command: null,
      args: null,
      env: null,
      envFrom: null,
      declared,
      effective,
      memoryRequestBytes: null,
      memoryLimitBytes: null,
      cpuLimitMilli: null,
    };
  });
  const applied = input.limitRanges.filter((lr) => limitRangeApplies(lr, cr.namespace));
  applyDefaults(partial, null, applied);
  const qos = computeQos(partial, null);
  const pod = { nodeCritical: false, qos, podEffective: null, containers: partial };
  const containers: ContainerModel[] = partial.map((c, i) => ({
    ...c,
    memoryRequestBytes: c.effective.requests.get('memory')?.quantity.value ?? null,
    memoryLimitBytes: c.effective.limits.get('memory')?.quantity.value ?? null,
    cpuLimitMilli: c.effective.limits.get('cpu')?.quantity.milliValue ?? null,
    oom: computeOomScore(pod, i, input.nodeMemoryBytes),
  }));
  return {
    kind: cr.kind,
    apiVersion: cr.apiVersion,
    name: cr.name,
    namespace: cr.namespace,
    object: cr.object,
    doc: cr.doc,
    podSpec: null,
    containers,
    podResources: null,
    podEffective: null,
    priorityClassName: null,
    nodeCritical: false,
    qos,
    limitRanges: applied,
    // A Helm template action in the resources: the values are not known (the rules stay quiet on the limit).
    partial: containers.some((c) => c.declared.fields.some((f) => f.templated)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Launches

/** An option the source composed: literal text, landing on `at` (launch.ts ComposedItem). */
export function composedItem(value: string, at: Span | null, label: string, followsMemory = false): ArgvItem {
  return { ...literal(value), span: at, composed: { at, label, ...(followsMemory ? { followsMemory: true } : {}) } };
}

/**
 * The options written in a string field (`env.java.opts.all: "-Xmx1g -XX:+UseG1GC"`), split on whitespace as the
 * start scripts do, each keeping its place in the text (so findings and the YAML option edits land on it).
 */
export function optionItems(node: YScalar | null, text: string, label: string): ArgvItem[] {
  if (!node) return [];
  const m = mapScalar(node, text);
  const out: ArgvItem[] = [];
  const re = /[^ \t\n]+/g;
  for (let x = re.exec(m.value); x; x = re.exec(m.value)) {
    const piece = sliceMapped(m, x.index, x.index + x[0].length);
    out.push({ ...piece, span: node.span, composed: { at: node.span, label } });
  }
  return out;
}

/** A `java … <main>` launch from composed items (the operator's start script, as the JVM sees it). */
export function javaLaunch(items: ArgvItem[], main: string, image: string | null = null, env: EnvEntry[] = []): LaunchSpec {
  const word = (v: string): ArgvItem => ({ ...literal(v), span: null });
  return { image, command: [word('java'), ...items, word(main)], args: null, env, keepsImageEntrypoint: false };
}

/** A launch that runs no JVM (a container of the pod that is not Java). */
export function noJvmLaunch(): LaunchSpec {
  return { image: null, command: null, args: null, env: [], keepsImageEntrypoint: false };
}

// ---------------------------------------------------------------------------------------------------------------
// Edits

/** Set `key: value` pairs in `map`: scalars replaced in place (quoting kept), missing keys added after the others. */
export function setFields(t: EditTarget, map: YMap, entries: Array<[string, string]>): TextEdit[] | null {
  const edits = setInMap(t, map, entries);
  return edits ? toTextEdits(t, edits) : null;
}

export function fileTarget(input: YamlSourceInput): EditTarget {
  return editTarget(input.text, input.lines, input.yaml);
}

/** Edits that change nothing about options (a source whose heap options are not written anywhere editable). */
export const NO_OPTION_EDITS: ContainerEdits['editOptions'] = () => null;

// ---------------------------------------------------------------------------------------------------------------
// Output

/** One container of a component, as the operator creates it. */
export interface ComponentContainer {
  model: ContainerModel;
  launch: LaunchSpec;
  edits: ContainerEdits;
  /** Where the container's hint goes and findings without an option land: the component's key. */
  anchor: Span;
  limitText: string | null;
  /** No hint or hover of its own (an operator's init container beside the main one). */
  quiet?: boolean;
}

/** One workload an operator generates from a custom resource. */
export interface Component {
  component: string;
  workload: WorkloadModel;
  containers: ComponentContainer[];
  /** Markdown lines of the operator's derivation with the file's numbers, for the component's hover. */
  derivation: string[];
  /** Whether the resource rules check it (the operator copies a `resources` map written in the resource). */
  checkResources: boolean;
}

/** The limit as the pod gets it: `2Gi`, `1408Mi`. */
export function limitTextOf(c: ContainerModel): string | null {
  const v = c.effective.limits.get('memory');
  if (!v) return null;
  return v.source.kind === 'declared' && v.source.field.text ? v.source.field.text : v.quantity.text;
}

/** Default ContainerEdits: no option edits, no limit edits (values the operator computes). */
export function fixedEdits(): ContainerEdits {
  return { setMemoryLimit: () => null, setsRequestToo: false, editOptions: NO_OPTION_EDITS, formatMemory: bytesToQuantityCeilMi };
}

/** The source output of a file's components: JSON workloads, the resource rules' pods, hints and hovers. */
export function componentsOutput(components: Component[], input: YamlSourceInput): SourceOutput | null {
  if (components.length === 0) return null;
  const lines = input.lines;
  const workloads: SourceWorkload[] = components.map((comp) => ({
    json: {
      kind: comp.workload.kind,
      name: comp.workload.name,
      namespace: comp.workload.namespace,
      qosClass: comp.workload.qos.qosClass,
      component: comp.component,
    },
    containers: comp.containers.map((c) => {
      const source: SourceContainer = {
        kind: 'container',
        name: c.model.name ?? comp.component,
        anchor: lines.range(c.anchor),
        limitBytes: c.model.memoryLimitBytes,
        limitText: c.limitText,
        cpuLimitMilli: c.model.cpuLimitMilli,
        launch: c.launch,
        edits: c.edits,
        k8s: { workload: comp.workload, container: c.model },
      };
      return {
        json: {
          name: c.model.name,
          role: c.model.role,
          memoryRequestBytes: c.model.memoryRequestBytes,
          memoryLimitBytes: c.model.memoryLimitBytes,
          oomScoreAdj: c.model.oom.value,
        },
        source,
      };
    }),
  }));
  return {
    workloads,
    k8sWorkloads: components.filter((c) => c.checkResources).map((c) => c.workload),
    present: (subjects: readonly JvmSubject[]): Presentation => {
      const hints: Hint[] = [];
      const hovers: HoverInfo[] = [];
      for (const comp of components) {
        const shown = comp.containers.filter((c) => !c.quiet);
        for (const c of shown) {
          const pos = lines.position(c.anchor[0]);
          const label = `${comp.component}: ${comp.workload.qos.qosClass} · score ${c.model.oom.value}`;
          const dup = hints.find((h) => h.position.line === pos.line && h.label.startsWith(`${comp.component}:`));
          if (!dup) {
            hints.push({
              position: { line: pos.line, character: lines.lineText(pos.line).length },
              label: shown.length > 1 ? `${c.model.name}: ${label.slice(comp.component.length + 2)}` : label,
              tooltip: `${comp.workload.kind} ${comp.workload.name ?? ''} ${comp.component}: container ${c.model.name} is ${comp.workload.qos.qosClass} because ${comp.workload.qos.reason}; oom_score_adj ${c.model.oom.value} on a ${nodeSizeLabel(input.nodeMemoryBytes)} node`,
              kind: 'qos',
            });
          }
          const md = [
            `**${comp.workload.kind} \`${comp.workload.name ?? ''}\` · ${comp.component}** (the pod the operator creates)`,
            ...(comp.derivation.length > 0 ? [comp.derivation.join('\n\n')] : []),
            containerHoverMarkdown(comp.workload, c.model, input.nodeMemoryBytes),
          ].join('\n\n');
          hovers.push({ range: lines.range(c.anchor), markdown: md });
        }
      }
      hints.push(...jvmHints(subjects, lines, input.text));
      hovers.push(...jvmHovers(subjects, lines, input.text));
      return { hints, lenses: [], hovers, actions: [] };
    },
  };
}

// How a container is started, in a shape shared by Kubernetes manifests, Dockerfiles and compose files: the image,
// the argv (`command`/`args`, or ENTRYPOINT/CMD), and the environment with where each value came from. Kubernetes
// `$(VAR)` expansion happens here; shell expansion (`sh -c`) happens in shell.ts, JVM option collection in detect.ts.
//
// Every string keeps a per-character map back to the source text (`offsets`) and to the variable reference that
// produced it (`vias`), so a diagnostic can point at `-Xmx2g` inside an env value that reached the JVM through
// `$(JAVA_OPTS)`.
import type { ConfigMapModel, ContainerModel } from '../k8s/model';
import { asMap, asSeq, asString, get, getPair, type Span, type YNode, type YScalar } from '../yaml/tree';

export type { Span };

/** Where an environment variable's value came from. */
export type EnvOrigin =
  | { kind: 'env' }
  | { kind: 'configMap'; name: string; key: string; optional?: boolean; via: 'configMapKeyRef' | 'envFrom' }
  | { kind: 'secret'; name: string | null; key: string | null; via: 'secretKeyRef' | 'envFrom' }
  | { kind: 'fieldRef'; fieldPath: string | null }
  | { kind: 'resourceFieldRef'; resource: string | null }
  | { kind: 'host' }
  | { kind: 'image' } // ENV baked into the image (a linked Dockerfile)
  // An ENV instruction. `file` (a URI or path) and `line` (0-based) are set when it is in another file than the one
  // analysed (a Dockerfile linked to a manifest through the workspace index): ranges then fall back to the container.
  // `label` is the path shown to the user (relative to the workspace root, or to the analysed file's folder).
  | { kind: 'dockerfile'; file?: string; line?: number; label?: string }
  | { kind: 'compose' };

/** A variable reference that produced some characters: Kubernetes `$(VAR)` or a shell `$VAR`/`${VAR}`. */
export interface Via {
  variable: string;
  syntax: 'k8s' | 'shell';
  /** The reference as written, e.g. `$(JAVA_OPTS)` or `${JAVA_OPTS:-}`. */
  ref: string;
  /** Where the reference is written, when it is spelled verbatim in the source. */
  refSpan: Span | null;
  /** False when the variable's value is unknown: the reference text is kept literally. */
  resolved: boolean;
  /** Why it is unresolved (for the hover), when `resolved` is false. */
  reason?: string;
  /** The reference that this one sits inside (`$(HEAP)` inside the value of `$(JAVA_OPTS)`), outermost last. */
  outer?: Via;
}

/** A string with, per character, its source offset (null when not spelled verbatim) and the reference it came from. */
export interface MappedString {
  value: string;
  offsets: (number | null)[];
  vias: (Via | null)[];
  /** Every reference expanded into this string, including those that expanded to nothing. */
  refs: Via[];
}

export interface ArgvItem extends MappedString {
  /** The whole item's source range (the YAML scalar's span), null when it has none. */
  span: Span | null;
  /** Where the item is written when that is another file: the ENTRYPOINT or CMD of a linked Dockerfile. */
  from?: DockerfilePlace;
}

/** An instruction of a Dockerfile other than the analysed file (linked through the workspace index). */
export interface DockerfilePlace {
  instruction: 'ENTRYPOINT' | 'CMD';
  /** The Dockerfile's URI or path. */
  file: string;
  /** The path shown to the user (see EnvOrigin `label`). */
  label?: string;
  /** 0-based line of the instruction. */
  line?: number;
}

export interface EnvEntry {
  name: string;
  /** The value the container sees; null when it cannot be known here (a Secret, a fieldRef, a missing ConfigMap). */
  value: string | null;
  /** The value with its source map; null exactly when `value` is null. */
  mapped: MappedString | null;
  unresolvedReason?: string;
  nameSpan: Span | null;
  valueSpan: Span | null;
  /** The `env` list item or the `envFrom` item that defines it. */
  entrySpan: Span | null;
  origin: EnvOrigin;
}

/** An `envFrom` source whose keys cannot be listed here: any variable may come from it. */
export interface OpaqueEnvSource {
  kind: 'configMap' | 'secret';
  name: string | null;
  prefix: string;
  span: Span | null;
  reason: string;
}

export interface LaunchSpec {
  image: string | null;
  imageSpan?: Span | null;
  /** Kubernetes `command` (overrides the image ENTRYPOINT), null when absent. */
  command: ArgvItem[] | null;
  /** Kubernetes `args` (overrides the image CMD), null when absent. */
  args: ArgvItem[] | null;
  /** The effective environment, one entry per name (last definition wins), in the order the kubelet builds it. */
  env: EnvEntry[];
  /** True when no `command` is given, so the image's own ENTRYPOINT runs. */
  keepsImageEntrypoint: boolean;
  /** ENTRYPOINT/CMD of the image when known (a linked Dockerfile); null/undefined when unknown. */
  imageEntrypoint?: ArgvItem[] | null;
  imageCmd?: ArgvItem[] | null;
  opaqueEnvSources?: OpaqueEnvSource[];
  /** The container's span, for findings about the whole container. */
  span?: Span | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Mapped strings

export function literal(value: string, offsets?: (number | null)[] | null): MappedString {
  return {
    value,
    offsets: offsets ?? new Array<number | null>(value.length).fill(null),
    vias: new Array<Via | null>(value.length).fill(null),
    refs: [],
  };
}

export function concatMapped(parts: MappedString[]): MappedString {
  const out: MappedString = { value: '', offsets: [], vias: [], refs: [] };
  for (const p of parts) {
    out.value += p.value;
    out.offsets.push(...p.offsets);
    out.vias.push(...p.vias);
    out.refs.push(...p.refs);
  }
  return out;
}

export function sliceMapped(m: MappedString, start: number, end: number): MappedString {
  return {
    value: m.value.slice(start, end),
    offsets: m.offsets.slice(start, end),
    vias: m.vias.slice(start, end),
    refs: [],
  };
}

/** Wrap every character's via inside `outer` (a value substituted for a reference). */
export function nestMapped(inner: MappedString, outer: Via): MappedString {
  const cache = new Map<Via, Via>();
  const wrap = (v: Via | null): Via => {
    if (v === null) return outer;
    let w = cache.get(v);
    if (!w) {
      w = { ...v, outer: v.outer ? wrap(v.outer) : outer };
      cache.set(v, w);
    }
    return w;
  };
  return {
    value: inner.value,
    offsets: inner.offsets.slice(),
    vias: inner.vias.map(wrap),
    refs: [outer, ...inner.refs.map(wrap)],
  };
}

/**
 * The source span of `m.value.slice(start, end)` when those characters are spelled verbatim, contiguously, in
 * `text` (so an edit can replace exactly them); null otherwise.
 */
export function verbatimSpan(m: MappedString, start: number, end: number, text: string): Span | null {
  if (end <= start) return null;
  const first = m.offsets[start];
  const last = m.offsets[end - 1];
  if (first == null || last == null) return null;
  for (let i = start; i < end; i++) if (m.offsets[i] !== first + (i - start)) return null;
  const span: Span = [first, last + 1];
  return text.slice(span[0], span[1]) === m.value.slice(start, end) ? span : null;
}

/** The chain of references (outermost first) that produced character `i`. */
export function viaChain(m: MappedString, i: number): Via[] {
  const chain: Via[] = [];
  for (let v = m.vias[i] ?? undefined; v; v = v.outer) chain.unshift(v);
  return chain;
}

// ---------------------------------------------------------------------------------------------------------------
// Scalars → mapped strings

const WS = new Set([' ', '\t', '\n', '\r']);

/**
 * Map a scalar's value back to the text. Characters are aligned greedily, skipping only what YAML removes
 * (quotes, escaping backslashes, indentation and line breaks); anything else (an escape such as `\n`) leaves the
 * rest unmapped. `verbatimSpan` then only trusts ranges that read the same in the text.
 */
export function mapScalar(node: YScalar, text: string): MappedString {
  const value = scalarString(node) ?? '';
  const offsets = new Array<number | null>(value.length).fill(null);
  let j = node.span[0];
  const end = Math.min(node.span[1], text.length);
  const quoted = node.style === 'single' || node.style === 'double';
  if (node.style === 'block') {
    // Skip the header line (`|`, `>-`, `|2` …) and its comment.
    const nl = text.indexOf('\n', j);
    j = nl < 0 || nl >= end ? end : nl + 1;
  }
  for (let i = 0; i < value.length && j < end; i++) {
    const c = value[i];
    let k = j;
    while (k < end && text[k] !== c) {
      const t = text[k];
      if (!(WS.has(t) || (quoted && (t === '"' || t === "'" || t === '\\')))) {
        k = end;
        break;
      }
      k++;
    }
    if (k >= end) break;
    offsets[i] = k;
    j = k + 1;
  }
  return { value, offsets, vias: new Array<Via | null>(value.length).fill(null), refs: [] };
}

/** A scalar's value as the API server would decode a string field; null for null / non-scalars. */
export function scalarString(node: YNode | null | undefined): string | null {
  return asString(node);
}

// ---------------------------------------------------------------------------------------------------------------
// Kubernetes $(VAR) expansion — k8s.io/kubernetes third_party/forked/golang/expansion/expand.go

export interface ExpansionLookup {
  /** The variable's value, or undefined when it is not defined. */
  get(name: string): { mapped: MappedString | null; reason?: string; origin?: EnvOrigin } | undefined;
  /** Why an undefined variable may still be set at run time (an envFrom Secret), or null when it is surely unset. */
  undefinedReason(name: string): string | null;
}

/**
 * Expand `$(VAR)` references as the kubelet does: `$$` is an escaped `$`, a reference to an undefined variable is
 * left as written, an unterminated `$(` is kept, and the result is never split into words (REFERENCE §6.4).
 */
export function expandK8s(input: MappedString, lookup: ExpansionLookup): MappedString {
  const s = input.value;
  const parts: MappedString[] = [];
  const refs: Via[] = [...input.refs];
  let checkpoint = 0;
  for (let cursor = 0; cursor < s.length; cursor++) {
    if (s[cursor] !== '$' || cursor + 1 >= s.length) continue;
    parts.push(sliceMapped(input, checkpoint, cursor));
    const next = s[cursor + 1];
    if (next === '$') {
      // Escaped operator: `$$` → `$` (keep the second `$`'s offset).
      parts.push(sliceMapped(input, cursor + 1, cursor + 2));
      cursor += 1;
    } else if (next === '(') {
      const close = s.indexOf(')', cursor + 2);
      if (close < 0) {
        // Incomplete reference: `$(` is kept and scanning goes on after it.
        parts.push(sliceMapped(input, cursor, cursor + 2));
        cursor += 1;
      } else {
        const name = s.slice(cursor + 2, close);
        const refText = s.slice(cursor, close + 1);
        const refSpan = verbatimSpanOfRange(input, cursor, close + 1);
        const found = lookup.get(name);
        if (found && found.mapped) {
          const via: Via = { variable: name, syntax: 'k8s', ref: refText, refSpan, resolved: true };
          const nested = nestMapped(found.mapped, via);
          refs.push(...nested.refs);
          parts.push({ ...nested, refs: [] });
        } else {
          const reason = found ? found.reason ?? 'its value is not known here' : lookup.undefinedReason(name);
          const via: Via = {
            variable: name,
            syntax: 'k8s',
            ref: refText,
            refSpan,
            resolved: reason === null,
            ...(reason !== null ? { reason } : {}),
          };
          // Undefined: Kubernetes leaves the reference as written. Unknown: we keep it too, flagged unresolved.
          const kept = sliceMapped(input, cursor, close + 1);
          kept.vias = kept.vias.map(() => (reason === null ? null : via));
          if (reason !== null) refs.push(via);
          parts.push(kept);
        }
        cursor = close;
      }
    } else {
      // `$x`: not a reference; the operator and the next character are copied.
      parts.push(sliceMapped(input, cursor, cursor + 2));
      cursor += 1;
    }
    checkpoint = cursor + 1;
  }
  parts.push(sliceMapped(input, checkpoint, s.length));
  const out = concatMapped(parts);
  out.refs = refs;
  return out;
}

function verbatimSpanOfRange(m: MappedString, start: number, end: number): Span | null {
  const first = m.offsets[start];
  const last = m.offsets[end - 1];
  if (first == null || last == null) return null;
  for (let i = start; i < end; i++) if (m.offsets[i] !== first + (i - start)) return null;
  return [first, last + 1];
}

// ---------------------------------------------------------------------------------------------------------------
// Kubernetes container → LaunchSpec

export interface LaunchOptions {
  /** The workload's namespace, to find ConfigMaps by namespace and name (missing means `default` on both sides). */
  namespace?: string | null;
}

interface PendingEnv {
  entry: EnvEntry;
  /** The raw value still to be expanded against the variables defined before it (env `value:` only). */
  raw: MappedString | null;
}

/**
 * Build the launch description of a Kubernetes container, following the kubelet (pkg/kubelet/kubelet_pods.go
 * `makeEnvironmentVariables`): `envFrom` sources first (in order, later keys win, with their prefix), then `env`
 * in order, each `value` expanded against what is defined before it; `command`/`args` are expanded against the
 * whole environment (`kubecontainer.ExpandContainerCommandAndArgs`). Never throws.
 */
export function launchFromContainer(
  container: ContainerModel,
  configMaps: ConfigMapModel[],
  text: string,
  options: LaunchOptions = {},
): LaunchSpec {
  const ns = options.namespace === undefined ? undefined : options.namespace ?? 'default';
  const findCm = (name: string): ConfigMapModel | null => {
    let found: ConfigMapModel | null = null;
    for (const cm of configMaps) {
      if (cm.name !== name) continue;
      if (ns !== undefined && (cm.namespace ?? 'default') !== ns) continue;
      found = cm;
    }
    return found;
  };

  const vars = new Map<string, PendingEnv>();
  const opaque: OpaqueEnvSource[] = [];

  // envFrom
  for (const item of asSeq(container.envFrom)?.items ?? []) {
    const m = asMap(item);
    if (!m) continue;
    const prefix = asString(get(m, 'prefix')) ?? '';
    const cmRef = asMap(get(m, 'configMapRef'));
    const secretRef = asMap(get(m, 'secretRef'));
    if (cmRef) {
      const name = asString(get(cmRef, 'name'));
      const optional = get(cmRef, 'optional');
      const cm = name !== null ? findCm(name) : null;
      if (!cm || name === null) {
        opaque.push({
          kind: 'configMap',
          name,
          prefix,
          span: m.span,
          reason: name === null ? 'the ConfigMap has no name' : `ConfigMap \`${name}\` is not in this file`,
        });
        continue;
      }
      for (const [key, d] of cm.data) {
        const varName = prefix + key;
        // The kubelet skips keys that are not valid environment variable names (it records an event).
        if (!isValidEnvName(varName)) continue;
        const mapped = d.node ? mapScalar(d.node, text) : literal(d.value);
        vars.delete(varName);
        vars.set(varName, {
          entry: {
            name: varName,
            value: d.value,
            mapped: mapped.value === d.value ? mapped : literal(d.value),
            nameSpan: d.pair.keyNode?.span ?? null,
            valueSpan: d.node?.span ?? null,
            entrySpan: m.span,
            origin: { kind: 'configMap', name, key, via: 'envFrom', ...(optional ? { optional: true } : {}) },
          },
          raw: null,
        });
      }
    } else if (secretRef) {
      const name = asString(get(secretRef, 'name'));
      opaque.push({
        kind: 'secret',
        name,
        prefix,
        span: m.span,
        reason: `Secret${name ? ` \`${name}\`` : ''} values are not visible here`,
      });
    }
  }

  const opaqueReason = (name: string): string | null => {
    for (const o of opaque) {
      if (name.startsWith(o.prefix)) {
        return `\`${name}\` is not set in the manifest but may come from ${o.kind === 'secret' ? 'Secret' : 'ConfigMap'} ${
          o.name ? `\`${o.name}\`` : '(unnamed)'
        } (envFrom): ${o.reason}`;
      }
    }
    return null;
  };

  // env
  for (const item of asSeq(container.env)?.items ?? []) {
    const m = asMap(item);
    if (!m) continue;
    const namePair = getPair(m, 'name');
    const name = asString(namePair?.value);
    if (name === null) continue;
    const nameSpan = namePair?.value?.span ?? null;
    const valueNode = get(m, 'value');
    const valueFrom = asMap(get(m, 'valueFrom'));
    const rawValue = asString(valueNode);
    let entry: EnvEntry;
    let raw: MappedString | null = null;
    if (rawValue !== null && rawValue !== '') {
      raw = valueNode && valueNode.kind === 'scalar' ? mapScalar(valueNode, text) : literal(rawValue);
      if (raw.value !== rawValue) raw = literal(rawValue);
      // Expanded against the variables defined so far (envFrom and earlier env entries).
      const expanded = expandK8s(raw, lookupFrom(vars, opaqueReason));
      entry = {
        name,
        value: expanded.value,
        mapped: expanded,
        nameSpan,
        valueSpan: valueNode?.span ?? null,
        entrySpan: m.span,
        origin: { kind: 'env' },
      };
    } else if (valueFrom) {
      entry = resolveValueFrom(name, valueFrom, m.span, nameSpan, findCm, text);
    } else {
      // `value: ""` or no value: the variable is set to the empty string.
      entry = {
        name,
        value: '',
        mapped: literal(''),
        nameSpan,
        valueSpan: valueNode?.span ?? null,
        entrySpan: m.span,
        origin: { kind: 'env' },
      };
    }
    vars.delete(name);
    vars.set(name, { entry, raw });
  }

  const lookup = lookupFrom(vars, opaqueReason);
  const argv = (seq: YNode | null): ArgvItem[] | null => {
    const s = asSeq(seq);
    if (!s) return null;
    const out: ArgvItem[] = [];
    for (const item of s.items) {
      if (!item || item.kind !== 'scalar') continue;
      const str = scalarString(item);
      if (str === null) continue;
      let mapped = mapScalar(item, text);
      if (mapped.value !== str) mapped = literal(str);
      out.push({ ...expandK8s(mapped, lookup), span: item.span });
    }
    return out;
  };

  return {
    image: container.image,
    imageSpan: container.imageNode?.span ?? null,
    command: argv(container.command),
    args: argv(container.args),
    env: [...vars.values()].map((p) => p.entry),
    keepsImageEntrypoint: container.command === null,
    opaqueEnvSources: opaque,
    span: container.node.span,
  };
}

function lookupFrom(vars: Map<string, PendingEnv>, opaqueReason: (name: string) => string | null): ExpansionLookup {
  return {
    get(name) {
      const p = vars.get(name);
      if (!p) return undefined;
      return { mapped: p.entry.mapped, reason: p.entry.unresolvedReason, origin: p.entry.origin };
    },
    undefinedReason: opaqueReason,
  };
}

function resolveValueFrom(
  name: string,
  valueFrom: NonNullable<ReturnType<typeof asMap>>,
  entrySpan: Span,
  nameSpan: Span | null,
  findCm: (name: string) => ConfigMapModel | null,
  text: string,
): EnvEntry {
  const base = { name, nameSpan, entrySpan };
  const cmKey = asMap(get(valueFrom, 'configMapKeyRef'));
  if (cmKey) {
    const cmName = asString(get(cmKey, 'name'));
    const key = asString(get(cmKey, 'key'));
    const optional = get(cmKey, 'optional');
    const origin: EnvOrigin = {
      kind: 'configMap',
      name: cmName ?? '',
      key: key ?? '',
      via: 'configMapKeyRef',
      ...(optional && optional.kind === 'scalar' && optional.value === true ? { optional: true } : {}),
    };
    const cm = cmName !== null ? findCm(cmName) : null;
    const d = cm && key !== null ? cm.data.get(key) : undefined;
    if (d) {
      let mapped = d.node ? mapScalar(d.node, text) : literal(d.value);
      if (mapped.value !== d.value) mapped = literal(d.value);
      // configMapKeyRef values are not expanded by the kubelet.
      return { ...base, value: d.value, mapped, valueSpan: d.node?.span ?? null, origin };
    }
    const reason = !cm
      ? `ConfigMap \`${cmName ?? '?'}\` is not in this file`
      : `ConfigMap \`${cmName}\` has no key \`${key ?? '?'}\``;
    return { ...base, value: null, mapped: null, unresolvedReason: reason, valueSpan: cmKey.span, origin };
  }
  const secretKey = asMap(get(valueFrom, 'secretKeyRef'));
  if (secretKey) {
    const sName = asString(get(secretKey, 'name'));
    const key = asString(get(secretKey, 'key'));
    return {
      ...base,
      value: null,
      mapped: null,
      unresolvedReason: `it comes from Secret \`${sName ?? '?'}\` key \`${key ?? '?'}\`, whose value is not visible here`,
      valueSpan: secretKey.span,
      origin: { kind: 'secret', name: sName, key, via: 'secretKeyRef' },
    };
  }
  const fieldRef = asMap(get(valueFrom, 'fieldRef'));
  if (fieldRef) {
    const fieldPath = asString(get(fieldRef, 'fieldPath'));
    return {
      ...base,
      value: null,
      mapped: null,
      unresolvedReason: `it is set at run time from the pod field \`${fieldPath ?? '?'}\``,
      valueSpan: fieldRef.span,
      origin: { kind: 'fieldRef', fieldPath },
    };
  }
  const resRef = asMap(get(valueFrom, 'resourceFieldRef'));
  const resource = resRef ? asString(get(resRef, 'resource')) : null;
  return {
    ...base,
    value: null,
    mapped: null,
    unresolvedReason: resRef
      ? `it is set at run time from the container resource \`${resource ?? '?'}\``
      : 'its `valueFrom` source is not understood',
    valueSpan: valueFrom.span,
    origin: resRef ? { kind: 'resourceFieldRef', resource } : { kind: 'env' },
  };
}

/** C_IDENTIFIER-like check the kubelet applies to envFrom keys (IsEnvVarName: `[-._a-zA-Z][-._a-zA-Z0-9]*`). */
export function isValidEnvName(name: string): boolean {
  return /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name);
}

/** The basename of a path-like argv[0]: `/opt/java/openjdk/bin/java` → `java`. */
export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}

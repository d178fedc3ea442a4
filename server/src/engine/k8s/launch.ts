// A Kubernetes container's launch (jvm/launch.ts LaunchSpec): the environment the kubelet builds for it, with
// where each value came from, and `command`/`args` with `$(VAR)` expanded as the kubelet does. The JVM model reads
// the result without knowing it came from a manifest.
import { concatMapped, literal, type MappedString, nestMapped, sliceMapped, type Via } from '../mapped';
import type { ArgvItem, EnvEntry, EnvOrigin, LaunchSpec, OpaqueEnvSource } from '../jvm/launch';
import type { Span } from '../types';
import { mapScalar } from '../yaml/mapped-scalar';
import { asMap, asSeq, asString, get, getPair, type YNode } from '../yaml/tree';
import type { ConfigMapModel, ContainerModel } from './model';

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
      const str = asString(item);
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

// docker-compose file → services with the values that decide memory and the JVM: limits and reservations in
// Docker's units (REFERENCE.md §6.1, not Kubernetes quantities), environment, command/entrypoint, build and image,
// same-file `extends`. Every value keeps its Span (offsets into the analysed text) so fixes can edit it.
// Works on the engine's YAML tree (yaml/tree.ts); anchors and `<<` merge keys arrive resolved from the YAML layer
// (a leftover `<<` pair is still honoured here). Never throws.
import type { Span } from '../types';
import type { YFile, YMap, YNode, YPair, YScalar } from '../yaml/tree';
import { interpolate, ramInBytes, shellWords, type SizeResult } from './compose-text';

export { interpolate, ramInBytes, shellWords } from './compose-text';

/**
 * A plain decimal number for `cpus` (`1`, `0.5`, `.5`, `2.`, `1e3`, spaces around allowed); anything else is left
 * unread. The fraction needs its point, so that digits cannot be split two ways (linear matching).
 */
const CPU_NUMBER = /^\s*[+-]?(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * A compose memory value in bytes: a string goes through docker/go-units `RAMInBytes` (`500m` = 524288000,
 * `1gb`, `1.5g`); a YAML integer is bytes (compose-go `transformSize`: `int` → bytes, `string` → RAMInBytes, any
 * other type is an error). Source: github.com/docker/go-units size.go; REFERENCE.md §6.1.
 */
export function parseComposeSize(text: string | number | bigint): { bytes: bigint } | { error: string } {
  if (typeof text === 'bigint') return text < 0n ? { error: `invalid size: '${text}'` } : { bytes: text };
  if (typeof text === 'number') {
    if (!Number.isSafeInteger(text)) return { error: `invalid type for size: ${text} is not an integer` };
    return { bytes: BigInt(text) };
  }
  return ramInBytes(text);
}

/** A scalar value as compose reads it, after interpolation, with where it is written. */
export interface ComposeValue<T> {
  value: T;
  /** The scalar as written (for a YAML number, its source text). */
  raw: string;
  /** The value node. */
  span: Span;
  /** The key (`mem_limit`, `memory`, …). */
  keySpan: Span | null;
  /** The service whose text holds it (differs from the service when inherited through `extends`). */
  service: string;
  /** True when the value contains `$` interpolation; `vars` lists the variables. */
  interpolated: boolean;
  vars: string[];
  /** Variables that decided the value but are not known to the engine (host environment / `.env`). */
  unresolved: string[];
  /** True when the node lies outside the service's own text (it came through a YAML anchor or merge key). */
  shared: boolean;
}

export interface ComposeSize extends ComposeValue<bigint | null> {
  /** Why compose would reject it; null when valid or when unknown because of `unresolved` variables. */
  error: string | null;
}

export interface ComposeEnvEntry {
  name: string;
  /**
   * After interpolation. Null when the entry names a variable without a value (`- KEY` or `KEY:`): compose takes it
   * from the host environment, unknown here (compose spec, services.environment).
   */
  value: string | null;
  /** The value as written, null when there is none. */
  raw: string | null;
  form: 'map' | 'list';
  /** The name (map key, or the `KEY` part of a list item where it can be located, else the item). */
  nameSpan: Span;
  /** The value (map value node, or the part after `=` of a list item where it can be located, else the item). */
  valueSpan: Span | null;
  /** The whole entry: the map pair or the list item. */
  span: Span;
  service: string;
  interpolated: boolean;
  unresolved: string[];
  shared: boolean;
}

export interface ComposeCommandArg {
  value: string;
  /** The list item, or the word inside a string where it can be located (plain or simply quoted scalars). */
  span: Span | null;
}

export interface ComposeCommand {
  /** A YAML string is split into words like compose does (go-shellwords, no shell); a list is taken as argv. */
  form: 'string' | 'list';
  argv: string[];
  args: ComposeCommandArg[];
  /** String form: the string after interpolation. */
  text: string | null;
  span: Span;
  keySpan: Span | null;
  service: string;
  /** go-shellwords stopped at `;`, `&`, `|`, `<` or `>` and compose dropped the rest of the string. */
  truncated: boolean;
  /** Compose would reject it (unbalanced quotes, `(`), or an item is not a string. */
  error: string | null;
  interpolated: boolean;
  unresolved: string[];
  shared: boolean;
}

export interface ComposeBuild {
  span: Span;
  keySpan: Span | null;
  /** As written (after interpolation); `build: ./dir` is the context. Null when not given (compose default `.`). */
  context: ComposeValue<string> | null;
  /** As written; null means compose's default `Dockerfile` in the context. */
  dockerfile: ComposeValue<string> | null;
  service: string;
}

export interface ComposeExtends {
  service: string;
  /** Another file: not followed, so `resolved` is false. */
  file: string | null;
  span: Span;
  resolved: boolean;
  /** Why it could not be followed (unknown service, a cycle, another file). */
  error: string | null;
}

export interface ComposeService {
  name: string;
  keySpan: Span;
  /** The service's value node (or the key, for `name:` with no value). */
  span: Span;
  /** Index of the YAML document in the file. */
  doc: number;
  image: ComposeValue<string> | null;
  build: ComposeBuild | null;
  /** In order; with `extends`, the base's entries first, overridden per name by the service's own. */
  environment: ComposeEnvEntry[];
  command: ComposeCommand | null;
  entrypoint: ComposeCommand | null;
  memLimit: ComposeSize | null;
  memReservation: ComposeSize | null;
  deployMemoryLimit: ComposeSize | null;
  deployMemoryReservation: ComposeSize | null;
  /**
   * The limit the container gets: `deploy.resources.limits.memory` when set and non-zero, else `mem_limit`
   * (docker/compose pkg/compose/create.go: `getDeployResources` sets Memory from mem_limit, then `setLimits`
   * overwrites it with a non-zero deploy limit). The compose spec asks both to agree when both are set.
   */
  memoryLimit: ComposeSize | null;
  memoryReservation: ComposeSize | null;
  /** Both set and different: compose uses the deploy value (see `memoryLimit`). */
  memoryLimitConflict: boolean;
  cpus: ComposeValue<number | null> | null;
  deployCpus: ComposeValue<number | null> | null;
  /** CPUs the container gets: deploy limit when non-zero (as for memory), else `cpus`; null when unlimited. */
  effectiveCpus: number | null;
  extends: ComposeExtends | null;
}

export interface ComposeModel {
  services: ComposeService[];
  errors: { message: string; span: Span }[];
}

export interface ComposeOptions {
  /** Variables for interpolation (host environment, `.env`); unknown variables count as unset. */
  env?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------------------------
// Tree helpers. The YAML layer inlines `<<` merge keys with go-yaml v2's order (last wins, so a key written before
// `<<` loses to a merged one). Compose reads files with go-yaml v3, where keys written in the map always win over
// merged ones (yaml.v3 decode.go `merge` skips keys the map sets itself). A merged pair is recognisable by its span:
// it lies where the anchor is written, outside the map. A `<<` pair the YAML layer left in place is merged here too.

function inside(map: YMap, p: YPair): boolean {
  return p.span[0] >= map.span[0] && p.span[1] <= map.span[1];
}

/** The map's pairs as compose sees them: one per key, at the key's first position, with the winning value. */
function effectivePairs(map: YMap, depth = 0): YPair[] {
  const flat: YPair[] = [];
  const merged = new Set<YPair>();
  for (const p of map.items) {
    if (p.key === '<<' && depth < 20) {
      // Earlier maps of `<<: [*a, *b]` win: visit them last.
      const sources = p.value?.kind === 'map' ? [p.value] : p.value?.kind === 'seq' ? [...p.value.items].reverse() : [];
      for (const src of sources) {
        if (!src || src.kind !== 'map') continue;
        for (const q of effectivePairs(src, depth + 1)) {
          flat.push(q);
          merged.add(q);
        }
      }
    } else flat.push(p);
  }
  const own = (p: YPair) => !merged.has(p) && inside(map, p);
  const order: string[] = [];
  const winner = new Map<string, YPair>();
  for (const p of flat) {
    if (p.key === null) continue;
    const prev = winner.get(p.key);
    if (!prev) order.push(p.key);
    // Last wins, except that a merged pair never beats one written in the map itself.
    if (!prev || own(p) || !own(prev)) winner.set(p.key, p);
  }
  return order.map((k) => winner.get(k)!);
}

function pairOf(node: YNode | null | undefined, key: string): YPair | null {
  if (!node || node.kind !== 'map') return null;
  return effectivePairs(node).find((p) => p.key === key) ?? null;
}

function valueOf(node: YNode | null | undefined, key: string): YNode | null {
  return pairOf(node, key)?.value ?? null;
}

/** The scalar's text as compose sees it: strings as written; numbers and booleans by their source. */
function scalarText(node: YNode | null): string | null {
  if (!node || node.kind !== 'scalar' || node.value === null) return null;
  if (typeof node.value === 'string') return node.value;
  return node.source;
}

/** Offset in the document of character 0 of a scalar's value, when the value is written there verbatim. */
function verbatimBase(text: string, s: YScalar): number | null {
  if (typeof s.value !== 'string' && s.style !== 'plain') return null;
  const src = typeof s.value === 'string' ? s.value : s.source;
  if (s.style === 'plain' && text.slice(s.span[0], s.span[1]) === src) return s.span[0];
  if ((s.style === 'single' || s.style === 'double') && text.slice(s.span[0] + 1, s.span[1] - 1) === src) {
    return s.span[0] + 1;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------

interface RawService {
  name: string;
  keySpan: Span;
  node: YNode | null;
  span: Span;
  doc: number;
  image: ComposeValue<string> | null;
  build: ComposeBuild | null;
  environment: ComposeEnvEntry[];
  command: ComposeCommand | null;
  entrypoint: ComposeCommand | null;
  memLimit: ComposeSize | null;
  memReservation: ComposeSize | null;
  deployMemoryLimit: ComposeSize | null;
  deployMemoryReservation: ComposeSize | null;
  cpus: ComposeValue<number | null> | null;
  deployCpus: ComposeValue<number | null> | null;
  extends: ComposeExtends | null;
}

/** Builds the compose model of every document with a top-level `services:` map and no `kind`. Never throws. */
export function buildComposeModel(file: YFile, options: ComposeOptions = {}): ComposeModel {
  const errors: ComposeModel['errors'] = [];
  try {
    return build(file, options.env ?? {}, errors);
  } catch (e) {
    errors.push({ message: `compose file could not be analysed: ${String(e)}`, span: [0, 0] });
    return { services: [], errors };
  }
}

function build(file: YFile, env: Record<string, string>, errors: ComposeModel['errors']): ComposeModel {
  const text = file.text;
  const raws: RawService[] = [];
  file.docs.forEach((doc, docIndex) => {
    const root = doc.contents;
    if (!root || root.kind !== 'map' || pairOf(root, 'kind')) return;
    const services = valueOf(root, 'services');
    if (!services || services.kind !== 'map') return;
    for (const pair of effectivePairs(services)) {
      if (pair.key === null || !pair.keyNode) continue;
      raws.push(readService(text, pair, docIndex, env, errors));
    }
  });

  const byName = new Map<string, RawService>();
  for (const r of raws) byName.set(`${r.doc}\u0000${r.name}`, r);
  // compose refuses a file whose extends chain loops; every service on or leading into the loop is unresolved.
  const leadsToCycle = (r: RawService): boolean => {
    const seen = new Set<RawService>();
    let cur: RawService | undefined = r;
    while (cur && cur.extends && cur.extends.file === null) {
      if (seen.has(cur)) return true;
      seen.add(cur);
      cur = byName.get(`${cur.doc}\u0000${cur.extends.service}`);
    }
    return false;
  };
  const resolved = new Map<RawService, RawService>();
  const resolve = (r: RawService): RawService => {
    const done = resolved.get(r);
    if (done) return done;
    let result = r;
    const ext = r.extends;
    if (ext && ext.file === null) {
      const base = byName.get(`${r.doc}\u0000${ext.service}`);
      if (!base) {
        ext.resolved = false;
        ext.error = `service \`${ext.service}\` not found`;
      } else if (leadsToCycle(r)) {
        ext.resolved = false;
        ext.error = `circular extends through \`${ext.service}\``;
      } else {
        result = mergeServices(resolve(base), r);
        ext.resolved = true;
      }
    } else if (ext) {
      ext.resolved = false;
      ext.error = `extends from another file (\`${ext.file}\`) is not followed`;
    }
    resolved.set(r, result);
    return result;
  };

  const services = raws.map((r) => finish(resolve(r)));
  return { services, errors };
}

/**
 * `extends` merge (compose spec, merge.md / extends.md): the service's own values override the base's; mappings
 * (`environment`, `build`, `deploy.resources.*`) merge key by key; `command` and `entrypoint` are replaced, never
 * appended.
 */
function mergeServices(base: RawService, own: RawService): RawService {
  const env = new Map<string, ComposeEnvEntry>();
  for (const e of base.environment) env.set(e.name, e);
  for (const e of own.environment) {
    env.delete(e.name);
    env.set(e.name, e);
  }
  // Keep the base's order for overridden names, own new names after them.
  const ordered: ComposeEnvEntry[] = [];
  for (const e of base.environment) if (env.get(e.name)) ordered.push(env.get(e.name)!), env.delete(e.name);
  for (const e of env.values()) ordered.push(e);
  const build =
    own.build && base.build
      ? { ...own.build, context: own.build.context ?? base.build.context, dockerfile: own.build.dockerfile ?? base.build.dockerfile }
      : (own.build ?? base.build);
  return {
    ...own,
    image: own.image ?? base.image,
    build,
    environment: ordered,
    command: own.command ?? base.command,
    entrypoint: own.entrypoint ?? base.entrypoint,
    memLimit: own.memLimit ?? base.memLimit,
    memReservation: own.memReservation ?? base.memReservation,
    deployMemoryLimit: own.deployMemoryLimit ?? base.deployMemoryLimit,
    deployMemoryReservation: own.deployMemoryReservation ?? base.deployMemoryReservation,
    cpus: own.cpus ?? base.cpus,
    deployCpus: own.deployCpus ?? base.deployCpus,
  };
}

function finish(r: RawService): ComposeService {
  const nonZero = (s: ComposeSize | null) => s !== null && s.value !== null && s.value !== 0n;
  const memoryLimit = nonZero(r.deployMemoryLimit) ? r.deployMemoryLimit : r.memLimit;
  const memoryReservation = nonZero(r.deployMemoryReservation) ? r.deployMemoryReservation : r.memReservation;
  const memoryLimitConflict =
    r.memLimit !== null &&
    r.deployMemoryLimit !== null &&
    r.memLimit.value !== null &&
    r.deployMemoryLimit.value !== null &&
    r.memLimit.value !== r.deployMemoryLimit.value;
  const deployCpus = r.deployCpus?.value ?? null;
  const ownCpus = r.cpus?.value ?? null;
  const effectiveCpus = deployCpus !== null && deployCpus !== 0 ? deployCpus : ownCpus !== null && ownCpus !== 0 ? ownCpus : null;
  return {
    name: r.name,
    keySpan: r.keySpan,
    span: r.span,
    doc: r.doc,
    image: r.image,
    build: r.build,
    environment: r.environment,
    command: r.command,
    entrypoint: r.entrypoint,
    memLimit: r.memLimit,
    memReservation: r.memReservation,
    deployMemoryLimit: r.deployMemoryLimit,
    deployMemoryReservation: r.deployMemoryReservation,
    memoryLimit,
    memoryReservation,
    memoryLimitConflict,
    cpus: r.cpus,
    deployCpus: r.deployCpus,
    effectiveCpus,
    extends: r.extends,
  };
}

function readService(
  text: string,
  pair: YPair,
  doc: number,
  env: Record<string, string>,
  errors: ComposeModel['errors'],
): RawService {
  const name = pair.key!;
  const node = pair.value;
  const keySpan = pair.keyNode!.span;
  const span: Span = node ? node.span : keySpan;
  const outside = (s: Span) => s[0] < span[0] || s[1] > span[1];

  const str = (p: YPair | null): ComposeValue<string> | null => {
    if (!p || !p.value) return null;
    const raw = scalarText(p.value);
    if (raw === null) {
      if (p.value.kind !== 'scalar') errors.push({ message: `\`${p.key}\` must be a string`, span: p.value.span });
      return null;
    }
    const it = interpolate(raw, env);
    if (it.error) errors.push({ message: it.error, span: p.value.span });
    return {
      value: it.value,
      raw,
      span: p.value.span,
      keySpan: p.keyNode?.span ?? null,
      service: name,
      interpolated: it.vars.length > 0 || raw.includes('$'),
      vars: it.vars,
      unresolved: it.unresolved,
      shared: outside(p.value.span),
    };
  };

  const size = (p: YPair | null): ComposeSize | null => {
    if (!p || !p.value) return null;
    const v = p.value;
    const base = {
      span: v.span,
      keySpan: p.keyNode?.span ?? null,
      service: name,
      shared: outside(v.span),
    };
    if (v.kind !== 'scalar' || v.value === null) {
      return { ...base, value: null, raw: '', interpolated: false, vars: [], unresolved: [], error: v.kind === 'scalar' ? null : 'a size must be a string or an integer' };
    }
    if (typeof v.value === 'string') {
      const it = interpolate(v.value, env);
      const interpolated = it.vars.length > 0 || v.value.includes('$');
      let value: bigint | null = null;
      let error: string | null = it.error;
      if (!error && it.unresolved.length === 0) {
        const r: SizeResult = ramInBytes(it.value);
        if ('bytes' in r) value = r.bytes;
        else error = r.error;
      }
      return { ...base, value, raw: v.value, interpolated, vars: it.vars, unresolved: it.unresolved, error };
    }
    if ((typeof v.value === 'number' && v.numberType !== 'float') || typeof v.value === 'bigint') {
      const r = parseComposeSize(v.value);
      return { ...base, value: 'bytes' in r ? r.bytes : null, raw: v.source, interpolated: false, vars: [], unresolved: [], error: 'error' in r ? r.error : null };
    }
    return { ...base, value: null, raw: v.source, interpolated: false, vars: [], unresolved: [], error: `invalid type for size: \`${v.source}\`` };
  };

  const cpuValue = (p: YPair | null): ComposeValue<number | null> | null => {
    if (!p || !p.value || p.value.kind !== 'scalar' || p.value.value === null) return null;
    const v = p.value;
    const raw = typeof v.value === 'string' ? v.value : v.source;
    const it = interpolate(raw, env);
    const n = it.unresolved.length === 0 && CPU_NUMBER.test(it.value) ? Number(it.value) : null;
    return {
      value: n,
      raw,
      span: v.span,
      keySpan: p.keyNode?.span ?? null,
      service: name,
      interpolated: it.vars.length > 0,
      vars: it.vars,
      unresolved: it.unresolved,
      shared: outside(v.span),
    };
  };

  const command = (p: YPair | null): ComposeCommand | null => {
    if (!p || !p.value) return null;
    const v = p.value;
    const common = { span: v.span, keySpan: p.keyNode?.span ?? null, service: name, shared: outside(v.span) };
    if (v.kind === 'seq') {
      const args: ComposeCommandArg[] = [];
      const vars: string[] = [];
      const unresolved: string[] = [];
      let error: string | null = null;
      for (const item of v.items) {
        const raw = scalarText(item);
        if (raw === null || !item) {
          error ??= 'every item of a command list must be a string';
          continue;
        }
        const it = interpolate(raw, env);
        vars.push(...it.vars);
        unresolved.push(...it.unresolved);
        args.push({ value: it.value, span: item.span });
      }
      return { ...common, form: 'list', argv: args.map((a) => a.value), args, text: null, truncated: false, error, interpolated: vars.length > 0, unresolved: [...new Set(unresolved)] };
    }
    const raw = scalarText(v);
    if (raw === null) return null;
    const it = interpolate(raw, env);
    const words = shellWords(it.value);
    // Word spans only where the written text is the string itself (no interpolation, no YAML escapes).
    const base = v.kind === 'scalar' && it.vars.length === 0 && !raw.includes('$') ? verbatimBase(text, v) : null;
    const args = words.words.map((w) => ({
      value: w.value,
      span: base === null ? null : ([base + w.start, base + w.end] as Span),
    }));
    return {
      ...common,
      form: 'string',
      argv: args.map((a) => a.value),
      args,
      text: it.value,
      truncated: words.stoppedAt !== null,
      error: words.error ?? it.error,
      interpolated: it.vars.length > 0,
      unresolved: it.unresolved,
    };
  };

  const environment = (p: YPair | null): ComposeEnvEntry[] => {
    if (!p || !p.value) return [];
    const v = p.value;
    const out: ComposeEnvEntry[] = [];
    if (v.kind === 'map') {
      for (const e of effectivePairs(v)) {
        if (e.key === null || !e.keyNode) continue;
        const raw = e.value ? scalarText(e.value) : null;
        const it = raw === null ? null : interpolate(raw, env);
        out.push({
          name: e.key,
          value: it ? it.value : null,
          raw,
          form: 'map',
          nameSpan: e.keyNode.span,
          valueSpan: e.value ? e.value.span : null,
          span: e.span,
          service: name,
          interpolated: !!it && it.vars.length > 0,
          unresolved: it ? it.unresolved : [],
          shared: outside(e.span),
        });
      }
    } else if (v.kind === 'seq') {
      for (const item of v.items) {
        const raw = scalarText(item);
        if (raw === null || !item || item.kind !== 'scalar') continue;
        const eq = raw.indexOf('=');
        const key = eq < 0 ? raw : raw.slice(0, eq);
        const rawValue = eq < 0 ? null : raw.slice(eq + 1);
        const it = rawValue === null ? null : interpolate(rawValue, env);
        const base = verbatimBase(text, item);
        out.push({
          name: key,
          value: it ? it.value : null,
          raw: rawValue,
          form: 'list',
          nameSpan: base === null ? item.span : [base, base + key.length],
          valueSpan: rawValue === null ? null : base === null ? item.span : [base + eq + 1, base + raw.length],
          span: item.span,
          service: name,
          interpolated: !!it && it.vars.length > 0,
          unresolved: it ? it.unresolved : [],
          shared: outside(item.span),
        });
      }
    }
    // The last entry of a name wins (a map key repeated, or a list naming it twice).
    const seen = new Map<string, number>();
    const dedup: ComposeEnvEntry[] = [];
    for (const e of out) {
      if (seen.has(e.name)) dedup[seen.get(e.name)!] = e;
      else {
        seen.set(e.name, dedup.length);
        dedup.push(e);
      }
    }
    return dedup;
  };

  const buildCfg = (p: YPair | null): ComposeBuild | null => {
    if (!p || !p.value) return null;
    const v = p.value;
    if (v.kind === 'scalar') {
      return { span: v.span, keySpan: p.keyNode?.span ?? null, context: str(p), dockerfile: null, service: name };
    }
    if (v.kind !== 'map') return null;
    return {
      span: v.span,
      keySpan: p.keyNode?.span ?? null,
      context: str(pairOf(v, 'context')),
      dockerfile: str(pairOf(v, 'dockerfile')),
      service: name,
    };
  };

  const ext = (p: YPair | null): ComposeExtends | null => {
    if (!p || !p.value) return null;
    const v = p.value;
    if (v.kind === 'scalar') {
      const s = scalarText(v);
      return s === null ? null : { service: s, file: null, span: v.span, resolved: false, error: null };
    }
    if (v.kind !== 'map') return null;
    const service = scalarText(valueOf(v, 'service'));
    const fileName = scalarText(valueOf(v, 'file'));
    if (service === null) return { service: '', file: fileName, span: v.span, resolved: false, error: '`extends` needs a `service`' };
    return { service, file: fileName, span: v.span, resolved: false, error: null };
  };

  const resources = valueOf(valueOf(node, 'deploy'), 'resources');
  const limits = valueOf(resources, 'limits');
  const reservations = valueOf(resources, 'reservations');
  return {
    name,
    keySpan,
    node,
    span,
    doc,
    image: str(pairOf(node, 'image')),
    build: buildCfg(pairOf(node, 'build')),
    environment: environment(pairOf(node, 'environment')),
    command: command(pairOf(node, 'command')),
    entrypoint: command(pairOf(node, 'entrypoint')),
    memLimit: size(pairOf(node, 'mem_limit')),
    memReservation: size(pairOf(node, 'mem_reservation')),
    deployMemoryLimit: size(pairOf(limits, 'memory')),
    deployMemoryReservation: size(pairOf(reservations, 'memory')),
    cpus: cpuValue(pairOf(node, 'cpus')),
    deployCpus: cpuValue(pairOf(limits, 'cpus')),
    extends: ext(pairOf(node, 'extends')),
  };
}

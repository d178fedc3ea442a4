// YAML text → the engine's tree (tree.ts). The `yaml` library parses (it keeps UTF-16 offsets into the original
// text, a leading BOM included); this file converts its documents, typing plain scalars as go-yaml v2 does
// (resolve.ts), resolving aliases and `<<` merge keys the way sigs.k8s.io/yaml's decoder does, and guarding against
// alias bombs. It never throws.
import { Composer, Parser, isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode, Scalar } from 'yaml';
import { findTemplateActions, maskTemplates } from './helm';
import { resolvePlain, resolveTagged } from './resolve';
import type { ScalarStyle, YDocument, YError, YFile, YMap, YNode, YPair, YScalar, YSeq } from './tree';
import type { Span } from '../types';

export interface ParseYamlOptions {
  /** Mask Helm template actions first (helm.ts); `YFile.templated` tells whether anything was masked. */
  helm?: boolean;
  /**
   * Nodes that alias references and merge keys may add to one document beyond the nodes written in it. Past it
   * the document's contents become null and it carries a YError: a "billion laughs" file stays small.
   */
  maxAliasNodes?: number;
}

export const DEFAULT_MAX_ALIAS_NODES = 100_000;
/** Nesting beyond this is reported instead of followed (the conversion recurses). */
const MAX_DEPTH = 1000;

const COMPOSER_OPTIONS = {
  version: '1.1',
  merge: true,
  uniqueKeys: false,
  prettyErrors: false,
} as const;

/**
 * Parses every document of `text`. `YFile.text` is the text given (with `helm`, the unmasked one: masking keeps
 * every offset, so spans index both).
 */
export function parseYaml(text: string, options: ParseYamlOptions = {}): YFile {
  let source = text;
  let templated = false;
  if (options.helm) {
    const masked = maskTemplateParts(text);
    source = masked.text;
    templated = masked.masked;
  }
  const docs = parseDocuments(source, options.maxAliasNodes ?? DEFAULT_MAX_ALIAS_NODES);
  return { text, docs, templated };
}

/**
 * `maskTemplates(text)`, part by part: masking works line by line and its only state (block scalar tracking) is
 * reset by any line that starts with text at column 0, as a `---` marker line does; so the text can be cut at marker
 * lines that no template action spans, a part without actions is its own mask, and each other part is masked alone
 * (`maskPart`, which incremental.ts caches). A rendered bundle with a few templated documents is scanned once.
 */
export function maskTemplateParts(text: string, maskPart: (raw: string) => string = (raw) => maskTemplates(raw).text): { text: string; masked: boolean } {
  if (!text.includes('{{')) return { text, masked: false };
  const actions = findTemplateActions(text);
  const cuts = [0];
  let a = 0;
  for (let at = text.indexOf('\n---'); at >= 0; at = text.indexOf('\n---', at + 4)) {
    const p = at + 1;
    const c = p + 3 < text.length ? text.charCodeAt(p + 3) : -1;
    if (!(c === -1 || c === 32 || c === 9 || c === 10 || c === 13)) continue;
    while (a < actions.length && actions[a][1] <= p) a++;
    if (a < actions.length && actions[a][0] < p) continue; // inside an action
    cuts.push(p);
  }
  const parts: string[] = [];
  a = 0;
  for (let i = 0; i < cuts.length; i++) {
    const end = i + 1 < cuts.length ? cuts[i + 1] : text.length;
    while (a < actions.length && actions[a][1] <= cuts[i]) a++;
    const raw = text.slice(cuts[i], end);
    parts.push(a < actions.length && actions[a][0] < end ? maskPart(raw) : raw);
  }
  return { text: parts.join(''), masked: true };
}

/**
 * The documents of `source` (already masked if it is a Helm template), spans relative to its start. incremental.ts
 * calls it per slice of a file that begins at a `---` line: the library starts a fresh document there, so a slice
 * parses exactly as it does inside the whole file.
 */
export function parseDocuments(source: string, maxAliasNodes: number): YDocument[] {
  const docs: YDocument[] = [];
  try {
    const composer = new Composer(COMPOSER_OPTIONS);
    for (const doc of composer.compose(new Parser().parse(source), true, source.length)) {
      docs.push(convertDocument(doc as Document.Parsed, maxAliasNodes));
    }
  } catch (e) {
    // The library is not expected to throw; if it does, the file is one syntax error, not a crash.
    docs.push({
      span: [0, source.length],
      contents: null,
      errors: [{ message: `YAML parser failed: ${e instanceof Error ? e.message : String(e)}`, span: [0, 0] }],
      hasAliases: false,
    });
  }
  return docs;
}

class AliasBomb extends Error {
  constructor(readonly span: Span) {
    super('alias bomb');
  }
}
class TooDeep extends Error {}

interface Ctx {
  doc: Document.Parsed;
  errors: YError[];
  /** Converted nodes by library node: an alias yields the very object its anchor produced. */
  memo: Map<YamlNode, YNode>;
  /** The most recent node for each anchor name, in document order (an alias refers back to it). */
  anchors: Map<string, YamlNode>;
  /** Nodes being converted (an alias to one of them is a cycle). */
  active: Set<YamlNode>;
  /** Expanded sizes of the nodes aliases and merges refer to (see sizeOf). */
  sizes: Map<YNode, number>;
  aliasBudget: number;
  hasAliases: boolean;
  depth: number;
}

function convertDocument(doc: Document.Parsed, limit: number): YDocument {
  const errors: YError[] = doc.errors.map((e) => ({ message: firstLine(e.message), span: spanOf(e.pos) }));
  const ctx: Ctx = {
    doc,
    errors,
    memo: new Map(),
    anchors: new Map(),
    active: new Set(),
    sizes: new Map(),
    aliasBudget: limit,
    hasAliases: false,
    depth: 0,
  };
  let contents: YNode | null = null;
  try {
    contents = isEmptyValue(doc.contents) ? null : convertNode(doc.contents as YamlNode, ctx);
  } catch (e) {
    if (e instanceof AliasBomb) {
      errors.push({
        message: `Aliases expand to more than ${limit} nodes; the document is not analysed`,
        span: e.span,
      });
    } else if (e instanceof TooDeep) {
      errors.push({ message: `Nesting deeper than ${MAX_DEPTH} levels; the document is not analysed`, span: [0, 0] });
    } else throw e;
    contents = null;
  }
  const range = doc.range;
  return { span: [range[0], range[2]], contents, errors, hasAliases: ctx.hasAliases };
}

function firstLine(message: string): string {
  const i = message.indexOf('\n');
  return (i < 0 ? message : message.slice(0, i)).trim();
}

function spanOf(pos: readonly [number, number] | readonly number[] | undefined): Span {
  if (!pos) return [0, 0];
  return [pos[0] ?? 0, pos[1] ?? pos[0] ?? 0];
}

function rangeSpan(node: { range?: readonly number[] | null }): Span {
  const r = node.range;
  return r ? [r[0], r[1]] : [0, 0];
}

/** The number of nodes `node` stands for when every alias in it is expanded; memoised, so linear in its size. */
function sizeOf(node: YNode | null, ctx: Ctx): number {
  if (!node || node.kind === 'scalar') return 1;
  const known = ctx.sizes.get(node);
  if (known !== undefined) return known;
  let size = 1;
  if (node.kind === 'map') for (const p of node.items) size += sizeOf(p.keyNode, ctx) + sizeOf(p.value, ctx);
  else for (const item of node.items) size += sizeOf(item, ctx);
  ctx.sizes.set(node, size);
  return size;
}

function convertNode(node: YamlNode | null | undefined, ctx: Ctx): YNode | null {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return convertAlias(node, ctx);
  // Only anchored nodes can be met twice (through an alias), so only they are remembered: keeping every node in a
  // map would cost more than the conversion itself on a large file.
  const anchor = node.anchor;
  if (anchor) {
    const done = ctx.memo.get(node);
    if (done) return done;
    ctx.anchors.set(anchor, node);
    ctx.active.add(node);
  }
  if (++ctx.depth > MAX_DEPTH) throw new TooDeep();
  let out: YNode;
  try {
    if (isScalar(node)) out = convertScalar(node as Scalar.Parsed);
    else if (isMap(node)) out = convertMap(node as unknown as MapLike, ctx);
    else if (isSeq(node)) out = convertSeq(node as unknown as SeqLike, ctx);
    else out = { kind: 'scalar', span: rangeSpan(node as { range?: number[] }), value: null, source: '', style: 'plain' };
  } finally {
    ctx.depth--;
    if (anchor) ctx.active.delete(node);
  }
  if (anchor) ctx.memo.set(node, out);
  return out;
}

function convertAlias(node: YamlNode & { source: string; range?: number[] | null }, ctx: Ctx): YNode | null {
  ctx.hasAliases = true;
  const target = ctx.anchors.get(node.source);
  const span = rangeSpan(node);
  if (!target) {
    ctx.errors.push({ message: `Unknown alias \`*${node.source}\``, span });
    return null;
  }
  if (ctx.active.has(target)) {
    ctx.errors.push({ message: `Alias \`*${node.source}\` refers to a node that contains it`, span });
    return null;
  }
  const out = convertNode(target, ctx);
  chargeAlias(sizeOf(out, ctx), span, ctx);
  return out;
}

function chargeAlias(nodes: number, span: Span, ctx: Ctx): void {
  ctx.aliasBudget -= nodes;
  if (ctx.aliasBudget < 0) throw new AliasBomb(span);
}

// The library's collection classes, reduced to what is read here.
interface MapLike {
  items: { key: unknown; value: unknown }[];
  flow?: boolean;
  range?: number[] | null;
}
interface SeqLike {
  items: unknown[];
  flow?: boolean;
  range?: number[] | null;
}

function styleOf(type: Scalar.Type | undefined): ScalarStyle {
  switch (type) {
    case 'QUOTE_SINGLE':
      return 'single';
    case 'QUOTE_DOUBLE':
      return 'double';
    case 'BLOCK_FOLDED':
    case 'BLOCK_LITERAL':
      return 'block';
    default:
      return 'plain';
  }
}

const YAML_ORG = 'tag:yaml.org,2002:';

function shortTag(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  return tag.startsWith(YAML_ORG) ? '!!' + tag.slice(YAML_ORG.length) : tag;
}

function convertScalar(node: Scalar.Parsed): YScalar {
  const style = styleOf(node.type);
  const tag = shortTag(node.tag);
  const text = style === 'plain' ? String(node.source ?? '') : typeof node.value === 'string' ? node.value : String(node.source ?? '');
  let resolved;
  if (tag) resolved = resolveTagged(text, tag);
  else if (style === 'plain') resolved = resolvePlain(text);
  else resolved = { value: text };
  const out: YScalar = { kind: 'scalar', span: rangeSpan(node), value: resolved.value, source: text, style };
  if (resolved.numberType) out.numberType = resolved.numberType;
  if (tag) out.tag = tag;
  return out;
}

/** `key:` with nothing after it: the library's zero-width empty plain scalar. */
function isEmptyValue(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  if (!isScalar(node)) return false;
  const s = node as Scalar.Parsed;
  return s.type === 'PLAIN' && s.source === '' && !s.tag && !s.anchor;
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const s = key as Scalar.Parsed;
  // go-yaml v2 isMerge: a plain `<<` (or one tagged !!merge).
  return s.source === '<<' && s.type === 'PLAIN' && (!s.tag || s.tag === YAML_ORG + 'merge');
}

function convertMap(node: MapLike, ctx: Ctx): YMap {
  const items: YPair[] = [];
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    if (isMergeKey(pair.key)) {
      const merged = mergePairs(pair.value, ctx);
      for (const p of merged) items.push(p);
      continue;
    }
    const keyNode = isEmptyValue(pair.key) ? null : convertNode(pair.key as YamlNode, ctx);
    const value = isEmptyValue(pair.value) ? null : convertNode(pair.value as YamlNode, ctx);
    const keyScalar = keyNode && keyNode.kind === 'scalar' ? keyNode : null;
    const start = keyNode ? keyNode.span[0] : value ? value.span[0] : rangeSpan(pair.key as { range?: number[] })[0];
    const end = value ? value.span[1] : keyNode ? keyNode.span[1] : start;
    items.push({ key: keyScalar ? keyString(keyScalar) : null, keyNode: keyScalar, value, span: [start, end] });
  }
  return { kind: 'map', span: rangeSpan(node), flow: !!node.flow, items };
}

/**
 * `<<: *base`, `<<: {…}` or `<<: [*a, *b]`: the merged pairs are inserted where the merge key stands, a sequence's
 * maps last-to-first, so that with last-wins lookup (tree.ts `get`) earlier maps win over later ones and keys written
 * after `<<` win over merged ones — go-yaml v2's decoder order (decode.go `merge`), which sigs.k8s.io/yaml uses.
 */
function mergePairs(value: unknown, ctx: Ctx): YPair[] {
  const sources: unknown[] = isSeq(value) ? [...(value as unknown as SeqLike).items].reverse() : [value];
  const out: YPair[] = [];
  for (const source of sources) {
    const converted = isEmptyValue(source) ? null : convertNode(source as YamlNode, ctx);
    if (!converted || converted.kind !== 'map') {
      const span = converted ? converted.span : rangeSpan((source ?? {}) as { range?: number[] });
      ctx.errors.push({ message: 'A merge key `<<` needs a map or a list of maps', span });
      continue;
    }
    chargeAlias(converted.items.length, converted.span, ctx);
    out.push(...converted.items);
  }
  return out;
}

/** The key as the JSON object key sigs.k8s.io/yaml produces for it: `true`, `8` for `010`, the string itself. */
function keyString(key: YScalar): string | null {
  const v = key.value;
  if (v === null) return key.style === 'plain' ? null : '';
  if (typeof v === 'string') return v;
  return String(v);
}

function convertSeq(node: SeqLike, ctx: Ctx): YSeq {
  const items: (YNode | null)[] = [];
  for (const item of node.items) items.push(isEmptyValue(item) ? null : convertNode(item as YamlNode, ctx));
  return { kind: 'seq', span: rangeSpan(node), flow: !!node.flow, items };
}

// Incremental YAML parsing for the editor: a keystroke inside one document of a 67k-line bundle re-parses that
// document only. The text is cut into slices at `---` lines; each slice's documents are cached by the slice's text,
// and a slice found again at another offset (an edit above it changed the length) gets its spans shifted instead of
// being parsed again. The result is the YFile `parseYaml` returns for the same text (test/robustness/incremental).
//
// Why a `---` line is a safe place to cut: a document start marker at column 0 followed by a space, a tab or a line
// break ends whatever came before it — even an open quote, a flow collection or a block scalar (YAML 1.2.2 §9.1.4,
// c-forbidden; the `yaml` library's lexer agrees) — and the composer starts a new document with fresh anchors.
// Two things do carry across it and so disable the cutting: directives (`%YAML`, `%TAG` lines apply to the document
// after them) and, for the text before the first `---`, comments, which the library attaches to the next document
// (so a prefix without content is joined to the slice after it).
import { maskTemplates } from './helm';
import { DEFAULT_MAX_ALIAS_NODES, maskTemplateParts, parseDocuments, type ParseYamlOptions } from './parse';
import type { Span } from '../types';
import type { YDocument, YError, YFile, YNode, YPair, YScalar } from './tree';

interface Slice {
  /** The slice's text, a copy that keeps no version's whole text alive (the cache key). */
  text: string;
  /** The slice's documents, spans relative to the whole text at `offset`. */
  docs: YDocument[];
  offset: number;
}

/**
 * The parsed slices of one editor document (the server keeps one per open URI). Only the slices of the latest
 * parse are kept, so it holds one version's trees at most.
 */
export interface YamlParseCache {
  /** Parse settings the slices were made with; a change empties the cache. */
  key: string;
  slices: TextMap<Slice>;
  /** Slices parsed (not found in the cache) by the latest call, and slices taken from it: for tests and the benchmark. */
  lastParsed: number;
  lastReused: number;
  /** Helm masking per slice of the raw text (see maskIncremental), the latest version's only. */
  masked: TextMap<{ raw: string; masked: string }>;
  /**
   * The latest call's text, settings and result: the server parses each version twice (the workspace index, then
   * the analysis), and the second call returns the first one's file.
   */
  last: { text: string; helm: boolean; key: string; file: YFile } | null;
}

export function createYamlParseCache(): YamlParseCache {
  return { key: '', slices: new TextMap(), lastParsed: 0, lastReused: 0, masked: new TextMap(), last: null };
}

/**
 * A map keyed by text content, like `Map<string, V>`, that mostly never hashes a key: V8 hashes every character of a
 * string shorter than 16,383 characters the first time it is a key, and each version of a file is all new strings,
 * so a `Map` lookup of every slice would read the whole text once more. Here a key is found by its length, then
 * `===`; a length shared by more than a few keys (many documents of one size) gets a `Map` of its own.
 */
export class TextMap<V> {
  private readonly byLength = new Map<number, Array<[string, V]> | Map<string, V>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(text: string): V | undefined {
    const bucket = this.byLength.get(text.length);
    if (!bucket) return undefined;
    if (bucket instanceof Map) return bucket.get(text);
    for (const [k, v] of bucket) if (k === text) return v;
    return undefined;
  }

  set(text: string, value: V): void {
    const bucket = this.byLength.get(text.length);
    if (!bucket) {
      this.byLength.set(text.length, [[text, value]]);
    } else if (bucket instanceof Map) {
      if (!bucket.has(text)) this.count++;
      bucket.set(text, value);
      return;
    } else {
      for (const entry of bucket) {
        if (entry[0] === text) {
          entry[1] = value;
          return;
        }
      }
      if (bucket.length < TEXT_MAP_BUCKET) bucket.push([text, value]);
      else this.byLength.set(text.length, new Map([...bucket, [text, value]]));
    }
    this.count++;
  }

  has(text: string): boolean {
    return this.get(text) !== undefined;
  }

  clear(): void {
    this.byLength.clear();
    this.count = 0;
  }
}
const TEXT_MAP_BUCKET = 8;

/**
 * `parseYaml(text, options)`, re-parsing only the slices (see above) that are not in `cache`. Without a cache it is
 * `parseYaml`. Never throws.
 */
export function parseYamlIncremental(text: string, options: ParseYamlOptions = {}, cache?: YamlParseCache): YFile {
  const helm = !!options.helm;
  const limit = options.maxAliasNodes ?? DEFAULT_MAX_ALIAS_NODES;
  const key = `${limit}`;
  const last = cache?.last;
  if (last && last.helm === helm && last.key === key && last.text === text) {
    cache.lastParsed = 0;
    cache.lastReused = 0;
    return last.file;
  }
  let source = text;
  let templated = false;
  if (helm) {
    const masked = cache ? maskIncremental(text, cache) : maskTemplateParts(text);
    source = masked.text;
    templated = masked.masked;
  } else if (cache) cache.masked.clear();
  if (!cache) return { text, docs: parseDocuments(source, limit), templated };
  if (cache.key !== key) {
    cache.key = key;
    cache.slices.clear();
  }
  const starts = sliceStarts(source);
  const n = starts.length;
  const next = new TextMap<Slice>();
  /** Slices parsed by this call, used or not (a group that grows parses its parts more than once). */
  const fresh = new TextMap<Slice>();
  const docs: YDocument[] = [];
  let parsed = 0;
  let reused = 0;
  /**
   * The slices [i, j) parsed together. A group followed by another is parsed with the next marker's `---`
   * appended, so that its last document ends exactly as it does in the whole text (the library ends a document at
   * the end of the input differently from one that a `---` ends); the empty document that `---` opens is dropped.
   */
  const get = (i: number, j: number): { slice: Slice; docs: YDocument[]; cleanEnd: boolean } => {
    const offset = starts[i];
    const end = j < n ? starts[j] : source.length;
    const parseText = source.slice(offset, j < n ? end + 3 : end);
    let slice = next.get(parseText) ?? fresh.get(parseText) ?? cache.slices.get(parseText);
    if (slice) {
      if (slice.offset !== offset) slice = shiftSlice(slice, offset);
    } else {
      parsed++;
      // Parse a flat copy: the trees keep substrings of what they parse, and a substring of `source` would keep
      // every version's whole text alive for as long as any of its slices stays unchanged.
      const own = flatCopy(parseText);
      const relative = parseDocuments(own, limit);
      slice = { text: own, docs: offset === 0 ? relative : relative.map((d) => shiftDocument(d, offset)), offset };
      fresh.set(own, slice);
    }
    if (j >= n) return { slice, docs: slice.docs, cleanEnd: true };
    const opened = slice.docs[slice.docs.length - 1];
    const cleanEnd = !!opened && opened.span[0] === end && opened.errors.length === 0 && opened.contents === null;
    return { slice, docs: slice.docs.slice(0, -1), cleanEnd };
  };
  for (let i = 0; i < n; ) {
    // A group of slices [i, j): normally one. Syntax errors cross a cut: a document ending in an error may claim
    // text after the next `---` (an unclosed `[` takes a later `]`, comments move), and the parser's stray-token
    // errors in a document are attached to the one before it; and a document with nothing in it yet (say, after
    // `...`) takes a following `---` as its own start. So a cut is trusted only when the document before it has
    // contents or a `---` of its own, and both it and the document after the cut parse cleanly; otherwise the group
    // grows. The slices looked at alone are kept too, so a file that stays broken does not re-parse them each time.
    let j = i + 1;
    let group = get(i, j);
    while (j < n) {
      const last = group.docs[group.docs.length - 1];
      const ahead = get(j, j + 1);
      next.set(ahead.slice.text, ahead.slice);
      const after = ahead.docs[0];
      if (group.cleanEnd && last && last.errors.length === 0 && (last.contents !== null || source.startsWith('---', last.span[0])) && after && after.errors.length === 0) {
        break;
      }
      j++;
      group = get(i, j);
    }
    // Two equal slices in one text (duplicated documents) share one cache entry, with the later offset.
    next.set(group.slice.text, group.slice);
    if (!fresh.has(group.slice.text)) reused++;
    docs.push(...group.docs);
    i = j;
  }
  cache.slices = next;
  cache.lastParsed = parsed;
  cache.lastReused = reused;
  const file: YFile = { text, docs, templated };
  cache.last = { text, helm, key, file };
  return file;
}

/** `maskTemplates(text)`, masking only the parts (parse.ts maskTemplateParts) with actions not masked before. */
function maskIncremental(text: string, cache: YamlParseCache): { text: string; masked: boolean } {
  const next = new TextMap<{ raw: string; masked: string }>();
  const result = maskTemplateParts(text, (raw) => {
    let entry = next.get(raw) ?? cache.masked.get(raw);
    if (!entry) {
      // Flat copies, so that the cache keeps no version's whole text alive.
      const own = flatCopy(raw);
      entry = { raw: own, masked: maskTemplates(own).text };
    }
    next.set(entry.raw, entry);
    return entry.masked;
  });
  cache.masked = next;
  return result;
}

/**
 * Offsets where the slices begin: 0, then the start of every `---` marker line (a marker is `---` at column 0 followed
 * by a space, a tab, a line break or the end). A single slice when the text has directives.
 */
export function sliceStarts(source: string): number[] {
  const starts = [0];
  if (hasDirectiveLine(source)) return starts;
  const n = source.length;
  let at = source.startsWith('---') ? 0 : source.indexOf('\n---');
  if (at > 0) at++;
  while (at >= 0 && at < n) {
    const after = at + 3 < n ? source.charCodeAt(at + 3) : -1;
    // Only `\n` starts a line here: the library reads a lone `\r` as ordinary white space in some places, and
    // missing a boundary only costs speed, while inventing one would change the result.
    const isMarker = after === -1 || after === 32 || after === 9 || after === 10 || (after === 13 && source.charCodeAt(at + 4) === 10);
    if (isMarker && at > 0) starts.push(at);
    const nl = source.indexOf('\n---', at + 1);
    at = nl < 0 ? -1 : nl + 1;
  }
  // Text before the first marker that holds only comments and blank lines belongs to the first document.
  if (starts.length > 1 && !hasContent(source, 0, starts[1])) starts.splice(1, 1);
  return starts;
}

/** `/^%/m.test(source)` without a regular expression scan: a `%` at the start of the text or after a line break. */
function hasDirectiveLine(source: string): boolean {
  for (let i = source.indexOf('%'); i >= 0; i = source.indexOf('%', i + 1)) {
    const c = i === 0 ? 10 : source.charCodeAt(i - 1);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

function hasContent(source: string, from: number, to: number): boolean {
  // Line by line, stopping at the first line with content: the text before the first marker can be most of a file.
  for (let start = from; start <= to; ) {
    const nl = source.indexOf('\n', start);
    const end = nl < 0 || nl > to ? to : nl;
    const t = source.slice(start, end).replace(/^\uFEFF/, '').trim();
    if (t !== '' && !t.startsWith('#')) return true;
    start = end + 1;
  }
  return false;
}

/** A copy of `s` that shares no memory with the string it was sliced from (V8 flattens the concatenation). */
function flatCopy(s: string): string {
  return (' ' + s).slice(1);
}

// ---------------------------------------------------------------------------------------------------------------
// Shifting a document's spans (a copy: trees handed out earlier stay valid)

function shiftSpan(span: Span, by: number): Span {
  return [span[0] + by, span[1] + by];
}

function shiftSlice(slice: Slice, offset: number): Slice {
  const by = offset - slice.offset;
  return { text: slice.text, docs: slice.docs.map((d) => shiftDocument(d, by)), offset };
}

function shiftDocument(doc: YDocument, by: number): YDocument {
  // Aliases and merge keys make nodes and pairs appear more than once in a tree; the copy shares them the same way.
  const seen = doc.hasAliases ? new Map<object, object>() : null;
  return {
    span: shiftSpan(doc.span, by),
    contents: doc.contents ? shiftNode(doc.contents, by, seen) : null,
    errors: doc.errors.map((e): YError => ({ message: e.message, span: shiftSpan(e.span, by) })),
    hasAliases: doc.hasAliases,
  };
}

function shiftNode(node: YNode, by: number, seen: Map<object, object> | null): YNode {
  if (seen) {
    const done = seen.get(node);
    if (done) return done as YNode;
  }
  let out: YNode;
  if (node.kind === 'scalar') {
    // Built field by field in the parser's order (one object shape): faster than a spread.
    const scalar: YScalar = { kind: 'scalar', span: shiftSpan(node.span, by), value: node.value, source: node.source, style: node.style };
    if (node.numberType !== undefined) scalar.numberType = node.numberType;
    if (node.tag !== undefined) scalar.tag = node.tag;
    out = scalar;
  } else if (node.kind === 'map') {
    out = { kind: 'map', span: shiftSpan(node.span, by), flow: node.flow, items: [] };
    if (seen) seen.set(node, out);
    for (const p of node.items) out.items.push(shiftPair(p, by, seen));
  } else {
    out = { kind: 'seq', span: shiftSpan(node.span, by), flow: node.flow, items: [] };
    if (seen) seen.set(node, out);
    for (const item of node.items) out.items.push(item ? shiftNode(item, by, seen) : null);
  }
  if (seen) seen.set(node, out);
  return out;
}

function shiftPair(pair: YPair, by: number, seen: Map<object, object> | null): YPair {
  if (seen) {
    const done = seen.get(pair);
    if (done) return done as YPair;
  }
  const out: YPair = {
    key: pair.key,
    keyNode: pair.keyNode ? (shiftNode(pair.keyNode, by, seen) as YPair['keyNode']) : null,
    value: pair.value ? shiftNode(pair.value, by, seen) : null,
    span: shiftSpan(pair.span, by),
  };
  if (seen) seen.set(pair, out);
  return out;
}

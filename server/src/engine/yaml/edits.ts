// Text edits on YAML as the user wrote it: replace one scalar keeping its quoting, or insert missing keys into an
// existing map following the file's own indentation (block maps) or inside the braces (flow maps). Nothing is ever
// re-stringified: every edit touches only the characters it must, so comments, key order and spacing survive
// (STYLE.md "Findings, diagnostics, fixes").
import type { LineIndex } from '../text';
import type { TextEdit } from '../types';
import type { YFile, YMap, YNode, YScalar } from './tree';

/** What the edit helpers need to know about the file being edited. */
export interface EditTarget {
  text: string;
  lines: LineIndex;
  /** The line break inserted lines use (the file's own). */
  eol: string;
  /** Spaces per nesting level, detected from the file (2 when nothing says). */
  indentUnit: number;
}

/** An edit as offsets into the text; turned into LSP TextEdits by `toTextEdits`. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Keys to set, in the order they should be written. A string is a scalar value written as given (plain). */
export type Entries = Array<[key: string, value: string | Entries]>;

const targets = new WeakMap<LineIndex, EditTarget>();

/** The edit target for an analysed text; computed once per LineIndex (the indent scan walks the whole tree). */
export function editTarget(text: string, lines: LineIndex, yaml: YFile | null): EditTarget {
  const cached = targets.get(lines);
  if (cached && cached.text === text) return cached;
  // The indent scan walks the whole tree: only when an insertion needs it (most fixes replace one scalar).
  let unit: number | null = null;
  const t: EditTarget = {
    text,
    lines,
    eol: lines.eol,
    get indentUnit(): number {
      if (unit === null) unit = detectIndentUnit(text, yaml);
      return unit;
    },
  };
  targets.set(lines, t);
  return t;
}

/**
 * The indentation step the file uses between a block map key and its nested block map's keys; the most common
 * step wins (ties: the smaller). Sequences are left out: `- ` is often written at the parent's column.
 */
export function detectIndentUnit(text: string, yaml: YFile | null): number {
  const counts = new Map<number, number>();
  const visit = (node: YNode | null, depth: number): void => {
    if (!node || depth > 200) return;
    if (node.kind === 'seq') {
      for (const item of node.items) visit(item, depth + 1);
      return;
    }
    if (node.kind !== 'map') return;
    for (const pair of node.items) {
      const child = pair.value;
      if (!child) continue;
      if (child.kind === 'map' && !node.flow && !child.flow && pair.keyNode && child.items[0]?.keyNode) {
        const step = column(text, child.items[0].keyNode.span[0]) - column(text, pair.keyNode.span[0]);
        if (step > 0 && step <= 8) counts.set(step, (counts.get(step) ?? 0) + 1);
      }
      visit(child, depth + 1);
    }
  };
  for (const doc of yaml?.docs ?? []) visit(doc.contents, 0);
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (count > bestCount) {
      best = step;
      bestCount = count;
    }
  }
  return best;
}

/** Column of an offset (characters since the line start; a BOM on the first line does not count). */
export function column(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  const col = offset - start;
  return start === 0 && text.charCodeAt(0) === 0xfeff ? col - 1 : col;
}

function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Replace a scalar's value, keeping its quotes (the span covers them) and any trailing comment (it does not). */
export function replaceScalarEdit(t: EditTarget, node: YScalar, value: string): OffsetEdit {
  const [start, end] = node.span;
  const raw = t.text.slice(start, end);
  let newText = value;
  if (node.style === 'double' && raw.startsWith('"')) newText = `"${value}"`;
  else if (node.style === 'single' && raw.startsWith("'")) newText = `'${value}'`;
  else if (node.style === 'block') {
    // A block scalar (`|`) spans lines; a quantity never needs one, so write it plain on the key's line.
    return { start, end: trimEndOffset(t.text, start, end), newText: value };
  }
  return { start, end, newText };
}

function trimEndOffset(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

/** The offset just after the last character of a node's content (inner comments and block-scalar breaks excluded). */
function contentEnd(text: string, node: YNode): number {
  if (node.kind === 'map' && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1];
    const end = last.value ? contentEnd(text, last.value) : 0;
    return Math.max(end, pairHeadEnd(text, last));
  }
  if (node.kind === 'seq' && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1];
    if (last) return contentEnd(text, last);
  }
  return trimEndOffset(text, node.span[0], node.span[1]);
}

/** The end of `key:` (after the colon), or of the key when no colon is found. */
function pairHeadEnd(text: string, pair: { keyNode: YScalar | null; span: [number, number] }): number {
  if (!pair.keyNode) return pair.span[0];
  let i = pair.keyNode.span[1];
  // A quoted key's span may stop before its closing quote in some trees; step over it.
  if (text[i] === '"' || text[i] === "'") i++;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === ':' ? i + 1 : pair.keyNode.span[1];
}

function isNullValue(node: YNode | null): boolean {
  return node === null || (node.kind === 'scalar' && node.value === null && node.style === 'plain');
}

function pad(n: number): string {
  return ' '.repeat(Math.max(0, n));
}

function renderBlock(entries: Entries, indent: number, t: EditTarget): string[] {
  const out: string[] = [];
  for (const [key, value] of entries) {
    if (typeof value === 'string') out.push(`${pad(indent)}${key}: ${value}`);
    else {
      out.push(`${pad(indent)}${key}:`);
      out.push(...renderBlock(value, indent + t.indentUnit, t));
    }
  }
  return out;
}

function renderFlow(entries: Entries): string {
  return entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : `{${renderFlow(v)}}`}`).join(', ');
}

/**
 * Where new block lines go after `node`'s content: the end of its last line, past comment lines indented at least
 * `minIndent` that follow (they belong to the node), never past a blank line.
 */
function blockInsertionPoint(t: EditTarget, node: YNode, minIndent: number): number {
  let at = lineEnd(t.text, contentEnd(t.text, node));
  for (;;) {
    const next = nextLineStart(t.text, at);
    if (next === null) return at;
    const end = lineEnd(t.text, next);
    const line = t.text.slice(next, end);
    const m = /^( *)#/.exec(line);
    if (!m || m[1].length < minIndent) return at;
    at = end;
  }
}

function nextLineStart(text: string, at: number): number | null {
  if (at >= text.length) return null;
  if (text[at] === '\r' && text[at + 1] === '\n') return at + 2;
  return at + 1;
}

/**
 * Set keys in a map: existing scalars are replaced (quoting kept), existing maps are descended into, missing keys
 * are inserted together at the end of the map. Null when the map's shape does not allow it (a key holds a
 * sequence, or a scalar where a map is needed).
 */
export function setInMap(t: EditTarget, map: YMap, entries: Entries): OffsetEdit[] | null {
  const edits: OffsetEdit[] = [];
  const missing: Entries = [];
  for (const [key, value] of entries) {
    let pair = null;
    for (const item of map.items) if (item.key === key) pair = item; // last wins, as the API server decodes
    if (!pair) {
      missing.push([key, value]);
      continue;
    }
    const current = pair.value;
    if (typeof value === 'string') {
      if (current && current.kind === 'scalar' && !isNullValue(current)) {
        edits.push(replaceScalarEdit(t, current, value));
      } else if (isNullValue(current)) {
        edits.push(fillNullValue(t, pair, ` ${value}`, value));
      } else return null;
    } else if (current && current.kind === 'map') {
      const inner = setInMap(t, current, value);
      if (!inner) return null;
      edits.push(...inner);
    } else if (isNullValue(current)) {
      if (map.flow) edits.push(fillNullValue(t, pair, ` {${renderFlow(value)}}`, `{${renderFlow(value)}}`));
      else {
        const keyCol = pair.keyNode ? column(t.text, pair.keyNode.span[0]) : 0;
        const block = renderBlock(value, keyCol + t.indentUnit, t).join(t.eol);
        edits.push(fillNullBlock(t, pair, block));
      }
    } else return null;
  }
  if (missing.length > 0) {
    const insertion = insertIntoMap(t, map, missing);
    if (!insertion) return null;
    edits.push(insertion);
  }
  return edits;
}

/** `key:` (nothing) or `key: ~` gets a value on the same line. */
function fillNullValue(
  t: EditTarget,
  pair: { keyNode: YScalar | null; value: YNode | null; span: [number, number] },
  afterColon: string,
  replacement: string,
): OffsetEdit {
  const v = pair.value;
  if (v && v.span[1] > v.span[0]) return { start: v.span[0], end: v.span[1], newText: replacement };
  const at = pairHeadEnd(t.text, pair);
  return { start: at, end: at, newText: afterColon };
}

/** `key:` (nothing, or `~`) gets nested block lines; a comment after the key stays on the key's line. */
function fillNullBlock(
  t: EditTarget,
  pair: { keyNode: YScalar | null; value: YNode | null; span: [number, number] },
  block: string,
): OffsetEdit {
  const head = pairHeadEnd(t.text, pair);
  const end = lineEnd(t.text, head);
  const rest = t.text.slice(head, end);
  const v = pair.value;
  let kept = rest;
  if (v && v.span[1] > v.span[0]) kept = t.text.slice(v.span[1], end); // drop `~` / `null`, keep the comment
  kept = kept.trim();
  return { start: head, end, newText: `${kept ? ` ${kept}` : ''}${t.eol}${block}` };
}

/** One insertion holding every missing entry, at the end of the map. */
function insertIntoMap(t: EditTarget, map: YMap, entries: Entries): OffsetEdit | null {
  if (map.flow) {
    const last = map.items[map.items.length - 1];
    if (!last) {
      const open = t.text.indexOf('{', map.span[0]);
      if (open < 0 || open >= map.span[1]) return null;
      return { start: open + 1, end: open + 1, newText: renderFlow(entries) };
    }
    const end = last.value && last.value.span[1] > last.value.span[0] ? last.value.span[1] : pairHeadEnd(t.text, last);
    return { start: end, end, newText: `, ${renderFlow(entries)}` };
  }
  const first = map.items[0];
  if (!first || !first.keyNode) return null;
  const indent = column(t.text, first.keyNode.span[0]);
  const at = blockInsertionPoint(t, map, indent);
  return { start: at, end: at, newText: t.eol + renderBlock(entries, indent, t).join(t.eol) };
}

/**
 * Merge edits that touch (an insertion at the end of a replacement, two insertions at one point) into one, in the
 * order they were produced, so that every client applies them the same way; null when two edits overlap.
 */
export function mergeEdits(edits: OffsetEdit[]): OffsetEdit[] | null {
  // The same edit twice (two containers sharing one `resources` map through a YAML alias) is one edit.
  const unique = edits.filter(
    (e, i) => edits.findIndex((o) => o.start === e.start && o.end === e.end && o.newText === e.newText) === i,
  );
  const sorted = unique.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  const out: OffsetEdit[] = [];
  for (const { e } of sorted) {
    const prev = out[out.length - 1];
    if (prev && e.start < prev.end) return null;
    if (prev && e.start === prev.end && (e.start === e.end || prev.start === prev.end)) {
      out[out.length - 1] = { start: prev.start, end: e.end, newText: prev.newText + e.newText };
    } else out.push({ ...e });
  }
  return out;
}

export function toTextEdits(t: EditTarget, edits: OffsetEdit[]): TextEdit[] | null {
  const merged = mergeEdits(edits);
  if (!merged) return null;
  return merged.map((e) => ({ range: t.lines.range([e.start, e.end]), newText: e.newText }));
}

export interface ResourceValue {
  which: 'requests' | 'limits';
  resource: string;
  /** The quantity text to write (plain). */
  value: string;
}

/**
 * Set `resources.<which>.<resource>` in a container (or pod spec) map, creating the `resources`, `requests`
 * and `limits` maps as needed. Existing values are replaced in place; new keys go after the existing ones.
 */
export function setResources(t: EditTarget, owner: YMap, values: readonly ResourceValue[]): OffsetEdit[] | null {
  if (values.length === 0) return [];
  const byWhich: Entries = [];
  for (const which of ['requests', 'limits'] as const) {
    const items: Entries = values.filter((v) => v.which === which).map((v) => [v.resource, v.value]);
    if (items.length) byWhich.push([which, items]);
  }
  // `resources:` present but empty (`resources:` / `resources: {}`) is handled by setInMap's null/flow cases.
  return setInMap(t, owner, [['resources', byWhich]]);
}

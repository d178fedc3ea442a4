// Edits to one JVM option where the user wrote it in YAML: inside an env value, a `command`/`args` item, a shell
// script in `sh -c`, or a ConfigMap data value (a Dockerfile has its own: docker/option-edits.ts). A token's `span`
// (jvm/detect.ts) points at the option's characters in the
// text; the edit changes only those (and the whitespace that separated them), so the string keeps its quoting,
// the other options and any comment (STYLE.md: "the smallest node span"; never re-stringify).
//
// Kubernetes never splits an argv item (REFERENCE.md §6.4), so an option that is a whole `command`/`args` item is
// removed or inserted as a list item, while an option inside a string is removed or inserted as a word of it.
import { type EditTarget, type OffsetEdit, detectIndentUnit, toTextEdits } from './edits';
import type { LineIndex } from '../text';
import type { TextEdit } from '../types';
import type { Span } from '../types';
import type { YFile, YNode, YScalar, YSeq } from './tree';

/** What option edits read: the analysed text, its line index and its YAML tree. */
export interface OptionEditSource {
  text: string;
  lines: LineIndex;
  yaml: YFile | null;
}

/** What an edit needs of a JVM option token (jvm/detect.ts JvmToken): where it is written and how it got there. */
export interface EditableToken {
  span: Span | null;
  source: { kind: string };
  via: ReadonlyArray<{ syntax: string }>;
}

/** One change to a token: a replacement text, or null to remove it (jvm/options.ts OptionEdit). */
export interface TokenEdit {
  index: number;
  replacement: string | null;
}

/** A scalar and where it sits: a sequence item (with its sequence and index) or a map value. */
interface ScalarSite {
  scalar: YScalar;
  seq: YSeq | null;
  index: number;
}

const siteIndexes = new WeakMap<YFile, ScalarSite[]>();

/** Every value scalar of the file in text order, indexed once per parsed file. */
function scalarSites(yaml: YFile): ScalarSite[] {
  const cached = siteIndexes.get(yaml);
  if (cached) return cached;
  const out: ScalarSite[] = [];
  const seen = new Set<YNode>();
  const visit = (node: YNode | null, seq: YSeq | null, index: number, depth: number): void => {
    // A YAML alias shares its node: visit each node once.
    if (!node || depth > 300 || seen.has(node)) return;
    seen.add(node);
    if (node.kind === 'scalar') out.push({ scalar: node, seq, index });
    else if (node.kind === 'seq') node.items.forEach((item, i) => visit(item, node, i, depth + 1));
    else for (const pair of node.items) visit(pair.value, null, -1, depth + 1);
  };
  for (const doc of yaml.docs) visit(doc.contents, null, -1, 0);
  out.sort((a, b) => a.scalar.span[0] - b.scalar.span[0]);
  siteIndexes.set(yaml, out);
  return out;
}

/** The scalar whose content holds `span`, or null. */
function siteOf(yaml: YFile | null, text: string, span: Span): ScalarSite | null {
  if (!yaml) return null;
  const sites = scalarSites(yaml);
  let lo = 0;
  let hi = sites.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sites[mid].scalar.span[0] <= span[0]) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return null;
  const site = sites[found];
  const [cs, ce] = contentSpan(text, site.scalar);
  return span[0] >= cs && span[1] <= ce ? site : null;
}

/** The characters of a scalar that are its value: inside the quotes, after a block header, or the plain text. */
function contentSpan(text: string, s: YScalar): Span {
  const [start, end] = s.span;
  if ((s.style === 'double' && text[start] === '"') || (s.style === 'single' && text[start] === "'")) {
    return [start + 1, Math.max(start + 1, end - 1)];
  }
  if (s.style === 'block') {
    const nl = text.indexOf('\n', start);
    return [nl < 0 || nl >= end ? end : nl + 1, end];
  }
  return [start, end];
}

/** `value` as it must be spelled inside the scalar; null when it cannot be written there as is. */
function escapeFor(s: YScalar, value: string): string | null {
  if (/[\r\n]/.test(value)) return null;
  switch (s.style) {
    case 'double':
      return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    case 'single':
      return value.replace(/'/g, "''");
    case 'block':
      return value;
    default:
      // A plain scalar ends at `: ` or ` #`, and may not start with an indicator when it is the whole value.
      return /: |:$| #|\t/.test(value) ? null : value;
  }
}

/** A new list item holding `value`, quoted like the item beside it (plain when that is plain and allowed). */
function itemLike(neighbour: YScalar, value: string): string {
  if (neighbour.style === 'single') return `'${value.replace(/'/g, "''")}'`;
  if (neighbour.style === 'double' || /^[\s!&*|>'"%@`#,[\]{}]|: | #|:$/.test(value)) {
    return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
  return value;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Is the token the whole value of a sequence item (a `command`/`args` element)? */
function wholeItem(text: string, site: ScalarSite, span: Span): boolean {
  if (!site.seq) return false;
  const [cs, ce] = contentSpan(text, site.scalar);
  return span[0] === cs && span[1] === ce;
}

/** Replace the option's characters with `option` (escaped for the scalar it sits in). */
export function replaceOptionEdit(src: OptionEditSource, token: EditableToken, option: string): OffsetEdit | null {
  if (!token.span || token.source.kind === 'image-default') return null;
  const site = siteOf(src.yaml, src.text, token.span);
  if (!site) return null;
  const written = escapeFor(site.scalar, option);
  if (written === null) return null;
  // A plain item that would now start with an indicator needs quotes: rewrite the whole item.
  if (site.scalar.style === 'plain' && token.span[0] === site.scalar.span[0] && /^[!&*|>'"%@`#,[\]{}]/.test(option)) return null;
  return { start: token.span[0], end: token.span[1], newText: written };
}

/**
 * Remove the option: a word of a string goes with the blanks that separate it from the next word (or the previous
 * one at the end); a whole list item goes with its line (block) or its comma (flow). An option that is the whole
 * value of an env variable leaves `""`. Null when the option cannot be removed without changing something else —
 * the only item of a list (an empty `args` means the image's own CMD).
 */
export function removeOptionEdit(src: OptionEditSource, token: EditableToken): OffsetEdit | null {
  if (!token.span || token.source.kind === 'image-default') return null;
  const { text } = src;
  const site = siteOf(src.yaml, text, token.span);
  if (!site) return null;
  const [s, e] = token.span;
  const [cs, ce] = contentSpan(text, site.scalar);
  if (wholeItem(text, site, token.span)) return removeItem(text, site);
  const before = text.slice(cs, s);
  const after = text.slice(e, ce);
  if (before.trim() === '' && after.trim() === '') {
    // Substituted whole into a `command`/`args` item by `$(VAR)`, an empty value would leave an empty argument,
    // which `java` takes for its main class: no edit here.
    if (token.via.some((v) => v.syntax === 'k8s')) return null;
    // The whole value of a map entry (an env value, a ConfigMap key): it becomes the empty string.
    const [ss, se] = site.scalar.span;
    if (site.scalar.style === 'double' || site.scalar.style === 'single') return { start: cs, end: ce, newText: '' };
    return { start: ss, end: site.scalar.style === 'block' ? trimEnd(text, ss, se) : se, newText: '""' };
  }
  let end = e;
  while (end < ce && isBlank(text[end])) end++;
  if (end < ce && text[end] !== '\n' && text[end] !== '\r' && end > e) return { start: s, end, newText: '' };
  let start = s;
  while (start > cs && isBlank(text[start - 1])) start--;
  if (start < s) return { start, end: e, newText: '' };
  // Alone on its line inside a multi-line string: remove it and the blanks after it.
  return { start: s, end, newText: '' };
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

function removeItem(text: string, site: ScalarSite): OffsetEdit | null {
  const seq = site.seq!;
  if (seq.items.length < 2) return null;
  const [a, b] = site.scalar.span;
  if (seq.flow) {
    const prev = seq.items[site.index - 1];
    const next = seq.items[site.index + 1];
    if (prev) return { start: prev.span[1], end: b, newText: '' };
    if (next) return { start: a, end: next.span[0], newText: '' };
    return null;
  }
  const ls = lineStartOf(text, a);
  if (!/^[ \t]*-[ \t]+$/.test(text.slice(ls, a))) return null;
  const le = lineEndOf(text, b);
  if (!/^[ \t]*(#.*)?$/.test(text.slice(b, le))) return null;
  if (le >= text.length) {
    // The last line of the file: take the line break before it instead.
    const prevBreak = ls > 0 && text[ls - 1] === '\n' && text[ls - 2] === '\r' ? ls - 2 : Math.max(0, ls - 1);
    return { start: prevBreak, end: le, newText: '' };
  }
  const next = text[le] === '\r' && text[le + 1] === '\n' ? le + 2 : le + 1;
  return { start: ls, end: next, newText: '' };
}

/** Insert `option` right after `after`: as the next word of its string, or as the next list item. */
export function insertOptionEdit(src: OptionEditSource, after: EditableToken, option: string): OffsetEdit | null {
  if (!after.span || after.source.kind === 'image-default') return null;
  const { text } = src;
  const site = siteOf(src.yaml, text, after.span);
  if (!site) return null;
  if (wholeItem(text, site, after.span)) {
    const [a, b] = site.scalar.span;
    const item = itemLike(site.scalar, option);
    if (site.seq!.flow) return { start: b, end: b, newText: `, ${item}` };
    const ls = lineStartOf(text, a);
    const prefix = text.slice(ls, a);
    if (!/^[ \t]*-[ \t]+$/.test(prefix)) return null;
    const le = lineEndOf(text, b);
    return { start: le, end: le, newText: `${src.lines.eol}${prefix}${item}` };
  }
  const written = escapeFor(site.scalar, option);
  if (written === null) return null;
  return { start: after.span[1], end: after.span[1], newText: ` ${written}` };
}

/**
 * Edits for a list of option changes on the tokens of one JVM (options.ts `OptionEdit`: a replacement text, or
 * null to remove), merged into LSP text edits; null when any of them cannot be made where the option is written.
 */
export function optionTextEdits(src: OptionEditSource, tokens: readonly EditableToken[], edits: readonly TokenEdit[]): TextEdit[] | null {
  const out: OffsetEdit[] = [];
  for (const e of edits) {
    const token = tokens[e.index];
    if (!token) return null;
    const edit = e.replacement === null ? removeOptionEdit(src, token) : replaceOptionEdit(src, token, e.replacement);
    if (!edit) return null;
    out.push(edit);
  }
  return toTextEdits(optionEditTarget(src), out);
}

/** An edit target for the file, without the shared cache of edits.ts (the indent unit is only needed to insert). */
export function optionEditTarget(src: OptionEditSource): EditTarget {
  let unit: number | null = null;
  return {
    text: src.text,
    lines: src.lines,
    eol: src.lines.eol,
    get indentUnit(): number {
      if (unit === null) unit = detectIndentUnit(src.text, src.yaml);
      return unit;
    },
  };
}

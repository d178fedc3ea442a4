// Edits to one JVM option where a Dockerfile writes it: a word of an `ENV`/`ARG` value (`K=V`, `K="a b"`, the legacy
// `ENV K a b`), an item of an exec-form `CMD`/`ENTRYPOINT` JSON array or a word inside one (`["sh", "-c", "…"]`), or
// a word of a shell-form command — across line continuations, with the escape directive's character. The token's
// `span` (jvm/detect.ts, mapped by docker/launch.ts) points at the option's characters; the edit changes only those
// and the blanks that separated them from the next word, so quoting, escapes and the other options stay as written
// (STYLE.md: the smallest span, never re-stringify). jvm/option-edits.ts calls these for a Dockerfile.
//
// The runtime never splits an exec-form item (Dockerfile reference, "exec form"), so an option that is a whole
// item is removed as an item with its comma, keeping the JSON array valid; the builder joins a continuation line
// onto the previous one (buildkit parser.go `Parse`), so an option alone on a continued line goes with its line.
import { editTarget, type OffsetEdit, toTextEdits } from '../yaml/edits';
import type { EditableToken, TokenEdit } from '../yaml/option-edits';
import type { TextEdit } from '../types';
import type { Span } from '../types';
import type { LineIndex } from '../text';
import type { Range } from '../types';
import type { DockerCommand, DockerfileModel, ExecArg } from './dockerfile';

/** Where in a Dockerfile an option is written. */
type Site =
  /** An `ENV`/`ARG` value (quotes included in `span`). */
  | { kind: 'value'; span: Span }
  /** Shell form: the command text, continuation lines included. */
  | { kind: 'shell'; span: Span }
  /** Exec form: the item whose content holds the option, and its siblings. */
  | { kind: 'exec'; span: Span; items: Span[]; index: number };

const siteCache = new WeakMap<DockerfileModel, Site[]>();

/** Every place of the file an option can be written in: each value and each ENTRYPOINT/CMD, once per model. */
function sites(model: DockerfileModel, lines: LineIndex): Site[] {
  const cached = siteCache.get(model);
  if (cached) return cached;
  const out: Site[] = [];
  const seen = new Set<object>();
  const value = (r: Range | null, key: object): void => {
    if (!r || seen.has(key)) return;
    seen.add(key);
    out.push({ kind: 'value', span: lines.span(r) });
  };
  const command = (c: DockerCommand | null): void => {
    if (!c || seen.has(c)) return;
    seen.add(c);
    if (c.form === 'shell') {
      if (c.textRange) out.push({ kind: 'shell', span: lines.span(c.textRange) });
      return;
    }
    const items = c.args.map((a: ExecArg) => lines.span(a.range));
    c.args.forEach((a, index) => out.push({ kind: 'exec', span: lines.span(a.contentRange), items, index }));
  };
  for (const a of model.globalArgs) value(a.valueRange, a);
  for (const stage of model.stages) {
    for (const a of stage.args.values()) value(a.valueRange, a);
    for (const e of stage.env.values()) value(e.valueRange, e);
    command(stage.entrypoint);
    command(stage.cmd);
  }
  siteCache.set(model, out);
  return out;
}

function siteOf(model: DockerfileModel, lines: LineIndex, span: Span): Site | null {
  for (const s of sites(model, lines)) if (span[0] >= s.span[0] && span[1] <= s.span[1]) return s;
  return null;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/**
 * Characters a replacement may be written with as is, in every context here: unquoted or quoted, a JSON string, a
 * shell word. The options the fixes write (`-Xms1g`, `-XX:MaxRAMPercentage=75.0`) need nothing else.
 */
function plainOption(option: string): boolean {
  if (option === '') return false;
  for (const c of option) {
    if (!/[A-Za-z0-9_.:=+\-%,/@]/.test(c)) return false;
  }
  return true;
}

/** The end of the continuation at `i` (`<escape>` + blanks + line break), or -1 when there is none. */
function continuationEnd(text: string, i: number, escape: string): number {
  if (text[i] !== escape) return -1;
  let k = i + 1;
  while (isBlank(text[k])) k++;
  if (text[k] === '\r' && text[k + 1] === '\n') return k + 2;
  if (text[k] === '\n' || text[k] === '\r') return k + 1;
  return -1;
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isBreak(text[i - 1])) i--;
  return i;
}

/** Replace the option's characters with `option`; null when it would need quoting or escaping there. */
export function replaceDockerOptionEdit(model: DockerfileModel, lines: LineIndex, span: Span, option: string): OffsetEdit | null {
  if (!plainOption(option) || !siteOf(model, lines, span)) return null;
  return { start: span[0], end: span[1], newText: option };
}

/**
 * Remove the option: a whole exec-form item with its comma; a word with the blanks after it when another word
 * follows on its line, else with the blanks before it; a word alone on a continued line with that line; the last
 * word of a value written over several lines with the continuation before it; the whole value of an `ENV`/`ARG`
 * leaves `""`. Null where removing it would change something else: the only item of an exec form, the only word of
 * a command, a comment line inside a continuation next to it.
 */
export function removeDockerOptionEdit(model: DockerfileModel, lines: LineIndex, span: Span): OffsetEdit | null {
  const text = lines.text;
  const escape = model.escapeChar || '\\';
  const site = siteOf(model, lines, span);
  if (!site) return null;
  const [s, e] = span;
  const [cs, ce] = site.span;
  if (site.kind === 'exec' && s === cs && e === ce) return removeItem(site);
  const isWord = (i: number): boolean =>
    i >= cs && i < ce && !isBlank(text[i]) && !isBreak(text[i]) && continuationEnd(text, i, escape) < 0 && !quoteAt(text, i, cs, ce);

  // Another word follows on the same line: the option and the blanks after it.
  let end = e;
  while (end < ce && isBlank(text[end])) end++;
  if (end > e && isWord(end)) return { start: s, end, newText: '' };

  // Alone on a continued line (not the instruction's first): the line goes, the continuation before it carries on.
  const ls = lineStart(text, s);
  const cont = continuationEnd(text, end, escape);
  if (ls > cs && blanksOnly(text, ls, s) && cont > 0 && cont < ce) return { start: ls, end: cont, newText: '' };

  // A word comes before it on the same line: the blanks before it and the option.
  let start = s;
  while (start > cs && isBlank(text[start - 1])) start--;
  if (start < s && isWord(start - 1)) return { start, end: e, newText: '' };

  // The last word, on a line of its own: back to the end of the word before it, continuations included.
  let p = s;
  for (;;) {
    if (p > cs && (isBlank(text[p - 1]) || isBreak(text[p - 1]))) p--;
    else if (p > cs && continuationEnd(text, p - 1, escape) > 0) p--;
    else break;
  }
  if (p < s && isWord(p - 1) && cont < 0 && !isWord(end)) {
    return commentLine(text, p - 1, cs) ? null : { start: p, end: e, newText: '' };
  }
  // The first word, with more on later lines: up to the next word, continuations included.
  let q = e;
  for (;;) {
    if (q < ce && (isBlank(text[q]) || isBreak(text[q]))) q++;
    else if (q < ce && continuationEnd(text, q, escape) > 0) q = continuationEnd(text, q, escape);
    else break;
  }
  if (q > e && isWord(q)) return commentLine(text, q, cs) ? null : { start: s, end: q, newText: '' };

  if (site.kind !== 'value' || hasWord(text.slice(cs, s) + text.slice(e, ce), escape)) return null;
  // The whole value: it becomes the empty string, quoted so the instruction stays well-formed.
  const quoted = ce - cs >= 2 && (text[cs] === '"' || text[cs] === "'") && text[ce - 1] === text[cs];
  return quoted ? { start: cs + 1, end: ce - 1, newText: '' } : { start: cs, end: ce, newText: '""' };
}

function blanksOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isBlank(text[i])) return false;
  return true;
}

/** Is `text[i]` on a comment line inside a continuation (the builder skips those lines)? */
function commentLine(text: string, i: number, cs: number): boolean {
  const ls = lineStart(text, i);
  if (ls <= cs) return false;
  let k = ls;
  while (isBlank(text[k])) k++;
  return text[k] === '#';
}

/** Is `text[i]` the quote that opens or closes the value (its first or last character)? */
function quoteAt(text: string, i: number, cs: number, ce: number): boolean {
  return (text[i] === '"' || text[i] === "'") && (i === cs || i === ce - 1);
}

/** Does `s` hold anything but blanks, line breaks, quotes and continuation characters? */
function hasWord(s: string, escape: string): boolean {
  for (const c of s) {
    if (!isBlank(c) && !isBreak(c) && c !== '"' && c !== "'" && c !== escape) return true;
  }
  return false;
}

/** An exec-form item with the comma before it (the comma after it when it is the first). */
function removeItem(site: Extract<Site, { kind: 'exec' }>): OffsetEdit | null {
  const { items, index } = site;
  if (items.length < 2) return null;
  const item = items[index];
  if (index > 0) return { start: items[index - 1][1], end: item[1], newText: '' };
  return { start: item[0], end: items[index + 1][0], newText: '' };
}

/**
 * Edits for a list of option changes on the tokens of one JVM (a replacement text, or null to remove), made where
 * the Dockerfile writes each option; null when any of them cannot be made there. No fix inserts an option into a
 * Dockerfile (the ones that would need the container's limit).
 */
export function dockerOptionTextEdits(
  model: DockerfileModel,
  lines: LineIndex,
  tokens: readonly EditableToken[],
  edits: readonly TokenEdit[],
): TextEdit[] | null {
  const out: OffsetEdit[] = [];
  for (const e of edits) {
    const token = tokens[e.index];
    if (!token || !token.span || token.source.kind === 'image-default') return null;
    const edit = e.replacement === null ? removeDockerOptionEdit(model, lines, token.span) : replaceDockerOptionEdit(model, lines, token.span, e.replacement);
    if (!edit) return null;
    out.push(edit);
  }
  return toTextEdits(editTarget(lines.text, lines, null), out);
}

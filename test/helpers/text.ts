// Shared test helpers: inline fixtures (dedent, cursor marker) and applying LSP text edits.
import { LineIndex } from '../../server/src/engine/text';
import type { TextEdit } from '../../server/src/engine/types';

/**
 * Strip the common leading indentation of a template literal and its first and last empty lines, so fixtures can
 * be indented with the test code. Tabs inside lines are kept as they are.
 */
export function dedent(strings: TemplateStringsArray | string, ...values: unknown[]): string {
  const raw =
    typeof strings === 'string' ? strings : strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.split('\n');
  if (lines.length && lines[0].trim() === '') lines.shift();
  if (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  let common = Infinity;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const m = /^ */.exec(line);
    common = Math.min(common, m ? m[0].length : 0);
  }
  if (!Number.isFinite(common)) common = 0;
  return lines.map((l) => l.slice(common)).join('\n') + '\n';
}

/** Remove the first `marker` from `text`; returns the text without it and the marker's offset. */
export function cursor(text: string, marker = '|'): { text: string; offset: number } {
  const offset = text.indexOf(marker);
  if (offset < 0) throw new Error(`no cursor marker ${JSON.stringify(marker)} in fixture`);
  return { text: text.slice(0, offset) + text.slice(offset + marker.length), offset };
}

/** `[start, end)` offsets of the text between two markers (e.g. `«` and `»`), and the text without them. */
export function markedSpan(text: string, open = '«', close = '»'): { text: string; span: [number, number] } {
  const a = text.indexOf(open);
  const b = text.indexOf(close, a + open.length);
  if (a < 0 || b < 0) throw new Error('fixture needs both span markers');
  const clean = text.slice(0, a) + text.slice(a + open.length, b) + text.slice(b + close.length);
  return { text: clean, span: [a, b - open.length] };
}

/**
 * Apply LSP edits (ranges on the original text) as a client does: all against the original, non-overlapping;
 * edits at the same position apply in array order. Throws on overlapping edits, which the protocol forbids.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e, i) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.i - b.i);
  for (let k = 1; k < spans.length; k++) {
    if (spans[k].start < spans[k - 1].end) throw new Error('overlapping edits');
  }
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  return out + text.slice(at);
}

/** The text a range covers (for asserting ranges readably). */
export function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(range.start), lines.offset(range.end));
}

export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

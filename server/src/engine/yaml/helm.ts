// Helm templates are not YAML until rendered. To read what can be read, every template action `{{ … }}` is
// replaced by filler of the same length (offsets and line numbers stay valid): a line that holds nothing but
// actions becomes blank, and an action beside other text becomes a plain-scalar placeholder `__TPL_…`, which the
// analysis treats as an unknown value (DESIGN.md "Which files are what": never a finding on a templated value).
// Blank rather than comment lines, because a `#` line inside a block scalar, less indented than its content,
// would end the scalar early; a blank line never does.
import { isLineTerminator } from '../strings';

const PLACEHOLDER_HEAD = '__TPL';

export interface MaskResult {
  /** Same length as the input; line breaks untouched. */
  text: string;
  /** True when at least one action was found. */
  masked: boolean;
}

/** True for a value that came from a masked template action (wholly or in part): its real value is unknown. */
export function isTemplatePlaceholder(value: string): boolean {
  return value.includes(PLACEHOLDER_HEAD);
}

/** The [start, end) offsets of every `{{ … }}` action; an unclosed action runs to the end of the text. */
export function findTemplateActions(text: string): [number, number][] {
  const actions: [number, number][] = [];
  let i = 0;
  for (;;) {
    const start = text.indexOf('{{', i);
    if (start < 0) break;
    const end = actionEnd(text, start + 2);
    actions.push([start, end]);
    i = end;
  }
  return actions;
}

/** Scans one action body: Go template strings ("…", `…`) and comments (/* … *\/) may contain `}}`. */
function actionEnd(text: string, from: number): number {
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '}' && text[i + 1] === '}') return i + 2;
    if (c === '"') {
      // An interpreted string ends at its closing quote; a line break means it was never a string.
      i++;
      while (i < n && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      if (text[i] === '"') i++;
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      i = close < 0 ? n : close + 1;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    i++;
  }
  return n;
}

function placeholder(length: number): string {
  if (length < PLACEHOLDER_HEAD.length) return '_'.repeat(length);
  return PLACEHOLDER_HEAD + '_'.repeat(length - PLACEHOLDER_HEAD.length);
}

/**
 * Actions that print nothing (control flow, definitions, comments, variable assignments): beside other text they
 * become spaces, so `cpu: "1"{{ end }}` stays valid YAML.
 */
function isSilentAction(body: string): boolean {
  const inner = body.replace(/^\{\{-?\s*/, '');
  return /^(?:if|else|end|range|with|define|block|break|continue)\b/.test(inner) || /^\/\*/.test(inner) || /^\$[\w]*\s*:?=/.test(inner);
}

const isRegexSpace = (ch: string): boolean => /\s/.test(ch);

/**
 * A block scalar header line (`data: |`, `- >-`, `key: |2+  # note`): the text before its ` |` or ` >`, else null.
 * It answers as `/^(.*?)\s[|>][-+]?[1-9]?[-+]?\s*(?:#.*)?$/.exec(line)?.[1]` would (the earliest indicator whose
 * rest of line is only indicator flags, spaces and a comment), but in linear time: that regex retries its tail
 * from every ` |` of a long line.
 */
export function blockScalarHead(line: string): string | null {
  const n = line.length;
  // A comment runs to the end of the line: it may start only after the last line terminator (`.` stops at one).
  let commentFrom = n;
  while (commentFrom > 0 && !isLineTerminator(line[commentFrom - 1])) commentFrom--;
  for (let i = 0; i + 1 < n; i++) {
    if (isRegexSpace(line[i]) && (line[i + 1] === '|' || line[i + 1] === '>')) {
      let k = i + 2;
      if (line[k] === '-' || line[k] === '+') k++;
      if (line[k] >= '1' && line[k] <= '9') k++;
      if (line[k] === '-' || line[k] === '+') k++;
      while (k < n && isRegexSpace(line[k])) k++;
      if (k === n || (line[k] === '#' && k >= commentFrom)) return line.slice(0, i);
      // The flags and spaces just read hold no `|` or `>`: the next candidate starts past them (linear overall).
    }
    // The head is `.*?`: it cannot reach past a line terminator.
    if (isLineTerminator(line[i])) break;
  }
  return null;
}

function indentOf(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && text[i] === ' ') i++;
  return i - start;
}

/**
 * Masks every template action; see the file comment. Lines that no action touches are copied as they are (only
 * their indentation and a possible block scalar header are read), so a large rendered file with a few actions
 * costs little more than a scan.
 */
export function maskTemplates(text: string): MaskResult {
  if (!text.includes('{{')) return { text, masked: false };
  const actions = findTemplateActions(text);
  // 1 = inside an action that prints, 2 = inside a silent one.
  const inAction = new Uint8Array(text.length);
  for (const [s, e] of actions) inAction.fill(isSilentAction(text.slice(s, e)) ? 2 : 1, s, e);

  const n = text.length;
  const parts: string[] = [];
  /** text[copied, …) is still to be copied as it is. */
  let copied = 0;
  const replace = (start: number, end: number, line: string): void => {
    parts.push(text.slice(copied, start), line);
    copied = end;
  };
  // The next line break, `|` and `>` at or after the current line's start (-1: none left); each search moves forward
  // only, so the scan stays linear.
  let nextLf = -2;
  let nextCr = -2;
  let nextBar = -2;
  let nextGt = -2;
  const after = (cached: number, ch: string, from: number): number => (cached === -1 || cached >= from ? cached : text.indexOf(ch, from));
  /** The first action that ends after the current line's start. */
  let a = 0;
  // Block scalar tracking: a line that holds only actions inside a block scalar is content there (the rendered
  // template puts text there); blanking it could make a leading "more-indented empty line", which YAML rejects.
  let blockParent = -1;
  let blockContent = -1;
  let lineStart = 0;
  while (lineStart <= n) {
    nextLf = after(nextLf, '\n', lineStart);
    nextCr = after(nextCr, '\r', lineStart);
    const lineEnd = nextLf < 0 ? (nextCr < 0 ? n : nextCr) : nextCr < 0 ? nextLf : Math.min(nextLf, nextCr);
    while (a < actions.length && actions[a][1] <= lineStart) a++;
    const touched = lineEnd > lineStart && a < actions.length && actions[a][0] < lineEnd;
    let kind: LineKind;
    if (touched) kind = lineKind(text, lineStart, lineEnd, inAction);
    else {
      let i = lineStart;
      while (i < lineEnd && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      kind = i < lineEnd ? 'text' : 'blank';
    }
    const indent = indentOf(text, lineStart, lineEnd);
    if (blockParent >= 0 && (kind === 'text' || kind === 'mixed') && indent <= blockParent) blockParent = -1;
    if (kind === 'actions') {
      const length = lineEnd - lineStart;
      if (blockParent >= 0 && blockContent < 0 && Math.max(indent, blockParent + 1) < length) {
        // The first line of a block scalar: it fixes the content indentation, so it must be content itself (a
        // blank line longer than the content's indentation would be rejected as a leading more-indented line).
        blockContent = Math.max(indent, blockParent + 1);
        replace(lineStart, lineEnd, ' '.repeat(blockContent) + placeholder(length - blockContent));
      } else if (blockParent >= 0 && blockContent >= 0 && indent >= blockContent) {
        replace(lineStart, lineEnd, ' '.repeat(indent) + placeholder(length - indent));
      } else replace(lineStart, lineEnd, blankLine(lineStart, lineEnd));
    } else {
      let line: string | null = null;
      if (kind === 'mixed') {
        line = maskMixedLine(text, lineStart, lineEnd, inAction);
        replace(lineStart, lineEnd, line);
      }
      if (blockParent >= 0 && blockContent < 0 && kind !== 'blank') blockContent = indent;
      // Only a line holding `|` or `>` can be a block scalar header.
      nextBar = after(nextBar, '|', lineStart);
      nextGt = after(nextGt, '>', lineStart);
      if (line !== null || (nextBar >= 0 && nextBar < lineEnd) || (nextGt >= 0 && nextGt < lineEnd)) {
        const head = blockScalarHead(line ?? text.slice(lineStart, lineEnd));
        if (head !== null && /(?::|^\s*-|\s-)$/.test(head)) {
          blockParent = indent;
          blockContent = -1;
        }
      }
    }
    if (lineEnd >= n) break;
    // Keep the line break itself (\n, \r\n or \r).
    let next = lineEnd + 1;
    if (text[lineEnd] === '\r' && text[next] === '\n') next++;
    lineStart = next;
  }
  parts.push(text.slice(copied));
  return { text: parts.join(''), masked: actions.length > 0 };
}

type LineKind = 'blank' | 'text' | 'mixed' | 'actions';

/** `blank`/`text`: no action; `actions`: only actions (and whitespace); `mixed`: actions beside other text. */
function lineKind(text: string, start: number, end: number, inAction: Uint8Array): LineKind {
  let hasAction = false;
  let hasText = false;
  for (let i = start; i < end; i++) {
    if (inAction[i]) hasAction = true;
    else if (text[i] !== ' ' && text[i] !== '\t') hasText = true;
  }
  if (!hasAction) return hasText ? 'text' : 'blank';
  return hasText ? 'mixed' : 'actions';
}

function blankLine(start: number, end: number): string {
  return ' '.repeat(end - start);
}

function maskMixedLine(text: string, start: number, end: number, inAction: Uint8Array): string {
  let line = '';
  let i = start;
  while (i < end) {
    if (!inAction[i]) {
      line += text[i];
      i++;
      continue;
    }
    let j = i;
    while (j < end && inAction[j] === inAction[i]) j++;
    line += inAction[i] === 2 ? ' '.repeat(j - i) : placeholder(j - i);
    i = j;
  }
  return line;
}

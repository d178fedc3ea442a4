// A small POSIX-sh reader for `sh -c "…"` / `bash -c "…"` strings: enough to find the `java` invocations a
// container runs and the options they get. It tokenizes words (single/double quotes, backslashes), expands
// `$VAR`, `${VAR}`, `${VAR:-default}` and friends with word splitting only when unquoted (POSIX XCU 2.6.5), follows
// `NAME=value` assignments, `export`, `exec`, `&&`, `||`, `;`, `|`, `&`, newlines, and nested `sh -c`.
// What it cannot know (command substitution, `$@`, a Secret's value) stays in the words, flagged unresolved.
//
// Every character keeps its source offset (when spelled verbatim) and the reference that produced it, so
// `verbatimSpan` (launch.ts) can point a diagnostic at `-Xmx2g` inside the quoted YAML string.
import { baseName } from '../strings';
import { concatMapped, literal, nestMapped, sliceMapped, type MappedString, type Via } from '../mapped';
import { type EnvEntry } from './launch';

export interface ShellVar {
  /** Null when the value is not known (a Secret, a fieldRef …). */
  value: MappedString | null;
  reason?: string;
  exported: boolean;
  /** The manifest entry the value came from (kept while the script does not change it). */
  entry?: EnvEntry;
}

export type ShellEnv = Map<string, ShellVar>;

/** One simple command as it would run: its expanded argv and the environment it gets. */
export interface ShellCommandRun {
  argv: MappedString[];
  /** The environment passed to the program: exported variables plus `NAME=value` prefixes. */
  env: ShellEnv;
  /** Run with `exec` (replaces the shell: the container's main process). */
  exec: boolean;
  /** Names assigned just for this command (`JAVA_OPTS=… java …`). */
  prefixAssignments: string[];
  /** Wrappers skipped before the program (`exec`, `nohup`, `env`, `gosu user` …). */
  wrappers: string[];
  /** True when it ran inside a nested `sh -c`. */
  nested: boolean;
  /** The variable references expanded for this command's words (also those that expanded to nothing). */
  refs: Via[];
}

export interface ShellResult {
  commands: ShellCommandRun[];
  /** Every variable reference expanded anywhere in the script. */
  refs: Via[];
  /** Constructs read approximately or not at all (here-documents, functions …), for the hover. */
  notes: string[];
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/** If `argv` runs a shell with `-c`, the index of the script argument. */
export function shellScriptIndex(argv: { value: string }[]): number | null {
  if (argv.length < 2) return null;
  let i = 0;
  const first = baseName(argv[0].value);
  if (first === 'busybox' && argv[1] && SHELLS.has(argv[1].value)) i = 1;
  else if (first === 'env' && argv[1] && SHELLS.has(baseName(argv[1].value))) i = 1;
  else if (!SHELLS.has(first)) return null;
  let sawC = false;
  for (let k = i + 1; k < argv.length; k++) {
    const a = argv[k].value;
    if (a === '--') return sawC && k + 1 < argv.length ? k + 1 : null;
    if (a.startsWith('--')) continue; // --login, --norc …
    if ((a.startsWith('-') || a.startsWith('+')) && a.length > 1) {
      // Option letters holding a `c` (`-c`, `-ec`, `+xc`); the first group stops at the first `c` (linear matching).
      if (/^[-+][abd-zA-Z]*c[a-zA-Z]*$/.test(a)) sawC = true;
      if (/^[-+][a-zA-Z]*o$/.test(a)) k++; // `-o pipefail`
      continue;
    }
    return sawC ? k : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

type Seg =
  | { t: 'lit'; m: MappedString; quoted: boolean }
  | { t: 'param'; name: string; op: string | null; word: Seg[] | null; quoted: boolean; start: number; end: number }
  | { t: 'unknown'; quoted: boolean; start: number; end: number; reason: string };

type Tok =
  | { k: 'word'; segs: Seg[]; start: number; end: number }
  | { k: 'op'; op: string }
  | { k: 'redir' };

const OPS = ['&&', '||', ';;', ';', '|', '&', '(', ')'];

class Lexer {
  i = 0;
  notes: string[] = [];
  constructor(readonly s: MappedString) {}

  get v(): string {
    return this.s.value;
  }

  tokens(): Tok[] {
    const out: Tok[] = [];
    const v = this.v;
    while (this.i < v.length) {
      const c = v[this.i];
      if (c === ' ' || c === '\t' || c === '\r') {
        this.i++;
      } else if (c === '\n') {
        out.push({ k: 'op', op: ';' });
        this.i++;
      } else if (c === '\\' && v[this.i + 1] === '\n') {
        this.i += 2;
      } else if (c === '#') {
        while (this.i < v.length && v[this.i] !== '\n') this.i++;
      } else if (c === '<' || c === '>') {
        this.redirect(out);
      } else {
        const op = OPS.find((o) => v.startsWith(o, this.i));
        if (op) {
          out.push({ k: 'op', op });
          this.i += op.length;
        } else {
          const start = this.i;
          const segs = this.word(false, null);
          if (
            (v[this.i] === '<' || v[this.i] === '>') &&
            segs.length === 1 &&
            segs[0].t === 'lit' &&
            !segs[0].quoted &&
            /^\d+$/.test(segs[0].m.value)
          ) {
            // `2>&1`, `1>/dev/null`: a file-descriptor number before a redirection.
            this.redirect(out);
          } else {
            out.push({ k: 'word', segs, start, end: this.i });
          }
        }
      }
    }
    return out;
  }

  redirect(out: Tok[]): void {
    const v = this.v;
    const heredoc = v.startsWith('<<', this.i);
    while (this.i < v.length && /[<>&|-]/.test(v[this.i])) this.i++;
    while (this.i < v.length && (v[this.i] === ' ' || v[this.i] === '\t')) this.i++;
    if (this.i < v.length && !/[\n;&|()]/.test(v[this.i])) this.word(false, null); // the target
    if (heredoc) {
      this.notes.push('a here-document is not read');
      // Skip to the end: the body is data, not commands we can follow.
      this.i = v.length;
    }
    out.push({ k: 'redir' });
  }

  /** Read one word (or, with `until`, the word of `${VAR:-word}` up to the closing brace). */
  word(inDouble: boolean, until: string | null): Seg[] {
    const v = this.v;
    const segs: Seg[] = [];
    let litStart = -1;
    let litChars: number[] = []; // indices into s of literal characters
    let litQuoted = inDouble;
    const flush = (): void => {
      if (litStart >= 0) {
        segs.push({ t: 'lit', m: this.pick(litChars), quoted: litQuoted });
        litStart = -1;
        litChars = [];
      }
    };
    const addLit = (idx: number, quoted: boolean): void => {
      if (litStart >= 0 && litQuoted !== quoted) flush();
      if (litStart < 0) {
        litStart = idx;
        litQuoted = quoted;
      }
      litChars.push(idx);
    };
    while (this.i < v.length) {
      const c = v[this.i];
      if (until !== null && c === until) break;
      if (!inDouble && until === null && (/[ \t\r\n;&|()<>]/.test(c))) break;
      if (c === '\\') {
        const n = v[this.i + 1];
        if (n === undefined) {
          addLit(this.i, inDouble);
          this.i++;
        } else if (n === '\n') {
          this.i += 2;
        } else if (!inDouble || n === '$' || n === '`' || n === '"' || n === '\\') {
          addLit(this.i + 1, true);
          this.i += 2;
        } else {
          addLit(this.i, true);
          addLit(this.i + 1, true);
          this.i += 2;
        }
      } else if (c === "'" && !inDouble) {
        const close = v.indexOf("'", this.i + 1);
        const end = close < 0 ? v.length : close;
        if (litStart >= 0 && !litQuoted) flush();
        if (litStart < 0) {
          litStart = this.i;
          litQuoted = true;
        }
        for (let k = this.i + 1; k < end; k++) litChars.push(k);
        if (end === this.i + 1) {
          // `''` still makes a (possibly empty) quoted word.
          flush();
          segs.push({ t: 'lit', m: literal(''), quoted: true });
        }
        this.i = end + 1;
      } else if (c === '"' && !inDouble) {
        flush();
        this.i++;
        const inner = this.word(true, '"');
        this.i++; // closing quote
        if (inner.length === 0) segs.push({ t: 'lit', m: literal(''), quoted: true });
        segs.push(...inner);
      } else if (c === '"' && inDouble) {
        break;
      } else if (c === '$') {
        flush();
        segs.push(this.dollar(inDouble));
      } else if (c === '`') {
        flush();
        const close = v.indexOf('`', this.i + 1);
        const end = close < 0 ? v.length : close + 1;
        segs.push({ t: 'unknown', quoted: inDouble, start: this.i, end, reason: 'command substitution' });
        this.i = end;
      } else {
        addLit(this.i, inDouble);
        this.i++;
      }
    }
    flush();
    return segs;
  }

  dollar(quoted: boolean): Seg {
    const v = this.v;
    const start = this.i;
    const n = v[this.i + 1];
    if (n === '(') {
      // `$(…)` command substitution or `$((…))` arithmetic: skip to the matching parenthesis.
      let depth = 0;
      let k = this.i + 1;
      for (; k < v.length; k++) {
        if (v[k] === '(') depth++;
        else if (v[k] === ')' && --depth === 0) break;
      }
      this.i = Math.min(k + 1, v.length);
      return {
        t: 'unknown',
        quoted,
        start,
        end: this.i,
        reason: v[start + 2] === '(' ? 'arithmetic expansion' : 'command substitution',
      };
    }
    if (n === '{') {
      const m = /^\$\{(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(v.slice(this.i));
      if (!m) {
        const close = v.indexOf('}', this.i);
        this.i = close < 0 ? v.length : close + 1;
        return { t: 'unknown', quoted, start, end: this.i, reason: 'parameter expansion' };
      }
      this.i += m[0].length;
      const name = m[2];
      if (m[1] === '#' || !/^[A-Za-z_]/.test(name)) {
        const close = v.indexOf('}', this.i);
        this.i = close < 0 ? v.length : close + 1;
        return { t: 'unknown', quoted, start, end: this.i, reason: m[1] === '#' ? 'string length' : 'special parameter' };
      }
      const opm = /^(:?[-=+?])/.exec(v.slice(this.i));
      if (v[this.i] === '}') {
        this.i++;
        return { t: 'param', name, op: null, word: null, quoted, start, end: this.i };
      }
      if (opm) {
        this.i += opm[1].length;
        const word = this.word(quoted, '}');
        this.i++; // `}`
        return { t: 'param', name, op: opm[1], word, quoted, start, end: this.i };
      }
      // `${VAR%pattern}` and other forms we do not evaluate.
      const close = v.indexOf('}', this.i);
      this.i = close < 0 ? v.length : close + 1;
      return { t: 'unknown', quoted, start, end: this.i, reason: 'parameter expansion with a pattern' };
    }
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(v.slice(this.i));
    if (m) {
      this.i += m[0].length;
      return { t: 'param', name: m[1], op: null, word: null, quoted, start, end: this.i };
    }
    if (n !== undefined && /[0-9@*#?$!-]/.test(n)) {
      this.i += 2;
      return { t: 'unknown', quoted, start, end: this.i, reason: 'special parameter' };
    }
    // A lone `$` is literal.
    this.i++;
    return { t: 'lit', m: this.pick([start]), quoted };
  }

  pick(indices: number[]): MappedString {
    return concatMapped(indices.map((k) => sliceMapped(this.s, k, k + 1)));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Expansion

interface Field {
  parts: MappedString[];
  /** A quoted part was seen: the field exists even when empty (`""`). */
  forced: boolean;
}

class Expander {
  refs: Via[] = [];
  constructor(
    readonly src: MappedString,
    readonly vars: ShellEnv,
  ) {}

  /** Expand a word into fields (word splitting applies to unquoted expansions only). */
  fields(segs: Seg[]): MappedString[] {
    const out: MappedString[] = [];
    let cur: Field = { parts: [], forced: false };
    const push = (): void => {
      if (cur.parts.length > 0 || cur.forced) out.push(concatMapped(cur.parts));
      cur = { parts: [], forced: false };
    };
    for (const seg of segs) {
      const { value, split } = this.segValue(seg);
      if (seg.quoted) cur.forced = true;
      if (!split) {
        if (value.value.length > 0) cur.parts.push(value);
        continue;
      }
      let start = 0;
      for (let k = 0; k <= value.value.length; k++) {
        const ws = k < value.value.length && /[ \t\n]/.test(value.value[k]);
        if (k === value.value.length || ws) {
          if (k > start) cur.parts.push(sliceMapped(value, start, k));
          if (ws && (cur.parts.length > 0 || cur.forced)) push();
          start = k + 1;
        }
      }
    }
    push();
    return out;
  }

  /** Expand a word into one string (assignment values, `${VAR:-word}` words): no splitting. */
  joined(segs: Seg[]): MappedString {
    return concatMapped(segs.map((s) => this.segValue(s).value));
  }

  segValue(seg: Seg): { value: MappedString; split: boolean } {
    if (seg.t === 'lit') return { value: seg.m, split: false };
    const refText = this.src.value.slice(seg.start, seg.end);
    const refSpan = spanOf(this.src, seg.start, seg.end);
    if (seg.t === 'unknown') {
      const via: Via = { variable: '', syntax: 'shell', ref: refText, refSpan, resolved: false, reason: `${seg.reason} is not evaluated` };
      this.refs.push(via);
      const kept = sliceMapped(this.src, seg.start, seg.end);
      kept.vias = kept.vias.map(() => via);
      return { value: kept, split: false };
    }
    const v = this.vars.get(seg.name);
    const isSet = v !== undefined;
    const known = v?.value ?? null;
    const empty = known !== null && known.value === '';
    const op = seg.op;
    const colon = op !== null && op.startsWith(':');
    const useWord =
      op === null
        ? false
        : op.endsWith('-') || op.endsWith('=') || op.endsWith('?')
          ? !isSet || (colon && empty)
          : /* + */ isSet && !(colon && empty);
    if (op !== null && (op.endsWith('-') || op.endsWith('=') || op.endsWith('?')) && isSet && known === null) {
      // Set, but to a value we cannot see: whether the default applies is unknown.
      return this.unresolved(seg, refText, refSpan, v?.reason ?? 'its value is not known here');
    }
    if (useWord || (op !== null && op.endsWith('+') && !useWord)) {
      const word = useWord ? this.joined(seg.word ?? []) : literal('');
      if (useWord && op !== null && op.endsWith('=')) this.vars.set(seg.name, { value: word, exported: v?.exported ?? false });
      const via: Via = { variable: seg.name, syntax: 'shell', ref: refText, refSpan, resolved: true };
      const nested = nestMapped(word, via);
      this.refs.push(...nested.refs);
      return { value: { ...nested, refs: [] }, split: !seg.quoted };
    }
    if (!isSet) {
      const via: Via = { variable: seg.name, syntax: 'shell', ref: refText, refSpan, resolved: true };
      this.refs.push(via);
      return { value: literal(''), split: !seg.quoted };
    }
    if (known === null) return this.unresolved(seg, refText, refSpan, v?.reason ?? 'its value is not known here');
    const via: Via = { variable: seg.name, syntax: 'shell', ref: refText, refSpan, resolved: true };
    const nested = nestMapped(known, via);
    this.refs.push(...nested.refs);
    return { value: { ...nested, refs: [] }, split: !seg.quoted };
  }

  unresolved(seg: Seg & { start: number; end: number }, refText: string, refSpan: [number, number] | null, reason: string) {
    const name = seg.t === 'param' ? seg.name : '';
    const via: Via = { variable: name, syntax: 'shell', ref: refText, refSpan, resolved: false, reason };
    this.refs.push(via);
    const kept = sliceMapped(this.src, seg.start, seg.end);
    kept.vias = kept.vias.map(() => via);
    return { value: kept, split: false };
  }
}

function spanOf(m: MappedString, start: number, end: number): [number, number] | null {
  const first = m.offsets[start];
  if (first == null) return null;
  for (let i = start; i < end; i++) if (m.offsets[i] !== first + (i - start)) return null;
  return [first, first + (end - start)];
}

// ---------------------------------------------------------------------------------------------------------------
// Commands

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time']);
const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** Run a shell script (as far as finding programs goes) with the container's environment. */
export function runShell(script: MappedString, env: ShellEnv, depth = 0): ShellResult {
  const lexer = new Lexer(script);
  const toks = lexer.tokens();
  const vars: ShellEnv = new Map();
  for (const [k, v] of env) vars.set(k, { ...v });
  const ex = new Expander(script, vars);
  const result: ShellResult = { commands: [], refs: [], notes: lexer.notes };

  let words: Extract<Tok, { k: 'word' }>[] = [];
  const flush = (): void => {
    if (words.length > 0) runSimple(words, vars, ex, result, depth);
    words = [];
  };
  for (const t of toks) {
    if (t.k === 'word') words.push(t);
    else if (t.k === 'op') flush();
  }
  flush();
  result.refs.unshift(...ex.refs);
  return result;
}

function runSimple(
  words: Extract<Tok, { k: 'word' }>[],
  vars: ShellEnv,
  ex: Expander,
  result: ShellResult,
  depth: number,
): void {
  let i = 0;
  // Reserved words in command position (`then java …`).
  while (i < words.length && isPlainWord(words[i]) && KEYWORDS.has(plainText(words[i]))) i++;
  const prefixes: { name: string; value: MappedString }[] = [];
  while (i < words.length) {
    const a = assignmentOf(words[i], ex);
    if (!a) break;
    prefixes.push(a);
    i++;
  }
  if (i >= words.length) {
    // Only assignments: they set shell variables (exported if already in the environment).
    for (const p of prefixes) vars.set(p.name, { value: p.value, exported: vars.get(p.name)?.exported ?? false });
    return;
  }
  const first = isPlainWord(words[i]) ? plainText(words[i]) : null;
  if (first === 'export' || first === 'readonly' || first === 'local' || first === 'declare' || first === 'typeset') {
    for (const p of prefixes) vars.set(p.name, { value: p.value, exported: vars.get(p.name)?.exported ?? false });
    for (let k = i + 1; k < words.length; k++) {
      const a = assignmentOf(words[k], ex);
      const exported = first === 'export' || vars.get(a?.name ?? '')?.exported === true;
      if (a) vars.set(a.name, { value: a.value, exported });
      else if (isPlainWord(words[k])) {
        const name = plainText(words[k]);
        const cur = vars.get(name);
        // `export X` marks an existing variable for the environment (an unset one stays unset).
        if (first === 'export' && cur) vars.set(name, { ...cur, exported: true });
      }
    }
    return;
  }
  if (first === 'unset') {
    for (let k = i + 1; k < words.length; k++) if (isPlainWord(words[k])) vars.delete(plainText(words[k]));
    return;
  }
  if (first === 'function' || (words[i + 1] && isPlainWord(words[i + 1]) && plainText(words[i + 1]).startsWith('()'))) {
    result.notes.push('shell functions are not followed');
    return;
  }

  const refsBefore = ex.refs.length;
  let argv: MappedString[] = [];
  for (let k = i; k < words.length; k++) argv.push(...ex.fields(words[k].segs));
  const cmdRefs = ex.refs.slice(refsBefore);

  const env: ShellEnv = new Map();
  for (const [k, v] of vars) if (v.exported) env.set(k, v);
  for (const p of prefixes) env.set(p.name, { value: p.value, exported: true });

  // Wrappers that run their arguments as the program.
  const wrappers: string[] = [];
  let exec = false;
  for (;;) {
    if (argv.length === 0) return;
    const w = baseName(argv[0].value);
    if (w === 'exec') {
      exec = true;
      wrappers.push(w);
      argv = argv.slice(1);
      while (argv[0] && /^-[cl]+$/.test(argv[0].value)) argv = argv.slice(1);
      continue;
    }
    if (w === 'nohup' || w === 'command' || w === 'nice' || w === 'setsid') {
      wrappers.push(w);
      argv = argv.slice(1);
      if (w === 'nice' && argv[0]?.value === '-n') argv = argv.slice(2);
      continue;
    }
    if (w === 'tini' || w === 'dumb-init' || w === 'catatonit') {
      wrappers.push(w);
      argv = argv.slice(1);
      while (argv[0] && argv[0].value.startsWith('-')) {
        const done = argv[0].value === '--';
        argv = argv.slice(1);
        if (done) break;
      }
      continue;
    }
    if (w === 'gosu' || w === 'su-exec') {
      wrappers.push(w);
      argv = argv.slice(2);
      continue;
    }
    if (w === 'env') {
      wrappers.push(w);
      argv = argv.slice(1);
      while (argv[0]) {
        const a = argv[0].value;
        const m = ASSIGN.exec(a);
        if (m) {
          env.set(m[1], { value: sliceMapped(argv[0], m[0].length, a.length), exported: true });
        } else if (a === '-i' || a === '-') {
          env.clear();
        } else if (a === '-u') {
          argv = argv.slice(1);
          if (argv[0]) env.delete(argv[0].value);
        } else if (!a.startsWith('-')) break;
        argv = argv.slice(1);
      }
      continue;
    }
    break;
  }
  if (argv.length === 0) return;

  const cmd: ShellCommandRun = {
    argv,
    env,
    exec,
    prefixAssignments: prefixes.map((p) => p.name),
    wrappers,
    nested: depth > 0,
    refs: cmdRefs,
  };
  result.commands.push(cmd);

  // A nested `sh -c '…'`: follow it with the environment it gets.
  const si = shellScriptIndex(argv);
  if (si !== null && depth < 4) {
    const nestedEnv: ShellEnv = new Map();
    for (const [k, v] of env) nestedEnv.set(k, { ...v, exported: true });
    const inner = runShell(argv[si], nestedEnv, depth + 1);
    for (const c of inner.commands) c.exec = c.exec || (exec && inner.commands.length === 1);
    result.commands.push(...inner.commands);
    result.refs.push(...inner.refs);
    result.notes.push(...inner.notes);
  }
}

function isPlainWord(w: Extract<Tok, { k: 'word' }>): boolean {
  return w.segs.every((s) => s.t === 'lit' && !s.quoted);
}

function plainText(w: Extract<Tok, { k: 'word' }>): string {
  return w.segs.map((s) => (s.t === 'lit' ? s.m.value : '')).join('');
}

function assignmentOf(w: Extract<Tok, { k: 'word' }>, ex: Expander): { name: string; value: MappedString } | null {
  const first = w.segs[0];
  if (!first || first.t !== 'lit' || first.quoted) return null;
  const m = ASSIGN.exec(first.m.value);
  if (!m) return null;
  const rest: Seg[] = [{ t: 'lit', m: sliceMapped(first.m, m[0].length, first.m.value.length), quoted: false }, ...w.segs.slice(1)];
  // Assignment values are expanded but not split into fields (POSIX XCU 2.9.1).
  return { name: m[1], value: ex.joined(rest) };
}

// Variable substitution the way the Dockerfile builder does it for ENV, ARG, FROM, WORKDIR, LABEL, … — not the
// shell's: BuildKit's own word lexer (moby/buildkit frontend/dockerfile/shell/lex.go, `ProcessWord`). Quotes are
// removed, `'…'` is literal, inside `"…"` the escape character only escapes `"`, `$` and itself, outside quotes it
// escapes any character, and `$VAR`, `${VAR}`, `${VAR:-w}`, `${VAR-w}`, `${VAR:+w}`, `${VAR+w}`, `${VAR:?w}`,
// `${VAR?w}`, `${VAR#p}`, `${VAR##p}`, `${VAR%p}`, `${VAR%%p}` expand. An unset variable expands to the empty
// string (BuildKit warns "UndefinedVar"); we record its name so callers know the value depends on a build argument
// or the base image.

/** Returns the variable's value, or undefined when it is not set. */
export type Lookup = (name: string) => string | undefined;

export interface ExpandResult {
  value: string;
  /** Variables that were read but not set (in the order first met). */
  unresolved: string[];
  /** What the builder would reject (`bad substitution`, an unterminated quote, `${X:?msg}` with X unset). */
  error: string | null;
}

class Lexer {
  private pos = 0;
  readonly unresolved: string[] = [];
  error: string | null = null;

  constructor(
    private readonly src: string,
    private readonly lookup: Lookup,
    private readonly escape: string,
  ) {}

  private peek(): string | undefined {
    return this.pos < this.src.length ? this.src[this.pos] : undefined;
  }

  private next(): string | undefined {
    return this.pos < this.src.length ? this.src[this.pos++] : undefined;
  }

  private fail(message: string): void {
    if (this.error === null) this.error = message;
  }

  private get(name: string): string | undefined {
    const v = this.lookup(name);
    if (v === undefined && !this.unresolved.includes(name)) this.unresolved.push(name);
    return v;
  }

  /** lex.go `processStopOn`: reads up to `stop` (consumed) or the end. */
  word(stop?: string): string {
    let out = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) {
        if (stop !== undefined) this.fail(`unexpected end of statement while looking for matching ${stop}`);
        return out;
      }
      if (stop !== undefined && ch === stop) {
        this.pos++;
        return out;
      }
      if (ch === "'") out += this.singleQuote();
      else if (ch === '"') out += this.doubleQuote();
      else if (ch === '$') out += this.dollar();
      else {
        this.pos++;
        if (ch === this.escape) {
          const n = this.next();
          // An escape character at the very end is dropped.
          if (n === undefined) return out;
          out += n;
        } else out += ch;
      }
    }
  }

  private singleQuote(): string {
    this.pos++;
    const end = this.src.indexOf("'", this.pos);
    if (end < 0) {
      this.fail('unexpected end of statement while looking for matching single-quote');
      const rest = this.src.slice(this.pos);
      this.pos = this.src.length;
      return rest;
    }
    const s = this.src.slice(this.pos, end);
    this.pos = end + 1;
    return s;
  }

  private doubleQuote(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) {
        this.fail('unexpected end of statement while looking for matching double-quote');
        return out;
      }
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch === '$') {
        out += this.dollar();
        continue;
      }
      this.pos++;
      if (ch === this.escape) {
        const n = this.peek();
        if (n === undefined) continue;
        if (n === '"' || n === '$' || n === this.escape) {
          this.pos++;
          out += n;
          continue;
        }
      }
      out += ch;
    }
  }

  private name(): string {
    let name = '';
    const first = this.peek();
    if (first !== undefined && /[0-9]/.test(first)) {
      while (this.peek() !== undefined && /[0-9]/.test(this.peek()!)) name += this.next();
      return name;
    }
    if (first !== undefined && '*#@?$!-'.includes(first)) return this.next()!;
    while (this.peek() !== undefined && /[\p{L}\p{N}_]/u.test(this.peek()!)) name += this.next();
    return name;
  }

  /** A nested word whose unresolved variables only count when the word is used. */
  private subWord(): { value: string; unresolved: string[] } {
    const saved = this.unresolved.length;
    const value = this.word('}');
    const unresolved = this.unresolved.splice(saved);
    return { value, unresolved };
  }

  private use(unresolved: string[]): void {
    for (const n of unresolved) if (!this.unresolved.includes(n)) this.unresolved.push(n);
  }

  private dollar(): string {
    this.pos++; // `$`
    if (this.peek() !== '{') {
      const name = this.name();
      if (name === '') return '$';
      return this.get(name) ?? '';
    }
    this.pos++; // `{`
    const c = this.peek();
    if (c === undefined) {
      this.fail("syntax error: missing '}'");
      return '';
    }
    if (c === '{' || c === '}' || c === ':') {
      this.fail('syntax error: bad substitution');
      this.word('}');
      return '';
    }
    const name = this.name();
    const op = this.next();
    const raw = this.lookup(name);
    const set = raw !== undefined;
    const value = raw ?? '';
    switch (op) {
      case '}':
        return this.get(name) ?? '';
      case ':': {
        const modifier = this.next();
        const w = this.subWord();
        if (!set) this.get(name);
        if (modifier === '-') {
          if (!set || value === '') {
            this.use(w.unresolved);
            return w.value;
          }
          return value;
        }
        if (modifier === '+') {
          if (set && value !== '') {
            this.use(w.unresolved);
            return w.value;
          }
          return '';
        }
        if (modifier === '?') {
          if (!set || value === '') this.fail(`${name}: ${w.value || 'is not allowed to be unset'}`);
          return value;
        }
        this.fail(`unsupported modifier (${modifier ?? ''}) in substitution`);
        return value;
      }
      case '-':
      case '+':
      case '?': {
        const w = this.subWord();
        if (!set) this.get(name);
        if (op === '-') {
          if (!set) {
            this.use(w.unresolved);
            return w.value;
          }
          return value;
        }
        if (op === '+') {
          if (set) {
            this.use(w.unresolved);
            return w.value;
          }
          return '';
        }
        if (!set) this.fail(`${name}: ${w.value || 'is not allowed to be unset'}`);
        return value;
      }
      case '#':
      case '%': {
        const longest = this.peek() === op;
        if (longest) this.pos++;
        const w = this.subWord();
        if (!set) this.get(name);
        this.use(w.unresolved);
        return trimPattern(value, w.value, op === '#' ? 'prefix' : 'suffix', longest);
      }
      default:
        // `${VAR/pattern/replacement}` and anything else: we do not model it; keep the value and say so.
        this.fail(`unsupported modifier (${op ?? ''}) in substitution`);
        this.word('}');
        if (!set) this.get(name);
        return value;
    }
  }
}

function globToRegExp(glob: string): string {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return re;
}

function trimPattern(value: string, pattern: string, side: 'prefix' | 'suffix', longest: boolean): string {
  const re = new RegExp(`^(?:${globToRegExp(pattern)})$`, 's');
  if (side === 'prefix') {
    const lengths = [...Array(value.length + 1).keys()];
    if (longest) lengths.reverse();
    for (const n of lengths) if (re.test(value.slice(0, n))) return value.slice(n);
  } else {
    const starts = [...Array(value.length + 1).keys()];
    if (!longest) starts.reverse();
    for (const s of starts) if (re.test(value.slice(s))) return value.slice(0, s);
  }
  return value;
}

/** Expands one word as the Dockerfile builder does (see the file comment). Never throws. */
export function expandWord(src: string, lookup: Lookup, escape = '\\'): ExpandResult {
  const lexer = new Lexer(src, lookup, escape);
  let value = '';
  try {
    value = lexer.word();
  } catch (e) {
    lexer.error = lexer.error ?? String(e);
  }
  return { value, unresolved: lexer.unresolved, error: lexer.error };
}

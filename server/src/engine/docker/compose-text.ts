

export type SizeResult = { bytes: bigint } | { error: string };

const BINARY: Record<string, bigint> = {
  k: 1024n,
  m: 1024n ** 2n,
  g: 1024n ** 3n,
  t: 1024n ** 4n,
  p: 1024n ** 5n,
};

// Go `strconv.ParseFloat` syntax: decimal with optional exponent, or a hexadecimal mantissa with a `p` exponent.
// Written so that no two parts can match the same text (linear matching, test/robustness/redos.test.ts): the
// fraction needs its point (digits run straight on from the integer part otherwise, so `\.?` added nothing), and
// a hexadecimal mantissa without a point is one run of digits and `_`.
const GO_DECIMAL = /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+)?$/;
const GO_HEX = /^[+-]?0[xX](?:[0-9a-fA-F_]*|(?:_?[0-9a-fA-F])*\.[0-9a-fA-F_]*)[pP][+-]?\d+$/;
const GO_HEX_PARTS = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/;

function goParseFloat(s: string): number | null {
  if (GO_DECIMAL.test(s)) {
    // Go accepts `_` between digits only after a base prefix.
    if (s.includes('_')) return null;
    const v = Number(s);
    return Number.isFinite(v) ? v : null; // out of range → ErrRange
  }
  if (GO_HEX.test(s)) {
    const m = GO_HEX_PARTS.exec(s.replace(/_/g, ''));
    if (!m) return null;
    const frac = m[3] ?? '';
    if (m[2] === '' && frac === '') return null;
    const mant = parseInt(m[2] || '0', 16) + (frac ? parseInt(frac, 16) / 16 ** frac.length : 0);
    const v = (m[1] === '-' ? -1 : 1) * mant * 2 ** Number(m[4]);
    return Number.isFinite(v) ? v : null;
  }
  return null;
}

const INT64_LIMIT = 2 ** 63;

/**
 * docker/go-units `RAMInBytes` (size.go `parseSize` with `binaryMap`, v0.5.0 and later): the number is everything
 * up to the last digit, `.` or space (one space may separate it from the unit); it is parsed as a float and must
 * not be negative; the unit is `b`, or `k`/`m`/`g`/`t`/`p` optionally followed by `b` or `ib`, case-insensitive,
 * all binary (×1024); a bare number is bytes; the result is truncated to an integer (`int64(size)`).
 * So `500m` = 500 MiB, `1gb` = 1 GiB, `1.5g` = 1610612736, `0.1k` = 102 (REFERENCE.md §6.1).
 */
export function ramInBytes(size: string): SizeResult {
  let sep = -1;
  for (let i = size.length - 1; i >= 0; i--) {
    if ('0123456789. '.includes(size[i])) {
      sep = i;
      break;
    }
  }
  if (sep < 0) return { error: `invalid size: '${size}'` };
  const num = size[sep] === ' ' ? size.slice(0, sep) : size.slice(0, sep + 1);
  let sfx = size.slice(sep + 1);
  const value = goParseFloat(num);
  if (value === null) return { error: `invalid size: '${size}'` };
  if (value < 0) return { error: `invalid size: '${size}'` };
  let scaled = value;
  if (sfx.length > 0) {
    if (sfx.length > 3) return { error: `invalid suffix: '${sfx}'` };
    sfx = sfx.toLowerCase();
    if (sfx[0] === 'b') {
      if (sfx.length > 1) return { error: `invalid suffix: '${sfx}'` };
    } else {
      const mul = BINARY[sfx[0]];
      if (mul === undefined) return { error: `invalid suffix: '${sfx}'` };
      if ((sfx.length === 2 && sfx[1] !== 'b') || (sfx.length === 3 && sfx.slice(1) !== 'ib')) {
        return { error: `invalid suffix: '${sfx}'` };
      }
      // Go multiplies in float64, as we do here, so fractions round the same way before truncation.
      scaled = value * Number(mul);
    }
  }
  if (scaled >= INT64_LIMIT) return { error: `size out of range: '${size}'` };
  return { bytes: BigInt(Math.trunc(scaled)) };
}

export interface InterpolateResult {
  value: string;
  /** Every variable referenced. */
  vars: string[];
  /** Variables whose value decided the result but are not known (no value given and no default used). */
  unresolved: string[];
  error: string | null;
}

/**
 * compose-go interpolation: `$$` is a literal `$`; `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`,
 * `${NAME:+alt}`, `${NAME+alt}`, `${NAME:?err}`, `${NAME?err}` (defaults may nest). Values come from `env` (the
 * host environment / `.env`, unknown to the engine unless given); an unknown variable counts as unset, so a
 * default applies — the value a fresh shell without those variables would get.
 */
export function interpolate(text: string, env: Record<string, string> = {}): InterpolateResult {
  const vars: string[] = [];
  const unresolved: string[] = [];
  let error: string | null = null;
  const note = (list: string[], n: string) => {
    if (!list.includes(n)) list.push(n);
  };
  const get = (n: string): string | undefined => (Object.prototype.hasOwnProperty.call(env, n) ? env[n] : undefined);

  // Returns [value, index after].
  const expand = (s: string, i: number, stopAtBrace: boolean): [string, number] => {
    let out = '';
    while (i < s.length) {
      const ch = s[i];
      if (stopAtBrace && ch === '}') return [out, i];
      if (ch !== '$') {
        out += ch;
        i++;
        continue;
      }
      const n = s[i + 1];
      if (n === '$') {
        out += '$';
        i += 2;
        continue;
      }
      const named = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(s.slice(i + 1));
      if (named) {
        const name = named[0];
        note(vars, name);
        const v = get(name);
        if (v === undefined) note(unresolved, name);
        out += v ?? '';
        i += 1 + name.length;
        continue;
      }
      if (n !== '{') {
        // compose-go rejects a lone `$` followed by something else ("invalid interpolation format").
        error ??= `invalid interpolation format for "${s}"`;
        out += '$';
        i++;
        continue;
      }
      const braced = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(s.slice(i + 2));
      if (!braced) {
        error ??= `invalid interpolation format for "${s}"`;
        return [out + s.slice(i), s.length];
      }
      const name = braced[0];
      note(vars, name);
      let j = i + 2 + name.length;
      const v = get(name);
      if (s[j] === '}') {
        if (v === undefined) note(unresolved, name);
        out += v ?? '';
        i = j + 1;
        continue;
      }
      const colon = s[j] === ':';
      if (colon) j++;
      const op = s[j];
      if (op !== '-' && op !== '+' && op !== '?') {
        error ??= `invalid interpolation format for "${s}"`;
        return [out + s.slice(i), s.length];
      }
      const savedUnresolved = unresolved.length;
      const [word, end] = expand(s, j + 1, true);
      const wordUnresolved = unresolved.splice(savedUnresolved);
      if (s[end] !== '}') {
        error ??= `invalid interpolation format for "${s}"`;
        return [out + word, s.length];
      }
      i = end + 1;
      const set = v !== undefined && (!colon || v !== '');
      if (op === '-') {
        if (set) out += v;
        else {
          out += word;
          wordUnresolved.forEach((w) => note(unresolved, w));
        }
      } else if (op === '+') {
        if (v === undefined) note(unresolved, name);
        if (set) {
          out += word;
          wordUnresolved.forEach((w) => note(unresolved, w));
        }
      } else {
        if (!set) {
          note(unresolved, name);
          if (v !== undefined) error ??= `required variable ${name} is missing a value: ${word}`;
        }
        out += v ?? '';
      }
    }
    return [out, i];
  };

  const [value] = expand(text, 0, false);
  return { value, vars, unresolved, error };
}

export interface ShellWord {
  value: string;
  /** [start, end) in the input string: from the word's first to its last character, quotes included. */
  start: number;
  end: number;
}

export interface ShellWordsResult {
  words: ShellWord[];
  /** go-shellwords stops at `;`, `&`, `|`, `<`, `>` outside quotes and drops the rest (compose ignores it). */
  stoppedAt: number | null;
  error: string | null;
}

/**
 * github.com/mattn/go-shellwords `Parser.Parse` with compose's settings (no env or backtick expansion): words split
 * on blanks; `'…'` literal; `"…"` keeps blanks; a backslash escapes any next character outside single quotes;
 * `(` outside quotes that does not follow `$` is an error.
 */
export function shellWords(line: string): ShellWordsResult {
  const words: ShellWord[] = [];
  let buf = '';
  let escaped = false;
  let dq = false;
  let sq = false;
  let bq = false;
  let dollar = false;
  let got = false;
  let start = -1;
  let stoppedAt: number | null = null;
  const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  const begin = (i: number) => {
    if (start < 0) start = i;
  };
  let i = 0;
  for (; i < line.length; i++) {
    const r = line[i];
    if (escaped) {
      buf += r;
      escaped = false;
      got = true;
      continue;
    }
    if (r === '\\') {
      begin(i);
      if (sq) buf += r;
      else escaped = true;
      continue;
    }
    if (isSpace(r)) {
      if (sq || dq || bq || dollar) buf += r;
      else if (got) {
        words.push({ value: buf, start, end: i });
        buf = '';
        got = false;
        start = -1;
      }
      continue;
    }
    let literal = true;
    switch (r) {
      case '`':
        if (!sq && !dq && !dollar) bq = !bq;
        break;
      case ')':
        if (!sq && !dq && !bq && dollar) dollar = false;
        break;
      case '(':
        if (!sq && !dq && !bq) {
          if (!dollar && buf.endsWith('$')) dollar = true;
          else return { words, stoppedAt: null, error: 'invalid command line string' };
        }
        break;
      case '"':
        if (!sq && !dollar) {
          begin(i);
          if (dq) got = true;
          dq = !dq;
          literal = false;
        }
        break;
      case "'":
        if (!dq && !dollar) {
          begin(i);
          if (sq) got = true;
          sq = !sq;
          literal = false;
        }
        break;
      case ';':
      case '&':
      case '|':
      case '<':
      case '>':
        if (!(sq || dq || bq || dollar)) {
          stoppedAt = i;
          // go-shellwords: `2>` — a digit word right before `>` belongs to the redirection, not the command.
          if (r === '>' && buf.length > 0 && /[0-9]/.test(buf[0])) {
            buf = '';
            got = false;
            start = -1;
          }
          i = line.length;
          literal = false;
        }
        break;
    }
    if (!literal) {
      if (stoppedAt !== null) break;
      continue;
    }
    begin(i);
    got = true;
    buf += r;
  }
  if (got) words.push({ value: buf, start, end: stoppedAt ?? line.length });
  if (escaped || sq || dq || bq || dollar) return { words: [], stoppedAt, error: 'invalid command line string' };
  // Trim each word's end to its last non-blank character (the end above may include blanks before a stop).
  for (const w of words) while (w.end > w.start && isSpace(line[w.end - 1])) w.end--;
  return { words, stoppedAt, error: null };
}

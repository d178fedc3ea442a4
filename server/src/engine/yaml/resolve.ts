// Typing of plain scalars as Kubernetes sees them: sigs.k8s.io/yaml decodes with its fork of go-yaml v2, whose
// YAML 1.1 resolver (resolve.go) decides before apimachinery ever sees a quantity (REFERENCE.md §1.5 "YAML first",
// §6.3). The `yaml` library's own 1.1 schema differs in details (`0o10`, `y`/`n`, `08`), so the rules are here.

export interface Resolved {
  value: string | number | bigint | boolean | null;
  numberType?: 'int' | 'float';
}

// go-yaml v2 resolve.go resolveMapList.
const MAP = new Map<string, Resolved>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) MAP.set(s, { value: true });
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])
  MAP.set(s, { value: false });
for (const s of ['', '~', 'null', 'Null', 'NULL']) MAP.set(s, { value: null });
for (const s of ['.nan', '.NaN', '.NAN']) MAP.set(s, { value: NaN, numberType: 'float' });
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'])
  MAP.set(s, { value: Infinity, numberType: 'float' });
for (const s of ['-.inf', '-.Inf', '-.INF']) MAP.set(s, { value: -Infinity, numberType: 'float' });

// go-yaml v2 resolve.go yamlStyleFloat.
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
// strconv.ParseInt(s, 0, 64) syntax (underscores are already gone): sign, then 0x / 0b / 0o / leading-0 octal / decimal.
const GO_INT = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[bB]([01]+)|0[oO]([0-7]+)|0([0-7]*)|([1-9][0-9]*))$/;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** strconv.ParseInt(s, 0, 64) then ParseUint(s, 0, 64) as resolve.go tries them; null when neither accepts. */
function goParseInteger(s: string): bigint | null {
  const m = GO_INT.exec(s);
  if (!m) return null;
  const [, sign, hex, bin, oct, leadingZeroOct, dec] = m;
  let magnitude: bigint;
  if (hex !== undefined) magnitude = BigInt('0x' + hex);
  else if (bin !== undefined) magnitude = BigInt('0b' + bin);
  else if (oct !== undefined) magnitude = BigInt('0o' + oct);
  else if (leadingZeroOct !== undefined) magnitude = leadingZeroOct === '' ? 0n : BigInt('0o' + leadingZeroOct);
  else magnitude = BigInt(dec);
  const v = sign === '-' ? -magnitude : magnitude;
  if (v >= INT64_MIN && v <= INT64_MAX) return v;
  // ParseUint takes no sign at all.
  if (sign === '' && v <= UINT64_MAX) return v;
  return null;
}

/** strconv.ParseFloat(s, 64) for the decimal forms resolve.go lets through: null when out of range. */
function goParseFloat(s: string): number | null {
  if (!/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return null;
  const v = Number(s);
  // Go reports ErrRange for ±Inf (and resolve.go then keeps the string); underflow to 0 is not an error.
  return Number.isFinite(v) ? v : null;
}

function intResult(v: bigint): Resolved {
  const safe = v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER);
  return { value: safe ? Number(v) : v, numberType: 'int' };
}

/**
 * Types an untagged plain scalar as go-yaml v2 does. Timestamps (`2001-12-14`) stay strings: go-yaml makes them
 * time values, which only matters to fields that are strings anyway.
 */
export function resolvePlain(text: string): Resolved {
  const known = MAP.get(text);
  if (known) return known;
  const c = text.charCodeAt(0);
  if (c === 46 /* . */) {
    const f = goParseFloat(text);
    return f === null ? { value: text } : { value: f, numberType: 'float' };
  }
  const digit = c >= 48 && c <= 57;
  if (digit || c === 43 /* + */ || c === 45 /* - */) {
    const plain = text.includes('_') ? text.replace(/_/g, '') : text;
    const i = goParseInteger(plain);
    if (i !== null) return intResult(i);
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = goParseFloat(plain);
      if (f !== null) return { value: f, numberType: 'float' };
    }
  }
  return { value: text };
}

/**
 * A scalar with an explicit standard tag: `!!str` keeps the text; `!!int`/`!!float`/`!!bool`/`!!null` resolve it
 * (go-yaml resolves the text whatever its quoting; an int under `!!float` becomes a float). Other tags: the text.
 */
export function resolveTagged(text: string, tag: string): Resolved {
  switch (tag) {
    case '!!int':
    case '!!bool':
    case '!!null':
      return resolvePlain(text);
    case '!!float': {
      const r = resolvePlain(text);
      if (r.numberType === 'int') return { value: Number(r.value), numberType: 'float' };
      return r;
    }
    default:
      return { value: text };
  }
}

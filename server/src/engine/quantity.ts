// Kubernetes resource.Quantity, exact: the parser, `Value()` and `MilliValue()` as apimachinery computes them,
// including its rounding and its int64 overflow. Source: kubernetes/apimachinery pkg/api/resource/quantity.go,
// suffix.go, amount.go, math.go, scale_int.go (REFERENCE.md §1.5, whose table the tests assert row by row).
// Go's int64 and int32 arithmetic is emulated with BigInt.asIntN so that wrapping happens exactly where Go wraps.
import { BINARY_SUFFIXES } from './bytes';

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The text that was parsed (after the manifest path's TrimSpace). */
  text: string;
  format: QuantityFormat;
  /** `Value()`: int64 semantics exactly as Go (rounded up away from zero, overflow wraps as Go does). */
  value: bigint;
  /** `MilliValue()`: int64 semantics exactly as Go. */
  milliValue: bigint;
  /** The suffix as written (`Mi`, `m`, `e3`, `` ``). */
  suffix: string;
  /**
   * The exact number the Quantity holds: `unscaled × 10^exponent`, after the parser's round-up to nano and the
   * BinarySI cap at 2^63−1. Use it (through `compareQuantities`) for numeric comparisons: `500m` equals `0.5`.
   */
  amount: { unscaled: bigint; exponent: number };
}

export type QuantityErrorReason = 'empty' | 'format' | 'suffix' | 'numeric';

export type QuantityResult =
  | { ok: true; quantity: Quantity }
  | {
      ok: false;
      /** A short human reason, e.g. "unknown suffix `GB`". */
      error: string;
      /** Which of apimachinery's errors this is: ErrFormatWrong (`format`), ErrSuffix, ErrNumeric. */
      reason: QuantityErrorReason;
    };

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

const i64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const i32 = (x: number): number => Number(BigInt.asIntN(32, BigInt(x)));

/** Powers of ten, cached: the hot paths only ever need small ones. */
const POW10: bigint[] = [];
export function pow10(n: number): bigint {
  if (n < 64) {
    let p = POW10[n];
    if (p === undefined) {
      p = 10n ** BigInt(n);
      POW10[n] = p;
    }
    return p;
  }
  return 10n ** BigInt(n);
}

// ---------------------------------------------------------------------------------------------------------------
// math.go (the version REFERENCE §1.5 was measured with: overflow yields a wrapped value or 0, never saturation)

/** int64MultiplyScale: a*b for b > 1, false on overflow; the wrapped product is still returned. */
function int64MultiplyScale(a: bigint, b: bigint): [bigint, boolean] {
  if (a === 0n || a === 1n) return [i64(a * b), true];
  if (a === INT64_MIN && b !== 1n) return [0n, false];
  const c = i64(a * b);
  return [c, c / b === a];
}

function int64Multiply(a: bigint, b: bigint): [bigint, boolean] {
  if (a === 0n || b === 0n || a === 1n || b === 1n) return [i64(a * b), true];
  if (a === INT64_MIN || b === INT64_MIN) return [0n, false];
  const c = i64(a * b);
  return [c, c / b === a];
}

/** positiveScaleInt64: base × 10^scale; the generic case returns 0 on overflow, the constant cases wrap. */
function positiveScaleInt64(base: bigint, scale: number): [bigint, boolean] {
  switch (scale) {
    case 0:
      return [base, true];
    case 1:
      return int64MultiplyScale(base, 10n);
    case 2:
      return int64MultiplyScale(base, 100n);
    case 3:
      return int64MultiplyScale(base, 1000n);
    case 6:
      return int64MultiplyScale(base, 1000000n);
    case 9:
      return int64MultiplyScale(base, 1000000000n);
    default: {
      // Go loops `scale` times; a zero base stays zero (Go would spin up to 2^31 times to find that out), any
      // other base overflows within 19 steps, so the loop below is bounded.
      if (base === 0n) return [0n, true];
      let value = base;
      for (let i = 0; i < scale; i++) {
        const [v, ok] = int64MultiplyScale(value, 10n);
        if (!ok) return [0n, false];
        value = v;
      }
      return [value, true];
    }
  }
}

/** negativeScaleInt64: base / 10^scale rounded away from zero; stops as soon as the value reaches zero. */
function negativeScaleInt64(base: bigint, scale: number): [bigint, boolean] {
  if (scale === 0) return [base, true];
  let value = base;
  let fraction = false;
  for (let i = 0; i < scale; i++) {
    if (!fraction && value % 10n !== 0n) fraction = true;
    value = value / 10n;
    if (value === 0n) {
      if (fraction) return [base > 0n ? 1n : -1n, false];
      return [0n, true];
    }
  }
  if (fraction) value = base > 0n ? value + 1n : value - 1n;
  return [i64(value), !fraction];
}

/** int64Amount.AsScaledInt64 (amount.go before saturation was introduced): scale differences wrap as int32. */
function asScaledInt64(value: bigint, scale: number, target: number): bigint {
  if (scale < target) return negativeScaleInt64(value, i32(target - scale))[0];
  return positiveScaleInt64(value, i32(scale - target))[0];
}

/** scaled_int.go scaledValue: `scale`/`newScale` are inf.Dec scales (digits after the point). */
function scaledValue(unscaled: bigint, scale: number, newScale: number): bigint {
  const dif = scale - newScale;
  if (dif === 0) return i64(unscaled);
  if (dif < 0) return i64(i64(unscaled) * goPow10Int64(-dif));
  if (unscaled < INT64_MAX && dif < 19) {
    // Go's fast path reads Int64() (the low 64 bits) even of a huge negative number, then truncates.
    const x = i64(unscaled);
    const divide = pow10(dif);
    const result = x / divide;
    return x % divide !== 0n ? i64(result + 1n) : result;
  }
  // big.Int DivMod is Euclidean: with a positive divisor the quotient is the floor.
  const divisor = pow10(dif);
  let q = unscaled / divisor;
  let r = unscaled % divisor;
  if (r < 0n) {
    q -= 1n;
    r += divisor;
  }
  return r !== 0n ? i64(i64(q) + 1n) : i64(q);
}

/** `int64(math.Pow10(n))`: exact to 10^18; beyond, the float→int conversion yields MinInt64 on amd64. */
function goPow10Int64(n: number): bigint {
  return n <= 18 ? pow10(n) : INT64_MIN;
}

// ---------------------------------------------------------------------------------------------------------------
// quantity.go parseQuantityString + suffix.go interpret

const SUFFIX_CHARS = 'eEinumkKMGTP';
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

function scanQuantity(str: string): Scanned | { errorAt: number } {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') pos++;
  }
  // Strip leading zeros; a string of only sign and zeros is zero.
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str.charCodeAt(i) === 48) pos++;
    else break;
  }
  let num = '';
  let denom = '';
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
    if (!isDigit(str.charCodeAt(i))) {
      num = str.slice(pos, i);
      pos = i;
      break;
    }
  }
  if (num.length === 0) num = '0';
  if (pos < end && str[pos] === '.') {
    pos++;
    for (let i = pos; ; i++) {
      if (i >= end) return { positive, value: str, num, denom: str.slice(pos), suffix: '' };
      if (!isDigit(str.charCodeAt(i))) {
        denom = str.slice(pos, i);
        pos = i;
        break;
      }
    }
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!SUFFIX_CHARS.includes(str[i])) {
      pos = i;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!isDigit(str.charCodeAt(i))) return { errorAt: i };
  }
}

interface Interpreted {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

const FIXED_SUFFIXES: Record<string, Interpreted> = {
  '': { base: 10, exponent: 0, format: 'DecimalSI' },
  n: { base: 10, exponent: -9, format: 'DecimalSI' },
  u: { base: 10, exponent: -6, format: 'DecimalSI' },
  m: { base: 10, exponent: -3, format: 'DecimalSI' },
  k: { base: 10, exponent: 3, format: 'DecimalSI' },
  M: { base: 10, exponent: 6, format: 'DecimalSI' },
  G: { base: 10, exponent: 9, format: 'DecimalSI' },
  T: { base: 10, exponent: 12, format: 'DecimalSI' },
  P: { base: 10, exponent: 15, format: 'DecimalSI' },
  E: { base: 10, exponent: 18, format: 'DecimalSI' },
  Ki: { base: 2, exponent: 10, format: 'BinarySI' },
  Mi: { base: 2, exponent: 20, format: 'BinarySI' },
  Gi: { base: 2, exponent: 30, format: 'BinarySI' },
  Ti: { base: 2, exponent: 40, format: 'BinarySI' },
  Pi: { base: 2, exponent: 50, format: 'BinarySI' },
  Ei: { base: 2, exponent: 60, format: 'BinarySI' },
};

function interpretSuffix(s: string): Interpreted | null {
  if (Object.prototype.hasOwnProperty.call(FIXED_SUFFIXES, s)) return FIXED_SUFFIXES[s];
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    // strconv.ParseInt(s[1:], 10, 64), then int32(parsed): a huge exponent wraps as Go's conversion does.
    const digits = s.slice(1);
    if (!/^[+-]?[0-9]+$/.test(digits)) return null;
    const parsed = BigInt(digits);
    if (parsed > INT64_MAX || parsed < INT64_MIN) return null;
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// ParseQuantity

/** The BinarySI cap (math.go maxAllowed), at inf.Dec scale 0. */
const MAX_ALLOWED = INT64_MAX;
const NANO_SCALE = 9;

/**
 * `resource.ParseQuantity(text)`: no trimming (a leading or trailing space is an error here; see
 * `parseManifestQuantity` for the manifest path). Never throws and never hangs: exponents are int32 as in Go,
 * and where Go would write out 10^(2^31) digits the result is computed from the exponent instead — for a positive
 * exponent of 64 or more, `Value()`/`MilliValue()` are 0 because 2^64 divides 10^64 (Go's low-64-bit truncation),
 * for a very negative one the amount is the nano the parser rounds up to. `amount` stays exact either way.
 */
export function parseQuantity(text: string): QuantityResult {
  try {
    return parse(text);
  } catch {
    // Defensive: nothing above should throw, but a quantity must never take the engine down.
    return { ok: false, error: 'not a valid quantity', reason: 'format' };
  }
}

function parse(str: string): QuantityResult {
  if (str.length === 0) return { ok: false, error: 'empty quantity', reason: 'empty' };
  if (str === '0') return ok(str, 'DecimalSI', '', 0n, 0);

  const scanned = scanQuantity(str);
  if ('errorAt' in scanned) return formatError(str, scanned.errorAt);
  const { positive, value, num, denom, suffix } = scanned;

  const interpreted = interpretSuffix(suffix);
  if (!interpreted) return suffixError(suffix);
  const { base, exponent } = interpreted;
  let format = interpreted.format;

  let precision = 0;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      // float32(exponent)*3/10 is exact for the binary exponents 10…60.
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else precision = -1;
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }

  if (precision >= 0) {
    scale = i32(scale - denom.length);
    if (scale >= -NANO_SCALE) {
      // The int64 fast path: the number fits (at most 18 digits), kept as value × 10^scale.
      const parsed = BigInt(num + denom);
      const [result, fits] = int64Multiply(parsed, mantissa);
      if (fits) return ok(str, format, suffix, positive ? result : i64(-result), scale);
    }
  }

  // The inf.Dec path: arbitrary precision, rounded up (away from zero) to nano.
  const dec = parseDecimal(value);
  if (!dec) return { ok: false, error: 'cannot parse the number', reason: 'numeric' };
  let unscaled = dec.unscaled;
  let decScale = dec.scale; // inf.Dec scale: digits after the point (10^-scale)
  if (base === 10) decScale = i32(decScale + i32(-exponent));
  else unscaled *= 1n << BigInt(exponent);

  const negative = unscaled < 0n;
  if (negative) unscaled = -unscaled;

  if (unscaled !== 0n) {
    if (decScale < NANO_SCALE) {
      const shift = NANO_SCALE - decScale;
      if (shift - NANO_SCALE >= 64) {
        // The integer is a multiple of 10^64 and so of 2^64: Go's Int64() of it, and of it × 1000, is 0.
        // Computing the digits would take Go (and us) forever, so the exact amount is kept symbolically.
        return {
          ok: true,
          quantity: {
            text: str,
            format,
            value: 0n,
            milliValue: 0n,
            suffix,
            amount: { unscaled: negative ? -unscaled : unscaled, exponent: -decScale },
          },
        };
      }
      unscaled *= pow10(shift);
    } else if (decScale > NANO_SCALE) {
      const shift = decScale - NANO_SCALE;
      // Below one nano (fewer digits than the shift, counted from the bit length): rounds up to exactly one.
      if (shift > maxDecimalDigits(unscaled) + 1) unscaled = 1n;
      else {
        const divisor = pow10(shift);
        const q = unscaled / divisor;
        unscaled = unscaled % divisor === 0n ? q : q + 1n;
      }
    }
    decScale = NANO_SCALE;
  }

  if (format === 'BinarySI' && compareScaled(unscaled, decScale, MAX_ALLOWED, 0) > 0) {
    unscaled = MAX_ALLOWED;
    decScale = 0;
  }
  if (format === 'BinarySI' && unscaled !== 0n && compareScaled(unscaled, decScale, 1n, 0) < 0) {
    // quantity.go: a BinarySI amount below one is kept as DecimalSI "to avoid rounding and hopefully confusion".
    format = 'DecimalSI';
  }
  if (negative) unscaled = -unscaled;

  const zero = unscaled === 0n;
  return {
    ok: true,
    quantity: {
      text: str,
      format,
      value: zero ? 0n : scaledValue(unscaled, decScale, 0),
      milliValue: zero ? 0n : scaledValue(unscaled, decScale, 3),
      suffix,
      amount: { unscaled, exponent: -decScale },
    },
  };
}

function ok(text: string, format: QuantityFormat, suffix: string, value: bigint, scale: number): QuantityResult {
  return {
    ok: true,
    quantity: {
      text,
      format,
      value: asScaledInt64(value, scale, 0),
      milliValue: asScaledInt64(value, scale, -3),
      suffix,
      amount: { unscaled: value, exponent: scale },
    },
  };
}

/** inf.Dec SetString of `[+-]?digits[.digits]`: null when there is no digit at all. */
function parseDecimal(value: string): { unscaled: bigint; scale: number } | null {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(value);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const frac = m[3] ?? '';
  const digits = (m[2] + frac).replace(/^0+(?=\d)/, '');
  const magnitude = BigInt(digits === '' ? '0' : digits);
  return { unscaled: m[1] === '-' ? -magnitude : magnitude, scale: frac.length };
}

/** Compares a × 10^-sa with b × 10^-sb for small scales. */
function compareScaled(a: bigint, sa: number, b: bigint, sb: number): number {
  const s = Math.max(sa, sb);
  const x = a * pow10(s - sa);
  const y = b * pow10(s - sb);
  return x === y ? 0 : x < y ? -1 : 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Human reasons for the errors

function formatError(str: string, at: number): QuantityResult {
  if (/\s/.test(str)) return { ok: false, error: 'a quantity cannot contain spaces', reason: 'format' };
  // The number ends where the first character that is neither a digit, a sign nor a point starts.
  const numberEnd = /^[+-]?[0-9]*\.?[0-9]*/.exec(str)?.[0].length ?? 0;
  const rest = str.slice(numberEnd);
  if (numberEnd > 0 && /^[A-Za-z]/.test(rest)) return suffixError(rest, 'format');
  const ch = str[at] ?? str[numberEnd] ?? '';
  return { ok: false, error: `unexpected character \`${ch}\``, reason: 'format' };
}

function suffixError(suffix: string, reason: QuantityErrorReason = 'suffix'): QuantityResult {
  const hint = suffixHint(suffix);
  return { ok: false, error: `unknown suffix \`${suffix}\`${hint ? ` (${hint})` : ''}`, reason };
}

function suffixHint(suffix: string): string | null {
  const lower = suffix.toLowerCase();
  const binary = ['ki', 'mi', 'gi', 'ti', 'pi', 'ei'];
  const i = binary.indexOf(lower.replace(/b$/, ''));
  if (i >= 0) return `suffixes are case-sensitive: did you mean \`${BINARY_SUFFIXES[i]}\`?`;
  const decimal = 'kmgtpe'.indexOf(lower.replace(/b$/, ''));
  if (decimal >= 0 && lower.length <= 2) {
    const d = 'kMGTPE'[decimal];
    return `did you mean \`${BINARY_SUFFIXES[decimal]}\` (binary) or \`${d}\` (decimal)?`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// The manifest path and comparisons

/**
 * Go's strings.TrimSpace: unicode.IsSpace runes only (not U+FEFF, which JavaScript's trim() also removes).
 */
export function goTrimSpace(s: string): string {
  const isSpace = (c: number): boolean =>
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000;
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

const ZERO_QUANTITY: Quantity = {
  text: '',
  format: 'DecimalSI',
  value: 0n,
  milliValue: 0n,
  suffix: '',
  amount: { unscaled: 0n, exponent: 0 },
};

/**
 * The manifest path: `Quantity.UnmarshalJSON` trims (REFERENCE §6.3) and reads JSON `null` as zero. Pass the
 * string `toJsonText` returns for the YAML value (null for a YAML null).
 */
export function parseManifestQuantity(text: string | null): QuantityResult {
  if (text === null) return { ok: true, quantity: { ...ZERO_QUANTITY, amount: { ...ZERO_QUANTITY.amount } } };
  return parseQuantity(goTrimSpace(text));
}

/** Exact numeric comparison (Quantity.Cmp): `500m` equals `0.5`, `1Gi` equals `1073741824`. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const x = a.amount;
  const y = b.amount;
  const sx = x.unscaled === 0n ? 0 : x.unscaled < 0n ? -1 : 1;
  const sy = y.unscaled === 0n ? 0 : y.unscaled < 0n ? -1 : 1;
  if (sx !== sy) return sx < sy ? -1 : 1;
  if (sx === 0) return 0;
  // Same sign: compare the magnitudes. A huge exponent (`1E2000000000`) must never be written out, and a huge number
  // (400,000 digits: apimachinery keeps every digit of a decimal quantity, REFERENCE.md §1.5) never turned into
  // decimal text, which takes V8 time quadratic in its length.
  const mx = x.unscaled < 0n ? -x.unscaled : x.unscaled;
  const my = y.unscaled < 0n ? -y.unscaled : y.unscaled;
  // Exponents far apart: the orders of magnitude, from the bit lengths, decide unless they are close.
  let c = Math.abs(x.exponent - y.exponent) > 18 ? compareOrders(mx, x.exponent, my, y.exponent) : 0;
  if (c === 0) {
    // Exact, at the smaller exponent. The exponents differ by at most 18 or, orders being close, by about the longer
    // number's digit count: the power of ten costs no more than the numbers themselves.
    const e = Math.min(x.exponent, y.exponent);
    const ax = mx * pow10(x.exponent - e);
    const ay = my * pow10(y.exponent - e);
    c = ax === ay ? 0 : ax < ay ? -1 : 1;
  }
  return (sx < 0 ? -c : c) as -1 | 0 | 1;
}

/**
 * -1 or 1 when `mx × 10^ex` and `my × 10^ey` (mx, my > 0) are more than a decade apart, 0 when undecided. Each
 * magnitude lies in [2^(bits−1), 2^bits); the decade of margin covers the floating-point error many times over.
 */
function compareOrders(mx: bigint, ex: number, my: bigint, ey: number): -1 | 0 | 1 {
  const [lox, hix] = log10Bounds(mx, ex);
  const [loy, hiy] = log10Bounds(my, ey);
  if (hix + 1 < loy) return -1;
  if (hiy + 1 < lox) return 1;
  return 0;
}

/** At least the number of decimal digits of a positive BigInt: 2^bits > n, and 2^bits has ⌊bits·log10 2⌋ + 1 digits. */
function maxDecimalDigits(n: bigint): number {
  return Math.floor(bitLength(n) * Math.LOG10E * Math.LN2) + 1;
}

/** The number of bits of a positive BigInt, read from its hexadecimal form (linear, unlike the decimal one). */
function bitLength(n: bigint): number {
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

/** Bounds on log10 of `magnitude × 10^exponent` (magnitude > 0), from magnitude ∈ [2^(bits−1), 2^bits). */
function log10Bounds(magnitude: bigint, exponent: number): [number, number] {
  const bits = bitLength(magnitude);
  return [exponent + (bits - 1) * Math.LOG10E * Math.LN2, exponent + bits * Math.LOG10E * Math.LN2];
}

/** True when the amount is not a whole number (the API server warns about fractional bytes). */
export function hasFraction(q: Quantity): boolean {
  const { unscaled, exponent } = q.amount;
  if (exponent >= 0 || unscaled === 0n) return false;
  return unscaled % pow10(-exponent) !== 0n;
}

// ---------------------------------------------------------------------------------------------------------------
// Presentation and fixes

export const DECIMAL_SUFFIXES = ['n', 'u', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E'] as const;

export function isBinarySuffix(suffix: string): boolean {
  return (BINARY_SUFFIXES as readonly string[]).includes(suffix);
}

export function isDecimalSuffix(suffix: string): boolean {
  return (DECIMAL_SUFFIXES as readonly string[]).includes(suffix);
}

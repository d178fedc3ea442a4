// What apimachinery's Quantity.UnmarshalJSON receives for a YAML value: sigs.k8s.io/yaml turns the YAML (typed by
// go-yaml v2, resolve.ts) into JSON with encoding/json, and the Quantity decodes that JSON text (REFERENCE.md §1.5
// "YAML first"). So `memory: 1e3` reaches the parser as `1000`, `memory: 010` as `8`, `memory: 1e21` as `1e+21`.
import type { YScalar } from './tree';

/**
 * The JSON text of a scalar, without the quotes of a JSON string: ints in decimal, floats as Go's encoding/json
 * writes a float64, strings as they are, booleans `true`/`false`; null for a YAML null (UnmarshalJSON reads JSON
 * null as a zero quantity). NaN and ±Inf have no JSON form (encoding/json refuses them and the manifest cannot be
 * converted); for them the scalar's text is returned, which no quantity accepts.
 */
export function toJsonText(node: YScalar): string | null {
  const v = node.value;
  if (v === null) return null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (node.numberType === 'float') return Number.isFinite(v) ? formatGoFloat64(v) : node.source;
    return Number.isInteger(v) ? BigInt(v).toString() : formatGoFloat64(v);
  }
  return v;
}

/**
 * encoding/json's float64 form (encode.go floatEncoder): the shortest round-trip digits, `%f` style unless the
 * magnitude is below 1e-6 or at least 1e21, then `%e` with a two-digit negative exponent cleaned (`1e-07` → `1e-7`).
 * JavaScript's Number#toString switches at the same thresholds and prints the same shortest digits.
 */
export function formatGoFloat64(v: number): string {
  if (Object.is(v, -0)) return '-0';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return v.toExponential();
  return String(v);
}

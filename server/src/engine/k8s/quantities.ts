// Quantity arithmetic as the API server and kubelet do it after defaulting. SetDefaults_ResourceList rounds every
// quantity up to milli scale (`RoundUp(Milli)`, REFERENCE.md §1.3), so `1.0001` and `1.0002` compare equal once
// defaulted; comparisons then use the exact amount (`Quantity.Cmp`), so `0.5` equals `500m`.
import { compareQuantities, pow10, type Quantity } from '../quantity';
import { bytesToQuantity } from '../bytes';

/** The resources the QoS class depends on (kubernetes pkg/apis/core/helper/qos/qos.go `supportedQoSComputeResources`). */
export const QOS_RESOURCES = ['cpu', 'memory'] as const;
export type QosResource = (typeof QOS_RESOURCES)[number];

const MILLI = -3;
// Beyond this the amount is absurd (`1E9999999999`); never write such a number out.
const MAX_EXPONENT = 60;

/** Division rounded away from zero (inf.RoundUp / int64Amount.AsScale). */
function divAway(a: bigint, b: bigint): bigint {
  const q = a / b;
  if (a % b === 0n) return q;
  return a > 0n ? q + 1n : q - 1n;
}

/** `q.RoundUp(resource.Milli)`: the amount rounded away from zero to milli scale; Value()/MilliValue() unchanged. */
export function roundUpToMilli(q: Quantity): Quantity {
  const { unscaled, exponent } = q.amount;
  if (exponent >= MILLI) return q;
  return { ...q, amount: { unscaled: divAway(unscaled, pow10(MILLI - exponent)), exponent: MILLI } };
}

/** `a.Cmp(b)`: -1, 0 or 1, exact. */
export function compareQuantity(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return compareQuantities(a, b);
}

export function isZeroQuantity(q: Quantity): boolean {
  return q.amount.unscaled === 0n;
}

/** A quantity built by the engine (a sum, a zero) from an exact milli amount, with a readable text. */
export function quantityFromMilli(milli: bigint, resource: string): Quantity {
  const value = BigInt.asIntN(64, divAway(milli, 1000n));
  const binary = resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-');
  const text = milli % 1000n !== 0n ? `${milli}m` : binary ? bytesToQuantity(value) : String(value);
  return {
    text,
    format: binary ? 'BinarySI' : 'DecimalSI',
    value,
    milliValue: BigInt.asIntN(64, milli),
    suffix: '',
    amount: { unscaled: milli, exponent: MILLI },
  };
}

export function zeroQuantity(resource: string): Quantity {
  return quantityFromMilli(0n, resource);
}

/** The exact milli amount (ceiling away from zero below milli, as after defaulting). */
function exactMilli(q: Quantity): bigint {
  const { unscaled, exponent } = q.amount;
  if (exponent > MAX_EXPONENT) return q.milliValue;
  return exponent >= MILLI ? unscaled * pow10(exponent - MILLI) : divAway(unscaled, pow10(MILLI - exponent));
}

export function addQuantities(resource: string, ...qs: Quantity[]): Quantity {
  let milli = 0n;
  for (const q of qs) milli += exactMilli(q);
  return quantityFromMilli(milli, resource);
}

export function maxQuantity(a: Quantity, b: Quantity): Quantity {
  return compareQuantity(a, b) >= 0 ? a : b;
}

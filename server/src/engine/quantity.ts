// PLACEHOLDER SIGNATURE — being implemented (helper "quantity+yaml"). Kubernetes resource.Quantity, exact.
// Source: kubernetes/apimachinery pkg/api/resource/quantity.go (REFERENCE.md §1.5).

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
}

export type QuantityResult = { ok: true; quantity: Quantity } | { ok: false; error: string };

export declare function parseQuantity(text: string): QuantityResult;

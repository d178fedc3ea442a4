import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareQuantities, parseManifestQuantity, parseQuantity } from '../../server/src/engine/quantity';
import { bytesToQuantity, bytesToQuantityCeilMi } from '../../server/src/engine/bytes';

const INT64_MAX = (1n << 63n) - 1n;

describe('quantity properties', () => {
  it('round-trips bytes through bytesToQuantity and parseQuantity', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: INT64_MAX }), (bytes) => {
        const r = parseQuantity(bytesToQuantity(bytes));
        assert.ok(r.ok);
        assert.equal(r.quantity.value, bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips byte counts built from binary multiples', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1n << 40n }), fc.integer({ min: 0, max: 20 }), (n, shift) => {
        const bytes = n << BigInt(shift);
        fc.pre(bytes <= INT64_MAX);
        const text = bytesToQuantity(bytes);
        const r = parseQuantity(text);
        assert.ok(r.ok && r.quantity.value === bytes, text);
      }),
    );
  });

  it('never goes below the input with bytesToQuantityCeilMi, and by less than 1Mi', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 50n }), (bytes) => {
        const r = parseQuantity(bytesToQuantityCeilMi(bytes));
        assert.ok(r.ok);
        assert.ok(r.quantity.value >= bytes);
        assert.ok(r.quantity.value - bytes < 1n << 20n);
        assert.equal(r.quantity.value % (1n << 20n), 0n);
      }),
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = parseQuantity(s);
        assert.equal(typeof r.ok, 'boolean');
        parseManifestQuantity(s);
      }),
      { numRuns: 5000 },
    );
  });

  it('never throws on strings made of quantity characters', () => {
    const chars = fc.constantFrom(...'0123456789.+-eEinumkKMGTP'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }), (parts) => {
        const r = parseQuantity(parts.join(''));
        if (r.ok) assert.equal(typeof r.quantity.value, 'bigint');
        else assert.ok(r.error.length > 0);
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts binary suffixes only in their exact case (`Ki` yes; `ki`, `KI`, `K` no)', () => {
    const suffixes = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.constantFrom(...suffixes), (n, suffix) => {
        assert.equal(parseQuantity(`${n}${suffix}`).ok, true);
        assert.equal(parseQuantity(`${n}${suffix.toLowerCase()}`).ok, false);
        assert.equal(parseQuantity(`${n}${suffix.toUpperCase()}`).ok, false);
        if (suffix !== 'Mi' && suffix !== 'Ei') assert.equal(parseQuantity(`${n}${suffix[0]}`).ok, suffix[0] !== 'K');
      }),
    );
  });

  it('compares numerically whatever the spelling (`500m` == `0.5`, n Ki == n×1024)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        const milli = parseQuantity(`${n}m`);
        const decimal = parseQuantity((n / 1000).toFixed(3));
        assert.ok(milli.ok && decimal.ok);
        assert.equal(compareQuantities(milli.quantity, decimal.quantity), 0);
        const ki = parseQuantity(`${n}Ki`);
        const plain = parseQuantity(`${n * 1024}`);
        assert.ok(ki.ok && plain.ok);
        assert.equal(compareQuantities(ki.quantity, plain.quantity), 0);
        assert.equal(ki.quantity.value, plain.quantity.value);
      }),
    );
  });

  it('rounds Value() up away from zero for decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (n) => {
        const r = parseQuantity(`${n}m`);
        assert.ok(r.ok);
        const expected = n >= 0 ? BigInt(Math.ceil(n / 1000)) : -BigInt(Math.ceil(-n / 1000));
        assert.equal(r.quantity.value, expected);
        assert.equal(r.quantity.milliValue, BigInt(n));
      }),
    );
  });
});

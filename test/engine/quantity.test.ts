import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareQuantities, goTrimSpace, hasFraction, isBinarySuffix, isDecimalSuffix, parseManifestQuantity, parseQuantity, type Quantity } from '../../server/src/engine/quantity';
import { bytesToQuantity, bytesToQuantityCeilMi, formatBytes } from '../../server/src/engine/bytes';

function q(text: string): Quantity {
  const r = parseQuantity(text);
  if (!r.ok) assert.fail(`expected \`${text}\` to parse, got: ${r.error}`);
  return r.quantity;
}

function rejects(text: string, reason: string): void {
  const r = parseQuantity(text);
  assert.equal(r.ok, false, `expected \`${text}\` to be rejected`);
  if (!r.ok) assert.equal(r.reason, reason, `reason for \`${text}\``);
}

// REFERENCE.md §1.5: every row was produced by the real Go code.
describe('parseQuantity: REFERENCE §1.5 table', () => {
  const rows: [string, bigint, bigint | null][] = [
    ['128Mi', 134217728n, 134217728000n],
    ['1Gi', 1073741824n, null],
    ['1G', 1000000000n, null],
    ['1.5Gi', 1610612736n, null],
    ['.5Gi', 536870912n, null],
    ['1.Gi', 1073741824n, null],
    ['0.5Gi', 536870912n, null],
    ['512M', 512000000n, null],
    ['1k', 1000n, null],
    ['1Ki', 1024n, null],
    ['Mi', 0n, 0n],
    ['+', 0n, 0n],
    ['-', 0n, 0n],
    ['.', 0n, 0n],
    ['0.', 0n, 0n],
    ['e3', 0n, 0n],
    ['100m', 1n, 100n],
    ['1m', 1n, 1n],
    ['1u', 1n, 1n],
    ['0.9n', 1n, 1n],
    ['1e3', 1000n, 1000000n],
    ['1E3', 1000n, 1000000n],
    ['1e+3', 1000n, 1000000n],
    ['12E6', 12000000n, null],
    ['1E', 1000000000000000000n, 0n],
    ['1e-3', 1n, 1n],
    ['2.5e9', 2500000000n, null],
    ['+1Gi', 1073741824n, null],
    ['-1Gi', -1073741824n, null],
    ['-1.5', -2n, -1500n],
    ['00100', 100n, null],
    ['8Ei', 9223372036854775807n, -1000n],
    ['9E', 9000000000000000000n, 0n],
    ['10E', 0n, 0n],
    ['9223372036854775808', -9223372036854775808n, 0n],
    ['18446744073709551616', 0n, 0n],
    ['1.0000000001', 2n, 1001n],
    ['3.3333333333Gi', 3579139414n, 3579139413298n],
  ];
  for (const [text, value, milli] of rows) {
    it(`reads \`${text}\` as Value() ${value}${milli === null ? '' : ` and MilliValue() ${milli}`}`, () => {
      const quantity = q(text);
      assert.equal(quantity.value, value);
      if (milli !== null) assert.equal(quantity.milliValue, milli);
    });
  }

  it('rejects the suffixes Go rejects with ErrSuffix', () => {
    for (const text of ['1K', '1ki', 'mi', '1mi', '1e']) rejects(text, 'suffix');
  });

  it('rejects the strings Go rejects with ErrFormatWrong', () => {
    for (const text of ['1KI', '1gi', '4GB', '1Gib', '1.5 Gi', ' 1Gi', '1e3Mi', '1_000', '0x10', '1,5Gi']) {
      rejects(text, 'format');
    }
  });

  it('rejects the empty string', () => rejects('', 'empty'));

  it('keeps the format and the suffix as written', () => {
    assert.equal(q('128Mi').format, 'BinarySI');
    assert.equal(q('128Mi').suffix, 'Mi');
    assert.equal(q('1G').format, 'DecimalSI');
    assert.equal(q('12E6').format, 'DecimalExponent');
    assert.equal(q('12E6').suffix, 'E6');
    assert.equal(q('1E').format, 'DecimalSI');
  });
});

describe('parseQuantity: error messages', () => {
  it('names an unknown suffix and the suffix meant', () => {
    const r = parseQuantity('4GB');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.error, /^unknown suffix `GB`/);
      assert.match(r.error, /`Gi`/);
    }
  });

  it('says that suffixes are case-sensitive for `1gi`', () => {
    const r = parseQuantity('1gi');
    assert.ok(!r.ok && /case-sensitive.*`Gi`/.test(r.error));
  });

  it('says a space is not allowed for `1.5 Gi`', () => {
    const r = parseQuantity('1.5 Gi');
    assert.ok(!r.ok && /space/.test(r.error));
  });

  it('names the unexpected character in `1,5Gi`', () => {
    const r = parseQuantity('1,5Gi');
    assert.ok(!r.ok && r.error === 'unexpected character `,`');
  });

  it('reports a number-less exponent below nano as a numeric error', () => rejects('e-10', 'numeric'));
});

describe('parseQuantity: absurd input', () => {
  it('answers `1E9999999999` at once with Go int32 exponent semantics (Value 0)', () => {
    const quantity = q('1E9999999999');
    assert.equal(quantity.value, 0n);
    assert.equal(quantity.milliValue, 0n);
    // int32(9999999999) in Go.
    assert.equal(quantity.amount.exponent, 1410065407);
  });

  it('answers a long mantissa with a huge exponent (the inf.Dec path) with 0 instead of hanging', () => {
    const quantity = q('1234567890123456789012e999999999');
    assert.equal(quantity.value, 0n);
    assert.equal(quantity.milliValue, 0n);
  });

  it('rounds a huge negative exponent up to one nano', () => {
    const quantity = q('1e-999999999');
    assert.equal(quantity.value, 1n);
    assert.deepEqual(quantity.amount, { unscaled: 1n, exponent: -9 });
  });

  it('rejects an exponent beyond int64 as Go does (ErrSuffix)', () => rejects('1e99999999999999999999', 'suffix'));

  it('handles a 10,000-digit number', () => {
    const quantity = q('1' + '0'.repeat(10000));
    assert.equal(quantity.value, 0n);
  });
});

describe('parseManifestQuantity', () => {
  it('trims whitespace as UnmarshalJSON does (REFERENCE §6.3)', () => {
    assert.equal(parseQuantity(' 1Gi').ok, false);
    const r = parseManifestQuantity(' 1Gi\t\n');
    assert.ok(r.ok && r.quantity.value === 1073741824n);
  });

  it('reads JSON null as a zero quantity', () => {
    const r = parseManifestQuantity(null);
    assert.ok(r.ok && r.quantity.value === 0n && r.quantity.milliValue === 0n);
  });

  it('trims only what Go calls space (not U+FEFF)', () => {
    assert.equal(goTrimSpace('\u00a0 1Gi \u3000'), '1Gi');
    assert.equal(goTrimSpace('\ufeff1Gi'), '\ufeff1Gi');
    assert.equal(parseManifestQuantity('\ufeff1Gi').ok, false);
  });
});

describe('compareQuantities', () => {
  it('compares numerically: `500m` equals `0.5`, `1Gi` equals `1073741824`', () => {
    assert.equal(compareQuantities(q('500m'), q('0.5')), 0);
    assert.equal(compareQuantities(q('1Gi'), q('1073741824')), 0);
    assert.equal(compareQuantities(q('1Gi'), q('1G')), 1);
    assert.equal(compareQuantities(q('999Mi'), q('1Gi')), -1);
    assert.equal(compareQuantities(q('-1'), q('0')), -1);
    assert.equal(compareQuantities(q('-2'), q('-1')), -1);
  });

  it('compares huge exponents without writing them out', () => {
    assert.equal(compareQuantities(q('1E9999999'), q('2E9999999')), -1);
    assert.equal(compareQuantities(q('1E9999999'), q('10E9999998')), 0);
  });

  // apimachinery keeps every digit of a decimal quantity (REFERENCE.md §1.5: only BinarySI is capped), so a
  // 400,000-digit value is compared exactly; the orders of magnitude come from bit lengths, never from the decimal
  // text (V8's BigInt → decimal string is quadratic: ~0.3 s a comparison at this size before).
  const DIGITS = 400_000;
  const ones = '1'.repeat(DIGITS);

  it('compares 400,000-digit quantities exactly', () => {
    const huge = q(ones); // 1.11…e399999, kept at nano scale
    assert.equal(compareQuantities(huge, q(`${ones}.5`)), -1);
    assert.equal(compareQuantities(q(`${ones}.5`), huge), 1);
    assert.equal(compareQuantities(huge, q(ones)), 0);
    assert.equal(compareQuantities(huge, q('1Gi')), 1);
    // Orders close, exponents far apart: decided exactly.
    assert.equal(compareQuantities(huge, q(`1e${DIGITS}`)), -1);
    assert.equal(compareQuantities(huge, q(`1e${DIGITS - 1}`)), 1);
    assert.equal(compareQuantities(huge, q(`11111e${DIGITS - 5}`)), 1);
    assert.equal(compareQuantities(q(`1${'0'.repeat(DIGITS - 1)}`), q(`1e${DIGITS - 1}`)), 0);
    assert.equal(compareQuantities(q(`${'1'.repeat(DIGITS - 1)}2`), q(`${ones}e0`)), 1);
    // Orders far apart: decided from the bit lengths.
    assert.equal(compareQuantities(huge, q('1E2000000000')), -1);
    assert.equal(compareQuantities(q('1E2000000000'), huge), 1);
    assert.equal(compareQuantities(q(`-${ones}`), q('-1E2000000000')), 1);
    assert.equal(compareQuantities(q(`0.${ones}`), q('1n')), 1, '0.111… rounds up to 111111112n: above 1n');
    assert.equal(compareQuantities(q(`0.${'0'.repeat(DIGITS)}1`), q('1n')), 0, 'below a nano rounds up to 1n');
  });

  it('answers many comparisons of 400,000-digit quantities (a hang detector, not a timing)', () => {
    const values = [q(ones), q(`${ones}.5`), q(`${ones}Ki`), q('1Gi'), q('1E2000000000'), q(`-${ones}`)];
    const started = Date.now();
    let answers = 0;
    for (let round = 0; round < 10; round++) {
      for (const a of values) for (const b of values) answers += Math.abs(compareQuantities(a, b));
    }
    // 360 comparisons: about 40 s when each wrote out the decimal digits, well under a second now; a generous bound.
    assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
    assert.equal(answers, 10 * 30, 'every pair of distinct values differs');
  });
});

describe('hasFraction', () => {
  it('is true for fractional byte values and false for whole ones', () => {
    assert.equal(hasFraction(q('100m')), true);
    assert.equal(hasFraction(q('1.5')), true);
    assert.equal(hasFraction(q('1.5Gi')), false);
    assert.equal(hasFraction(q('1000m')), false);
  });
});

describe('formatBytes', () => {
  it('uses binary units with up to two decimals, trailing zeros dropped', () => {
    assert.equal(formatBytes(1610612736n), '1.5 GiB');
    assert.equal(formatBytes(126n * 1024n * 1024n), '126 MiB');
    assert.equal(formatBytes(512n), '512 B');
    assert.equal(formatBytes(8321499136n), '7.75 GiB');
    assert.equal(formatBytes(0n), '0 B');
    assert.equal(formatBytes(1024n), '1 KiB');
    assert.equal(formatBytes(-1073741824n), '-1 GiB');
  });

  it('rounds to two decimals and carries into the next unit', () => {
    assert.equal(formatBytes(1073741824n + 10737418n), '1.01 GiB');
    assert.equal(formatBytes(1073741823n), '1 GiB');
  });
});

describe('bytesToQuantity', () => {
  it('writes the shortest exact binary quantity', () => {
    assert.equal(bytesToQuantity(2147483648n), '2Gi');
    assert.equal(bytesToQuantity(1610612736n), '1536Mi');
    assert.equal(bytesToQuantity(1024000n), '1000Ki');
    assert.equal(bytesToQuantity(1000n), '1000');
    assert.equal(bytesToQuantity(0n), '0');
    assert.equal(bytesToQuantity(1n << 60n), '1Ei');
  });

  it('rounds up to a whole Mi with bytesToQuantityCeilMi', () => {
    assert.equal(bytesToQuantityCeilMi(1n), '1Mi');
    assert.equal(bytesToQuantityCeilMi(2147483648n), '2Gi');
    assert.equal(bytesToQuantityCeilMi(1610612737n), '1537Mi');
    assert.equal(bytesToQuantityCeilMi(0n), '0');
  });
});

describe('suffix helpers', () => {
  it('tells binary from decimal suffixes, case-sensitively', () => {
    assert.equal(isBinarySuffix('Ki'), true);
    assert.equal(isBinarySuffix('ki'), false);
    assert.equal(isBinarySuffix('K'), false);
    assert.equal(isDecimalSuffix('k'), true);
    assert.equal(isDecimalSuffix('K'), false);
    assert.equal(isDecimalSuffix(''), true);
  });
});

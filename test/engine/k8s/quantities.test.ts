import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addQuantities, compareQuantity, isZeroQuantity, maxQuantity, roundUpToMilli, zeroQuantity } from '../../../server/src/engine/k8s/quantities';
import { q } from './helpers';

describe('k8s quantities: defaulted arithmetic', () => {
  it('rounds up to milli away from zero without changing Value() or MilliValue()', () => {
    const a = roundUpToMilli(q('1.0001'));
    assert.deepEqual(a.amount, { unscaled: 1001n, exponent: -3 });
    assert.equal(a.value, 2n);
    assert.equal(a.milliValue, 1001n);
    assert.deepEqual(roundUpToMilli(q('-1.0001')).amount, { unscaled: -1001n, exponent: -3 });
    const g = q('1Gi');
    assert.equal(roundUpToMilli(g), g);
  });

  it('makes 1.0001 and 1.0002 equal only after the round-up', () => {
    assert.equal(compareQuantity(q('1.0001'), q('1.0002')), -1);
    assert.equal(compareQuantity(roundUpToMilli(q('1.0001')), roundUpToMilli(q('1.0002'))), 0);
  });

  it('compares exactly across spellings', () => {
    assert.equal(compareQuantity(q('500m'), q('0.5')), 0);
    assert.equal(compareQuantity(q('1Gi'), q('1073741824')), 0);
    assert.equal(compareQuantity(q('1G'), q('1Gi')), -1);
  });

  it('adds and takes maxima exactly, with readable text', () => {
    const sum = addQuantities('memory', q('1Gi'), q('512Mi'));
    assert.equal(sum.value, 1610612736n);
    assert.equal(sum.text, '1536Mi');
    assert.equal(addQuantities('cpu', q('250m'), q('0.5')).milliValue, 750n);
    assert.equal(maxQuantity(q('1Gi'), q('1G')).text, '1Gi');
    assert.equal(isZeroQuantity(zeroQuantity('memory')), true);
    assert.equal(isZeroQuantity(q('Mi')), true);
  });
});

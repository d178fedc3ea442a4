import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifestQuantity } from '../../../server/src/engine/quantity';
import { formatGoFloat64, toJsonText } from '../../../server/src/engine/yaml/json-text';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { get, type YScalar } from '../../../server/src/engine/yaml/tree';

/** yaml text → parseYaml → toJsonText → parseManifestQuantity: what the API server stores for `memory:`. */
function memory(value: string): { json: string | null; bytes: bigint | null } {
  const file = parseYaml(`resources:\n  limits:\n    memory: ${value}\n`);
  const node = get(get(get(file.docs[0].contents, 'resources'), 'limits'), 'memory');
  const json = node === null ? null : toJsonText(node as YScalar);
  const q = parseManifestQuantity(json);
  return { json, bytes: q.ok ? q.quantity.value : null };
}

describe('toJsonText: REFERENCE §1.5 "YAML first" end to end', () => {
  const cases: [string, string | null, bigint | null][] = [
    ['010', '8', 8n],
    ['0o10', '8', 8n],
    ['0x10', '16', 16n],
    ['1_000', '1000', 1000n],
    ['1e3', '1000', 1000n],
    ['12E6', '12000000', 12000000n],
    ['1.5e9', '1500000000', 1500000000n],
    ['0.5', '0.5', 1n],
    ['1e21', '1e+21', 0n],
    ['true', 'true', null],
    ['null', null, 0n],
    ['~', null, 0n],
    ['', null, 0n],
    ['1Gi', '1Gi', 1073741824n],
    ['"010"', '010', 10n],
  ];
  for (const [yaml, json, bytes] of cases) {
    it(`turns \`memory: ${yaml}\` into JSON ${json === null ? 'null' : `\`${json}\``} and ${bytes === null ? 'an invalid quantity' : `${bytes} bytes`}`, () => {
      const r = memory(yaml);
      assert.equal(r.json, json);
      assert.equal(r.bytes, bytes);
    });
  }
});

describe('toJsonText: REFERENCE §6.3', () => {
  it('reads a quoted value with spaces as the API server does (trimmed)', () => {
    assert.deepEqual(memory('" 1Gi"'), { json: ' 1Gi', bytes: 1073741824n });
  });

  it('turns `0o10` into 8 although the yaml library leaves it a string', () => {
    assert.deepEqual(memory('0o10'), { json: '8', bytes: 8n });
  });
});

describe('toJsonText: other values', () => {
  it('writes booleans, which no quantity accepts', () => {
    assert.deepEqual(memory('yes'), { json: 'true', bytes: null });
    assert.deepEqual(memory('off'), { json: 'false', bytes: null });
  });

  it('writes integers beyond 2^53 exactly', () => {
    assert.deepEqual(memory('9223372036854775807'), { json: '9223372036854775807', bytes: 9223372036854775807n });
  });

  it('gives NaN and infinities (which JSON cannot hold) as written, so they fail as quantities', () => {
    assert.deepEqual(memory('.inf'), { json: '.inf', bytes: null });
    assert.deepEqual(memory('.nan'), { json: '.nan', bytes: null });
  });
});

describe('formatGoFloat64', () => {
  it('formats as encoding/json does', () => {
    assert.equal(formatGoFloat64(1000), '1000');
    assert.equal(formatGoFloat64(1500000000), '1500000000');
    assert.equal(formatGoFloat64(0.5), '0.5');
    assert.equal(formatGoFloat64(1e21), '1e+21');
    assert.equal(formatGoFloat64(1e20), '100000000000000000000');
    assert.equal(formatGoFloat64(1e-7), '1e-7');
    assert.equal(formatGoFloat64(1.5e-7), '1.5e-7');
    assert.equal(formatGoFloat64(0.000001), '0.000001');
    assert.equal(formatGoFloat64(-0), '-0');
    assert.equal(formatGoFloat64(18446744073709551616), '18446744073709552000');
  });
});

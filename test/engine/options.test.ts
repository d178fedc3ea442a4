import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS, normalizeOptions, OPTION_KEYS } from '../../server/src/engine/options';
import { RULE_IDS } from '../../server/src/engine/types';

const manifest = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, { default: unknown; markdownDescription?: string; description?: string; properties?: Record<string, unknown> }> =
  manifest.contributes.configuration.properties;

function defaultAt(path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], DEFAULT_OPTIONS);
}

describe('normalizeOptions', () => {
  it('lists the same keys as package.json contributes.configuration, with the same defaults', () => {
    assert.deepEqual(Object.keys(properties).map((k) => k.replace(/^oomLens\./, '')).sort(), [...OPTION_KEYS].sort());
    for (const key of OPTION_KEYS) {
      assert.deepEqual(properties[`oomLens.${key}`].default, defaultAt(key), key);
      assert.ok(properties[`oomLens.${key}`].markdownDescription || properties[`oomLens.${key}`].description, `${key} is documented`);
    }
  });

  it('offers every rule id in the rules setting', () => {
    assert.deepEqual(Object.keys(properties['oomLens.rules'].properties!).sort(), [...RULE_IDS].sort());
  });

  it('returns the defaults for anything that is not an object', () => {
    for (const input of [undefined, null, 3, 'x', []]) assert.deepEqual(normalizeOptions(input), DEFAULT_OPTIONS);
  });

  it('accepts nested and dotted keys and ignores bad values', () => {
    const o = normalizeOptions({ 'jvm.threads': 250, jvm: { loadedClasses: 'many' }, nodeCpus: -1, 'oomLens.nodeMemory': '64Gi' });
    assert.equal(o.jvm.threads, 250);
    assert.equal(o.jvm.loadedClasses, DEFAULT_OPTIONS.jvm.loadedClasses);
    assert.equal(o.nodeCpus, DEFAULT_OPTIONS.nodeCpus);
    assert.equal(o.nodeMemory, '64Gi');
  });

  it('keeps only known rule ids and severities, and image names with dots whole', () => {
    const o = normalizeOptions({ rules: { 'jvm-fixed-heap': 'off', 'no-such-rule': 'error', 'besteffort-pod': 'loud' }, images: { 'registry.example.com/api': 'Dockerfile' } });
    assert.deepEqual(o.rules, { 'jvm-fixed-heap': 'off' });
    assert.deepEqual(o.images, { 'registry.example.com/api': 'Dockerfile' });
  });

  it('layers settings over a base (VS Code over .oom-lens.yaml over defaults)', () => {
    const file = normalizeOptions({ nodeMemory: '32Gi', jvm: { threads: 300 } });
    const merged = normalizeOptions({ jvm: { threads: 50 } }, file);
    assert.equal(merged.nodeMemory, '32Gi');
    assert.equal(merged.jvm.threads, 50);
  });
});

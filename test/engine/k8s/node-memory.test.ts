import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_NODE_MEMORY_BYTES, findNodeMemoryDirective, readNodeMemory } from '../../../server/src/engine/k8s/node-memory';

const GI = 1n << 30n;

describe('node-memory', () => {
  it('reads the node size from a `# oom-lens: node-memory=` comment', () => {
    assert.equal(readNodeMemory('# oom-lens: node-memory=64Gi\napiVersion: v1\n', '16Gi'), 64n * GI);
    assert.equal(readNodeMemory('apiVersion: v1\nkind: Pod # oom-lens: node-memory=32Gi\n', '16Gi'), 32n * GI);
    assert.equal(readNodeMemory('\r\n  #oom-lens:node-memory=8Gi\r\n', '16Gi'), 8n * GI);
  });

  it('uses the first comment only', () => {
    assert.equal(readNodeMemory('# oom-lens: node-memory=8Gi\n# oom-lens: node-memory=64Gi\n', '16Gi'), 8n * GI);
  });

  it('ignores an invalid or non-positive value and falls back to the setting', () => {
    assert.equal(readNodeMemory('# oom-lens: node-memory=64GB\n', '32Gi'), 32n * GI);
    assert.equal(readNodeMemory('# oom-lens: node-memory=0\n', '32Gi'), 32n * GI);
    assert.equal(readNodeMemory('# oom-lens: node-memory=\n', '32Gi'), 32n * GI);
    assert.equal(findNodeMemoryDirective('# oom-lens: node-memory=64GB\n')?.bytes, null);
  });

  it('is not fooled by a # inside a value', () => {
    assert.equal(readNodeMemory('name: a#oom-lens: node-memory=64Gi\n', '16Gi'), 16n * GI);
  });

  it('falls back to the setting, then to 16Gi', () => {
    assert.equal(readNodeMemory('apiVersion: v1\n', '128Gi'), 128n * GI);
    assert.equal(readNodeMemory('apiVersion: v1\n', 'lots'), DEFAULT_NODE_MEMORY_BYTES);
    assert.equal(readNodeMemory('apiVersion: v1\n'), 16n * GI);
  });

  it('gives the span of the value for editors', () => {
    const text = 'x: 1\n# oom-lens: node-memory=64Gi\n';
    const d = findNodeMemoryDirective(text)!;
    assert.equal(text.slice(d.span[0], d.span[1]), '64Gi');
  });
});

// A protocol-level session against the bundled server (dist/server.js): what any LSP editor sees.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CodeLens, Diagnostic, Hover, InlayHint, TextEdit } from 'vscode-languageserver-types';
import { ROOT, startClient, type TestClient } from './lsp-client';

const ORDERS = resolve(ROOT, 'examples/k8s/orders.yaml');
const STOREFRONT = resolve(ROOT, 'examples/k8s/storefront.yaml');

function open(client: TestClient, path: string, text = readFileSync(path, 'utf8'), version = 1, languageId = 'yaml'): string {
  const uri = pathToFileURL(path).href;
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  return uri;
}

function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `fixture holds ${needle}`);
  return text.slice(0, i).split('\n').length - 1;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

describe('language server over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
  });
  after(async () => {
    await client.stop();
  });

  it('publishes diagnostics with the rule id, its documentation link and the oom-lens source', async () => {
    const text = readFileSync(STOREFRONT, 'utf8');
    const uri = pathToFileURL(STOREFRONT).href;
    const pending = client.diagnostics(uri);
    open(client, STOREFRONT, text);
    const diagnostics = await pending;
    const invalid = diagnostics.filter((d) => d.code === 'invalid-quantity');
    assert.equal(invalid.length, 2, JSON.stringify(diagnostics));
    for (const d of invalid) {
      assert.equal(d.source, 'oom-lens');
      assert.match(d.codeDescription!.href, /\/blob\/main\/docs\/rules\/invalid-quantity\.md$/);
    }
    assert.equal(invalid[0].range.start.line, lineOf(text, 'memory: 1GB'));
    assert.ok(diagnostics.some((d) => d.code === 'besteffort-pod'), 'the debug pod is BestEffort');
  });

  it('offers the preferred `1Gi` fix for `1GB` and the edit makes the finding go away', async () => {
    const text = readFileSync(STOREFRONT, 'utf8');
    const uri = pathToFileURL(STOREFRONT).href;
    const first = client.diagnostics(uri, 2);
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const diagnostics = await first;
    const d = diagnostics.find((x) => x.code === 'invalid-quantity')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.ok(preferred, JSON.stringify(actions));
    const fixed = applyEdits(text, preferred.edit!.changes![uri]);
    assert.match(fixed, /memory: 1Gi\n/);
    const again = client.diagnostics(uri, 3);
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: fixed }] });
    const after = await again;
    assert.equal(after.filter((x) => x.code === 'invalid-quantity' && x.range.start.line === d.range.start.line).length, 0);
  });

  it('shows QoS and oom_score_adj inlay hints at container names', async () => {
    const text = readFileSync(ORDERS, 'utf8');
    const uri = pathToFileURL(ORDERS).href;
    const pending = client.diagnostics(uri);
    open(client, ORDERS, text);
    await pending;
    const hints = (await client.connection.sendRequest('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } },
    })) as InlayHint[];
    const label = (h: InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    const app = hints.find((h) => h.position.line === lineOf(text, '- name: app'));
    // 1Gi request on a 16Gi node: 1000 - floor(1000 * 2^30 / 2^34) = 1000 - 62 = 938 (REFERENCE.md §1.1).
    assert.ok(app, JSON.stringify(hints));
    assert.match(label(app!), /Burstable · oom_score_adj 938/);
  });

  it('shows a code lens over each workload and a hover with the filled-in formula', async () => {
    const text = readFileSync(ORDERS, 'utf8');
    const uri = pathToFileURL(ORDERS).href;
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    assert.ok(lenses.some((l) => /Burstable/.test(l.command?.title ?? '')), JSON.stringify(lenses));
    const line = lineOf(text, '- name: app');
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: text.split('\n')[line].indexOf('app') + 1 },
    })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /Burstable/);
    assert.match(value, /938/);
    assert.match(value, /17179869184/);
  });

  it('recomputes scores when oomLens.nodeMemory changes', async () => {
    const text = readFileSync(ORDERS, 'utf8');
    const uri = pathToFileURL(ORDERS).href;
    client.settings = { nodeMemory: '64Gi' };
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const hints = (await client.connection.sendRequest('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } },
    })) as InlayHint[];
    const app = hints.find((h) => h.position.line === lineOf(text, '- name: app'))!;
    // 1000 - floor(1000 * 2^30 / 2^36) = 1000 - 15 = 985.
    assert.match(String(app.label), /oom_score_adj 985/);
    client.settings = {};
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  });

  it('survives requests for unknown documents and half-typed YAML', async () => {
    const unknown = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///nowhere.yaml' },
      position: { line: 99, character: 99 },
    })) as Hover | null;
    assert.equal(unknown, null);
    const uri = 'file:///tmp/half.yaml';
    const pending = client.diagnostics(uri);
    client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      resources:\n        limits:\n          memory: 1' },
    });
    const diagnostics: Diagnostic[] = await pending;
    assert.ok(Array.isArray(diagnostics));
    assert.equal(client.child.exitCode, null, 'the server is still running');
  });
});

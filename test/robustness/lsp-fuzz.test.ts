// An LSP fuzz session: ~2,000 random edits (typing, deleting, pasting corpus fragments, undoing) on corpus files
// through one server process. Asserts: no crash, nothing failed in the server's log, published versions never go
// backwards and the last one is the latest, the final diagnostics equal a fresh analysis of the client's text (so
// incremental sync and per-version caching lost nothing), and the server's memory stays roughly flat.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { analyzeFile } from '../../server/src/engine/analyze';
import { normalizeOptions } from '../../server/src/engine/options';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { ROOT, startClient, type TestClient } from '../lsp/lsp-client';
import { failures, HANG_MS, type Publications, rssOf, trackPublications, within } from './lsp-util';

const CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'real');
const FILES: Array<{ path: string; uri: string; languageId: string }> = [
  { path: 'k8s/GoogleCloudPlatform__microservices-demo__release__kubernetes-manifests.yaml', uri: 'file:///fuzz/demo.yaml', languageId: 'yaml' },
  { path: 'k8s/atlassian__data-center-helm-charts__src__test__resources__expected_helm_output__jira__output.yaml', uri: 'file:///fuzz/jira.yaml', languageId: 'yaml' },
  { path: 'helm/apache__pulsar-helm-chart__charts__pulsar__templates__broker-statefulset.yaml', uri: 'file:///fuzz/chart/templates/broker.yaml', languageId: 'yaml' },
  { path: 'compose/open-telemetry__opentelemetry-demo__compose.yaml', uri: 'file:///fuzz/docker-compose.yml', languageId: 'yaml' },
  { path: 'dockerfile/jenkinsci__docker__debian__Dockerfile', uri: 'file:///fuzz/Dockerfile', languageId: 'dockerfile' },
];
const EDITS_PER_FILE = 400;
const SEED = 0x0011_2358;

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPED = [...'abcxyz0123456789 :-#"\'|>&*[]{},.\t\n', '\r\n', '  ', '---\n', 'memory: ', '4GB', '512Mi', '-Xmx2g', '{{ .x }}', '\\\n', 'é', '😀'];

interface Change {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

function sameDiagnostics(actual: Diagnostic[], expected: Diagnostic[]): void {
  const key = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code ?? '')} ${d.message}`;
  assert.deepEqual(actual.map(key).sort(), expected.map(key).sort());
}

describe('LSP fuzz session', () => {
  let client: TestClient;
  let published: Publications;
  before(async () => {
    client = await startClient();
    published = trackPublications(client);
  });
  after(async () => {
    await client.stop();
  });

  it('survives 2,000 random edits with diagnostics for the latest version and flat memory', async () => {
    const random = rng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const texts = FILES.map((f) => readFileSync(resolve(CORPUS, f.path), 'utf8'));
    const options = normalizeOptions({});
    let baselineRss: number | null = null;
    let peakRss = 0;
    let edits = 0;
    for (const [n, file] of FILES.entries()) {
      let doc = TextDocument.create(file.uri, file.languageId, 1, texts[n]);
      const opened = published.wait(file.uri, 1);
      client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: file.uri, languageId: file.languageId, version: 1, text: doc.getText() } });
      await within(HANG_MS, `open ${file.path}`, opened);
      const undo: Change[] = [];
      for (let i = 0; i < EDITS_PER_FILE; i++) {
        const text = doc.getText();
        const r = random();
        let change: Change;
        if (r < 0.15 && undo.length) {
          change = undo.pop()!;
        } else {
          let start = Math.floor(random() * (text.length + 1));
          let end = start;
          let insert = '';
          if (r < 0.55) insert = pick(TYPED);
          else if (r < 0.8) end = Math.min(text.length, start + 1 + Math.floor(random() * (random() < 0.8 ? 8 : 400)));
          else {
            // Paste a fragment of another corpus file, sometimes over a selection.
            const source = pick(texts);
            const from = Math.floor(random() * source.length);
            insert = source.slice(from, from + 1 + Math.floor(random() * 1500));
            if (random() < 0.3) end = Math.min(text.length, start + Math.floor(random() * 200));
          }
          if (start > end) [start, end] = [end, start];
          const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
          // The inverse edit, for a later undo: the new text's range, and what it replaced.
          const replaced = text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
          const after = TextDocument.create(file.uri, file.languageId, 0, text);
          TextDocument.update(after, [{ range, text: insert }], 0);
          const s = doc.offsetAt(range.start);
          undo.push({ range: { start: after.positionAt(s), end: after.positionAt(s + insert.length) }, text: replaced });
          change = { range, text: insert };
        }
        const version = doc.version + 1;
        doc = TextDocument.update(doc, [change], version);
        const settle = i % 100 === 99 || i === EDITS_PER_FILE - 1;
        // Registered before the change is sent, so the publication cannot be missed.
        const pending = settle ? published.wait(file.uri, version) : null;
        client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: file.uri, version }, contentChanges: [change] });
        edits++;
        if (i % 25 === 24) {
          // A request analyses the current version at once (no debounce): many intermediate states get analysed.
          await within(HANG_MS, `codeLens after edit ${edits}`, client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: file.uri } }));
        }
        if (pending) {
          const diagnostics = await within(HANG_MS, `diagnostics after edit ${edits} of ${file.path}`, pending);
          if (i === EDITS_PER_FILE - 1) {
            const fresh = analyzeFile({ uri: file.uri, text: doc.getText(), languageId: file.languageId, options, mode: 'editor' });
            const expected = fresh.findings.map(toDiagnostic);
            for (const n of fresh.notices) expected.push({ range: n.range, message: n.message, severity: 3, source: 'oom-lens' });
            sameDiagnostics(diagnostics, expected);
          }
        }
        if (edits === 200) baselineRss = rssOf(client.child.pid);
        peakRss = Math.max(peakRss, rssOf(client.child.pid) ?? 0);
      }
      const versions = published.versions(file.uri);
      for (let k = 1; k < versions.length; k++) assert.ok(versions[k] >= versions[k - 1], `versions published in order: ${versions.join(',')}`);
      assert.equal(versions[versions.length - 1], doc.version, 'the last diagnostics are for the latest version');
      client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: file.uri } });
    }
    assert.equal(edits, FILES.length * EDITS_PER_FILE);
    assert.deepEqual(failures(client.logs), [], 'nothing failed in the server');
    assert.equal(client.child.exitCode, null, 'the server is still running');
    const finalRss = rssOf(client.child.pid);
    if (baselineRss !== null && finalRss !== null) {
      const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
      assert.ok(finalRss < baselineRss * 2 + 64 * 2 ** 20, `RSS roughly flat: ${mb(baselineRss)} after 200 edits, ${mb(finalRss)} at the end (peak ${mb(peakRss)})`);
    }
  });
});

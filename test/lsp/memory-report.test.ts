// The `oomLens/memoryReport` request against the bundled server (dist/server.js), as the VS Code command sends it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { MemoryReportRow } from '../../server/src/engine/memory-report';
import type { MemoryReportResult } from '../../server/src/lsp/memory-report';
import { ROOT, startClient, type TestClient } from './lsp-client';

const ORDERS = resolve(ROOT, 'examples/k8s/orders.yaml');
const STOREFRONT = resolve(ROOT, 'examples/k8s/storefront.yaml');
const METHOD = 'oomLens/memoryReport';
const MI = 1n << 20n;
const GI = 1n << 30n;

function row(rows: MemoryReportRow[], workload: string, container: string): MemoryReportRow {
  const found = rows.find((r) => r.workloadName === workload && r.container === container);
  assert.ok(found, `a row for ${workload}/${container} in ${JSON.stringify(rows.map((r) => `${r.workloadName}/${r.container}`))}`);
  return found;
}

describe('oomLens/memoryReport', () => {
  let client: TestClient;
  let ordersUri: string;
  let ordersText: string;

  before(async () => {
    client = await startClient();
    ordersText = readFileSync(ORDERS, 'utf8');
    ordersUri = pathToFileURL(ORDERS).href;
    const published = client.diagnostics(ordersUri);
    client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: ordersUri, languageId: 'yaml', version: 1, text: ordersText },
    });
    await published;
  });
  after(async () => {
    await client.stop();
  });

  it('answers with a row per container of the requested document, with exact byte values', async () => {
    const result = (await client.connection.sendRequest(METHOD, { uris: [ordersUri] })) as MemoryReportResult;
    assert.deepEqual(
      result.rows.map((r) => `${r.workloadKind}/${r.workloadName}/${r.container}`),
      ['Deployment/orders-api/log-shipper', 'Deployment/orders-api/app', 'CronJob/nightly-report/report'],
    );
    assert.ok(result.rows.every((r) => r.uri === ordersUri));
    const app = row(result.rows, 'orders-api', 'app');
    assert.equal(app.qosClass, 'Burstable');
    assert.equal(app.namespace, 'shop');
    assert.equal(app.requestBytes, String(GI));
    assert.equal(app.limitBytes, String(2n * GI));
    assert.equal(app.heapBytes, String((3n * GI) / 2n), '-XX:MaxRAMPercentage=75.0 of 2Gi');
    assert.equal(app.heapSource, 'MaxRAMPercentage');
    assert.equal(app.fit, 'fits');
    assert.equal(app.bar!.segments[0].widthPercent, 75);
    const sidecar = row(result.rows, 'orders-api', 'log-shipper');
    assert.equal(sidecar.role, 'sidecar');
    assert.equal(sidecar.oomScoreAdj, app.oomScoreAdj, 'one pod, one request total: one score');
    const report = row(result.rows, 'nightly-report', 'report');
    assert.equal(report.limitBytes, String(512n * MI), 'from the LimitRange default');
    assert.equal(report.heapBytes, String(GI));
    assert.equal(report.fit, 'heap-exceeds-limit');
  });

  it('answers with a self-contained page whose CSP admits no scripts', async () => {
    const result = (await client.connection.sendRequest(METHOD, { uris: [ordersUri] })) as MemoryReportResult;
    assert.match(result.html, /^<!DOCTYPE html>/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-([^']+)';">/.exec(result.html);
    assert.ok(csp, 'a CSP meta tag');
    assert.ok(result.html.includes(`<style nonce="${csp[1]}">`));
    assert.doesNotMatch(result.html, /<script/i);
    assert.match(result.html, /orders-api/);
    assert.match(result.html, /nightly-report/);
    const again = (await client.connection.sendRequest(METHOD, { uris: [ordersUri] })) as MemoryReportResult;
    assert.notEqual(/nonce-([^']+)'/.exec(again.html)![1], csp[1], 'a fresh nonce per page');
  });

  it('reports the current version of an edited document', async () => {
    const edited = ordersText.replace('memory: 2Gi', 'memory: 4Gi');
    assert.notEqual(edited, ordersText);
    const published = client.diagnostics(ordersUri, 2);
    client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: ordersUri, version: 2 },
      contentChanges: [{ text: edited }],
    });
    await published;
    const result = (await client.connection.sendRequest(METHOD, { uris: [ordersUri] })) as MemoryReportResult;
    const app = row(result.rows, 'orders-api', 'app');
    assert.equal(app.limitBytes, String(4n * GI));
    assert.equal(app.heapBytes, String(3n * GI));
  });

  it('reports every open document when no URIs are given', async () => {
    const storefrontUri = pathToFileURL(STOREFRONT).href;
    const published = client.diagnostics(storefrontUri);
    client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: storefrontUri, languageId: 'yaml', version: 1, text: readFileSync(STOREFRONT, 'utf8') },
    });
    await published;
    const result = (await client.connection.sendRequest(METHOD, {})) as MemoryReportResult;
    const uris = new Set(result.rows.map((r) => r.uri));
    assert.deepEqual([...uris].sort(), [ordersUri, storefrontUri].sort());
    const shell = row(result.rows, 'debug-shell', 'shell');
    assert.equal(shell.qosClass, 'BestEffort');
    assert.equal(shell.oomScoreAdj, 1000);
  });

  it('answers with no rows, and a page that says so, for a document the server does not have', async () => {
    const result = (await client.connection.sendRequest(METHOD, { uris: ['file:///nowhere/missing.yaml'] })) as MemoryReportResult;
    assert.deepEqual(result.rows, []);
    assert.match(result.html, /No Kubernetes workloads/);
  });
});

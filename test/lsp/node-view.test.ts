// The `oomLens/nodeView` request against the bundled server (dist/server.js), as "OOM Lens: Show Node View" sends it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { NodeViewResult } from '../../server/src/lsp/node-view';
import { ROOT, startClient, type TestClient } from './lsp-client';

const ORDERS = resolve(ROOT, 'examples/k8s/orders.yaml');

describe('oomLens/nodeView', () => {
  let client: TestClient;
  let uri: string;

  before(async () => {
    client = await startClient();
    uri = pathToFileURL(ORDERS).href;
    const published = client.diagnostics(uri);
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(ORDERS, 'utf8') } });
    await published;
  });
  after(async () => {
    await client.stop();
  });

  it('answers with the plan and a script-free page whose rows link to the containers', async () => {
    const result = (await client.connection.sendRequest('oomLens/nodeView', { uris: [uri] })) as NodeViewResult;
    const plan = result.plan as { nodesNeeded: number; profile: { allocatableBytes: string }; oomKillOrder: Array<{ name: string; container: string }> };
    assert.equal(plan.nodesNeeded, 1);
    assert.equal(plan.profile.allocatableBytes, String((16n << 30n) - (100n << 20n)));
    assert.deepEqual(plan.oomKillOrder.map((e) => e.container).slice(0, 3), ['app', 'app', 'app']);
    assert.match(result.html, /default-src 'none'/);
    assert.doesNotMatch(result.html, /<script/i);
    assert.match(result.html, /Needs 1 node of 16 GiB \(custom profile\)/);
    assert.match(result.html, /href="command:oomLens\.revealInEditor\?[^"]+"/);
    const link = /href="command:oomLens\.revealInEditor\?([^"]+)"/.exec(result.html)!;
    const [linkUri, line] = JSON.parse(decodeURIComponent(link[1].replace(/&quot;/g, '"'))) as [string, number];
    assert.equal(linkUri, uri);
    assert.ok(line > 0);
  });

  it('shows the kill order in the container hover', async () => {
    const text = readFileSync(ORDERS, 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /- name: app\b/.test(l));
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: lines[line].indexOf('app') + 1 },
    })) as { contents: { value: string } };
    assert.match(hover.contents.value, /\*\*Node view\*\* · 16 GiB node \(custom, allocatable 15\.9 GiB\), limit scenario, this file's workloads packed: replica 0 is evicted \*\*\d+(st|nd|rd|th)\*\* of \d+ pods · OOM-killed \*\*\d+(st|nd|rd|th)\*\* of \d+ containers/);
  });
});

// A client that asks about documents it never opened, positions past the end, and cancels everything it sends:
// the server answers (null or empty where there is nothing to say) or reports the cancellation, and keeps working.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { startClient, type TestClient } from '../lsp/lsp-client';
import { close, failures, HANG_MS, openAndWait, within } from './lsp-util';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: nginx\n    resources:\n      limits:\n        memory: 4GB\n';
const FAR = { line: 1_000_000, character: 1_000_000 };
const NEGATIVE = { line: -5, character: -1 };

function requests(uri: string, position: { line: number; character: number }): Array<[string, unknown]> {
  const range = { start: position, end: { line: position.line + 3, character: position.character } };
  return [
    ['textDocument/hover', { textDocument: { uri }, position }],
    ['textDocument/inlayHint', { textDocument: { uri }, range }],
    ['textDocument/codeLens', { textDocument: { uri } }],
    ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } }],
    ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll.oomLens'] } }],
    [
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range,
        context: { diagnostics: [{ range, message: 'x', source: 'oom-lens', code: 'invalid-quantity' }, { range, message: 'y' }] },
      },
    ],
  ];
}

/** An answer, or the error the server chose to send: either way not a hang and not a crash. */
async function settle(client: TestClient, method: string, params: unknown, token?: CancellationTokenSource): Promise<unknown> {
  try {
    // A trailing `undefined` would be sent as a second, positional parameter.
    return await (token ? client.connection.sendRequest(method, params, token.token) : client.connection.sendRequest(method, params));
  } catch (error) {
    return { error: String((error as Error).message ?? error) };
  }
}

describe('a hostile client', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
  });
  after(async () => {
    await client.stop();
  });

  it('gets empty answers for documents it never opened', async () => {
    for (const uri of ['file:///never/opened.yaml', 'untitled:Untitled-1', 'not a uri at all', '']) {
      for (const [method, params] of requests(uri, { line: 0, character: 0 })) {
        const answer = await within(HANG_MS, `${method} ${uri}`, settle(client, method, params));
        assert.ok(answer === null || (Array.isArray(answer) && answer.length === 0), `${method} on ${JSON.stringify(uri)}: ${JSON.stringify(answer)}`);
      }
    }
  });

  it('answers positions and ranges past the end of the document or negative', async () => {
    const uri = 'file:///hostile/pod.yaml';
    await within(HANG_MS, 'open', openAndWait(client, uri, POD));
    for (const position of [FAR, NEGATIVE, { line: 3, character: 999 }]) {
      for (const [method, params] of requests(uri, position)) {
        const answer = await within(HANG_MS, method, settle(client, method, params));
        assert.ok(!(answer && typeof answer === 'object' && 'error' in answer), `${method}: ${JSON.stringify(answer)}`);
      }
    }
    // Changes with ranges past the end are applied as the protocol's clamping says; the server keeps publishing.
    const pending = client.diagnostics(uri, 2);
    client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: FAR, end: FAR }, text: '# appended\n' }],
    });
    const diagnostics = await within(HANG_MS, 'change past the end', pending);
    assert.ok(diagnostics.some((d) => d.code === 'invalid-quantity'));
    close(client, uri);
  });

  it('survives having every request cancelled at once and still answers the next one', async () => {
    const uri = 'file:///hostile/cancel.yaml';
    await within(HANG_MS, 'open', openAndWait(client, uri, POD));
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < 50; i++) {
      for (const [method, params] of requests(uri, { line: i % 12, character: 4 })) {
        const source = new CancellationTokenSource();
        pending.push(settle(client, method, params, source));
        source.cancel();
      }
    }
    // Cancellations for requests that never existed or already finished.
    for (let id = 0; id < 200; id++) client.connection.sendNotification('$/cancelRequest', { id });
    client.connection.sendNotification('$/cancelRequest', { id: 'no-such-request' });
    await within(HANG_MS, 'cancelled requests settle', Promise.all(pending));
    // Edits keep flowing and are published for the newest version.
    const next = client.diagnostics(uri, 3);
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: POD.replace('4GB', '4Gi') }] });
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: POD }] });
    const diagnostics = await within(HANG_MS, 'diagnostics after cancellations', next);
    assert.ok(diagnostics.some((d) => d.code === 'invalid-quantity'));
    const lenses = await within(HANG_MS, 'codeLens after cancellations', settle(client, 'textDocument/codeLens', { textDocument: { uri } }));
    assert.ok(Array.isArray(lenses) && lenses.length > 0, JSON.stringify(lenses));
    close(client, uri);
  });

  it('ignores notifications for unknown documents and malformed ones without failing', async () => {
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///nope.yaml', version: 9 }, contentChanges: [{ text: 'x' }] });
    client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///nope.yaml' } });
    client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: 'file:///nope.yaml' } });
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    client.connection.sendNotification('oomLens/unknownNotification', { x: 1 });
    const unknown = await within(HANG_MS, 'unknown request', settle(client, 'oomLens/unknownRequest', {}));
    assert.match(JSON.stringify(unknown), /error/, 'an unknown method is an error answer, not a hang');
    const uri = 'file:///hostile/after.yaml';
    const diagnostics = await within(HANG_MS, 'open after the noise', openAndWait(client, uri, POD));
    assert.ok(diagnostics.some((d) => d.code === 'invalid-quantity'));
    assert.deepEqual(failures(client.logs), []);
    assert.equal(client.child.exitCode, null, 'the server is still running');
  });
});

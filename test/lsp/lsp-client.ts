// A small LSP client over the bundled server's stdio, built on vscode-jsonrpc (the library the real
// language clients use). Tests wait on notifications, never on sleeps.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { type Diagnostic, PublishDiagnosticsNotification } from 'vscode-languageserver-protocol';

export const ROOT = resolve(__dirname, '..', '..');
export const SERVER = resolve(ROOT, 'dist', 'server.js');

export interface TestClient {
  connection: MessageConnection;
  child: ChildProcess;
  /** Resolves with the next diagnostics published for `uri` (optionally for a given version). */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]>;
  /** Settings the server pulls with workspace/configuration. */
  settings: Record<string, unknown>;
  logs: string[];
  stop(): Promise<void>;
}

export async function startClient(settings: Record<string, unknown> = {}, rootUri: string | null = null): Promise<TestClient> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting: Array<{ uri: string; version?: number; resolve: (d: Diagnostic[]) => void }> = [];
  const logs: string[] = [];
  const client: TestClient = {
    connection,
    child,
    settings,
    logs,
    diagnostics(uri, version) {
      return new Promise((res) => waiting.push({ uri, version, resolve: res }));
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        connection.sendNotification('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      if (child.exitCode === null) {
        await new Promise<void>((res) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            res();
          }, 2000);
          child.once('exit', () => {
            clearTimeout(timer);
            res();
          });
        });
      }
    },
  };
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const i = waiting.findIndex((w) => w.uri === p.uri && (w.version === undefined || w.version === p.version));
    if (i >= 0) waiting.splice(i, 1)[0].resolve(p.diagnostics);
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
    p.items.map((item) => (item.section === 'oomLens' ? client.settings : null)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, inlayHint: { refreshSupport: true } },
      textDocument: { publishDiagnostics: { versionSupport: true }, inlayHint: {}, hover: { contentFormat: ['markdown'] } },
    },
  });
  connection.sendNotification('initialized', {});
  return client;
}

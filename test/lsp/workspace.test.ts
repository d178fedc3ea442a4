
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { startClient, type TestClient } from './lsp-client';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oom-lens-lsp-ws-'));
  for (const [name, text] of Object.entries(files)) write(dir, name, text);
  return dir;
}

function write(dir: string, name: string, text: string): void {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), text);
}

/** Wait for diagnostics of `uri` that satisfy `wanted` (each publish is checked; the last one is returned). */
async function until(client: TestClient, uri: string, wanted: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  for (;;) {
    const d = await client.diagnostics(uri);
    if (wanted(d)) return d;
  }
}

const has = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);
const lacks = (code: string) => (d: Diagnostic[]) => !d.some((x) => x.code === code);

// No memory limit: `memory-limit-missing` fires unless a JVM runs (then the JVM rules speak) or a LimitRange
// gives a default limit.
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: app
          image: shop/orders:1.4.2
          resources:
            requests:
              memory: 256Mi
`;

const NO_JVM = 'FROM nginx:1.27\n';
const JVM = 'FROM eclipse-temurin:17-jre\nENV JAVA_TOOL_OPTIONS="-Xmx1g"\nENTRYPOINT ["java", "-jar", "/app.jar"]\n';
const SKAFFOLD = 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: shop/orders\n      context: orders\n';
const LIMIT_RANGE = 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: mem, namespace: shop}\nspec:\n  limits:\n    - type: Container\n      default: {memory: 512Mi}\n';

function open(client: TestClient, uri: string, text: string, languageId = 'yaml', version = 1): void {
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
}

function change(client: TestClient, uri: string, text: string, version: number): void {
  client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

describe('workspace index in the language server', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = workspace({ 'skaffold.yaml': SKAFFOLD, 'orders/Dockerfile': NO_JVM, 'k8s/orders.yaml': DEPLOYMENT });
    client = await startClient({}, pathToFileURL(dir).href);
  });
  after(async () => {
    await client.stop();
  });

  it('re-checks the open manifest when the open Dockerfile it is built from changes', { timeout: 30_000 }, async () => {
    const manifest = pathToFileURL(join(dir, 'k8s/orders.yaml')).href;
    const dockerfile = pathToFileURL(join(dir, 'orders/Dockerfile')).href;
    const first = until(client, manifest, has('memory-limit-missing'));
    open(client, manifest, DEPLOYMENT);
    await first;

    open(client, dockerfile, NO_JVM, 'dockerfile');
    // The Dockerfile now starts a JVM: the container is a JVM container, checked by the JVM rules instead.
    const relinked = until(client, manifest, lacks('memory-limit-missing'));
    change(client, dockerfile, JVM, 2);
    await relinked;

    const back = until(client, manifest, has('memory-limit-missing'));
    change(client, dockerfile, NO_JVM, 3);
    await back;
  });

  it('re-checks the open manifest when a Dockerfile or a LimitRange changes on disk', { timeout: 30_000 }, async () => {
    const manifest = pathToFileURL(join(dir, 'k8s/orders.yaml')).href;
    const dockerfile = pathToFileURL(join(dir, 'orders/Dockerfile')).href;
    // The editor closes the Dockerfile (its text equals the disk's): changes on disk count from now on.
    client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: dockerfile } });

    write(dir, 'orders/Dockerfile', JVM);
    const onDisk = until(client, manifest, lacks('memory-limit-missing'));
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: dockerfile, type: 2 }] });
    await onDisk;

    write(dir, 'orders/Dockerfile', NO_JVM);
    const reverted = until(client, manifest, has('memory-limit-missing'));
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: dockerfile, type: 2 }] });
    await reverted;

    // A LimitRange created in another file gives the container a default memory limit.
    write(dir, 'ns/limits.yaml', LIMIT_RANGE);
    const limits = pathToFileURL(join(dir, 'ns/limits.yaml')).href;
    const limited = until(client, manifest, lacks('memory-limit-missing'));
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: limits, type: 1 }] });
    await limited;

    const unlimited = until(client, manifest, has('memory-limit-missing'));
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: limits, type: 3 }] });
    await unlimited;
  });
});

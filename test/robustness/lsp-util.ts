// Helpers for the robustness tests that drive the bundled server (dist/server.js) over stdio.
import { readFileSync } from 'node:fs';
import { type Diagnostic, PublishDiagnosticsNotification } from 'vscode-languageserver-protocol';
import type { TestClient } from '../lsp/lsp-client';

/**
 * `promise`, or a rejection after `ms` saying what hung. A hang detector, not a speed measurement: the bound is
 * generous and no test asserts on time otherwise.
 */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const HANG_MS = 20_000;

/** Opens a document and resolves with the diagnostics published for that version. */
export function openAndWait(client: TestClient, uri: string, text: string, languageId = 'yaml', version = 1): Promise<Diagnostic[]> {
  const pending = client.diagnostics(uri, version);
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  return pending;
}

export function close(client: TestClient, uri: string): void {
  client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

/** The server process's resident set size in bytes (Linux /proc), or null elsewhere. */
export function rssOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Log lines that mean the server failed rather than reported. */
export function failures(logs: string[]): string[] {
  return logs.filter((l) => /uncaught exception|unhandled rejection|validation failed|rule .* failed/i.test(l));
}

export interface Publications {
  /** Every version published for `uri`, in arrival order. */
  versions(uri: string): number[];
  /** Resolves with the diagnostics published for `uri` at `version`. */
  wait(uri: string, version: number): Promise<Diagnostic[]>;
}

/**
 * Records every publishDiagnostics. It takes over the notification (vscode-jsonrpc keeps one handler per method),
 * so a test that uses it waits with `wait`, not with `client.diagnostics`.
 */
export function trackPublications(client: TestClient): Publications {
  const seen = new Map<string, number[]>();
  const waiting: Array<{ uri: string; version: number; resolve: (d: Diagnostic[]) => void }> = [];
  client.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    if (typeof p.version === 'number') {
      const list = seen.get(p.uri) ?? [];
      list.push(p.version);
      seen.set(p.uri, list);
    }
    for (let i = waiting.length - 1; i >= 0; i--) {
      if (waiting[i].uri === p.uri && waiting[i].version === p.version) waiting.splice(i, 1)[0].resolve(p.diagnostics);
    }
  });
  return {
    versions: (uri) => seen.get(uri) ?? [],
    wait: (uri, version) => new Promise((res) => waiting.push({ uri, version, resolve: res })),
  };
}

// The `oomLens/memoryReport` request: the memory report (engine/memory-report.ts) of the documents the client names,
// or of every open document. Protocol glue only: the server supplies the analyses, the engine the rows and the page.
import { randomBytes } from 'node:crypto';
import { type Connection, RequestType } from 'vscode-languageserver/node';
import type { FileAnalysis } from '../engine/analysis';
import { memoryReport, type MemoryReportRow } from '../engine/memory-report';

export const MEMORY_REPORT_METHOD = 'oomLens/memoryReport';

export interface MemoryReportParams {
  /** Document URIs to report on; absent: every document open in the server. */
  uris?: string[];
}

export interface MemoryReportResult {
  /** A self-contained page (no scripts, no external resources) with its own Content-Security-Policy. */
  html: string;
  /** Byte values are decimal strings (engine/memory-report.ts `ByteString`). */
  rows: MemoryReportRow[];
}

export const MemoryReportRequest = new RequestType<MemoryReportParams | null | undefined, MemoryReportResult, void>(
  MEMORY_REPORT_METHOD,
);

/** The analyses of the given documents (those the server can see), or of every open one. */
export type GetAnalyses = (uris: string[] | 'open') => Promise<Array<{ uri: string; analysis: FileAnalysis }>>;

export function registerMemoryReport(
  connection: Connection,
  getAnalyses: GetAnalyses,
  getRoots: () => readonly string[] = () => [],
): void {
  connection.onRequest(MemoryReportRequest, async (params) => {
    const analyses = await getAnalyses(requestedUris(params));
    // A fresh nonce per page: the only style the page's CSP admits is the one carrying it.
    return memoryReport(analyses, { nonce: randomBytes(16).toString('base64'), roots: getRoots() });
  });
}

/** `uris` when the client sent a list of strings (duplicates dropped, order kept); otherwise every open document. */
export function requestedUris(params: unknown): string[] | 'open' {
  const uris = (params as MemoryReportParams | null | undefined)?.uris;
  if (!Array.isArray(uris)) return 'open';
  return [...new Set(uris.filter((u): u is string => typeof u === 'string'))];
}

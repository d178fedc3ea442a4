// The language server: documents in, engine results out, converted once (convert.ts). It owns no analysis:
// settings, debouncing, per-version caching and request routing only.
import {
  type CodeAction,
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeFile } from '../engine/analyze';
import type { FileAnalysis } from '../engine/analysis';
import { DEFAULT_OPTIONS, normalizeOptions, type Options } from '../engine/options';
import type { Range } from '../engine/types';
import { isIndexable, WorkspaceIndex } from '../engine/workspace';
import { createYamlParseCache, type YamlParseCache } from '../engine/yaml/incremental';
import { registerMemoryReport } from './memory-report';
import { registerNodeView } from './node-view';
import { FIX_ALL_KIND, SOURCE, toCodeAction, toCodeLens, toDiagnostic, toHover, toInlayHint } from './convert';

/** What only the executable may do (files, process): injected so this layer stays testable. */
export interface ServerHost {
  /** The text of `.oom-lens.yaml` at a workspace root (a file URI), or null. */
  readWorkspaceConfig(rootUri: string): string | null;
  /** Parses that text into a plain object (the YAML library lives in the engine). */
  parseConfig(text: string): unknown;
  /**
   * URIs of the files under a workspace root that `accept` wants, skipping `node_modules` and `.git`, at most
   * `maxFiles` of them. Absent: no workspace index is built (only open documents are linked).
   */
  listFiles?(rootUri: string, accept: (uri: string) => boolean, maxFiles: number): Promise<string[]>;
  /** A file's text, or null when it cannot be read or is larger than `maxBytes`. */
  readFile?(uri: string, maxBytes: number): Promise<string | null>;
}

interface Cached {
  version: number;
  options: Options;
  /** The document's workspace epoch when analysed: a change in a file it depends on bumps it. */
  epoch: number;
  analysis: FileAnalysis;
}

const DEBOUNCE_MS = 150;
/** At most this many workspace files are indexed, so a huge folder cannot stall the server. */
const MAX_INDEXED_FILES = 5000;
/** Documents that keep their YAML parse cache (the ones edited most recently). */
const MAX_YAML_CACHES = 2;
/** Files indexed between two turns of the event loop while the workspace index is built. */
const INDEX_CHUNK = 25;

/** The file watchers registered when the client allows it (DESIGN.md "Which files are what"). */
const WATCHED = ['**/*.{yaml,yml}', '**/*[Dd]ockerfile*', '**/Containerfile*'];

export function startServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  const settingsCache = new Map<string, Promise<Options>>();
  const results = new Map<string, Cached>();
  // Parse caches of the documents analysed most recently: an edit re-parses only the YAML documents it touched
  // (yaml/incremental.ts). A cache holds a version's syntax trees (about 8× the text), so only the documents being
  // edited keep one; an open document not touched for a while is parsed whole once when it changes again.
  const yamlCaches = new Map<string, YamlParseCache>();
  function yamlCacheFor(uri: string): YamlParseCache {
    let cache = yamlCaches.get(uri);
    if (cache) {
      yamlCaches.delete(uri); // re-inserted below: the Map's order is the recency order
    } else {
      cache = createYamlParseCache();
    }
    yamlCaches.set(uri, cache);
    for (const oldest of yamlCaches.keys()) {
      if (yamlCaches.size <= MAX_YAML_CACHES) break;
      yamlCaches.delete(oldest);
    }
    return cache;
  }
  const timers = new Map<string, NodeJS.Timeout>();
  let canPullConfiguration = false;
  let canRefreshInlayHints = false;
  let canRefreshCodeLens = false;
  let canWatchFiles = false;
  let rootUris: string[] = [];
  let fileConfig: unknown = {};
  // The cross-file index (engine/workspace.ts): open documents from their text, the rest from disk.
  let index = new WorkspaceIndex();
  const indexedVersion = new Map<string, number>();
  const epochs = new Map<string, number>();
  const epochOf = (uri: string): number => epochs.get(uri) ?? 0;

  function loadFileConfig(): void {
    fileConfig = {};
    for (const root of rootUris) {
      try {
        const text = host.readWorkspaceConfig(root);
        if (text !== null) {
          fileConfig = host.parseConfig(text) ?? {};
          return;
        }
      } catch (error) {
        connection.console.warn(`OOM Lens: cannot read .oom-lens.yaml in ${root}: ${String(error)}`);
      }
    }
  }

  function baseOptions(): Options {
    return normalizeOptions(fileConfig, DEFAULT_OPTIONS);
  }

  function getOptions(uri: string): Promise<Options> {
    if (!canPullConfiguration) return Promise.resolve(baseOptions());
    let pending = settingsCache.get(uri);
    if (!pending) {
      pending = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'oomLens' })
        // VS Code settings override `.oom-lens.yaml`, which overrides the defaults (DESIGN.md "Settings").
        .then((value: unknown) => normalizeOptions(value ?? {}, baseOptions()))
        .catch(() => baseOptions());
      settingsCache.set(uri, pending);
    }
    return pending;
  }

  /** Re-validate the open documents among `uris`: something they consult from another file changed. */
  function invalidate(uris: readonly string[]): void {
    let any = false;
    for (const uri of uris) {
      if (!documents.get(uri)) continue;
      epochs.set(uri, epochOf(uri) + 1);
      schedule(uri);
      any = true;
    }
    if (any) refreshPulled();
  }

  function refreshPulled(): void {
    if (canRefreshInlayHints) connection.languages.inlayHint.refresh().catch(() => undefined);
    if (canRefreshCodeLens) connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }

  /** Feed an open document's current text to the index (once per version). */
  function indexDocument(doc: TextDocument): void {
    if (indexedVersion.get(doc.uri) === doc.version) return;
    indexedVersion.set(doc.uri, doc.version);
    if (!isIndexable(doc.uri)) return;
    invalidate(index.update(doc.uri, doc.getText(), yamlCacheFor(doc.uri)).filter((u) => u !== doc.uri));
  }

  /** Index a file from disk (not open, or just closed); a file that cannot be read is forgotten. */
  async function indexFromDisk(uri: string): Promise<void> {
    if (!host.readFile || documents.get(uri)) return;
    const text = await host.readFile(uri, baseOptions().maxFileSize).catch(() => null);
    if (documents.get(uri)) return; // opened meanwhile: the editor's text wins
    // A file not open is never re-validated, so only what it offers matters (WorkspaceIndex SummaryMode).
    invalidate(text === null ? index.remove(uri) : index.update(uri, text, undefined, 'offers'));
  }

  /** Index the workspace folders after initialize, a chunk per event-loop turn, then re-check the open documents. */
  async function indexWorkspace(): Promise<void> {
    const { listFiles, readFile } = host;
    if (!listFiles || !readFile) return;
    const maxBytes = baseOptions().maxFileSize;
    let budget = MAX_INDEXED_FILES;
    for (const root of rootUris) {
      if (budget <= 0) break;
      const uris = await listFiles(root, isIndexable, budget).catch(() => [] as string[]);
      budget -= uris.length;
      for (let i = 0; i < uris.length; i++) {
        const uri = uris[i];
        if (!documents.get(uri)) {
          const text = await readFile(uri, maxBytes).catch(() => null);
          if (text !== null && !documents.get(uri)) index.update(uri, text, undefined, 'offers');
        }
        if (i % INDEX_CHUNK === INDEX_CHUNK - 1) await new Promise<void>((res) => setImmediate(res));
      }
    }
    invalidate(documents.all().map((d) => d.uri));
  }

  async function analyse(doc: TextDocument): Promise<Cached> {
    const options = await getOptions(doc.uri);
    const cached = results.get(doc.uri);
    const epoch = epochOf(doc.uri);
    if (cached && cached.version === doc.version && cached.options === options && cached.epoch === epoch) return cached;
    indexDocument(doc);
    index.setImages(options.images);
    const analysis = analyzeFile({
      uri: doc.uri,
      text: doc.getText(),
      languageId: doc.languageId,
      options,
      mode: 'editor',
      workspace: index.view(doc.uri, options.images),
      yamlCache: yamlCacheFor(doc.uri),
    });
    for (const failure of analysis.failures ?? []) {
      connection.console.error(`OOM Lens: ${failure.where} failed on ${doc.uri}: ${String(failure.error)}`);
    }
    const entry: Cached = { version: doc.version, options, epoch, analysis };
    // Only keep the newest: a slower analysis of an older version must not overwrite a newer one.
    const current = documents.get(doc.uri);
    if (!current || current.version === doc.version) results.set(doc.uri, entry);
    return entry;
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const { analysis, version } = await analyse(doc);
    const latest = documents.get(uri);
    if (!latest || latest.version !== version) return; // stale: a newer version is on its way
    const diagnostics = analysis.findings.map(toDiagnostic);
    for (const notice of analysis.notices) {
      diagnostics.push({ range: notice.range, message: notice.message, severity: 3, source: SOURCE });
    }
    await connection.sendDiagnostics({ uri, version, diagnostics });
  }

  function schedule(uri: string): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        validate(uri).catch((error) => connection.console.error(`OOM Lens: validation failed for ${uri}: ${String(error)}`));
      }, DEBOUNCE_MS),
    );
  }

  async function current(uri: string): Promise<Cached | null> {
    const doc = documents.get(uri);
    return doc ? analyse(doc) : null;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    canPullConfiguration = !!caps.workspace?.configuration;
    canRefreshInlayHints = !!caps.workspace?.inlayHint?.refreshSupport;
    canRefreshCodeLens = !!caps.workspace?.codeLens?.refreshSupport;
    canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    rootUris = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (rootUris.length === 0 && params.rootUri) rootUris = [params.rootUri];
    loadFileConfig();
    index = new WorkspaceIndex({ maxFileSize: baseOptions().maxFileSize });
    index.setRoots(rootUris);
    index.setImages(baseOptions().images);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      },
      serverInfo: { name: 'oom-lens' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'oomLens' }).catch(() => undefined);
    }
    if (canWatchFiles) {
      const watchers = WATCHED.map((globPattern) => ({ globPattern }));
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    }
    // Never block the first diagnostics: the index is built after initialize, in chunks.
    setImmediate(() => {
      indexWorkspace().catch((error) => connection.console.error(`OOM Lens: indexing the workspace failed: ${String(error)}`));
    });
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (!isIndexable(change.uri) || documents.get(change.uri)) continue; // an open document's text wins
      if (change.type === FileChangeType.Deleted) invalidate(index.remove(change.uri));
      else indexFromDisk(change.uri).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    results.clear();
    loadFileConfig();
    index.setImages(baseOptions().images);
    for (const doc of documents.all()) schedule(doc.uri);
    refreshPulled();
  });

  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    results.delete(e.document.uri);
    yamlCaches.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    indexedVersion.delete(e.document.uri);
    epochs.delete(e.document.uri);
    // The text on disk is what the other files see now (unsaved edits are gone).
    if (isIndexable(e.document.uri)) {
      if (host.readFile) indexFromDisk(e.document.uri).catch(() => undefined);
      else invalidate(index.remove(e.document.uri));
    }
    connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }).catch(() => undefined);
  });

  connection.languages.inlayHint.on(async (params) => {
    const entry = await current(params.textDocument.uri);
    if (!entry || !entry.options.inlayHints.enabled) return [];
    return entry.analysis.hints.filter((h) => inRange(h.position, params.range)).map(toInlayHint);
  });

  connection.onCodeLens(async (params) => {
    const entry = await current(params.textDocument.uri);
    if (!entry || !entry.options.codeLens.enabled) return [];
    return entry.analysis.lenses.map(toCodeLens);
  });

  connection.onHover(async (params) => {
    const entry = await current(params.textDocument.uri);
    if (!entry) return null;
    let best: FileAnalysis['hovers'][number] | null = null;
    for (const h of entry.analysis.hovers) {
      if (!contains(h.range, params.position)) continue;
      if (!best || size(h.range) < size(best.range)) best = h;
    }
    return best ? toHover(best) : null;
  });

  connection.onCodeAction(async (params) => {
    const uri = params.textDocument.uri;
    const entry = await current(uri);
    if (!entry) return [];
    const only = params.context.only;
    const wantsFixAll = !!only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`) || k === CodeActionKind.Source);
    const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k));
    const actions: CodeAction[] = [];
    if (wantsQuickFix) {
      for (const d of params.context.diagnostics) {
        if (d.source !== SOURCE) continue;
        for (const f of entry.analysis.findings) {
          if (f.ruleId !== d.code || !sameRange(f.range, d.range)) continue;
          for (const fix of f.fixes ?? []) actions.push(toCodeAction(uri, fix, [d]));
        }
      }
      for (const a of entry.analysis.actions) {
        if (overlaps(a.range, params.range)) actions.push(toCodeAction(uri, a.fix, undefined));
      }
    }
    if (wantsFixAll) {
      const edits = [];
      const taken: Range[] = [];
      for (const f of entry.analysis.findings) {
        const fix = (f.fixes ?? []).find((x) => x.safe);
        if (!fix) continue;
        // Skip a fix whose edits overlap one already taken: the client would reject the whole action.
        if (fix.edits.some((e) => taken.some((t) => overlaps(t, e.range)))) continue;
        taken.push(...fix.edits.map((e) => e.range));
        edits.push(...fix.edits);
      }
      if (edits.length) {
        actions.push(toCodeAction(uri, { title: 'Fix all safe OOM Lens findings', edits }, undefined, FIX_ALL_KIND));
      }
    }
    return actions;
  });

  // "OOM Lens: Show Memory Report": every workload of the open documents (or the ones asked for), analysed as above.
  registerMemoryReport(connection, async (uris) => {
    const docs =
      uris === 'open'
        ? documents.all().sort((a, b) => a.uri.localeCompare(b.uri))
        : uris.flatMap((u) => documents.get(u) ?? []);
    return Promise.all(docs.map(async (doc) => ({ uri: doc.uri, analysis: (await analyse(doc)).analysis })));
  }, () => rootUris);
  registerNodeView(connection, async (uris) => Promise.all((uris === 'open' ? documents.all().sort((a, b) => a.uri.localeCompare(b.uri)) : uris.flatMap((u) => documents.get(u) ?? [])).map(async (d) => ({ uri: d.uri, ...(await analyse(d)) }))), () => rootUris);

  documents.listen(connection);
}

type Pos = { line: number; character: number };
function cmp(a: Pos, b: Pos): number {
  return a.line - b.line || a.character - b.character;
}
function contains(r: Range, p: Pos): boolean {
  return cmp(r.start, p) <= 0 && cmp(p, r.end) <= 0;
}
function inRange(p: Pos, r: Range): boolean {
  return contains(r, p);
}
function overlaps(a: Range, b: Range): boolean {
  return cmp(a.start, b.end) <= 0 && cmp(b.start, a.end) <= 0;
}
function sameRange(a: Range, b: Range): boolean {
  return cmp(a.start, b.start) === 0 && cmp(a.end, b.end) === 0;
}
function size(r: Range): number {
  return (r.end.line - r.start.line) * 100000 + (r.end.character - r.start.character);
}

// Helpers for the vscode-API suites: open the examples, wait for what the language server pushes, ask VS Code's own
// provider commands (the same ones the editor UI calls), and an independent oracle for the kubelet's numbers so that
// expected values come from the YAML text, not from the extension under test.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'oom-lens.oom-lens';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the examples folder open as the workspace');
  return folder.uri;
}

export function exampleUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/** The extension's manifest, read from disk as VS Code read it. */
export function manifest(): { repository: { url: string }; contributes: Record<string, unknown> } {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return JSON.parse(readFileSync(join(ext.extensionPath, 'package.json'), 'utf8'));
}

/** DESIGN.md: `codeDescription.href` = `<repository URL>/blob/main/docs/rules/<id>.md`. */
export function ruleDocsUrl(ruleId: string): string {
  return `${manifest().repository.url.replace(/\.git$/, '')}/blob/main/docs/rules/${ruleId}.md`;
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(exampleUri(relative));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return editor;
}

/** Reverts an edited document to its saved text, so that suites do not see each other's edits. */
export async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value that is not undefined; fails with `what` and the last value seen. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await sleep(100);
  }
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'oom-lens');
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

/** Waits until the server has published diagnostics for `uri` that satisfy `ready`. */
export function waitForDiagnostics(uri: vscode.Uri, what: string, ready: (ds: vscode.Diagnostic[]) => boolean, timeoutMs?: number) {
  return waitFor(
    what,
    () => {
      const ds = ourDiagnostics(uri);
      return ready(ds) ? ds : undefined;
    },
    timeoutMs,
  );
}

export function hintText(h: vscode.InlayHint): string {
  const label = typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
  return label.trim();
}

/** The inlay hints VS Code would render for the whole document. */
export async function inlayHints(doc: vscode.TextDocument): Promise<vscode.InlayHint[]> {
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  return (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, whole)) ?? [];
}

/** Our hints on one line, as text. */
export async function hintsOnLine(doc: vscode.TextDocument, line: number): Promise<string[]> {
  return (await inlayHints(doc)).filter((h) => h.position.line === line).map(hintText);
}

export async function hoverMarkdown(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n\n');
}

export async function codeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
}

export async function quickFixes(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value,
  )) ?? [];
  return actions.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

// ---- text lookups: line numbers come from the example's text, so that editing an example does not break a test

/** The 0-based line of the first line matching `re`, at or after line `from`. */
export function lineOf(doc: vscode.TextDocument, re: RegExp, from = 0): number {
  for (let i = from; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  throw new Error(`no line matches ${re} in ${doc.uri.path} (from line ${from + 1})`);
}

/** The line of a container's `- name: <name>` entry. */
export function containerLine(doc: vscode.TextDocument, name: string): number {
  return lineOf(doc, new RegExp(`^\\s*-\\s+name:\\s+${name}\\s*$`));
}

/** The value of the first `<key>:` (e.g. `memory`) inside block `<section>:` (e.g. `requests`) after line `from`. */
export function resourceValue(doc: vscode.TextDocument, from: number, section: 'requests' | 'limits', key: string): string | undefined {
  const start = lineOf(doc, new RegExp(`^\\s*${section}:\\s*$`), from);
  const indent = doc.lineAt(start).firstNonWhitespaceCharacterIndex;
  for (let i = start + 1; i < doc.lineCount; i++) {
    const text = doc.lineAt(i).text;
    if (text.trim() === '') continue;
    if (doc.lineAt(i).firstNonWhitespaceCharacterIndex <= indent) return undefined;
    const m = new RegExp(`^\\s*${key}:\\s*["']?([^"'\\s#]+)`).exec(text);
    if (m) return m[1];
  }
  return undefined;
}

// ---- the oracle: the kubelet's arithmetic on the file's numbers (REFERENCE.md §1.1), kept deliberately small

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n };

/** Bytes of a binary-suffixed or plain integer quantity (`1Gi`, `64Mi`, `536870912`); the examples use only these. */
export function bytesOf(quantity: string): bigint {
  const m = /^(\d+)(Ki|Mi|Gi|Ti)?$/.exec(quantity);
  if (!m) throw new Error(`the oracle reads only integer binary quantities, not \`${quantity}\``);
  return BigInt(m[1]) * (m[2] ? BINARY[m[2]] : 1n);
}

/** kubelet pkg/kubelet/qos/policy.go, Burstable branch: 1000 − ⌊1000 × request / capacity⌋, clamped to [3, 999]. */
export function burstableScore(requestBytes: bigint, capacityBytes: bigint): number {
  const adj = 1000n - (1000n * requestBytes) / capacityBytes;
  if (adj < 3n) return 3;
  if (adj >= 1000n) return 999;
  return Number(adj);
}

/** A sidecar (restartable init container) never scores above the regular container with the smallest request. */
export function sidecarScore(ownRequest: bigint, regularRequests: bigint[], capacityBytes: bigint): number {
  const min = regularRequests.reduce((a, b) => (b < a ? b : a));
  return Math.min(burstableScore(ownRequest, capacityBytes), burstableScore(min, capacityBytes));
}

// "OOM Lens: Show Memory Report": asks the server for the report of the active document (or of every open YAML,
// Dockerfile and compose document) and shows the page it returns in one re-usable webview panel. No analysis here.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
// Types only: the client bundle must not pull in the server's code.
import type { MemoryReportParams, MemoryReportResult } from '../../server/src/lsp/memory-report';

export const SHOW_MEMORY_REPORT_COMMAND = 'oomLens.showMemoryReport';
const METHOD = 'oomLens/memoryReport'; // server/src/lsp/memory-report.ts MEMORY_REPORT_METHOD
const VIEW_TYPE = 'oomLens.memoryReport';
/** The languages the server is started for (extension.ts `documentSelector`). */
const LANGUAGES = new Set(['yaml', 'dockerfile', 'dockercompose']);

/**
 * The client's own policy, put first in the page's head. The server's page carries a stricter one (a style nonce);
 * a document obeys every policy it has, so this one guarantees no scripts and no loads whatever the server sends.
 */
const CLIENT_POLICY = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">`;

export function registerMemoryReportCommand(
  context: vscode.ExtensionContext,
  getClient: () => LanguageClient | undefined,
): void {
  let panel: vscode.WebviewPanel | undefined;
  let last: { uris: string[]; title: string } | undefined;

  async function show(target?: unknown): Promise<void> {
    const client = getClient();
    if (!client || !client.isRunning()) {
      void vscode.window.showWarningMessage('OOM Lens: the language server is not running, so there is no memory report to show.');
      return;
    }
    // Run again from the focused report (no text editor is active then): refresh what it shows.
    const reuse = !(target instanceof vscode.Uri) && !vscode.window.activeTextEditor && panel?.active && last;
    const { uris, title } = reuse ? last! : documentsToReport(target);
    last = { uris, title };
    const params: MemoryReportParams = { uris };
    let result: MemoryReportResult;
    try {
      result = await client.sendRequest<MemoryReportResult>(METHOD, params);
    } catch (error) {
      void vscode.window.showErrorMessage(`OOM Lens: the memory report failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!panel) {
      panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // The page is static: no scripts, no local resources, nothing to keep alive while hidden.
        { enableScripts: false, enableCommandUris: false, localResourceRoots: [], enableFindWidget: true },
      );
      panel.onDidDispose(() => (panel = undefined), undefined, context.subscriptions);
    } else {
      panel.reveal(undefined, true);
    }
    panel.title = title;
    panel.webview.html = withClientPolicy(result.html);
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_MEMORY_REPORT_COMMAND, show),
    { dispose: () => panel?.dispose() },
  );
}

/**
 * A URI passed by a menu (explorer or editor title) wins; then the active editor's document when the server
 * analyses its language; otherwise every open document the server analyses.
 */
function documentsToReport(target: unknown): { uris: string[]; title: string } {
  if (target instanceof vscode.Uri) return { uris: [target.toString()], title: titleFor(target) };
  const active = vscode.window.activeTextEditor?.document;
  if (active && LANGUAGES.has(active.languageId)) return { uris: [active.uri.toString()], title: titleFor(active.uri) };
  const open = vscode.workspace.textDocuments.filter((d) => LANGUAGES.has(d.languageId) && !d.isClosed);
  return { uris: open.map((d) => d.uri.toString()), title: 'Memory Report: open files' };
}

function titleFor(uri: vscode.Uri): string {
  const name = uri.path.split('/').pop() || uri.toString();
  return `Memory Report: ${name}`;
}

function withClientPolicy(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return `${CLIENT_POLICY}\n${html}`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n${CLIENT_POLICY}${html.slice(at)}`;
}

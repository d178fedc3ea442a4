// "OOM Lens: Show Node View": asks the server for the node view of every open YAML document (or the file a menu
// names) and shows the page beside the editor; rows link to their containers through `oomLens.revealInEditor`,
// the only command the page may run. The view follows edits while it is open. No analysis here.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
// Types only: the client bundle must not pull in the server's code.
import type { NodeViewParams, NodeViewResult } from '../../server/src/lsp/node-view';

export const SHOW_NODE_VIEW_COMMAND = 'oomLens.showNodeView';
export const REVEAL_COMMAND = 'oomLens.revealInEditor'; // server/src/lsp/node-view.ts REVEAL_COMMAND
const METHOD = 'oomLens/nodeView'; // server/src/lsp/node-view.ts NODE_VIEW_METHOD
const VIEW_TYPE = 'oomLens.nodeView';
const LANGUAGES = new Set(['yaml']);
/** Re-ask after edits settle (the server debounces its own validation at 150 ms). */
const REFRESH_MS = 400;

/** No scripts and no loads whatever the server sends (the server's page carries a stricter policy too). */
const CLIENT_POLICY = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">`;

export function registerNodeViewCommand(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  let panel: vscode.WebviewPanel | undefined;
  let pinned: string[] | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function render(quiet: boolean): Promise<void> {
    const client = getClient();
    if (!client || !client.isRunning()) {
      if (!quiet) void vscode.window.showWarningMessage('OOM Lens: the language server is not running, so there is no node view to show.');
      return;
    }
    const uris = pinned ?? vscode.workspace.textDocuments.filter((d) => LANGUAGES.has(d.languageId) && !d.isClosed).map((d) => d.uri.toString());
    const params: NodeViewParams = { uris };
    let result: NodeViewResult;
    try {
      result = await client.sendRequest<NodeViewResult>(METHOD, params);
    } catch (error) {
      if (!quiet) void vscode.window.showErrorMessage(`OOM Lens: the node view failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!panel) {
      panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        'Node View',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // Static page; its links may run the reveal command and nothing else.
        { enableScripts: false, enableCommandUris: [REVEAL_COMMAND], localResourceRoots: [], enableFindWidget: true },
      );
      panel.onDidDispose(() => (panel = undefined), undefined, context.subscriptions);
    }
    panel.title = pinned?.length === 1 ? `Node View: ${pinned[0].split('/').pop()}` : 'Node View: open files';
    panel.webview.html = withClientPolicy(result.html);
  }

  async function show(target?: unknown): Promise<void> {
    pinned = target instanceof vscode.Uri ? [target.toString()] : undefined;
    await render(false);
    panel?.reveal(undefined, true);
  }

  function refreshSoon(doc: vscode.TextDocument): void {
    if (!panel || !LANGUAGES.has(doc.languageId)) return;
    if (pinned && !pinned.includes(doc.uri.toString())) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void render(true), REFRESH_MS);
  }

  async function reveal(uri: unknown, line: unknown, character: unknown): Promise<void> {
    if (typeof uri !== 'string' || typeof line !== 'number' || typeof character !== 'number') return;
    const position = new vscode.Position(line, character);
    await vscode.window.showTextDocument(vscode.Uri.parse(uri), { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_NODE_VIEW_COMMAND, show),
    vscode.commands.registerCommand(REVEAL_COMMAND, reveal),
    vscode.workspace.onDidChangeTextDocument((e) => refreshSoon(e.document)),
    vscode.workspace.onDidOpenTextDocument(refreshSoon),
    vscode.workspace.onDidCloseTextDocument(refreshSoon),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (panel && e.affectsConfiguration('oomLens')) {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void render(true), REFRESH_MS);
      }
    }),
    { dispose: () => { if (timer) clearTimeout(timer); panel?.dispose(); } },
  );
}

function withClientPolicy(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return `${CLIENT_POLICY}\n${html}`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n${CLIENT_POLICY}${html.slice(at)}`;
}

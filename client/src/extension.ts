// The VS Code side: start the language server, pass settings, offer UI-only commands. No analysis here.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  type ConfigurationParams,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { registerMemoryReportCommand } from './memory-report';
import { registerNodeViewCommand } from './node-view';

let client: LanguageClient | undefined;

/**
 * Only settings the user set explicitly (user, workspace or folder scope) reach the server, so that
 * `.oom-lens.yaml` can supply the rest (DESIGN.md "Settings": VS Code settings override the file).
 */
function explicitSettings(scopeUri: string | undefined): Record<string, unknown> {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const config = vscode.workspace.getConfiguration('oomLens', scope);
  const out: Record<string, unknown> = {};
  const keys = (vscode.extensions.getExtension('oom-lens.oom-lens')?.packageJSON?.contributes?.configuration?.properties ?? {}) as Record<string, unknown>;
  for (const full of Object.keys(keys)) {
    const key = full.replace(/^oomLens\./, '');
    const i = config.inspect(key);
    const value = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('OOM Lens', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
      { scheme: 'file', language: 'dockercompose' },
    ],
    outputChannel: output,
    synchronize: { configurationSection: 'oomLens' },
    middleware: {
      workspace: {
        configuration: (params: ConfigurationParams) =>
          params.items.map((item) => (item.section === 'oomLens' ? explicitSettings(item.scopeUri) : null)),
      },
    },
  };
  client = new LanguageClient('oomLens', 'OOM Lens', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('oomLens.restartServer', async () => {
      output.info('Restarting the OOM Lens server');
      await client?.restart();
    }),
    vscode.commands.registerCommand('oomLens.showOutput', () => output.show(true)),
  );
  registerMemoryReportCommand(context, () => client);
  registerNodeViewCommand(context, () => client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

// The language server executable: `node dist/server.js --stdio` (or `--node-ipc` from VS Code).
// The only server file that touches the process and the file system.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { parseConfigText } from './engine/config';
import { startServer } from './lsp/server';

const connection = createConnection(ProposedFeatures.all);

// Under --stdio, stdout is the protocol: route stray console output to the client's log instead.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = console.log;
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

process.on('uncaughtException', (error) => connection.console.error(`OOM Lens: uncaught exception: ${error?.stack ?? error}`));
process.on('unhandledRejection', (reason) => connection.console.error(`OOM Lens: unhandled rejection: ${String(reason)}`));

startServer(connection, {
  readWorkspaceConfig(rootUri: string): string | null {
    if (!rootUri.startsWith('file:')) return null;
    const root = fileURLToPath(rootUri);
    for (const name of ['.oom-lens.yaml', '.oom-lens.yml']) {
      try {
        return readFileSync(join(root, name), 'utf8');
      } catch {
        // absent: try the next name
      }
    }
    return null;
  },
  parseConfig: parseConfigText,
});

connection.listen();

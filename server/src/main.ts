// The language server executable: `node dist/server.js --stdio` (or `--node-ipc` from VS Code).
// The only server file that touches the process and the file system.
import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
  async listFiles(rootUri, accept, maxFiles) {
    if (!rootUri.startsWith('file:')) return [];
    const out: string[] = [];
    // Breadth-first, so a cap keeps the files nearest the root; symbolic links are not followed (no cycles).
    const queue = [fileURLToPath(rootUri)];
    while (queue.length && out.length < maxFiles) {
      const dir = queue.shift()!;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'node_modules' && entry.name !== '.git') queue.push(full);
        } else if (entry.isFile()) {
          const uri = pathToFileURL(full).href;
          if (accept(uri)) out.push(uri);
          if (out.length >= maxFiles) break;
        }
      }
    }
    return out;
  },
  async readFile(uri, maxBytes) {
    if (!uri.startsWith('file:')) return null;
    try {
      const path = fileURLToPath(uri);
      if ((await stat(path)).size > maxBytes) return null;
      return await readFile(path, 'utf8');
    } catch {
      return null;
    }
  },
});

connection.listen();

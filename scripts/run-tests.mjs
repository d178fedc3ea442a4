// Runs every `*.test.ts` under the given folders (default: the fast layer) with node:test and tsx,
// and closes with the plain `N passed, N failed` line CI reads.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/engine', 'test/lsp', 'test/cli', 'test/corpus', 'test/robustness'];

function walk(dir, out) {
  let names;
  try { names = readdirSync(dir); } catch { return out; }
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = roots.flatMap((root) => (root.endsWith('.ts') ? [root] : walk(root, [])));
if (files.length === 0) {
  console.error('no test files found under', roots.join(', '));
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  [
    '--import', 'tsx',
    '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/summary-reporter.mjs', '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);

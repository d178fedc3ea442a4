// Bundles the vscode-API mocha suite (test/vscode/suite/*.ts) into out/vscode-suite/, one file per entry, CommonJS for
// the extension host. `vscode` is the host's module; `mocha` is resolved from the repository's node_modules at run time
// so that the suites' `describe`/`it` and the runner in index.js share one mocha.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const suiteOutDir = resolve(here, '../../out/vscode-suite');
export const suiteIndex = join(suiteOutDir, 'index.js');

export async function buildSuite() {
  const dir = join(here, 'suite');
  const entryPoints = readdirSync(dir)
    .filter((n) => n === 'index.ts' || n.endsWith('.suite.ts'))
    .map((n) => join(dir, n));
  await esbuild.build({
    entryPoints,
    outdir: suiteOutDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return suiteIndex;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await buildSuite());
}

// One esbuild context per entry point, as in vscode-eslint's esbuild.js: CommonJS for Node,
// `vscode` external, minified with --production. Type checking is `npm run typecheck` (esbuild does not check).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const entries = [
  { in: 'client/src/extension.ts', out: 'dist/client.js' },
  { in: 'server/src/main.ts', out: 'dist/server.js' },
  { in: 'server/src/cli.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
];

for (const entry of entries) {
  await esbuild.build({
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'warning',
    banner: entry.banner ? { js: entry.banner } : undefined,
  });
}

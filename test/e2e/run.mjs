// The real-editor layer (`npm run test:e2e`): the grammar snapshots, the vscode-API suite in code-server's extension
// host, the UI smoke test of the packaged .vsix in headless Chromium, and Neovim's LSP client against the server.
// Runs each as a child process, one after the other (they share the machine's CPU), echoes its output, and closes with
// the combined `N passed, N failed` line; exits non-zero on any failure. Expects scripts/e2e-setup.sh to have run and
// dist/ + oom-lens.vsix to be built (the npm script does all three).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseSummary, repoRoot, summaryLine } from './lib/harness.mjs';

const layers = [
  { name: 'grammar', args: ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter=./scripts/summary-reporter.mjs',
    '--test-reporter-destination=stdout', '--test-reporter-destination=stdout', 'test/grammar/jvm-memory-injection.test.ts'] },
  { name: 'vscode-api', args: ['test/e2e/vscode-api.mjs'] },
  { name: 'ui-smoke', args: ['test/e2e/ui-smoke.mjs'] },
  { name: 'neovim', args: ['test/e2e/neovim.mjs'] },
];
const only = process.argv.slice(2);

let passed = 0;
let failed = 0;
const times = [];
for (const layer of layers) {
  if (only.length && !only.includes(layer.name)) continue;
  const started = Date.now();
  console.log(`\n── ${layer.name} ──`);
  const { code, output } = await new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, layer.args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c) => { output += c; process.stdout.write(c); });
    child.stderr.on('data', (c) => { output += c; process.stderr.write(c); });
    child.on('exit', (c) => resolve({ code: c ?? 1, output }));
  });
  const summary = parseSummary(output);
  if (summary) {
    passed += summary.passed;
    failed += summary.failed;
  }
  // A runner that crashed without its closing line, or exited non-zero with nothing failed, still counts as a failure.
  if (!summary || (code !== 0 && summary.failed === 0)) failed++;
  times.push(`${layer.name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`\ne2e layers: ${times.join(', ')}`);
console.log(summaryLine(passed, failed));
process.exit(failed === 0 ? 0 : 1);

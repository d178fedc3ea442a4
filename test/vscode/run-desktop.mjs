// The same vscode-API suite in desktop VS Code, through @vscode/test-electron 2.5 (for contributors whose machines can
// download VS Code; the offline CI machines use test/e2e/vscode-api.mjs and code-server instead).
// Set OOM_LENS_VSCODE_EXECUTABLE to use an installed VS Code instead of downloading one.
import { runTests } from '@vscode/test-electron';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyExamples, makeTempDir, removeDir, repoRoot, summaryLine } from '../e2e/lib/harness.mjs';
import { buildSuite } from './build.mjs';

async function main() {
  if (!existsSync(join(repoRoot, 'dist/client.js'))) throw new Error('dist/ is missing: run npm run build first');
  const extensionTestsPath = await buildSuite();
  const workspace = copyExamples(makeTempDir('desktop-ws'));
  const profile = makeTempDir('desktop-profile');
  const resultsFile = join(makeTempDir('desktop-results'), 'results.json');
  let code = 1;
  try {
    code = await runTests({
      // The version code-server 4.100.3 carries, so that both runners exercise one VS Code.
      version: process.env.OOM_LENS_VSCODE_VERSION ?? '1.100.3',
      vscodeExecutablePath: process.env.OOM_LENS_VSCODE_EXECUTABLE,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { OOM_LENS_E2E_RESULTS: resultsFile, OOM_LENS_E2E_WORKSPACE: workspace },
      launchArgs: [
        workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        `--user-data-dir=${join(profile, 'user-data')}`, `--extensions-dir=${join(profile, 'extensions')}`,
      ],
    }).catch((error) => {
      console.error(String(error?.message ?? error));
      return 1;
    });
  } finally {
    removeDir(workspace);
    removeDir(profile);
  }
  const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : null;
  let passed = 0;
  let failed = 0;
  for (const t of results?.tests ?? []) {
    if (t.state === 'passed') passed++;
    else failed++;
    console.log(`  ${t.state === 'passed' ? '✔' : '✖'} ${t.title}${t.error ? `\n      ${t.error.split('\n')[0]}` : ''}`);
  }
  if (!results) {
    failed++;
    console.log('  ✖ desktop VS Code did not run the suite (no results)');
  }
  console.log(summaryLine(passed, failed));
  return failed === 0 && code === 0 ? 0 : 1;
}

main().then((c) => process.exit(c), (error) => {
  console.error(error?.stack ?? error);
  console.log(summaryLine(0, 1));
  process.exit(1);
});

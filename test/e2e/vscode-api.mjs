// Runs the vscode-API mocha suite (test/vscode/suite) inside code-server's Node extension host, through the web
// workbench's `payload` (extensionDevelopmentPath + extensionTestsPath), on a fresh copy of examples/.
// The suite writes its results to the file named by OOM_LENS_E2E_RESULTS; the workbench calls
// window.codeAutomationExit(code) when run() settles. Prints one line per test and the closing `N passed, N failed`.
//
//   node test/e2e/vscode-api.mjs               the OOM Lens suite against the extension in this repository (dist/)
//   node test/e2e/vscode-api.mjs --self-test   the plumbing only: a stand-in extension and test module
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSuite } from '../vscode/build.mjs';
import { launchChromium } from './lib/chromium.mjs';
import { makeProfile, startCodeServer } from './lib/code-server.mjs';
import { copyExamples, ensureArtifactsDir, makeTempDir, removeDir, repoRoot, stopAll, summaryLine, withTimeout } from './lib/harness.mjs';

const selfTest = process.argv.includes('--self-test');
const verbose = process.argv.includes('--verbose') || process.env.OOM_LENS_E2E_VERBOSE === '1';
const runTimeoutMs = 240_000;

async function main() {
  const started = Date.now();
  let extensionPath;
  let testsPath;
  const workspace = makeTempDir('vscode-api-ws');
  if (selfTest) {
    extensionPath = join(repoRoot, 'test/e2e/fixtures/hello-extension');
    testsPath = join(repoRoot, 'test/e2e/fixtures/hello-tests/index.js');
    writeFileSync(join(workspace, 'bad.yaml'), 'resources:\n  limits:\n    memory: 4GB\n');
  } else {
    if (!existsSync(join(repoRoot, 'dist/client.js')) || !existsSync(join(repoRoot, 'dist/server.js'))) {
      throw new Error('dist/client.js or dist/server.js is missing: run npm run build first');
    }
    extensionPath = repoRoot;
    testsPath = await buildSuite();
    copyExamples(workspace);
  }
  const resultsFile = join(makeTempDir('vscode-api-results'), 'results.json');
  const profile = makeProfile();
  const serverLog = [];
  let server;
  let browser;
  const failures = [];
  let results = null;
  try {
    server = await startCodeServer({
      workspace,
      profile,
      env: { OOM_LENS_E2E_RESULTS: resultsFile, OOM_LENS_E2E_WORKSPACE: workspace },
      log: (line) => serverLog.push(line),
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const hostLog = [];
    page.on('console', (msg) => {
      const text = msg.text();
      hostLog.push(text);
      if (verbose) console.log(`  [page] ${text}`);
    });
    let exit;
    const exited = new Promise((res) => { exit = res; });
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    await page.exposeFunction('codeAutomationLog', (_level, args) => {
      if (verbose) console.log(`  [log] ${Array.isArray(args) ? args.join(' ') : args}`);
    });
    const payload = [
      ['extensionDevelopmentPath', server.remoteUri(extensionPath)],
      ['extensionTestsPath', server.remoteUri(testsPath)],
    ];
    const url = `${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    let code;
    try {
      code = await withTimeout(exited, runTimeoutMs, 'the extension tests');
    } catch (error) {
      failures.push(String(error.message));
      const dir = ensureArtifactsDir('vscode-api');
      await page.screenshot({ path: join(dir, 'timeout.png') }).catch(() => {});
      writeFileSync(join(dir, 'page-console.log'), hostLog.join('\n'));
    }
    if (existsSync(resultsFile)) results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    if (code !== undefined && code !== 0 && !results) {
      failures.push(`the extension tests exited with ${code} and wrote no results`);
      const dir = ensureArtifactsDir('vscode-api');
      writeFileSync(join(dir, 'page-console.log'), hostLog.join('\n'));
    }
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    await stopAll();
    profile.dispose();
    removeDir(workspace);
  }
  if (failures.length > 0 || (results && results.failed > 0)) {
    const dir = ensureArtifactsDir('vscode-api');
    writeFileSync(join(dir, 'code-server.log'), serverLog.join('\n'));
  }
  let passed = 0;
  let failed = 0;
  for (const t of results?.tests ?? []) {
    if (t.state === 'passed') {
      passed++;
      console.log(`  ✔ ${t.title}`);
    } else {
      failed++;
      console.log(`  ✖ ${t.title}\n${indent(t.error ?? '')}`);
    }
  }
  for (const f of failures) {
    failed++;
    console.log(`  ✖ ${f}`);
  }
  if (!results && failures.length === 0) {
    failed++;
    console.log('  ✖ the extension tests wrote no results');
  }
  console.log(`vscode-api: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(summaryLine(passed, failed));
  return failed === 0 ? 0 : 1;
}

function indent(text) {
  return text.split('\n').slice(0, 12).map((l) => `      ${l}`).join('\n');
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    console.error(error?.stack ?? error);
    await stopAll();
    console.log(summaryLine(0, 1));
    process.exit(1);
  },
);

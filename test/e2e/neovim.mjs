// OOM Lens in a second real client: Debian's Neovim (headless, its built-in LSP client) against
// `node dist/server.js --stdio`, on a fresh copy of examples/. Checks diagnostics (code, source, link), a hover and an
// applied quick fix; the Lua driver (neovim/driver.lua) does the editor side. Prints the closing `N passed, N failed`.
//
//   node test/e2e/neovim.mjs               the real server
//   node test/e2e/neovim.mjs --self-test   the plumbing only, against a stand-in server
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyExamples, ensureArtifactsDir, makeTempDir, removeDir, repoRoot, startProcess, stopAll, summaryLine, withTimeout } from './lib/harness.mjs';

const selfTest = process.argv.includes('--self-test');
const nvim = process.env.OOM_LENS_NVIM ?? '/usr/bin/nvim';
// vim.diagnostic.severity.ERROR
const ERROR = 1;

/** The check plan for the real server, derived from the example's text (what the fix must write comes from it). */
function realPlan(workspace) {
  const file = join(workspace, 'k8s/storefront.yaml');
  const lines = readFileSync(file, 'utf8').split('\n');
  // The first memory value spelled with a decimal SI suffix the API server rejects (`1GB`): invalid-quantity, and
  // the preferred fix writes the binary suffix (DESIGN.md "Quick fixes": `4GB` → `4Gi`).
  const line = lines.findIndex((l) => /memory: \d+GB\s*$/.test(l));
  if (line < 0) throw new Error('examples/k8s/storefront.yaml has no `memory: <n>GB` line any more');
  const [, spelled, digits] = /memory: ((\d+)GB)/.exec(lines[line]);
  const character = lines[line].indexOf(spelled);
  // Hover over the debug pod's container name: no requests or limits anywhere, so BestEffort and a score of 1000
  // (kubelet pkg/kubelet/qos/policy.go besteffortOOMScoreAdj).
  const shellLine = lines.findIndex((l) => /^\s*-\s+name:\s+shell\s*$/.test(l));
  if (shellLine < 0) throw new Error('examples/k8s/storefront.yaml has no `shell` container any more');
  return {
    server: [process.execPath, join(repoRoot, 'dist/server.js'), '--stdio'],
    root: workspace,
    file,
    filetype: 'yaml',
    diagnostic: {
      code: 'invalid-quantity', line, character, severity: ERROR, source: 'oom-lens',
      hrefSuffix: '/blob/main/docs/rules/invalid-quantity.md', messageContains: [`\`${spelled}\``],
    },
    hover: { line: shellLine, character: lines[shellLine].indexOf('shell') + 1, contains: ['BestEffort', 'oom_score_adj', '1000'] },
    fix: { titleContains: [`${digits}Gi`], expectLine: lines[line].replace(spelled, `${digits}Gi`) },
  };
}

function selfTestPlan(workspace) {
  const file = join(workspace, 'bad.yaml');
  writeFileSync(file, 'resources:\n  limits:\n    memory: 4GB\n');
  return {
    server: [process.execPath, join(repoRoot, 'test/e2e/fixtures/stub-server.js'), '--stdio'],
    root: workspace,
    file,
    filetype: 'yaml',
    diagnostic: {
      code: 'invalid-quantity', line: 2, character: 12, severity: ERROR, source: 'stub',
      hrefSuffix: '/docs/rules/invalid-quantity.md', messageContains: ['`4GB`'],
    },
    hover: { line: 2, character: 5, contains: ['oom_score_adj'] },
    fix: { titleContains: ['4Gi'], expectLine: '    memory: 4Gi' },
  };
}

async function main() {
  const started = Date.now();
  if (!existsSync(nvim)) throw new Error(`${nvim} is missing: run bash scripts/e2e-setup.sh`);
  if (!selfTest && !existsSync(join(repoRoot, 'dist/server.js'))) throw new Error('dist/server.js is missing: run npm run build first');
  const workspace = makeTempDir('nvim-ws');
  const scratch = makeTempDir('nvim');
  let output = '';
  const results = join(scratch, 'results.txt');
  try {
    if (!selfTest) copyExamples(workspace);
    const plan = { ...(selfTest ? selfTestPlan(workspace) : realPlan(workspace)), results, timeoutMs: 15000 };
    const planFile = join(scratch, 'plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    const proc = startProcess(
      nvim,
      ['--headless', '-n', '-i', 'NONE', '-u', 'NONE', '-c', `luafile ${join(repoRoot, 'test/e2e/neovim/driver.lua')}`],
      // XDG folders in the scratch folder: Neovim writes its LSP log and state there, never under $HOME.
      { cwd: workspace, env: { ...process.env, OOM_LENS_NVIM_PLAN: planFile, XDG_STATE_HOME: scratch, XDG_CACHE_HOME: scratch, XDG_DATA_HOME: scratch, XDG_CONFIG_HOME: scratch } },
    );
    proc.child.stdout.on('data', (c) => { output += c; });
    proc.child.stderr.on('data', (c) => { output += c; });
    try {
      await withTimeout(proc.exited, 90_000, 'nvim');
    } finally {
      await proc.stop();
    }
  } finally {
    await stopAll();
  }
  const lines = existsSync(results) ? readFileSync(results, 'utf8').split('\n').filter(Boolean) : [];
  let passed = 0;
  let failed = 0;
  for (const line of lines) {
    if (line.startsWith('PASS ')) {
      passed++;
      console.log(`  ✔ ${line.slice(5)}`);
    } else {
      failed++;
      const [name, reason] = line.slice(5).split('\t');
      console.log(`  ✖ ${name}\n      ${reason ?? ''}`);
    }
  }
  if (lines.length === 0) {
    failed++;
    console.log(`  ✖ the Neovim driver reported nothing\n${output}`);
  }
  if (failed > 0) {
    const dir = ensureArtifactsDir('neovim');
    writeFileSync(join(dir, 'nvim-output.log'), output);
    const lspLog = join(scratch, 'nvim/lsp.log');
    if (existsSync(lspLog)) writeFileSync(join(dir, 'lsp.log'), readFileSync(lspLog));
  }
  removeDir(workspace);
  removeDir(scratch);
  console.log(`neovim: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(summaryLine(passed, failed));
  return failed === 0 ? 0 : 1;
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

// UI smoke test of the packaged extension (oom-lens.vsix) in the real VS Code workbench (code-server), driven by
// headless Chromium like a user: open a manifest, see the squiggle, the inlay hint text and the hover, apply a quick
// fix with Ctrl+. and Enter, save, read the file on disk. Recipe and selectors: ../shared/VSCODE-E2E.md.
//
//   node test/e2e/ui-smoke.mjs                        the smoke test; failure screenshots go to .test-artifacts/ui-smoke/
//   node test/e2e/ui-smoke.mjs --screenshots DIR      the same steps, saving the README's images into DIR
// OOM_LENS_VSIX names the package (default: oom-lens.vsix at the repository root).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from './lib/chromium.mjs';
import { installExtension, makeProfile, startCodeServer } from './lib/code-server.mjs';
import { copyExamples, ensureArtifactsDir, makeTempDir, removeDir, repoRoot, sleep, stopAll, summaryLine } from './lib/harness.mjs';

const shotsArg = process.argv.indexOf('--screenshots');
const screenshotsDir = shotsArg >= 0 ? resolve(process.argv[shotsArg + 1] ?? 'docs/images') : null;
const vsix = resolve(process.env.OOM_LENS_VSIX ?? join(repoRoot, 'oom-lens.vsix'));
const NBSP = /\u00a0/g;

// ---- the oracle for the expected hint (REFERENCE.md §1.1), from the example's own numbers
const BINARY = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n };
const bytesOf = (q) => {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(q);
  if (!m) throw new Error(`the oracle reads only binary quantities, not ${q}`);
  return BigInt(m[1]) * (m[2] ? BINARY[m[2]] : 1n);
};
const burstable = (req, cap) => {
  const adj = 1000n - (1000n * req) / cap;
  return adj < 3n ? 3 : adj >= 1000n ? 999 : Number(adj);
};

/** Line (1-based) and the `requests.memory` of container `name` in a manifest text. */
function containerFacts(text, name) {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^\\s*-\\s+name:\\s+${name}\\s*$`).test(l));
  if (at < 0) throw new Error(`no container ${name}`);
  const req = lines.findIndex((l, i) => i > at && /^\s*requests:\s*$/.test(l));
  const mem = /memory:\s*(\S+)/.exec(lines[req + 1] ?? '')?.[1];
  return { line: at + 1, request: mem };
}

async function main() {
  const started = Date.now();
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
  const steps = [];
  // A folder named `examples` so that the explorer (and the README's screenshots) read EXAMPLES.
  const scratch = makeTempDir('ui-ws');
  const workspace = copyExamples(join(scratch, 'examples'));
  const profile = makeProfile();
  const serverLog = [];
  let server;
  let browser;
  let page;
  // A failed step stops the rest only when it is `critical`, i.e. nothing after it can work without it (the install,
  // the workbench, the fix that the save then checks); other failures are reported and the next steps still run.
  const run = async (name, fn, { critical = false } = {}) => {
    if (steps.some((s) => !s.ok && s.critical)) {
      steps.push({ name, ok: false, error: 'not reached (an earlier step failed)' });
      return;
    }
    const t0 = Date.now();
    try {
      await fn();
      steps.push({ name, ok: true, ms: Date.now() - t0 });
    } catch (error) {
      steps.push({ name, ok: false, critical, error: String(error?.message ?? error).split('\n').slice(0, 6).join('\n') });
      if (page) {
        const dir = ensureArtifactsDir('ui-smoke');
        const file = join(dir, `${String(steps.length).padStart(2, '0')}-${name.replace(/[^\w]+/g, '-').slice(0, 60)}.png`);
        await page.screenshot({ path: file }).catch(() => {});
        steps.at(-1).error += `\n(screenshot: ${file})`;
      }
    }
  };
  const shot = async (name) => {
    if (!screenshotsDir || !page) return;
    // Hovers and menus fade in: let the animation finish before the picture.
    await sleep(800);
    await page.screenshot({ path: join(screenshotsDir, name) });
  };

  try {
    await run('the packaged extension installs into code-server', async () => {
      const out = installExtension(profile, vsix);
      const installed = readdirSync(profile.extensionsDir).filter((n) => n.startsWith('oom-lens.oom-lens-'));
      if (installed.length !== 1) throw new Error(`not in ${profile.extensionsDir}: ${out}`);
    }, { critical: true });
    await run('the workbench loads the examples folder', async () => {
      server = await startCodeServer({ workspace, profile, log: (l) => serverLog.push(l) });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${server.base}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    }, { critical: true });

    const storefront = readFileSync(join(workspace, 'k8s/storefront.yaml'), 'utf8');
    const badLine = storefront.split('\n').findIndex((l) => /memory: 1GB\s*$/.test(l)) + 1;
    const badCol = storefront.split('\n')[badLine - 1].indexOf('1GB') + 1;

    await run('storefront.yaml opens and shows an error squiggle and the problem count', async () => {
      await openFile(page, 'storefront.yaml');
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: 30_000 });
      // Two invalid quantities (`1GB`, `2GB`) are errors; the status bar says `Errors: 2, Warnings: 1`.
      await waitForAttribute(page, '[id="status.problems"]', 'aria-label', (l) => Number(/Errors?:\s*(\d+)/i.exec(l)?.[1]) >= 2);
    });

    await run('the injection grammar colours `-Xmx1536m` apart from the string around it', async () => {
      // Without the grammar the whole "-Xmx1536m" string is one token; with it, `-Xmx` and `1536m` are tokens of
      // their own whose colour class differs from the string's.
      const line = page.locator('.view-line', { hasText: /-Xmx1536m/ }).first();
      await line.waitFor({ timeout: 15_000 });
      const spans = await line.locator('span > span').evaluateAll((els) => els.map((e) => [e.textContent, e.className]));
      const option = spans.find(([t]) => t === '-Xmx');
      const size = spans.find(([t]) => t === '1536m');
      const string = spans.find(([t]) => t === '"java"' || t === 'java');
      if (!option || !size) throw new Error(`tokens: ${JSON.stringify(spans)}`);
      if (string && (option[1] === string[1] || size[1] === string[1])) throw new Error(`same colour as the string: ${JSON.stringify(spans)}`);
    });

    await run('the inlay hint after the debug-shell container reads `BestEffort · oom_score_adj 1000`', async () => {
      await goTo(page, `${lineOfText(storefront, /- name: shell\s*$/)}:1`);
      await waitForText(page, '.view-line span[class*="dyn-rule"]', (t) => t.includes('BestEffort · oom_score_adj 1000'));
    });
    await shot('diagnostics-and-hints.png');

    await run('hovering the container name shows the QoS class and oom_score_adj', async () => {
      // The editor renders spaces as U+00A0: match them with \s.
      const nameLine = page.locator('.view-line', { hasText: /-\s+name:\s+shell/ });
      await nameLine.locator('span', { hasText: /^shell$/ }).last().hover();
      const hover = page.locator('.monaco-hover .hover-contents');
      await hover.first().waitFor({ timeout: 15_000 });
      await waitForText(page, '.monaco-hover .hover-contents', (t) => t.includes('BestEffort') && t.includes('1000'));
    });
    await shot('hover.png');
    await page?.mouse.move(5, 5);
    await page?.keyboard.press('Escape');

    const orders = readFileSync(join(workspace, 'k8s/orders.yaml'), 'utf8');
    const app = containerFacts(orders, 'app');
    const expectedApp = `Burstable · oom_score_adj ${burstable(bytesOf(app.request), bytesOf('16Gi'))}`;
    await run(`orders.yaml shows \`${expectedApp}\` after the app container (1Gi request, 16Gi node)`, async () => {
      await openFile(page, 'orders.yaml');
      await goTo(page, `${app.line}:1`);
      await waitForText(page, '.view-line span[class*="dyn-rule"]', (t) => t.includes(expectedApp));
    });
    await shot('orders-hints.png');

    // The report's oracle: each container of orders.yaml with the score the kubelet gives it and the heap its options
    // set (`-Xmx1g`; `-XX:MaxRAMPercentage=75.0` of the 2Gi limit), from the file's own text.
    const appLimit = /limits:\s*\n\s*memory:\s*(\S+)/.exec(orders.slice(orders.indexOf('- name: app')))?.[1];
    const appPercent = Number(/-XX:MaxRAMPercentage=([\d.]+)/.exec(orders)?.[1]);
    const expectedRows = {
      'log-shipper': { qos: 'Burstable' },
      app: {
        qos: 'Burstable',
        score: String(burstable(bytesOf(app.request), bytesOf('16Gi'))),
        heapMiB: Number((bytesOf(appLimit) * BigInt(Math.round(appPercent * 100))) / 10_000n / (1n << 20n)),
      },
      report: { qos: 'Burstable', heapMiB: Number(/-Xmx(\d+)g/.exec(orders)?.[1]) * 1024 },
    };
    await run('Command Palette → "OOM Lens: Show Memory Report" opens a webview with a table row per container', async () => {
      await runCommand(page, 'OOM Lens: Show Memory Report');
      await page.locator('.tab[aria-label*="Memory Report: orders.yaml"]').first().waitFor({ timeout: 15_000 });
      // A webview is an iframe (VS Code's host page) holding another (the extension's page): find the frame whose
      // document has the table, and read its rows.
      const rows = await pollReportRows(page, (r) => Object.keys(expectedRows).every((name) => r.some((cells) => cells[0] === name)));
      for (const [name, want] of Object.entries(expectedRows)) {
        const cells = rows.find((r) => r[0] === name);
        const [, , qos, score, , , heap] = cells;
        if (qos !== want.qos) throw new Error(`${name}: QoS ${qos}, expected ${want.qos}`);
        if (want.score && score !== want.score) throw new Error(`${name}: oom_score_adj ${score}, expected ${want.score}`);
        const heapText = want.heapMiB ? `${want.heapMiB / 1024} GiB` : null; // 1 GiB, 1.5 GiB
        if (heapText && !heap.startsWith(heapText)) throw new Error(`${name}: heap \`${heap}\`, expected ${heapText}`);
      }
    });
    await run('the memory report takes the whole window (maximized editor group, side bar hidden)', async () => {
      // The report opens beside the manifest; for reading (and the README's picture) give it the window's width.
      await page.locator('.tab[aria-label*="Memory Report: orders.yaml"]').first().click();
      await runCommand(page, 'View: Toggle Maximize Editor Group');
      await page.locator('.tab[aria-label*="orders.yaml"]:not([aria-label*="Memory Report"])').first()
        .waitFor({ state: 'hidden', timeout: 10_000 });
      await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
      await page.locator('.part.sidebar').first().waitFor({ state: 'hidden', timeout: 10_000 });
    });
    await shot('memory-report.png');
    await run('the memory report closes and the side bar comes back', async () => {
      const tab = page.locator('.tab[aria-label*="Memory Report"]').first();
      await tab.hover();
      await tab.locator('.tab-actions .action-label').first().click();
      await page.locator('.tab[aria-label*="Memory Report"]').first().waitFor({ state: 'detached', timeout: 10_000 });
      if (!(await page.locator('.part.sidebar').first().isVisible())) {
        await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
        await page.locator('.part.sidebar').first().waitFor({ state: 'visible', timeout: 10_000 });
      }
    });

    await run('Ctrl+. and Enter on `1GB` apply the preferred fix `1Gi`', async () => {
      await openFile(page, 'storefront.yaml');
      await goTo(page, `${badLine}:${badCol + 1}`);
      await sleep(300);
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget .monaco-list-row.focused, .action-widget .monaco-list-row.action.focused');
      await menu.first().waitFor({ timeout: 15_000 });
      await shot('quick-fix.png');
      const focused = (await menu.first().innerText()).replace(NBSP, ' ');
      if (!/1Gi/.test(focused)) throw new Error(`the focused fix is \`${focused}\``);
      await page.keyboard.press('Enter');
      await page.locator('.view-line', { hasText: /memory:\s1Gi/ }).first().waitFor({ timeout: 15_000 });
    }, { critical: true });

    await run('Ctrl+S saves `memory: 1Gi` to disk', async () => {
      await page.keyboard.press('Control+S');
      const file = join(workspace, 'k8s/storefront.yaml');
      const deadline = Date.now() + 15_000;
      for (;;) {
        const line = readFileSync(file, 'utf8').split('\n')[badLine - 1];
        if (/memory: 1Gi$/.test(line)) break;
        if (Date.now() > deadline) throw new Error(`line ${badLine} on disk: ${line}`);
        await sleep(200);
      }
    });
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    await stopAll();
    profile.dispose();
    removeDir(scratch);
  }
  let passed = 0;
  let failed = 0;
  for (const s of steps) {
    if (s.ok) passed++;
    else failed++;
    console.log(s.ok ? `  ✔ ${s.name} (${(s.ms / 1000).toFixed(1)} s)` : `  ✖ ${s.name}\n${s.error.split('\n').map((l) => `      ${l}`).join('\n')}`);
  }
  if (failed > 0) {
    writeFileSync(join(ensureArtifactsDir('ui-smoke'), 'code-server.log'), serverLog.join('\n'));
  }
  console.log(`ui-smoke: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(summaryLine(passed, failed));
  return failed === 0 ? 0 : 1;
}

function lineOfText(text, re) {
  const i = text.split('\n').findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no line matches ${re}`);
  return i + 1;
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(name);
  // Wait until the row the list has focused is the file (not a stale row from before the query), then Enter.
  await page.locator(`.quick-input-list .monaco-list-row.focused[aria-label*="${name}"]`).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${name}"], .tab.active[title*="${name}"]`).first().waitFor({ timeout: 15_000 });
}

/** Polls every frame of the page for the memory report's table rows (cell texts) until `ok` accepts them. */
async function pollReportRows(page, ok, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let seen = [];
  for (;;) {
    for (const frame of page.frames()) {
      const rows = await frame.locator('table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.replace(/\u00a0/g, ' ').trim())),
      ).catch(() => []);
      if (rows.length) seen = rows;
      if (rows.length && ok(rows)) return rows;
    }
    if (Date.now() > deadline) throw new Error(`no memory report table matched; rows seen: ${JSON.stringify(seen)}`);
    await sleep(250);
  }
}

/** Runs a command by its Command Palette label (`Category: Title`). */
async function runCommand(page, label) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${label}`);
  await page.locator(`.quick-input-list .monaco-list-row.focused[aria-label*="${label}"]`).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

async function goTo(page, lineCol) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${lineCol}`);
  await page.keyboard.press('Enter');
}

async function waitForAttribute(page, selector, name, ok, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = (await page.locator(selector).first().getAttribute(name, { timeout: 10_000 })) ?? '';
    if (ok(value)) return;
    if (Date.now() > deadline) throw new Error(`${selector} ${name}: ${value}`);
    await sleep(200);
  }
}

/** Polls the texts of `selector` (non-breaking spaces as spaces) until one satisfies `ok`. */
async function waitForText(page, selector, ok, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let seen = [];
  for (;;) {
    seen = (await page.locator(selector).allInnerTexts()).map((t) => t.replace(NBSP, ' '));
    if (seen.some(ok)) return;
    if (Date.now() > deadline) throw new Error(`no ${selector} text matched; saw ${JSON.stringify(seen.slice(0, 12))}`);
    await sleep(200);
  }
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

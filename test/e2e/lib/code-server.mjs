// Starts code-server (the real VS Code 1.100.3 workbench and Node extension host, from test/vscode/runtime) on a free
// local port and stops it by PID. Recipe: ../shared/VSCODE-E2E.md ("Start").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerBin, freePort, makeTempDir, removeDir, sleep, startProcess } from './harness.mjs';

// User settings that keep the workbench quiet and deterministic (no walkthroughs, no trust prompt, no network).
export const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'editor.inlayHints.enabled': 'on',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'editor.hover.delay': 100,
  'files.autoSave': 'off',
  'chat.commandCenter.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.minimap.enabled': false,
};

function requireRuntime() {
  if (!existsSync(codeServerBin)) {
    throw new Error(`code-server is not installed at ${codeServerBin}: run bash scripts/e2e-setup.sh`);
  }
}

/** Creates the user-data and extensions folders of one run, with the quiet settings plus `settings`. */
export function makeProfile(settings = {}) {
  const root = makeTempDir('code-server');
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify({ ...quietSettings, ...settings }, null, 2));
  return { root, userDataDir, extensionsDir, dispose: () => removeDir(root) };
}

/** Installs a packaged extension into a profile with the same binary that serves the workbench. */
export function installExtension(profile, vsix) {
  requireRuntime();
  const r = spawnSync(
    codeServerBin,
    ['--config', '/dev/null', '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir,
      '--install-extension', vsix],
    { encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{}' }, timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`--install-extension ${vsix} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Starts code-server for `workspace`. Resolves once GET /healthz answers 200.
 * `env` reaches the extension host (the vscode-API suite reads its results path from there).
 */
export async function startCodeServer({ workspace, profile, env = {}, log = () => {} }) {
  requireRuntime();
  const port = await freePort();
  const args = [
    '--config', '/dev/null', '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--disable-proxy', '--ignore-last-opened',
    '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir,
    workspace,
  ];
  const proc = startProcess(codeServerBin, args, {
    env: { ...process.env, ...env, EXTENSIONS_GALLERY: '{}' },
  });
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    for (const line of String(chunk).split('\n')) if (line.trim()) log(line);
  };
  proc.child.stdout.on('data', collect);
  proc.child.stderr.on('data', collect);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`code-server exited (${proc.child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${output}`);
    }
    await sleep(200);
  }
  return {
    port,
    pid: proc.pid,
    base,
    /** A `vscode-remote://` URI for a path on the server, as the workbench's payload expects. */
    remoteUri: (absPath) => `vscode-remote://127.0.0.1:${port}${absPath}`,
    output: () => output,
    stop: () => proc.stop(),
  };
}

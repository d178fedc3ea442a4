// Shared plumbing for the real-editor tests: paths, temporary folders, processes started and stopped by PID,
// and the closing `N passed, N failed` line every runner prints.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const runtimeDir = join(repoRoot, 'test/vscode/runtime');
export const codeServerBin = join(runtimeDir, 'node_modules/.bin/code-server');
export const vscodeDir = join(runtimeDir, 'node_modules/code-server/lib/vscode');
// Failure screenshots and logs: git-ignored, outside the tracked tree.
export const artifactsDir = join(repoRoot, '.test-artifacts');

export function summaryLine(passed, failed) {
  return `${passed} passed, ${failed} failed`;
}

/** Reads the last `N passed, N failed` line of a runner's output. */
export function parseSummary(text) {
  const all = [...text.matchAll(/^(\d+) passed, (\d+) failed$/gm)];
  const last = all.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : null;
}

export function makeTempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `oom-lens-${prefix}-`));
}

export function ensureArtifactsDir(sub = '') {
  const dir = join(artifactsDir, sub);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fresh copy of examples/ for a run, so that applied fixes and settings never touch the repository's files. */
export function copyExamples(into) {
  cpSync(join(repoRoot, 'examples'), into, { recursive: true });
  return into;
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

export async function freePort() {
  return await new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

const started = new Set();

/**
 * Starts a process in a process group of its own, so that stopping it by its PID also ends what it started
 * (code-server's extension host, a language server).
 */
export function startProcess(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true, stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
  const handle = {
    child,
    pid: child.pid,
    exited,
    async stop() {
      started.delete(handle);
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      // The leader may be gone while a child lingers; the group's id is still the PID we started.
      signalGroup(child.pid, 'SIGKILL');
    },
  };
  started.add(handle);
  return handle;
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops, by PID, everything this process started and has not stopped yet. */
export async function stopAll() {
  await Promise.all([...started].map((h) => h.stop()));
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    for (const h of started) signalGroup(h.pid, 'SIGKILL');
    process.exit(130);
  });
}
process.once('exit', () => {
  for (const h of started) signalGroup(h.pid, 'SIGKILL');
});

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, rej) => {
      timer = setTimeout(() => rej(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
    }),
  ]);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

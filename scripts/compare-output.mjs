// Compares the CLI's output of two revisions, byte for byte, on examples/ and on ../shared/corpus/real (each folder
// as one run, and the whole corpus as one run): the check that a refactoring changed no behaviour.
//
//   node scripts/compare-output.mjs [--base REV] [--formats json,text,sarif]
//
// REV (default HEAD) is checked out into a temporary worktree that borrows this checkout's node_modules; the
// working tree's own build (npm run build) is compared with it. Exit 0 when every output is identical.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const base = flag('--base', 'HEAD');
const formats = flag('--formats', 'json,text,sarif').split(',');
const root = resolve(new URL('..', import.meta.url).pathname);
const corpus = resolve(root, '../shared/corpus/real');

const worktree = mkdtempSync(join(tmpdir(), 'oom-lens-base-'));
rmSync(worktree, { recursive: true });
execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', worktree, base], { stdio: 'ignore' });
try {
  symlinkSync(join(root, 'node_modules'), join(worktree, 'node_modules'));
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: worktree, stdio: 'inherit' });
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });

  const runs = [['examples'], [corpus]];
  if (existsSync(corpus)) for (const d of readdirSync(corpus).sort()) if (!d.includes('.')) runs.push([join(corpus, d)]);
  let same = 0;
  const differ = [];
  for (const format of formats) {
    for (const paths of runs) {
      const out = (dir) =>
        spawnSync(process.execPath, [join(dir, 'dist/cli.js'), 'check', '--format', format, '--fail-on', 'none', ...paths], {
          cwd: root,
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        });
      const a = out(worktree);
      const b = out(root);
      if (a.stdout === b.stdout && a.status === b.status) same++;
      else differ.push(`${format} ${paths.join(' ')}: ${firstDifference(a.stdout, b.stdout)}`);
    }
  }
  for (const d of differ) console.log(`DIFFERS ${d}`);
  console.log(`${same} identical, ${differ.length} different (base ${base})`);
  process.exitCode = differ.length ? 1 : 0;
} finally {
  execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', worktree], { stdio: 'ignore' });
}

function firstDifference(a, b) {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}\n  - ${(al[i] ?? '<end>').slice(0, 200)}\n  + ${(bl[i] ?? '<end>').slice(0, 200)}`;
  }
  return 'exit status';
}

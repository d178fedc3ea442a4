// The extension tests' entry: the extension host requires this module and awaits run(), as with
// @vscode/test-electron. It loads the *.suite.js files beside it into one mocha run and writes the results to the file
// named by OOM_LENS_E2E_RESULTS, from which the harness prints `N passed, N failed`. run() rejects on any failure,
// which makes the workbench report exit code 1.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
  durationMs?: number;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env.OOM_LENS_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const name of readdirSync(__dirname).sort()) {
    if (name.endsWith('.suite.js')) mocha.addFile(join(__dirname, name));
  }
  const results: TestResult[] = [];
  await mocha.loadFilesAsync();
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (t: Mocha.Test) => results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('fail', (t: Mocha.Runnable, err: Error) =>
      results.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err) }));
  });
  const failed = results.filter((r) => r.state === 'failed').length;
  const file = process.env.OOM_LENS_E2E_RESULTS;
  if (file) {
    writeFileSync(file, JSON.stringify({ passed: results.length - failed, failed, tests: results }, null, 2));
  }
  if (failed > 0) throw new Error(`${failed} extension test(s) failed`);
}

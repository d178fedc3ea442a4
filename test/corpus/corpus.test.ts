// Every real file in ../shared/corpus/real is read where it lies (never copied: licences vary) and analysed
// without an exception, by the engine and by the bundled CLI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../server/src/engine/analyze';
import { normalizeOptions } from '../../server/src/engine/options';

const ROOT = resolve(__dirname, '..', '..');
export const CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'real');

export function corpusFiles(dir = CORPUS): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...corpusFiles(full));
    else if (name !== 'PROVENANCE.tsv') out.push(full);
  }
  return out;
}

describe('real corpus', () => {
  it('is present beside the repository', () => {
    assert.ok(existsSync(CORPUS), `expected the corpus at ${CORPUS}`);
    assert.ok(corpusFiles().length > 150);
  });

  it('analyses every file with the engine without an exception or a failing rule', () => {
    const options = normalizeOptions({});
    const failures: string[] = [];
    for (const file of corpusFiles()) {
      const text = readFileSync(file, 'utf8');
      try {
        const result = analyzeFile({ uri: file, text, options, mode: 'cli', hasChartYaml: file.includes('/helm/') });
        for (const f of result.failures) failures.push(`${file}: ${f.where}: ${String(f.error)}`);
      } catch (error) {
        failures.push(`${file}: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('runs the bundled CLI over the whole corpus in JSON without an internal error', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', '--format', 'json', '--fail-on', 'none', CORPUS], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    const report = JSON.parse(run.stdout) as { files: Array<{ path: string }> };
    assert.equal(report.files.length, corpusFiles().filter((f) => /dockerfile|containerfile|\.ya?ml$/i.test(f)).length);
  });
});

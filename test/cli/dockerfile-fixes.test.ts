// The bundled CLI's SARIF for a Dockerfile: JVM option findings carry their quick fixes (docker/option-edits.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const CLI = join(resolve(__dirname, '..', '..'), 'dist', 'cli.js');

const DOCKERFILE = `FROM eclipse-temurin:17-jre
ENV JAVA_TOOL_OPTIONS="-Xms2g -Xmx1g"
CMD ["java", "-XX:+UseCGroupMemoryLimitForHeap", "-jar", "/app.jar"]
`;

interface Replacement {
  deletedRegion: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  insertedContent?: { text: string };
}

describe('oom-lens check --format sarif on a Dockerfile', () => {
  it('gives jvm-initial-heap-exceeds-max and jvm-unrecognized-option their fixes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oom-lens-cli-'));
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', '--fail-on', 'none', dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const results = JSON.parse(r.stdout).runs[0].results as Array<{ ruleId: string; fixes?: Array<{ description: { text: string }; artifactChanges: Array<{ replacements: Replacement[] }> }> }>;
    const swap = results.find((x) => x.ruleId === 'jvm-initial-heap-exceeds-max');
    assert.equal(swap?.fixes?.[0].description.text, 'Swap the initial and maximum heap sizes');
    assert.deepEqual(
      swap.fixes[0].artifactChanges[0].replacements.map((x) => x.insertedContent?.text),
      ['-Xms1g', '-Xmx2g'],
    );
    const removal = results.find((x) => x.ruleId === 'jvm-unrecognized-option');
    assert.equal(removal?.fixes?.[0].description.text, 'Remove `-XX:+UseCGroupMemoryLimitForHeap`');
    // Line 3, from after `"java"` to after the removed item: the comma goes with it (SARIF columns are 1-based).
    const [del] = removal.fixes[0].artifactChanges[0].replacements;
    assert.deepEqual(del.deletedRegion, { startLine: 3, startColumn: 12, endLine: 3, endColumn: 48 });
  });
});

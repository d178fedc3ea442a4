// Snapshot and behaviour tests for syntaxes/jvm-memory.injection.tmLanguage.json, tokenised by VS Code's own TextMate
// engine with VS Code 1.100.3's YAML and Dockerfile grammars as hosts (see tokenize.ts).
// UPDATE_SNAPSHOTS=1 rewrites the snapshots; review the diff like code.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { injected, snapshot, tokenize } from './tokenize';

const fixtures = join(__dirname, 'fixtures');
const snapshots = join(__dirname, 'snapshots');

async function line(scope: 'source.yaml' | 'source.dockerfile', text: string): Promise<[string, string][]> {
  const [tokens] = await tokenize(scope, text);
  return injected(tokens);
}

describe('jvm-memory injection grammar: snapshots', () => {
  for (const [file, scope] of [
    ['deployment.yaml', 'source.yaml'],
    ['compose.yaml', 'source.yaml'],
    ['Dockerfile', 'source.dockerfile'],
  ] as const) {
    it(`tokenises fixtures/${file} as the snapshot records`, async () => {
      const text = readFileSync(join(fixtures, file), 'utf8');
      const actual = snapshot(await tokenize(scope, text), text);
      const snapFile = join(snapshots, `${file}.snap`);
      if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(snapFile, actual);
      assert.ok(existsSync(snapFile), `${snapFile} is missing: run with UPDATE_SNAPSHOTS=1 and review it`);
      assert.equal(actual, readFileSync(snapFile, 'utf8'));
    });
  }
});

describe('jvm-memory injection grammar: behaviour', () => {
  it('splits -Xmx2g into the option and its size', async () => {
    assert.deepEqual(await line('source.yaml', 'args: ["-Xmx2g"]'), [
      ['-Xmx', 'keyword.other.jvm-option.oom-lens'],
      ['2g', 'constant.numeric.memory.jvm.oom-lens'],
    ]);
  });

  it('marks -XX:MaxRAMPercentage=75.0 as option, operator and percentage in a plain YAML scalar', async () => {
    assert.deepEqual(await line('source.yaml', 'value: -XX:MaxRAMPercentage=75.0'), [
      ['-XX:MaxRAMPercentage', 'keyword.other.jvm-option.oom-lens'],
      ['=', 'keyword.operator.assignment.jvm-option.oom-lens'],
      ['75.0', 'constant.numeric.percentage.jvm.oom-lens'],
    ]);
  });

  it('highlights options inside a Dockerfile ENV string', async () => {
    const tokens = await line('source.dockerfile', 'ENV JAVA_OPTS="-Xms256m -Xmx768m"');
    assert.deepEqual(tokens.map(([t]) => t), ['-Xms', '256m', '-Xmx', '768m']);
  });

  it('highlights a quantity with its unit and leaves CPU millicores alone', async () => {
    assert.deepEqual(await line('source.yaml', 'memory: 512Mi'), [
      ['512', 'constant.numeric.quantity.memory.oom-lens'],
      ['Mi', 'keyword.other.unit.quantity.oom-lens'],
    ]);
    assert.deepEqual(await line('source.yaml', 'cpu: 500m'), []);
  });

  it('leaves comments alone in YAML and Dockerfiles', async () => {
    assert.deepEqual(await line('source.yaml', '# memory: 512Mi with -Xmx2g'), []);
    assert.deepEqual(await line('source.dockerfile', '# -Xmx2g'), []);
  });

  it('does not highlight lookalikes: a wrong suffix, a double dash, a word prefix, an image tag, an unknown -XX option', async () => {
    for (const text of ['- -Xmx2gb', '- --Xmx2g', '- x-Xmx2g', 'image: tool:1.2G', '- -XX:SomethingElse=4g', '- -XX:MaxRAMPercentage=lots']) {
      assert.deepEqual(await line('source.yaml', text), [], text);
    }
  });

  it('reads compose byte values (512m) after a memory key, but not elsewhere', async () => {
    assert.deepEqual(await line('source.yaml', '    mem_limit: 512m'), [['512m', 'constant.numeric.memory.compose.oom-lens']]);
    assert.deepEqual(await line('source.yaml', '    replicas: 512m'), []);
  });
});

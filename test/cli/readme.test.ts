// The README shows what the product really prints and lists what it really has: the demo block is the CLI's output
// on examples/, the rules table names every rule with its page, and every rule has a page.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/engine/rules';

const ROOT = resolve(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('shows the output of `oom-lens check examples/` as the demo prints it today', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', '--fail-on', 'none', 'examples/'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const block = /<!-- demo-table:start -->\n```\n([\s\S]*?)```\n<!-- demo-table:end -->/.exec(README);
    assert.ok(block, 'the README has the demo block between its markers');
    assert.equal(block[1], `$ oom-lens check examples/\n${r.stdout}`, 'regenerate the block from `npm run demo`');
  });

  it('lists every rule in the rules table, linked to its page', () => {
    for (const rule of RULES) {
      assert.ok(
        README.includes(`| [\`${rule.id}\`](docs/rules/${rule.id}.md) |`),
        `the README's rules table lists ${rule.id}`,
      );
    }
  });

  it('has a page for every rule and no page for a rule that does not exist', () => {
    const ids = RULES.map((r) => r.id).sort();
    const pages = readdirSync(join(ROOT, 'docs', 'rules'))
      .filter((n) => n.endsWith('.md'))
      .map((n) => n.slice(0, -3))
      .sort();
    assert.deepEqual(pages, ids);
    for (const id of ids) assert.ok(existsSync(join(ROOT, 'docs', 'rules', `${id}.md`)));
  });
});

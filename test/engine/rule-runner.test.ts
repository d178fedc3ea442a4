import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeOptions } from '../../server/src/engine/options';
import type { Rule, RuleContext } from '../../server/src/engine/rule';
import { parseSuppressions, runRules } from '../../server/src/engine/analyze/run-rules';
import { LineIndex } from '../../server/src/engine/text';

function ctx(text: string, options = normalizeOptions({})): RuleContext {
  return { text, lines: new LineIndex(text), options, fileKind: 'kubernetes', yaml: null, manifest: null, jvm: new Map(), jvmSubjects: [] };
}

/** Reports every line that contains `BAD`. */
const everyBad: Rule = {
  id: 'memory-limit-missing',
  defaultSeverity: 'warning',
  summary: 'test rule',
  check(c) {
    const out = [];
    for (let line = 0; line < c.lines.lineCount; line++) {
      if (c.lines.lineText(line).includes('BAD')) out.push({ message: 'bad', range: { start: { line, character: 0 }, end: { line, character: 3 } } });
    }
    return out;
  },
};

const throws: Rule = { id: 'besteffort-pod', defaultSeverity: 'warning', summary: 'throws', check: () => { throw new Error('boom'); } };

describe('runRules', () => {
  it('reports findings with the default severity, in position order', () => {
    const r = runRules([everyBad], ctx('BAD\nok\nBAD'), 'cli');
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity, f.range.start.line]), [
      ['memory-limit-missing', 'warning', 0],
      ['memory-limit-missing', 'warning', 2],
    ]);
  });

  it('applies the configured severity and `off`', () => {
    assert.equal(runRules([everyBad], ctx('BAD', normalizeOptions({ rules: { 'memory-limit-missing': 'error' } })), 'cli').findings[0].severity, 'error');
    assert.equal(runRules([everyBad], ctx('BAD', normalizeOptions({ rules: { 'memory-limit-missing': 'off' } })), 'cli').findings.length, 0);
  });

  it('turns yaml-syntax off in the editor by default but not in the CLI', () => {
    const syntax: Rule = { ...everyBad, id: 'yaml-syntax', defaultSeverity: 'error' };
    assert.equal(runRules([syntax], ctx('BAD'), 'editor').findings.length, 0);
    assert.equal(runRules([syntax], ctx('BAD'), 'cli').findings.length, 1);
    assert.equal(runRules([syntax], ctx('BAD', normalizeOptions({ rules: { 'yaml-syntax': 'error' } })), 'editor').findings.length, 1);
  });

  it('honours disable-next-line and whole-file suppression comments', () => {
    const text = 'BAD\n# oom-lens-disable-next-line memory-limit-missing\nBAD\n# oom-lens-disable-next-line besteffort-pod\nBAD';
    assert.deepEqual(runRules([everyBad], ctx(text), 'cli').findings.map((f) => f.range.start.line), [0, 4]);
    assert.equal(runRules([everyBad], ctx(`# oom-lens-disable memory-limit-missing\n${text}`), 'cli').findings.length, 0);
    assert.equal(runRules([everyBad], ctx(`# oom-lens-disable besteffort-pod\n${text}`), 'cli').findings.length, 2);
  });

  it('keeps going when a rule throws, and reports the failure separately', () => {
    const r = runRules([throws, everyBad], ctx('BAD'), 'cli');
    assert.equal(r.findings.length, 1);
    assert.equal(r.failures.length, 1);
    assert.equal(r.failures[0].where, 'rule besteffort-pod');
  });

  it('parses several ids and a bare directive', () => {
    const s = parseSuppressions(['# oom-lens-disable-next-line a b', 'x', '#oom-lens-disable-next-line', 'y']);
    assert.deepEqual([...s.lines.get(1)!], ['a', 'b']);
    assert.deepEqual([...s.lines.get(3)!], ['*']);
  });
});

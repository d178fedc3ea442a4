// Checking a quick fix end to end: apply its edits, compare the exact text, re-parse (valid YAML), re-run the rules:
// the fixed finding is gone and every other finding is still there, nothing new.
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/engine/rules';
import type { Rule, RuleFinding } from '../../server/src/engine/rule';
import type { Fix } from '../../server/src/engine/types';
import { parseYaml } from '../../server/src/engine/yaml/parse';
import { type ContextOptions, ruleContext } from './rule-context';
import { applyEdits } from './text';

export interface Tagged {
  ruleId: string;
  message: string;
}

/** Every finding of every rule in the list (by default the whole rules array), tagged with its rule id. */
export function allFindings(text: string, opts: ContextOptions = {}, rules: readonly Rule[] = RULES): Array<RuleFinding & { ruleId: string }> {
  const ctx = ruleContext(text, opts);
  return rules.flatMap((r) => r.check(ctx).map((f) => ({ ...f, ruleId: r.id })));
}

function summary(fs: Tagged[]): string[] {
  return fs.map((f) => `${f.ruleId}: ${f.message}`).sort();
}

/**
 * Apply `fix` (of `finding`, reported by `rule` on `before`) and check the result is exactly `expected`, parses, and
 * differs from `before` in its findings only by the one that was fixed.
 */
export function assertFixResult(
  rule: Rule,
  before: string,
  finding: RuleFinding,
  fix: Fix,
  expected: string,
  opts: ContextOptions = {},
  /** Other findings (`<rule id>: <message>`) the same fix also resolves. */
  alsoGone: string[] = [],
): void {
  const after = applyEdits(before, fix.edits);
  assert.equal(after, expected);
  const reparsed = parseYaml(after, { helm: false });
  assert.deepEqual(reparsed.docs.flatMap((d) => d.errors), [], 'the fixed text is valid YAML');
  const was = summary(allFindings(before, opts));
  const now = summary(allFindings(after, opts));
  const gone = `${rule.id}: ${finding.message}`;
  const expectedNow = [...was];
  assert.ok(was.includes(gone), 'the finding was reported before');
  for (const g of [gone, ...alsoGone]) {
    assert.ok(expectedNow.includes(g), `${g} was reported before`);
    expectedNow.splice(expectedNow.indexOf(g), 1);
  }
  assert.deepEqual(now, expectedNow, 'only the fixed finding is gone');
}

export function findFix(finding: RuleFinding, title: string | RegExp): Fix {
  const fix = finding.fixes?.find((f) => (typeof title === 'string' ? f.title === title : title.test(f.title)));
  assert.ok(fix, `fix ${String(title)} among ${JSON.stringify(finding.fixes?.map((f) => f.title))}`);
  return fix;
}

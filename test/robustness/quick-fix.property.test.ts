// Every quick fix on generated manifests: the edited text is valid YAML, re-analysis no longer reports the fixed
// finding where it was, and the findings of the other documents of the file are exactly as before (shifted by the
// edit). DESIGN.md "Quick fixes"; STYLE.md "Tests" (apply, compare, re-analyse).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Finding, Fix } from '../../server/src/engine/types';
import { LineIndex } from '../../server/src/engine/text';
import { parseYaml } from '../../server/src/engine/yaml/parse';
import { applyEdits } from '../helpers/text';
import { analyse, manifestText } from './arbitraries';

interface Placed {
  ruleId: string;
  message: string;
  start: number;
  end: number;
}

function place(f: Finding, lines: LineIndex): Placed {
  return { ruleId: f.ruleId, message: f.message, start: lines.offset(f.range.start), end: lines.offset(f.range.end) };
}

/** [start, end) of the text the edits touch, on the original text, and the length change. */
function editExtent(fix: Fix, lines: LineIndex): { start: number; end: number; delta: number } {
  let start = Infinity;
  let end = -Infinity;
  let delta = 0;
  for (const e of fix.edits) {
    const s = lines.offset(e.range.start);
    const t = lines.offset(e.range.end);
    start = Math.min(start, s);
    end = Math.max(end, t);
    delta += e.newText.length - (t - s);
  }
  return { start, end, delta };
}

/** The document (by index) holding an offset. */
function docIndex(spans: Array<[number, number]>, offset: number): number {
  for (let i = spans.length - 1; i >= 0; i--) if (spans[i][0] <= offset) return i;
  return 0;
}

describe('quick fixes on generated manifests', () => {
  it('yield valid YAML that no longer reports the finding there and leaves the other documents as they were', () => {
    let checked = 0;
    const rules = new Set<string>();
    fc.assert(
      fc.property(manifestText(false), (text) => {
        const before = analyse('x.yaml', text);
        const lines = new LineIndex(text);
        const docsBefore = parseYaml(text).docs.map((d) => d.span);
        const all = before.findings.flatMap((finding) => (finding.fixes ?? []).map((fix) => ({ finding, fix })));
        // Every fix of small files, a spread of them in larger ones (the re-analysis is what costs).
        const step = Math.max(1, Math.ceil(all.length / 8));
        for (let k = 0; k < all.length; k += step) {
          const { finding, fix } = all[k];
          rules.add(finding.ruleId);
          {
            checked++;
            const after = applyEdits(text, fix.edits);
            const reparsed = parseYaml(after);
            assert.deepEqual(reparsed.docs.flatMap((d) => d.errors), [], `${fix.title}: valid YAML\n${after}`);
            assert.equal(reparsed.docs.length, docsBefore.length, 'as many documents as before');
            const { start, end, delta } = editExtent(fix, lines);
            const shift = (o: number) => (o >= end ? o + delta : o);
            const result = analyse('x.yaml', after);
            const afterLines = new LineIndex(after);
            const now = result.findings.map((f) => place(f, afterLines));
            // The finding is gone from where it was (its start, moved by the edit when it lies after it).
            const was = place(finding, lines);
            const at = was.start >= start && was.start < end ? start : shift(was.start);
            assert.ok(
              !now.some((f) => f.ruleId === was.ruleId && f.start === at && f.message === was.message),
              `${fix.title}: ${was.ruleId} "${was.message}" still reported\n${after}`,
            );
            // Nothing changes in the documents the edit does not touch.
            const edited = new Set([docIndex(docsBefore, start), docIndex(docsBefore, Math.max(start, end - 1))]);
            const untouched = (f: Placed, spans: Array<[number, number]>, map: (o: number) => number) =>
              !edited.has(docIndex(spans.map((s) => [map(s[0]), map(s[1])] as [number, number]), f.start));
            const expected = before.findings
              .map((f) => place(f, lines))
              .filter((f) => untouched(f, docsBefore, (o) => o))
              .map((f) => ({ ...f, start: shift(f.start), end: shift(f.end) }));
            const actual = now.filter((f) => untouched(f, docsBefore, shift));
            assert.deepEqual(actual, expected, `${fix.title}: findings of the other documents unchanged`);
          }
        }
      }),
      { numRuns: 40 },
    );
    assert.ok(checked > 100, `generated manifests exercised ${checked} fixes`);
    // The generators reach the rules that offer fixes on manifests (not only the easy ones).
    for (const id of ['invalid-quantity', 'request-exceeds-limit', 'memory-limit-missing', 'besteffort-pod']) {
      assert.ok(rules.has(id), `fixes of ${id} exercised (${[...rules].join(', ')})`);
    }
  });

  it('yield valid YAML for the code actions not tied to a finding (Make Guaranteed)', () => {
    let checked = 0;
    fc.assert(
      fc.property(manifestText(false), (text) => {
        for (const action of analyse('x.yaml', text).actions) {
          checked++;
          const after = applyEdits(text, action.fix.edits);
          assert.deepEqual(parseYaml(after).docs.flatMap((d) => d.errors), [], `${action.fix.title}: valid YAML\n${after}`);
          const workloads = analyse('x.yaml', after).workloads;
          assert.equal(workloads.length, analyse('x.yaml', text).workloads.length, 'the same workloads');
        }
      }),
      { numRuns: 60 },
    );
    assert.ok(checked > 20, `generated manifests exercised ${checked} actions`);
  });
});

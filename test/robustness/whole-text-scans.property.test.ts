// The quick whole-text tests in front of the directive regexes (engine/strings.ts mayHaveCommentWord, used by
// rules/run.ts for `# oom-lens-disable…` and k8s/node-memory.ts for `# oom-lens: node-memory=`) and the line-by-line
// `hasContent` and the `TextMap` (a map by text content that avoids hashing) of yaml/incremental.ts must never change a
// result: each is checked against the plain reading it replaced.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findNodeMemoryDirective } from '../../server/src/engine/k8s/node-memory';
import { parseSuppressions } from '../../server/src/engine/analyze/run-rules';
import { mayHaveCommentWord } from '../../server/src/engine/strings';
import { createYamlParseCache, parseYamlIncremental, sliceStarts, TextMap } from '../../server/src/engine/yaml/incremental';
import { parseYaml } from '../../server/src/engine/yaml/parse';

/** What comments, directives and the text around them are made of, white space of every kind included. */
const TOKENS = [
  '#', '# ', '#\t', '#\n', '#\r\n', '#\u00a0', '#\u2028', '#\uFEFF', ' ', '\t', '\n', '\r', '\r\n', '\u3000', 'oom-lens', 'oom-lens-',
  'oom-lens:', 'oom-lens-disable', 'oom-lens-disable-next-line', ' node-memory=', 'node-memory = 64Gi', 'memory-limit-missing',
  '*', 'a#b', 'x: 1', '---', '---\n', '- ', 'kind: Pod\n', '\uFEFF', '😀', 'é',
];
const text = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((t) => t.join(''));

/** rules/run.ts before the quick test: split every line, then the regex on each. */
function suppressionsByLines(t: string): ReturnType<typeof parseSuppressions> {
  return parseSuppressions(t.split(/\r\n|\r|\n/));
}

describe('whole-text quick tests', () => {
  it('mayHaveCommentWord is true whenever a `#`, white space and the word follow each other', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('oom-lens-disable', 'oom-lens:'), (t, word) => {
        const regex = new RegExp(`#\\s*${word}`);
        if (regex.test(t)) assert.ok(mayHaveCommentWord(t, word), JSON.stringify(t));
        if (!t.includes(word)) assert.equal(mayHaveCommentWord(t, word), false);
      }),
      { numRuns: 3000 },
    );
  });

  it('suppressions read behind the quick test equal the line-by-line reading', () => {
    fc.assert(
      fc.property(text, (t) => {
        const quick = mayHaveCommentWord(t, 'oom-lens-disable') ? suppressionsByLines(t) : parseSuppressions([]);
        assert.deepStrictEqual(quick, suppressionsByLines(t), JSON.stringify(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('the node-memory directive is found as the regex alone finds it', () => {
    const DIRECTIVE = /(?:^|[ \t])#[ \t]*oom-lens:[ \t]*node-memory[ \t]*=[ \t]*([^\s#]*)/m;
    fc.assert(
      fc.property(text, (t) => {
        const m = DIRECTIVE.exec(t);
        const found = findNodeMemoryDirective(t);
        assert.equal(found?.value ?? null, m ? m[1] : null, JSON.stringify(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('slices and incremental parses are unchanged by the line-by-line prefix test', () => {
    const cache = createYamlParseCache();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS, 'a: 1\n', '# c\n', '\n---\nb: 2\n'), { maxLength: 25 }), (tokens) => {
        const t = tokens.join('');
        const starts = sliceStarts(t);
        assert.ok(starts[0] === 0 && starts.every((s, i) => i === 0 || s > starts[i - 1]));
        assert.deepStrictEqual(parseYamlIncremental(t, {}, cache), parseYaml(t), JSON.stringify(t));
      }),
      { numRuns: 1500 },
    );
  });

  it('TextMap answers as a Map<string, V> does, many keys of one length included', () => {
    const key = fc.oneof(fc.constantFrom('a', 'b', 'ab', 'ba', 'abc', 'x'.repeat(20000), 'y'.repeat(20000)), fc.string({ minLength: 3, maxLength: 3 }));
    const op = fc.record({ set: fc.boolean(), key, value: fc.integer() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const ours = new TextMap<{ v: number }>();
        const ref = new Map<string, { v: number }>();
        for (const o of ops) {
          // Keys built anew, as each version of a file makes new strings with the same content.
          const k = (' ' + o.key).slice(1);
          if (o.set) {
            ours.set(k, { v: o.value });
            ref.set(k, { v: o.value });
          }
          assert.deepStrictEqual(ours.get(k), ref.get(k));
          assert.equal(ours.has(k), ref.has(k));
          assert.equal(ours.size, ref.size);
        }
        for (const [k, v] of ref) assert.deepStrictEqual(ours.get(k), v);
        ours.clear();
        assert.equal(ours.size, 0);
      }),
      { numRuns: 500 },
    );
  });
});

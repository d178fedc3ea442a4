// Incremental YAML parsing (engine/yaml/incremental.ts): identical to a full parse after any sequence of edits, and
// an edit inside one document re-parses that document only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createYamlParseCache, parseYamlIncremental, sliceStarts } from '../../server/src/engine/yaml/incremental';
import { maskTemplates } from '../../server/src/engine/yaml/helm';
import { maskTemplateParts, parseYaml } from '../../server/src/engine/yaml/parse';
import { readdirSync } from 'node:fs';
import { ROOT } from '../lsp/lsp-client';
import { dedent } from '../helpers/text';

const CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'real');
const FILES = [
  'k8s/GoogleCloudPlatform__microservices-demo__release__kubernetes-manifests.yaml',
  'k8s/atlassian__data-center-helm-charts__src__test__resources__expected_helm_output__jira__output.yaml',
  'helm/apache__pulsar-helm-chart__charts__pulsar__templates__broker-statefulset.yaml',
  'compose/open-telemetry__opentelemetry-demo__compose.yaml',
].map((p) => readFileSync(resolve(CORPUS, p), 'utf8'));
const LARGE = readFileSync(resolve(CORPUS, 'large/HariSekhon__Kubernetes-configs__knative__base__knative-v1.9.3-serving-core.yaml'), 'utf8');

/** What typing can insert, with the characters that change how the text around splits into documents. */
const TOKENS = [
  '---\n', '--- ', '---', '...\n', '\n---\n', '"', "'", '|\n', '>-\n', '[', ']', '{', '}', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '# c\n',
  '&a ', '*a', '<<: *a\n', '\r\n', '\r', '\uFEFF', '\t', '  ', 'x', ':', '- ', '{{ .v }}', '{{/* --- */}}', '\n', 'kind: Pod\n', '😀',
];

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 400 })),
  insert: fc.oneof(fc.constantFrom(...TOKENS), fc.array(fc.constantFrom(...TOKENS), { maxLength: 4 }).map((t) => t.join(''))),
});

function applyEdit(text: string, e: { at: number; remove: number; insert: string }): string {
  const start = Math.min(text.length, Math.floor(e.at * text.length));
  return text.slice(0, start) + e.insert + text.slice(Math.min(text.length, start + e.remove));
}

describe('parseYamlIncremental', () => {
  it('equals a full parse after every edit of a random sequence on corpus files, with and without Helm masking', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: FILES.length - 1 }), fc.boolean(), fc.array(edit, { minLength: 1, maxLength: 8 }), (n, helm, edits) => {
        const cache = createYamlParseCache();
        let text = FILES[n];
        assert.deepStrictEqual(parseYamlIncremental(text, { helm }, cache), parseYaml(text, { helm }));
        for (const e of edits) {
          text = applyEdit(text, e);
          assert.deepStrictEqual(parseYamlIncremental(text, { helm }, cache), parseYaml(text, { helm }), JSON.stringify(e));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('equals a full parse on small texts built from document markers, quotes, block scalars and directives', () => {
    const cache = createYamlParseCache();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS, 'a: 1\n', 'b: |\n  x\n---\n  y\n', 'c: "q\n---\n"\n', 'd: [1,\n---\n]\n'), { maxLength: 25 }), (tokens) => {
        const text = tokens.join('');
        assert.deepStrictEqual(parseYamlIncremental(text, {}, cache), parseYaml(text), JSON.stringify(text));
        // A second, separate cache sees the same text cold.
        assert.deepStrictEqual(parseYamlIncremental(text, {}, createYamlParseCache()), parseYaml(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('re-parses only the edited document of a large multi-document file', () => {
    const cache = createYamlParseCache();
    parseYamlIncremental(LARGE, {}, cache);
    const slices = sliceStarts(LARGE).length;
    assert.ok(slices > 50, `${slices} documents`);
    assert.equal(cache.lastParsed, slices);
    // One character typed into a document in the middle: one slice parsed, the others reused (shifted by one).
    const at = LARGE.indexOf('\n  name:', LARGE.length >> 1) + 9;
    const edited = LARGE.slice(0, at) + 'x' + LARGE.slice(at);
    const file = parseYamlIncremental(edited, {}, cache);
    assert.equal(cache.lastParsed, 1);
    assert.equal(cache.lastReused, slices - 1);
    assert.deepStrictEqual(file, parseYaml(edited));
    // The cache holds the latest version's slices only.
    assert.equal(cache.slices.size, new Set(sliceStarts(edited).map((s, i, all) => edited.slice(s, all[i + 1] ?? edited.length))).size);
  });

  it('cuts beside empty `---` documents (bundles write `---` twice between objects)', () => {
    const text = 'a: 1\n---\n---\nb: 2\n---\n---\nc: 3\n';
    const cache = createYamlParseCache();
    parseYamlIncremental(text, {}, cache);
    const edited = text.replace('b: 2', 'b: 22');
    assert.deepStrictEqual(parseYamlIncremental(edited, {}, cache), parseYaml(edited));
    assert.equal(cache.lastParsed, 1);
    // Nothing changed: nothing parsed.
    parseYamlIncremental(edited, {}, cache);
    assert.equal(cache.lastParsed, 0);
  });

  it('keeps documents that share anchors internally shared after a shift', () => {
    const text = dedent`
      a: 1
      ---
      base: &b {memory: 1Gi}
      x: *b
      y: {<<: *b, cpu: 1}
    `;
    const cache = createYamlParseCache();
    parseYamlIncremental(text, {}, cache);
    const file = parseYamlIncremental(`a: 12\n${text.slice(text.indexOf('---'))}`, {}, cache);
    assert.equal(cache.lastParsed, 1);
    const doc = file.docs[1].contents!;
    assert.ok(doc.kind === 'map');
    assert.equal(doc.items[0].value, doc.items[1].value, 'the alias is the anchored node itself');
    const merged = doc.items[2].value;
    const base = doc.items[0].value;
    assert.ok(merged?.kind === 'map' && base?.kind === 'map');
    assert.equal(merged.items[0], base.items[0], 'merged pairs are shared');
    assert.deepEqual(doc.items[0].value?.span, [text.indexOf('{memory') + 1, text.indexOf('}') + 2]);
  });

  describe('sliceStarts', () => {
    it('cuts at `---` lines followed by a space, a tab, a line break or the end', () => {
      const text = 'a: 1\n---\nb: 2\n--- c\n---\td\n---\r\ne: 1\n---';
      assert.deepEqual(sliceStarts(text), [0, 5, 14, 20, 26, 36]);
    });

    it('does not cut at `---` inside a line, `----`, `---x` or after a lone carriage return', () => {
      assert.deepEqual(sliceStarts('a: 1\n----\nb: ---\n---x\n a: ---\n'), [0]);
      assert.deepEqual(sliceStarts('a: 1\r---\nb: 2\n'), [0]);
    });

    it('joins a prefix of comments and blank lines to the first document', () => {
      assert.deepEqual(sliceStarts('# header\n\n---\na: 1\n---\nb: 2\n'), [0, 19]);
      assert.deepEqual(sliceStarts('\uFEFF# header\n---\na: 1\n'), [0]);
      assert.deepEqual(sliceStarts('x: 0\n---\na: 1\n'), [0, 5]);
    });

    it('does not cut a text with directives', () => {
      assert.deepEqual(sliceStarts('%YAML 1.1\n---\na: 1\n---\nb: 2\n'), [0]);
    });
  });
});

describe('maskTemplateParts', () => {
  // parseYaml and the incremental parse mask Helm templates part by part (cut at `---` lines no action spans);
  // the result must be maskTemplates' of the whole text.
  const PARTS = [
    '---\n', '--- ', '---', '\n', '\r\n', '\r', '{{ .Values.x }}', '{{- if .a }}', '{{ end }}', '{{/* c */}}', '{{/*\n---\n*/}}',
    '{{ `a\n---\nb` }}', '{{ "}}" }}', '{{', '}}', 'key: ', '  ', '- ', 'x: |\n', '  y: >-\n', '    ', '#', '"', '`', '\t', 'a',
  ];

  it('equals maskTemplates on random texts of markers, actions spanning them and block scalars', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PARTS), { maxLength: 40 }), (tokens) => {
        const text = tokens.join('');
        const whole = maskTemplates(text);
        assert.deepStrictEqual(maskTemplateParts(text), { text: whole.text, masked: whole.masked }, JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('equals maskTemplates on every corpus file with template actions', () => {
    let checked = 0;
    for (const dir of ['helm', 'k8s', 'large', 'compose']) {
      for (const name of readdirSync(resolve(CORPUS, dir))) {
        const text = readFileSync(resolve(CORPUS, dir, name), 'utf8');
        if (!text.includes('{{')) continue;
        assert.equal(maskTemplateParts(text).text, maskTemplates(text).text, name);
        checked++;
      }
    }
    assert.ok(checked >= 10, `${checked} files`);
  });
});

// The engine never throws on user input (STYLE.md "Never crash, never block"): arbitrary text, and arbitrary
// Kubernetes- and compose-shaped objects, through the one entry point, as YAML, compose and Dockerfile.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import { analyse, composeText, dockerfileText, manifestText } from './arbitraries';

const URIS = ['x.yaml', 'Dockerfile', 'docker-compose.yml'];

/** Every range the analysis hands out lies inside the text (a presenter would otherwise point nowhere). */
function assertWellFormed(result: FileAnalysis, text: string): void {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  const ranges = [
    ...result.findings.map((f) => f.range),
    ...result.findings.flatMap((f) => (f.fixes ?? []).flatMap((x) => x.edits.map((e) => e.range))),
    ...result.lenses.map((l) => l.range),
    ...result.hovers.map((h) => h.range),
  ];
  for (const r of ranges) {
    assert.ok(r.start.line >= 0 && r.start.line < lineCount, `range line ${r.start.line} within ${lineCount} lines`);
    assert.ok(r.end.line >= r.start.line && r.end.line < lineCount, `range end line ${r.end.line} within ${lineCount} lines`);
    assert.ok(r.start.character >= 0 && r.end.character >= 0);
  }
  assert.deepEqual(result.failures, [], 'no rule threw');
}

describe('engine on arbitrary input', () => {
  it('analyses arbitrary strings as YAML, Dockerfile and compose without throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...URIS), fc.string({ unit: 'binary', maxLength: 300 }), (uri, text) => {
        assertWellFormed(analyse(uri, text), text);
      }),
      { numRuns: 600 },
    );
  });

  it('analyses arbitrary strings built from YAML and Dockerfile punctuation without throwing', () => {
    const token = fc.constantFrom(
      ':', ' ', '  ', '\n', '\r\n', '- ', '---\n', '...\n', '&a ', '*a', '<<: ', '{', '}', '[', ']', ',', '"', "'", '|', '>', '#',
      '!!str ', '!x ', '%YAML 1.1\n', '\t', '\\\n', 'kind: Pod\n', 'apiVersion: v1\n', 'containers:\n', 'memory: ', '4GB', 'FROM x\n',
      'ENV A=1 \\\n', 'services:\n', '{{ .x }}', '\uFEFF', '\u0000',
    );
    fc.assert(
      fc.property(fc.constantFrom(...URIS), fc.array(token, { maxLength: 60 }), (uri, tokens) => {
        const text = tokens.join('');
        assertWellFormed(analyse(uri, text), text);
      }),
      { numRuns: 600 },
    );
  });

  it('analyses manifests with arbitrary values in every field without throwing', () => {
    fc.assert(
      fc.property(manifestText(true), fc.constantFrom('editor', 'cli') as fc.Arbitrary<'editor' | 'cli'>, (text, mode) => {
        assertWellFormed(analyse('x.yaml', text, mode), text);
      }),
      { numRuns: 300 },
    );
  });

  it('analyses compose files and Dockerfiles with odd values without throwing', () => {
    fc.assert(
      fc.property(composeText, (text) => assertWellFormed(analyse('docker-compose.yml', text), text)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(dockerfileText, (text) => assertWellFormed(analyse('Dockerfile', text), text)),
      { numRuns: 300 },
    );
  });
});

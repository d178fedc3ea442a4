import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { commonLimitRows } from '../../../server/src/engine/jvm/analyze';
import { buildYamlContext } from '../../../server/src/engine/analyze';
import { imageHeapTable, jvmHints, jvmHovers } from '../../../server/src/engine/jvm/present';
import { DEFAULT_OPTIONS } from '../../../server/src/engine/options';
import { LineIndex } from '../../../server/src/engine/text';
import { parseYaml } from '../../../server/src/engine/yaml/parse';

// The real files live beside the repository (team rule: read them where they lie, never copy them).
const CORPUS = resolve(__dirname, '../../../../shared/corpus/real');

function yamlFiles(folder: string): string[] {
  const dir = join(CORPUS, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .map((f) => join(dir, f));
}

describe('jvm present: real manifests', () => {
  it('presents every JVM of the real Kubernetes files without an exception, inside the text', () => {
    const files = [...yamlFiles('k8s'), ...yamlFiles('large')];
    assert.ok(files.length > 0, 'the corpus is where the team brief says');
    let jvms = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const lines = new LineIndex(text);
      const ctx = buildYamlContext({ text, options: DEFAULT_OPTIONS }, parseYaml(text), lines, 16n << 30n);
      const hints = jvmHints(ctx.jvmSubjects, lines, text);
      const hovers = jvmHovers(ctx.jvmSubjects, lines, text);
      jvms += ctx.jvmSubjects.length;
      assert.ok(hints.length >= ctx.jvmSubjects.length, path);
      for (const h of hints) {
        assert.ok(h.position.line < lines.lineCount, path);
        assert.ok(h.label.length > 0 && h.label.length < 100, `${path}: ${h.label}`);
      }
      for (const h of hovers) {
        assert.ok(lines.offset(h.range.end) <= text.length, path);
        assert.ok(h.markdown.includes('**JVM'), path);
      }
      for (const s of ctx.jvmSubjects) {
        const a = { ...s.analysis, atCommonLimits: commonLimitRows(s.analysis.launch, s.analysis.heapInput, s.analysis.budgetInputs) };
        assert.match(imageHeapTable(a), /\| `8Gi` \||OpenJ9/);
      }
    }
    assert.ok(jvms > 0, 'the corpus has JVMs');
  });
});

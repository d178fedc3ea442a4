import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { buildManifestModel } from '../../../server/src/engine/k8s/manifests';
import { k8sHovers, qosHints, workloadLenses } from '../../../server/src/engine/k8s/present';
import { LineIndex } from '../../../server/src/engine/text';
import { parseYaml } from '../../../server/src/engine/yaml/parse';

// The real files live beside the repository (team rule: read them where they lie, never copy them).
const CORPUS = resolve(__dirname, '../../../../shared/corpus/real');
const GI = 1n << 30n;

function yamlFiles(folder: string): string[] {
  return readdirSync(join(CORPUS, folder))
    .filter((f) => /\.ya?ml$/i.test(f))
    .map((f) => join(CORPUS, folder, f));
}

function analyse(path: string, helm: boolean) {
  const text = readFileSync(path, 'utf8');
  const model = buildManifestModel(parseYaml(text, { helm }), { nodeMemoryBytes: 16n * GI });
  const lines = new LineIndex(text);
  return { model, hints: qosHints(model, lines), lenses: workloadLenses(model, lines), hovers: k8sHovers(model, lines) };
}

describe('k8s model on the real corpus', () => {
  for (const folder of ['k8s', 'helm', 'large']) {
    it(`builds and presents every ${folder} file without an exception`, () => {
      const files = yamlFiles(folder);
      assert.ok(files.length > 0);
      for (const path of files) {
        const { model, hints, lenses } = analyse(path, folder === 'helm');
        for (const w of model.workloads) {
          for (const c of w.containers) {
            assert.ok(c.oom.value === -997 || c.oom.value === 1000 || (c.oom.value >= 3 && c.oom.value <= 999), path);
          }
        }
        assert.equal(lenses.length, model.workloads.length, path);
        assert.equal(hints.length, model.workloads.reduce((n, w) => n + w.containers.length, 0), path);
      }
    });
  }

  it('finds workloads in most of the Kubernetes files', () => {
    const files = yamlFiles('k8s');
    const withWorkloads = files.filter((p) => analyse(p, false).model.workloads.length > 0);
    assert.ok(withWorkloads.length >= files.length / 2, `${withWorkloads.length} of ${files.length}`);
  });

  it('reads the corpus LimitRange', () => {
    const { model } = analyse(join(CORPUS, 'k8s', 'HariSekhon__Kubernetes-configs__limit-range.yaml'), false);
    assert.equal(model.limitRanges.length, 1);
    assert.ok(model.limitRanges[0].items.length >= 1);
  });
});

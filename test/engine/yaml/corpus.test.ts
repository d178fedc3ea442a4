import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classifyDocument, classifyPath, isHelmTemplate } from '../../../server/src/engine/classify';
import { parseYaml } from '../../../server/src/engine/yaml/parse';

// The corpus lies beside the repository (team rule: read it where it is, never copy it in).
const REPO_ROOT = resolve(__dirname, '../../..');
const CORPUS = resolve(REPO_ROOT, '../shared/corpus/real');

describe('parseYaml on the real-world corpus', () => {
  it('finds the corpus', () => assert.ok(existsSync(CORPUS), CORPUS));

  for (const folder of ['k8s', 'helm', 'compose', 'large']) {
    const dir = join(CORPUS, folder);
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => classifyPath(f) === 'yaml').sort() : [];
    it(`has YAML files in ${folder}/`, () => assert.ok(files.length > 0));
    for (const name of files) {
      it(`parses ${folder}/${name} without throwing`, () => {
        const text = readFileSync(join(dir, name), 'utf8');
        const helm = isHelmTemplate(join(folder, name), text);
        const file = parseYaml(text, { helm });
        assert.ok(file.docs.length > 0);
        assert.equal(file.templated, helm);
        for (const doc of file.docs) {
          assert.ok(doc.span[0] <= doc.span[1] && doc.span[1] <= text.length);
          classifyDocument(doc);
        }
        // Plain manifests in k8s/ and compose/ are valid YAML: no syntax errors expected there.
        if (folder === 'k8s' || folder === 'compose' || folder === 'large') {
          assert.deepEqual(file.docs.flatMap((d) => d.errors.map((e) => e.message)), []);
        }
      });
    }
  }

  it('classifies the Kubernetes and compose documents it reads', () => {
    const k8s = parseYaml(readFileSync(join(CORPUS, 'k8s', 'HariSekhon__Kubernetes-configs__deployment.yaml'), 'utf8'));
    assert.ok(k8s.docs.some((d) => classifyDocument(d) === 'kubernetes'));
    const compose = parseYaml(readFileSync(join(CORPUS, 'compose', 'deviantony__docker-elk__docker-compose.yml'), 'utf8'));
    assert.equal(classifyDocument(compose.docs[0]), 'compose');
  });
});

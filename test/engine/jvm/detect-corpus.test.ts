import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { detectJvm } from '../../../server/src/engine/jvm/detect';
import { launchFromContainer } from '../../../server/src/engine/k8s/launch';
import { buildManifestModel } from '../../../server/src/engine/k8s/manifests';
import { parseYaml } from '../../../server/src/engine/yaml/parse';

// The real files live beside the repository (team rule: read them where they lie, never copy them).
const CORPUS = resolve(__dirname, '../../../../shared/corpus/real');

function yamlFiles(folder: string): string[] {
  return readdirSync(join(CORPUS, folder))
    .filter((f) => /\.ya?ml$/i.test(f))
    .map((f) => join(CORPUS, folder, f));
}

/** Every container of a file, detected: `file container: tokens`. */
function detectFile(path: string, helm: boolean): string[] {
  const text = readFileSync(path, 'utf8');
  const model = buildManifestModel(parseYaml(text, { helm }), { nodeMemoryBytes: 16n << 30n });
  const out: string[] = [];
  for (const w of model.workloads) {
    for (const c of w.containers) {
      const launch = launchFromContainer(c, model.configMaps, text, { namespace: w.namespace });
      const jvm = detectJvm(launch, { defaultJdk: 17, text });
      if (!jvm) continue;
      // Every span must lie inside the text and read as the token says when it is an option.
      for (const t of jvm.tokens) {
        if (t.span) {
          assert.ok(t.span[0] >= 0 && t.span[1] <= text.length, path);
          assert.equal(text.slice(t.span[0], t.span[1]), t.text, path);
        }
      }
      out.push(`${basename(path)} ${c.name ?? '?'}: ${jvm.tokens.map((t) => t.text).join(' ')}`);
    }
  }
  return out;
}

describe('JVM detection on the real corpus', () => {
  it('runs over every k8s and helm file without an exception and finds JVMs', () => {
    const found: string[] = [];
    for (const folder of ['k8s', 'helm']) {
      for (const path of yamlFiles(folder)) found.push(...detectFile(path, folder === 'helm'));
    }
    // The corpus holds Java services (Kafka, Elasticsearch, Spring apps): some must be detected.
    assert.ok(found.length >= 5, found.join('\n'));
    if (process.env.OOM_LENS_PRINT_JVMS) console.log(found.join('\n'));
  });
});

// The jvm-* rules on every real Kubernetes and Helm file of the shared corpus (read where it lies): no exception,
// messages in house style, no finding built on a masked Helm value, and every fix applies, keeps the YAML valid and
// makes its finding go away.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../../server/src/engine/rules';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { isTemplatePlaceholder } from '../../../server/src/engine/yaml/helm';
import { ruleContext } from '../../helpers/rule-context';
import { applyEdits } from '../../helpers/text';

const CORPUS = resolve(__dirname, '../../../../shared/corpus/real');
const JVM_RULES = RULES.filter((r) => r.id.startsWith('jvm-'));

function files(): Array<{ name: string; text: string; helm: boolean }> {
  const out: Array<{ name: string; text: string; helm: boolean }> = [];
  for (const dir of ['k8s', 'helm']) {
    for (const name of readdirSync(join(CORPUS, dir)).sort()) {
      if (!/\.ya?ml$/.test(name)) continue;
      const text = readFileSync(join(CORPUS, dir, name), 'utf8');
      out.push({ name: `${dir}/${name}`, text, helm: dir === 'helm' || text.includes('{{') });
    }
  }
  return out;
}

describe('jvm rules on the real-file corpus', () => {
  it('has the nine jvm rules in the rule list', () => {
    assert.equal(JVM_RULES.length, 9);
  });

  it('runs on every file without an exception; every fix applies cleanly and removes its finding', () => {
    let findings = 0;
    let fixes = 0;
    for (const file of files()) {
      const ctx = ruleContext(file.text, { helm: file.helm });
      for (const rule of JVM_RULES) {
        for (const f of rule.check(ctx)) {
          findings++;
          assert.ok(f.message.length > 0 && !f.message.endsWith('.'), `${file.name}: ${rule.id} message style`);
          assert.ok(!isTemplatePlaceholder(f.message), `${file.name}: ${rule.id} speaks of a masked template value`);
          if (file.helm) continue;
          for (const fix of f.fixes ?? []) {
            const after = applyEdits(file.text, fix.edits);
            assert.deepEqual(parseYaml(after, { helm: false }).docs.flatMap((d) => d.errors), [], `${file.name}: ${fix.title}`);
            const again = rule.check(ruleContext(after)).filter((g) => g.message === f.message);
            assert.equal(again.length, 0, `${file.name}: ${fix.title} removes "${f.message}"`);
            fixes++;
          }
        }
      }
    }
    assert.ok(findings >= 10, `${findings} findings`);
    assert.ok(fixes >= 5, `${fixes} fixes checked`);
  });
});

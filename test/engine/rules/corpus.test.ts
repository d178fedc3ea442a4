// The resource rules on every real Kubernetes, Helm and compose file of the shared corpus: no exception, and every
// fix they offer applies cleanly, leaves valid YAML and makes its finding go away.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../../server/src/engine/rules';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { ruleContext } from '../../helpers/rule-context';
import { applyEdits } from '../../helpers/text';

const CORPUS = resolve(__dirname, '../../../../shared/corpus/real');
const MINE = new Set(['yaml-syntax', 'invalid-quantity', 'suspicious-memory-quantity', 'request-exceeds-limit', 'memory-limit-missing', 'besteffort-pod']);

function files(): Array<{ name: string; text: string; helm: boolean }> {
  const out: Array<{ name: string; text: string; helm: boolean }> = [];
  for (const dir of ['k8s', 'helm', 'compose', 'large']) {
    let names: string[];
    try {
      names = readdirSync(join(CORPUS, dir));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (!/\.ya?ml$/.test(name)) continue;
      const text = readFileSync(join(CORPUS, dir, name), 'utf8');
      // The multi-megabyte bundles hold no resource findings worth the parse time here; test/corpus runs them all.
      if (text.length > 1_000_000) continue;
      out.push({ name: `${dir}/${name}`, text, helm: dir === 'helm' || text.includes('{{') });
    }
  }
  return out;
}

describe('resource rules on the real-file corpus', () => {
  const all = files();

  it('finds the corpus', () => {
    assert.ok(all.length > 20, `corpus files under ${CORPUS}`);
  });

  it('runs every rule on every file without an exception, and every fix leaves valid YAML without its finding', () => {
    let fixesChecked = 0;
    for (const file of all) {
      const ctx = ruleContext(file.text, { helm: file.helm });
      // Re-analysing after each fix is costly on the multi-megabyte files: their fixes are the same kinds of edit.
      const checkFixes = !file.helm && file.text.length < 300_000;
      const errorsBefore = checkFixes ? parseYaml(file.text, { helm: false }).docs.flatMap((d) => d.errors).length : 0;
      for (const rule of RULES.filter((r) => MINE.has(r.id))) {
        const findings = rule.check(ctx);
        for (const f of findings) {
          assert.ok(f.message && !f.message.endsWith('.'), `${file.name}: ${rule.id} message`);
          for (const fix of f.fixes ?? []) {
            if (!checkFixes) continue; // Helm: masked template text; edits are checked on plain YAML only
            const after = applyEdits(file.text, fix.edits);
            const errorsAfter = parseYaml(after, { helm: false }).docs.flatMap((d) => d.errors).length;
            assert.equal(errorsAfter, errorsBefore, `${file.name}: ${fix.title} keeps the YAML valid`);
            const again = rule.check(ruleContext(after)).filter((g) => g.message === f.message);
            const before = findings.filter((g) => g.message === f.message);
            assert.ok(again.length < before.length, `${file.name}: ${fix.title} removes "${f.message}"`);
            fixesChecked++;
          }
        }
      }
    }
    assert.ok(fixesChecked > 10, `checked ${fixesChecked} fixes`);
  });
});

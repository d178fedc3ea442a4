import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jvmInitialHeapExceedsMax } from '../../../server/src/engine/rules/jvm-initial-heap-exceeds-max';
import { check } from '../../helpers/rule-context';
import { textAt } from '../../helpers/text';
import { assertJvmFix, placements } from './jvm-helpers';

const MESSAGE =
  '`-Xms2g` is above `-Xmx1g` (2 GiB > 1 GiB): the JVM refuses to start ("Initial heap size set to a larger value than the maximum heap size")';
const FIXED_HEAP = 'jvm-fixed-heap: `-Xmx2g` fixes the heap at 2 GiB: it will not follow the container memory limit when the limit changes';

describe('jvm-initial-heap-exceeds-max', () => {
  // `$(JAVA_OPTS)` with two options is one argument (jvm-unrecognized-option); a command item holds one option.
  const cases = placements('-Xms2g -Xmx1g', '4Gi').filter((p) => p.name !== '$(JAVA_OPTS) in args' && p.name !== 'a command item');
  cases.push({ ...placements('-Xms2g', '4Gi')[0], name: 'two command items' });
  cases[cases.length - 1].text = cases[cases.length - 1].text.replace('"-Xms2g"', '"-Xms2g", "-Xmx1g"');

  for (const p of cases) {
    it(`reports -Xms2g above -Xmx1g through ${p.name}, on -Xms, and swaps them (safe)`, () => {
      const [f, ...rest] = check(jvmInitialHeapExceedsMax, p.text);
      assert.equal(rest.length, 0);
      assert.equal(textAt(p.text, f.range), '-Xms2g');
      assert.equal(f.message, MESSAGE);
      const [fix] = f.fixes!;
      assert.deepEqual([fix.title, fix.safe, fix.isPreferred], ['Swap the initial and maximum heap sizes', true, true]);
      const after = p.text.replace('-Xms2g', '-Xms1g').replace('-Xmx1g', '-Xmx2g');
      assertJvmFix(jvmInitialHeapExceedsMax, p.text, f, fix, after, { appears: [FIXED_HEAP] });
      assert.deepEqual(check(jvmInitialHeapExceedsMax, after), []);
    });
  }

  it('reports options that meet from two sources: -Xms in a ConfigMap, -Xmx on the command line', () => {
    const text = placements('-Xms2g', '4Gi')[5].text.replace('command: ["java", "-jar"', 'command: ["java", "-Xmx1g", "-jar"');
    const [f] = check(jvmInitialHeapExceedsMax, text);
    assert.equal(f.message, MESSAGE);
    assertJvmFix(jvmInitialHeapExceedsMax, text, f, f.fixes![0], text.replace('-Xms2g', '-Xms1g').replace('-Xmx1g', '-Xmx2g'), {
      appears: [FIXED_HEAP],
    });
  });

  it('is silent when -Xms is at most -Xmx, or a later -Xmx wins', () => {
    assert.deepEqual(check(jvmInitialHeapExceedsMax, placements('-Xms1g -Xmx1g', '4Gi')[1].text), []);
    assert.deepEqual(check(jvmInitialHeapExceedsMax, placements('-Xms2g -Xmx1g -Xmx3g', '4Gi')[1].text), []);
  });
});

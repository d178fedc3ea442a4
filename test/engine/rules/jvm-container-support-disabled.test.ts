import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jvmContainerSupportDisabled } from '../../../server/src/engine/rules/jvm-container-support-disabled';
import { jvmHeapExceedsLimit } from '../../../server/src/engine/rules/jvm-heap-exceeds-limit';
import { check } from '../../helpers/rule-context';
import { textAt } from '../../helpers/text';
import { assertJvmFix, placements, removedFrom } from './jvm-helpers';

describe('jvm-container-support-disabled', () => {
  for (const p of placements('-XX:-UseContainerSupport')) {
    it(`reports -XX:-UseContainerSupport through ${p.name}, as an error when the node-sized heap reaches the limit`, () => {
      const [f, ...rest] = check(jvmContainerSupportDisabled, p.text);
      assert.equal(rest.length, 0);
      assert.equal(textAt(p.text, f.range), '-XX:-UseContainerSupport');
      assert.equal(
        f.message,
        "`-XX:-UseContainerSupport`: the JVM ignores the container's limits and sizes itself from node memory (16 GiB): " +
          'max heap 4 GiB against the container memory limit `2Gi`, which the heap alone can exceed',
      );
      assert.equal(f.severity, 'error');
      assert.deepEqual(check(jvmHeapExceedsLimit, p.text), [], 'one finding for the cause');
      if (p.name === '$(JAVA_OPTS) in args') return assert.equal(f.fixes, undefined);
      const [fix] = f.fixes!;
      assert.deepEqual([fix.title, fix.safe, fix.isPreferred], ['Remove `-XX:-UseContainerSupport`', undefined, true]);
      assertJvmFix(jvmContainerSupportDisabled, p.text, f, fix, removedFrom(p));
    });
  }

  it('is a warning when the node-sized heap stays below the limit, or -Xmx fixes the heap', () => {
    const [big] = check(jvmContainerSupportDisabled, placements('-XX:-UseContainerSupport', '8Gi')[1].text);
    assert.equal(big.severity, undefined);
    assert.match(big.message, /max heap 4 GiB against the container memory limit `8Gi`$/);
    const [fixed] = check(jvmContainerSupportDisabled, placements('-XX:-UseContainerSupport -Xmx1g')[1].text);
    assert.equal(fixed.severity, undefined);
    assert.match(fixed.message, /: `-Xmx1g` still fixes the heap, but the collector and CPU count follow the node \(16 GiB\)$/);
  });

  it('is silent without the option or with +UseContainerSupport', () => {
    for (const p of placements('-XX:+UseContainerSupport')) assert.deepEqual(check(jvmContainerSupportDisabled, p.text), [], p.name);
    assert.deepEqual(check(jvmContainerSupportDisabled, placements('-XX:-UseContainerSupport -XX:+UseContainerSupport')[1].text), []);
  });
});

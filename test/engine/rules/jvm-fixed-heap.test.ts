import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jvmFixedHeap } from '../../../server/src/engine/rules/jvm-fixed-heap';
import { check } from '../../helpers/rule-context';
import { textAt } from '../../helpers/text';
import { assertJvmFix, placements } from './jvm-helpers';

describe('jvm-fixed-heap', () => {
  for (const p of placements('-Xmx1g')) {
    it(`hints at a fixed -Xmx1g through ${p.name}, and sizes the heap from the limit instead`, () => {
      const [f, ...rest] = check(jvmFixedHeap, p.text);
      assert.equal(rest.length, 0);
      assert.equal(textAt(p.text, f.range), '-Xmx1g');
      assert.equal(f.message, '`-Xmx1g` fixes the heap at 1 GiB: it will not follow the container memory limit when the limit changes');
      const [fix] = f.fixes!;
      // 1 GiB of 2Gi is 50 %: the same heap today, written with a decimal point for JDK 8.
      assert.deepEqual([fix.title, fix.isPreferred, fix.safe], ['Size the heap from the limit: `-XX:MaxRAMPercentage=50.0` (1 GiB of `2Gi` today)', true, undefined]);
      assertJvmFix(jvmFixedHeap, p.text, f, fix, p.text.replace('-Xmx1g', '-XX:MaxRAMPercentage=50.0'));
    });
  }

  it('keeps today’s share of the limit, rounded down to a tenth, and keeps -XX:MaxHeapSize spelled as a flag', () => {
    // 1200 MiB of 1700 MiB is 70.588 %: 70.5 % gives 1227.4 MB → 1198.5 MiB, aligned up to 1200 MiB (2 MiB, Serial).
    const p = placements('-XX:MaxHeapSize=1200m', '1700Mi')[1];
    const [f] = check(jvmFixedHeap, p.text);
    assert.equal(f.message, '`-XX:MaxHeapSize=1200m` fixes the heap at 1.17 GiB: it will not follow the container memory limit when the limit changes');
    const [fix] = f.fixes!;
    assert.equal(fix.title, 'Size the heap from the limit: `-XX:MaxRAMPercentage=70.5` (1.17 GiB of `1700Mi` today)');
    assertJvmFix(jvmFixedHeap, p.text, f, fix, p.text.replace('-XX:MaxHeapSize=1200m', '-XX:MaxRAMPercentage=70.5'));
  });

  it('hints without a fix when there is no limit, the JDK may lack the flag, or an image script owns the heap', () => {
    const [noLimit] = check(jvmFixedHeap, placements('-Xmx1g', '')[0].text);
    assert.equal(noLimit.fixes, undefined);
    const [jdk8] = check(jvmFixedHeap, placements('-Xmx1g', '2Gi', 'openjdk:8-jre')[0].text);
    assert.equal(jdk8.fixes, undefined);
    const [jdk8new] = check(jvmFixedHeap, placements('-Xmx1g', '2Gi', 'eclipse-temurin:8u392-b08-jre')[0].text);
    assert.equal(jdk8new.fixes?.[0].title, 'Size the heap from the limit: `-XX:MaxRAMPercentage=50.0` (1 GiB of `2Gi` today)');
  });

  it('is silent for percentages, and where a higher-severity finding covers the option', () => {
    for (const p of placements('-XX:MaxRAMPercentage=50.0')) assert.deepEqual(check(jvmFixedHeap, p.text), [], p.name);
    assert.deepEqual(check(jvmFixedHeap, placements('-Xmx2g')[1].text), [], 'jvm-heap-exceeds-limit');
    assert.deepEqual(check(jvmFixedHeap, placements('-Xmx1800m')[1].text), [], 'jvm-heap-no-headroom');
    assert.deepEqual(check(jvmFixedHeap, placements('-Xms2g -Xmx1g', '4Gi')[1].text), [], 'jvm-initial-heap-exceeds-max');
    // An image's own -Xmx (Elasticsearch before 7.11) is not the user's to change.
    const es = placements('-Xmx1g', '4Gi')[0].text.replace('eclipse-temurin:17-jre', 'docker.elastic.co/elasticsearch/elasticsearch:6.8.0').replace('command: ["java", "-Xmx1g", "-jar", "/app.jar"]\n', 'env: [{name: ES_JAVA_OPTS, value: "-Dx=1"}]\n');
    assert.deepEqual(check(jvmFixedHeap, es), []);
  });
});

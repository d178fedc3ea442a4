import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jvmHeapExceedsLimit } from '../../../server/src/engine/rules/jvm-heap-exceeds-limit';
import { jvmHeapNoHeadroom } from '../../../server/src/engine/rules/jvm-heap-no-headroom';
import { check } from '../../helpers/rule-context';
import { dedent, textAt } from '../../helpers/text';
import { assertJvmFix, findFix, placements } from './jvm-helpers';

const FIXED_HEAP = (opt: string, size: string) =>
  `jvm-fixed-heap: \`${opt}\` fixes the heap at ${size}: it will not follow the container memory limit when the limit changes`;

describe('jvm-heap-no-headroom', () => {
  for (const p of placements('-Xmx1800m')) {
    it(`reports -Xmx1800m + budget above a 2Gi limit through ${p.name}, and lowers it to what fits`, () => {
      const [f, ...rest] = check(jvmHeapNoHeadroom, p.text);
      assert.equal(rest.length, 0);
      assert.equal(textAt(p.text, f.range), '-Xmx1800m');
      assert.match(f.message, /^`-Xmx1800m` heap \(1\.76 GiB[^)]*\) plus the non-heap budget \(382\.32 MiB\) needs 2\.13 GiB, above the container memory limit `2Gi`$/);
      // 14,000,000 + 5,800 × 15,000 (metaspace) + 48 MiB + 100 × 1 MiB + 16 MiB + 32 MiB + 5 % × 1800 MiB.
      assert.equal(f.facts?.nonHeapBudgetBytes, String(101_000_000 + 50_331_648 + 104_857_600 + 16_777_216 + 33_554_432 + 94_371_840));
      const lower = findFix(f, /^Lower the heap to `-Xmx1672m`/);
      assert.equal(lower.isPreferred, true);
      assertJvmFix(jvmHeapNoHeadroom, p.text, f, lower, p.text.replace('-Xmx1800m', '-Xmx1672m'), {
        appears: [FIXED_HEAP('-Xmx1672m', '1.63 GiB')],
      });
    });
  }

  it('raises the limit to heap + budget, leaving the heap as it is', () => {
    const p = placements('-Xmx1800m')[4];
    const [f] = check(jvmHeapNoHeadroom, p.text);
    const raise = findFix(f, 'Raise the memory limit to `2183Mi` (heap 1.76 GiB + non-heap budget 382.32 MiB)');
    assertJvmFix(jvmHeapNoHeadroom, p.text, f, raise, p.text.replace('memory: 2Gi', 'memory: 2183Mi'), {
      appears: [FIXED_HEAP('-Xmx1800m', '1.76 GiB')],
    });
  });

  it('lowers a MaxRAMPercentage to the largest that fits, and raises the limit to where the heap it gives fits', () => {
    const p = placements('-XX:MaxRAMPercentage=90.0')[1];
    const [f] = check(jvmHeapNoHeadroom, p.text);
    assert.equal(textAt(p.text, f.range), '-XX:MaxRAMPercentage=90.0');
    assert.match(f.message, /^`-XX:MaxRAMPercentage=90\.0` heap \(1\.8 GiB, from `JAVA_TOOL_OPTIONS`\) plus the non-heap budget/);
    const lower = findFix(f, /^Lower the heap to `-XX:MaxRAMPercentage=81\.6`/);
    assertJvmFix(jvmHeapNoHeadroom, p.text, f, lower, p.text.replace('=90.0', '=81.6'));
    // The heap grows with the limit (90 %): the limit that fits is where 90 % plus the budget fits.
    const raise = findFix(f, /^Raise the memory limit to `5358Mi`/);
    assertJvmFix(jvmHeapNoHeadroom, p.text, f, raise, p.text.replace('memory: 2Gi', 'memory: 5358Mi'));
  });

  it('reports the default heap of a small container, with only the limit fix', () => {
    const text = dedent`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
      spec:
        containers:
          - name: app
            image: eclipse-temurin:17-jre
            command: ["java", "-jar", "/app.jar"]
            resources:
              limits:
                memory: 256Mi
    `;
    const [f] = check(jvmHeapNoHeadroom, text);
    assert.equal(textAt(text, f.range), 'app');
    assert.equal(
      f.message,
      "The JVM's default max heap (126 MiB) plus the non-heap budget (298.62 MiB) needs 424.62 MiB, above the container memory limit `256Mi`",
    );
    assert.deepEqual(f.fixes?.map((x) => x.title), ['Raise the memory limit to `425Mi` (heap 126 MiB + non-heap budget 298.62 MiB)']);
    assertJvmFix(jvmHeapNoHeadroom, text, f, f.fixes![0], text.replace('256Mi', '425Mi'));
  });

  it('is silent when heap + budget fits, and when the heap alone exceeds the limit (jvm-heap-exceeds-limit)', () => {
    for (const p of placements('-Xmx1g')) assert.deepEqual(check(jvmHeapNoHeadroom, p.text), [], p.name);
    const exceeds = placements('-Xmx2g')[0].text;
    assert.deepEqual(check(jvmHeapNoHeadroom, exceeds), []);
    assert.equal(check(jvmHeapExceedsLimit, exceeds).length, 1);
  });

  it('follows the budget settings', () => {
    const p = placements('-Xmx1600m')[0];
    assert.deepEqual(check(jvmHeapNoHeadroom, p.text), []);
    const [f] = check(jvmHeapNoHeadroom, p.text, { options: { jvm: { threads: 400 } } });
    assert.match(f.message, /plus the non-heap budget \(672\.32 MiB\)/);
  });
});

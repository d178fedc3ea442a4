import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jvmHeapExceedsLimit } from '../../../server/src/engine/rules/jvm-heap-exceeds-limit';
import { check } from '../../helpers/rule-context';
import { dedent, textAt } from '../../helpers/text';
import { assertJvmFix, findFix, placements } from './jvm-helpers';

const FIXED_HEAP = (opt: string, gib: string) =>
  `jvm-fixed-heap: \`${opt}\` fixes the heap at ${gib}: it will not follow the container memory limit when the limit changes`;

describe('jvm-heap-exceeds-limit', () => {
  for (const p of placements('-Xmx2g')) {
    it(`reports -Xmx2g against a 2Gi limit through ${p.name}, on the option, and lowers it where it is written`, () => {
      const [f, ...rest] = check(jvmHeapExceedsLimit, p.text);
      assert.equal(rest.length, 0);
      assert.equal(textAt(p.text, f.range), '-Xmx2g');
      assert.match(f.message, /^`-Xmx2g` heap \(2 GiB(, from `[A-Z_]+`( in ConfigMap `jvm`)?(, which overrides the command line)?)?\) is not below the container memory limit `2Gi`: the container is killed before the heap is full$/);
      const lower = findFix(f, /^Lower the heap to `-Xmx1672m`/);
      assert.equal(lower.isPreferred, true);
      assert.equal(lower.safe, undefined);
      assertJvmFix(jvmHeapExceedsLimit, p.text, f, lower, p.text.replace('-Xmx2g', '-Xmx1672m'), {
        appears: [FIXED_HEAP('-Xmx1672m', '1.63 GiB')],
      });
    });
  }

  it('names where the option came from, ConfigMap and _JAVA_OPTIONS included', () => {
    const [cmd, jto, underscore, args, sh, cm] = placements('-Xmx2g').map((p) => check(jvmHeapExceedsLimit, p.text)[0].message);
    assert.match(cmd, /^`-Xmx2g` heap \(2 GiB\) is not/);
    assert.match(jto, /\(2 GiB, from `JAVA_TOOL_OPTIONS`\)/);
    assert.match(underscore, /\(2 GiB, from `_JAVA_OPTIONS`, which overrides the command line\)/);
    assert.match(args, /\(2 GiB, from `JAVA_OPTS`\)/);
    assert.match(sh, /\(2 GiB, from `JAVA_OPTS`\)/);
    assert.match(cm, /\(2 GiB, from `JAVA_TOOL_OPTIONS` in ConfigMap `jvm`\)/);
    const cmFinding = check(jvmHeapExceedsLimit, placements('-Xmx2g')[5].text)[0];
    assert.match(findFix(cmFinding, /^Lower/).title, /`-Xmx1672m` in ConfigMap `jvm`/);
  });

  it('raises the limit to heap + budget rounded up to Mi as the other fix', () => {
    const p = placements('-Xmx2g')[1];
    const [f] = check(jvmHeapExceedsLimit, p.text);
    const raise = findFix(f, 'Raise the memory limit to `2443Mi` (heap 2 GiB + non-heap budget 394.72 MiB)');
    assert.equal(raise.isPreferred, undefined);
    assertJvmFix(jvmHeapExceedsLimit, p.text, f, raise, p.text.replace('memory: 2Gi', 'memory: 2443Mi'), {
      appears: [FIXED_HEAP('-Xmx2g', '2 GiB')],
    });
  });

  it('is silent once the heap is below the limit, and when the command line wins over JAVA_TOOL_OPTIONS', () => {
    for (const p of placements('-Xmx1g')) assert.deepEqual(check(jvmHeapExceedsLimit, p.text), [], p.name);
    const jtoLoses = placements('-Xmx3g')[1].text.replace('command: ["java", "-jar"', 'command: ["java", "-Xmx1g", "-jar"');
    assert.deepEqual(check(jvmHeapExceedsLimit, jtoLoses), []);
  });

  it('reports _JAVA_OPTIONS overriding a smaller -Xmx on the command line', () => {
    const text = placements('-Xmx3g')[2].text.replace('command: ["java", "-jar"', 'command: ["java", "-Xmx512m", "-jar"');
    const [f] = check(jvmHeapExceedsLimit, text);
    assert.equal(textAt(text, f.range), '-Xmx3g');
    assert.match(f.message, /^`-Xmx3g` heap \(3 GiB, from `_JAVA_OPTIONS`, which overrides the command line\)/);
  });

  it('reports an -Xms that raises the max heap, and lowers that -Xms', () => {
    const p = placements('-Xms3g')[0];
    const [f] = check(jvmHeapExceedsLimit, p.text);
    assert.equal(textAt(p.text, f.range), '-Xms3g');
    assert.equal(f.message, 'Max heap 3 GiB (raised by `-Xms3g`) is not below the container memory limit `2Gi`: the container is killed before the heap is full');
    assertJvmFix(jvmHeapExceedsLimit, p.text, f, findFix(f, /^Lower the heap to `-Xms1672m`/), p.text.replace('-Xms3g', '-Xms1672m'));
  });

  it('lowers -Xms with -Xmx when it would exceed the new maximum', () => {
    const text = placements('-Xmx2g')[0].text.replace('"-Xmx2g"', '"-Xms2g", "-Xmx2g"');
    const [f] = check(jvmHeapExceedsLimit, text);
    const fix = findFix(f, /^Lower the heap to `-Xmx1672m` and `-Xms1672m`/);
    assertJvmFix(jvmHeapExceedsLimit, text, f, fix, text.replace('"-Xms2g", "-Xmx2g"', '"-Xms1672m", "-Xmx1672m"'), {
      appears: [FIXED_HEAP('-Xmx1672m', '1.63 GiB')],
    });
  });

  it('raises the request with the limit in a Guaranteed pod, so it stays Guaranteed', () => {
    const text = dedent`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
      spec:
        containers:
          - name: app
            image: eclipse-temurin:17-jre
            command: ["java", "-Xmx2g", "-jar", "/app.jar"]
            resources:
              requests: {memory: 2Gi, cpu: "1"}
              limits: {memory: 2Gi, cpu: "1"}
    `;
    const [f] = check(jvmHeapExceedsLimit, text);
    const raise = findFix(f, /^Raise the memory limit and request to `2443Mi`/);
    assertJvmFix(jvmHeapExceedsLimit, text, f, raise, text.replace(/memory: 2Gi/g, 'memory: 2443Mi'), {
      appears: [FIXED_HEAP('-Xmx2g', '2 GiB')],
    });
  });

  it('reports an image default heap on the container, with only the limit fix', () => {
    const text = dedent`
      apiVersion: v1
      kind: Pod
      metadata:
        name: es
      spec:
        containers:
          - name: es
            image: docker.elastic.co/elasticsearch/elasticsearch:6.8.0
            resources:
              limits: {memory: 1Gi}
    `;
    const [f] = check(jvmHeapExceedsLimit, text);
    assert.equal(textAt(text, f.range), 'es');
    assert.match(f.message, /^`-Xmx1g` heap \(1 GiB, the image's default\) is not below the container memory limit `1Gi`/);
    assert.deepEqual(f.fixes?.map((x) => [x.title, x.isPreferred]), [['Raise the memory limit to `1368Mi` (heap 1 GiB + non-heap budget 343.52 MiB)', true]]);
  });

  it('leaves the cause to other rules: container support off, -Xms above -Xmx, a heap hidden in a Secret', () => {
    const off = placements('-XX:-UseContainerSupport', '2Gi')[1].text;
    assert.deepEqual(check(jvmHeapExceedsLimit, off), []);
    const swapped = placements('-Xmx2g')[0].text.replace('"-Xmx2g"', '"-Xms3g", "-Xmx2g"');
    assert.deepEqual(check(jvmHeapExceedsLimit, swapped), []);
    const secret = placements('-Xmx3g')[0].text.replace(
      '          resources:',
      '          env:\n            - name: JAVA_TOOL_OPTIONS\n              valueFrom:\n                secretKeyRef: {name: s, key: k}\n          resources:',
    );
    assert.deepEqual(check(jvmHeapExceedsLimit, secret), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jvmUnrecognizedOption } from '../../../server/src/engine/rules/jvm-unrecognized-option';
import { check } from '../../helpers/rule-context';
import { dedent, textAt } from '../../helpers/text';
import { assertJvmFix, pipeline, placements, removedFrom } from './jvm-helpers';

describe('jvm-unrecognized-option', () => {
  for (const p of placements('-XX:+UseCGroupMemoryLimitForHeap')) {
    it(`reports -XX:+UseCGroupMemoryLimitForHeap on JDK 17 through ${p.name}, and removes it (safe)`, () => {
      const [f, ...rest] = check(jvmUnrecognizedOption, p.text);
      assert.equal(rest.length, 0);
      assert.equal(textAt(p.text, f.range), '-XX:+UseCGroupMemoryLimitForHeap');
      assert.equal(f.message, '`-XX:+UseCGroupMemoryLimitForHeap` makes JDK 17 refuse to start ("Unrecognized VM option \'UseCGroupMemoryLimitForHeap\'")');
      assert.equal(f.severity, undefined);
      if (p.name === '$(JAVA_OPTS) in args') {
        // Emptying the variable would leave an empty argument, which `java` takes for its main class.
        assert.equal(f.fixes, undefined);
        return;
      }
      const [fix] = f.fixes!;
      assert.deepEqual([fix.title, fix.safe, fix.isPreferred], ['Remove `-XX:+UseCGroupMemoryLimitForHeap`', true, true]);
      assertJvmFix(jvmUnrecognizedOption, p.text, f, fix, removedFrom(p));
    });
  }

  for (const p of placements('-XX:MaxRAMPercentage=75', '2Gi', 'eclipse-temurin:8u392-b08-jre')) {
    it(`reports an integer percentage on JDK 8 through ${p.name}, and writes 75.0 (safe)`, () => {
      const [f] = check(jvmUnrecognizedOption, p.text);
      assert.equal(textAt(p.text, f.range), '-XX:MaxRAMPercentage=75');
      assert.equal(f.message, '`-XX:MaxRAMPercentage=75` makes JDK 8u392 refuse to start ("Improperly specified VM option \'MaxRAMPercentage=75\'")');
      const [fix] = f.fixes!;
      assert.equal(fix.safe, true);
      assertJvmFix(jvmUnrecognizedOption, p.text, f, fix, p.text.replace('=75', '=75.0'));
    });
  }

  it('is silent on the fixed options and on JDK 17 integer percentages', () => {
    for (const p of placements('-XX:MaxRAMPercentage=75.0', '2Gi', 'eclipse-temurin:8u392-b08-jre')) {
      assert.deepEqual(check(jvmUnrecognizedOption, p.text), [], p.name);
    }
    for (const p of placements('-XX:MaxRAMPercentage=75')) assert.deepEqual(check(jvmUnrecognizedOption, p.text), [], p.name);
  });

  it('reports `$(JAVA_OPTS)` holding several options as one argument, on the reference', () => {
    const text = placements('-Xmx1800m -Xss512k')[3].text;
    const [f, ...rest] = check(jvmUnrecognizedOption, text);
    assert.equal(rest.length, 0);
    assert.equal(textAt(text, f.range), '$(JAVA_OPTS)');
    assert.equal(
      f.message,
      '`-Xmx1800m -Xss512k` reaches the JVM as one argument, not split into options: the JVM refuses to start ("Invalid maximum heap size: -Xmx1800m -Xss512k")',
    );
    assert.equal(f.severity, undefined);
    // Through a shell the same value is split: nothing to report.
    assert.deepEqual(check(jvmUnrecognizedOption, placements('-Xmx1800m -Xss512k')[4].text), []);
  });

  it('warns when a -D argument swallows the options after it', () => {
    const text = placements('-Dspring.profiles.active=prod -Xmx1g')[3].text;
    const [f] = check(jvmUnrecognizedOption, text);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /everything after the first space becomes part of the property value/);
  });

  it('says when the JDK is assumed, and warns instead of failing', () => {
    const text = placements('-XX:MaxPermSize=256m', '2Gi', 'registry.example.com/shop/api:1.4')[0].text;
    const [f] = check(jvmUnrecognizedOption, text);
    assert.equal(f.message, '`-XX:MaxPermSize=256m` makes JDK 17 (assumed: the image does not say) refuse to start ("Unrecognized VM option \'MaxPermSize=256m\'")');
    assert.equal(f.severity, 'warning');
    assert.ok(pipeline(text).includes(`jvm-unrecognized-option: ${f.message}`));
  });

  it('reports a malformed size and a heap too small for G1, without a fix', () => {
    const bad = placements('-Xmx1.5g')[1].text;
    const [f] = check(jvmUnrecognizedOption, bad);
    assert.equal(f.message, '`-Xmx1.5g` makes JDK 17 refuse to start ("Invalid maximum heap size: -Xmx1.5g")');
    assert.equal(f.fixes, undefined);
    const tiny = dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: eclipse-temurin:17-jre
            command: ["java", "-XX:+UseG1GC", "-Xmx2m", "-jar", "/app.jar"]
            resources: {limits: {memory: 2Gi}}
    `;
    const [g] = check(jvmUnrecognizedOption, tiny);
    assert.equal(textAt(tiny, g.range), '-Xmx2m');
    assert.equal(g.message, '`-Xmx2m` heap (2 MiB) is too small for G1: the JVM refuses to start ("GC triggered before VM initialization completed")');
    assert.ok(!pipeline(tiny).some((x) => x.startsWith('jvm-fixed-heap')), 'no hint on an option that is an error');
  });

  it('reports an option shared through one ConfigMap once', () => {
    const text = dedent`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: jvm}
      data:
        JAVA_TOOL_OPTIONS: "-XX:+UseCGroupMemoryLimitForHeap"
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: eclipse-temurin:17-jre
            command: ["java", "-jar", "/a.jar"]
            envFrom: [{configMapRef: {name: jvm}}]
          - name: b
            image: eclipse-temurin:17-jre
            command: ["java", "-jar", "/b.jar"]
            envFrom: [{configMapRef: {name: jvm}}]
    `;
    const fs = check(jvmUnrecognizedOption, text);
    assert.equal(fs.length, 1);
    assert.equal(textAt(text, fs[0].range), '-XX:+UseCGroupMemoryLimitForHeap');
    // The only option of the value: removing it leaves an empty string.
    assertJvmFix(jvmUnrecognizedOption, text, fs[0], fs[0].fixes![0], text.replace('"-XX:+UseCGroupMemoryLimitForHeap"', '""'));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jvmOptionsUnread } from '../../../server/src/engine/rules/jvm-options-unread';
import { check } from '../../helpers/rule-context';
import { dedent, textAt } from '../../helpers/text';

/** A pod whose one container gets `lines` (written without indentation) after its name. */
const pod = (...lines: string[]) =>
  dedent`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: app
  ` + lines.map((l) => `      ${l}\n`).join('');

describe('jvm-options-unread', () => {
  it('reports JAVA_OPTS that the command does not pass on, on the variable name', () => {
    const text = pod('image: eclipse-temurin:17-jre', 'command: ["java", "-jar", "/app.jar"]', 'env:', '  - name: JAVA_OPTS', '    value: "-Xmx1g -XX:MaxRAMPercentage=60"');
    const [f, ...rest] = check(jvmOptionsUnread, text);
    assert.equal(rest.length, 0);
    assert.equal(textAt(text, f.range), 'JAVA_OPTS');
    assert.equal(
      f.message,
      '`JAVA_OPTS` is not read by the JVM itself and the command does not pass it on (use `$(JAVA_OPTS)` in args, or JAVA_TOOL_OPTIONS), ' +
        'so `-Xmx1g` and `-XX:MaxRAMPercentage=60` have no effect',
    );
  });

  it('is silent once the command passes it on: `$(JAVA_OPTS)` in args, or `$JAVA_OPTS` in sh -c', () => {
    const env = ['env:', '  - name: JAVA_OPTS', '    value: "-Xmx1g"'];
    const unread = pod('image: eclipse-temurin:17-jre', 'command: ["java", "-jar", "/app.jar"]', ...env);
    assert.equal(check(jvmOptionsUnread, unread).length, 1);
    const args = pod('image: eclipse-temurin:17-jre', 'command: ["java"]', 'args: ["$(JAVA_OPTS)", "-jar", "/app.jar"]', ...env);
    assert.deepEqual(check(jvmOptionsUnread, args), []);
    const shell = pod('image: eclipse-temurin:17-jre', 'command: ["sh", "-c", "exec java $JAVA_OPTS -jar /app.jar"]', ...env);
    assert.deepEqual(check(jvmOptionsUnread, shell), []);
  });

  it('reports JDK_JAVA_OPTIONS on JDK 8 and variables a java -jar image never reads', () => {
    const jdk8 = pod('image: eclipse-temurin:8u392-b08-jre', 'command: ["java", "-jar", "/app.jar"]', 'env:', '  - name: JDK_JAVA_OPTIONS', '    value: "-Xmx1g"');
    const [f] = check(jvmOptionsUnread, jdk8);
    assert.equal(f.message, '`JDK_JAVA_OPTIONS` never reaches the JVM: JDK 8 does not read JDK_JAVA_OPTIONS (JDK 9+), so `-Xmx1g` has no effect');
    const distroless = pod('image: gcr.io/distroless/java17-debian12', 'args: ["/app.jar"]', 'env:', '  - name: JAVA_OPTS', '    value: "-Xmx1g"');
    const [g] = check(jvmOptionsUnread, distroless);
    assert.match(g.message, /^`JAVA_OPTS` never reaches the JVM: the image runs `java -jar` directly/);
  });

  it('stays quiet when the start script cannot be seen', () => {
    const text = pod('image: registry.example.com/app:1', 'env:', '  - name: JAVA_OPTS', '    value: "-Xmx1g"');
    assert.deepEqual(check(jvmOptionsUnread, text), []);
  });
});

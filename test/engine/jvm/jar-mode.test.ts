// Where `java` stops reading JVM options (detect.ts): `-jar` only switches to jar mode, so options between it and
// the jar are JVM options (java.c ParseArguments in openjdk/jdk8u-dev: `mode = LM_JAR` and the option loop goes on;
// measured on 17.0.15: `java -jar -Xms2048m -Xmx2048m app.jar` → Runtime.maxMemory() 2 GiB, no app arguments).
// What follows the jar or main class is the application's: `java -jar app.jar -Xmx512m` keeps the default heap and
// the app gets `-Xmx512m` (measured). The real corpus case is hi1summer/springcloud-gateway's Dockerfiles.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../server/src/engine/analyze';
import { normalizeOptions } from '../../../server/src/engine/options';
import { LineIndex } from '../../../server/src/engine/text';
import type { Finding } from '../../../server/src/engine/types';
import { dedent } from '../../helpers/text';

const options = normalizeOptions({});
const run = (uri: string, text: string) => {
  const a = analyzeFile({ uri, text, options, mode: 'cli' });
  assert.deepEqual(a.failures, []);
  return a;
};
const covered = (text: string, f: Finding): string => {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(f.range.start), lines.offset(f.range.end));
};
const image = (text: string) => run('Dockerfile', text).images[0];

describe('java -jar: where the JVM options end', () => {
  it('reads options written between -jar and the jar (hi1summer/springcloud-gateway)', () => {
    const text = dedent`
      FROM java:8
      COPY target/app.jar app.jar
      ENTRYPOINT ["/bin/bash","-c","java -jar -Xms2048m -Xmx2048m /app.jar"]
    `;
    const jvm = image(text).jvm!;
    assert.deepEqual(jvm.options, ['-Xms2048m', '-Xmx2048m']);
    assert.equal(jvm.maxHeapBytes, 2048n * 1024n * 1024n);
    assert.equal(jvm.heapSource, 'Xmx');
    // The same options before -jar give the same JVM.
    const before = image(text.replace('java -jar -Xms2048m -Xmx2048m /app.jar', 'java -Xms2048m -Xmx2048m -jar /app.jar')).jvm!;
    assert.deepEqual([before.options, before.maxHeapBytes], [jvm.options, jvm.maxHeapBytes]);
  });

  it('leaves options after the jar to the application: not in `options`, a hint on each', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENTRYPOINT ["java", "-Xss512k", "-jar", "/app.jar", "-Xmx512m", "--server.port=8080", "-XX:MaxRAMPercentage=75.0"]
    `;
    const a = run('Dockerfile', text);
    const jvm = a.images[0].jvm!;
    assert.deepEqual(jvm.options, ['-Xss512k']);
    assert.equal(jvm.heapSource, 'default');
    const hints = a.findings.filter((f) => f.ruleId === 'jvm-options-unread');
    assert.deepEqual(hints.map((f) => covered(text, f)), ['-Xmx512m', '-XX:MaxRAMPercentage=75.0']);
    assert.equal(hints[0].severity, 'hint');
    assert.equal(
      hints[0].message,
      '`-Xmx512m` comes after `/app.jar`: java passes it to the application, not the JVM, so it has no effect (put it before `-jar`)',
    );
    // Moved before -jar: read, and only the other one is left to say.
    const fixed = text.replace('"-jar", "/app.jar", "-Xmx512m",', '"-Xmx512m", "-jar", "/app.jar",');
    const b = run('Dockerfile', fixed);
    assert.equal(b.images[0].jvm!.maxHeapBytes, 512n * 1024n * 1024n);
    assert.deepEqual(b.findings.filter((f) => f.ruleId === 'jvm-options-unread').map((f) => covered(fixed, f)), ['-XX:MaxRAMPercentage=75.0']);
  });

  it('says the same after a main class, in a Kubernetes command', () => {
    const text = dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        containers:
          - name: app
            image: eclipse-temurin:17-jre
            command: ["java", "-cp", "/app/lib/*", "com.example.Main", "-Xmx1g"]
            resources: {limits: {memory: 2Gi}}
    `;
    const hints = run('pod.yaml', text).findings.filter((f) => f.ruleId === 'jvm-options-unread');
    assert.deepEqual(hints.map((f) => covered(text, f)), ['-Xmx1g']);
    assert.match(hints[0].message, /comes after `com\.example\.Main`.*\(put it before `com\.example\.Main`\)$/);
  });

  it('reports `-jar` glued to options in one exec-form item as fatal (measured "Unrecognized option: …")', () => {
    const text = dedent`
      FROM java:8
      ENTRYPOINT ["java","-jar -Xms2G -Xmx2G","/app.jar"]
    `;
    const [f, ...rest] = run('Dockerfile', text).findings.filter((x) => x.ruleId === 'jvm-unrecognized-option');
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(covered(text, f), '-jar -Xms2G -Xmx2G');
    assert.match(f.message, /the JVM refuses to start \("Unrecognized option: -jar -Xms2G -Xmx2G"\)$/);
  });
});

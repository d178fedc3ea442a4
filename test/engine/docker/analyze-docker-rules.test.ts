// The jvm-* rules on Dockerfile images and compose services, end to end through analyzeFile: the subjects built in
// docker/ reach the rule runner, the ranges point at the options in the text, and the fixes apply.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../server/src/engine/analyze';
import { normalizeOptions } from '../../../server/src/engine/options';
import { LineIndex } from '../../../server/src/engine/text';
import type { Finding } from '../../../server/src/engine/types';
import { applyEdits, dedent } from '../../helpers/text';

const options = normalizeOptions({});

function findings(uri: string, text: string): Finding[] {
  const a = analyzeFile({ uri, text, options, mode: 'cli' });
  assert.deepEqual(a.failures, []);
  return a.findings;
}

function codes(uri: string, text: string): string[] {
  return findings(uri, text).map((f) => f.ruleId);
}

/** The text a finding's range covers. */
function covered(text: string, f: Finding): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(f.range.start), lines.offset(f.range.end));
}

describe('jvm rules on Dockerfiles', () => {
  it('reports -Xms above -Xmx on the image', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_TOOL_OPTIONS="-Xms2g -Xmx1g"
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const f = findings('Dockerfile', text).find((x) => x.ruleId === 'jvm-initial-heap-exceeds-max');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.equal(covered(text, f), '-Xms2g');
  });

  it('reports an option JDK 17 rejects, on its characters inside the ENV value', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_OPTS="-XX:+UnlockExperimentalVMOptions -XX:+UseCGroupMemoryLimitForHeap"
      ENTRYPOINT exec java $JAVA_OPTS -jar /app.jar
    `;
    const f = findings('Dockerfile', text).filter((x) => x.ruleId === 'jvm-unrecognized-option');
    assert.equal(f.length, 1);
    assert.equal(covered(text, f[0]), '-XX:+UseCGroupMemoryLimitForHeap');
  });

  it('reports -Xmx1.5g, which the JVM refuses', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      CMD ["java", "-Xmx1.5g", "-jar", "/app.jar"]
    `;
    const f = findings('Dockerfile', text).find((x) => x.ruleId === 'jvm-unrecognized-option');
    assert.ok(f);
    assert.equal(covered(text, f), '-Xmx1.5g');
  });

  it('reports a legacy JDK 8 base image', () => {
    const text = dedent`
      FROM openjdk:8u151-jdk-alpine
      CMD java -jar /app.jar
    `;
    assert.ok(codes('Dockerfile', text).includes('jvm-legacy-jdk'));
    assert.ok(!codes('Dockerfile', text.replace('8u151', '8u402')).includes('jvm-legacy-jdk'));
  });

  it('reports the deprecated `java` image as a JDK that ignores the container limit', () => {
    const text = dedent`
      FROM java:8-jdk-alpine
      CMD ["java", "-jar", "/app.jar"]
    `;
    const f = findings('Dockerfile', text).find((x) => x.ruleId === 'jvm-legacy-jdk');
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.equal(covered(text, f), 'java:8-jdk-alpine');
    assert.ok(!codes('Dockerfile', text.replace('java:8-jdk-alpine', 'eclipse-temurin:8u402-b06-jre')).includes('jvm-legacy-jdk'));
  });

  it('reports disabled container support and a fixed heap, but nothing about a limit the image does not have', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_TOOL_OPTIONS="-XX:-UseContainerSupport -Xmx64g"
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const c = codes('Dockerfile', text);
    assert.ok(c.includes('jvm-container-support-disabled'));
    assert.ok(c.includes('jvm-fixed-heap'));
    for (const id of ['jvm-heap-exceeds-limit', 'jvm-heap-no-headroom', 'jvm-no-memory-limit']) assert.ok(!c.includes(id), id);
  });

  it('reports JAVA_OPTS that nothing passes to the JVM', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_OPTS=-Xmx512m
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const unread = findings('Dockerfile', text).find((f) => f.ruleId === 'jvm-options-unread')!;
    // The advice is a Dockerfile's (a shell expands `$JAVA_OPTS`), not the kubelet's `$(JAVA_OPTS)`.
    assert.match(unread.message, /use a shell-form `CMD java \$JAVA_OPTS …`, or JAVA_TOOL_OPTIONS/);
    // Followed, the advice works: the options now reach the JVM and the hint is gone.
    const followed = text.replace('ENTRYPOINT ["java", "-jar", "/app.jar"]', 'CMD java $JAVA_OPTS -jar /app.jar');
    assert.ok(!codes('Dockerfile', followed).includes('jvm-options-unread'));
    assert.ok(codes('Dockerfile', followed).includes('jvm-fixed-heap'));
  });

  it('honours a suppression comment in a Dockerfile', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      # oom-lens-disable-next-line jvm-fixed-heap
      ENV JAVA_TOOL_OPTIONS=-Xmx512m
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    assert.ok(!codes('Dockerfile', text).includes('jvm-fixed-heap'));
    assert.ok(codes('Dockerfile', text.replace('# oom-lens-disable-next-line jvm-fixed-heap\n', '')).includes('jvm-fixed-heap'));
  });
});

describe('jvm rules on compose services', () => {
  const text = dedent`
    services:
      api:
        image: eclipse-temurin:17-jre
        mem_limit: 500m
        environment:
          JAVA_TOOL_OPTIONS: -Xmx512m
        command: ["java", "-jar", "/app.jar"]
  `;

  it('reports a heap above mem_limit 500m (500 MiB in Docker units) on the -Xmx option', () => {
    const f = findings('docker-compose.yml', text).find((x) => x.ruleId === 'jvm-heap-exceeds-limit');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.equal(covered(text, f), '-Xmx512m');
    assert.match(f.message, /`500m`/);
  });

  it('fixes it by raising mem_limit, after which the finding is gone', () => {
    const f = findings('docker-compose.yml', text).find((x) => x.ruleId === 'jvm-heap-exceeds-limit');
    const raise = f?.fixes?.find((x) => x.edits.some((e) => e.range.start.line === 3));
    assert.ok(raise, 'a fix edits the mem_limit line');
    const after = applyEdits(text, raise.edits);
    assert.match(after, /mem_limit: \d+[mg]\n/);
    assert.ok(!codes('docker-compose.yml', after).includes('jvm-heap-exceeds-limit'));
  });

  it('reports a JVM service without any memory limit', () => {
    const noLimit = text.replace('    mem_limit: 500m\n', '');
    assert.ok(codes('compose.yaml', noLimit).includes('jvm-no-memory-limit'));
    // Sized by ergonomics, the heap follows the machine: for a compose service that is the Docker host.
    const ergonomic = noLimit.replace('JAVA_TOOL_OPTIONS: -Xmx512m', 'JAVA_TOOL_OPTIONS: -XX:MaxRAMPercentage=50.0');
    const f = findings('compose.yaml', ergonomic).find((x) => x.ruleId === 'jvm-no-memory-limit');
    assert.ok(f);
    assert.match(f.message, /the heap is sized from host memory \(16 GiB\): max heap 8 GiB/);
    assert.doesNotMatch(f.message, /node memory/);
  });

  it('writes limits in fix titles in Docker units, as the edit writes them (REFERENCE §6.1)', () => {
    const f = findings('docker-compose.yml', text).find((x) => x.ruleId === 'jvm-heap-exceeds-limit');
    const raise = f?.fixes?.find((x) => x.title.startsWith('Raise the memory limit'));
    assert.ok(raise);
    const m = /^Raise the memory limit to `(\d+m)` \(/.exec(raise.title);
    assert.ok(m, raise.title);
    assert.match(applyEdits(text, raise.edits), new RegExp(`mem_limit: ${m[1]}\n`));
    assert.doesNotMatch(raise.title, /Mi`/);

    const noLimit = text.replace('    mem_limit: 500m\n', '');
    const missing = findings('compose.yaml', noLimit).find((x) => x.ruleId === 'jvm-no-memory-limit');
    const add = missing?.fixes?.[0];
    assert.ok(add);
    const a = /^Add a memory limit of `(\d+m)` \(/.exec(add.title);
    assert.ok(a, add.title);
    const after = applyEdits(noLimit, add.edits);
    assert.match(after, new RegExp(`mem_limit: ${a[1]}\n`));
    assert.ok(!codes('compose.yaml', after).includes('jvm-no-memory-limit'));
  });

  it('stays quiet when the heap and its budget fit the limit', () => {
    const ok = text.replace('500m', '1g');
    const c = codes('compose.yaml', ok);
    assert.ok(!c.includes('jvm-heap-exceeds-limit'));
    assert.ok(!c.includes('jvm-heap-no-headroom'));
  });
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { toJsonReport, toJsonText } from '../../../server/src/cli-core';
import { analyzeFile } from '../../../server/src/engine/analyze';
import { analyzeDockerfileText } from '../../../server/src/engine/analyze/dockerfile';
import { buildYamlContext } from '../../../server/src/engine/analyze';
import { normalizeOptions } from '../../../server/src/engine/options';
import { LineIndex } from '../../../server/src/engine/text';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { applyEdits, dedent } from '../../helpers/text';
import { formatDockerSize } from '../../../server/src/engine/bytes';

const options = normalizeOptions({});
const NODE = 16n << 30n;
const MiB = 1024n * 1024n;

function analyze(uri: string, text: string) {
  return analyzeFile({ uri, text, options, mode: 'cli' });
}

function dockerParts(text: string) {
  return analyzeDockerfileText({ text, options }, new LineIndex(text), NODE);
}

/** A compose file's JVM subjects (as the rules see them) and its hints. */
function composeParts(text: string) {
  const ctx = buildYamlContext({ text, options }, parseYaml(text), new LineIndex(text), NODE);
  const hints = analyzeFile({ uri: 'docker-compose.yml', text, options, mode: 'cli' }).hints;
  return { subjects: ctx.jvmSubjects, hints };
}

/** The `files[0]` object of the CLI's JSON report, as text is parsed back (bigints become numbers). */
function jsonFile(uri: string, text: string): Record<string, unknown> {
  const report = JSON.parse(toJsonText(toJsonReport([{ path: uri, analysis: analyze(uri, text) }], NODE))) as {
    files: Record<string, unknown>[];
  };
  return report.files[0];
}

describe('Dockerfile analysis', () => {
  it('writes the images entry exactly in the shape of the DESIGN example', () => {
    const text = dedent`
      FROM maven:3.9-eclipse-temurin-17 AS build
      RUN mvn -q package
      FROM eclipse-temurin:17-jre AS runtime
      ENV JAVA_TOOL_OPTIONS="-Xmx768m -XX:+UseG1GC"
      COPY --from=build /target/app.jar /app.jar
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const file = jsonFile('Dockerfile', text);
    assert.equal(
      JSON.stringify(file),
      JSON.stringify({
        path: 'Dockerfile',
        nodeMemoryBytes: 17179869184,
        skipped: null,
        workloads: [],
        images: [
          {
            stage: 'runtime',
            baseImage: 'eclipse-temurin:17-jre',
            jdkMajor: 17,
            jvm: {
              maxHeapBytes: 805306368,
              heapSource: 'Xmx',
              initialHeapBytes: null,
              maxRamPercentage: null,
              nonHeapEstimateBytes: null,
              jdkMajor: 17,
              options: ['-Xmx768m', '-XX:+UseG1GC'],
            },
          },
        ],
        diagnostics: (file.diagnostics as unknown[]) ?? [],
      }),
    );
  });

  it('gives a heap that follows the limit as a percentage, with maxHeapBytes null', () => {
    const text = dedent`
      FROM eclipse-temurin:21-jre
      ENV JAVA_OPTS="-XX:MaxRAMPercentage=70"
      ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar app.jar"]
    `;
    const a = analyze('Dockerfile', text);
    assert.equal(a.kind, 'dockerfile');
    const jvm = a.images[0].jvm;
    assert.ok(jvm);
    assert.equal(jvm.maxHeapBytes, null);
    assert.equal(jvm.maxRamPercentage, 70);
    assert.equal(jvm.heapSource, 'MaxRAMPercentage');
    assert.equal(jvm.jdkMajor, 21);
    assert.deepEqual(a.hints.map((h) => h.label), ['heap = 70 % of the container limit']);
    // The hint sits right after the option that decides the heap.
    const line = new LineIndex(text).lineText(a.hints[0].position.line);
    assert.equal(line.slice(0, a.hints[0].position.character).endsWith('-XX:MaxRAMPercentage=70'), true);
  });

  it('gives the JVM default of 25 % when no option is set, and the heap at common limits in the hover', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const a = analyze('app.dockerfile', text);
    assert.equal(a.images[0].jvm?.maxRamPercentage, 25);
    assert.equal(a.images[0].jvm?.heapSource, 'default');
    assert.deepEqual(a.hints.map((h) => h.label), ['heap = 25 % of the container limit (JVM default)']);
    const from = a.hovers.find((h) => h.range.start.line === 0);
    assert.ok(from);
    // 2Gi → 512 MiB (25 %), 256Mi → 126 MiB (the flat small-memory regime): REFERENCE §2.1 table.
    assert.match(from.markdown, /\| `2Gi` \| 512 MiB \|/);
    assert.match(from.markdown, /\| `256Mi` \| 126 MiB \|/);
  });

  it('appends CMD arguments to an exec ENTRYPOINT', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENTRYPOINT ["java"]
      CMD ["-Xmx1g", "-jar", "/app.jar"]
    `;
    const jvm = analyze('Dockerfile', text).images[0].jvm;
    assert.equal(jvm?.maxHeapBytes, 1n << 30n);
    assert.deepEqual(jvm?.options, ['-Xmx1g']);
  });

  it('reads ENV values built from ARGs', () => {
    const text = dedent`
      ARG BASE=eclipse-temurin
      FROM \${BASE}:11.0.20_8-jre
      ARG PCT=60.0
      ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=\${PCT}"
      CMD ["java", "-jar", "/app.jar"]
    `;
    const img = analyze('Dockerfile', text).images[0];
    assert.equal(img.baseImage, 'eclipse-temurin:11.0.20_8-jre');
    assert.equal(img.jdkMajor, 11);
    assert.equal(img.jvm?.maxRamPercentage, 60);
  });

  it('recognises a legacy JDK 8 from the base image and says the heap comes from node memory', () => {
    const text = dedent`
      FROM openjdk:8u151-jdk-alpine
      CMD java -jar /app.jar
    `;
    const a = analyze('Dockerfile', text);
    assert.equal(a.images[0].jdkMajor, 8);
    const subject = dockerParts(text).ctx.jvmSubjects[0];
    assert.equal(subject.kind, 'image');
    assert.equal(subject.analysis.launch.jdk.update, 151);
    assert.equal(subject.analysis.heap?.containerLimitUsed, false);
    assert.deepEqual(a.hints.map((h) => h.label), ['heap = 25 % of node memory: the JVM ignores the container limit']);
    assert.match(a.hints[0].tooltip ?? '', /8u151 ignores the container limit/);
  });

  it('keeps -Xmx1.5g as an option the JVM rejects and falls back to the default heap', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_TOOL_OPTIONS=-Xmx1.5g
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const parts = dockerParts(text);
    const a = parts.ctx.jvmSubjects[0].analysis;
    assert.deepEqual(a.settings.problems.map((p) => [p.code, p.token.text]), [['invalid-size', '-Xmx1.5g']]);
    assert.equal(parts.images[0].jvm?.heapSource, 'default');
    assert.deepEqual(parts.images[0].jvm?.options, ['-Xmx1.5g']);
  });

  it('says the JVM refuses to start when -Xms is above -Xmx, instead of a heap size', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_TOOL_OPTIONS="-Xms2g -Xmx1g"
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    assert.deepEqual(analyze('Dockerfile', text).hints.map((h) => h.label), ['heap: the JVM refuses to start with these options']);
  });

  it('builds a rule context for Dockerfiles with the image as the only JVM subject', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre AS app
      ENV JAVA_TOOL_OPTIONS=-Xmx512m
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const { ctx } = dockerParts(text);
    assert.equal(ctx.fileKind, 'dockerfile');
    assert.equal(ctx.yaml, null);
    assert.equal(ctx.manifest, null);
    assert.equal(ctx.jvm.size, 0);
    assert.equal(ctx.jvmSubjects.length, 1);
    const s = ctx.jvmSubjects[0];
    assert.equal(s.name, 'app');
    assert.equal(s.limitText, null);
    assert.equal(s.analysis.limitBytes, null);
    assert.equal(s.edits.setMemoryLimit(1n << 30n), null);
    assert.deepEqual(s.anchor, { start: { line: 0, character: 5 }, end: { line: 0, character: 27 } });
  });

  it('says OpenJ9 sizes its heap differently instead of guessing', () => {
    const text = dedent`
      FROM ibm-semeru-runtimes:open-17-jre
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const a = analyze('Dockerfile', text);
    assert.equal(a.images[0].jvm?.maxHeapBytes, null);
    assert.equal(a.images[0].jvm?.heapSource, null);
    assert.match(a.hints[0].label, /OpenJ9/);
    assert.ok(a.hovers.some((h) => /OpenJ9/.test(h.markdown) && /not model/.test(h.markdown)));
  });

  it('lists an image without a JVM with jvm null and no hint', () => {
    const text = dedent`
      FROM node:20-alpine
      CMD ["node", "server.js"]
    `;
    const a = analyze('Dockerfile', text);
    assert.deepEqual(a.images, [{ stage: null, baseImage: 'node:20-alpine', jdkMajor: null, jvm: null }]);
    assert.deepEqual(a.hints, []);
    assert.deepEqual(a.findings, []);
  });

  it('analyses an empty Dockerfile to nothing', () => {
    const a = analyze('Dockerfile', '');
    assert.deepEqual(a.images, []);
    assert.deepEqual(a.findings, []);
  });

  it('stays silent, without an exception, on a Dockerfile without FROM or with a FROM that names nothing', () => {
    for (const text of ['RUN echo hi\nENV JAVA_OPTS=-Xmx1g\nCMD java $JAVA_OPTS -jar a.jar\n', 'FROM\nCMD\nENV\n', 'FROM --platform=$BUILDPLATFORM\n', '\\\n\n']) {
      const a = analyze('Dockerfile', text);
      assert.deepEqual(a.failures, [], text);
      assert.deepEqual(a.findings, [], text);
      assert.ok(a.images.every((i) => i.jvm === null), text);
    }
  });

  it('says a FROM that depends on an ARG without default is unresolved instead of guessing its JDK', () => {
    const text = dedent`
      ARG JDK
      FROM eclipse-temurin:\${JDK}-jre AS runtime
      ENV JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=60
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const a = analyze('Dockerfile', text);
    assert.deepEqual(a.failures, []);
    // As written, not the half-substituted `eclipse-temurin:-jre`; no JDK claimed.
    assert.equal(a.images[0].baseImage, 'eclipse-temurin:${JDK}-jre');
    assert.equal(a.images[0].jdkMajor, null);
    const hover = a.hovers.find((h) => h.range.start.line === 1);
    assert.ok(hover);
    assert.match(hover.markdown, /FROM `eclipse-temurin:\$\{JDK\}-jre`/);
    assert.match(hover.markdown, /\*\*Base image unresolved:\*\* `JDK` has no value here .*docker build --build-arg.*the JDK is not known: JDK 17 is assumed/);
    assert.doesNotMatch(hover.markdown, /Eclipse Temurin|Unknown JDK version/);
    assert.ok(!a.findings.some((f) => f.ruleId === 'jvm-legacy-jdk'));
    // With a default the JDK is the image's, and nothing is said to be unresolved.
    const resolved = analyze('Dockerfile', text.replace('ARG JDK', 'ARG JDK=11'));
    assert.equal(resolved.images[0].baseImage, 'eclipse-temurin:11-jre');
    assert.equal(resolved.images[0].jdkMajor, 11);
    assert.doesNotMatch(resolved.hovers.find((h) => h.range.start.line === 1)?.markdown ?? '', /unresolved/);
  });

  it('hovers an unread JAVA_OPTS and explains why', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_OPTS=-Xmx512m
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const a = analyze('Dockerfile', text);
    const hover = a.hovers.find((h) => h.range.start.line === 1);
    assert.ok(hover);
    assert.match(hover.markdown, /not read by the JVM/);
  });
});

describe('compose analysis', () => {
  const base = dedent`
    services:
      api:
        image: eclipse-temurin:17-jre
        mem_limit: 500m
        mem_reservation: 256m
        environment:
          JAVA_TOOL_OPTIONS: -Xmx512m
        command: ["java", "-jar", "/app.jar"]
      db:
        image: postgres:16
  `;

  it('lists services as ComposeService workloads with limits in Docker units', () => {
    const a = analyze('docker-compose.yml', base);
    assert.equal(a.kind, 'compose');
    assert.equal(a.workloads.length, 2);
    const api = a.workloads[0];
    assert.equal(api.kind, 'ComposeService');
    assert.equal(api.name, 'api');
    assert.equal(api.namespace, null);
    assert.equal(api.qosClass, null);
    const c = api.containers[0];
    assert.equal(c.name, 'api');
    assert.equal(c.role, 'container');
    // `500m` is 500 MiB in compose (REFERENCE §6.1), not half a byte.
    assert.equal(c.memoryLimitBytes, 500n * MiB);
    assert.equal(c.memoryRequestBytes, 256n * MiB);
    assert.equal(c.oomScoreAdj, null);
    assert.equal(c.jvm?.maxHeapBytes, 512n * MiB);
    assert.equal(a.workloads[1].containers[0].jvm, null);
  });

  it('checks the heap against the service limit: -Xmx512m is above mem_limit 500m', () => {
    const parts = composeParts(base);
    assert.equal(parts.subjects.length, 1);
    const s = parts.subjects[0];
    assert.equal(s.kind, 'compose-service');
    assert.equal(s.limitText, '500m');
    assert.equal(s.analysis.limitBytes, 500n * MiB);
    assert.ok((s.analysis.heap?.maxHeapBytes ?? 0n) >= (s.analysis.limitBytes ?? 0n));
    assert.ok(parts.hints.some((h) => h.kind === 'heap' && /512 MiB/.test(h.label)));
  });

  it('uses deploy.resources.limits.memory over mem_limit, and the cpus limit for ergonomics', () => {
    const text = dedent`
      services:
        api:
          image: eclipse-temurin:17-jre
          mem_limit: 1g
          deploy:
            resources:
              limits:
                memory: 2g
                cpus: "1"
          command: ["java", "-jar", "/app.jar"]
    `;
    const s = composeParts(text).subjects[0];
    assert.equal(s.analysis.limitBytes, 2n << 30n);
    assert.equal(s.limitText, '2g');
    assert.equal(s.analysis.cpus, 1);
    // One CPU: Serial, 25 % of 2 GiB.
    assert.equal(s.analysis.heap?.gc, 'Serial');
    assert.equal(s.analysis.heap?.maxHeapBytes, 512n * MiB);
  });

  it('reads JAVA_OPTS through `sh -c` with $$, and reports it unread with a plain java -jar', () => {
    const read = dedent`
      services:
        api:
          image: eclipse-temurin:17-jre
          mem_limit: 1g
          environment:
            - JAVA_OPTS=-XX:MaxRAMPercentage=75.0
          command: sh -c "exec java $$JAVA_OPTS -jar /app.jar"
    `;
    const s = composeParts(read).subjects[0];
    assert.equal(s.analysis.heap?.maxHeapBytes, 768n * MiB);
    const unread = read.replace('sh -c "exec java $$JAVA_OPTS -jar /app.jar"', 'java -jar /app.jar');
    const u = composeParts(unread).subjects[0];
    assert.deepEqual(u.analysis.launch.unreadVariables.map((v) => v.name), ['JAVA_OPTS']);
    assert.equal(u.analysis.heap?.maxHeapBytes, 256n * MiB);
  });

  it('follows extends and merge keys for the limit and environment', () => {
    const text = dedent`
      x-java: &java
        image: eclipse-temurin:17-jre
        environment:
          JAVA_TOOL_OPTIONS: -XX:MaxRAMPercentage=50.0
      services:
        base:
          <<: *java
          mem_limit: 2g
          command: ["java", "-jar", "/app.jar"]
        child:
          extends: base
    `;
    const subjects = composeParts(text).subjects;
    assert.deepEqual(subjects.map((s) => [s.name, s.analysis.heap?.maxHeapBytes]), [
      ['base', 1n << 30n],
      ['child', 1n << 30n],
    ]);
  });

  it('analyses a compose file with CRLF line endings', () => {
    const a = analyze('compose.yaml', base.replace(/\n/g, '\r\n'));
    assert.equal(a.workloads[0].containers[0].memoryLimitBytes, 500n * MiB);
  });
});

describe('compose setMemoryLimit', () => {
  function setLimit(text: string, bytes: bigint, name?: string): string {
    const parts = composeParts(text);
    const s = name ? parts.subjects.find((x) => x.name === name) : parts.subjects[0];
    assert.ok(s);
    const edits = s.edits.setMemoryLimit(bytes);
    assert.ok(edits, 'the limit can be edited');
    return applyEdits(text, edits);
  }

  it('writes Docker units', () => {
    assert.equal(formatDockerSize(1536n * MiB), '1536m');
    assert.equal(formatDockerSize(2n << 30n), '2g');
    assert.equal(formatDockerSize(3n * 1024n), '3k');
    assert.equal(formatDockerSize(1000n), '1000');
  });

  it('replaces mem_limit in place, keeping the comment', () => {
    const text = dedent`
      services:
        api:
          image: eclipse-temurin:17-jre
          mem_limit: 500m # too small
          environment:
            JAVA_TOOL_OPTIONS: -Xmx512m
    `;
    const after = setLimit(text, 1536n * MiB);
    assert.equal(after, text.replace('500m # too small', '1536m # too small'));
    assert.equal(composeParts(after).subjects[0].analysis.limitBytes, 1536n * MiB);
  });

  it('replaces a quoted value inside its quotes, and a byte count with bytes', () => {
    const quoted = dedent`
      services:
        api:
          image: eclipse-temurin:17-jre
          mem_limit: "500m"
          environment: { JAVA_TOOL_OPTIONS: -Xmx512m }
    `;
    assert.match(setLimit(quoted, 1n << 30n), /mem_limit: "1g"/);
    const bytes = quoted.replace('"500m"', '524288000');
    assert.match(setLimit(bytes, 1n << 30n), /mem_limit: 1073741824\n/);
  });

  it('edits deploy.resources.limits.memory when that is the limit in effect', () => {
    const text = dedent`
      services:
        api:
          image: eclipse-temurin:17-jre
          mem_limit: 500m
          deploy:
            resources:
              limits:
                memory: 500M
          environment: [JAVA_TOOL_OPTIONS=-Xmx512m]
    `;
    const after = setLimit(text, 1536n * MiB);
    assert.match(after, /memory: 1536m/);
    assert.match(after, /mem_limit: 500m/);
  });

  it('inserts mem_limit following the service indentation when there is none', () => {
    const text = dedent`
      services:
          api:
              image: eclipse-temurin:17-jre
              environment:
                  JAVA_TOOL_OPTIONS: -Xmx512m
          db:
              image: postgres
    `;
    const after = setLimit(text, 1536n * MiB);
    assert.equal(
      after,
      dedent`
        services:
            api:
                image: eclipse-temurin:17-jre
                environment:
                    JAVA_TOOL_OPTIONS: -Xmx512m
                mem_limit: 1536m
            db:
                image: postgres
      `,
    );
    assert.equal(composeParts(after).subjects[0].analysis.limitBytes, 1536n * MiB);
  });

  it('overrides an inherited mem_limit in the service instead of changing the shared one', () => {
    const text = dedent`
      x-limits: &limits
        mem_limit: 500m
      services:
        api:
          <<: *limits
          image: eclipse-temurin:17-jre
          environment:
            JAVA_TOOL_OPTIONS: -Xmx512m
    `;
    const after = setLimit(text, 1n << 30n);
    assert.match(after, /^ {2}mem_limit: 500m$/m);
    assert.match(after, /^ {4}mem_limit: 1g$/m);
    assert.equal(composeParts(after).subjects[0].analysis.limitBytes, 1n << 30n);
  });
});

describe('real Dockerfiles and compose files', () => {
  const CORPUS = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real');
  const files = (dir: string) => readdirSync(join(CORPUS, dir)).sort().map((n) => join(CORPUS, dir, n));

  it('analyses every one without an exception or a failing rule', () => {
    const all = [...files('dockerfile'), ...files('compose')];
    assert.ok(all.length >= 60);
    for (const file of all) {
      const a = analyzeFile({ uri: file, text: readFileSync(file, 'utf8'), options, mode: 'cli' });
      assert.deepEqual(a.failures, [], file);
      assert.ok(a.kind === 'dockerfile' || a.kind === 'compose', `${file}: ${a.kind}`);
    }
  });

  it('reads the fixed heap of a real image and a joined-up argument the JVM rejects', () => {
    const order = join(CORPUS, 'dockerfile', 'ewolff__microservice-kubernetes__microservice-kubernetes-demo__microservice-kubernetes-demo-order__Dockerfile');
    const img = analyze(order, readFileSync(order, 'utf8')).images[0];
    assert.equal(img.jvm?.maxHeapBytes, 400n * MiB);
    assert.equal(img.jdkMajor, 11);
    const gw = join(CORPUS, 'dockerfile', 'hi1summer__springcloud-gateway@e0e5b08__Dockerfile');
    const s = dockerParts(readFileSync(gw, 'utf8')).ctx.jvmSubjects[0];
    assert.equal(s.analysis.launch.tokens[0].text, '-Xms2g -Xmx2g -jar');
    assert.equal(s.analysis.launch.tokens[0].problem?.fatal, true);
  });

  it('reads real compose limits in Docker units', () => {
    const otel = join(CORPUS, 'compose', 'open-telemetry__opentelemetry-demo__compose.yaml');
    const ad = analyze(otel, readFileSync(otel, 'utf8')).workloads.find((w) => w.name === 'ad');
    assert.equal(ad?.containers[0].memoryLimitBytes, 300n * MiB);
    assert.ok(ad?.containers[0].jvm);
  });
});

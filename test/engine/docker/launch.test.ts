import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComposeModel } from '../../../server/src/engine/docker/compose';
import { parseDockerfile } from '../../../server/src/engine/docker/dockerfile';
import { alignValue, composeLaunch, dockerfileLaunch } from '../../../server/src/engine/docker/launch';
import { detectJvm, type JvmLaunch } from '../../../server/src/engine/jvm/detect';
import { verbatimSpan } from '../../../server/src/engine/mapped';
import { type LaunchSpec } from '../../../server/src/engine/jvm/launch';
import { LineIndex } from '../../../server/src/engine/text';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { dedent } from '../../helpers/text';

function dockerLaunch(text: string): LaunchSpec {
  const spec = dockerfileLaunch(parseDockerfile(text), new LineIndex(text));
  assert.ok(spec, 'the Dockerfile has a stage');
  return spec;
}

function dockerJvm(text: string): JvmLaunch | null {
  return detectJvm(dockerLaunch(text), { defaultJdk: 17, text });
}

function composeLaunchOf(text: string, name?: string): LaunchSpec {
  const model = buildComposeModel(parseYaml(text));
  const service = name ? model.services.find((s) => s.name === name) : model.services[0];
  assert.ok(service, 'the compose file has the service');
  return composeLaunch(service, text);
}

function composeJvm(text: string, name?: string): JvmLaunch | null {
  return detectJvm(composeLaunchOf(text, name), { defaultJdk: 17, text });
}

/** The token texts and whether each one's span reads the same in the text. */
function tokens(j: JvmLaunch | null, text: string): Array<[string, boolean]> {
  assert.ok(j, 'a JVM is detected');
  return j.tokens.map((t) => [t.text, t.span !== null && text.slice(t.span[0], t.span[1]) === t.text]);
}

describe('alignValue', () => {
  it('maps a quoted value character by character and skips the quotes', () => {
    const text = 'ENV A="-Xmx1g -Xss512k"';
    const offsets = alignValue('-Xmx1g -Xss512k', text, 6, text.length, (t, k) => t[k] === '"');
    assert.equal(offsets[0], 7);
    assert.equal(offsets[14], text.length - 2);
  });

  it('maps the literal tail of a value whose head came from a substitution', () => {
    const text = 'ENV JAVA_OPTS="$JAVA_OPTS -Xmx1g"';
    const value = ' -Xmx1g';
    const offsets = alignValue(value, text, 14, text.length, (t, k) => t[k] === '"' || t[k] === ' ');
    const m = { value, offsets, vias: offsets.map(() => null), refs: [] };
    assert.deepEqual(verbatimSpan(m, 1, 7, text), [text.indexOf('-Xmx1g'), text.indexOf('-Xmx1g') + 6]);
  });
});

describe('dockerfileLaunch', () => {
  it('returns null for a file without FROM', () => {
    const text = '# nothing here\n';
    assert.equal(dockerfileLaunch(parseDockerfile(text), new LineIndex(text)), null);
  });

  it('takes ENV with origin dockerfile and maps each value to its characters', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_TOOL_OPTIONS="-Xmx768m -XX:+UseG1GC" \\
          OTHER=1
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const spec = dockerLaunch(text);
    const jto = spec.env.find((e) => e.name === 'JAVA_TOOL_OPTIONS');
    assert.ok(jto);
    assert.equal(jto.value, '-Xmx768m -XX:+UseG1GC');
    assert.deepEqual(jto.origin, { kind: 'dockerfile' });
    assert.deepEqual(tokens(dockerJvm(text), text), [
      ['-Xmx768m', true],
      ['-XX:+UseG1GC', true],
    ]);
  });

  it('runs an exec-form ENTRYPOINT with the CMD appended as its arguments', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENTRYPOINT ["java", "-Xmx512m"]
      CMD ["-Xss512k", "-jar", "/app.jar"]
    `;
    const j = dockerJvm(text);
    assert.deepEqual(tokens(j, text), [
      ['-Xmx512m', true],
      ['-Xss512k', true],
    ]);
    assert.deepEqual(j?.main, { kind: 'jar', value: '/app.jar' });
  });

  it('reads a shell-form ENTRYPOINT through /bin/sh -c, with $JAVA_OPTS split into words', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_OPTS="-Xmx1g -XX:MaxMetaspaceSize=128m"
      ENTRYPOINT java $JAVA_OPTS -jar /app.jar
    `;
    const j = dockerJvm(text);
    assert.deepEqual(tokens(j, text), [
      ['-Xmx1g', true],
      ['-XX:MaxMetaspaceSize=128m', true],
    ]);
    assert.deepEqual(j?.unreadVariables, []);
  });

  it('reads `sh -c "exec java $JAVA_OPTS -jar app.jar"` in exec form', () => {
    const text = dedent`
      FROM eclipse-temurin:21-jre
      ENV JAVA_OPTS="-XX:MaxRAMPercentage=70"
      ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar app.jar"]
    `;
    const j = dockerJvm(text);
    assert.deepEqual(tokens(j, text), [['-XX:MaxRAMPercentage=70', true]]);
    assert.equal(j?.jdk.major, 21);
  });

  it('ignores the CMD after a shell-form ENTRYPOINT, as the runtime does', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENTRYPOINT java -jar /app.jar
      CMD ["-Xmx2g"]
    `;
    const spec = dockerLaunch(text);
    assert.equal(spec.imageCmd, null);
    assert.deepEqual(tokens(dockerJvm(text), text), []);
  });

  it('maps a shell-form command written over continuation lines', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      CMD java \\
        -Xmx300m \\
        -jar /app.jar
    `;
    assert.deepEqual(tokens(dockerJvm(text), text), [['-Xmx300m', true]]);
  });

  it('gives a CMD without ENTRYPOINT to the base image entrypoint, like Kubernetes args', () => {
    const text = dedent`
      FROM amazoncorretto:11
      CMD ["java", "-Xmx256m", "-jar", "/app.jar"]
    `;
    const spec = dockerLaunch(text);
    assert.equal(spec.command, null);
    assert.equal(spec.args?.length, 4);
    assert.deepEqual(tokens(dockerJvm(text), text), [['-Xmx256m', true]]);
  });

  it('expands ENV through ARGs declared before and after FROM', () => {
    const text = dedent`
      ARG JDK=17
      FROM eclipse-temurin:\${JDK}-jre
      ARG HEAP=640m
      ENV JAVA_TOOL_OPTIONS="-Xmx\${HEAP}"
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const spec = dockerLaunch(text);
    assert.equal(spec.image, 'eclipse-temurin:17-jre');
    const j = dockerJvm(text);
    assert.equal(j?.tokens[0].text, '-Xmx640m');
    // The value is not written verbatim (it came through ${HEAP}): no span to edit.
    assert.equal(j?.tokens[0].span, null);
  });

  it('leaves a value unknown when it depends on a build argument without a default', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ARG HEAP
      ENV JAVA_TOOL_OPTIONS="-Xmx$HEAP"
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const jto = dockerLaunch(text).env.find((e) => e.name === 'JAVA_TOOL_OPTIONS');
    assert.equal(jto?.value, null);
    assert.match(jto?.unresolvedReason ?? '', /build argument `HEAP`/);
    assert.deepEqual(dockerJvm(text)?.tokens, []);
  });

  it('follows the final stage through FROM <stage>, inheriting its ENV and ENTRYPOINT', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre AS base
      ENV JAVA_TOOL_OPTIONS=-Xmx1g
      ENTRYPOINT ["java", "-jar", "/app.jar"]
      FROM maven:3 AS build
      RUN mvn package
      FROM base AS runtime
      COPY --from=build /app.jar /app.jar
    `;
    const spec = dockerLaunch(text);
    assert.equal(spec.image, 'eclipse-temurin:17-jre');
    assert.deepEqual(tokens(dockerJvm(text), text), [['-Xmx1g', true]]);
  });

  it('handles CRLF line endings and a BOM', () => {
    const text = '\uFEFFFROM eclipse-temurin:17-jre\r\nENV JAVA_TOOL_OPTIONS="-Xmx512m"\r\nENTRYPOINT ["java","-jar","/a.jar"]\r\n';
    assert.deepEqual(tokens(dockerJvm(text), text), [['-Xmx512m', true]]);
  });

  it('honours the escape directive for line continuations', () => {
    const text = '# escape=`\nFROM eclipse-temurin:17-jre\nENV JAVA_TOOL_OPTIONS="-Xmx512m" `\n    A=1\nENTRYPOINT ["java","-jar","/a.jar"]\n';
    assert.deepEqual(tokens(dockerJvm(text), text), [['-Xmx512m', true]]);
  });

  it('passes an argument that holds several options as one token, as the runtime does', () => {
    const text = dedent`
      FROM eclipse-temurin:17
      ENTRYPOINT ["java","-Xms2g -Xmx2g -jar","/app.jar"]
    `;
    const j = dockerJvm(text);
    assert.equal(j?.tokens[0].text, '-Xms2g -Xmx2g -jar');
    assert.equal(j?.tokens[0].problem?.kind, 'unsplit-argument');
  });
});

describe('composeLaunch', () => {
  it('reads environment in map form with spans on the values', () => {
    const text = dedent`
      services:
        api:
          image: eclipse-temurin:17
          environment:
            JAVA_TOOL_OPTIONS: "-Xmx512m -Xss512k"
          command: ["java", "-jar", "app.jar"]
    `;
    const spec = composeLaunchOf(text);
    assert.equal(spec.env[0].origin.kind, 'compose');
    assert.equal(spec.command, null);
    assert.equal(spec.args?.length, 3);
    assert.deepEqual(tokens(composeJvm(text), text), [
      ['-Xmx512m', true],
      ['-Xss512k', true],
    ]);
  });

  it('reads environment in list form', () => {
    const text = dedent`
      services:
        api:
          image: eclipse-temurin:17
          environment:
            - JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75.0
    `;
    assert.deepEqual(tokens(composeJvm(text), text), [['-XX:MaxRAMPercentage=75.0', true]]);
  });

  it('marks a variable without a value as coming from the host', () => {
    const text = dedent`
      services:
        api:
          image: eclipse-temurin:17
          environment:
            - JAVA_TOOL_OPTIONS
    `;
    const e = composeLaunchOf(text).env[0];
    assert.equal(e.value, null);
    assert.match(e.unresolvedReason ?? '', /host environment/);
  });

  it('leaves a value that interpolates an unknown host variable unknown, but uses a default', () => {
    const text = dedent`
      services:
        api:
          image: eclipse-temurin:17
          environment:
            JAVA_TOOL_OPTIONS: "-Xmx\${HEAP}"
            JDK_JAVA_OPTIONS: "-Xss\${STACK:-512k}"
    `;
    const env = composeLaunchOf(text).env;
    assert.equal(env[0].value, null);
    assert.equal(env[1].value, '-Xss512k');
  });

  it('finds JAVA_OPTS unread when the command is plain `java -jar`', () => {
    const text = dedent`
      services:
        api:
          image: eclipse-temurin:17
          environment:
            JAVA_OPTS: -Xmx512m
          command: java -jar app.jar
    `;
    const j = composeJvm(text);
    assert.deepEqual(j?.tokens, []);
    assert.deepEqual(j?.unreadVariables.map((u) => u.name), ['JAVA_OPTS']);
  });

  it('runs entrypoint as the command and `command` as its arguments', () => {
    const text = dedent`
      services:
        api:
          image: eclipse-temurin:17
          environment:
            JAVA_OPTS: -Xmx700m
          entrypoint: ["sh", "-c"]
          command: ["exec java $$JAVA_OPTS -jar app.jar"]
    `;
    const spec = composeLaunchOf(text);
    assert.equal(spec.keepsImageEntrypoint, false);
    assert.deepEqual(spec.command?.map((a) => a.value), ['sh', '-c']);
    const j = composeJvm(text);
    assert.deepEqual(tokens(j, text), [['-Xmx700m', true]]);
    assert.deepEqual(j?.unreadVariables, []);
  });

  it('maps words of a string command that uses $$ to pass a variable to the shell', () => {
    const text = dedent`
      services:
        api:
          image: eclipse-temurin:17
          command: sh -c "java -Xss1m $$EXTRA -jar app.jar"
    `;
    const j = composeJvm(text);
    assert.deepEqual(tokens(j, text), [['-Xss1m', true]]);
  });
});

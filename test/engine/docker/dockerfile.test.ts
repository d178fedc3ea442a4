import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseDockerfile, type DockerfileModel, type StageModel } from '../../../server/src/engine/docker/dockerfile';
import { expandWord } from '../../../server/src/engine/docker/shell-word';
import { crlf, dedent, textAt } from '../../helpers/text';

const CORPUS = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real', 'dockerfile');

function final(m: DockerfileModel): StageModel {
  assert.ok(m.final, 'expected a final stage');
  return m.final;
}

function env(m: DockerfileModel, name: string): string | undefined {
  return final(m).env.get(name)?.value;
}

describe('parseDockerfile: stages and base images', () => {
  it('takes the last stage as the image and follows FROM <stage> to the real base image', () => {
    const text = dedent`
      FROM maven:3-eclipse-temurin-17 AS build
      RUN mvn package
      FROM eclipse-temurin:17-jre AS runtime
      ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
      FROM runtime AS final
      CMD ["java", "-jar", "app.jar"]
    `;
    const m = parseDockerfile(text);
    assert.equal(m.stages.length, 3);
    assert.deepEqual(m.stages.map((s) => s.name), ['build', 'runtime', 'final']);
    const f = final(m);
    assert.equal(f.image, 'runtime');
    assert.equal(f.baseStage, 1);
    assert.equal(f.baseImage, 'eclipse-temurin:17-jre');
    assert.equal(f.baseImageStage, 1);
    assert.equal(textAt(text, f.fromRange), 'FROM runtime AS final');
    assert.equal(textAt(text, f.nameRange!), 'final');
    // ENV is inherited from the stage it is built on, with the range where it is written.
    const jto = f.env.get('JAVA_TOOL_OPTIONS')!;
    assert.equal(jto.value, '-XX:MaxRAMPercentage=75');
    assert.equal(jto.instruction.stage, 1);
    assert.equal(textAt(text, jto.valueRange!), '"-XX:MaxRAMPercentage=75"');
  });

  it('matches stage names case-insensitively and only earlier stages', () => {
    const m = parseDockerfile('FROM alpine AS Base\nFROM BASE\nFROM later\nFROM eclipse-temurin:21 AS later\n');
    assert.equal(m.stages[1].baseStage, 0);
    assert.equal(m.stages[1].baseImage, 'alpine');
    assert.equal(m.stages[2].baseStage, null);
    assert.equal(m.stages[2].baseImage, 'later');
  });

  it('substitutes ARGs declared before the first FROM in FROM lines, with defaults and modifiers', () => {
    const text = dedent`
      ARG REGISTRY=docker.io/library
      ARG JDK=17
      ARG FLAVOR
      FROM \${REGISTRY}/eclipse-temurin:\${JDK}-\${FLAVOR:-jre} AS run
      FROM $REGISTRY/amazoncorretto:\${JDK:+11}
    `;
    const m = parseDockerfile(text);
    assert.deepEqual(m.globalArgs.map((a) => [a.name, a.value]), [
      ['REGISTRY', 'docker.io/library'],
      ['JDK', '17'],
      ['FLAVOR', null],
    ]);
    assert.equal(m.stages[0].image, '${REGISTRY}/eclipse-temurin:${JDK}-${FLAVOR:-jre}');
    assert.equal(m.stages[0].resolvedImage, 'docker.io/library/eclipse-temurin:17-jre');
    assert.deepEqual(m.stages[0].imageUnresolved, ['FLAVOR']);
    assert.equal(m.stages[1].resolvedImage, 'docker.io/library/amazoncorretto:11');
    assert.equal(final(m).baseImage, 'docker.io/library/amazoncorretto:11');
  });

  it('lets a global ARG default use an earlier global ARG', () => {
    const m = parseDockerfile('ARG JDK=17\nARG IMAGE=eclipse-temurin:${JDK}-jre\nFROM $IMAGE AS run\nFROM run\n');
    assert.equal(m.globalArgs[1].value, 'eclipse-temurin:17-jre');
    assert.equal(final(m).baseImage, 'eclipse-temurin:17-jre');
  });

  it('does not let a global ARG into a stage unless it is re-declared there', () => {
    const text = dedent`
      ARG VERSION=8u151
      FROM openjdk:\${VERSION}-jdk-alpine
      ENV A=v\${VERSION}
      ARG VERSION
      ENV B=v\${VERSION}
    `;
    const m = parseDockerfile(text);
    const f = final(m);
    assert.equal(f.resolvedImage, 'openjdk:8u151-jdk-alpine');
    assert.equal(env(m, 'A'), 'v');
    assert.deepEqual(f.env.get('A')!.unresolved, ['VERSION']);
    assert.equal(env(m, 'B'), 'v8u151');
    assert.equal(f.args.get('VERSION')!.fromGlobal, true);
  });

  it('reads several names in one ARG and lets a later default use an earlier one', () => {
    const m = parseDockerfile('FROM scratch\nARG A=1 \\\n    B=${A}2 \\\n    C\nENV X=$B\n');
    const f = final(m);
    assert.deepEqual([...f.args.keys()], ['A', 'B', 'C']);
    assert.equal(f.args.get('C')!.value, null);
    assert.equal(env(m, 'X'), '12');
  });

  it('leaves a platform argument in FROM unresolved', () => {
    const m = parseDockerfile('FROM --platform=$BUILDPLATFORM eclipse-temurin:17 AS b\n');
    assert.equal(final(m).resolvedImage, 'eclipse-temurin:17');
    assert.equal(final(m).image, 'eclipse-temurin:17');
  });
});

describe('parseDockerfile: ENV and substitution', () => {
  it('expands $VAR, ${VAR}, ${VAR:-default} and ${VAR:+alt} with ENV before ARG of the same name', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ARG HEAP=512m
      ENV HEAP=1g
      ENV A=-Xmx$HEAP B=-Xmx\${HEAP} C=\${MISSING:-256m} D=\${HEAP:+set} E=\${MISSING:+set}
    `;
    const m = parseDockerfile(text);
    assert.deepEqual(['A', 'B', 'C', 'D', 'E'].map((n) => env(m, n)), ['-Xmx1g', '-Xmx1g', '256m', 'set', '']);
    assert.deepEqual(final(m).env.get('C')!.unresolved, ['MISSING']);
  });

  it('expands every value of one ENV with the environment from before the instruction', () => {
    const m = parseDockerfile('FROM x\nENV abc=hello\nENV abc=bye def=$abc\n');
    assert.equal(env(m, 'abc'), 'bye');
    assert.equal(env(m, 'def'), 'hello');
  });

  it('removes quotes, keeps single-quoted text literal and honours escapes', () => {
    const text = dedent`
      FROM x
      ENV V=1
      ENV Q="-Xmx1g -Xss512k" S='$V literal' E=\\$V W=a\\ b
      ENV LEGACY value with spaces $V
    `;
    const m = parseDockerfile(text);
    assert.equal(env(m, 'Q'), '-Xmx1g -Xss512k');
    assert.equal(env(m, 'S'), '$V literal');
    assert.equal(env(m, 'E'), '$V');
    assert.equal(env(m, 'W'), 'a b');
    assert.equal(env(m, 'LEGACY'), 'value with spaces 1');
    const q = final(m).env.get('Q')!;
    assert.equal(q.raw, '"-Xmx1g -Xss512k"');
    assert.equal(textAt(text, q.nameRange), 'Q');
    assert.equal(q.instruction.keyword, 'ENV');
  });

  it('records variables the base image would have to supply', () => {
    const m = parseDockerfile('FROM tomcat:9\nENV CATALINA_OPTS="${CATALINA_OPTS} -Xmx1g"\n');
    const e = final(m).env.get('CATALINA_OPTS')!;
    assert.equal(e.value, ' -Xmx1g');
    assert.deepEqual(e.unresolved, ['CATALINA_OPTS']);
  });

  it('joins ENV values across line continuations with the ranges on their own lines', () => {
    const text = 'FROM x\nENV JAVA_OPTS="-Xms1g \\\n  -Xmx1g" \\\n    OTHER=1\n';
    const m = parseDockerfile(text);
    assert.equal(env(m, 'JAVA_OPTS'), '-Xms1g   -Xmx1g');
    const other = final(m).env.get('OTHER')!;
    assert.equal(other.nameRange.start.line, 3);
    assert.equal(textAt(text, other.valueRange!), '1');
  });
});

describe('parseDockerfile: ENTRYPOINT and CMD', () => {
  it('gives exec form as argv with a range per element', () => {
    const text = 'FROM x\nENTRYPOINT ["java", "-Xmx512m", "-jar", "app.jar"]\n';
    const f = final(parseDockerfile(text));
    assert.equal(f.entrypoint!.form, 'exec');
    assert.deepEqual(f.argv, ['java', '-Xmx512m', '-jar', 'app.jar']);
    assert.equal(textAt(text, f.entrypoint!.args[1].range), '"-Xmx512m"');
    assert.equal(textAt(text, f.entrypoint!.args[1].contentRange), '-Xmx512m');
    assert.equal(f.entrypointFromBaseImage, false);
    assert.equal(f.cmd, null);
  });

  it('gives shell form as /bin/sh -c with the text range, keeping variables for the shell', () => {
    const text = 'FROM x\nCMD java $JAVA_OPTS -jar app.jar\n';
    const f = final(parseDockerfile(text));
    assert.equal(f.cmd!.form, 'shell');
    assert.deepEqual(f.argv, ['/bin/sh', '-c', 'java $JAVA_OPTS -jar app.jar']);
    assert.equal(textAt(text, f.cmd!.textRange!), 'java $JAVA_OPTS -jar app.jar');
    assert.equal(f.entrypointFromBaseImage, true);
    assert.equal(f.cmdFromBaseImage, false);
  });

  it('appends exec-form CMD to exec-form ENTRYPOINT', () => {
    const f = final(parseDockerfile('FROM x\nENTRYPOINT ["java"]\nCMD ["-Xmx1g", "-jar", "a.jar"]\n'));
    assert.deepEqual(f.argv, ['java', '-Xmx1g', '-jar', 'a.jar']);
    assert.equal(f.cmdIgnored, false);
  });

  it('ignores CMD after a shell-form ENTRYPOINT', () => {
    const f = final(parseDockerfile('FROM x\nENTRYPOINT java -jar a.jar\nCMD ["--debug"]\n'));
    assert.deepEqual(f.argv, ['/bin/sh', '-c', 'java -jar a.jar']);
    assert.equal(f.cmdIgnored, true);
    assert.deepEqual(f.cmd!.argv, ['--debug']);
  });

  it('keeps only the last ENTRYPOINT and CMD of a stage', () => {
    const f = final(parseDockerfile('FROM x\nCMD ["a"]\nCMD ["b"]\nENTRYPOINT ["c"]\nENTRYPOINT ["d"]\n'));
    assert.deepEqual(f.argv, ['d', 'b']);
  });

  it('inherits ENTRYPOINT and CMD from the base stage, and an ENTRYPOINT resets the inherited CMD', () => {
    const text = dedent`
      FROM eclipse-temurin:17 AS base
      ENTRYPOINT ["java"]
      CMD ["-jar", "a.jar"]
      FROM base AS same
      FROM base AS reset
      ENTRYPOINT ["java", "-Xmx1g"]
      FROM base AS cmdfirst
      CMD ["-version"]
      ENTRYPOINT ["java"]
    `;
    const m = parseDockerfile(text);
    assert.deepEqual(m.stages[1].argv, ['java', '-jar', 'a.jar']);
    assert.equal(m.stages[1].entrypoint!.instruction.stage, 0);
    assert.deepEqual(m.stages[2].argv, ['java', '-Xmx1g']);
    assert.equal(m.stages[2].cmd, null);
    assert.equal(m.stages[2].cmdFromBaseImage, false);
    // A CMD set in the same stage before the ENTRYPOINT survives it.
    assert.deepEqual(m.stages[3].argv, ['java', '-version']);
  });

  it('resets the base image CMD when the file sets only an ENTRYPOINT', () => {
    const f = final(parseDockerfile('FROM eclipse-temurin:17\nENTRYPOINT ["java", "-jar", "a.jar"]\n'));
    assert.equal(f.cmdFromBaseImage, false);
    assert.equal(f.entrypointFromBaseImage, false);
  });

  it('uses the SHELL instruction for shell forms', () => {
    const f = final(parseDockerfile('FROM x\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD java -jar a.jar\n'));
    assert.deepEqual(f.argv, ['/bin/bash', '-o', 'pipefail', '-c', 'java -jar a.jar']);
  });

  it('treats a bracketed text that is not a JSON string array as shell form', () => {
    const f = final(parseDockerfile("FROM x\nCMD ['java', '-jar', 'a.jar']\n"));
    assert.equal(f.cmd!.form, 'shell');
    assert.equal(f.cmd!.text, "['java', '-jar', 'a.jar']");
  });

  it('reports a JSON array with a non-string element, as the builder does', () => {
    const m = parseDockerfile('FROM x\nCMD ["java", 1]\n');
    assert.equal(final(m).cmd, null);
    assert.match(m.errors[0].message, /only strings/);
  });

  it('reads an empty exec form as an empty argv', () => {
    const f = final(parseDockerfile('FROM x\nENTRYPOINT []\nCMD ["java"]\n'));
    assert.deepEqual(f.entrypoint!.argv, []);
    assert.deepEqual(f.argv, ['java']);
  });

  it('joins line continuations in exec and shell forms and skips comment lines inside them', () => {
    const text = 'FROM x\nENTRYPOINT ["java", \\\n# a comment\n    "-Xmx1g", \\\n\n  "-jar", "a.jar"]\nCMD java \\\n  -Xss1m\n';
    const f = final(parseDockerfile(text));
    assert.deepEqual(f.entrypoint!.argv, ['java', '-Xmx1g', '-jar', 'a.jar']);
    assert.equal(textAt(text, f.entrypoint!.args[1].range), '"-Xmx1g"');
    assert.equal(f.entrypoint!.args[1].range.start.line, 3);
    assert.equal(f.cmd!.text, 'java   -Xss1m');
    assert.equal(textAt(text, f.cmd!.textRange!), 'java \\\n  -Xss1m');
  });

  it('keeps JSON escapes as JSON escapes (backslash) even with another escape character', () => {
    const text = '# escape=`\nFROM x\nENTRYPOINT ["java", `\n  "-Dx=\\"q\\"", "C:\\\\app"]\n';
    const m = parseDockerfile(text);
    assert.equal(m.escapeChar, '`');
    assert.deepEqual(final(m).entrypoint!.argv, ['java', '-Dx="q"', 'C:\\app']);
  });
});

describe('parseDockerfile: syntax edge cases', () => {
  it('honours the escape directive in ENV and continuations', () => {
    const text = '# escape=`\nFROM x\nENV A=C:\\dir B=a` b `\n  C=2\nCMD java `\n  -jar a.jar\n';
    const m = parseDockerfile(text);
    assert.equal(env(m, 'A'), 'C:\\dir');
    assert.equal(env(m, 'B'), 'a b');
    assert.equal(env(m, 'C'), '2');
    assert.equal(final(m).cmd!.text, 'java   -jar a.jar');
  });

  it('does not break on heredocs', () => {
    const text = dedent`
      FROM eclipse-temurin:17
      RUN <<EOF
      echo "ENV NOT=real"
      CMD ["not", "real"]
      EOF
      COPY <<-JAVA /app/opts
      	-Xmx1g
      JAVA
      ENV REAL=1
      CMD ["java"]
    `;
    const m = parseDockerfile(text);
    const f = final(m);
    assert.equal(env(m, 'REAL'), '1');
    assert.equal(f.env.has('NOT'), false);
    assert.deepEqual(f.argv, ['java']);
  });

  it('reads CRLF files with the same values and ranges on the right lines', () => {
    const text = crlf('FROM eclipse-temurin:17\nENV JAVA_OPTS="-Xmx1g" \\\n  B=2\nCMD ["java", \\\n  "-jar", "a.jar"]\n');
    const m = parseDockerfile(text);
    assert.equal(env(m, 'JAVA_OPTS'), '-Xmx1g');
    assert.equal(env(m, 'B'), '2');
    const f = final(m);
    assert.deepEqual(f.argv, ['java', '-jar', 'a.jar']);
    assert.equal(textAt(text, f.cmd!.args[2].range), '"a.jar"');
    assert.equal(f.cmd!.args[2].range.start.line, 4);
  });

  it('reads a file with a BOM', () => {
    const text = '\uFEFFFROM eclipse-temurin:17\nENV A=1\n';
    const m = parseDockerfile(text);
    assert.equal(final(m).image, 'eclipse-temurin:17');
    assert.equal(textAt(text, final(m).imageRange!), 'eclipse-temurin:17');
    assert.equal(env(m, 'A'), '1');
  });

  it('returns an empty model for an empty file and a comment-only file', () => {
    for (const text of ['', '\n\n', '# just a comment\n']) {
      const m = parseDockerfile(text);
      assert.equal(m.final, null);
      assert.deepEqual(m.stages, []);
    }
    assert.deepEqual(parseDockerfile('# hello\n').comments.map((c) => c.text), ['hello']);
  });

  it('accepts lower-case instructions and tabs', () => {
    const m = parseDockerfile('from\teclipse-temurin:17 as run\nenv\tA=1\ncmd\t["java"]\n');
    assert.equal(final(m).name, 'run');
    assert.equal(env(m, 'A'), '1');
    assert.deepEqual(final(m).argv, ['java']);
  });

  it('never throws on malformed instructions', () => {
    const m = parseDockerfile('ENV BEFORE=1\nFROM\nENV\nARG\nCMD\nENTRYPOINT [\nENV A=${\nENV B="unterminated\nSHELL sh -c\n');
    assert.ok(m.errors.length >= 4);
    assert.equal(m.stages.length, 1);
  });
});

describe('expandWord', () => {
  const vars: Record<string, string> = { A: 'a', EMPTY: '', PATH: '/usr/local/bin/java' };
  const look = (n: string) => vars[n];
  it('applies set/unset modifiers with and without the colon', () => {
    assert.equal(expandWord('${EMPTY:-d}', look).value, 'd');
    assert.equal(expandWord('${EMPTY-d}', look).value, '');
    assert.equal(expandWord('${NONE-d}', look).value, 'd');
    assert.equal(expandWord('${EMPTY:+x}', look).value, '');
    assert.equal(expandWord('${EMPTY+x}', look).value, 'x');
    assert.equal(expandWord('${A:+${A}b}', look).value, 'ab');
  });
  it('trims prefix and suffix patterns', () => {
    assert.equal(expandWord('${PATH#*/}', look).value, 'usr/local/bin/java');
    assert.equal(expandWord('${PATH##*/}', look).value, 'java');
    assert.equal(expandWord('${PATH%/*}', look).value, '/usr/local/bin');
    assert.equal(expandWord('${PATH%%/b*}', look).value, '/usr/local');
  });
  it('reports a bad substitution and a required variable that is unset', () => {
    assert.match(expandWord('${}', look).error!, /bad substitution/);
    assert.match(expandWord('${NONE:?need it}', look).error!, /need it/);
    assert.equal(expandWord('$', look).value, '$');
    assert.equal(expandWord('a\\', look).value, 'a');
  });
});

describe('parseDockerfile: real corpus', () => {
  const files = readdirSync(CORPUS).sort();
  it('finds the Dockerfile corpus', () => {
    assert.ok(files.length >= 40, `expected the corpus at ${CORPUS}`);
  });
  it('builds a model for every real Dockerfile without throwing, each with a final stage and a base image', () => {
    for (const name of files) {
      const m = parseDockerfile(readFileSync(join(CORPUS, name), 'utf8'));
      assert.ok(m.final, name);
      assert.ok(m.final.baseImage.length > 0, name);
    }
  });
  it('resolves the base image of real multi-stage files through ARGs and stages', () => {
    const read = (n: string) => parseDockerfile(readFileSync(join(CORPUS, n), 'utf8'));
    assert.equal(final(read('openzipkin__zipkin__docker__Dockerfile')).baseImage, 'ghcr.io/openzipkin/java:25.0.2_p10-jre');
    assert.equal(
      final(read('jenkinsci__docker__debian__Dockerfile')).resolvedImage.startsWith('debian:trixie-'),
      true,
    );
  });
});

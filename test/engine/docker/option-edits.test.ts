// JVM option fixes on Dockerfiles (docker/option-edits.ts through jvm/option-edits.ts): for each fix and each place
// a Dockerfile writes an option — ENV `K=V`, `K="a b"`, the legacy `ENV K a b`, an ARG default substituted into
// ENV, exec-form items and words of a `sh -c` item, shell form over continuation lines, the escape directive — the
// fix is applied to the text, the exact result compared, the file re-analysed: the finding is gone, the others stay,
// the instructions still parse the same way.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../server/src/engine/analyze';
import { parseDockerfile } from '../../../server/src/engine/docker/dockerfile';
import { normalizeOptions } from '../../../server/src/engine/options';
import type { Finding } from '../../../server/src/engine/types';
import { applyEdits, dedent } from '../../helpers/text';

const options = normalizeOptions({});

function findings(text: string): Finding[] {
  const a = analyzeFile({ uri: 'Dockerfile', text, options, mode: 'cli' });
  assert.deepEqual(a.failures, []);
  return a.findings;
}

const tag = (f: Finding): string => `${f.ruleId}: ${f.message}`;

/** The forms of the final stage's ENTRYPOINT and CMD: a fix must not turn exec form into shell form. */
function forms(text: string): string[] {
  const m = parseDockerfile(text);
  return [m.final?.entrypoint?.form ?? 'none', m.final?.cmd?.form ?? 'none'];
}

/**
 * Find `ruleId`'s finding on `covering` (the option it reports), apply its fix titled `title`, compare with
 * `expected`; re-analyse: that finding is gone, the others are as before except `changed` (`<rule id>: <message>`
 * of findings the edit legitimately rewords, e.g. a heap size that moved), nothing new, and the file parses the same.
 */
function assertDockerFix(
  before: string,
  ruleId: string,
  covering: string,
  title: string | RegExp,
  expected: string,
  changed: string[] = [],
): void {
  const was = findings(before);
  const f = was.find((x) => x.ruleId === ruleId && x.message.includes(`\`${covering}\``));
  assert.ok(f, `${ruleId} on ${covering} among ${JSON.stringify(was.map(tag))}`);
  const fix = f.fixes?.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
  assert.ok(fix, `fix ${String(title)} among ${JSON.stringify(f.fixes?.map((x) => x.title))}`);
  const after = applyEdits(before, fix.edits);
  assert.equal(after, expected);
  assert.deepEqual(parseDockerfile(after).errors, [], 'the fixed Dockerfile is valid');
  assert.deepEqual(forms(after), forms(before), 'ENTRYPOINT/CMD keep their form');
  const now = findings(after).map(tag).sort();
  const expectedNow = was.map(tag).filter((t) => t !== tag(f) && !changed.includes(t));
  assert.ok(!now.includes(tag(f)), 'the finding is gone');
  for (const t of expectedNow) assert.ok(now.includes(t), `${t} is still reported`);
  assert.equal(now.length, expectedNow.length + changed.length, `nothing new: ${JSON.stringify(now)}`);
}

const SWAP = 'Swap the initial and maximum heap sizes';
const CGROUP = '-XX:+UseCGroupMemoryLimitForHeap';
const REMOVE_CGROUP = `Remove \`${CGROUP}\``;

describe('Dockerfile option fixes: exec-form CMD/ENTRYPOINT', () => {
  const text = dedent`
    FROM eclipse-temurin:17-jre
    CMD ["java", "-Xms3g", "-Xmx1g", "-XX:+UseCGroupMemoryLimitForHeap", "-jar", "/app.jar"]
  `;

  it('swaps -Xms and -Xmx inside their JSON strings', () => {
    assertDockerFix(text, 'jvm-initial-heap-exceeds-max', '-Xms3g', SWAP, text.replace('"-Xms3g", "-Xmx1g"', '"-Xms1g", "-Xmx3g"'), [
      'jvm-fixed-heap: `-Xmx1g` fixes the heap at 1 GiB: it will not follow the container memory limit when the limit changes',
    ]);
  });

  it('removes an obsolete option as a whole item with its comma, keeping the JSON array', () => {
    assertDockerFix(text, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, text.replace(' "-XX:+UseCGroupMemoryLimitForHeap",', ''));
  });

  it('removes the first item with the comma after it, the last with the comma before it', () => {
    const first = dedent`
      FROM eclipse-temurin:17-jre
      ENTRYPOINT ["java"]
      CMD ["-XX:+UseCGroupMemoryLimitForHeap", "-jar", "/app.jar"]
    `;
    assertDockerFix(first, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, first.replace('"-XX:+UseCGroupMemoryLimitForHeap", ', ''));
    const last = dedent`
      FROM eclipse-temurin:17-jre
      ENTRYPOINT ["java", "-Xtune:virtualized"]
      CMD ["-jar", "/app.jar"]
    `;
    assertDockerFix(last, 'jvm-unrecognized-option', '-Xtune:virtualized', /^Remove `-Xtune:virtualized` \(an Eclipse OpenJ9 option\)$/, last.replace(', "-Xtune:virtualized"', ''));
  });

  it('removes an item of a JSON array written over continuation lines', () => {
    const multi = dedent`
      FROM eclipse-temurin:17-jre
      CMD ["java", \\
           "-XX:+UseCGroupMemoryLimitForHeap", \\
           "-jar", "/app.jar"]
    `;
    const expected = dedent`
      FROM eclipse-temurin:17-jre
      CMD ["java", \\
           "-jar", "/app.jar"]
    `;
    assertDockerFix(multi, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, expected);
  });

  it('writes 75.0 for JDK 8 in an exec-form item', () => {
    const jdk8 = dedent`
      FROM openjdk:8u212-jre
      ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app.jar"]
    `;
    assertDockerFix(jdk8, 'jvm-unrecognized-option', '-XX:MaxRAMPercentage=75', /75\.0/, jdk8.replace('=75"', '=75.0"'));
  });

  it('edits words of a `sh -c` item, not the item', () => {
    const sh = dedent`
      FROM eclipse-temurin:17-jre
      CMD ["sh", "-c", "exec java -Xms2g -Xmx1g -XX:+UseCGroupMemoryLimitForHeap -jar /app.jar"]
    `;
    assertDockerFix(sh, 'jvm-initial-heap-exceeds-max', '-Xms2g', SWAP, sh.replace('-Xms2g -Xmx1g', '-Xms1g -Xmx2g'), [
      'jvm-fixed-heap: `-Xmx1g` fixes the heap at 1 GiB: it will not follow the container memory limit when the limit changes',
    ]);
    assertDockerFix(sh, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, sh.replace('-XX:+UseCGroupMemoryLimitForHeap ', ''));
  });
});

describe('Dockerfile option fixes: ENV and ARG values', () => {
  it('edits a word of a quoted ENV value, keeping the quotes', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_TOOL_OPTIONS="-Xms2g -Xmx1g -XX:+UseCGroupMemoryLimitForHeap"
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    assertDockerFix(text, 'jvm-initial-heap-exceeds-max', '-Xms2g', SWAP, text.replace('-Xms2g -Xmx1g', '-Xms1g -Xmx2g'), [
      'jvm-fixed-heap: `-Xmx1g` fixes the heap at 1 GiB: it will not follow the container memory limit when the limit changes',
    ]);
    assertDockerFix(text, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, text.replace(' -XX:+UseCGroupMemoryLimitForHeap"', '"'));
  });

  it('removes the first word with the blanks after it', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_TOOL_OPTIONS="-XX:+UseCGroupMemoryLimitForHeap -Xmx1g"
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    assertDockerFix(text, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, text.replace('-XX:+UseCGroupMemoryLimitForHeap ', ''));
  });

  it('leaves "" for an unquoted whole value, keeping the next variable of the instruction', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_TOOL_OPTIONS=-XX:+UseCGroupMemoryLimitForHeap APP_HOME=/app
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    assertDockerFix(text, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, text.replace('=-XX:+UseCGroupMemoryLimitForHeap ', '="" '));
  });

  it('edits the legacy `ENV K a b` form', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JDK_JAVA_OPTIONS -Xtune:virtualized -Xms3g -Xmx1g
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    assertDockerFix(text, 'jvm-unrecognized-option', '-Xtune:virtualized', /an Eclipse OpenJ9 option/, text.replace('-Xtune:virtualized ', ''));
    assertDockerFix(text, 'jvm-initial-heap-exceeds-max', '-Xms3g', SWAP, text.replace('-Xms3g -Xmx1g', '-Xms1g -Xmx3g'), [
      'jvm-fixed-heap: `-Xmx1g` fixes the heap at 1 GiB: it will not follow the container memory limit when the limit changes',
    ]);
  });

  it('edits a quoted ENV value written over continuation lines', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_TOOL_OPTIONS="-Xmx1g \\
          -XX:+UseCGroupMemoryLimitForHeap"
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const expected = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_TOOL_OPTIONS="-Xmx1g"
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    assertDockerFix(text, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, expected);
    const first = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_TOOL_OPTIONS="-XX:+UseCGroupMemoryLimitForHeap \\
          -Xmx1g"
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    assertDockerFix(first, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, expected);
  });

  it('edits the default of the ARG an ENV substitutes, for JDK 8 percentages and UseContainerSupport', () => {
    const text = dedent`
      FROM openjdk:8u212-jre
      ARG HEAP="-XX:MaxRAMPercentage=75 -XX:-UseContainerSupport"
      ENV JAVA_TOOL_OPTIONS="$HEAP -Xss512k"
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    assertDockerFix(text, 'jvm-unrecognized-option', '-XX:MaxRAMPercentage=75', /^Write `MaxRAMPercentage=75\.0`/, text.replace('=75 ', '=75.0 '));
    const f = findings(text).find((x) => x.ruleId === 'jvm-container-support-disabled');
    assert.ok(f?.fixes?.[0]);
    assert.equal(applyEdits(text, f.fixes[0].edits), text.replace(' -XX:-UseContainerSupport"', '"'));
    assert.ok(!findings(applyEdits(text, f.fixes[0].edits)).some((x) => x.ruleId === 'jvm-container-support-disabled'));
  });

  it('edits an ARG declared before FROM and taken into the stage', () => {
    const text = dedent`
      ARG OPTS=-XX:+UseCGroupMemoryLimitForHeap
      FROM eclipse-temurin:17-jre
      ARG OPTS
      ENV JAVA_TOOL_OPTIONS=\${OPTS}
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    assertDockerFix(text, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, text.replace(`OPTS=${CGROUP}`, 'OPTS=""'));
  });
});

describe('Dockerfile option fixes: shell form', () => {
  it('removes an option alone on a continued line with its line', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      CMD java \\
          -Xms2g \\
          -Xmx1g \\
          -XX:+UseCGroupMemoryLimitForHeap \\
          -jar /app.jar
    `;
    assertDockerFix(text, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, text.replace('    -XX:+UseCGroupMemoryLimitForHeap \\\n', ''));
    assertDockerFix(text, 'jvm-initial-heap-exceeds-max', '-Xms2g', SWAP, text.replace('-Xms2g \\\n    -Xmx1g', '-Xms1g \\\n    -Xmx2g'), [
      'jvm-fixed-heap: `-Xmx1g` fixes the heap at 1 GiB: it will not follow the container memory limit when the limit changes',
    ]);
  });

  it('removes a word with the blanks before it on a line that continues', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENTRYPOINT exec java -Xmx1g -XX:+UseCGroupMemoryLimitForHeap \\
          -jar /app.jar
    `;
    assertDockerFix(text, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, text.replace(' -XX:+UseCGroupMemoryLimitForHeap', ''));
  });

  it('follows the escape directive: a backtick continues the line', () => {
    const text = '# escape=`\nFROM eclipse-temurin:17-jre\nCMD java -Xms2g `\n  -Xmx1g -Xtune:virtualized `\n  -jar /app.jar\n';
    assertDockerFix(text, 'jvm-unrecognized-option', '-Xtune:virtualized', /OpenJ9/, text.replace(' -Xtune:virtualized', ''));
    assertDockerFix(text, 'jvm-initial-heap-exceeds-max', '-Xms2g', SWAP, text.replace('-Xms2g `\n  -Xmx1g', '-Xms1g `\n  -Xmx2g'), [
      'jvm-fixed-heap: `-Xmx1g` fixes the heap at 1 GiB: it will not follow the container memory limit when the limit changes',
    ]);
  });

  it('keeps CRLF line ends', () => {
    const text = 'FROM eclipse-temurin:17-jre\r\nCMD java \\\r\n    -XX:+UseCGroupMemoryLimitForHeap \\\r\n    -jar /app.jar\r\n';
    assertDockerFix(text, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, 'FROM eclipse-temurin:17-jre\r\nCMD java \\\r\n    -jar /app.jar\r\n');
  });

  it('reads the option through $JAVA_OPTS in the command and edits it in the ENV', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_OPTS="-XX:+UnlockExperimentalVMOptions -XX:+UseCGroupMemoryLimitForHeap"
      ENTRYPOINT exec java $JAVA_OPTS -jar /app.jar
    `;
    assertDockerFix(text, 'jvm-unrecognized-option', CGROUP, REMOVE_CGROUP, text.replace(' -XX:+UseCGroupMemoryLimitForHeap"', '"'));
  });
});

describe('Dockerfile option fixes that need a limit', () => {
  it('offers no MaxRAMPercentage replacement for a fixed -Xmx: the limit is set where the image runs', () => {
    const text = dedent`
      FROM eclipse-temurin:17-jre
      ENV JAVA_TOOL_OPTIONS="-Xmx1g"
      ENTRYPOINT ["java", "-jar", "/app.jar"]
    `;
    const f = findings(text).find((x) => x.ruleId === 'jvm-fixed-heap');
    assert.ok(f);
    assert.equal(f.fixes, undefined);
  });
});

// jvm/option-edits.ts: editing one JVM option where it is written, keeping the string's quoting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JvmToken } from '../../../server/src/engine/jvm/detect';
import { insertOptionEdit, removeOptionEdit, replaceOptionEdit } from '../../../server/src/engine/yaml/option-edits';
import { ruleContext } from '../../helpers/rule-context';
import { dedent } from '../../helpers/text';

const FIXTURE = dedent`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    containers:
      - name: app
        image: eclipse-temurin:17-jre
        command:
          - java
          - -Xmx1g
          - '-Xss512k'
          - -jar
          - /app.jar
        env:
          - name: JAVA_TOOL_OPTIONS
            value: "-XX:MaxRAMPercentage=50.0   -XX:+UseG1GC"
          - name: _JAVA_OPTIONS
            value: '-Dx=1'
          - name: JDK_JAVA_OPTIONS
            value: >-
              -XX:+ExitOnOutOfMemoryError
              -Xms256m
`;

function tokens(text: string): { ctx: ReturnType<typeof ruleContext>; tok: (t: string) => JvmToken } {
  const ctx = ruleContext(text);
  const all = ctx.jvmSubjects[0].analysis.launch.tokens;
  return { ctx, tok: (t) => all.find((x) => x.text === t)! };
}

function apply(text: string, e: { start: number; end: number; newText: string } | null): string {
  assert.ok(e, 'an edit');
  return text.slice(0, e.start) + e.newText + text.slice(e.end);
}

describe('option edits', () => {
  const { ctx, tok } = tokens(FIXTURE);

  it('replaces an option inside a double-quoted string, a single-quoted item and a plain item', () => {
    assert.equal(apply(FIXTURE, replaceOptionEdit(ctx, tok('-XX:MaxRAMPercentage=50.0'), '-XX:MaxRAMPercentage=62.5')), FIXTURE.replace('=50.0', '=62.5'));
    assert.equal(apply(FIXTURE, replaceOptionEdit(ctx, tok('-Xss512k'), "-Dq='a'")), FIXTURE.replace("'-Xss512k'", "'-Dq=''a'''"));
    assert.equal(apply(FIXTURE, replaceOptionEdit(ctx, tok('-Xmx1g'), '-Xmx768m')), FIXTURE.replace('- -Xmx1g', '- -Xmx768m'));
    // A plain scalar cannot hold `: ` — no edit rather than broken YAML.
    assert.equal(replaceOptionEdit(ctx, tok('-Xmx1g'), '-Dk=a: b'), null);
  });

  it('removes a word with the blanks that follow it, or those before it at the end', () => {
    assert.equal(apply(FIXTURE, removeOptionEdit(ctx, tok('-XX:MaxRAMPercentage=50.0'))), FIXTURE.replace('-XX:MaxRAMPercentage=50.0   ', ''));
    assert.equal(apply(FIXTURE, removeOptionEdit(ctx, tok('-XX:+UseG1GC'))), FIXTURE.replace('   -XX:+UseG1GC', ''));
  });

  it('removes a whole list item with its line, and empties a whole value', () => {
    assert.equal(apply(FIXTURE, removeOptionEdit(ctx, tok('-Xmx1g'))), FIXTURE.replace('        - -Xmx1g\n', ''));
    assert.equal(apply(FIXTURE, removeOptionEdit(ctx, tok('-Dx=1'))), FIXTURE.replace("'-Dx=1'", "''"));
  });

  it('edits inside a folded block scalar', () => {
    const after = apply(FIXTURE, removeOptionEdit(ctx, tok('-XX:+ExitOnOutOfMemoryError')));
    // Alone on its line: the line is left empty (a folded scalar reads it as a line break, which the JVM skips).
    assert.equal(after, FIXTURE.replace(/ +-XX:\+ExitOnOutOfMemoryError\n/, '\n'));
    assert.deepEqual(ruleContext(after).jvmSubjects[0].analysis.launch.tokens.map((t) => t.text).filter((t) => t.startsWith('-Xms')), ['-Xms256m']);
  });

  it('inserts after an option: a word in a string, a new item in a list (quoted like its neighbour)', () => {
    assert.equal(apply(FIXTURE, insertOptionEdit(ctx, tok('-XX:+UseG1GC'), '-Xss1m')), FIXTURE.replace('-XX:+UseG1GC"', '-XX:+UseG1GC -Xss1m"'));
    assert.equal(apply(FIXTURE, insertOptionEdit(ctx, tok('-Xss512k'), '-Xss1m')), FIXTURE.replace("- '-Xss512k'\n", "- '-Xss512k'\n        - '-Xss1m'\n"));
    const flow = FIXTURE.replace(/command:\n(\s+- .*\n)+/, 'command: ["java", "-Xmx1g", "-jar", "/app.jar"]\n');
    const f = tokens(flow);
    assert.equal(apply(flow, insertOptionEdit(f.ctx, f.tok('-Xmx1g'), '-Xms1g')), flow.replace('"-Xmx1g",', '"-Xmx1g", "-Xms1g",'));
    assert.equal(apply(flow, removeOptionEdit(f.ctx, f.tok('-Xmx1g'))), flow.replace('"-Xmx1g", ', ''));
  });

  it('keeps CRLF line breaks when it inserts a list item', () => {
    const crlf = FIXTURE.replace(/\n/g, '\r\n');
    const c = tokens(crlf);
    assert.equal(apply(crlf, insertOptionEdit(c.ctx, c.tok('-Xmx1g'), '-Xms1g')), crlf.replace('- -Xmx1g\r\n', '- -Xmx1g\r\n        - -Xms1g\r\n'));
    assert.equal(apply(crlf, removeOptionEdit(c.ctx, c.tok('-Xmx1g'))), crlf.replace('        - -Xmx1g\r\n', ''));
  });

  it('refuses what it cannot edit safely: the only list item, an option the image supplies', () => {
    const only = FIXTURE.replace(/command:\n(\s+- .*\n)+/, 'command: ["java"]\n        args:\n          - -Xmx1g\n');
    const o = tokens(only);
    assert.equal(removeOptionEdit(o.ctx, o.tok('-Xmx1g')), null);
    const image: JvmToken = { ...tok('-Xmx1g'), source: { kind: 'image-default', variable: null, rowId: 'x' } };
    assert.equal(replaceOptionEdit(ctx, image, '-Xmx2g'), null);
  });
});

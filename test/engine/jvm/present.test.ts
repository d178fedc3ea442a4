import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildYamlContext } from '../../../server/src/engine/analyze';
import type { JvmSubject } from '../../../server/src/engine/source';
import { type JvmAnalysis, commonLimitRows } from '../../../server/src/engine/jvm/analyze';
import { heapHintLabel, imageHeapTable as table, jvmHints, jvmHovers, optionKey } from '../../../server/src/engine/jvm/present';

/** The image table of a container's JVM, as the Dockerfile pipeline computes it (with the heap at common limits). */
function imageHeapTable(a: JvmAnalysis): string {
  return table({ ...a, atCommonLimits: commonLimitRows(a.launch, a.heapInput, a.budgetInputs) });
}
import { DEFAULT_OPTIONS } from '../../../server/src/engine/options';
import { LineIndex } from '../../../server/src/engine/text';
import type { Hint, HoverInfo } from '../../../server/src/engine/types';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { dedent } from './launch-helpers';

const TEXT = dedent(`
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: jvm}
  data:
    JAVA_TOOL_OPTIONS: "-XX:MaxRAMPercentage=50.0"
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: api}
  spec:
    template:
      spec:
        containers:
          - name: pct
            image: eclipse-temurin:17-jre
            command: ["java", "-jar", "app.jar"]
            env:
              - name: JAVA_TOOL_OPTIONS
                value: -XX:MaxRAMPercentage=75.0
            resources:
              limits: {memory: 2Gi}
          - name: xmx
            image: eclipse-temurin:17-jre
            command: ["java", "-Xmx1g", "-jar", "app.jar"]
            resources:
              limits: {memory: 512Mi}
          - name: small
            image: eclipse-temurin:17-jre
            command: ["java", "-jar", "app.jar"]
            resources:
              limits: {memory: 200Mi}
          - name: floor
            image: eclipse-temurin:17-jre
            command: ["java", "-jar", "app.jar"]
            resources:
              limits: {memory: 300Mi}
          - name: nolimit
            image: eclipse-temurin:17-jre
            command: ["java", "-jar", "app.jar"]
          - name: fromcm
            image: eclipse-temurin:17-jre
            command: ["java", "-jar", "app.jar"]
            env:
              - name: JAVA_TOOL_OPTIONS
                valueFrom:
                  configMapKeyRef: {name: jvm, key: JAVA_TOOL_OPTIONS}
            resources:
              limits: {memory: 1Gi}
          - name: twice
            image: eclipse-temurin:17-jre
            command: ["java", "-XX:MaxRAMPercentage=80.0", "-Xmx512m", "$(JAVA_OPTS)", "-jar", "app.jar"]
            env:
              - name: JAVA_OPTS
                value: -Xmx768m
            resources:
              limits: {memory: 1Gi}
`);

function setup(text = TEXT): { subjects: JvmSubject[]; lines: LineIndex; text: string } {
  const lines = new LineIndex(text);
  const ctx = buildYamlContext({ text, options: DEFAULT_OPTIONS }, parseYaml(text), lines, 16n << 30n);
  return { subjects: ctx.jvmSubjects, lines, text };
}

/** 0-based line of the first line containing `needle` (after line `from`). */
function lineOf(text: string, needle: string, from = 0): number {
  const i = text.split(/\r?\n/).findIndex((l, n) => n >= from && l.includes(needle));
  assert.ok(i >= 0, `fixture has ${needle}`);
  return i;
}

function subject(subjects: JvmSubject[], name: string): JvmSubject {
  const s = subjects.find((x) => x.name === name);
  assert.ok(s, `subject ${name}`);
  return s;
}

function hintsOf(name: string): Hint[] {
  const { subjects, lines, text } = setup();
  return jvmHints([subject(subjects, name)], lines, text);
}

describe('jvm present: jvmHints', () => {
  it('puts `heap 1.5 GiB = 75 % of 2Gi` right after the MaxRAMPercentage option that decides it', () => {
    const [h, ...rest] = hintsOf('pct');
    assert.equal(rest.length, 0);
    assert.equal(h.label, 'heap 1.5 GiB = 75 % of 2Gi');
    assert.equal(h.kind, 'heap');
    const line = lineOf(TEXT, 'value: -XX:MaxRAMPercentage=75.0');
    assert.deepEqual(h.position, { line, character: TEXT.split('\n')[line].length });
    assert.match(h.tooltip ?? '', /Max heap = MaxRAMPercentage 75% of 2 GiB = 1\.5 GiB/);
  });

  it('says an -Xmx at or above the limit plainly, after the -Xmx', () => {
    const [h] = hintsOf('xmx');
    assert.equal(h.label, 'heap 1 GiB ≥ limit 512Mi');
    const line = lineOf(TEXT, '"-Xmx1g"');
    assert.deepEqual(h.position, { line, character: TEXT.split('\n')[line].indexOf('-Xmx1g') + '-Xmx1g'.length });
  });

  it('shows the small-memory rule (50 % below ~250 MiB) at the end of the name line', () => {
    const [h] = hintsOf('small');
    assert.equal(h.label, 'heap 100 MiB = 50 % of 200Mi (small memory)');
    const line = lineOf(TEXT, '- name: small');
    assert.deepEqual(h.position, { line, character: TEXT.split('\n')[line].length });
  });

  it('shows the 124.8 MiB floor between ~250 and ~500 MiB', () => {
    assert.equal(hintsOf('floor')[0].label, 'heap 126 MiB (small-memory floor) of 300Mi');
  });

  it('sizes from the node without a limit and says so', () => {
    assert.equal(hintsOf('nolimit')[0].label, 'heap 4 GiB = 25 % of node 16Gi (no limit)');
  });

  it('follows an option from a ConfigMap to its place in the ConfigMap', () => {
    const [h] = hintsOf('fromcm');
    assert.equal(h.label, 'heap 512 MiB = 50 % of 1Gi');
    const line = lineOf(TEXT, 'JAVA_TOOL_OPTIONS: "-XX:MaxRAMPercentage=50.0"');
    assert.deepEqual(h.position, { line, character: TEXT.split('\n')[line].indexOf('50.0"') + 4 });
  });

  it('marks the options that do not count: an earlier -Xmx and a MaxRAMPercentage beside -Xmx', () => {
    const hints = hintsOf('twice');
    const labels = hints.map((h) => h.label).sort();
    assert.deepEqual(labels, ['heap 768 MiB = 75 % of 1Gi', 'ignored for the max heap', 'overridden by -Xmx768m (command line)']);
    const main = hints.find((h) => h.label.startsWith('heap'))!;
    assert.equal(main.position.line, lineOf(TEXT, 'value: -Xmx768m'), 'the deciding -Xmx768m sits in the env value');
  });

  it('keeps CRLF line ends out of the end-of-line position', () => {
    const crlf = TEXT.replace(/\n/g, '\r\n');
    const { subjects, lines, text } = setup(crlf);
    const [h] = jvmHints([subject(subjects, 'small')], lines, text);
    const line = lineOf(crlf, '- name: small');
    assert.deepEqual(h.position, { line, character: lines.lineText(line).length });
    assert.ok(!lines.lineText(line).endsWith('\r'));
  });

  it('gives each subject one heap hint', () => {
    const { subjects, lines, text } = setup();
    const heapHints = jvmHints(subjects, lines, text).filter((h) => h.label.startsWith('heap'));
    assert.equal(heapHints.length, subjects.length);
  });
});

function hoverAt(hovers: HoverInfo[], lines: LineIndex, text: string, needle: string, from = 0): HoverInfo {
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, needle);
  const found = hovers.filter((h) => lines.offset(h.range.start) <= offset && offset < lines.offset(h.range.end));
  assert.ok(found.length > 0, `a hover over ${needle}`);
  // The innermost range wins.
  return found.reduce((a, b) => (lines.offset(b.range.end) - lines.offset(b.range.start) < lines.offset(a.range.end) - lines.offset(a.range.start) ? b : a));
}

describe('jvm present: jvmHovers', () => {
  it('explains a token: its variable, the options in JVM order, the heap steps, the GC, the JDK and the budget total', () => {
    const { subjects, lines, text } = setup();
    const s = subject(subjects, 'pct');
    const hovers = jvmHovers([s], lines, text);
    const h = hoverAt(hovers, lines, text, '-XX:MaxRAMPercentage=75.0');
    assert.equal(text.slice(lines.offset(h.range.start), lines.offset(h.range.end)), '-XX:MaxRAMPercentage=75.0');
    const md = h.markdown;
    assert.match(md, /from `JAVA_TOOL_OPTIONS`, read by the JVM itself \(set in `env`\)/);
    assert.match(md, /This option decides the max heap/);
    assert.match(md, /Max heap = MaxRAMPercentage 75% of 2 GiB = 1\.5 GiB/);
    assert.match(md, /\*\*GC\*\* G1 \(server-class: 4 CPUs ≥ 2 and 2 GiB ≥ 1792 MiB\)/);
    assert.match(md, /JDK 17 \(update|JDK 17 from/);
    const a = s.analysis;
    const total = a.heap!.maxHeapBytes + a.budget!.totalBytes;
    assert.equal(total, 1610612736n + a.budget!.totalBytes);
    assert.match(md, /\| \*\*total\*\* \| `█+░*` \| \*\*1\.86 GiB\*\* \| 93 % of the limit `2Gi` \|/);
    assert.match(md, /\| heap \| `█{15}░{5}` \| 1\.5 GiB \|/);
    assert.match(md, /headroom \| \| 142\.9 MiB/);
    assert.match(md, /arguments\.cpp/);
    assert.match(md, /docs\.oracle\.com\/en\/java\/javase\/17\/docs\/specs\/man\/java\.html/);
  });

  it('puts hovers on the variable name and value too', () => {
    const { subjects, lines, text } = setup();
    const hovers = jvmHovers([subject(subjects, 'pct')], lines, text);
    const name = hoverAt(hovers, lines, text, 'JAVA_TOOL_OPTIONS', text.indexOf('- name: pct'));
    assert.match(name.markdown, /^\*\*`JAVA_TOOL_OPTIONS`\*\* · set in `env`/);
    assert.match(name.markdown, /1 option reach/);
  });

  it('names the ConfigMap an option came from', () => {
    const { subjects, lines, text } = setup();
    const hovers = jvmHovers([subject(subjects, 'fromcm')], lines, text);
    const h = hoverAt(hovers, lines, text, '-XX:MaxRAMPercentage=50.0');
    assert.match(h.markdown, /ConfigMap `jvm` key `JAVA_TOOL_OPTIONS` \(configMapKeyRef\)/);
    assert.match(h.markdown, /\*\*total\*\*/);
    assert.match(h.markdown, /of the limit `1Gi`/);
  });

  it('strikes overridden options through and tells where a $(VAR) option came from', () => {
    const { subjects, lines, text } = setup();
    const hovers = jvmHovers([subject(subjects, 'twice')], lines, text);
    const first = hoverAt(hovers, lines, text, '-Xmx512m');
    assert.match(first.markdown, /It does not take effect: overridden by `-Xmx768m` \(command line\)/);
    assert.match(first.markdown, /\| ~~`-Xmx512m`~~ \|/);
    const deciding = hoverAt(hovers, lines, text, '-Xmx768m');
    assert.match(deciding.markdown, /`command\[3\]` through `\$\(JAVA_OPTS\)`/);
    const ref = hoverAt(hovers, lines, text, '$(JAVA_OPTS)');
    assert.match(ref.markdown, /^\*\*`\$\(JAVA_OPTS\)`\*\* expands `JAVA_OPTS` here: 1 JVM option come/);
  });

  it('says what is not known, and where', () => {
    const text = dedent(`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: eclipse-temurin:17
            command: ["java", "-jar", "app.jar"]
            env:
              - name: JAVA_TOOL_OPTIONS
                valueFrom:
                  secretKeyRef: {name: jvm-secret, key: opts}
            resources:
              limits: {memory: 1Gi}
    `);
    const { subjects, lines } = setup(text);
    const [h] = jvmHints(subjects, lines, text);
    assert.equal(h.label, 'heap 256 MiB = 25 % of 1Gi · partly unknown');
    const hovers = jvmHovers(subjects, lines, text);
    const secret = hoverAt(hovers, lines, text, 'jvm-secret');
    assert.match(secret.markdown, /Secret `jvm-secret` key `opts`, whose value is not visible here/);
  });
});

describe('jvm present: heapHintLabel', () => {
  it('names a start-script formula', () => {
    const text = dedent(`
      apiVersion: v1
      kind: Pod
      metadata: {name: es}
      spec:
        containers:
          - name: es
            image: docker.elastic.co/elasticsearch/elasticsearch:8.13.0
            resources:
              limits: {memory: 2Gi}
    `);
    const { subjects } = setup(text);
    assert.equal(heapHintLabel(subjects[0].analysis, '2Gi'), 'heap 1 GiB = 50 % of 2Gi · Elasticsearch formula');
  });
});

describe('jvm present: imageHeapTable', () => {
  it('tabulates the default ergonomics over common limits, as measured on JDK 17', () => {
    const { subjects } = setup();
    const table = imageHeapTable(subject(subjects, 'nolimit').analysis);
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    const heapCol = rows.map((r) => r.split('|').map((c) => c.trim())[2]);
    // REFERENCE §2.1 (jvm_grid.csv): 256Mi → 126Mi, 512Mi → 128Mi, then 25 %.
    assert.deepEqual(heapCol, ['126 MiB', '128 MiB', '256 MiB', '512 MiB', '1 GiB', '2 GiB']);
    assert.deepEqual(rows.map((r) => r.split('|').map((c) => c.trim())[5]), ['Serial', 'Serial', 'Serial', 'G1', 'G1', 'G1']);
    assert.match(rows[0], /✗ over by/);
    assert.match(rows[5], /✓/);
  });

  it('recomputes a start-script formula for each limit', () => {
    const text = dedent(`
      apiVersion: v1
      kind: Pod
      metadata: {name: es}
      spec:
        containers:
          - name: es
            image: docker.elastic.co/elasticsearch/elasticsearch:8.13.0
    `);
    const { subjects } = setup(text);
    const rows = imageHeapTable(subjects[0].analysis).split('\n').filter((l) => l.startsWith('| `'));
    assert.deepEqual(rows.map((r) => r.split('|').map((c) => c.trim())[2]), ['128 MiB', '204 MiB', '512 MiB', '1 GiB', '2 GiB', '4 GiB']);
  });
});

describe('jvm present: optionKey', () => {
  it('treats -Xmx and -XX:MaxHeapSize as one flag', () => {
    assert.equal(optionKey('-Xmx1g'), optionKey('-XX:MaxHeapSize=1g'));
    assert.equal(optionKey('-XX:+UseG1GC'), 'UseG1GC');
    assert.equal(optionKey('-Dfoo=bar'), '-Dfoo');
    assert.equal(optionKey('-jar'), null);
  });
});

describe('jvm present: ignored percentages', () => {
  it('says MaxRAMPercentage is ignored in the small-memory regime', () => {
    const text = dedent(`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: eclipse-temurin:17
            command: ["java", "-XX:MaxRAMPercentage=75.0", "-jar", "app.jar"]
            resources:
              limits: {memory: 200Mi}
    `);
    const { subjects, lines } = setup(text);
    const hints = jvmHints(subjects, lines, text);
    assert.deepEqual(hints.map((h) => h.label), ['heap 100 MiB = 50 % of 200Mi (small memory)', 'ignored below ~250 MiB']);
    assert.equal(hints[1].position.character, lines.lineText(hints[1].position.line).indexOf('75.0') + 4);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blockScalarHead, findTemplateActions, isTemplatePlaceholder, maskTemplates } from '../../../server/src/engine/yaml/helm';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { asString, get, type YScalar } from '../../../server/src/engine/yaml/tree';

const TEMPLATE = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ include "app.fullname" . }}',
  '  labels:',
  '    {{- include "app.labels" . | nindent 4 }}',
  'spec:',
  '  {{- if not .Values.autoscaling.enabled }}',
  '  replicas: {{ .Values.replicaCount }}',
  '  {{- end }}',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
  '          resources:',
  '            limits:',
  '              memory: {{ .Values.memory }}',
  '            requests:',
  '              memory: 256Mi',
  '          {{- with .Values.nodeSelector }}',
  '          nodeSelector:',
  '            {{- toYaml . | nindent 12 }}',
  '          {{- end }}',
  '',
].join('\n');

describe('maskTemplates', () => {
  it('keeps the length and every line break', () => {
    const masked = maskTemplates(TEMPLATE);
    assert.equal(masked.masked, true);
    assert.equal(masked.text.length, TEMPLATE.length);
    assert.equal(masked.text.split('\n').length, TEMPLATE.split('\n').length);
    assert.ok(!masked.text.includes('{{'));
  });

  it('blanks lines that hold only actions', () => {
    const lines = maskTemplates(TEMPLATE).text.split('\n');
    assert.equal(lines[5].trim(), '');
    assert.equal(lines[7].trim(), '');
    assert.equal(lines[9].trim(), '');
  });

  it('turns a value action into a recognisable placeholder that parses as YAML', () => {
    const file = parseYaml(TEMPLATE, { helm: true });
    assert.equal(file.templated, true);
    assert.deepEqual(file.docs[0].errors, []);
    const container = (get(get(get(get(file.docs[0].contents, 'spec'), 'template'), 'spec'), 'containers') as {
      items: unknown[];
    }).items[0] as never;
    const memory = get(get(get(container, 'resources'), 'limits'), 'memory') as YScalar;
    assert.equal(isTemplatePlaceholder(asString(memory) ?? ''), true);
    const request = get(get(get(container, 'resources'), 'requests'), 'memory') as YScalar;
    assert.equal(request.value, '256Mi');
    assert.equal(isTemplatePlaceholder('256Mi'), false);
    const image = asString(get(container, 'image')) ?? '';
    assert.ok(isTemplatePlaceholder(image));
    // Offsets still point into the original text.
    assert.equal(TEMPLATE.slice(memory.span[0], memory.span[1]), '{{ .Values.memory }}');
    assert.equal(file.text, TEMPLATE);
  });

  it('masks multi-line actions and actions with `}}` inside strings or comments', () => {
    const text = 'a: {{ printf "}}" }}\n{{/* a }} comment */}}\nb: {{ dict\n  "k" 1 }}\nc: 1\n';
    const actions = findTemplateActions(text);
    assert.equal(actions.length, 3);
    assert.equal(text.slice(...actions[0]), '{{ printf "}}" }}');
    const file = parseYaml(text, { helm: true });
    assert.deepEqual(file.docs[0].errors, []);
    assert.ok(isTemplatePlaceholder(asString(get(file.docs[0].contents, 'a')) ?? ''));
    assert.equal((get(file.docs[0].contents, 'c') as YScalar).value, 1);
  });

  it('keeps CRLF line ends', () => {
    const text = 'a: {{ .x }}\r\n{{- if .y }}\r\nb: 1\r\n{{- end }}\r\n';
    const masked = maskTemplates(text);
    assert.equal(masked.text.length, text.length);
    assert.equal((masked.text.match(/\r\n/g) ?? []).length, 4);
    assert.equal((get(parseYaml(text, { helm: true }).docs[0].contents, 'b') as YScalar).value, 1);
  });

  it('keeps block scalars whose first lines are actions valid YAML', () => {
    const text = [
      'data:',
      '  script: |',
      '  {{- range $v := .Values.lines }}',
      '    {{ $v }}',
      '  {{- end }}',
      '  args:',
      '  - |',
      '    {{- include "tls.settings" . | nindent 4 }}',
      '    export MEM="-Xmx128M";',
      'b: 1',
      '',
    ].join('\n');
    const file = parseYaml(text, { helm: true });
    assert.deepEqual(file.docs[0].errors, []);
    assert.equal((get(file.docs[0].contents, 'b') as YScalar).value, 1);
  });

  it('turns silent actions beside text into spaces', () => {
    const text = 'a: "1"{{ end }}\nb: x{{/* note */}}\n';
    const masked = maskTemplates(text).text;
    assert.equal(masked, 'a: "1"' + ' '.repeat(9) + '\nb: x' + ' '.repeat(14) + '\n');
    assert.deepEqual(parseYaml(text, { helm: true }).docs[0].errors, []);
  });

  it('leaves text without actions alone', () => {
    assert.deepEqual(maskTemplates('a: 1\n'), { text: 'a: 1\n', masked: false });
    assert.equal(parseYaml('a: 1\n', { helm: true }).templated, false);
  });

  it('survives an unclosed action', () => {
    const text = 'a: {{ .x\nb: 1\n';
    const masked = maskTemplates(text);
    assert.equal(masked.text.length, text.length);
    assert.ok(Array.isArray(parseYaml(text, { helm: true }).docs));
  });
});

describe('blockScalarHead', () => {
  it('returns what stands before a block scalar indicator that ends the line', () => {
    assert.equal(blockScalarHead('  script: |'), '  script:');
    assert.equal(blockScalarHead('  - >-'), '  -');
    assert.equal(blockScalarHead('key: |2+  # keep'), 'key:');
    assert.equal(blockScalarHead('key: >+9-'), 'key:');
    assert.equal(blockScalarHead('key:\t|'), 'key:');
    assert.equal(blockScalarHead(' |'), '');
  });

  it('takes the first indicator whose rest of line is flags, spaces and a comment', () => {
    assert.equal(blockScalarHead('a: x | y: |'), 'a: x | y:');
    assert.equal(blockScalarHead('a: | # b: |'), 'a:');
  });

  it('is null for anything else', () => {
    for (const line of ['key: value', 'key: |x', 'key: |10', 'key: |-+-', 'key:|', '|', 'key: "a | b"', 'key: | #x\u2028']) {
      assert.equal(blockScalarHead(line), null, JSON.stringify(line));
    }
  });

  it('answers as the regular expression it replaces, on lines with odd breaks and long runs', () => {
    const regex = /^(.*?)\s[|>][-+]?[1-9]?[-+]?\s*(?:#.*)?$/;
    const lines = ['a\u2028 |', 'a \u2028|', 'a | \u2029', 'a |#\u2028', `${' |#'.repeat(50)}\u2028`, `x${' |'.repeat(50)}y`];
    for (const line of lines) assert.equal(blockScalarHead(line), regex.exec(line)?.[1] ?? null, JSON.stringify(line));
  });

  it('is linear on a long line of indicators (a hang detector, not a timing)', () => {
    // The regex retries its tail from every ` |`: ~10^10 steps here.
    const line = `${' |#'.repeat(100_000)}\u2028`;
    const started = Date.now();
    assert.equal(blockScalarHead(line), null);
    assert.ok(Date.now() - started < 5_000);
  });
});

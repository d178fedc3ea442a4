import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanYamlMessage, yamlSyntax } from '../../../server/src/engine/rules/yaml-syntax';
import { check } from '../../helpers/rule-context';
import { crlf, dedent, textAt } from '../../helpers/text';

const BROKEN_POD = dedent`
  apiVersion: v1
  kind: Pod
  metadata:
    name: api
  spec:
    containers:
      - name: app
        image: example/api:2.0
       resources: {}
`;

describe('yaml-syntax', () => {
  it('reports each parse error of a Kubernetes document at the error position', () => {
    const fs = check(yamlSyntax, BROKEN_POD);
    assert.equal(fs.length, 1);
    assert.equal(fs[0].message, 'YAML syntax error: Sequence item without - indicator');
    assert.equal(fs[0].range.start.line, 8);
    assert.equal(fs[0].fixes, undefined);
  });

  it('reports a broken document of a multi-document file even when its own keys were not read', () => {
    const text = dedent`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: ok}
      ---
      metadata: {name: "broken}
    `;
    const fs = check(yamlSyntax, text);
    assert.ok(fs.length >= 1);
    assert.ok(fs.every((f) => f.range.start.line >= 4), 'inside or at the end of the broken document');
    assert.match(fs[0].message, /^YAML syntax error: Missing closing "quote$/);
  });

  it('reports a compose file and a file that has nothing usable at all', () => {
    const compose = 'services:\n  web:\n    image: nginx\n   mem_limit: 1g\n';
    assert.equal(check(yamlSyntax, compose, { fileKind: 'compose' }).length > 0, true);
    const garbage = '}}}\n';
    const fs = check(yamlSyntax, garbage);
    assert.equal(fs.length, 3);
    assert.equal(textAt(garbage, fs[0].range), '}');
  });

  it('ignores YAML the classifier ignores, valid files and Helm templates', () => {
    assert.deepEqual(check(yamlSyntax, 'replicaCount: 1\nimage:\n  tag: [1\n'), []);
    assert.deepEqual(check(yamlSyntax, BROKEN_POD.replace('     resources', '      resources')), []);
    const helm = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n  labels: [\n';
    assert.deepEqual(check(yamlSyntax, helm, { helm: true }), []);
    assert.deepEqual(check(yamlSyntax, ''), []);
  });

  it('keeps positions right on CRLF text with a BOM', () => {
    const text = '\uFEFF' + crlf(BROKEN_POD);
    const [f] = check(yamlSyntax, text);
    assert.equal(f.range.start.line, 8);
  });

  it('cleans parser messages to one sentence-case line without a trailing period', () => {
    assert.equal(cleanYamlMessage('bad indentation at line 3, column 5:\n\n  x: y\n    ^\n'), 'Bad indentation');
    assert.equal(cleanYamlMessage('Unexpected token.'), 'Unexpected token');
    assert.equal(cleanYamlMessage(''), 'Invalid YAML');
  });
});

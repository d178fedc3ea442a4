import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyDocument, classifyPath, isHelmTemplate } from '../../server/src/engine/classify';
import { parseYaml } from '../../server/src/engine/yaml/parse';

describe('classifyPath', () => {
  it('recognises Dockerfiles by name, in any case', () => {
    for (const path of [
      'Dockerfile',
      'app/Dockerfile.prod',
      'app.dockerfile',
      'build__Dockerfile',
      'owner__repo__Dockerfile.rhel9',
      'Containerfile',
      'src/DOCKERFILE',
      'C:\\work\\Dockerfile.jvm',
      'file:///home/u/proj/dockerfile',
    ]) {
      assert.equal(classifyPath(path), 'dockerfile', path);
    }
  });

  it('recognises YAML by extension, even when the name mentions dockerfile', () => {
    for (const path of ['k8s/api.yaml', 'compose.yml', 'A.YAML', 'dockerfile-lint.yaml']) {
      assert.equal(classifyPath(path), 'yaml', path);
    }
  });

  it('ignores other files', () => {
    for (const path of ['README.md', 'pom.xml', 'docker-compose.json', 'Makefile']) assert.equal(classifyPath(path), 'other');
  });

  it('lets the editor language id decide', () => {
    assert.equal(classifyPath('untitled:Untitled-1', 'dockerfile'), 'dockerfile');
    assert.equal(classifyPath('untitled:Untitled-1', 'yaml'), 'yaml');
    assert.equal(classifyPath('Dockerfile', 'yaml'), 'yaml');
    assert.equal(classifyPath('README.md', 'markdown'), 'other');
  });
});

describe('isHelmTemplate', () => {
  it('is true for any text with a template action', () => {
    assert.equal(isHelmTemplate('k8s/a.yaml', 'memory: {{ .Values.m }}\n'), true);
  });

  it('is true under templates/ only when a Chart.yaml is beside it', () => {
    assert.equal(isHelmTemplate('chart/templates/cm.yaml', 'a: 1\n', true), true);
    assert.equal(isHelmTemplate('chart/templates/cm.yaml', 'a: 1\n', false), false);
    assert.equal(isHelmTemplate('chart/templates/cm.yaml', 'a: 1\n'), false);
    assert.equal(isHelmTemplate('chart/values.yaml', 'a: 1\n', true), false);
  });
});

describe('classifyDocument', () => {
  const kinds = (text: string) => parseYaml(text).docs.map(classifyDocument);

  it('reads apiVersion + kind as Kubernetes', () => {
    assert.deepEqual(kinds('apiVersion: v1\nkind: Pod\n'), ['kubernetes']);
  });

  it('reads a top-level services map without kind as docker-compose', () => {
    assert.deepEqual(kinds('services:\n  web:\n    image: nginx\n'), ['compose']);
    assert.deepEqual(kinds('kind: Thing\nservices:\n  web: {}\n'), ['other']);
    assert.deepEqual(kinds('services: [a]\n'), ['other']);
  });

  it('ignores everything else, per document', () => {
    assert.deepEqual(kinds('replicaCount: 1\n---\napiVersion: v1\nkind: Service\n---\n- a\n---\n'), [
      'other',
      'kubernetes',
      'other',
      'other',
    ]);
    assert.deepEqual(kinds('kind: Pod\n'), ['other']);
  });
});

// ECK `Elasticsearch` node sets and `Logstash` → their pods (operators/eck): ECK's 2Gi default only when the
// container sets no resources, the init containers, Elasticsearch's heap by node role and version, Logstash's
// jvm.options. Worked examples from /work/research (cloud-on-k8s v3.5.0, MachineDependentHeap.java).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { esRoleHeapMb } from '../../../server/src/engine/operators/eck/source';
import { dedent } from '../../helpers/text';
import { analyze, component, container, covered, findings, GiB, MiB } from './helpers';

const es = (version: string, nodeSet: string) =>
  dedent`
    apiVersion: elasticsearch.k8s.elastic.co/v1
    kind: Elasticsearch
    metadata:
      name: quickstart
    spec:
      version: ${version}
      nodeSets:
  ` + nodeSet.split('\n').map((l, i) => (i === 0 ? `    - ${l}` : `      ${l}`)).join('\n') + '\n';

const esContainer = (lines: string) =>
  'podTemplate:\n  spec:\n    containers:\n      - name: elasticsearch\n' + lines.split('\n').map((l) => `        ${l}`).join('\n');

describe('Elasticsearch heap by role (esRoleHeapMb)', () => {
  it('gives master-only nodes 60 %: 2Gi → 1228m', () => {
    assert.equal(esRoleHeapMb('master-only', 2n * GiB, [8, 15]), 1228n);
  });
  it('gives ML-only nodes 40 % up to 16 GiB (8.3+), 25 % up to 2 GiB before', () => {
    assert.equal(esRoleHeapMb('ml-only', 4n * GiB, [8, 15]), 1636n);
    assert.equal(esRoleHeapMb('ml-only', 4n * GiB, [7, 17]), 1024n);
  });
  it('caps at 31 GiB and gives legacy roles 1024m', () => {
    assert.equal(esRoleHeapMb('master-only', 64n * GiB, [8, 15]), 31n * 1024n);
    assert.equal(esRoleHeapMb('unknown', 8n * GiB, [7, 12]), 1024n);
  });
});

describe('ECK Elasticsearch', () => {
  it('defaults a node set without resources to 2Gi request and limit and a 1 GiB heap (data role)', () => {
    const a = analyze(es('8.15.0', 'name: default\ncount: 3'));
    const w = component(a, 'default', 'Elasticsearch');
    assert.equal(w.name, 'quickstart');
    assert.deepEqual(w.containers.map((c) => [c.name, c.role]), [
      ['elastic-internal-init-filesystem', 'init'],
      ['elastic-internal-suspend', 'init'],
      ['elasticsearch', 'container'],
    ]);
    const c = container(w, 'elasticsearch');
    assert.equal(c.memoryRequestBytes, 2n * GiB);
    assert.equal(c.memoryLimitBytes, 2n * GiB);
    assert.equal(c.jvm?.maxHeapBytes, GiB);
    // The suspend init container inherits the main container's resources.
    assert.equal(container(w, 'elastic-internal-suspend').memoryLimitBytes, 2n * GiB);
    assert.equal(w.qosClass, 'Burstable');
  });
  it('gives a 4Gi data node 2 GiB', () => {
    const a = analyze(es('8.15.0', 'name: data\n' + esContainer('resources:\n  limits:\n    memory: 4Gi')));
    assert.equal(container(component(a, 'data'), 'elasticsearch').jvm?.maxHeapBytes, 2n * GiB);
  });
  it('gives a 2Gi master-only node 1228m, following the limit (no fixed-heap hint)', () => {
    const a = analyze(es('8.15.0', 'name: masters\nconfig:\n  node.roles: ["master"]\n' + esContainer('resources:\n  limits:\n    memory: 2Gi')));
    const c = container(component(a, 'masters'), 'elasticsearch');
    assert.equal(c.jvm?.maxHeapBytes, 1228n * MiB);
    assert.equal(findings(a, 'jvm-fixed-heap').length, 0);
  });
  it('sets no default when the container sets only a CPU limit: no memory at all', () => {
    const a = analyze(es('8.15.0', 'name: cpu\n' + esContainer('resources:\n  limits:\n    cpu: "2"')));
    const c = container(component(a, 'cpu'), 'elasticsearch');
    assert.equal(c.memoryLimitBytes, null);
    assert.equal(findings(a, 'jvm-no-memory-limit').length, 1);
  });
  it('keeps 1g before 7.11', () => {
    const a = analyze(es('7.10.2', 'name: old\n' + esContainer('resources:\n  limits:\n    memory: 8Gi')));
    assert.equal(container(component(a, 'old'), 'elasticsearch').jvm?.maxHeapBytes, GiB);
  });
  it('takes -Xmx from ES_JAVA_OPTS and reports it against the limit', () => {
    const text = es('8.15.0', 'name: big\n' + esContainer('env:\n  - name: ES_JAVA_OPTS\n    value: "-Xms4g -Xmx4g"\nresources:\n  limits:\n    memory: 4Gi'));
    const a = analyze(text);
    const [f] = findings(a, 'jvm-heap-exceeds-limit');
    assert.ok(f);
    assert.equal(covered(text, f), '-Xmx4g');
  });
});

describe('ECK Logstash', () => {
  const ls = (body = '') => dedent`
    apiVersion: logstash.k8s.elastic.co/v1alpha1
    kind: Logstash
    metadata:
      name: ls
    spec:
      count: 1
  ` + body;
  it('defaults to 2Gi, 1 CPU requested and 2 CPUs limit (Burstable), heap 1g from jvm.options', () => {
    const a = analyze(ls());
    const w = component(a, 'logstash', 'Logstash');
    assert.equal(w.qosClass, 'Burstable');
    const c = container(w, 'logstash');
    assert.equal(c.memoryLimitBytes, 2n * GiB);
    assert.equal(c.jvm?.maxHeapBytes, GiB);
  });
  it('lets LS_JAVA_OPTS win over jvm.options', () => {
    const body = '  podTemplate:\n    spec:\n      containers:\n        - name: logstash\n          env:\n            - name: LS_JAVA_OPTS\n              value: "-Xms2g -Xmx2g"\n          resources:\n            limits:\n              memory: 2Gi\n';
    const text = ls(body);
    const a = analyze(text);
    assert.equal(container(component(a, 'logstash'), 'logstash').jvm?.maxHeapBytes, 2n * GiB);
    const [f] = findings(a, 'jvm-heap-exceeds-limit');
    assert.equal(covered(text, f), '-Xmx2g');
  });
});

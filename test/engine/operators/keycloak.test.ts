// Keycloak → the `server` pod of the Keycloak operator (operators/keycloak): the 1700Mi / 2Gi defaults filled in one
// by one, kc.sh's heap percentages, JAVA_OPTS replacing them and JAVA_OPTS_APPEND winning. Worked examples from
// /work/research (keycloak operator Utils.addResources, kc.sh).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dedent } from '../../helpers/text';
import { analyze, applyFix, component, container, covered, findings, GiB, MiB } from './helpers';

const kc = (body = '') => dedent`
  apiVersion: k8s.keycloak.org/v2alpha1
  kind: Keycloak
  metadata:
    name: kc
  spec:
    instances: 1
` + body.split('\n').filter((l) => l !== '').map((l) => `  ${l}`).join('\n') + (body ? '\n' : '');

const templateEnv = (name: string, value: string) =>
  `unsupported:\n  podTemplate:\n    spec:\n      containers:\n        - env:\n            - name: ${name}\n              value: "${value}"`;

describe('Keycloak', () => {
  it('defaults to request 1700Mi and limit 2Gi (Burstable) and a heap of 70 % of the limit', () => {
    const a = analyze(kc());
    const w = component(a, 'server', 'Keycloak');
    assert.equal(w.qosClass, 'Burstable');
    const c = container(w, 'keycloak');
    assert.equal(c.memoryRequestBytes, 1700n * MiB);
    assert.equal(c.memoryLimitBytes, 2n * GiB);
    assert.equal(c.jvm?.heapSource, 'MaxRAMPercentage');
    const heap = c.jvm!.maxHeapBytes!;
    assert.ok(heap >= 1433n * MiB && heap <= 1436n * MiB, String(heap));
  });
  it('fills request and limit each on its own', () => {
    const a = analyze(kc('resources:\n  limits:\n    memory: 4Gi'));
    const c = container(component(a, 'server'));
    assert.equal(c.memoryRequestBytes, 1700n * MiB);
    assert.equal(c.memoryLimitBytes, 4n * GiB);
    const b = container(component(analyze(kc('resources:\n  requests:\n    memory: 1Gi')), 'server'));
    assert.equal(b.memoryRequestBytes, GiB);
    assert.equal(b.memoryLimitBytes, 2n * GiB);
  });
  it('says a request above 2Gi without a limit gets the pod rejected', () => {
    const text = kc('resources:\n  requests:\n    memory: 3Gi');
    const [f] = findings(analyze(text), 'request-exceeds-limit');
    assert.ok(f);
    assert.equal(covered(text, f), '3Gi');
    assert.match(f.message, /the Keycloak operator sets/);
  });
  it('lets JAVA_OPTS_APPEND win: -Xmx1g', () => {
    const text = kc(templateEnv('JAVA_OPTS_APPEND', '-Xmx1g'));
    const c = container(component(analyze(text), 'server'));
    assert.equal(c.jvm?.maxHeapBytes, GiB);
  });
  it('replaces the percentages with JAVA_OPTS', () => {
    const c = container(component(analyze(kc(templateEnv('JAVA_OPTS', '-Xmx768m'))), 'server'));
    assert.equal(c.jvm?.maxHeapBytes, 768n * MiB);
    assert.ok(!c.jvm?.options.some((o) => o.includes('RAMPercentage')));
  });
  it('reads JAVA_OPTS_KC_HEAP: 50 % of 2Gi', () => {
    const c = container(component(analyze(kc(templateEnv('JAVA_OPTS_KC_HEAP', '-XX:MaxRAMPercentage=50'))), 'server'));
    assert.equal(c.jvm?.maxHeapBytes, GiB);
  });
  it('reports a heap above the default limit on the option and raises the limit in spec.resources', () => {
    const text = kc(templateEnv('JAVA_OPTS_APPEND', '-Xmx3g'));
    const a = analyze(text);
    const [f] = findings(a, 'jvm-heap-exceeds-limit');
    assert.ok(f);
    assert.equal(covered(text, f), '-Xmx3g');
    const raised = applyFix(text, f, /Raise the memory/);
    assert.match(raised, /\n  resources:\n    limits:\n      memory: \d+Mi\n/);
    assert.equal(findings(analyze(raised), 'jvm-heap-exceeds-limit').length, 0);
  });
});

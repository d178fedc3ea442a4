import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { k8sHovers, qosHints, workloadLenses } from '../../../server/src/engine/k8s/present';
import { LineIndex } from '../../../server/src/engine/text';
import { dedent, GI } from './helpers';
import { build } from './model-helpers';

const TEXT = dedent(`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api
  spec:
    template:
      spec:
        containers:
        - name: app # the service
          resources:
            requests:
              memory: 1Gi
            limits:
              memory: 2Gi
        - name: proxy
          resources:
            limits: {memory: 128Mi}
  ---
  apiVersion: v1
  kind: Pod
  metadata: {name: db}
  spec:
    containers:
    - name: pg
      resources:
        limits: {cpu: "2", memory: 4Gi}
`);

function setup(text = TEXT, node = 16n * GI) {
  return { model: build(text, node), lines: new LineIndex(dedent(text)) };
}

describe('present: qosHints', () => {
  it('puts `<QoS> · oom_score_adj <n>` at the end of each container name line', () => {
    const { model, lines } = setup();
    const hints = qosHints(model, lines);
    assert.deepEqual(
      hints.map((h) => [h.label, h.position.line, h.kind]),
      [
        ['Burstable · oom_score_adj 938', 8, 'qos'],
        ['Burstable · oom_score_adj 993', 14, 'qos'],
        ['Guaranteed · oom_score_adj -997', 23, 'qos'],
      ],
    );
    assert.equal(hints[0].position.character, lines.lineText(8).length);
    assert.match(hints[0].tooltip ?? '', /16Gi node/);
  });

  it('keeps CRLF line ends out of the position', () => {
    const crlf = TEXT.replace(/\n/g, '\r\n');
    const model = build(crlf);
    const lines = new LineIndex(crlf);
    const h = qosHints(model, lines)[0];
    assert.equal(h.position.character, '      - name: app # the service'.length);
  });
});

describe('present: workloadLenses', () => {
  it('shows the score range over 8–128Gi nodes, or a single value when constant', () => {
    const { model, lines } = setup();
    const lenses = workloadLenses(model, lines);
    // app: 875 (8Gi) … 993 (128Gi); proxy (128Mi): 985 … 999.
    assert.deepEqual(lenses.map((l) => l.title), [
      'Burstable · oom_score_adj 875–999 on 8–128Gi nodes',
      'Guaranteed · oom_score_adj -997',
    ]);
    assert.deepEqual(lenses.map((l) => l.range.start.line), [0, 18]);
  });

  it('marks node-critical pods', () => {
    const model = build('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priorityClassName: system-node-critical\n  containers:\n  - name: a\n');
    const lens = workloadLenses(model, new LineIndex(''))[0];
    assert.equal(lens.title, 'BestEffort · system-node-critical · oom_score_adj -997');
  });
});

describe('present: k8sHovers', () => {
  it('explains the class and fills the kubelet formula with the file\'s numbers', () => {
    const { model, lines } = setup();
    const hovers = k8sHovers(model, lines);
    const app = hovers.find((h) => h.range.start.line === 8)!;
    assert.ok(app, 'a hover on the container name');
    const md = app.markdown;
    assert.match(md, /Burstable/);
    assert.match(md, /container `app` has a memory request below its limit/);
    assert.ok(md.includes('1000 − ⌊1000 × 1073741824 / 17179869184⌋ = 938'), md);
    assert.match(md, /\| oom_score_adj \| 875 \| 938 \| 969 \| 985 \| 993 \|/);
    assert.match(md, /\*\*16Gi\*\*/);
    assert.match(md, /BestEffort pods first/);
    assert.ok(md.includes('https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/'));
    assert.ok(md.includes('https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/'));
  });

  it('covers the name, resources, requests and limits of each container', () => {
    const { model, lines } = setup();
    const app = k8sHovers(model, lines).filter((h) => h.range.start.line >= 8 && h.range.start.line < 14);
    assert.deepEqual(app.map((h) => [h.range.start.line, h.range.end.line]), [
      [8, 8],
      [9, 13],
      [10, 11],
      [12, 13],
    ]);
    assert.equal(app[1].range.end.character, '            memory: 2Gi'.length);
  });

  it('says where a defaulted value came from', () => {
    const { model, lines } = setup();
    const proxy = k8sHovers(model, lines).find((h) => h.range.start.line === 14)!.markdown;
    assert.match(proxy, /memory request: `128Mi`.*request copied from the limit/);
    const lr = build(
      dedent(`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults}
        spec:
          limits:
          - type: Container
            default: {memory: 512Mi}
            defaultRequest: {memory: 256Mi}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: a
      `),
    );
    const md = k8sHovers(lr, new LineIndex(''))[0].markdown;
    assert.match(md, /memory limit: `512Mi`.*from LimitRange `defaults`/);
  });

  it('shows the clamp, the sidecar rule and the fixed values', () => {
    const cpuOnly = build('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    resources: {requests: {cpu: 100m}}\n');
    assert.match(k8sHovers(cpuOnly, new LineIndex(''))[0].markdown, /1000 is lowered to \*\*999\*\*/);
    const big = build('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    resources: {requests: {memory: 20Gi}}\n');
    assert.match(k8sHovers(big, new LineIndex(''))[0].markdown, /-250 is raised to \*\*3\*\*/);
    const side = build(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - name: mesh\n    restartPolicy: Always\n    resources: {requests: {memory: 64Mi}}\n  containers:\n  - name: a\n    resources: {requests: {memory: 1Gi}}\n',
    );
    const md = k8sHovers(side, new LineIndex(''))[0].markdown;
    assert.match(md, /smallest regular container/);
    assert.match(md, /min\(997, 938\) = 938/);
  });
});

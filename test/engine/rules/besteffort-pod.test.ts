import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { besteffortPod } from '../../../server/src/engine/rules/besteffort-pod';
import { assertFixResult, findFix } from '../../helpers/fixes';
import { check, ruleContext } from '../../helpers/rule-context';
import { crlf, dedent, textAt } from '../../helpers/text';

const DEPLOYMENT = dedent`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: worker
  spec:
    template:
      spec:
        initContainers:
          - name: init
            image: busybox
        containers:
          - name: worker # the queue consumer
            image: example/worker:1.4
            resources: {}
`;

describe('besteffort-pod', () => {
  it('reports a BestEffort pod once, on the workload name', () => {
    const fs = check(besteffortPod, DEPLOYMENT);
    assert.equal(fs.length, 1);
    assert.equal(textAt(DEPLOYMENT, fs[0].range), 'worker');
    assert.equal(fs[0].range.start.line, 3);
    assert.equal(
      fs[0].message,
      'Pods of Deployment `worker` are BestEffort (no container sets a cpu or memory request or limit): ' +
        'every container gets oom_score_adj 1000 and is killed first when the node runs out of memory',
    );
  });

  it('adds a memory request and limit of `fix.memory` to every container, init containers included (preferred)', () => {
    const [f] = check(besteffortPod, DEPLOYMENT);
    const fix = findFix(f, 'Add a memory request and limit of `512Mi` to every container (Burstable)');
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.safe, undefined);
    const expected = DEPLOYMENT.replace(
      'image: busybox\n',
      'image: busybox\n          resources:\n            requests:\n              memory: 512Mi\n            limits:\n              memory: 512Mi\n',
    ).replace('resources: {}', 'resources: {requests: {memory: 512Mi}, limits: {memory: 512Mi}}');
    assertFixResult(besteffortPod, DEPLOYMENT, f, fix, expected);
    const after = ruleContext(expected);
    assert.equal(after.manifest!.workloads[0].qos.qosClass, 'Burstable');
  });

  it('offers Make Guaranteed with `fix.memory` and `fix.cpu`', () => {
    const [f] = check(besteffortPod, DEPLOYMENT, { options: { fix: { memory: '1Gi', cpu: '1' } } });
    const fix = findFix(f, 'Make Deployment `worker` Guaranteed (every request equal to its limit)');
    const expected = DEPLOYMENT.replace(
      'image: busybox\n',
      'image: busybox\n          resources:\n            limits:\n              memory: 1Gi\n              cpu: 1\n',
    ).replace('resources: {}', 'resources: {limits: {memory: 1Gi, cpu: 1}}');
    assertFixResult(besteffortPod, DEPLOYMENT, f, fix, expected, { options: { fix: { memory: '1Gi', cpu: '1' } } });
    assert.equal(ruleContext(expected).manifest!.workloads[0].qos.qosClass, 'Guaranteed');
  });

  it('treats explicit zeros and non-QoS resources as BestEffort', () => {
    const text = DEPLOYMENT.replace('resources: {}', 'resources: {requests: {memory: 0, nvidia.com/gpu: 1}, limits: {nvidia.com/gpu: 1}}');
    const [f] = check(besteffortPod, text);
    assert.ok(f);
    const fix = findFix(f, /^Add a memory request/);
    assertFixResult(
      besteffortPod,
      text,
      f,
      fix,
      text
        .replace(
          'image: busybox\n',
          'image: busybox\n          resources:\n            requests:\n              memory: 512Mi\n            limits:\n              memory: 512Mi\n',
        )
        .replace('{memory: 0, nvidia.com/gpu: 1}, limits: {nvidia.com/gpu: 1}}', '{memory: 512Mi, nvidia.com/gpu: 1}, limits: {nvidia.com/gpu: 1, memory: 512Mi}}'),
    );
  });

  it('stays quiet for Burstable pods, node-critical pods, invalid values and LimitRange defaults', () => {
    assert.deepEqual(check(besteffortPod, DEPLOYMENT.replace('resources: {}', 'resources: {requests: {cpu: 10m}}')), []);
    const critical = DEPLOYMENT.replace('    spec:\n      initContainers', '    spec:\n      priorityClassName: system-node-critical\n      initContainers');
    assert.deepEqual(check(besteffortPod, critical), []);
    assert.deepEqual(check(besteffortPod, DEPLOYMENT.replace('resources: {}', 'resources: {limits: {memory: 1GB}}')), []);
    const limitRange = 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr}\nspec:\n  limits: [{type: Container, defaultRequest: {cpu: 100m}}]\n---\n' + DEPLOYMENT;
    assert.deepEqual(check(besteffortPod, limitRange), []);
  });

  it('names a bare Pod, reports each document, and works on CRLF text and an empty file', () => {
    const text = crlf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: one\nspec:\n  containers: [{name: a}]\n---\n' + DEPLOYMENT);
    const fs = check(besteffortPod, text);
    assert.deepEqual(fs.map((f) => f.message.split(' BestEffort')[0]), ['Pod `one` is', 'Pods of Deployment `worker` are']);
    assertFixResult(
      besteffortPod,
      text,
      fs[0],
      fs[0].fixes![0],
      text.replace('[{name: a}]', '[{name: a, resources: {requests: {memory: 512Mi}, limits: {memory: 512Mi}}}]'),
    );
    assert.deepEqual(check(besteffortPod, ''), []);
  });

  it('offers no fix when pod-level resources decide the class', () => {
    const text = DEPLOYMENT.replace('    spec:\n      initContainers', '    spec:\n      resources: {}\n      initContainers');
    const fs = check(besteffortPod, text);
    assert.equal(fs.length, 1);
    assert.match(fs[0].message, /the pod-level `resources` set no cpu or memory request or limit/);
    assert.equal(fs[0].fixes, undefined);
  });
});

// First-fit-decreasing placement exactly as the node view specifies it (issue 16 "Semantics to keep exactly").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, planOf, podId, workloadsOf } from './helpers';

const DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
        - name: agent
          image: example/agent
          resources: {requests: {memory: 200Mi, cpu: 100m}, limits: {memory: 200Mi}}
---
`;
const HUGE = `apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
    - name: app
      image: example/huge
      resources: {requests: {memory: 5Gi}}
---
`;
const BESTEFFORT = `apiVersion: v1
kind: Pod
metadata:
  name: be
spec:
  containers:
    - name: app
      image: example/be
`;

// 4Gi nodes: allocatable 4096 − 100 = 3996Mi; 3796Mi after the DaemonSet pod.
const FILE =
  deployment('small', 4, '{requests: {memory: 256Mi}, limits: {memory: 512Mi}}') +
  DAEMONSET +
  deployment('big', 3, '{requests: {memory: 2Gi}, limits: {memory: 4Gi}}') +
  HUGE +
  deployment('mid', 2, '{requests: {memory: 1Gi}, limits: {memory: 1Gi}}') +
  BESTEFFORT;

describe('node placement', () => {
  it('packs by memory request, largest first, first fit; each new node first gets the DaemonSet pods', () => {
    const plan = planOf(FILE, { nodeMemory: '4Gi' });
    assert.deepEqual(
      plan.nodes.map((n) => n.pods.map(podId)),
      [
        ['DaemonSet/agent#0', 'Deployment/big#0', 'Deployment/mid#0', 'Deployment/small#0', 'Deployment/small#1', 'Pod/be#0'],
        ['DaemonSet/agent#1', 'Deployment/big#1', 'Deployment/mid#1', 'Deployment/small#2', 'Deployment/small#3'],
        ['DaemonSet/agent#2', 'Deployment/big#2'],
      ],
    );
    assert.equal(plan.nodes[0].requestsBytes, (200n + 2048n + 1024n + 512n) << 20n);
    // The BestEffort pod has no limit: the node's limits are unbounded.
    assert.equal(plan.nodes[0].limitsBytes, null);
    assert.equal(plan.nodes[1].limitsBytes, (200n + 4096n + 1024n + 1024n) << 20n);
    assert.equal(plan.nodes[1].overcommit, 1.588); // 6344Mi ÷ 3996Mi = 1.5876
  });

  it('names the pods that fit no node, with the reason', () => {
    const plan = planOf(FILE, { nodeMemory: '4Gi' });
    assert.equal(plan.unplaced.length, 1);
    assert.equal(plan.unplaced[0].workload.name, 'huge');
    assert.equal(plan.unplaced[0].pods, 1);
    assert.match(plan.unplaced[0].reason, /^insufficient memory: requests 5 GiB, a node has 3\.71 GiB of 3\.9 GiB allocatable free$/);
  });

  it('checks a resource only when the pod requests it: a pod without requests fits a node whose memory is taken', () => {
    const text = deployment('full', 1, '{requests: {memory: 3996Mi}}') + BESTEFFORT;
    const plan = planOf(text, { nodeMemory: '4Gi' });
    assert.deepEqual(plan.nodes.map((n) => n.pods.map(podId)), [['Deployment/full#0', 'Pod/be#0']]);
  });

  it('counts pods against max pods', () => {
    const plan = planOf(deployment('many', 5, '{requests: {memory: 10Mi}}'), { node: { maxPods: 2 } });
    assert.deepEqual(plan.nodes.map((n) => n.pods.length), [2, 2, 1]);
    const none = planOf(DAEMONSET + deployment('x', 1, '{requests: {memory: 10Mi}}'), { node: { maxPods: 1 } });
    assert.equal(none.unplaced[0].workload.name, 'x');
    assert.match(none.unplaced[0].reason, /^too many pods: a node takes 1$/);
  });

  it('breaks equal requests by CPU request, then kind, namespace, name and replica', () => {
    const text =
      deployment('b', 2, '{requests: {memory: 1Gi}}') +
      deployment('a', 1, '{requests: {memory: 1Gi}}') +
      deployment('c', 1, '{requests: {memory: 1Gi, cpu: 10m}}');
    const plan = planOf(text);
    assert.deepEqual(plan.nodes[0].pods.map(podId), ['Deployment/c#0', 'Deployment/a#0', 'Deployment/b#0', 'Deployment/b#1']);
  });

  it('reads replicas, Job parallelism, DaemonSets and RuntimeClass overhead', () => {
    const text = `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: kata
handler: kata
overhead:
  podFixed: {memory: 120Mi, cpu: 250m}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: batch
spec:
  parallelism: 5
  completions: 3
  template:
    spec:
      runtimeClassName: kata
      containers:
        - name: app
          image: example/batch
          resources: {requests: {memory: 100Mi}, limits: {memory: 100Mi}}
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 0 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: app
              image: example/nightly
---
apiVersion: v1
kind: PodTemplate
metadata:
  name: tmpl
template:
  spec:
    containers:
      - name: app
        image: example/tmpl
`;
    const ws = workloadsOf(text);
    const batch = ws.find((w) => w.name === 'batch')!;
    assert.equal(batch.pods, 3);
    assert.equal(batch.memoryRequestBytes, 220n << 20n);
    assert.equal(batch.memoryLimitBytes, 220n << 20n);
    assert.equal(batch.cpuRequestMilli, 250n);
    assert.equal(ws.find((w) => w.name === 'nightly')!.pods, 1);
    assert.equal(ws.find((w) => w.name === 'tmpl')!.pods, 0);
  });

  it('makes one node for DaemonSets alone, and none for nothing', () => {
    assert.equal(planOf(DAEMONSET).nodes.length, 1);
    assert.equal(planOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n').nodes.length, 0);
  });
});

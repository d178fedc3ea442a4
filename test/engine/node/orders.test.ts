// Eviction and OOM-kill orders against worked examples derived from the kubelet (pkg/kubelet/eviction/helpers.go
// rankMemoryPressure) and the kernel (mm/oom_kill.c oom_badness, oom_evaluate_task), ties included.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NodeWorkload } from '../../../server/src/engine/node/model';
import { oomKillOrder } from '../../../server/src/engine/node/orders';
import { buildProfile } from '../../../server/src/engine/node/profile';
import { deployment, planOf, podId } from './helpers';

const Gi = 1n << 30n;

const PRIORITY_CLASS = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
---
`;

// Placement (creation) order on the one 16Gi node: g (1Gi, 100m), a (1Gi), b (512Mi), c (256Mi), low (128Mi),
// crit (64Mi), be#0, be#1.
const EVICTION_FILE =
  PRIORITY_CLASS +
  deployment('a', 1, '{requests: {memory: 1Gi}, limits: {memory: 2Gi}}') +
  deployment('b', 1, '{requests: {memory: 512Mi}, limits: {memory: 2Gi}}', 'priorityClassName: high') +
  deployment('c', 1, '{requests: {memory: 256Mi}, limits: {memory: 2Gi}}') +
  deployment('g', 1, '{requests: {memory: 1Gi, cpu: 100m}, limits: {memory: 1Gi, cpu: 100m}}') +
  deployment('be', 2, '{}') +
  deployment('crit', 1, '{requests: {memory: 64Mi}, limits: {memory: 1Gi}}', 'priorityClassName: system-cluster-critical') +
  deployment('low', 1, '{requests: {memory: 128Mi, cpu: 10m}, limits: {memory: 128Mi}}', 'priority: -10');

describe('eviction order', () => {
  it('limit scenario: usage above request first (by priority, then the larger excess), then the rest; critical pods never', () => {
    const plan = planOf(EVICTION_FILE, {}, 'limit');
    assert.deepEqual(plan.nodes[0].pods.map(podId), [
      'Deployment/g#0', 'Deployment/a#0', 'Deployment/b#0', 'Deployment/c#0', 'Deployment/low#0', 'Deployment/crit#0', 'Deployment/be#0', 'Deployment/be#1',
    ]);
    // c exceeds by 1.75Gi, a by 1Gi (both priority 0), b by 1.5Gi but priority 1000; then low (priority −10) and the
    // equals g, be#0, be#1 (priority 0, nothing above request) in creation order.
    assert.deepEqual(plan.evictionOrder.map((e) => podId(e.pod)), [
      'Deployment/c#0', 'Deployment/a#0', 'Deployment/b#0', 'Deployment/low#0', 'Deployment/g#0', 'Deployment/be#0', 'Deployment/be#1',
    ]);
    assert.equal(plan.evictionOrder[0].usageBytes, 2n * Gi);
  });

  it('request scenario: nobody exceeds, so priority decides and equals keep creation order', () => {
    const plan = planOf(EVICTION_FILE, {}, 'request');
    assert.deepEqual(plan.evictionOrder.map((e) => podId(e.pod)), [
      'Deployment/low#0', 'Deployment/g#0', 'Deployment/a#0', 'Deployment/c#0', 'Deployment/be#0', 'Deployment/be#1', 'Deployment/b#0',
    ]);
  });

  it('ranks node by node, node 0 first', () => {
    const plan = planOf(deployment('w', 3, '{requests: {memory: 10Gi}, limits: {memory: 12Gi}}'), {}, 'limit');
    assert.deepEqual(plan.evictionOrder.map((e) => [podId(e.pod), e.pod.node]), [['Deployment/w#0', 0], ['Deployment/w#1', 1], ['Deployment/w#2', 2]]);
    assert.deepEqual(plan.oomKillOrder.map((e) => e.pod.node), [0, 1, 2]);
  });
});

const SIDECAR_POD = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  initContainers:
    - name: proxy
      image: example/proxy
      restartPolicy: Always
      resources: {requests: {memory: 1Gi}, limits: {memory: 1Gi}}
    - name: migrate
      image: example/migrate
      resources: {requests: {memory: 2Gi}, limits: {memory: 2Gi}}
  containers:
    - name: app
      image: example/app
      resources: {requests: {memory: 1Gi}, limits: {memory: 1Gi}}
---
`;

// 16Gi node, no reservations: totalpages = 4194304, totalpages / 1000 = 4194 pages per oom_score_adj point.
const OOM_FILE =
  deployment('x', 1, '{requests: {memory: 4Gi}, limits: {memory: 6Gi}}') +
  deployment('z', 1, '{requests: {memory: 4Gi}, limits: {memory: 5Gi}}') +
  deployment('be', 2, '{}') +
  deployment('g', 1, '{requests: {memory: 1Gi, cpu: 1}, limits: {memory: 1Gi, cpu: 1}}') +
  SIDECAR_POD;

describe('OOM-kill order', () => {
  it('highest badness first: usage pages + oom_score_adj × (totalpages / 1000); of equals the later-created', () => {
    const plan = planOf(OOM_FILE, {}, 'limit');
    const rows = plan.oomKillOrder.map((e) => [podId(e.pod), e.container.name, e.oomScoreAdj, e.badnessPages, e.oomScore]);
    assert.deepEqual(rows, [
      // 6Gi = 1572864 pages + 750 × 4194
      ['Deployment/x#0', 'app', 750, 4718364n, 1124],
      // 5Gi = 1310720 pages + 750 × 4194
      ['Deployment/z#0', 'app', 750, 4456220n, 1062],
      // sidecar and container alike (1Gi = 262144 pages + 938 × 4194): the later-created container goes first; the
      // run-once init container takes no part
      ['Pod/two#0', 'app', 938, 4196116n, 1000],
      ['Pod/two#0', 'proxy', 938, 4196116n, 1000],
      // BestEffort at 0 bytes: 1000 × 4194; the second replica was created later
      ['Deployment/be#1', 'app', 1000, 4194000n, 999],
      ['Deployment/be#0', 'app', 1000, 4194000n, 999],
      // Guaranteed: −997 × 4194 + 262144
      ['Deployment/g#0', 'app', -997, -3919274n, -934],
    ]);
  });

  it('uses capacity − kube-reserved − system-reserved for totalpages (not the eviction threshold), divided by 1000 first', () => {
    // EKS m5.large: 8Gi − 574Mi = 7618Mi = 1950208 pages → 1950 pages per point (not 1950.208).
    const profile = buildProfile({ profile: 'eks', capacityBytes: 8n * Gi, cpus: 2, maxPods: 29, kubeReservedBytes: null, systemReservedBytes: null, evictionHardBytes: null });
    const w: NodeWorkload = {
      kind: 'Pod', name: 'p', namespace: null, pods: 1, daemonSet: false, priority: 0, critical: false,
      memoryRequestBytes: 0n, cpuRequestMilli: 0n, memoryLimitBytes: null, overheadBytes: 0n, range: null,
      containers: [
        { name: 'a', role: 'container', memoryRequestBytes: 1000n, memoryLimitBytes: null, expectedBytes: null, oomBranch: 'burstable', oomBasisBytes: 1000n, range: null },
      ],
    };
    const [e] = oomKillOrder([{ workload: w, replica: 0, node: 0, created: 0 }], 'request', profile);
    assert.equal(e.oomScoreAdj, 999); // 1000 − 1000 × 1000 / 8Gi = 1000 → clamped to 999
    assert.equal(e.badnessPages, 1n + 999n * 1950n); // 1000 bytes → 1 page, rounded up
  });

  it('expected scenario: a JVM at heap + non-heap budget (never above its limit), others at their request', () => {
    const jvm = `apiVersion: v1
kind: Pod
metadata:
  name: jvm
spec:
  containers:
    - name: app
      image: eclipse-temurin:17-jre
      command: ["java", "-Xmx1g", "-jar", "/app.jar"]
      resources: {requests: {memory: 1Gi}, limits: {memory: 4Gi}}
    - name: side
      image: example/side
      resources: {requests: {memory: 64Mi}, limits: {memory: 1Gi}}
`;
    const plan = planOf(jvm, {}, 'expected');
    const app = plan.oomKillOrder.find((e) => e.container.name === 'app')!;
    const side = plan.oomKillOrder.find((e) => e.container.name === 'side')!;
    assert.ok(app.usageBytes > 1n * Gi && app.usageBytes < 2n * Gi, String(app.usageBytes));
    assert.equal(side.usageBytes, 64n << 20n);
    assert.equal(plan.nodes[0].needBytes.expected, app.usageBytes + side.usageBytes);
    assert.equal(plan.nodes[0].needBytes.limit, 5n * Gi);
    assert.equal(plan.nodes[0].needBytes.request, 1n * Gi + (64n << 20n));
  });
});

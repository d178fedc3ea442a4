import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QosClass } from '../../../server/src/engine/k8s/model';
import { computeOomScore, isNodeCritical, oomScoreFor, oomScoresOverNodeSizes, type OomContainer } from '../../../server/src/engine/k8s/oom-score';
import { GI, res } from './helpers';
import { build, only } from './model-helpers';

function burstablePod(containers: OomContainer[], podEffective: ReturnType<typeof res> | null = null, qosClass: QosClass = 'Burstable') {
  return { nodeCritical: false, qos: { qosClass }, podEffective, containers };
}

const memReq = (m: string): OomContainer => ({ role: 'container', effective: res({ memory: m }) });

describe('oom-score: the kubelet formula', () => {
  it('gives 938 for a 1Gi request on a 16Gi node (truncating division, not 937)', () => {
    const s = computeOomScore(burstablePod([memReq('1Gi')]), 0, 16n * GI);
    assert.equal(s.value, 938);
    assert.equal(s.unclamped, 938);
    assert.equal(s.branch, 'burstable');
    assert.equal(s.requestBytes, 1073741824n);
    assert.equal(s.capacityBytes, 17179869184n);
  });

  it('gives 999 (never 1000) to a Burstable container that requests only CPU', () => {
    const s = computeOomScore(burstablePod([{ role: 'container', effective: res({ cpu: '100m' }) }]), 0, 16n * GI);
    assert.equal(s.unclamped, 1000);
    assert.equal(s.value, 999);
  });

  it('gives 7 for a 15.9Gi request on a 16Gi node', () => {
    assert.equal(computeOomScore(burstablePod([memReq('15.9Gi')]), 0, 16n * GI).value, 7);
  });

  it('clamps a request at or above capacity to 3', () => {
    const at = computeOomScore(burstablePod([memReq('16Gi')]), 0, 16n * GI);
    assert.equal(at.unclamped, 0);
    assert.equal(at.value, 3);
    const above = computeOomScore(burstablePod([memReq('64Gi')]), 0, 16n * GI);
    assert.equal(above.unclamped, -3000);
    assert.equal(above.value, 3);
  });

  it('uses the node capacity it is given, so the score changes with the node size', () => {
    const p = burstablePod([memReq('1Gi')]);
    assert.deepEqual(
      [8n, 16n, 32n, 64n, 128n].map((g) => computeOomScore(p, 0, g * GI).value),
      [875, 938, 969, 985, 993],
    );
  });

  it('gives Guaranteed -997 and BestEffort 1000 whatever the request', () => {
    assert.equal(computeOomScore(burstablePod([memReq('1Gi')], null, 'Guaranteed'), 0, 16n * GI).value, -997);
    assert.equal(computeOomScore(burstablePod([memReq('1Gi')], null, 'BestEffort'), 0, 16n * GI).value, 1000);
  });

  it('gives a node-critical pod -997 even when it is BestEffort', () => {
    const p = { ...burstablePod([{ role: 'container', effective: res() }], null, 'BestEffort'), nodeCritical: true };
    const s = computeOomScore(p, 0, 16n * GI);
    assert.equal(s.value, -997);
    assert.equal(s.branch, 'node-critical');
  });

  it('treats only system-node-critical as node-critical', () => {
    assert.equal(isNodeCritical('system-node-critical'), true);
    assert.equal(isNodeCritical('system-cluster-critical'), false);
    assert.equal(isNodeCritical(null), false);
  });

  it('caps a sidecar at the score of the smallest regular container', () => {
    const p = burstablePod([
      { role: 'sidecar', effective: res({ memory: '64Mi' }) },
      memReq('2Gi'),
      memReq('1Gi'),
    ]);
    const side = computeOomScore(p, 0, 16n * GI);
    // Own score 1000 − ⌊1000×64Mi/16Gi⌋ = 997; the smallest regular (1Gi) gives 938.
    assert.equal(side.value, 938);
    assert.equal(side.sidecarMinRequestBytes, 1n * GI);
    assert.equal(computeOomScore(p, 1, 16n * GI).value, 875);
  });

  it('does not apply the sidecar rule to a regular init container', () => {
    const p = burstablePod([{ role: 'init', effective: res({ memory: '64Mi' }) }, memReq('1Gi')]);
    const init = computeOomScore(p, 0, 16n * GI);
    assert.equal(init.value, 997);
    assert.equal(init.sidecarMinRequestBytes, null);
  });

  it('spreads the unclaimed pod-level memory request over every container including init containers', () => {
    const p = burstablePod(
      [{ role: 'init', effective: res() }, memReq('1Gi'), { role: 'container', effective: res({ cpu: '1' }) }],
      res({ memory: '4Gi' }, { memory: '8Gi' }),
    );
    // (4Gi − 1Gi) / 3 containers = 1Gi each.
    const s = computeOomScore(p, 1, 16n * GI);
    assert.equal(s.podShareBytes, 1n * GI);
    assert.equal(s.value, 1000 - 125);
    assert.equal(computeOomScore(p, 2, 16n * GI).value, 938);
    assert.equal(computeOomScore(p, 0, 16n * GI).value, 938);
  });

  it('uses Go integer division for the pod share', () => {
    const p = burstablePod([memReq('0'), memReq('0'), memReq('0')], res({ memory: '10' }));
    assert.equal(computeOomScore(p, 0, 16n * GI).podShareBytes, 3n);
  });

  it('never divides by zero on a zero capacity', () => {
    assert.equal(computeOomScore(burstablePod([memReq('1Gi')]), 0, 0n).value, 999);
  });

  it('computes a built workload over the five node sizes without re-parsing', () => {
    const w = only(
      build(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: app
            resources:
              requests: {memory: 1Gi}
              limits: {memory: 2Gi}
      `),
    );
    const c = w.containers[0];
    assert.equal(oomScoreFor(w, c, 64n * GI).value, 985);
    assert.deepEqual(
      oomScoresOverNodeSizes(w, c).map((r) => [r.nodeGi, r.score.value]),
      [
        [8, 875],
        [16, 938],
        [32, 969],
        [64, 985],
        [128, 993],
      ],
    );
  });

});

// Allocatable per profile against the figures in each provider's documentation and code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aksKubeReservedBytes,
  buildProfile,
  eksKubeReservedBytes,
  gkeKubeReservedBytes,
  kubepodsTotalPages,
  type NodeSettings,
  tieredCpuReservedMilli,
} from '../../../server/src/engine/node/profile';
import { nodeProfileOf } from '../../../server/src/engine/node/settings';
import { normalizeOptions } from '../../../server/src/engine/options';

const Mi = 1n << 20n;
const Gi = 1n << 30n;

function settings(over: Partial<NodeSettings>): NodeSettings {
  return { profile: 'custom', capacityBytes: 16n * Gi, cpus: 4, maxPods: null, kubeReservedBytes: null, systemReservedBytes: null, evictionHardBytes: null, ...over };
}

describe('node profiles', () => {
  it('custom: the kubelet defaults — no reservations, eviction 100Mi, 110 pods', () => {
    const p = buildProfile(settings({}));
    assert.equal(p.kubeReservedBytes, 0n);
    assert.equal(p.systemReservedBytes, 0n);
    assert.equal(p.evictionHardBytes, 100n * Mi);
    assert.equal(p.maxPods, 110);
    assert.equal(p.allocatableBytes, 16n * Gi - 100n * Mi);
    assert.equal(p.allocatableCpuMilli, 4000n);
  });

  it('custom: every figure a setting', () => {
    const p = buildProfile(settings({ kubeReservedBytes: 1n * Gi, systemReservedBytes: 512n * Mi, evictionHardBytes: 500n * Mi, maxPods: 58 }));
    assert.equal(p.allocatableBytes, 16n * Gi - 1n * Gi - 512n * Mi - 500n * Mi);
    assert.equal(p.maxPods, 58);
  });

  it('EKS m5.large (29 pods, 2 vCPU, 8 GiB): kube-reserved 574Mi and 70m, eviction 100Mi (amazon-eks-ami)', () => {
    assert.equal(eksKubeReservedBytes(29), 574n * Mi);
    assert.equal(eksKubeReservedBytes(58), 893n * Mi); // m5.xlarge
    assert.equal(eksKubeReservedBytes(737), 8362n * Mi); // m5.24xlarge
    const p = buildProfile(settings({ profile: 'eks', capacityBytes: 8n * Gi, cpus: 2, maxPods: 29 }));
    assert.equal(p.kubeReservedBytes, 574n * Mi);
    assert.equal(p.reservedCpuMilli, 70n);
    assert.equal(p.allocatableBytes, (8192n - 574n - 100n) * Mi); // 7518Mi
    assert.equal(p.allocatableCpuMilli, 1930n);
    assert.equal(kubepodsTotalPages(p), ((8192n - 574n) * Mi) / 4096n);
  });

  it('EKS without max pods falls back to 110 (nodeadm defaultMaxPods)', () => {
    assert.equal(buildProfile(settings({ profile: 'eks' })).kubeReservedBytes, (11n * 110n + 255n) * Mi);
  });

  it('GKE 16 GiB: 25 % of 4 + 20 % of 4 + 10 % of 8 = 2662.4 MiB, floored to 2662Mi; 4 CPUs → 3920m', () => {
    assert.equal(gkeKubeReservedBytes(16n * Gi), 2662n * Mi);
    const p = buildProfile(settings({ profile: 'gke' }));
    assert.equal(p.allocatableBytes, (16384n - 2662n - 100n) * Mi); // 13622Mi
    assert.equal(p.allocatableCpuMilli, 3920n); // the page's example node: cpu 4, allocatable 3920m
    assert.equal(p.maxPods, 110);
  });

  it('GKE tiers: under 1 GiB 255Mi; 6 % up to 128 GiB, 2 % above', () => {
    assert.equal(gkeKubeReservedBytes(512n * Mi), 255n * Mi);
    assert.equal(gkeKubeReservedBytes(4n * Gi), 1024n * Mi);
    assert.equal(gkeKubeReservedBytes(8n * Gi), 1843n * Mi); // 1024 + 819.2
    // 1 + 0.8 + 0.8 + 6 % × 112 GiB (6881.28 MiB) + 2 % × 128 GiB (2621.44 MiB) = 12165.12 MiB
    assert.equal(gkeKubeReservedBytes(256n * Gi), 12165n * Mi);
  });

  it('AKS 16 GiB with 250 pods: min(20 × 250 + 50 = 5050 MiB, 25 % = 4096 MiB) → 4096Mi, allocatable 12188Mi', () => {
    const p = buildProfile(settings({ profile: 'aks' }));
    assert.equal(p.maxPods, 250);
    assert.equal(p.kubeReservedBytes, 4096n * Mi);
    assert.equal(p.allocatableBytes, 12188n * Mi);
    assert.equal(p.allocatableCpuMilli, 4000n - 140n);
  });

  it('AKS docs examples: 8 GB with 30 pods → 650 MB (allocatable 8 − 0.65 − 0.1); 4 GB with 70 pods → 25 % = 1 GB', () => {
    assert.equal(aksKubeReservedBytes(8n * Gi, 30), 650n * Mi);
    assert.equal(buildProfile(settings({ profile: 'aks', capacityBytes: 8n * Gi, maxPods: 30 })).allocatableBytes, (8192n - 650n - 100n) * Mi);
    assert.equal(aksKubeReservedBytes(4n * Gi, 70), 1024n * Mi);
    assert.equal(aksKubeReservedBytes(16n * Gi, 110), 2250n * Mi);
  });

  it('tiered CPU reservation (EKS and GKE): 6 %, 1 %, 0.5 %, 0.5 %, then 0.25 %', () => {
    assert.equal(tieredCpuReservedMilli(1), 60n);
    assert.equal(tieredCpuReservedMilli(2), 70n);
    assert.equal(tieredCpuReservedMilli(4), 80n);
    assert.equal(tieredCpuReservedMilli(8), 90n);
  });

  it('an explicit reservation wins over the profile formula', () => {
    const p = buildProfile(settings({ profile: 'eks', maxPods: 29, kubeReservedBytes: 1n * Gi }));
    assert.equal(p.kubeReservedBytes, 1n * Gi);
  });

  it('reads the settings (oomLens.node.*, nodeMemory, nodeCpus); a bad quantity counts as unset', () => {
    const o = normalizeOptions({ nodeMemory: '8Gi', nodeCpus: 2, node: { profile: 'eks', maxPods: 29, evictionHard: 'lots' } });
    const p = nodeProfileOf(o);
    assert.equal(p.name, 'eks');
    assert.equal(p.capacityBytes, 8n * Gi);
    assert.equal(p.kubeReservedBytes, 574n * Mi);
    assert.equal(p.evictionHardBytes, 100n * Mi);
    assert.deepEqual(normalizeOptions({ 'node.profile': 'nope', 'node.scenario': 'expected' }).node.profile, 'custom');
    assert.equal(normalizeOptions({ 'oomLens.node.scenario': 'expected' }).node.scenario, 'expected');
  });

  it('never goes below zero on a node smaller than its reservations', () => {
    const p = buildProfile(settings({ capacityBytes: 50n * Mi }));
    assert.equal(p.allocatableBytes, 0n);
  });
});

// `oom-lens node` (dist/cli.js) against the JSON contract in README "The node view: `oom-lens node`".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oom-lens-node-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const API = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 3
  template:
    spec:
      initContainers:
        - name: proxy
          image: example/proxy
          restartPolicy: Always
          resources: {requests: {memory: 128Mi}, limits: {memory: 128Mi}}
      containers:
        - name: app
          image: example/api
          resources: {requests: {memory: 2Gi, cpu: 500m}, limits: {memory: 6Gi}}
`;
const LOGS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logs
spec:
  template:
    spec:
      priorityClassName: system-node-critical
      containers:
        - name: fluent-bit
          image: fluent/fluent-bit
          resources: {requests: {memory: 100Mi}, limits: {memory: 200Mi}}
---
apiVersion: v1
kind: Pod
metadata:
  name: giant
spec:
  containers:
    - name: app
      image: example/giant
      resources: {requests: {memory: 20Gi}}
`;

const Mi = 1024 * 1024;

describe('oom-lens node', () => {
  it('prints the packing, per-node sums and both orders as JSON', () => {
    const dir = tmp({ 'api.yaml': API, 'logs.yaml': LOGS });
    const r = run(['node', '--profile', 'eks', '--node-memory', '8Gi', '--node-cpus', '2', '--max-pods', '29', '--format', 'json', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(json.profile, {
      name: 'eks',
      capacityBytes: 8192 * Mi,
      cpus: 2,
      maxPods: 29,
      kubeReservedBytes: 574 * Mi,
      systemReservedBytes: 0,
      evictionHardBytes: 100 * Mi,
      allocatableBytes: 7518 * Mi,
      allocatableCpuMilli: 1930,
    });
    assert.equal(json.scenario, 'limit');
    // 7518Mi − 100Mi (DaemonSet) = 7418Mi per node: three 2176Mi pods per node.
    assert.equal(json.nodesNeeded, 1);
    assert.deepEqual(json.nodes[0].pods, [
      { kind: 'DaemonSet', name: 'logs', namespace: null, replica: 0 },
      { kind: 'Deployment', name: 'api', namespace: 'shop', replica: 0 },
      { kind: 'Deployment', name: 'api', namespace: 'shop', replica: 1 },
      { kind: 'Deployment', name: 'api', namespace: 'shop', replica: 2 },
    ]);
    assert.equal(json.nodes[0].requestsBytes, (100 + 3 * 2176) * Mi);
    assert.equal(json.nodes[0].limitsBytes, (200 + 3 * 6272) * Mi);
    assert.equal(json.nodes[0].overcommit, 2.529); // 19016Mi ÷ 7518Mi
    assert.deepEqual(json.unplaced, [
      { kind: 'Pod', name: 'giant', namespace: null, reason: 'insufficient memory: requests 20 GiB, a node has 7.24 GiB of 7.34 GiB allocatable free', pods: 1 },
    ]);
    // The node-critical DaemonSet pod is never evicted; the api replicas all exceed their request by the same
    // amount: creation order.
    assert.deepEqual(
      json.evictionOrder.map((e: { name: string; replica: number; node: number }) => [e.name, e.replica, e.node]),
      [['api', 0, 0], ['api', 1, 0], ['api', 2, 0]],
    );
    assert.deepEqual(Object.keys(json.evictionOrder[0]).slice(0, 5), ['kind', 'name', 'namespace', 'replica', 'node']);
    // OOM: the app containers (6Gi at adj 750) before the sidecars, later replicas first; the node-critical pod last.
    assert.deepEqual(
      json.oomKillOrder.map((e: { name: string; replica: number; container: string }) => `${e.name}#${e.replica}/${e.container}`),
      ['api#2/app', 'api#1/app', 'api#0/app', 'api#2/proxy', 'api#1/proxy', 'api#0/proxy', 'logs#0/fluent-bit'],
    );
    const first = json.oomKillOrder[0];
    assert.deepEqual(Object.keys(first).slice(0, 7), ['kind', 'name', 'namespace', 'replica', 'container', 'node', 'oomScore']);
    assert.equal(first.oomScoreAdj, 750); // 1000 − 1000 × (2Gi + 0) / 8Gi
    assert.equal(first.oomScore, Math.trunc((first.badnessPages * 1000) / ((8192 - 574) * 256)));
  });

  it('prints a table by default and takes the scenario from the flag', () => {
    const dir = tmp({ 'api.yaml': API });
    const r = run(['node', '--scenario', 'request', 'api.yaml'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Node profile custom: 16 GiB memory, 4 CPUs, 110 pods;/);
    assert.match(r.stdout, /Needs 1 node of 16 GiB \(first-fit decreasing by requests: a sizing estimate, not the scheduler\); limits overcommit a node up to 1\.155×/);
    assert.match(r.stdout, /Eviction order under memory pressure \(scenario request: usage is a scenario, not a measurement\)/);
  });

  it('reads `node:` from .oom-lens.yaml; flags override it', () => {
    const dir = tmp({ 'api.yaml': API, '.oom-lens.yaml': 'nodeMemory: 32Gi\nnode:\n  profile: gke\n  scenario: expected\n' });
    const json = JSON.parse(run(['node', '--format', 'json', 'api.yaml'], dir).stdout);
    assert.equal(json.profile.name, 'gke');
    assert.equal(json.profile.capacityBytes, 32 * 1024 * Mi);
    assert.equal(json.scenario, 'expected');
    const flagged = JSON.parse(run(['node', '--format', 'json', '--kube-reserved', '1Gi', '--eviction-hard', '500Mi', 'api.yaml'], dir).stdout);
    assert.equal(flagged.profile.kubeReservedBytes, 1024 * Mi);
    assert.equal(flagged.profile.evictionHardBytes, 500 * Mi);
  });

  it('exits 2 on a usage error', () => {
    const r = run(['node', '--profile', 'ibm', '.']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--profile: `ibm` is not eks, gke, aks or custom/);
    assert.match(r.stderr, /Usage: oom-lens node/);
  });
});

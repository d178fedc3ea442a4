import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../../../server/src/engine/k8s/model';
import { computeQos } from '../../../server/src/engine/k8s/qos';
import { res } from './helpers';

const c = (name: string, r: ReturnType<typeof res>, role: Role = 'container') => ({ name, role, effective: r });
const guaranteed = () => res({ cpu: '500m', memory: '1Gi' }, { cpu: '500m', memory: '1Gi' });

describe('qos: ComputePodQOS', () => {
  it('is Guaranteed when every container has cpu and memory requests equal to limits', () => {
    const d = computeQos([c('app', guaranteed()), c('log', guaranteed())], null);
    assert.equal(d.qosClass, 'Guaranteed');
    assert.equal(d.podLevel, false);
  });

  it('compares numerically: 0.5 equals 500m and 1073741824 equals 1Gi', () => {
    const d = computeQos([c('app', res({ cpu: '0.5', memory: '1073741824' }, { cpu: '500m', memory: '1Gi' }))], null);
    assert.equal(d.qosClass, 'Guaranteed');
  });

  it('treats 1.0001 and 1.0002 cpu as equal after the round-up to milli', () => {
    const d = computeQos([c('app', res({ cpu: '1.0001', memory: '1Gi' }, { cpu: '1.0002', memory: '1Gi' }))], null);
    assert.equal(d.qosClass, 'Guaranteed');
  });

  it('is Burstable and names the container and resource when a memory request is below its limit', () => {
    const d = computeQos([c('app', guaranteed()), c('proxy', res({ cpu: '1', memory: '64Mi' }, { cpu: '1', memory: '128Mi' }))], null);
    assert.equal(d.qosClass, 'Burstable');
    assert.equal(d.container, 'proxy');
    assert.equal(d.resource, 'memory');
    assert.equal(d.reason, 'container `proxy` has a memory request below its limit');
  });

  it('says so when a request has no limit', () => {
    const d = computeQos([c('app', res({ memory: '1Gi' }))], null);
    assert.equal(d.qosClass, 'Burstable');
    assert.match(d.reason, /container `app` has a memory request but no memory limit/);
  });

  it('is Burstable when cpu is Guaranteed but memory is unset', () => {
    const d = computeQos([c('app', res({ cpu: '1' }, { cpu: '1' }))], null);
    assert.equal(d.qosClass, 'Burstable');
    assert.equal(d.resource, 'memory');
    assert.match(d.reason, /no memory request or limit/);
  });

  it('is Burstable when a Guaranteed container sits beside one with nothing set', () => {
    const d = computeQos([c('app', guaranteed()), c('idle', res())], null);
    assert.equal(d.qosClass, 'Burstable');
    assert.equal(d.container, 'idle');
  });

  it('counts init containers and sidecars', () => {
    assert.equal(computeQos([c('init', res(), 'init'), c('app', guaranteed())], null).qosClass, 'Burstable');
    const side = computeQos([c('mesh', res({ memory: '64Mi' }), 'sidecar'), c('app', guaranteed())], null);
    assert.equal(side.qosClass, 'Burstable');
    assert.match(side.reason, /sidecar container `mesh`/);
  });

  it('ignores every resource but cpu and memory', () => {
    const gpu = res({ 'nvidia.com/gpu': '1', 'ephemeral-storage': '1Gi' }, { 'nvidia.com/gpu': '1', 'ephemeral-storage': '2Gi', 'hugepages-2Mi': '1Gi' });
    assert.equal(computeQos([c('app', gpu)], null).qosClass, 'BestEffort');
    const g = guaranteed();
    g.requests.set('ephemeral-storage', res({ x: '1Gi' }).requests.get('x')!);
    assert.equal(computeQos([c('app', g)], null).qosClass, 'Guaranteed');
  });

  it('treats explicit zeros as unset', () => {
    assert.equal(computeQos([c('app', res({ cpu: '0', memory: '0' }, { cpu: '0', memory: '0' }))], null).qosClass, 'BestEffort');
  });

  it('is BestEffort when nothing is set, and says so', () => {
    const d = computeQos([c('a', res()), c('b', res())], null);
    assert.equal(d.qosClass, 'BestEffort');
    assert.equal(d.reason, 'no container sets a cpu or memory request or limit');
  });

  it('uses only pod-level resources when the pod sets them', () => {
    const d = computeQos([c('app', res({ memory: '1Gi' }))], res({ cpu: '1', memory: '2Gi' }, { cpu: '1', memory: '2Gi' }));
    assert.equal(d.qosClass, 'Guaranteed');
    assert.equal(d.podLevel, true);
    const e = computeQos([c('app', guaranteed())], res());
    assert.equal(e.qosClass, 'BestEffort');
    assert.equal(e.podLevel, true);
  });
});

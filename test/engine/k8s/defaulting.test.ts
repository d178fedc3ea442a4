import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregateContainers, applyDefaults, applyLimitRange, copyLimitsToRequests, defaultLimitRangeItem, defaultPodResources, limitRangeApplies } from '../../../server/src/engine/k8s/defaulting';
import type { LimitRangeModel, Role } from '../../../server/src/engine/k8s/model';
import { q, res } from './helpers';

const lr = (items: Parameters<typeof defaultLimitRangeItem>[0][], name = 'limits', namespace: string | null = null): LimitRangeModel => ({
  name,
  namespace,
  object: {} as never,
  items: items.map(defaultLimitRangeItem),
});
const m = (o: Record<string, string>) => new Map(Object.entries(o).map(([k, v]) => [k, q(v)]));
const ctr = (role: Role, r: ReturnType<typeof res>) => ({ role, effective: r });

describe('defaulting: SetDefaults_Pod', () => {
  it('copies every limit missing from requests into requests, marked as copied from the limit', () => {
    const r = res({ cpu: '100m' }, { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '1' });
    copyLimitsToRequests(r);
    assert.equal(r.requests.get('cpu')!.quantity.milliValue, 100n);
    assert.equal(r.requests.get('cpu')!.source.kind, 'declared');
    assert.equal(r.requests.get('memory')!.quantity.value, 1n << 30n);
    assert.equal(r.requests.get('memory')!.source.kind, 'limit');
    assert.ok(r.requests.has('nvidia.com/gpu'));
  });
});

describe('defaulting: AggregateContainerRequests', () => {
  it('takes the larger of the running containers plus sidecars and each init container plus earlier sidecars', () => {
    const cs = [
      ctr('sidecar', res({ memory: '100Mi' })),
      ctr('init', res({ memory: '1Gi' })),
      ctr('container', res({ memory: '200Mi' })),
    ];
    // Running: 200Mi + 100Mi = 300Mi; init phase: 1Gi + 100Mi.
    assert.equal(aggregateContainers(cs, 'memory', 'requests')!.value, (1024n + 100n) << 20n);
    assert.equal(aggregateContainers([ctr('container', res({ memory: '200Mi' })), ctr('container', res({ memory: '300Mi' }))], 'memory', 'requests')!.value, 500n << 20n);
  });

  it('is null when no container sets the resource', () => {
    assert.equal(aggregateContainers([ctr('container', res({ cpu: '1' }))], 'memory', 'requests'), null);
  });
});

describe('defaulting: pod-level resources', () => {
  it('defaults missing pod requests to the aggregate container requests when pod limits are set', () => {
    const containers = [ctr('container', res({}, { cpu: '500m', memory: '256Mi' }))];
    copyLimitsToRequests(containers[0].effective);
    const pod = res({}, { cpu: '1', memory: '1Gi' });
    defaultPodResources(pod, containers);
    assert.equal(pod.requests.get('cpu')!.quantity.milliValue, 500n);
    assert.equal(pod.requests.get('memory')!.quantity.value, 256n << 20n);
    assert.equal(pod.requests.get('memory')!.source.kind, 'pod-aggregate');
  });

  it('defaults a pod request to the pod limit when no container requests that resource', () => {
    const pod = res({}, { memory: '1Gi' });
    defaultPodResources(pod, [ctr('container', res())]);
    assert.equal(pod.requests.get('memory')!.quantity.value, 1n << 30n);
    assert.equal(pod.requests.get('memory')!.source.kind, 'limit');
  });

  it('defaults pod limits to the aggregate container limits when only pod requests are set and every container has the limit', () => {
    const pod = res({ memory: '1Gi' });
    defaultPodResources(pod, [ctr('container', res({}, { memory: '512Mi' })), ctr('container', res({}, { memory: '512Mi' }))]);
    assert.equal(pod.limits.get('memory')!.quantity.value, 1n << 30n);
    const pod2 = res({ memory: '1Gi' });
    defaultPodResources(pod2, [ctr('container', res({}, { memory: '512Mi' })), ctr('container', res())]);
    assert.equal(pod2.limits.has('memory'), false);
  });
});

describe('defaulting: LimitRange', () => {
  it('defaults default from max and defaultRequest from default, then from min', () => {
    const item = defaultLimitRangeItem({ max: m({ memory: '2Gi', cpu: '2' }), min: m({ cpu: '100m', memory: '1Mi' }), default: m({ cpu: '1' }) });
    assert.equal(item.default.get('memory')!.value, 2n << 30n);
    assert.equal(item.defaultFrom.get('memory'), 'max');
    assert.equal(item.defaultRequest.get('cpu')!.milliValue, 1000n);
    assert.equal(item.defaultRequestFrom.get('cpu'), 'default');
    assert.equal(item.defaultRequestFrom.get('memory'), 'max');
    const minOnly = defaultLimitRangeItem({ min: m({ memory: '64Mi' }) });
    assert.equal(minOnly.defaultRequest.get('memory')!.value, 64n << 20n);
    assert.equal(minOnly.defaultRequestFrom.get('memory'), 'min');
    assert.equal(minOnly.default.has('memory'), false);
  });

  it('fills only missing keys and names the LimitRange', () => {
    const r = res({ memory: '2Gi' });
    applyLimitRange(lr([{ default: m({ memory: '1Gi', cpu: '1' }), defaultRequest: m({ cpu: '100m' }) }], 'mem'), r);
    assert.equal(r.requests.get('memory')!.quantity.value, 2n << 30n);
    assert.equal(r.limits.get('memory')!.quantity.value, 1n << 30n);
    assert.deepEqual(r.limits.get('memory')!.source, { kind: 'limitrange', name: 'mem', key: 'default' });
    assert.equal(r.requests.get('cpu')!.quantity.milliValue, 100n);
  });

  it('keeps a limit-only container at request = its own limit, never the defaultRequest', () => {
    const containers = [ctr('container', res({}, { memory: '1Gi' }))];
    applyDefaults(containers, null, [lr([{ default: m({ memory: '2Gi' }), defaultRequest: m({ memory: '256Mi' }) }])]);
    assert.equal(containers[0].effective.requests.get('memory')!.quantity.value, 1n << 30n);
    assert.equal(containers[0].effective.requests.get('memory')!.source.kind, 'limit');
  });

  it('applies several LimitRanges in turn, each only filling gaps', () => {
    const containers = [ctr('container', res())];
    applyDefaults(containers, null, [
      lr([{ default: m({ memory: '1Gi' }) }], 'first'),
      lr([{ default: m({ memory: '4Gi', cpu: '1' }) }], 'second'),
    ]);
    const e = containers[0].effective;
    assert.equal(e.limits.get('memory')!.quantity.value, 1n << 30n);
    assert.deepEqual(e.limits.get('cpu')!.source, { kind: 'limitrange', name: 'second', key: 'default' });
  });

  it('matches namespaces with a missing namespace meaning default', () => {
    assert.equal(limitRangeApplies(lr([], 'x', null), 'default'), true);
    assert.equal(limitRangeApplies(lr([], 'x', 'default'), null), true);
    assert.equal(limitRangeApplies(lr([], 'x', 'prod'), null), false);
  });
});

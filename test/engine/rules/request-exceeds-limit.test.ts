import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestExceedsLimit } from '../../../server/src/engine/rules/request-exceeds-limit';
import { assertFixResult, findFix } from '../../helpers/fixes';
import { check } from '../../helpers/rule-context';
import { crlf, dedent, textAt } from '../../helpers/text';

const BOTH = dedent`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api
  spec:
    template:
      spec:
        containers:
          - name: app
            image: example/api:1
            resources:
              requests:
                memory: 2Gi # measured peak
                cpu: "2"
              limits:
                memory: 1Gi
                cpu: 500m
`;

const LIMIT_RANGE = dedent`
  apiVersion: v1
  kind: LimitRange
  metadata:
    name: mem-defaults
  spec:
    limits:
      - type: Container
        default:
          memory: 1Gi
  ---
  apiVersion: v1
  kind: Pod
  metadata:
    name: api
  spec:
    containers:
      - name: app
        image: example/api:1
        resources:
          requests:
            memory: 2Gi
`;

describe('request-exceeds-limit', () => {
  it('reports memory and cpu on the limit, which the preferred fix raises to the request', () => {
    const fs = check(requestExceedsLimit, BOTH);
    assert.deepEqual(
      fs.map((f) => [textAt(BOTH, f.range), f.message]),
      [
        ['1Gi', 'Memory limit `1Gi` is below the request `2Gi`: the API server rejects the pod'],
        ['500m', 'CPU limit `500m` is below the request `2`: the API server rejects the pod'],
      ],
    );
    const [mem, cpu] = fs;
    assert.deepEqual(
      mem.fixes?.map((f) => [f.title, !!f.isPreferred, !!f.safe]),
      [
        ['Raise the memory limit to `2Gi`', true, false],
        ['Lower the memory request to `1Gi`', false, false],
        ['Make Deployment `api` Guaranteed (every request equal to its limit)', false, false],
      ],
    );
    assertFixResult(requestExceedsLimit, BOTH, mem, findFix(mem, /^Raise/), BOTH.replace('memory: 1Gi', 'memory: 2Gi'));
    assertFixResult(
      requestExceedsLimit,
      BOTH,
      mem,
      findFix(mem, /^Lower/),
      BOTH.replace('memory: 2Gi # measured', 'memory: 1Gi # measured'),
    );
    assertFixResult(requestExceedsLimit, BOTH, cpu, findFix(cpu, /^Raise/), BOTH.replace('cpu: 500m', 'cpu: 2'));
    assertFixResult(requestExceedsLimit, BOTH, cpu, findFix(cpu, /^Lower/), BOTH.replace('cpu: "2"', 'cpu: "500m"'));
  });

  it('offers Make Guaranteed, which lowers every request to its limit and resolves both findings', () => {
    const [mem, cpu] = check(requestExceedsLimit, BOTH);
    const fix = findFix(mem, /^Make Deployment/);
    const expected = BOTH.replace('memory: 2Gi # measured', 'memory: 1Gi # measured').replace('cpu: "2"', 'cpu: "500m"');
    assertFixResult(requestExceedsLimit, BOTH, mem, fix, expected, {}, [`request-exceeds-limit: ${cpu.message}`]);
  });

  it('catches the LimitRange trap on the request and names the LimitRange', () => {
    const [f, ...rest] = check(requestExceedsLimit, LIMIT_RANGE);
    assert.equal(rest.length, 0);
    assert.equal(textAt(LIMIT_RANGE, f.range), '2Gi');
    assert.equal(f.range.start.line, 20);
    assert.equal(
      f.message,
      'Memory request `2Gi` is above the limit `1Gi` that LimitRange `mem-defaults` sets by default: the API server rejects the pod',
    );
    assert.deepEqual(
      f.fixes?.map((x) => [x.title, !!x.isPreferred]),
      [
        ['Lower the memory request to `1Gi`', true],
        ['Set the memory limit to `2Gi` in the container', false],
        ['Make Pod `api` Guaranteed (every request equal to its limit)', false],
      ],
    );
    assertFixResult(requestExceedsLimit, LIMIT_RANGE, f, f.fixes![0], LIMIT_RANGE.replace('memory: 2Gi', 'memory: 1Gi'));
    assertFixResult(
      requestExceedsLimit,
      LIMIT_RANGE,
      f,
      f.fixes![1],
      LIMIT_RANGE.replace('memory: 2Gi\n', 'memory: 2Gi\n        limits:\n          memory: 2Gi\n'),
    );
  });

  it('does not apply a LimitRange from another namespace', () => {
    const text = LIMIT_RANGE.replace('name: mem-defaults\n', 'name: mem-defaults\n  namespace: other\n');
    assert.deepEqual(check(requestExceedsLimit, text), []);
  });

  it('compares numerically: `1Gi` request and `1073741824` limit are equal, `0.5` equals `500m`', () => {
    const text = BOTH.replace('memory: 2Gi', 'memory: 1073741824').replace('cpu: "2"', 'cpu: 0.5');
    assert.deepEqual(check(requestExceedsLimit, text), []);
  });

  it('checks init containers, sidecars and pod-level resources', () => {
    const text = dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        resources:
          requests: {memory: 4Gi}
          limits: {memory: 3Gi}
        initContainers:
          - name: init
            resources: {requests: {ephemeral-storage: 2Gi}, limits: {ephemeral-storage: 1Gi}}
        containers:
          - name: app
            resources: {requests: {memory: 1Gi}, limits: {memory: 1Gi}}
    `;
    assert.deepEqual(
      check(requestExceedsLimit, text).map((f) => [textAt(text, f.range), f.message]),
      [
        ['1Gi', '`ephemeral-storage` limit `1Gi` is below the request `2Gi`: the API server rejects the pod'],
        ['3Gi', 'Pod-level memory limit `3Gi` is below the request `4Gi`: the API server rejects the pod'],
      ],
    );
  });

  it('works on CRLF text, with flow maps, and on an empty file', () => {
    const text = crlf('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, resources: {requests: {memory: 2Gi}, limits: {memory: 1Gi}}}]\n');
    const [f] = check(requestExceedsLimit, text);
    assertFixResult(requestExceedsLimit, text, f, f.fixes![0], text.replace('limits: {memory: 1Gi}', 'limits: {memory: 2Gi}'));
    assert.deepEqual(check(requestExceedsLimit, ''), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryLimitOvercommit } from '../../../server/src/engine/rules/memory-limit-overcommit';
import { check } from '../../helpers/rule-context';
import { dedent, textAt } from '../../helpers/text';

function reports(replicas: number, request: string, limit: string): string {
  return dedent`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: reports
    spec:
      replicas: ${replicas}
      template:
        spec:
          containers:
            - name: app
              image: example/reports:2.1
              resources:
                requests:
                  memory: ${request}
                limits:
                  memory: ${limit} # 8× the request
  `;
}

describe('memory-limit-overcommit', () => {
  it('reports a Burstable pod whose limit far above its request overcommits the node, on the limit, with the numbers', () => {
    const text = reports(30, '512Mi', '4Gi');
    const fs = check(memoryLimitOvercommit, text);
    assert.equal(fs.length, 1);
    assert.equal(textAt(text, fs[0].range), '4Gi');
    assert.equal(
      fs[0].message,
      "Pod memory limit 4 GiB is 8× its request 512 MiB: 30 pods fit a 16 GiB node (custom) by request (15 GiB), but their limits add up to 120 GiB, 7.546× the node's allocatable 15.9 GiB",
    );
  });

  it('is silent once the request is raised toward the limit, or the limit lowered', () => {
    assert.equal(check(memoryLimitOvercommit, reports(30, '3Gi', '4Gi')).length, 0);
    // 1.5× is not far above, even though 30 such limits exceed the node.
    assert.equal(check(memoryLimitOvercommit, reports(30, '512Mi', '768Mi')).length, 0);
  });

  it('is silent when the replicas that fit one node stay within allocatable', () => {
    assert.equal(check(memoryLimitOvercommit, reports(3, '512Mi', '4Gi')).length, 0);
  });

  it('follows the node profile: an AKS node (25 % reserved) is overcommitted sooner', () => {
    assert.equal(check(memoryLimitOvercommit, reports(3, '1Gi', '4Gi'), { options: { nodeMemory: '16Gi' } }).length, 0);
    const fs = check(memoryLimitOvercommit, reports(3, '1Gi', '4Gi'), { options: { node: { profile: 'aks' } } });
    assert.equal(fs.length, 1);
    assert.match(fs[0].message, /3 pods fit a 16 GiB node \(aks\) by request \(3 GiB\), but their limits add up to 12 GiB, 1\.008× the node's allocatable 11\.9 GiB$/);
  });

  it('reports one pod whose limit alone is above allocatable', () => {
    const fs = check(memoryLimitOvercommit, reports(1, '1Gi', '20Gi'));
    assert.equal(fs.length, 1);
    assert.match(fs[0].message, /One pod fits a 16 GiB node \(custom\) by request \(1 GiB\), but its limit is 20 GiB/);
  });

  it('leaves Guaranteed pods alone', () => {
    assert.equal(check(memoryLimitOvercommit, reports(30, '4Gi', '4Gi')).length, 0);
  });
});

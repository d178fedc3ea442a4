import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeGuaranteedFix } from '../../../server/src/engine/k8s/make-guaranteed';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { allFindings } from '../../helpers/fixes';
import { ruleContext } from '../../helpers/rule-context';
import { applyEdits, dedent } from '../../helpers/text';

function guarantee(text: string, options: unknown = {}): string | null {
  const ctx = ruleContext(text, { options });
  const fix = makeGuaranteedFix(ctx.manifest!.workloads[ctx.manifest!.workloads.length - 1], ctx);
  if (!fix) return null;
  const after = applyEdits(text, fix.edits);
  assert.deepEqual(parseYaml(after, { helm: false }).docs.flatMap((d) => d.errors), []);
  const model = ruleContext(after).manifest!;
  assert.equal(model.workloads[model.workloads.length - 1].qos.qosClass, 'Guaranteed', `Guaranteed after:\n${after}`);
  return after;
}

const BURSTABLE = dedent`
  apiVersion: v1
  kind: Pod
  metadata:
    name: api
  spec:
    containers:
      - name: app
        resources:
          requests:
            memory: "1Gi"
            cpu: 500m
          limits:
            memory: "2Gi"
      - name: log
        resources:
          limits: {memory: 64Mi, cpu: 100m}
`;

describe('makeGuaranteedFix', () => {
  it('sets requests to the limits and adds a cpu limit equal to the cpu request where none is set', () => {
    assert.equal(
      guarantee(BURSTABLE),
      BURSTABLE.replace('memory: "2Gi"\n', 'memory: "2Gi"\n          cpu: 500m\n').replace('memory: "1Gi"', 'memory: "2Gi"'),
    );
  });

  it('writes a LimitRange default limit into the container so the request follows it', () => {
    const text = dedent`
      apiVersion: v1
      kind: LimitRange
      metadata: {name: lr}
      spec:
        limits:
          - type: Container
            default: {memory: 1Gi, cpu: "1"}
            defaultRequest: {memory: 256Mi, cpu: 100m}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: nginx
    `;
    assert.equal(
      guarantee(text),
      text + '      resources:\n        limits:\n          memory: 1Gi\n          cpu: 1\n',
    );
  });

  it('uses `fix.memory` and `fix.cpu` for a container with nothing set, and covers init containers', () => {
    const text = dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        initContainers:
          - name: init
        containers:
          - name: app
            resources: {requests: {memory: 128Mi}}
    `;
    assert.equal(
      guarantee(text, { fix: { memory: '300Mi', cpu: '200m' } }),
      text
        .replace('- name: init\n', '- name: init\n      resources:\n        limits:\n          memory: 300Mi\n          cpu: 200m\n')
        .replace('{requests: {memory: 128Mi}}', '{requests: {memory: 128Mi}, limits: {memory: 128Mi, cpu: 200m}}'),
    );
  });

  it('returns null for a Guaranteed pod, pod-level resources, or an invalid value', () => {
    assert.equal(guarantee(guarantee(BURSTABLE)!), null);
    const podLevel = BURSTABLE.replace('spec:\n  containers:', 'spec:\n  resources: {limits: {memory: 4Gi}}\n  containers:');
    assert.equal(guarantee(podLevel), null);
    assert.equal(guarantee(BURSTABLE.replace('cpu: 500m', 'cpu: 500 m')), null);
  });

  it('leaves no resource finding behind on a Burstable pod', () => {
    const after = guarantee(BURSTABLE)!;
    assert.deepEqual(allFindings(after), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryLimitMissing } from '../../../server/src/engine/rules/memory-limit-missing';
import { assertFixResult, findFix } from '../../helpers/fixes';
import { check, ruleContext } from '../../helpers/rule-context';
import { crlf, dedent, textAt } from '../../helpers/text';

const TWO = dedent`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: shop
  spec:
    template:
      spec:
        containers:
          - name: app
            image: example/shop:3
            resources:
              requests:
                memory: 256Mi
                cpu: 100m
          - name: proxy
            image: envoyproxy/envoy:v1.30
`;

describe('memory-limit-missing', () => {
  it('stays silent on a Helm template whose resources are a template action, and reports the rendered gap', () => {
    // What `{{ toYaml .Values.resources | indent 12 }}` on a line of its own leaves: the limits may be in the values.
    const templated = dedent`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: {{ .Release.Name }}
      spec:
        template:
          spec:
            containers:
              - name: app
                image: example/app:1
                resources:
      {{ toYaml .Values.resources | indent 12 }}
    `;
    assert.deepEqual(check(memoryLimitMissing, templated, { helm: true }), []);
    // The same chart with the action rendered to requests only: now the gap is real and reported.
    const rendered = templated.replace('{{ toYaml .Values.resources | indent 12 }}', '            requests:\n              memory: 256Mi');
    assert.deepEqual(
      check(memoryLimitMissing, rendered, { helm: true }).map((f) => f.message),
      ['Container `app` has no memory limit'],
    );
  });

  it('reports each container without a memory limit, on `resources:` or else on the name', () => {
    const fs = check(memoryLimitMissing, TWO);
    assert.deepEqual(
      fs.map((f) => [textAt(TWO, f.range), f.message]),
      [
        ['resources', 'Container `app` has no memory limit'],
        ['proxy', 'Container `proxy` has no memory limit'],
      ],
    );
    assert.equal(fs[0].facts?.oomScoreAdj, 985);
  });

  it('sets the limit to the memory request (preferred), else to `fix.memory`', () => {
    const [app, proxy] = check(memoryLimitMissing, TWO);
    const a = findFix(app, 'Set the memory limit to the request `256Mi`');
    assert.equal(a.isPreferred, true);
    assert.equal(a.safe, undefined);
    assertFixResult(
      memoryLimitMissing,
      TWO,
      app,
      a,
      TWO.replace('cpu: 100m\n', 'cpu: 100m\n            limits:\n              memory: 256Mi\n'),
    );
    const p = findFix(proxy, 'Add a memory limit of `512Mi`');
    assertFixResult(
      memoryLimitMissing,
      TWO,
      proxy,
      p,
      TWO + '          resources:\n            limits:\n              memory: 512Mi\n',
    );
    const [, custom] = check(memoryLimitMissing, TWO, { options: { fix: { memory: '1Gi' } } });
    assert.equal(custom.fixes?.[0].title, 'Add a memory limit of `1Gi`');
  });

  it('offers Make Guaranteed on a Burstable pod', () => {
    const [app, proxy] = check(memoryLimitMissing, TWO);
    const fix = findFix(app, 'Make Deployment `shop` Guaranteed (every request equal to its limit)');
    const expected = TWO.replace(
      'cpu: 100m\n',
      'cpu: 100m\n            limits:\n              memory: 256Mi\n              cpu: 100m\n',
    ) + '          resources:\n            limits:\n              memory: 512Mi\n              cpu: 250m\n';
    assertFixResult(memoryLimitMissing, TWO, app, fix, expected, {}, [`memory-limit-missing: ${proxy.message}`]);
  });

  it('stays quiet for BestEffort pods, JVM containers, pod-level limits and LimitRange defaults', () => {
    const bestEffort = TWO.replace(/ {10}resources:\n.*\n.*\n.*\n/, '');
    assert.deepEqual(check(memoryLimitMissing, bestEffort), []);
    const ctx = ruleContext(TWO);
    const app = ctx.manifest!.workloads[0].containers[0];
    ctx.containersWithJvm = new Set([app]);
    assert.deepEqual(
      memoryLimitMissing.check(ctx).map((f) => f.message),
      ['Container `proxy` has no memory limit'],
    );
    const podLevel = TWO.replace('    spec:\n      containers:', '    spec:\n      resources: {limits: {memory: 2Gi}}\n      containers:');
    assert.deepEqual(check(memoryLimitMissing, podLevel), []);
    const limitRange = dedent`
      apiVersion: v1
      kind: LimitRange
      metadata: {name: lr}
      spec:
        limits: [{type: Container, default: {memory: 1Gi}}]
      ---
    ` + TWO;
    assert.deepEqual(check(memoryLimitMissing, limitRange), []);
  });

  it('leaves an invalid memory limit to invalid-quantity and reports a zero limit', () => {
    const invalid = TWO.replace('cpu: 100m\n', 'cpu: 100m\n            limits:\n              memory: 1GB\n');
    assert.deepEqual(check(memoryLimitMissing, invalid).map((f) => textAt(invalid, f.range)), ['proxy']);
    const zero = TWO + '          resources: {limits: {memory: 0}}\n';
    const [, f] = check(memoryLimitMissing, zero);
    assert.equal(textAt(zero, f.range), 'resources');
    assertFixResult(memoryLimitMissing, zero, f, f.fixes![0], zero.replace('memory: 0}', 'memory: 512Mi}'));
    // Below a request, a zero limit is request-exceeds-limit's finding.
    const belowRequest = TWO.replace('cpu: 100m\n', 'cpu: 100m\n            limits:\n              memory: 0\n');
    assert.deepEqual(check(memoryLimitMissing, belowRequest).map((x) => textAt(belowRequest, x.range)), ['proxy']);
  });

  it('reports init containers and sidecars, and names an unnamed container by position', () => {
    const text = dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        initContainers:
          - name: migrate
            resources: {requests: {cpu: 100m}}
          - name: mesh
            restartPolicy: Always
        containers:
          - image: nginx
            resources: {limits: {memory: 64Mi}}
    `;
    assert.deepEqual(
      check(memoryLimitMissing, text).map((f) => [textAt(text, f.range), f.message]),
      [
        ['resources', 'Init container `migrate` has no memory limit'],
        ['mesh', 'Sidecar container `mesh` has no memory limit'],
      ],
    );
    const [migrate] = check(memoryLimitMissing, text);
    assertFixResult(
      memoryLimitMissing,
      text,
      migrate,
      migrate.fixes![0],
      text.replace('{requests: {cpu: 100m}}', '{requests: {cpu: 100m}, limits: {memory: 512Mi}}'),
    );
  });

  it('works on CRLF text, on `kind: List` and on an empty file', () => {
    const list = crlf(dedent`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: Pod
          metadata: {name: p}
          spec:
            containers:
              - name: a
                resources:
                  requests:
                    memory: 1Gi
    `);
    const [f] = check(memoryLimitMissing, list);
    assert.equal(f.message, 'Container `a` has no memory limit');
    assertFixResult(
      memoryLimitMissing,
      list,
      f,
      f.fixes![0],
      list + crlf('            limits:\n              memory: 1Gi\n'),
    );
    assert.deepEqual(check(memoryLimitMissing, ''), []);
  });
});

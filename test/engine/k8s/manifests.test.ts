import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildManifestModel, findConfigMap } from '../../../server/src/engine/k8s/manifests';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { dedent, GI } from './helpers';
import { build, only } from './model-helpers';

/** A Deployment whose single container has the given `resources:` body (already indented by 12). */
function deployment(resources: string, extra = ''): string {
  return `
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: api
    spec:
      template:
        spec:${extra}
          containers:
          - name: app
            image: app:1
            resources:
${resources}
  `;
}

describe('manifests: workloads and containers', () => {
  it('finds the pod spec of every workload kind', () => {
    const kinds: Array<[string, string, string]> = [
      ['v1', 'Pod', 'spec:\n  containers: [{name: c}]'],
      ['apps/v1', 'Deployment', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
      ['apps/v1', 'StatefulSet', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
      ['apps/v1', 'DaemonSet', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
      ['apps/v1', 'ReplicaSet', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
      ['v1', 'ReplicationController', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
      ['batch/v1', 'Job', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
      ['batch/v1', 'CronJob', 'spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c}]'],
      ['v1', 'PodTemplate', 'template:\n  spec:\n    containers: [{name: c}]'],
      ['argoproj.io/v1alpha1', 'Rollout', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
      ['apps.openshift.io/v1', 'DeploymentConfig', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
      ['serving.knative.dev/v1', 'Service', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
    ];
    const text = kinds.map(([api, kind, body]) => `apiVersion: ${api}\nkind: ${kind}\nmetadata:\n  name: ${kind.toLowerCase()}\n${body}\n`).join('---\n');
    const model = buildManifestModel(parseYaml(text), { nodeMemoryBytes: 16n * GI });
    assert.deepEqual(model.workloads.map((w) => w.kind), kinds.map(([, kind]) => kind));
    for (const w of model.workloads) assert.equal(w.containers[0]?.name, 'c', w.kind);
  });

  it('ignores a core Service, non-Kubernetes documents and Helm values', () => {
    const model = build(`
      apiVersion: v1
      kind: Service
      metadata: {name: s}
      spec:
        template: {spec: {containers: [{name: c}]}}
      ---
      services:
        web: {image: nginx}
      ---
      replicaCount: 2
      resources: {limits: {memory: 1Gi}}
    `);
    assert.equal(model.workloads.length, 0);
  });

  it('reads the items of a kind: List', () => {
    const model = build(`
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Pod
        metadata: {name: a, namespace: prod}
        spec: {containers: [{name: x}]}
      - apiVersion: apps/v1
        kind: Deployment
        metadata: {name: b}
        spec: {template: {spec: {containers: [{name: y}]}}}
    `);
    assert.deepEqual(model.workloads.map((w) => [w.kind, w.name, w.namespace]), [
      ['Pod', 'a', 'prod'],
      ['Deployment', 'b', null],
    ]);
  });

  it('lists init containers in order, then containers, with sidecar roles, and ignores ephemeral containers', () => {
    const w = only(
      build(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
          - name: migrate
          - name: mesh
            restartPolicy: Always
          containers:
          - name: app
          - name: log
          ephemeralContainers:
          - name: debug
      `),
    );
    assert.deepEqual(w.containers.map((c) => [c.name, c.role, c.index]), [
      ['migrate', 'init', 0],
      ['mesh', 'sidecar', 1],
      ['app', 'container', 0],
      ['log', 'container', 1],
    ]);
  });

  it('tolerates half-typed documents without throwing', () => {
    const texts = [
      'apiVersion: v1\nkind: Pod\nspec:\n',
      'apiVersion: v1\nkind: Pod\nspec: [1, 2]\n',
      'apiVersion: v1\nkind: Pod\nspec:\n  containers: 3\n',
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - null\n  - 5\n  - name: ok\n    resources: 7\n',
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    resources:\n      limits: [1]\n      requests:\n        memory: {a: 1}\n        cpu: [1]\n',
      'apiVersion: v1\nkind: List\nitems: 4\n',
      'apiVersion: v1\nkind: List\nitems:\n- 1\n- {kind: Pod}\n',
      'apiVersion: v1\nkind: LimitRange\nspec:\n  limits:\n  - type: Container\n    default: 5\n  - 3\n',
      'apiVersion: v1\nkind: ConfigMap\ndata: [1]\n',
      '',
      '---\n---\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: 1, resources: {limits: {memory: true, cpu: 1e3}}}\n',
    ];
    for (const text of texts) {
      assert.doesNotThrow(() => buildManifestModel(parseYaml(text), { nodeMemoryBytes: 16n * GI }), text);
    }
    const w = buildManifestModel(parseYaml(texts[11]), { nodeMemoryBytes: 16n * GI }).workloads[0];
    assert.equal(w.containers[0].name, '1');
    assert.equal(w.containers[0].declared.fields.find((f) => f.resource === 'memory')!.error !== undefined, true);
  });

  it('keeps the namespace, priority class and source nodes', () => {
    const w = only(
      build(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: prod}
        spec:
          priorityClassName: system-node-critical
          containers:
          - name: app
            image: "app:2"
            command: [java]
            args: ["-jar", "app.jar"]
            env: [{name: A, value: b}]
      `),
    );
    const c = w.containers[0];
    assert.equal(w.namespace, 'prod');
    assert.equal(w.priorityClassName, 'system-node-critical');
    assert.equal(w.nodeCritical, true);
    assert.equal(c.image, 'app:2');
    assert.equal(c.command?.items.length, 1);
    assert.equal(c.args?.items.length, 2);
    assert.equal(c.env?.items.length, 1);
    assert.equal(c.nameNode?.source, 'app');
  });
});

describe('manifests: defaulting, QoS and scores end to end', () => {
  it('gives a Burstable 1Gi request 938 on a 16Gi node and fills the byte fields', () => {
    const w = only(build(deployment('              requests: {memory: 1Gi, cpu: 250m}\n              limits: {memory: 2Gi}')));
    const c = w.containers[0];
    assert.equal(w.qos.qosClass, 'Burstable');
    assert.equal(c.memoryRequestBytes, 1073741824n);
    assert.equal(c.memoryLimitBytes, 2147483648n);
    assert.equal(c.cpuLimitMilli, null);
    assert.equal(c.oom.value, 938);
  });

  it('makes a limit-only container Guaranteed (request = limit after defaulting), with the source recorded', () => {
    const w = only(build(deployment('              limits: {memory: 1Gi, cpu: "1"}')));
    const c = w.containers[0];
    assert.equal(w.qos.qosClass, 'Guaranteed');
    assert.equal(c.oom.value, -997);
    assert.equal(c.memoryRequestBytes, 1073741824n);
    assert.equal(c.effective.requests.get('memory')!.source.kind, 'limit');
    assert.equal(c.cpuLimitMilli, 1000n);
  });

  it('scores a memory limit with a cpu request on the defaulted request, not 999', () => {
    // Upstream's undefaulted unit test gets 999 for this shape; in a cluster the memory request is the limit.
    const w = only(build(deployment('              requests: {cpu: 100m}\n              limits: {memory: 16Gi}')));
    assert.equal(w.qos.qosClass, 'Burstable');
    assert.equal(w.containers[0].oom.value, 3);
  });

  it('is BestEffort with 1000 when nothing is set', () => {
    const w = only(build('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n'));
    assert.equal(w.qos.qosClass, 'BestEffort');
    assert.equal(w.containers[0].oom.value, 1000);
  });

  it('gives a node-critical BestEffort pod -997 but a cluster-critical one 1000', () => {
    const text = (cls: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priorityClassName: ${cls}\n  containers:\n  - name: app\n`;
    const node = only(build(text('system-node-critical')));
    assert.equal(node.qos.qosClass, 'BestEffort');
    assert.equal(node.containers[0].oom.value, -997);
    assert.equal(node.containers[0].oom.branch, 'node-critical');
    assert.equal(only(build(text('system-cluster-critical'))).containers[0].oom.value, 1000);
  });

  it('does not treat a bare priority as node-critical', () => {
    const w = only(build('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priority: 2000001000\n  containers:\n  - name: app\n'));
    assert.equal(w.nodeCritical, false);
    assert.equal(w.containers[0].oom.value, 1000);
  });

  it('ignores GPUs, hugepages and ephemeral storage for QoS', () => {
    const w = only(build(deployment('              requests: {ephemeral-storage: 1Gi}\n              limits: {nvidia.com/gpu: 1, hugepages-2Mi: 1Gi, ephemeral-storage: 2Gi}')));
    assert.equal(w.qos.qosClass, 'BestEffort');
  });

  it('lets an init container without resources make a Guaranteed pod Burstable', () => {
    const w = only(
      build(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
          - name: setup
          containers:
          - name: app
            resources: {limits: {cpu: 1, memory: 1Gi}}
      `),
    );
    assert.equal(w.qos.qosClass, 'Burstable');
    assert.equal(w.qos.container, 'setup');
    assert.equal(w.containers[0].oom.value, 999);
    assert.equal(w.containers[1].oom.value, 938);
  });

  it('compares quantities numerically: 500m == 0.5 and 1Gi == 1073741824', () => {
    const w = only(build(deployment('              requests: {cpu: 0.5, memory: 1073741824}\n              limits: {cpu: 500m, memory: 1Gi}')));
    assert.equal(w.qos.qosClass, 'Guaranteed');
  });

  it('types unquoted scalars as YAML 1.1 first: 010 is 8 bytes, 0x10 is 16, 1_000 is 1000', () => {
    const w = only(build(deployment('              requests: {cpu: "1", memory: 010}\n              limits: {cpu: "1", memory: "8"}')));
    assert.equal(w.containers[0].memoryRequestBytes, 8n);
    assert.equal(w.qos.qosClass, 'Guaranteed');
    const x = only(build(deployment('              requests: {memory: 0x10}\n              limits: {memory: 1_000}')));
    assert.equal(x.containers[0].memoryRequestBytes, 16n);
    assert.equal(x.containers[0].memoryLimitBytes, 1000n);
  });

  it('counts invalid quantities as absent and keeps why they are invalid', () => {
    const w = only(build(deployment('              requests: {memory: 1gi}\n              limits: {memory: 4GB, cpu: "1"}')));
    const c = w.containers[0];
    assert.equal(c.memoryLimitBytes, null);
    assert.equal(c.memoryRequestBytes, null);
    const bad = c.declared.fields.filter((f) => f.error);
    assert.deepEqual(bad.map((f) => f.text), ['1gi', '4GB']);
    assert.equal(bad[0].quantity, null);
    // cpu request = cpu limit (copied), memory nothing: the shapes disagree.
    assert.equal(w.qos.qosClass, 'Burstable');
  });

  it('reads valid zero spellings and milli-bytes as Kubernetes does', () => {
    const w = only(build(deployment('              requests: {memory: 100m}\n              limits: {memory: Mi}')));
    const c = w.containers[0];
    assert.equal(c.memoryRequestBytes, 1n);
    assert.equal(c.memoryLimitBytes, 0n);
    assert.equal(c.oom.value, 999);
  });

  it('trims a quoted quantity as the manifest path does', () => {
    const w = only(build(deployment('              limits: {memory: " 1Gi ", cpu: "1"}')));
    assert.equal(w.containers[0].memoryLimitBytes, 1n << 30n);
    assert.equal(w.qos.qosClass, 'Guaranteed');
  });

  it('decodes a null request as a present zero, which SetDefaults_Pod does not overwrite', () => {
    const w = only(build(deployment('              requests: {memory: null, cpu: ~}\n              limits: {memory: 1Gi, cpu: "1"}')));
    const c = w.containers[0];
    assert.equal(c.memoryRequestBytes, 0n);
    assert.equal(c.declared.fields[0].yamlNull, true);
    assert.equal(w.qos.qosClass, 'Burstable');
    assert.equal(c.oom.value, 999);
  });

  it('treats a negative quantity as absent with an error', () => {
    const w = only(build(deployment('              limits: {memory: -1Gi}')));
    assert.equal(w.containers[0].memoryLimitBytes, null);
    assert.match(w.containers[0].declared.fields[0].error ?? '', /greater than or equal to 0/);
  });
});

describe('manifests: LimitRange', () => {
  const limitRange = (body: string, ns = '') => `
    apiVersion: v1
    kind: LimitRange
    metadata:
      name: mem${ns ? `\n      namespace: ${ns}` : ''}
    spec:
      limits:
      - type: Container
${body}
    ---`;

  it('makes an empty container Guaranteed when the LimitRange has only default', () => {
    const model = build(limitRange('        default: {cpu: 500m, memory: 512Mi}') + deployment('              {}'));
    const w = only(model);
    assert.equal(model.limitRanges.length, 1);
    assert.equal(w.qos.qosClass, 'Guaranteed');
    const req = w.containers[0].effective.requests.get('memory')!;
    assert.deepEqual(req.source, { kind: 'limitrange', name: 'mem', key: 'default' });
    assert.equal(w.containers[0].oom.value, -997);
  });

  it('makes it Burstable with a smaller defaultRequest', () => {
    const w = only(build(limitRange('        default: {cpu: 500m, memory: 512Mi}\n        defaultRequest: {cpu: 100m, memory: 256Mi}') + deployment('              {}')));
    assert.equal(w.qos.qosClass, 'Burstable');
    assert.equal(w.containers[0].memoryRequestBytes, 256n << 20n);
    assert.equal(w.containers[0].oom.value, 1000 - 15);
  });

  it('fills a default limit below an explicit request (a pod the API server rejects) and still scores it', () => {
    const w = only(build(limitRange('        default: {memory: 1Gi}') + deployment('              requests: {memory: 2Gi}')));
    const c = w.containers[0];
    assert.equal(c.memoryLimitBytes, 1n << 30n);
    assert.equal(c.memoryRequestBytes, 2n << 30n);
    assert.equal(w.qos.qosClass, 'Burstable');
    assert.match(w.qos.reason, /memory request above its limit/);
  });

  it('applies only in its namespace, a missing namespace meaning default', () => {
    const other = only(build(limitRange('        default: {cpu: 1, memory: 1Gi}', 'prod') + deployment('              {}')));
    assert.equal(other.qos.qosClass, 'BestEffort');
    assert.equal(other.limitRanges.length, 0);
    const dflt = only(build(limitRange('        default: {cpu: 1, memory: 1Gi}', 'default') + deployment('              {}')));
    assert.equal(dflt.qos.qosClass, 'Guaranteed');
  });

  it('applies LimitRanges from elsewhere after the file\'s own', () => {
    const lrModel = build(limitRange('        max: {cpu: 1, memory: 1Gi}').replace(/---\s*$/, ''));
    const w = only(build(deployment('              {}'), 16n * GI, { limitRanges: lrModel.limitRanges }));
    assert.equal(w.qos.qosClass, 'Guaranteed');
    assert.deepEqual(w.containers[0].effective.limits.get('memory')!.source, { kind: 'limitrange', name: 'mem', key: 'max' });
  });
});

describe('manifests: pod-level resources', () => {
  it('decides QoS from spec.resources alone and defaults pod requests from the containers', () => {
    const w = only(
      build(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          resources:
            limits: {cpu: "1", memory: 1Gi}
          containers:
          - name: a
            resources: {limits: {cpu: 500m, memory: 256Mi}}
      `),
    );
    assert.equal(w.qos.podLevel, true);
    assert.equal(w.podEffective!.requests.get('memory')!.quantity.value, 256n << 20n);
    assert.equal(w.qos.qosClass, 'Burstable');
  });

  it('is Guaranteed from pod-level values even when containers set nothing, and spreads the share', () => {
    const w = only(
      build(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          resources:
            requests: {cpu: "1", memory: 2Gi}
            limits: {cpu: "1", memory: 2Gi}
          containers:
          - name: a
          - name: b
      `),
    );
    assert.equal(w.qos.qosClass, 'Guaranteed');
    assert.equal(w.containers[0].oom.value, -997);
  });

  it('spreads the unclaimed pod memory request over all containers in a Burstable pod', () => {
    const w = only(
      build(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          resources:
            requests: {memory: 4Gi}
          initContainers:
          - name: init
          containers:
          - name: a
            resources: {requests: {memory: 1Gi}}
          - name: b
      `),
    );
    assert.equal(w.qos.qosClass, 'Burstable');
    assert.deepEqual(w.containers.map((c) => c.oom.podShareBytes), [1n * GI, 1n * GI, 1n * GI]);
    assert.deepEqual(w.containers.map((c) => c.oom.value), [938, 875, 938]);
  });
});

describe('manifests: sidecars', () => {
  it('caps a sidecar at the smallest regular container score', () => {
    const w = only(
      build(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
          - name: mesh
            restartPolicy: Always
            resources: {requests: {memory: 64Mi}}
          - name: migrate
            resources: {requests: {memory: 64Mi}}
          containers:
          - name: app
            resources: {requests: {memory: 2Gi}, limits: {memory: 4Gi}}
      `),
    );
    assert.deepEqual(w.containers.map((c) => [c.name, c.role, c.oom.value]), [
      ['mesh', 'sidecar', 875],
      ['migrate', 'init', 997],
      ['app', 'container', 875],
    ]);
  });
});

describe('manifests: ConfigMaps', () => {
  it('collects data and finds ConfigMaps by namespace and name', () => {
    const model = build(`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: jvm}
      data:
        JAVA_OPTS: -Xmx512m
        COUNT: 5
        N: x
        EMPTY:
    `);
    const cm = findConfigMap(model, null, 'jvm')!;
    assert.equal(cm.data.get('JAVA_OPTS')!.value, '-Xmx512m');
    assert.equal(cm.data.get('COUNT')!.value, '5');
    // YAML 1.1, as Kubernetes reads it: the key `N` is the boolean false.
    assert.equal(cm.data.get('false')!.value, 'x');
    assert.equal(cm.data.get('EMPTY')!.value, '');
    assert.equal(findConfigMap(model, 'prod', 'jvm'), null);
  });

  it('finds ConfigMaps passed from elsewhere', () => {
    const other = build('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: prod}\ndata: {a: b}\n');
    const model = buildManifestModel(parseYaml(dedent(deployment('              {}'))), { nodeMemoryBytes: 16n * GI }, { configMaps: other.configMaps });
    assert.equal(findConfigMap(model, 'prod', 'x')?.data.get('a')?.value, 'b');
  });
});

describe('manifests: Helm templates', () => {
  it('marks workloads whose resources are templated as partial and never throws on placeholders', () => {
    const text = dedent(`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: {{ include "app.fullname" . }}
      spec:
        template:
          spec:
            containers:
            - name: {{ .Chart.Name }}
              resources:
                {{- toYaml .Values.resources | nindent 12 }}
            - name: side
              resources:
                limits:
                  memory: {{ .Values.mem }}
                  cpu: "1"
            - name: fixed
              resources: {limits: {memory: 1Gi, cpu: "1"}}
    `);
    const model = buildManifestModel(parseYaml(text, { helm: true }), { nodeMemoryBytes: 16n * GI });
    const w = only(model);
    assert.equal(w.partial, true);
    assert.equal(w.name, null);
    const side = w.containers[1];
    const mem = side.declared.fields.find((f) => f.resource === 'memory')!;
    assert.equal(mem.templated, true);
    assert.equal(mem.error, undefined);
    assert.equal(side.memoryLimitBytes, null);
    assert.equal(w.containers[2].memoryLimitBytes, 1n << 30n);
  });

  it('does not mark a plain file partial', () => {
    assert.equal(only(build(deployment('              limits: {memory: 1Gi}'))).partial, false);
  });
});

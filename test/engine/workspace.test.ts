// The cross-file index (engine/workspace.ts): summaries, links, dependents, and what the analysis of one file sees.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import { analyzeFile } from '../../server/src/engine/analyze';
import type { LaunchSpec } from '../../server/src/engine/jvm/launch';
import { normalizeOptions } from '../../server/src/engine/options';
import { dirOf, imageName, joinPath, keyOf, relativePath, WorkspaceIndex } from '../../server/src/engine/workspace';
import { joinDockerfile } from '../../server/src/engine/docker/link';
import { dedent } from '../helpers/text';

const ROOT = 'file:///ws';

/** A Deployment with one container `app`; `extra` is appended to the container (10-space indented lines). */
function deployment(opts: { image?: string; limit?: string | null; namespace?: string; extra?: string } = {}): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: api',
    ...(opts.namespace ? [`  namespace: ${opts.namespace}`] : []),
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    `          image: ${opts.image ?? 'registry.example.com/shop/api:1.2.3'}`,
    ...(opts.limit === null ? [] : ['          resources:', '            limits:', `              memory: ${opts.limit ?? '512Mi'}`]),
  ].join('\n') + (opts.extra ?? '') + '\n';
}

const SKAFFOLD = dedent`
  apiVersion: skaffold/v4beta6
  kind: Config
  build:
    artifacts:
      - image: registry.example.com/shop/api
        context: services/api
        docker:
          dockerfile: build/Dockerfile
`;

const DOCKERFILE = dedent`
  FROM maven:3-eclipse-temurin-17 AS build
  RUN mvn package
  FROM eclipse-temurin:11-jre AS runtime
  ENV JAVA_TOOL_OPTIONS="-Xmx1g"
  CMD ["java", "-jar", "/app.jar"]
`;

const OPTIONS = normalizeOptions({});

function analyse(index: WorkspaceIndex, uri: string, text: string, options = OPTIONS): FileAnalysis {
  return analyzeFile({ uri, text, options, mode: 'cli', workspace: index.view(uri, options.images) });
}

function firstJvm(a: FileAnalysis) {
  return a.workloads[0]?.containers[0]?.jvm ?? null;
}

function skaffoldWorkspace(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  index.setRoots([ROOT]);
  index.update(`${ROOT}/skaffold.yaml`, SKAFFOLD);
  index.update(`${ROOT}/services/api/build/Dockerfile`, DOCKERFILE);
  return index;
}

describe('workspace paths and image names', () => {
  it('strips tags and digests and Docker Hub prefixes from image names', () => {
    assert.equal(imageName('registry.example.com:5000/shop/api:1.2.3'), 'registry.example.com:5000/shop/api');
    assert.equal(imageName('api@sha256:abcd'), 'api');
    assert.equal(imageName('docker.io/library/openjdk:17'), 'openjdk');
    assert.equal(imageName('registry:5000/api'), 'registry:5000/api');
  });

  it('resolves relative paths against URIs, POSIX and Windows paths', () => {
    assert.equal(joinPath(dirOf(keyOf('file:///ws/k8s/a.yaml')), '../docker/Dockerfile'), 'file:///ws/docker/Dockerfile');
    assert.equal(joinPath('/repo/app', './build/./Dockerfile'), '/repo/app/build/Dockerfile');
    assert.equal(joinPath('.', 'Dockerfile'), 'Dockerfile');
    assert.equal(joinPath(dirOf(keyOf('C:\\repo\\k8s\\a.yaml')), '..\\Dockerfile'), 'c:/repo/Dockerfile');
    assert.equal(keyOf('file:///ws/my%20app/Dockerfile'), 'file:///ws/my app/Dockerfile');
  });
});

describe('WorkspaceIndex', () => {
  it('links a manifest container to the Dockerfile of its skaffold artifact, whatever the tag', () => {
    const index = skaffoldWorkspace();
    const linked = index.view(`${ROOT}/k8s/api.yaml`).dockerfileFor('registry.example.com/shop/api:v9');
    assert.ok(linked);
    assert.equal(linked.uri, `${ROOT}/services/api/build/Dockerfile`);
    assert.equal(linked.source, 'skaffold');
    assert.equal(linked.declaredIn, `${ROOT}/skaffold.yaml`);
    assert.equal(linked.summary.baseImage, 'eclipse-temurin:11-jre');
    assert.equal(linked.summary.stage, 'runtime');
    assert.deepEqual(linked.summary.env.map((e) => [e.name, e.value, e.line]), [['JAVA_TOOL_OPTIONS', '-Xmx1g', 3]]);
    assert.deepEqual(linked.summary.cmd, ['java', '-jar', '/app.jar']);
    assert.equal(index.view(`${ROOT}/k8s/api.yaml`).dockerfileFor('registry.example.com/shop/other:1'), null);
  });

  it('skips skaffold artifacts built without a Dockerfile', () => {
    const index = new WorkspaceIndex();
    index.update(`${ROOT}/Dockerfile`, DOCKERFILE);
    index.update(
      `${ROOT}/skaffold.yaml`,
      dedent`
        apiVersion: skaffold/v4beta6
        kind: Config
        build:
          artifacts:
            - image: api
              jib: {}
            - image: web
      `,
    );
    const view = index.view(`${ROOT}/k8s/a.yaml`);
    assert.equal(view.dockerfileFor('api'), null);
    assert.equal(view.dockerfileFor('web')?.uri, `${ROOT}/Dockerfile`, 'docker is the default builder, `Dockerfile` the default name');
  });

  it('links through a compose build with image, and the setting wins over both', () => {
    const index = new WorkspaceIndex();
    index.setRoots([ROOT]);
    index.update(`${ROOT}/api/Dockerfile`, DOCKERFILE);
    index.update(`${ROOT}/alt/Dockerfile.prod`, 'FROM eclipse-temurin:21-jre\nENV JAVA_TOOL_OPTIONS=-Xmx2g\n');
    index.update(
      `${ROOT}/compose.yaml`,
      dedent`
        services:
          api:
            image: shop/api:latest
            build: ./api
      `,
    );
    const view = index.view(`${ROOT}/k8s/a.yaml`);
    assert.equal(view.dockerfileFor('shop/api:1')?.uri, `${ROOT}/api/Dockerfile`);
    assert.equal(view.dockerfileFor('shop/api:1')?.source, 'compose');
    const withSetting = index.view(`${ROOT}/k8s/a.yaml`, { 'shop/api': 'alt/Dockerfile.prod' });
    assert.equal(withSetting.dockerfileFor('shop/api:1')?.uri, `${ROOT}/alt/Dockerfile.prod`);
    assert.equal(withSetting.dockerfileFor('shop/api:1')?.source, 'setting');
    assert.equal(index.view(`${ROOT}/compose.yaml`).dockerfileForBuild('./api', null)?.uri, `${ROOT}/api/Dockerfile`);
  });

  it('offers LimitRanges and ConfigMaps of other files only, without their syntax trees', () => {
    const index = new WorkspaceIndex();
    const objects = dedent`
      apiVersion: v1
      kind: LimitRange
      metadata: {name: mem, namespace: shop}
      spec:
        limits:
          - type: Container
            default: {memory: 768Mi}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: jvm, namespace: shop}
      data:
        JAVA_TOOL_OPTIONS: -Xmx300m
    `;
    index.update('/repo/objects.yaml', objects);
    assert.deepEqual(index.view('/repo/objects.yaml').limitRanges, []);
    const view = index.view('/repo/app.yaml');
    assert.equal(view.limitRanges.length, 1);
    assert.equal(view.configMaps.length, 1);
    const cm = view.configMaps[0];
    assert.equal(cm.data.get('JAVA_TOOL_OPTIONS')?.value, '-Xmx300m');
    assert.equal(cm.data.get('JAVA_TOOL_OPTIONS')?.node, null, 'no node from another text');
    assert.equal(cm.object.items.length, 0);
    assert.equal(view.limitRanges[0].object.items.length, 0);
  });

  it('reports the dependents of a Dockerfile, a LimitRange and a ConfigMap', () => {
    const index = skaffoldWorkspace();
    index.update(`${ROOT}/k8s/api.yaml`, deployment({ namespace: 'shop', extra: '\n          envFrom:\n            - configMapRef: {name: jvm}' }));
    index.update(`${ROOT}/k8s/other.yaml`, deployment({ image: 'nginx', namespace: 'web' }));
    assert.deepEqual(index.dependents(`${ROOT}/services/api/build/Dockerfile`), [`${ROOT}/k8s/api.yaml`]);
    assert.deepEqual(index.dependents(`${ROOT}/skaffold.yaml`), [`${ROOT}/k8s/api.yaml`]);
    const lr = 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: m, namespace: web}\nspec: {limits: [{type: Container, default: {memory: 1Gi}}]}\n';
    assert.deepEqual(index.update(`${ROOT}/lr.yaml`, lr), [`${ROOT}/k8s/other.yaml`]);
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: jvm, namespace: shop}\ndata: {A: b}\n';
    assert.deepEqual(index.update(`${ROOT}/cm.yaml`, cm), [`${ROOT}/k8s/api.yaml`]);
    assert.deepEqual(index.dependents(`${ROOT}/k8s/other.yaml`), [], 'a manifest without objects has no dependents');
  });

  it('returns the dependents on update only when what the file offers changed', () => {
    const index = skaffoldWorkspace();
    const manifest = `${ROOT}/k8s/api.yaml`;
    index.update(manifest, deployment());
    const dockerfile = `${ROOT}/services/api/build/Dockerfile`;
    assert.deepEqual(index.update(dockerfile, `${DOCKERFILE}# a comment\n`), [], 'a comment changes nothing for others');
    assert.deepEqual(index.update(dockerfile, DOCKERFILE.replace('-Xmx1g', '-Xmx2g')), [manifest]);
    assert.deepEqual(index.remove(dockerfile), [manifest]);
    assert.equal(index.view(manifest).dockerfileFor('registry.example.com/shop/api'), null);
    assert.deepEqual(index.remove(dockerfile), [], 'removing an unknown file is a no-op');
  });

  it('keeps old dependents when a ConfigMap is renamed', () => {
    const index = new WorkspaceIndex();
    index.update('/r/app.yaml', deployment({ image: 'x', extra: '\n          envFrom:\n            - configMapRef: {name: old}' }));
    index.update('/r/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: old}\ndata: {A: b}\n');
    assert.deepEqual(index.update('/r/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: new}\ndata: {A: b}\n'), ['/r/app.yaml']);
  });

  it('indexes files above maxFileSize as empty and never throws on odd input', () => {
    const index = new WorkspaceIndex({ maxFileSize: 10 });
    index.update('/r/Dockerfile', DOCKERFILE);
    index.update('/r/a.yaml', deployment());
    assert.equal(index.view('/r/b.yaml', { app: 'Dockerfile' }).dockerfileFor('app'), null);
    const free = new WorkspaceIndex();
    for (const text of ['', '\uFEFF', ': : :\n\t- [', 'FROM\n', 'services: 3\n', 'apiVersion: skaffold/v1\nbuild: {artifacts: [1, {image: 2}]}\n']) {
      free.update('/r/Dockerfile', text);
      free.update('/r/x.yaml', text);
    }
    assert.equal(free.size, 2);
  });

  it('reads Dockerfiles with CRLF line ends and line continuations', () => {
    const index = new WorkspaceIndex();
    index.setRoots(['/r']);
    index.update('/r/Dockerfile', 'FROM eclipse-temurin:17-jre\r\nENV JAVA_TOOL_OPTIONS="-Xms64m \\\r\n    -Xmx700m"\r\n');
    const linked = index.view('/r/a.yaml', { app: 'Dockerfile' }).dockerfileFor('app:1');
    assert.ok(linked);
    assert.match(linked.summary.env[0].value ?? '', /^-Xms64m\s+-Xmx700m$/);
  });

  it('keeps an ENV that depends on a build argument without default as unknown', () => {
    const index = new WorkspaceIndex();
    index.setRoots(['/r']);
    index.update('/r/Dockerfile', 'FROM eclipse-temurin:17-jre\nARG HEAP\nENV JAVA_TOOL_OPTIONS="-Xmx$HEAP"\n');
    const env = index.view('/r/a.yaml', { app: 'Dockerfile' }).dockerfileFor('app')?.summary.env[0];
    assert.equal(env?.value, null);
    assert.match(env?.unresolvedReason ?? '', /HEAP/);
    const joined = joinDockerfile({ image: 'app', command: null, args: null, env: [], keepsImageEntrypoint: true }, index.view('/r/a.yaml', { app: 'Dockerfile' }).dockerfileFor('app'));
    assert.equal(joined.env[0].mapped, null);
    assert.match(joined.env[0].unresolvedReason ?? '', /HEAP/);
  });
});

describe('joinDockerfile', () => {
  const linked = skaffoldWorkspace().view(`${ROOT}/k8s/a.yaml`).dockerfileFor('registry.example.com/shop/api')!;
  const base: LaunchSpec = { image: 'registry.example.com/shop/api:1', command: null, args: null, env: [], keepsImageEntrypoint: true };

  it('adds the image ENV with its file, without spans, and the base image for the JDK', () => {
    const joined = joinDockerfile(base, linked);
    assert.equal(joined.image, 'eclipse-temurin:11-jre');
    assert.equal(joined.env.length, 1);
    const e = joined.env[0];
    assert.deepEqual(e.origin, { kind: 'dockerfile', file: `${ROOT}/services/api/build/Dockerfile`, line: 3, label: 'services/api/build/Dockerfile' });
    assert.equal(e.nameSpan, null);
    assert.equal(e.valueSpan, null);
    assert.ok(e.mapped?.offsets.every((o) => o === null), 'no offsets into this file');
    // CMD without ENTRYPOINT: the arguments of the base image's ENTRYPOINT, like Kubernetes `args`.
    assert.equal(joined.imageEntrypoint, undefined);
    assert.deepEqual(joined.args?.map((a) => [a.value, a.span]), [['java', null], ['-jar', null], ['/app.jar', null]]);
  });

  it('keeps the container args over the Dockerfile CMD, and runs them with its ENTRYPOINT', () => {
    const index = new WorkspaceIndex();
    index.setRoots(['/r']);
    index.update('/r/Dockerfile', 'FROM eclipse-temurin:17-jre\nENTRYPOINT ["java", "-Xmx300m"]\nCMD ["-jar", "/a.jar"]\n');
    const link = index.view('/r/a.yaml', { app: 'Dockerfile' }).dockerfileFor('app');
    assert.ok(link);
    const args = [{ value: '-version', offsets: [], vias: [], refs: [], span: null }];
    const joined = joinDockerfile({ ...base, args }, link);
    assert.deepEqual(joined.imageEntrypoint?.map((a) => a.value), ['java', '-Xmx300m']);
    assert.deepEqual(joined.imageCmd?.map((a) => a.value), ['-jar', '/a.jar']);
    assert.equal(joined.args, args, 'args replace CMD: detection reads them after the ENTRYPOINT');
  });

  it('lets the container env override the image ENV of the same name', () => {
    const own = joinDockerfile(base, linked);
    const override = { ...own.env[0], value: '-Xmx100m', origin: { kind: 'env' as const } };
    const joined = joinDockerfile({ ...base, env: [override] }, linked);
    assert.deepEqual(joined.env.map((e) => [e.name, e.value]), [['JAVA_TOOL_OPTIONS', '-Xmx100m']]);
  });

  it('drops ENTRYPOINT and CMD when the container sets a command', () => {
    const command = [{ value: 'java', offsets: [null, null, null, null], vias: [null, null, null, null], refs: [], span: null }];
    const joined = joinDockerfile({ ...base, command, keepsImageEntrypoint: false }, linked);
    assert.equal(joined.imageEntrypoint, undefined);
    assert.equal(joined.imageCmd, undefined);
  });

  it('is the identity without a linked Dockerfile', () => {
    assert.equal(joinDockerfile(base, null), base);
  });
});

describe('analysis across files', () => {
  it('checks the heap from the linked Dockerfile ENV against the manifest limit, with the base image JDK', () => {
    const index = skaffoldWorkspace();
    const a = analyse(index, `${ROOT}/k8s/api.yaml`, deployment());
    const jvm = firstJvm(a);
    assert.ok(jvm, 'a JVM is detected through the Dockerfile');
    assert.equal(jvm.maxHeapBytes, 1024n ** 3n);
    assert.equal(jvm.heapSource, 'Xmx');
    assert.equal(jvm.jdkMajor, 11);
    assert.deepEqual(jvm.options, ['-Xmx1g']);
    assert.equal(a.workloads[0].containers[0].memoryLimitBytes, 512n * 1024n ** 2n);
    for (const f of a.findings) {
      for (const pos of [f.range.start, f.range.end]) assert.ok(pos.line < deployment().split('\n').length, 'ranges stay in this file');
    }
  });

  it('lets the container env override the Dockerfile ENV', () => {
    const index = skaffoldWorkspace();
    const text = deployment({ extra: '\n          env:\n            - name: JAVA_TOOL_OPTIONS\n              value: -Xmx256m' });
    assert.equal(firstJvm(analyse(index, `${ROOT}/k8s/api.yaml`, text))?.maxHeapBytes, 256n * 1024n ** 2n);
  });

  it('finds no JVM in the same container without the link', () => {
    assert.equal(firstJvm(analyse(new WorkspaceIndex(), `${ROOT}/k8s/api.yaml`, deployment())), null);
  });

  it('applies a LimitRange of another file in the same namespace', () => {
    const index = new WorkspaceIndex();
    index.update('/r/lr.yaml', 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: m, namespace: shop}\nspec: {limits: [{type: Container, default: {memory: 768Mi}}]}\n');
    const inShop = analyse(index, '/r/a.yaml', deployment({ image: 'nginx', namespace: 'shop', limit: null }));
    assert.equal(inShop.workloads[0].containers[0].memoryLimitBytes, 768n * 1024n ** 2n);
    assert.ok(!inShop.findings.some((f) => f.ruleId === 'memory-limit-missing'));
    const elsewhere = analyse(index, '/r/a.yaml', deployment({ image: 'nginx', namespace: 'web', limit: null }));
    assert.equal(elsewhere.workloads[0].containers[0].memoryLimitBytes, null);
  });

  it('reads JVM options from a ConfigMap of another file', () => {
    const index = new WorkspaceIndex();
    index.update('/r/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: jvm}\ndata:\n  JAVA_TOOL_OPTIONS: "-Xmx300m"\n');
    const text = deployment({ image: 'eclipse-temurin:17', extra: '\n          envFrom:\n            - configMapRef: {name: jvm}' });
    const jvm = firstJvm(analyse(index, '/r/a.yaml', text));
    assert.equal(jvm?.maxHeapBytes, 300n * 1024n ** 2n);
  });

  it('prefers the file’s own ConfigMap over one of the same name elsewhere', () => {
    const index = new WorkspaceIndex();
    index.update('/r/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: jvm}\ndata:\n  JAVA_TOOL_OPTIONS: "-Xmx300m"\n');
    const own = '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: jvm}\ndata:\n  JAVA_TOOL_OPTIONS: "-Xmx200m"\n';
    const text = deployment({ image: 'eclipse-temurin:17', extra: '\n          envFrom:\n            - configMapRef: {name: jvm}' }) + own;
    assert.equal(firstJvm(analyse(index, '/r/a.yaml', text))?.maxHeapBytes, 200n * 1024n ** 2n);
  });
});

describe('which file each option came from', () => {
  it('labels a linked Dockerfile relative to its root, else to the viewing file', () => {
    assert.equal(skaffoldWorkspace().view(`${ROOT}/k8s/a.yaml`).dockerfileFor('registry.example.com/shop/api')?.label, 'services/api/build/Dockerfile');
    const index = new WorkspaceIndex();
    index.update('/r/docker/orders-api/Dockerfile', DOCKERFILE);
    index.update('/r/compose.yaml', 'services:\n  api:\n    image: shop/api\n    build: docker/orders-api\n');
    assert.equal(index.view('/r/k8s/a.yaml').dockerfileFor('shop/api:1')?.label, '../docker/orders-api/Dockerfile');
    assert.equal(relativePath('/r/k8s', '/r/docker/Dockerfile'), '../docker/Dockerfile');
    assert.equal(relativePath('file:///a', 'file:///a/b/Dockerfile'), 'b/Dockerfile');
  });

  it('names the instruction, its line and the file in the hover on the image', () => {
    const index = new WorkspaceIndex();
    index.setRoots(['/ws']);
    index.update('/ws/skaffold.yaml', 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: shop/orders\n      context: docker/orders-api\n');
    const dockerfile = [
      'FROM eclipse-temurin:17-jre',
      'ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60"',
      'ENV JAVA_OPTS="-Xss512k"',
      'ENTRYPOINT exec java $JAVA_OPTS -jar /app.jar',
    ].join('\n');
    index.update('/ws/docker/orders-api/Dockerfile', dockerfile);
    const text = deployment({ image: 'shop/orders:1.4' });
    const a = analyse(index, '/ws/k8s/orders.yaml', text);
    const imageLine = text.split('\n').findIndex((l) => l.includes('image: shop/orders'));
    const hover = a.hovers.find((h) => h.range.start.line === imageLine);
    assert.ok(hover, 'a JVM hover on the image that links the Dockerfile');
    assert.match(hover.markdown, /JVM settings from `docker\/orders-api\/Dockerfile`/);
    assert.ok(hover.markdown.includes('from `ENV JAVA_TOOL_OPTIONS` in Dockerfile line 2 (docker/orders-api/Dockerfile)'), hover.markdown);
    assert.ok(hover.markdown.includes('from `ENTRYPOINT` in Dockerfile line 4 (docker/orders-api/Dockerfile)'), hover.markdown);
    // The line follows the Dockerfile: a line added above moves it, and the manifest is among its dependents.
    index.update('/ws/k8s/orders.yaml', text);
    assert.deepEqual(index.update('/ws/docker/orders-api/Dockerfile', `# syntax=docker/dockerfile:1\n${dockerfile}`), ['/ws/k8s/orders.yaml']);
    const moved = analyse(index, '/ws/k8s/orders.yaml', text).hovers.find((h) => h.range.start.line === imageLine);
    assert.ok(moved?.markdown.includes('`ENV JAVA_TOOL_OPTIONS` in Dockerfile line 3'));
  });
});

describe('compose services built from a Dockerfile of the workspace', () => {
  const DF = 'FROM eclipse-temurin:11.0.20_8-jre\nENV JAVA_TOOL_OPTIONS="-Xmx600m"\nENTRYPOINT ["java", "-jar", "/app.jar"]\n';
  const COMPOSE = 'services:\n  orders:\n    build:\n      context: ./svc\n      dockerfile: Dockerfile.jvm\n    mem_limit: 500m\n';

  function composeIndex(compose = COMPOSE): WorkspaceIndex {
    const index = new WorkspaceIndex();
    index.setRoots(['/ws']);
    index.update('/ws/svc/Dockerfile.jvm', DF);
    index.update('/ws/docker-compose.yml', compose);
    return index;
  }

  it('gets the Dockerfile ENV, ENTRYPOINT and JDK, and checks the heap against mem_limit', () => {
    const a = analyse(composeIndex(), '/ws/docker-compose.yml', COMPOSE);
    const jvm = firstJvm(a);
    assert.ok(jvm, 'the JVM comes from the Dockerfile');
    assert.equal(jvm.maxHeapBytes, 600n * 1024n ** 2n);
    assert.equal(jvm.jdkMajor, 11);
    assert.deepEqual(jvm.options, ['-Xmx600m']);
    const f = a.findings.find((x) => x.ruleId === 'jvm-heap-exceeds-limit');
    assert.ok(f);
    assert.match(f.message, /`500m`/);
    assert.ok(f.fixes?.some((x) => /^Raise the memory limit to `\d+m`/.test(x.title)));
    const hover = a.hovers.find((h) => h.range.start.line === 2);
    assert.ok(hover?.markdown.includes('from `ENV JAVA_TOOL_OPTIONS` in Dockerfile line 2 (svc/Dockerfile.jvm)'));
    // Without the workspace the service runs an image we cannot see: no JVM.
    assert.equal(firstJvm(analyzeFile({ uri: '/ws/docker-compose.yml', text: COMPOSE, options: OPTIONS, mode: 'cli' })), null);
  });

  it('lets the service environment override the ENV, and its entrypoint replace ENTRYPOINT and CMD', () => {
    const env = COMPOSE + '    environment:\n      JAVA_TOOL_OPTIONS: -Xmx256m\n';
    assert.equal(firstJvm(analyse(composeIndex(env), '/ws/docker-compose.yml', env))?.maxHeapBytes, 256n * 1024n ** 2n);
    const entry = COMPOSE + '    entrypoint: ["java", "-Xmx300m", "-jar", "/other.jar"]\n';
    const jvm = firstJvm(analyse(composeIndex(entry), '/ws/docker-compose.yml', entry));
    assert.deepEqual(jvm?.options, ['-Xmx600m', '-Xmx300m'], 'JAVA_TOOL_OPTIONS, then the service entrypoint (the ENTRYPOINT is gone)');
    assert.equal(jvm?.maxHeapBytes, 300n * 1024n ** 2n);
  });

  it('resolves `build: <context>` with the default Dockerfile, and not a build path with host variables', () => {
    const index = new WorkspaceIndex();
    index.update('/ws/svc/Dockerfile', DF);
    const short = 'services:\n  orders:\n    build: svc\n    mem_limit: 1g\n';
    assert.equal(firstJvm(analyse(index, '/ws/compose.yaml', short))?.maxHeapBytes, 600n * 1024n ** 2n);
    const hostVar = 'services:\n  orders:\n    build: ${SVC_DIR}\n    mem_limit: 1g\n';
    assert.equal(firstJvm(analyse(index, '/ws/compose.yaml', hostVar)), null);
  });
});

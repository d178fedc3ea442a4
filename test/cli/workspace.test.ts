// The CLI links the files of one run (DESIGN.md "Where other objects apply"): Dockerfiles through skaffold.yaml,
// compose `build:` + `image:` and the `images` setting; LimitRanges and ConfigMaps from other files.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli-core';
import { RULES } from '../../server/src/engine/rules';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oom-lens-ws-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

interface Report {
  files: Array<{
    path: string;
    workloads: Array<{ containers: Array<{ name: string; memoryLimitBytes: number | null; jvm: null | { maxHeapBytes: number | null; heapSource: string; jdkMajor: number | null; options: string[] } }> }>;
    diagnostics: Array<{ code: string }>;
  }>;
}

function check(cwd: string, ...paths: string[]): Report {
  let out = '';
  let err = '';
  const status = runCli(['check', '--format', 'json', '--fail-on', 'none', ...paths], {
    cwd,
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  assert.equal(status, 0, err);
  return JSON.parse(out) as Report;
}

function fileOf(report: Report, path: string) {
  const f = report.files.find((x) => x.path === path);
  assert.ok(f, `${path} is in the report: ${report.files.map((x) => x.path).join(', ')}`);
  return f;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  template:
    spec:
      containers:
        - name: app
          image: shop/orders:1.4.2
          resources:
            limits:
              memory: 512Mi
`;

const DOCKERFILE = `FROM eclipse-temurin:17-jre
ENV JAVA_TOOL_OPTIONS="-Xmx1g"
COPY app.jar /app.jar
ENTRYPOINT ["java", "-jar", "/app.jar"]
`;

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

function assertLinkedHeap(report: Report, path: string): void {
  const c = fileOf(report, path).workloads[0].containers[0];
  assert.equal(c.memoryLimitBytes, 512 * MIB);
  assert.ok(c.jvm, 'the JVM comes from the linked Dockerfile');
  assert.equal(c.jvm.maxHeapBytes, GIB);
  assert.equal(c.jvm.heapSource, 'Xmx');
  assert.equal(c.jvm.jdkMajor, 17);
  assert.deepEqual(c.jvm.options, ['-Xmx1g']);
  // The heap check itself is a rule of the JVM issue: assert it whenever that rule is registered.
  if (RULES.some((r) => r.id === 'jvm-heap-exceeds-limit')) {
    assert.ok(fileOf(report, path).diagnostics.some((d) => d.code === 'jvm-heap-exceeds-limit'));
  }
}

describe('oom-lens check across files', () => {
  it('links a manifest image to its Dockerfile through skaffold.yaml', () => {
    const dir = workspace({
      'skaffold.yaml': 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: shop/orders\n      context: orders\n',
      'orders/Dockerfile': DOCKERFILE,
      'k8s/orders.yaml': DEPLOYMENT,
    });
    assertLinkedHeap(check(dir, '.'), 'k8s/orders.yaml');
  });

  it('links through a compose service with build and image', () => {
    const dir = workspace({
      'docker-compose.yml': 'services:\n  orders:\n    image: shop/orders:dev\n    build:\n      context: ./svc\n      dockerfile: Dockerfile.jvm\n',
      'svc/Dockerfile.jvm': DOCKERFILE,
      'k8s/orders.yaml': DEPLOYMENT,
    });
    assertLinkedHeap(check(dir, '.'), 'k8s/orders.yaml');
  });

  it('runs a compose service built from a Dockerfile of the run with that Dockerfile’s JVM settings', () => {
    const compose = 'services:\n  orders:\n    build:\n      context: ./svc\n      dockerfile: Dockerfile.jvm\n    mem_limit: 512m\n';
    const dir = workspace({ 'docker-compose.yml': compose, 'svc/Dockerfile.jvm': DOCKERFILE });
    const both = fileOf(check(dir, '.'), 'docker-compose.yml');
    // The same container as the manifest's: 512m is 512 MiB in Docker units, below the Dockerfile's -Xmx1g.
    assertLinkedHeap(check(dir, '.'), 'docker-compose.yml');
    assert.ok(both.diagnostics.some((d) => d.code === 'jvm-heap-exceeds-limit'));
    // The compose file alone: its image is built from a Dockerfile not in the run, so no JVM is seen.
    const alone = fileOf(check(dir, 'docker-compose.yml'), 'docker-compose.yml');
    assert.equal(alone.workloads[0].containers[0].jvm, null);
  });

  it('links through the `images` setting of .oom-lens.yaml, relative to its folder', () => {
    const dir = workspace({
      '.oom-lens.yaml': 'images:\n  shop/orders: build/orders.dockerfile\n',
      'build/orders.dockerfile': DOCKERFILE,
      'k8s/orders.yaml': DEPLOYMENT,
    });
    assertLinkedHeap(check(dir, 'k8s', 'build'), 'k8s/orders.yaml');
  });

  it('links only the files of the same run', () => {
    const dir = workspace({
      'skaffold.yaml': 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: shop/orders\n      context: orders\n',
      'orders/Dockerfile': DOCKERFILE,
      'k8s/orders.yaml': DEPLOYMENT,
    });
    const report = check(dir, 'k8s');
    assert.equal(fileOf(report, 'k8s/orders.yaml').workloads[0].containers[0].jvm, null);
  });

  it('applies a LimitRange and a ConfigMap from other files of the run', () => {
    const dir = workspace({
      'ns/limits.yaml':
        'apiVersion: v1\nkind: LimitRange\nmetadata: {name: mem, namespace: shop}\nspec:\n  limits:\n    - type: Container\n      default: {memory: 768Mi}\n',
      'ns/jvm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: jvm, namespace: shop}\ndata:\n  JAVA_TOOL_OPTIONS: "-Xmx256m"\n',
      'app/pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n    - name: app\n      image: eclipse-temurin:21-jre\n      envFrom:\n        - configMapRef: {name: jvm}\n',
    });
    const report = check(dir, '.');
    const c = fileOf(report, 'app/pod.yaml').workloads[0].containers[0];
    assert.equal(c.memoryLimitBytes, 768 * MIB);
    assert.equal(c.jvm?.maxHeapBytes, 256 * MIB);
    assert.equal(c.jvm?.jdkMajor, 21);
    assert.ok(!fileOf(report, 'app/pod.yaml').diagnostics.some((d) => d.code === 'memory-limit-missing'));
  });
});

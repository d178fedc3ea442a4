import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryLimitMissing } from '../../../server/src/engine/rules/memory-limit-missing';
import { jvmNoMemoryLimit } from '../../../server/src/engine/rules/jvm-no-memory-limit';
import { check } from '../../helpers/rule-context';
import { dedent, textAt } from '../../helpers/text';
import { assertJvmFix, placements, pipeline } from './jvm-helpers';

const FIXED_HEAP = 'jvm-fixed-heap: `-Xmx1536m` fixes the heap at 1.5 GiB: it will not follow the container memory limit when the limit changes';

describe('jvm-no-memory-limit', () => {
  for (const p of placements('-Xmx1536m', '')) {
    it(`reports a JVM with -Xmx1536m but no limit through ${p.name}, and adds heap + budget as the limit`, () => {
      const [f, ...rest] = check(jvmNoMemoryLimit, p.text);
      assert.equal(rest.length, 0);
      assert.equal(textAt(p.text, f.range), 'app');
      assert.match(
        f.message,
        /^Container `app` runs a JVM without a memory limit: `-Xmx1536m` heap \(1\.5 GiB[^)]*\) plus the non-heap budget \(369\.12 MiB\) needs 1\.86 GiB and nothing bounds it$/,
      );
      const [fix] = f.fixes!;
      assert.deepEqual([fix.title, fix.isPreferred, fix.safe], ['Add a memory limit of `1906Mi` (heap 1.5 GiB + non-heap budget 369.12 MiB)', true, undefined]);
      const after = `${p.text}            limits:\n              memory: 1906Mi\n`;
      assertJvmFix(jvmNoMemoryLimit, p.text, f, fix, after, { gone: [], appears: [] });
      assert.ok(pipeline(p.text).includes(FIXED_HEAP) && pipeline(after).includes(FIXED_HEAP));
      assert.deepEqual(check(jvmNoMemoryLimit, after), []);
    });
  }

  it('owns the container instead of memory-limit-missing', () => {
    const text = placements('-Xmx1536m', '')[0].text;
    assert.deepEqual(check(memoryLimitMissing, text), []);
    assert.equal(check(jvmNoMemoryLimit, text).length, 1);
  });

  const DEFAULT = dedent`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api}
    spec:
      template:
        spec:
          containers:
            - name: app
              image: eclipse-temurin:17-jre
              command: ["java", "-jar", "/app.jar"]
              resources:
                requests:
                  memory: 512Mi
  `;

  it('says how big the heap gets from node memory, and picks the smallest limit whose own heap fits', () => {
    const [f] = check(jvmNoMemoryLimit, DEFAULT);
    assert.equal(f.message, 'Container `app` runs a JVM without a memory limit: the heap is sized from node memory (16 GiB): max heap 4 GiB');
    const [fix] = f.fixes!;
    // 4 GiB + its budget; at that limit the JVM takes 25 % of it, which fits.
    assert.equal(fix.title, 'Add a memory limit of `4594Mi` (heap 1.12 GiB + non-heap budget 349.82 MiB)');
    assertJvmFix(jvmNoMemoryLimit, DEFAULT, f, fix, DEFAULT.replace('memory: 512Mi\n', 'memory: 512Mi\n            limits:\n              memory: 4594Mi\n'));
    const [big] = check(jvmNoMemoryLimit, DEFAULT, { nodeMemoryBytes: 64n * 1024n ** 3n });
    assert.match(big.message, /node memory \(64 GiB\): max heap 16 GiB$/);
  });

  it('never writes a limit below the request', () => {
    const text = placements('-Xmx512m', '')[0].text.replace('memory: 1Gi', 'memory: 3Gi');
    const [f] = check(jvmNoMemoryLimit, text);
    assert.equal(f.fixes![0].title, 'Add a memory limit of `3Gi` (the request; heap 512 MiB + non-heap budget 317.92 MiB fit)');
    assertJvmFix(jvmNoMemoryLimit, text, f, f.fixes![0], `${text}            limits:\n              memory: 3Gi\n`);
  });

  it('falls back to the request or fix.memory when the heap cannot be stated', () => {
    const text = dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: registry.example.com/app:1
            env:
              - name: JAVA_TOOL_OPTIONS
                valueFrom: {secretKeyRef: {name: s, key: k}}
            resources: {requests: {cpu: 100m}}
    `;
    const [f] = check(jvmNoMemoryLimit, text);
    assert.equal(f.message, 'Container `app` runs a JVM without a memory limit: a JVM sizing itself by ergonomics sees node memory (16 GiB)');
    assert.equal(f.fixes![0].title, 'Add a memory limit of `512Mi`');
    assertJvmFix(jvmNoMemoryLimit, text, f, f.fixes![0], text.replace('{requests: {cpu: 100m}}', '{requests: {cpu: 100m}, limits: {memory: 512Mi}}'));
  });

  it('is silent with a limit, in a BestEffort pod, with a pod-level limit, an invalid limit or a templated one', () => {
    assert.deepEqual(check(jvmNoMemoryLimit, placements('-Xmx1536m', '2Gi')[0].text), []);
    const noResources = DEFAULT.replace(/ {10}resources:\n.*\n.*\n/, '');
    assert.deepEqual(check(jvmNoMemoryLimit, noResources), []);
    assert.ok(pipeline(noResources).some((x) => x.startsWith('besteffort-pod: ')));
    const podLevel = DEFAULT.replace('    spec:\n      containers:', '    spec:\n      resources: {limits: {memory: 2Gi}}\n      containers:');
    assert.deepEqual(check(jvmNoMemoryLimit, podLevel), []);
    const invalid = DEFAULT.replace('memory: 512Mi', 'memory: 512Mi\n            limits:\n              memory: 1GB');
    assert.deepEqual(check(jvmNoMemoryLimit, invalid), []);
    const helm = DEFAULT.replace('          resources:\n            requests:\n              memory: 512Mi\n', '          resources:\n{{ toYaml .Values.resources | indent 12 }}\n');
    assert.deepEqual(check(jvmNoMemoryLimit, helm, { helm: true }), []);
  });

  it('reports a zero limit like a missing one', () => {
    const text = DEFAULT.replace('memory: 512Mi', 'cpu: 100m\n            limits:\n              memory: 0');
    const [f] = check(jvmNoMemoryLimit, text);
    assert.match(f.message, /max heap 4 GiB$/);
    assertJvmFix(jvmNoMemoryLimit, text, f, f.fixes![0], text.replace('memory: 0', 'memory: 4594Mi'));
  });
});

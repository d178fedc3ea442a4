// Atlassian Confluence and Jira images size the heap from JVM_MINIMUM_MEMORY / JVM_MAXIMUM_MEMORY (images.ts row
// `atlassian`), as the data-center Helm charts pass them from a ConfigMap (the real corpus file
// atlassian/data-center-helm-charts …/expected_helm_output/confluence/output.yaml: max_heap 1g; jira: 768m). Before
// the row, the JVM default (25 % of node memory) was shown. With JVM_MAXIMUM_MEMORY set the heap is known and judged;
// without it the image's own default is not confirmed, so the rules stay quiet and the hint says "partly unknown".
// Also: a program we cannot see into (Synchrony's
// start script from a volume) makes the heap "partly unknown" instead of showing the JVM default as fact.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildYamlContext } from '../../../server/src/engine/analyze';
import { heapHintLabel } from '../../../server/src/engine/jvm/present';
import { lookupImage } from '../../../server/src/engine/jvm/images';
import { DEFAULT_OPTIONS } from '../../../server/src/engine/options';
import { LineIndex } from '../../../server/src/engine/text';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { pipeline } from '../rules/jvm-helpers';
import { dedent } from './launch-helpers';

const MiB = 1n << 20n;

const TEXT = dedent(`
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: confluence-jvm-config}
  data:
    additional_jvm_args: >-
      -Dconfluence.clusterNodeName.useHostname=true
      -XX:ActiveProcessorCount=2
    max_heap: 1g
    min_heap: 1g
    reserved_code_cache: 256m
  ---
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: confluence}
  spec:
    template:
      spec:
        containers:
          - name: confluence
            image: "atlassian/confluence:10.2.7"
            env:
              - name: JVM_SUPPORT_RECOMMENDED_ARGS
                valueFrom:
                  configMapKeyRef: {key: additional_jvm_args, name: confluence-jvm-config}
              - name: JVM_MINIMUM_MEMORY
                valueFrom:
                  configMapKeyRef: {key: min_heap, name: confluence-jvm-config}
              - name: JVM_MAXIMUM_MEMORY
                valueFrom:
                  configMapKeyRef: {key: max_heap, name: confluence-jvm-config}
              - name: JVM_RESERVED_CODE_CACHE_SIZE
                valueFrom:
                  configMapKeyRef: {key: reserved_code_cache, name: confluence-jvm-config}
              - name: CATALINA_OPTS
                value: "-javaagent:/opt/jmx_prometheus_javaagent.jar=9999:/opt/atlassian/jmx/jmx-config.yaml"
            resources:
              limits: {memory: 2Gi}
          - name: synchrony
            image: "atlassian/confluence:10.2.7"
            command: ["/scripts/start-synchrony.sh"]
            resources:
              limits: {memory: 2Gi}
`);

function analysed() {
  const lines = new LineIndex(TEXT);
  const ctx = buildYamlContext({ text: TEXT, options: DEFAULT_OPTIONS }, parseYaml(TEXT), lines, 16n << 30n);
  const by = (name: string) => ctx.jvmSubjects.find((s) => s.name === name)!;
  return { confluence: by('confluence'), synchrony: by('synchrony') };
}

describe('jvm: Atlassian Confluence and Jira images', () => {
  it('each product has its entry (Confluence, Jira, Bitbucket), not other Atlassian images', () => {
    for (const image of ['atlassian/confluence:10.2.7', 'atlassian/confluence-server:7.19']) {
      assert.equal(lookupImage(image)?.row.id, 'atlassian-confluence', image);
    }
    for (const image of ['atlassian/jira-software:11.3.1', 'docker.io/atlassian/jira-servicemanagement:5']) {
      assert.equal(lookupImage(image)?.row.id, 'atlassian-jira', image);
    }
    assert.equal(lookupImage('atlassian/bitbucket:8')?.row.id, 'atlassian-bitbucket');
    assert.equal(lookupImage('atlassian/bamboo:9'), null);
  });

  it('JVM_MINIMUM_MEMORY / JVM_MAXIMUM_MEMORY from the ConfigMap become -Xms / -Xmx: the heap is 1 GiB, not the JVM default', () => {
    const { confluence } = analysed();
    const a = confluence.analysis;
    assert.equal(a.launch.launcher, 'image-script');
    assert.deepEqual(
      a.launch.tokens.map((t) => t.text),
      // Confluence's order (research images-b1 §9b): code cache and heap from setenv.sh, the user's CATALINA_OPTS,
      // then JVM_SUPPORT_RECOMMENDED_ARGS appended last by the image.
      [
        '-XX:ReservedCodeCacheSize=256m',
        '-Xms1g',
        '-Xmx1g',
        '-javaagent:/opt/jmx_prometheus_javaagent.jar=9999:/opt/atlassian/jmx/jmx-config.yaml',
        '-Dconfluence.clusterNodeName.useHostname=true',
        '-XX:ActiveProcessorCount=2',
      ],
    );
    assert.equal(a.heap!.heapSource, 'Xmx');
    assert.equal(a.heap!.maxHeapBytes, 1024n * MiB);
    assert.deepEqual(a.launch.unreadVariables, []);
    assert.equal(heapHintLabel(a, confluence.limitText), 'heap 1 GiB = 50 % of 2Gi');
    assert.deepEqual(a.launch.imageDefaults.map((d) => [d.rowId, d.applies]), [['atlassian-confluence', false]]);
  });

  it('with JVM_MAXIMUM_MEMORY set the heap is known: the rules judge it (fits 2Gi; not below 900Mi)', () => {
    assert.deepEqual(pipeline(TEXT).filter((f) => f.startsWith('jvm-')), [
      'jvm-fixed-heap: `-Xmx1g` fixes the heap at 1 GiB: it will not follow the container memory limit when the limit changes',
    ]);
    const small = TEXT.replace('limits: {memory: 2Gi}', 'limits: {memory: 900Mi}');
    assert.ok(pipeline(small).some((f) => f.startsWith('jvm-heap-exceeds-limit: `-Xmx1g` heap (1 GiB')), pipeline(small).join('\n'));
  });

  it('without JVM_MAXIMUM_MEMORY the image default is not confirmed: partly unknown, and no size rule fires', () => {
    const bare = dedent(`
      apiVersion: v1
      kind: Pod
      metadata: {name: jira}
      spec:
        containers:
          - name: jira
            image: atlassian/jira-software:11.3.1
            resources:
              limits: {memory: 512Mi}
    `);
    const lines = new LineIndex(bare);
    const [s] = buildYamlContext({ text: bare, options: DEFAULT_OPTIONS }, parseYaml(bare), lines, 16n << 30n).jvmSubjects;
    assert.equal(heapHintLabel(s.analysis, s.limitText), 'heap 128 MiB = 25 % of 512Mi · partly unknown');
    assert.deepEqual(pipeline(bare).filter((f) => f.startsWith('jvm-')), []);
  });

  it('a start script we cannot see (Synchrony from a volume): the heap is said to be partly unknown', () => {
    const { synchrony } = analysed();
    const a = synchrony.analysis;
    assert.equal(a.launch.launcher, 'unknown');
    assert.ok(a.launch.unresolved.some((u) => u.what === '/scripts/start-synchrony.sh' && /options it passes are not known/.test(u.reason)));
    assert.equal(heapHintLabel(a, synchrony.limitText), 'heap 512 MiB = 25 % of 2Gi · partly unknown');
  });
});

// The overlap of jvm-unrecognized-option and the heap rules, decided on the real corpus case of
// confluentinc/cp-helm-charts charts/cp-kafka/templates/statefulset.yaml (the prometheus-jmx-exporter sidecar):
//   java -XX:+UnlockExperimentalVMOptions -XX:+UseCGroupMemoryLimitForHeap -XX:MaxRAMFraction=1 -jar …
// Two causes, two findings: the obsolete flag makes JDK 11+ refuse to start (REFERENCE §2.3), and MaxRAMFraction=1
// makes the heap as large as the limit on every JDK that does start — including JDK 17 once the flag's safe fix has
// removed it. So jvm-heap-exceeds-limit is reported beside it, not suppressed (unlike `-Xms` above `-Xmx`, where the
// heap sizes themselves are what the JVM refuses). Where the limit is a Helm template action the heap rules stay
// quiet (DESIGN.md: no findings on templated values) and only the flag is reported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jvmUnrecognizedOption } from '../../../server/src/engine/rules/jvm-unrecognized-option';
import { check } from '../../helpers/rule-context';
import { applyEdits } from '../../helpers/text';
import { pipeline } from './jvm-helpers';

const LIMIT_512 = ['      resources:', '        limits: {memory: 512Mi}'];

function exporter(image: string, resources: string[] = LIMIT_512): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: kafka}',
    'spec:',
    '  containers:',
    '    - name: prometheus-jmx-exporter',
    `      image: "${image}"`,
    '      command:',
    '        - java',
    '        - -XX:+UnlockExperimentalVMOptions',
    '        - -XX:+UseCGroupMemoryLimitForHeap',
    '        - -XX:MaxRAMFraction=1',
    '        - -XshowSettings:vm',
    '        - -jar',
    '        - jmx_prometheus_httpserver.jar',
    '        - "5556"',
    '        - /etc/jmx-kafka/jmx-kafka-prometheus.yml',
    ...resources,
    '',
  ].join('\n');
}

const UNRECOGNIZED_17 = '`-XX:+UseCGroupMemoryLimitForHeap` makes JDK 17 refuse to start ("Unrecognized VM option \'UseCGroupMemoryLimitForHeap\'")';
const HEAP_AT_LIMIT = 'jvm-heap-exceeds-limit: `-XX:MaxRAMFraction=1` heap (512 MiB) is not below the container memory limit `512Mi`: the container is killed before the heap is full';

describe('jvm-unrecognized-option beside the heap rules (cp-kafka JMX exporter)', () => {
  it('JDK 17 from the tag: both the obsolete flag (error) and the heap at the limit (error)', () => {
    const text = exporter('eclipse-temurin:17-jre');
    const found = pipeline(text);
    assert.ok(found.includes(`jvm-unrecognized-option: ${UNRECOGNIZED_17}`), found.join('\n'));
    assert.ok(found.includes(HEAP_AT_LIMIT), found.join('\n'));
    const [f] = check(jvmUnrecognizedOption, text);
    assert.equal(f.severity, undefined);
  });

  it('after the safe fix removes the flag, the JVM starts and the heap finding is still true', () => {
    const text = exporter('eclipse-temurin:17-jre');
    const [f] = check(jvmUnrecognizedOption, text);
    const after = applyEdits(text, f.fixes![0].edits);
    const found = pipeline(after);
    assert.ok(!found.some((x) => x.startsWith('jvm-unrecognized-option')), found.join('\n'));
    assert.ok(found.includes(HEAP_AT_LIMIT), found.join('\n'));
  });

  it('a digest-pinned image (solsson/kafka-prometheus-jmx-exporter@sha256:…): JDK 17 assumed, the flag is a warning', () => {
    // The corpus image is pinned by digest: no tag names the JDK, so `jvm.defaultJdk` is assumed and said so.
    const text = exporter('solsson/kafka-prometheus-jmx-exporter@sha256:6f82e2b0464f50da8104acd7363fb9b995001ddff77d248379f8788e78946143');
    const [f] = check(jvmUnrecognizedOption, text);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /JDK 17 \(assumed: the image does not say\)/);
    assert.ok(pipeline(text).includes(HEAP_AT_LIMIT));
  });

  it('the limit is a Helm template action: only the flag is reported', () => {
    const text = exporter('{{ .Values.prometheus.jmx.image }}:{{ .Values.prometheus.jmx.imageTag }}', [
      '      resources:',
      '{{ toYaml .Values.prometheus.jmx.resources | indent 10 }}',
    ]);
    const found = pipeline(text);
    assert.deepEqual(found.filter((x) => x.startsWith('jvm-')).map((x) => x.split(':')[0]), ['jvm-unrecognized-option']);
    // The same container with its limit written out does get the heap finding (the silence above is the template's).
    assert.ok(pipeline(exporter('{{ .Values.prometheus.jmx.image }}:{{ .Values.prometheus.jmx.imageTag }}')).includes(HEAP_AT_LIMIT));
  });
});

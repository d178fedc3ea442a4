import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import { analyzeFile } from '../../server/src/engine/analyze';
import { buildMemoryReport, displayPath, escapeHtml, memoryReport, type MemoryReportRow, renderMemoryReportHtml } from '../../server/src/engine/memory-report';
import { DEFAULT_OPTIONS } from '../../server/src/engine/options';
import type { ContainerJson, ImageJson, JvmJson, WorkloadJson } from '../../server/src/engine/json-contract';
import { dedent } from '../helpers/text';

const MI = 1n << 20n;
const GI = 1n << 30n;
const ROOT = resolve(__dirname, '..', '..');
const NONCE = 'TEST-NONCE';

function analyse(text: string, uri = 'file:///ws/app.yaml'): { uri: string; analysis: FileAnalysis } {
  return { uri, analysis: analyzeFile({ uri, text, options: DEFAULT_OPTIONS, mode: 'editor' }) };
}

function rowOf(rows: MemoryReportRow[], container: string): MemoryReportRow {
  const row = rows.find((r) => r.container === container);
  assert.ok(row, `a row for ${container} in ${JSON.stringify(rows.map((r) => r.container))}`);
  return row;
}

/** `part / whole` in percent, two decimals, by plain floating point: an independent check of the bigint arithmetic. */
function pct(part: bigint, whole: bigint): number {
  return Math.round((Number(part) / Number(whole)) * 10000) / 100;
}

function fileWith(workloads: WorkloadJson[], images: ImageJson[] = [], nodeMemoryBytes = 16n * GI): FileAnalysis {
  return {
    kind: 'kubernetes',
    skipped: null,
    nodeMemoryBytes,
    findings: [],
    hints: [],
    lenses: [],
    hovers: [],
    actions: [],
    workloads,
    images,
    notices: [],
    failures: [],
  };
}

function jvm(maxHeapBytes: bigint | null, nonHeapEstimateBytes: bigint | null, extra: Partial<JvmJson> = {}): JvmJson {
  return {
    maxHeapBytes,
    heapSource: 'Xmx',
    initialHeapBytes: null,
    maxRamPercentage: null,
    nonHeapEstimateBytes,
    jdkMajor: 17,
    options: [],
    ...extra,
  };
}

function container(name: string, fields: Partial<ContainerJson> = {}): ContainerJson {
  return { name, role: 'container', memoryRequestBytes: null, memoryLimitBytes: null, oomScoreAdj: 1000, jvm: null, ...fields };
}

const JAVA_APP = dedent`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api
    namespace: shop
  spec:
    template:
      spec:
        initContainers:
          - name: log-shipper
            image: fluent/fluent-bit:3.1
            restartPolicy: Always
            resources:
              requests:
                memory: 64Mi
              limits:
                memory: 128Mi
        containers:
          - name: app
            image: eclipse-temurin:17-jre
            env:
              - name: JAVA_TOOL_OPTIONS
                value: "-XX:MaxRAMPercentage=75.0"
            resources:
              requests:
                memory: 1Gi
              limits:
                memory: 2Gi
`;

describe('memory report rows', () => {
  it('gives one row per container with the QoS, oom_score_adj, request, limit, heap and non-heap of the analysis', () => {
    const input = analyse(JAVA_APP);
    const { rows } = buildMemoryReport([input]);
    assert.deepEqual(
      rows.map((r) => [r.workloadKind, r.workloadName, r.namespace, r.container, r.role]),
      [
        ['Deployment', 'api', 'shop', 'log-shipper', 'sidecar'],
        ['Deployment', 'api', 'shop', 'app', 'container'],
      ],
    );
    const app = rowOf(rows, 'app');
    const c = input.analysis.workloads[0].containers[1];
    assert.equal(app.qosClass, 'Burstable');
    assert.equal(app.oomScoreAdj, c.oomScoreAdj);
    assert.equal(app.requestBytes, String(GI));
    assert.equal(app.limitBytes, String(2n * GI));
    assert.equal(app.heapBytes, String((3n * GI) / 2n), '75 % of 2Gi');
    assert.equal(app.heapSource, 'MaxRAMPercentage');
    assert.equal(app.nonHeapBytes, String(c.jvm!.nonHeapEstimateBytes));
    assert.equal(app.fit, 'fits');
    const sidecar = rowOf(rows, 'log-shipper');
    assert.equal(sidecar.heapBytes, null);
    assert.equal(sidecar.fit, null, 'no JVM: nothing to compare');
  });

  it('sizes the bar segments from the bytes: heap then non-heap, against the limit', () => {
    const { rows } = buildMemoryReport([analyse(JAVA_APP)]);
    const app = rowOf(rows, 'app');
    const bar = app.bar!;
    const limit = 2n * GI;
    const heap = BigInt(app.heapBytes!);
    const nonHeap = BigInt(app.nonHeapBytes!);
    assert.equal(bar.reference, 'limit');
    assert.equal(bar.referenceBytes, String(limit));
    assert.equal(bar.scaleBytes, String(limit));
    assert.equal(bar.referencePercent, 100);
    assert.deepEqual(
      bar.segments.map((s) => s.kind),
      ['heap', 'non-heap'],
    );
    assert.equal(bar.segments[0].startPercent, 0);
    assert.equal(bar.segments[0].widthPercent, 75);
    assert.equal(bar.segments[1].startPercent, 75);
    assert.equal(bar.segments[1].widthPercent, Math.round((pct(heap + nonHeap, limit) - 75) * 100) / 100);
    assert.equal(bar.usedPercent, pct(heap + nonHeap, limit));
  });

  it('draws a container without a JVM as its request against its limit', () => {
    const { rows } = buildMemoryReport([analyse(JAVA_APP)]);
    const bar = rowOf(rows, 'log-shipper').bar!;
    assert.deepEqual(bar.segments, [{ kind: 'request', bytes: String(64n * MI), startPercent: 0, widthPercent: 50 }]);
    assert.equal(bar.usedPercent, 50);
  });

  it('widens the bar past the limit when the heap alone exceeds it and marks the limit inside', () => {
    const heap = 1n * GI;
    const nonHeap = 300n * MI;
    const limit = 512n * MI;
    const report = buildMemoryReport([
      { uri: 'file:///ws/job.yaml', analysis: fileWith([{ kind: 'Job', name: 'report', namespace: null, qosClass: 'Guaranteed', containers: [container('report', { memoryRequestBytes: limit, memoryLimitBytes: limit, oomScoreAdj: -997, jvm: jvm(heap, nonHeap) })] }]) },
    ]);
    const row = report.rows[0];
    assert.equal(row.fit, 'heap-exceeds-limit');
    const bar = row.bar!;
    assert.equal(bar.scaleBytes, String(heap + nonHeap));
    assert.equal(bar.referencePercent, pct(limit, heap + nonHeap));
    assert.equal(bar.segments[0].widthPercent, pct(heap, heap + nonHeap));
    assert.equal(bar.segments[0].widthPercent + bar.segments[1].widthPercent, 100);
    assert.equal(bar.usedPercent, pct(heap + nonHeap, limit));
    const html = renderMemoryReportHtml(report, { nonce: NONCE });
    assert.ok(html.includes(`x1="${bar.referencePercent}%"`), 'the limit mark sits where the numbers put it');
    assert.ok(html.includes(`width="${bar.segments[0].widthPercent}%"`));
    assert.match(html, /heap ≥ limit/);
  });

  it('says no headroom when the heap fits but heap plus the non-heap budget does not', () => {
    const text = dedent`
      apiVersion: v1
      kind: Pod
      metadata:
        name: tight
      spec:
        containers:
          - name: app
            image: eclipse-temurin:17-jre
            command: ["java", "-Xmx900m", "-jar", "app.jar"]
            resources:
              limits:
                memory: 1Gi
    `;
    const row = rowOf(buildMemoryReport([analyse(text)]).rows, 'app');
    assert.equal(row.heapBytes, String(900n * MI));
    assert.equal(row.qosClass, 'Burstable');
    assert.equal(row.fit, 'no-headroom');
    assert.ok(row.bar!.usedPercent > 100);
    assert.ok(row.bar!.referencePercent < 100);
  });

  it('draws a container without a limit against the node memory of its file', () => {
    const text = dedent`
      # oom-lens: node-memory=64Gi
      apiVersion: v1
      kind: Pod
      metadata:
        name: unbounded
      spec:
        containers:
          - name: app
            image: eclipse-temurin:21-jre
            command: ["java", "-Xmx2g", "-jar", "app.jar"]
            resources:
              requests:
                memory: 1Gi
    `;
    const row = rowOf(buildMemoryReport([analyse(text)]).rows, 'app');
    assert.equal(row.fit, 'no-limit');
    assert.equal(row.limitBytes, null);
    assert.equal(row.bar!.reference, 'node');
    assert.equal(row.bar!.referenceBytes, String(64n * GI));
    assert.equal(row.bar!.segments[0].widthPercent, pct(2n * GI, 64n * GI));
  });

  it('has no bar for a BestEffort container without a JVM', () => {
    const text = dedent`
      apiVersion: v1
      kind: Pod
      metadata:
        name: debug
      spec:
        containers:
          - name: shell
            image: busybox
    `;
    const row = rowOf(buildMemoryReport([analyse(text)]).rows, 'shell');
    assert.equal(row.qosClass, 'BestEffort');
    assert.equal(row.oomScoreAdj, 1000);
    assert.equal(row.fit, 'no-limit');
    assert.equal(row.bar, null);
  });

  it('keeps byte values exact as decimal strings, so the rows survive JSON', () => {
    const huge = 10n ** 18n; // `1E`: legal, and above 2^53
    const report = buildMemoryReport([
      { uri: 'file:///ws/a.yaml', analysis: fileWith([{ kind: 'Pod', name: 'big', namespace: null, qosClass: 'Guaranteed', containers: [container('c', { memoryRequestBytes: huge, memoryLimitBytes: huge, oomScoreAdj: -997 })] }]) },
    ]);
    const wire = JSON.parse(JSON.stringify(report.rows)) as MemoryReportRow[];
    assert.deepEqual(wire, report.rows);
    assert.equal(wire[0].limitBytes, '1000000000000000000');
    assert.equal(wire[0].bar!.segments[0].widthPercent, 100);
  });

  it('lists the workloads of a multi-document file in order, skipping LimitRanges', () => {
    const path = resolve(ROOT, 'examples/k8s/orders.yaml');
    const { rows } = buildMemoryReport([analyse(readFileSync(path, 'utf8'), 'file://' + path)]);
    assert.deepEqual(
      rows.map((r) => `${r.workloadKind}/${r.workloadName}/${r.container}`),
      ['Deployment/orders-api/log-shipper', 'Deployment/orders-api/app', 'CronJob/nightly-report/report'],
    );
    // The LimitRange fills the CronJob's limit (512Mi), which its `-Xmx1g` exceeds.
    assert.equal(rowOf(rows, 'report').limitBytes, String(512n * MI));
    assert.equal(rowOf(rows, 'report').fit, 'heap-exceeds-limit');
  });

  it('gives an image a row with its heap rule but no fit or bar, since the pod decides the limit', () => {
    const image: ImageJson = {
      stage: 'runtime',
      baseImage: 'eclipse-temurin:17-jre',
      jdkMajor: 17,
      jvm: jvm(null, null, { heapSource: 'MaxRAMPercentage', maxRamPercentage: 75 }),
    };
    const report = buildMemoryReport([{ uri: 'file:///ws/Dockerfile', analysis: fileWith([], [image]) }]);
    assert.deepEqual(report.rows.map((r) => [r.workloadKind, r.workloadName, r.container, r.role, r.heapBytes, r.maxRamPercentage, r.fit, r.bar]), [
      ['Image', 'eclipse-temurin:17-jre', 'runtime', 'image', null, 75, null, null],
    ]);
    const html = renderMemoryReportHtml(report, { nonce: NONCE });
    assert.match(html, /75% of the limit/);
    assert.match(html, /Image eclipse-temurin:17-jre/);
  });
});

describe('memory report page', () => {
  it('is one self-contained page: a CSP that admits only its nonce-bearing style, no scripts, no external loads', () => {
    const { html } = memoryReport([analyse(JAVA_APP)], { nonce: NONCE });
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${NONCE}';">`));
    assert.equal((html.match(/<style/g) ?? []).length, 1);
    assert.ok(html.includes(`<style nonce="${NONCE}">`));
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import|\sstyle=/i);
    assert.match(html, /var\(--vscode-editor-foreground/);
  });

  it('has a table per workload with the container, role, QoS, oom_score_adj, request, limit, heap and non-heap', () => {
    const { html } = memoryReport([analyse(JAVA_APP)], { nonce: NONCE });
    assert.equal((html.match(/<table>/g) ?? []).length, 1);
    for (const header of ['Container', 'Role', 'QoS', 'oom_score_adj', 'Request', 'Limit', 'Heap', 'Non-heap']) {
      assert.ok(html.includes(`scope="col">${header}</th>`), header);
    }
    const appRow = html.split('\n').find((l) => l.includes('<td class="name">app</td>'))!;
    assert.ok(appRow, 'a row for app');
    assert.match(appRow, /<td>container<\/td><td class="qos qos-burstable">Burstable<\/td>/);
    assert.match(appRow, />2 GiB<\/td>/);
    assert.match(appRow, />1\.5 GiB<span class="source">MaxRAMPercentage<\/span>/);
    assert.match(appRow, /<rect class="seg heap" x="0%" y="0" width="75%"/);
    assert.match(appRow, /<rect class="seg non-heap" x="75%"/);
  });

  it('escapes every piece of user text: names, kinds, namespaces, images and the file path', () => {
    const evil = `<img src=x onerror="alert('x')">&`;
    const analysis = fileWith(
      [{ kind: `Pod${evil}`, name: evil, namespace: evil, qosClass: null, containers: [container(evil, { jvm: jvm(GI, 300n * MI, { heapSource: evil }) })] }],
      [{ stage: evil, baseImage: evil, jdkMajor: null, jvm: null }],
    );
    const html = renderMemoryReportHtml(buildMemoryReport([{ uri: `file:///ws/${encodeURIComponent(evil)}.yaml`, analysis }]), { nonce: NONCE });
    assert.doesNotMatch(html, /<img/);
    assert.ok(html.includes('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;'));
    // The decoded path is shown, escaped.
    assert.ok(html.includes('/ws/&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;.yaml'));
  });

  it('escapes the nonce too, so a caller cannot break out of the attribute', () => {
    const html = renderMemoryReportHtml(buildMemoryReport([]), { nonce: `"><script>` });
    assert.doesNotMatch(html, /<script/);
  });

  it('says so when the files hold nothing to report, and names the files without workloads', () => {
    const empty = { uri: 'file:///ws/values.yaml', analysis: { ...fileWith([]), kind: 'other' as const, skipped: 'not-kubernetes' as const } };
    const none = memoryReport([empty], { nonce: NONCE });
    assert.deepEqual(none.rows, []);
    assert.match(none.html, /No Kubernetes workloads, compose services or Dockerfile images/);
    assert.match(none.html, /Nothing to report in <span title="\/ws\/values.yaml">values.yaml<\/span>/);
    const some = memoryReport([analyse(JAVA_APP), empty], { nonce: NONCE });
    assert.doesNotMatch(some.html, /No Kubernetes workloads/);
    assert.match(some.html, /Nothing to report in/);
  });

  it('summarises the counts over all files', () => {
    const { html } = memoryReport([analyse(JAVA_APP), analyse(readFileSync(resolve(ROOT, 'examples/k8s/orders.yaml'), 'utf8'), 'file:///ws/orders.yaml')], { nonce: NONCE });
    assert.match(html, /2 files · 3 workloads · 5 containers · 1 over its limit · 0 without a memory limit/);
  });
});

describe('escapeHtml and displayPath', () => {
  it('escapes the five HTML-significant characters', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('shows file URIs as decoded paths, Windows drive letters without the leading slash, other URIs as they are', () => {
    assert.equal(displayPath('file:///home/me/k8s%20files/app.yaml'), '/home/me/k8s files/app.yaml');
    assert.equal(displayPath('file:///c%3A/work/app.yaml'), 'c:/work/app.yaml');
    assert.equal(displayPath('untitled:Untitled-1'), 'untitled:Untitled-1');
    // Inside a workspace folder: relative to it (with or without the folder's trailing slash).
    assert.equal(displayPath('file:///home/me/shop/k8s%20files/app.yaml', ['file:///srv', 'file:///home/me/shop']), 'k8s files/app.yaml');
    assert.equal(displayPath('file:///home/me/shop/app.yaml', ['file:///home/me/shop/']), 'app.yaml');
    assert.equal(displayPath('file:///home/me/shopping/app.yaml', ['file:///home/me/shop']), '/home/me/shopping/app.yaml');
  });
});

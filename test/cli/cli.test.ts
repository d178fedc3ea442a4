// The bundled CLI (dist/cli.js) against the contract in DESIGN.md "Contract: the CLI".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oom-lens-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const BURSTABLE = `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: app
      image: nginx
      resources:
        requests:
          memory: 1Gi
        limits:
          memory: 2Gi
`;

describe('oom-lens check', () => {
  it('prints a table per workload with QoS and oom_score_adj', () => {
    const dir = tmp({ 'pod.yaml': BURSTABLE });
    const r = run(['check', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Pod\/api\s+Burstable/);
    assert.match(r.stdout, /app\s+container\s+1 GiB\s+2 GiB\s+938/);
    assert.match(r.stdout, /1 file checked, 0 errors, 0 warnings/);
  });

  it('honours --node-memory in the scores', () => {
    const dir = tmp({ 'pod.yaml': BURSTABLE });
    const r = run(['check', '--node-memory', '64Gi', '--format', 'json', dir]);
    const report = JSON.parse(r.stdout);
    assert.equal(report.nodeMemoryBytes, 68719476736);
    assert.equal(report.files[0].workloads[0].containers[0].oomScoreAdj, 985);
  });

  it('prints the JSON contract with integer byte values and null jvm', () => {
    const dir = tmp({ 'pod.yaml': BURSTABLE });
    const r = run(['check', '--format', 'json', dir]);
    const report = JSON.parse(r.stdout);
    assert.equal(report.version, 1);
    const file = report.files[0];
    assert.equal(file.skipped, null);
    assert.deepEqual(file.workloads[0], {
      kind: 'Pod',
      name: 'api',
      namespace: null,
      qosClass: 'Burstable',
      containers: [{ name: 'app', role: 'container', memoryRequestBytes: 1073741824, memoryLimitBytes: 2147483648, oomScoreAdj: 938, jvm: null }],
    });
    assert.deepEqual(file.images, []);
    assert.deepEqual(file.diagnostics, []);
  });

  it('exits 1 on an error finding, 0 with --fail-on none, and lists diagnostics in position order', () => {
    const dir = tmp({ 'bad.yaml': BURSTABLE.replace('memory: 2Gi', 'memory: 2GB').replace('memory: 1Gi', 'memory: 1GB') });
    const r = run(['check', '--format', 'json', dir]);
    assert.equal(r.status, 1);
    const diags = JSON.parse(r.stdout).files[0].diagnostics;
    assert.deepEqual(
      diags.map((d: { code: string; range: { start: { line: number } } }) => [d.code, d.range.start.line]),
      [
        ['invalid-quantity', 10],
        ['invalid-quantity', 12],
      ],
    );
    assert.equal(run(['check', '--fail-on', 'none', dir]).status, 0);
  });

  it('fails on warnings only when asked to', () => {
    const dir = tmp({ 'pod.yaml': BURSTABLE.replace(/\s+limits:\n\s+memory: 2Gi\n/, '\n') });
    assert.equal(run(['check', dir]).status, 0);
    assert.equal(run(['check', '--fail-on', 'warning', dir]).status, 1);
  });

  it('exits 2 on usage errors', () => {
    assert.equal(run(['check']).status, 2);
    assert.equal(run(['lint', '.']).status, 2);
    assert.equal(run(['check', '--format', 'xml', '.']).status, 2);
    assert.equal(run(['check', '--node-memory', 'lots', '.']).status, 2);
    assert.equal(run(['check', '/does/not/exist']).status, 2);
  });

  it('reports an unparsable file with yaml-syntax and goes on with the others', () => {
    const dir = tmp({ 'a-broken.yaml': 'apiVersion: v1\nkind: Pod\nspec: [\n', 'b-pod.yaml': BURSTABLE });
    const r = run(['check', '--format', 'json', dir]);
    const report = JSON.parse(r.stdout);
    assert.equal(report.files.length, 2);
    assert.equal(report.files[0].diagnostics[0].code, 'yaml-syntax');
    assert.equal(report.files[1].workloads[0].name, 'api');
  });

  it('reads .oom-lens.yaml and lets flags override it', () => {
    const dir = tmp({ 'pod.yaml': BURSTABLE, '.oom-lens.yaml': 'nodeMemory: 32Gi\n' });
    const fromFile = JSON.parse(run(['check', '--format', 'json', 'pod.yaml'], dir).stdout);
    assert.equal(fromFile.files[0].workloads[0].containers[0].oomScoreAdj, 1000 - Math.floor(1000 / 32));
    const fromFlag = JSON.parse(run(['check', '--format', 'json', '--node-memory', '16Gi', 'pod.yaml'], dir).stdout);
    assert.equal(fromFlag.files[0].workloads[0].containers[0].oomScoreAdj, 938);
  });

  it('prints SARIF 2.1.0 with one rule per code and fixes', () => {
    const dir = tmp({ 'bad.yaml': BURSTABLE.replace('memory: 2Gi', 'memory: 2GB') });
    const sarif = JSON.parse(run(['check', '--format', 'sarif', dir]).stdout);
    assert.equal(sarif.version, '2.1.0');
    const runs = sarif.runs[0];
    assert.deepEqual(runs.tool.driver.rules.map((r: { id: string }) => r.id), ['invalid-quantity']);
    assert.match(runs.tool.driver.rules[0].helpUri, /docs\/rules\/invalid-quantity\.md$/);
    const result = runs.results[0];
    assert.equal(result.locations[0].physicalLocation.region.startLine, 13);
    assert.equal(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '2Gi');
  });

  it('marks a Helm template whose resources are template actions as partial, in text and JSON', () => {
    const chart = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: {{ .Release.Name }}',
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: example/app:1',
      '      resources:',
      '{{ toYaml .Values.resources | indent 8 }}',
      '',
    ].join('\n');
    const dir = tmp({ 'pod.yaml': chart });
    const text = run(['check', '--fail-on', 'none', dir]).stdout;
    assert.match(text, /Pod\/\S+\s+BestEffort \(templated values not counted\)/);
    assert.doesNotMatch(text, /memory-limit-missing/);
    const json = JSON.parse(run(['check', '--format', 'json', dir]).stdout);
    assert.equal(json.files[0].workloads[0].partial, true);
    // A plain manifest has no `partial` field at all.
    const plain = JSON.parse(run(['check', '--format', 'json', tmp({ 'pod.yaml': BURSTABLE })]).stdout);
    assert.equal('partial' in plain.files[0].workloads[0], false);
  });

  it('runs the demo on examples/', () => {
    const r = run(['check', 'examples/']);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /Deployment\/orders-api -n shop\s+Burstable/);
  });
});

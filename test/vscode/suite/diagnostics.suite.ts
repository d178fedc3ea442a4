// Diagnostics as VS Code shows them: rule id as the code, the rule's page as its link, the smallest range.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, lineOf, open, ruleDocsUrl, waitForDiagnostics } from './helpers';

describe('diagnostics', () => {
  it('reports `1GB` and `2GB` in storefront.yaml as invalid-quantity errors on exactly the value, linked to the rule page', async () => {
    const { document: doc } = await open('k8s/storefront.yaml');
    const ds = await waitForDiagnostics(doc.uri, 'two invalid-quantity diagnostics', (all) =>
      all.filter((d) => codeOf(d) === 'invalid-quantity').length === 2);
    for (const spelled of ['1GB', '2GB']) {
      const line = lineOf(doc, new RegExp(`memory: ${spelled}\\s*$`));
      const start = doc.lineAt(line).text.indexOf(spelled);
      const d = ds.find((x) => codeOf(x) === 'invalid-quantity' && x.range.start.line === line);
      assert.ok(d, `no invalid-quantity on line ${line + 1}`);
      assert.deepEqual([d.range.start.character, d.range.end.line, d.range.end.character], [start, line, start + spelled.length]);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.match(d.message, new RegExp(`\`${spelled}\``));
      assert.equal(typeof d.code === 'object' ? d.code.target.toString(true) : undefined, ruleDocsUrl('invalid-quantity'));
    }
  });

  it('warns that the debug-shell pod is BestEffort, once, linked to besteffort-pod', async () => {
    const { document: doc } = await open('k8s/storefront.yaml');
    const ds = await waitForDiagnostics(doc.uri, 'a besteffort-pod diagnostic', (all) => all.some((d) => codeOf(d) === 'besteffort-pod'));
    const found = ds.filter((d) => codeOf(d) === 'besteffort-pod');
    assert.equal(found.length, 1);
    const podStart = lineOf(doc, /^kind: Pod\s*$/);
    assert.ok(found[0].range.start.line >= podStart - 1, `reported on line ${found[0].range.start.line + 1}, before the Pod`);
    assert.equal(found[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(typeof found[0].code === 'object' ? found[0].code.target.toString(true) : undefined, ruleDocsUrl('besteffort-pod'));
  });

  it('finds the report job\'s `-Xmx1g` at or above the 512Mi limit its LimitRange gives it (jvm-heap-exceeds-limit)', async () => {
    const { document: doc } = await open('k8s/orders.yaml');
    // The CronJob container declares no resources; the LimitRange's `default` supplies its limit.
    const limitRangeDefault = lineOf(doc, /^\s*default:\s*$/);
    const limit = /memory:\s*(\S+)/.exec(doc.lineAt(limitRangeDefault + 1).text)?.[1];
    assert.equal(limit, '512Mi', 'the example changed: re-derive this test');
    const xmxLine = lineOf(doc, /-Xmx1g/);
    const ds = await waitForDiagnostics(doc.uri, 'jvm-heap-exceeds-limit on -Xmx1g', (all) =>
      all.some((d) => codeOf(d) === 'jvm-heap-exceeds-limit' && d.range.start.line === xmxLine));
    const d = ds.find((x) => codeOf(x) === 'jvm-heap-exceeds-limit')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(d.range).includes('-Xmx1g'), true, `range covers \`${doc.getText(d.range)}\``);
    assert.equal(typeof d.code === 'object' ? d.code.target.toString(true) : undefined, ruleDocsUrl('jvm-heap-exceeds-limit'));
  });

  it('reports nothing about the orders-api Deployment, whose containers all have requests and limits', async () => {
    const { document: doc } = await open('k8s/orders.yaml');
    // The CronJob's finding shows that the server's diagnostics for this file have arrived; then look at the Deployment.
    const ds = await waitForDiagnostics(doc.uri, 'the CronJob finding in orders.yaml', (all) =>
      all.some((d) => codeOf(d) === 'jvm-heap-exceeds-limit'));
    const from = lineOf(doc, /^kind: Deployment\s*$/);
    const to = lineOf(doc, /^kind: CronJob\s*$/);
    const inDeployment = ds.filter((d) => d.range.start.line > from && d.range.start.line < to && d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(inDeployment.map((d) => `${codeOf(d)}@${d.range.start.line + 1}`), []);
  });
});

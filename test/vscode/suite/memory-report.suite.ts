// "OOM Lens: Show Memory Report" through the command VS Code runs from the Command Palette: the command resolves and a
// webview tab with the report's title appears in the editor's tab groups, and is re-used on a second run. What the
// page shows (a row per container with QoS, score and heap) is read from the rendered webview by the UI smoke test
// (test/e2e/ui-smoke.mjs) and checked field by field at the protocol level (test/lsp/memory-report.test.ts): the vscode
// API gives an extension no way to read another extension's webview HTML.
import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { manifest, open, waitFor } from './helpers';

const COMMAND = 'oomLens.showMemoryReport';
const VIEW_TYPE = 'oomLens.memoryReport';

function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    // VS Code prefixes an extension's viewType in the tab input (`mainThreadWebview-<viewType>`).
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

async function closeReportTabs(): Promise<void> {
  const tabs = reportTabs();
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

describe('memory report command', () => {
  afterEach(closeReportTabs);

  it('is contributed as "OOM Lens: Show Memory Report" and registered by the extension', async () => {
    await open('k8s/orders.yaml');
    const contributed = (manifest().contributes.commands as Array<{ command: string; title: string; category?: string }>)
      .find((c) => c.command === COMMAND);
    assert.ok(contributed, `${COMMAND} is not in contributes.commands`);
    assert.equal(`${contributed.category}: ${contributed.title}`, 'OOM Lens: Show Memory Report');
    assert.ok((await vscode.commands.getCommands(true)).includes(COMMAND), `${COMMAND} is not registered`);
  });

  it('opens a webview tab "Memory Report: orders.yaml" beside orders.yaml, keeping the editor focused', async () => {
    const editor = await open('k8s/orders.yaml');
    await closeReportTabs();
    await vscode.commands.executeCommand(COMMAND);
    const tabs = await waitFor('a memory report tab', () => (reportTabs().length ? reportTabs() : undefined));
    assert.equal(tabs.length, 1);
    assert.equal(tabs[0].label, 'Memory Report: orders.yaml');
    // ViewColumn.Beside with preserveFocus: another group than the manifest's, and the manifest stays active.
    assert.notEqual(tabs[0].group.viewColumn, editor.viewColumn);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
  });

  it('re-uses the one panel: run again from storefront.yaml, it is retitled, not duplicated', async () => {
    await open('k8s/orders.yaml');
    await closeReportTabs();
    await vscode.commands.executeCommand(COMMAND);
    await waitFor('the orders.yaml report', () => reportTabs().find((t) => t.label === 'Memory Report: orders.yaml'));
    await open('k8s/storefront.yaml');
    await vscode.commands.executeCommand(COMMAND);
    await waitFor('the storefront.yaml report', () => reportTabs().find((t) => t.label === 'Memory Report: storefront.yaml'));
    assert.deepEqual(reportTabs().map((t) => t.label), ['Memory Report: storefront.yaml']);
  });

  it('reports on a file named by a menu (a URI argument) rather than the active editor', async () => {
    const orders = await open('k8s/orders.yaml');
    await open('k8s/storefront.yaml');
    await closeReportTabs();
    await vscode.commands.executeCommand(COMMAND, orders.document.uri);
    await waitFor('the orders.yaml report', () => reportTabs().find((t) => t.label === 'Memory Report: orders.yaml'));
  });
});

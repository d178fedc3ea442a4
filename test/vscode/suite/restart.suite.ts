// "OOM Lens: Restart Server": after the restart the new server has the open documents again and keeps analysing
// edits, so diagnostics (and hovers) still work.
import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, containerLine, hoverMarkdown, lineOf, open, revert, waitFor, waitForDiagnostics } from './helpers';

describe('restart server command', () => {
  let editor: vscode.TextEditor | undefined;
  afterEach(async () => {
    if (editor) await revert(editor);
    editor = undefined;
  });

  it('restarts, then re-publishes diagnostics and analyses a later edit', async () => {
    editor = await open('k8s/orders.yaml');
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, 'jvm-heap-exceeds-limit before the restart', (all) =>
      all.some((d) => codeOf(d) === 'jvm-heap-exceeds-limit'));
    assert.ok((await vscode.commands.getCommands(true)).includes('oomLens.restartServer'));
    await vscode.commands.executeCommand('oomLens.restartServer');
    // The restarted server re-reads the open document and publishes the same finding.
    await waitForDiagnostics(doc.uri, 'jvm-heap-exceeds-limit after the restart', (all) =>
      all.some((d) => codeOf(d) === 'jvm-heap-exceeds-limit' && /-Xmx1g/.test(d.message)));
    // An edit after the restart is analysed: -Xmx1g → -Xmx2g changes the finding's message.
    const line = lineOf(doc, /-Xmx1g/);
    const col = doc.lineAt(line).text.indexOf('-Xmx1g');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(line, col, line, col + '-Xmx1g'.length), '-Xmx2g');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await waitForDiagnostics(doc.uri, 'the finding to name -Xmx2g', (all) =>
      all.some((d) => codeOf(d) === 'jvm-heap-exceeds-limit' && /-Xmx2g/.test(d.message)));
    // Hovers come from the new server too.
    const app = containerLine(doc, 'app');
    const md = await waitFor('a hover on `app` after the restart', async () => {
      const text = await hoverMarkdown(doc, new vscode.Position(app, doc.lineAt(app).text.indexOf('app') + 1));
      return text.includes('oom_score_adj') ? text : undefined;
    });
    assert.match(md, /Burstable/);
  });
});

// Quick fixes through the real editor path: ask VS Code for code actions, apply one with workspace.applyEdit,
// and watch the finding go away when the server re-analyses the edited text.
import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, lineOf, open, quickFixes, revert, waitForDiagnostics } from './helpers';

describe('quick fixes', () => {
  let editor: vscode.TextEditor | undefined;
  afterEach(async () => {
    if (editor) await revert(editor);
    editor = undefined;
  });

  it('rewrites `1GB` to `1Gi` with the preferred fix, and the invalid-quantity finding on that line goes away', async () => {
    editor = await open('k8s/storefront.yaml');
    const doc = editor.document;
    const line = lineOf(doc, /memory: 1GB\s*$/);
    const ds = await waitForDiagnostics(doc.uri, 'invalid-quantity on `1GB`', (all) =>
      all.some((d) => codeOf(d) === 'invalid-quantity' && d.range.start.line === line));
    const d = ds.find((x) => codeOf(x) === 'invalid-quantity' && x.range.start.line === line)!;
    const actions = await quickFixes(doc, d.range);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, `preferred: ${JSON.stringify(actions.map((a) => [a.title, a.isPreferred]))}`);
    assert.match(preferred[0].title, /1Gi/);
    assert.ok(preferred[0].edit, 'the fix carries no edit');
    assert.equal(await vscode.workspace.applyEdit(preferred[0].edit), true);
    assert.match(doc.lineAt(line).text, /memory: 1Gi$/);
    const after = await waitForDiagnostics(doc.uri, 'the finding on the fixed line to go', (all) =>
      !all.some((x) => codeOf(x) === 'invalid-quantity' && x.range.start.line === line));
    // The other bad value, `2GB`, is still reported: the fix touched one finding only.
    const other = lineOf(doc, /memory: 2GB\s*$/);
    assert.ok(after.some((x) => codeOf(x) === 'invalid-quantity' && x.range.start.line === other));
  });

  it('fixes both spellings at once with source.fixAll.oomLens, a safe bulk fix', async () => {
    editor = await open('k8s/storefront.yaml');
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, 'two invalid-quantity diagnostics', (all) =>
      all.filter((d) => codeOf(d) === 'invalid-quantity').length === 2);
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', doc.uri, whole, 'source.fixAll.oomLens')) ?? [];
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.oomLens');
    assert.ok(fixAll?.edit, `no source.fixAll.oomLens action: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(await vscode.workspace.applyEdit(fixAll.edit), true);
    assert.doesNotMatch(doc.getText(), /\dGB\b/);
    assert.match(doc.getText(), /memory: 1Gi\s*\n/);
    assert.match(doc.getText(), /memory: 2Gi\s*\n/);
    await waitForDiagnostics(doc.uri, 'no invalid-quantity left', (all) => !all.some((d) => codeOf(d) === 'invalid-quantity'));
  });
});

// A settings change reaches the server and re-computes the scores: oomLens.nodeMemory 16Gi → 64Gi.
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { burstableScore, bytesOf, containerLine, hintsOnLine, hoverMarkdown, open, resourceValue, waitFor } from './helpers';

async function setNodeMemory(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('oomLens').update('nodeMemory', value, vscode.ConfigurationTarget.Workspace);
}

describe('settings', () => {
  after(() => setNodeMemory(undefined));

  it('re-computes oom_score_adj in hints and hovers when oomLens.nodeMemory changes', async () => {
    const { document: doc } = await open('k8s/orders.yaml');
    const line = containerLine(doc, 'app');
    const request = bytesOf(resourceValue(doc, line, 'requests', 'memory')!);
    const on16 = `Burstable · oom_score_adj ${burstableScore(request, bytesOf('16Gi'))}`;
    const on64 = `Burstable · oom_score_adj ${burstableScore(request, bytesOf('64Gi'))}`;
    assert.notEqual(on16, on64, 'the example must give different scores on 16Gi and 64Gi nodes');
    await waitFor(`\`${on16}\` with the default node size`, async () => ((await hintsOnLine(doc, line)).includes(on16) ? true : undefined));

    await setNodeMemory('64Gi');
    await waitFor(`\`${on64}\` after the change`, async () => ((await hintsOnLine(doc, line)).includes(on64) ? true : undefined));
    const at = new vscode.Position(line, doc.lineAt(line).text.indexOf('app') + 1);
    const md = await hoverMarkdown(doc, at);
    assert.ok(md.includes(String(bytesOf('64Gi'))), 'the hover still computes with another node size');

    await setNodeMemory(undefined);
    await waitFor(`\`${on16}\` once the setting is removed`, async () => ((await hintsOnLine(doc, line)).includes(on16) ? true : undefined));
  });
});

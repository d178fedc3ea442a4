// Hovers and code lenses: the explanation behind a container's numbers, and a summary over each workload.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { burstableScore, bytesOf, codeLenses, containerLine, hoverMarkdown, lineOf, open, resourceValue, waitFor } from './helpers';

const NODE_16GI = bytesOf('16Gi');

describe('hover', () => {
  it('explains the app container\'s score with the kubelet formula and this file\'s numbers', async () => {
    const { document: doc } = await open('k8s/orders.yaml');
    const line = containerLine(doc, 'app');
    const request = bytesOf(resourceValue(doc, line, 'requests', 'memory')!);
    const score = burstableScore(request, NODE_16GI);
    const at = new vscode.Position(line, doc.lineAt(line).text.indexOf('app') + 1);
    const md = await waitFor('a hover on `app`', async () => {
      const text = await hoverMarkdown(doc, at);
      return text.includes('oom_score_adj') ? text : undefined;
    });
    assert.match(md, /Burstable/);
    assert.ok(md.includes(String(score)), `the hover does not name the score ${score}`);
    // The formula is shown with the request and the node capacity in bytes.
    assert.ok(md.includes(String(request)), `the hover does not show the request ${request}`);
    assert.ok(md.includes(String(NODE_16GI)), `the hover does not show the capacity ${NODE_16GI}`);
  });

  it('says where a LimitRange filled in the report job\'s memory request', async () => {
    const { document: doc } = await open('k8s/orders.yaml');
    const line = containerLine(doc, 'report');
    const at = new vscode.Position(line, doc.lineAt(line).text.indexOf('report') + 1);
    const md = await waitFor('a hover on `report`', async () => {
      const text = await hoverMarkdown(doc, at);
      return text.includes('oom_score_adj') ? text : undefined;
    });
    const limitRangeName = /kind: LimitRange\s*\nmetadata:\s*\n\s*name:\s*(\S+)/.exec(doc.getText())?.[1];
    assert.ok(limitRangeName, 'orders.yaml has no named LimitRange');
    assert.ok(md.includes(limitRangeName), `the hover does not name LimitRange ${limitRangeName}`);
  });
});

describe('code lens', () => {
  it('puts a lens over each workload: Burstable for orders-api, BestEffort · oom_score_adj 1000 for debug-shell', async () => {
    const orders = (await open('k8s/orders.yaml')).document;
    const deploymentStart = lineOf(orders, /^kind: Deployment\s*$/) - 1; // its `apiVersion:` line
    const lenses = await waitFor('code lenses on orders.yaml', async () => {
      const l = await codeLenses(orders);
      return l.length >= 2 ? l : undefined;
    });
    const deployment = lenses.find((l) => l.range.start.line === deploymentStart);
    assert.ok(deployment?.command, `no lens on line ${deploymentStart + 1}: ${JSON.stringify(lenses.map((l) => [l.range.start.line, l.command?.title]))}`);
    assert.match(deployment.command.title, /^Burstable · oom_score_adj /);

    const storefront = (await open('k8s/storefront.yaml')).document;
    const podStart = lineOf(storefront, /^kind: Pod\s*$/) - 1;
    const podLens = await waitFor('the debug-shell lens', async () =>
      (await codeLenses(storefront)).find((l) => l.range.start.line === podStart));
    assert.equal(podLens.command?.title, 'BestEffort · oom_score_adj 1000');
  });
});

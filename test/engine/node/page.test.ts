// The node view's page and hover paragraph: what they say comes from the plan.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { killOrderMarkdown } from '../../../server/src/engine/node/hover';
import { nodeSummary, renderNodeViewHtml } from '../../../server/src/engine/node/page';
import { deployment, planOf } from './helpers';

const FILE =
  deployment('a', 3, '{requests: {memory: 4Gi}, limits: {memory: 12Gi}}') +
  deployment('g', 1, '{requests: {memory: 1Gi, cpu: 1}, limits: {memory: 1Gi, cpu: 1}}');

describe('node view page', () => {
  it('summarises the packing and the overcommit', () => {
    const plan = planOf(FILE);
    assert.equal(nodeSummary(plan), 'Needs 1 node of 16 GiB (custom profile); limits overcommit the node up to 2.327×');
  });

  it('draws one node, lists both orders with links, escapes and has no scripts', () => {
    const plan = planOf(FILE);
    for (const w of plan.nodes[0].pods) w.workload.uri = 'file:///w/<x>.yaml';
    const html = renderNodeViewHtml(plan, { nonce: 'n0nce', revealCommand: 'oomLens.revealInEditor' });
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /<style nonce="n0nce">/);
    assert.match(html, /<svg class="node"/);
    assert.match(html, /fill="url\(#hatch\)"/);
    assert.equal((html.match(/<tr><td class="num">/g) ?? []).length, 4 + 4); // 4 pods evicted, 4 containers
    assert.match(html, /href="command:oomLens\.revealInEditor\?%5B%22file%3A%2F%2F%2Fw%2F%3Cx%3E\.yaml%22/);
    assert.doesNotMatch(html, /<x>/);
  });

  it('caps long lists', () => {
    const plan = planOf(deployment('many', 300, '{requests: {memory: 10Mi}}'));
    const html = renderNodeViewHtml(plan, { nonce: 'x', maxRows: 50 });
    assert.match(html, /… and 250 more\./);
  });

  it('says where a workload sits in the kill order', () => {
    const plan = planOf(FILE);
    const a = plan.nodes[0].pods.find((p) => p.workload.name === 'a')!.workload;
    const g = plan.nodes[0].pods.find((p) => p.workload.name === 'g')!.workload;
    assert.equal(
      killOrderMarkdown(plan, a, a.containers[0]),
      "**Node view** · 16 GiB node (custom, allocatable 15.9 GiB), limit scenario, this file's workloads packed: replica 0 is evicted **1st** of 4 pods · OOM-killed **3rd** of 4 containers (score 1499, oom_score_adj 750). _An estimate from declared numbers._",
    );
    assert.match(killOrderMarkdown(plan, g, g.containers[0])!, /evicted \*\*4th\*\* of 4 pods · OOM-killed \*\*4th\*\* of 4 containers/);
  });
});

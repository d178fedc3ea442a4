// Inlay hints: each container's QoS class and oom_score_adj at the end of its `name:` line, with the expected score
// computed here from the file's numbers and the node size (REFERENCE.md §1.1), not copied from the extension.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { burstableScore, bytesOf, containerLine, hintsOnLine, hintText, inlayHints, lineOf, open, resourceValue, sidecarScore, waitFor } from './helpers';

const NODE_16GI = bytesOf('16Gi'); // the default of oomLens.nodeMemory

describe('inlay hints', () => {
  it('shows `Burstable · oom_score_adj N` after the app container, N from its 1Gi request on a 16Gi node', async () => {
    const { document: doc } = await open('k8s/orders.yaml');
    const line = containerLine(doc, 'app');
    const request = bytesOf(resourceValue(doc, line, 'requests', 'memory')!);
    const expected = `Burstable · oom_score_adj ${burstableScore(request, NODE_16GI)}`;
    const hints = await waitFor(`the hint on line ${line + 1}`, async () => {
      const h = await hintsOnLine(doc, line);
      return h.some((x) => x.startsWith('Burstable')) ? h : undefined;
    });
    assert.ok(hints.includes(expected), `hints ${JSON.stringify(hints)} lack ${JSON.stringify(expected)}`);
  });

  it('gives the log-shipper sidecar no higher a score than the smallest regular container', async () => {
    const { document: doc } = await open('k8s/orders.yaml');
    const sidecar = containerLine(doc, 'log-shipper');
    const own = bytesOf(resourceValue(doc, sidecar, 'requests', 'memory')!);
    const app = bytesOf(resourceValue(doc, containerLine(doc, 'app'), 'requests', 'memory')!);
    const expected = `Burstable · oom_score_adj ${sidecarScore(own, [app], NODE_16GI)}`;
    const hints = await waitFor('the sidecar hint', async () => {
      const h = await hintsOnLine(doc, sidecar);
      return h.length ? h : undefined;
    });
    assert.ok(hints.includes(expected), `hints ${JSON.stringify(hints)} lack ${JSON.stringify(expected)}`);
  });

  it('scores the report job from the LimitRange defaultRequest, since it declares no resources', async () => {
    const { document: doc } = await open('k8s/orders.yaml');
    // LimitRange items say `defaultRequest:` rather than `requests:`; the memory key sits right under it.
    const m = /defaultRequest:\s*\n\s*memory:\s*(\S+)/.exec(doc.getText());
    assert.ok(m, 'orders.yaml has no LimitRange defaultRequest memory');
    const line = containerLine(doc, 'report');
    const expected = `Burstable · oom_score_adj ${burstableScore(bytesOf(m[1]), NODE_16GI)}`;
    const hints = await waitFor('the report hint', async () => {
      const h = await hintsOnLine(doc, line);
      return h.length ? h : undefined;
    });
    assert.ok(hints.includes(expected), `hints ${JSON.stringify(hints)} lack ${JSON.stringify(expected)}`);
  });

  it('shows the app JVM\'s heap: MaxRAMPercentage of its memory limit', async () => {
    const { document: doc } = await open('k8s/orders.yaml');
    const from = containerLine(doc, 'app');
    const to = lineOf(doc, /^---\s*$/, from);
    const limit = bytesOf(resourceValue(doc, from, 'limits', 'memory')!);
    const percent = Number(/-XX:MaxRAMPercentage=([\d.]+)/.exec(doc.getText(new vscode.Range(from, 0, to, 0)))?.[1]);
    assert.ok(percent > 0, 'the app container no longer sets -XX:MaxRAMPercentage');
    // HotSpot: MaxHeapSize = physical memory × MaxRAMPercentage / 100, aligned down to the heap alignment
    // (REFERENCE.md §2.1); 75 % of 2Gi is 1.5 GiB, already aligned to any G1 region size.
    const heap = (limit * BigInt(Math.round(percent * 100))) / 10_000n;
    const mib = heap / (1n << 20n);
    const spellings = [`${Number(mib) / 1024} GiB`, `${Number(mib) / 1024}Gi`, `${mib}Mi`, `${mib} MiB`, String(heap)];
    const hints = await waitFor('a heap hint in the app container', async () => {
      const all = (await inlayHints(doc)).filter((h) => h.position.line >= from && h.position.line < to).map(hintText);
      return all.some((t) => /heap/i.test(t)) ? all : undefined;
    });
    const heapHint = hints.find((t) => /heap/i.test(t))!;
    assert.ok(spellings.some((s) => heapHint.includes(s)), `\`${heapHint}\` names none of ${spellings.join(', ')}`);
  });

  it('shows `BestEffort · oom_score_adj 1000` for a container without any resources', async () => {
    const { document: doc } = await open('k8s/storefront.yaml');
    const line = containerLine(doc, 'shell');
    const hints = await waitFor('the shell hint', async () => {
      const h = await hintsOnLine(doc, line);
      return h.length ? h : undefined;
    });
    assert.ok(hints.includes('BestEffort · oom_score_adj 1000'), JSON.stringify(hints));
  });
});

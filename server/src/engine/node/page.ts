// The node view as one self-contained page (no scripts, no external resources; colours from the VS Code theme):
// one node's memory picture, the packing summary, per-node sums, and the ranked eviction and OOM-kill lists with
// each row linked to its workload or container (a `command:` link the client allows). Pure presentation of a
// NodePlan: every number comes from plan.ts.
import { formatBytes } from '../bytes';
import { displayPath, escapeHtml } from '../memory-report';
import type { Range } from '../types';
import type { NodeWorkload } from './model';
import type { NodePlan, PlannedNode } from './plan';

export interface NodePageOptions {
  /** The nonce of the page's one `<style>` element (its Content-Security-Policy admits nothing else). */
  nonce: string;
  roots?: readonly string[];
  /** The command a row's link runs with `[uri, line, character]` (the client's allow-listed reveal command). */
  revealCommand?: string;
  /** Rows per ranked list before "… and N more" (the page stays light with thousands of pods). */
  maxRows?: number;
}

const SCENARIO_TEXT = {
  request: 'every container at its request',
  limit: 'every container at its limit (its request when it has none)',
  expected: 'JVMs at heap + non-heap budget, others at their request',
};

function link(text: string, uri: string | undefined, range: Range | null, o: NodePageOptions): string {
  const label = escapeHtml(text);
  if (!o.revealCommand || !uri || !range) return label;
  const args = encodeURIComponent(JSON.stringify([uri, range.start.line, range.start.character]));
  return `<a href="command:${escapeHtml(o.revealCommand)}?${escapeHtml(args)}" title="${escapeHtml(displayPath(uri, o.roots))}:${range.start.line + 1}">${label}</a>`;
}

function podLabel(w: NodeWorkload, replica: number): string {
  return `${w.kind}/${w.name ?? '<unnamed>'}${w.namespace ? ` (${w.namespace})` : ''} #${replica}`;
}

/** The packing summary: "needs 3 nodes of 16 GiB; limits overcommit the node up to 2.4×". */
export function nodeSummary(plan: NodePlan): string {
  const n = plan.nodes.length;
  const worst = plan.nodes.reduce<number | null>((m, x) => (x.overcommit !== null && (m === null || x.overcommit > m) ? x.overcommit : m), null);
  const parts = [`Needs ${n} node${n === 1 ? '' : 's'} of ${formatBytes(plan.profile.capacityBytes)} (${plan.profile.name} profile)`];
  if (worst !== null) parts.push(`limits overcommit ${n > 1 ? 'a' : 'the'} node up to ${worst}×`);
  if (plan.nodes.some((x) => x.limitsBytes === null)) parts.push('some pods have no memory limit');
  if (plan.unplaced.length) parts.push(`${plan.unplaced.reduce((s, u) => s + u.pods, 0)} pods fit no node`);
  return parts.join('; ');
}

const W = 1000;

/** Node 0's memory: reservations, the eviction threshold, each pod's request as a block, its burst up to its limit hatched. */
function picture(plan: NodePlan, node: PlannedNode): string {
  const p = plan.profile;
  const reserved = p.kubeReservedBytes + p.systemReservedBytes;
  let burst = 0n;
  for (const pod of node.pods) if (pod.workload.memoryLimitBytes !== null && pod.workload.memoryLimitBytes > pod.workload.memoryRequestBytes) burst += pod.workload.memoryLimitBytes - pod.workload.memoryRequestBytes;
  const total = [p.capacityBytes, node.requestsBytes + burst + p.evictionHardBytes + reserved].reduce((a, b) => (b > a ? b : a), 1n);
  const x = (b: bigint): number => Number((b * BigInt(W) * 100n) / total) / 100;
  const rects: string[] = [];
  let at = 0n;
  node.pods.forEach((pod, i) => {
    const w = pod.workload;
    const title = `${podLabel(w, pod.replica)}: request ${formatBytes(w.memoryRequestBytes)}, limit ${w.memoryLimitBytes === null ? 'none' : formatBytes(w.memoryLimitBytes)}`;
    if (w.memoryRequestBytes > 0n) {
      rects.push(`<rect class="req c${i % 6}" x="${x(at)}" y="0" width="${x(w.memoryRequestBytes)}" height="28"><title>${escapeHtml(title)}</title></rect>`);
    }
    at += w.memoryRequestBytes;
  });
  let b = at;
  for (const pod of node.pods) {
    const w = pod.workload;
    if (w.memoryLimitBytes === null || w.memoryLimitBytes <= w.memoryRequestBytes) continue;
    const size = w.memoryLimitBytes - w.memoryRequestBytes;
    rects.push(`<rect class="burst" x="${x(b)}" y="32" width="${x(size)}" height="16" fill="url(#hatch)"><title>${escapeHtml(`${podLabel(w, pod.replica)}: burst to its limit, ${formatBytes(size)}`)}</title></rect>`);
    b += size;
  }
  const alloc = p.allocatableBytes;
  rects.push(`<rect class="evict" x="${x(alloc)}" y="0" width="${x(p.evictionHardBytes)}" height="48"><title>${escapeHtml(`eviction threshold ${formatBytes(p.evictionHardBytes)}`)}</title></rect>`);
  if (reserved > 0n) {
    rects.push(`<rect class="reserved" x="${x(alloc + p.evictionHardBytes)}" y="0" width="${x(reserved)}" height="48"><title>${escapeHtml(`kube-reserved ${formatBytes(p.kubeReservedBytes)}, system-reserved ${formatBytes(p.systemReservedBytes)}`)}</title></rect>`);
  }
  rects.push(`<line class="alloc" x1="${x(alloc)}" x2="${x(alloc)}" y1="-4" y2="52"><title>${escapeHtml(`allocatable ${formatBytes(alloc)}`)}</title></line>`);
  rects.push(`<line class="cap" x1="${x(p.capacityBytes)}" x2="${x(p.capacityBytes)}" y1="-4" y2="52"><title>${escapeHtml(`capacity ${formatBytes(p.capacityBytes)}`)}</title></line>`);
  return [
    `<svg class="node" viewBox="0 -6 ${W} 62" preserveAspectRatio="none" role="img" aria-label="node 0 memory">`,
    '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="hatch-bg" width="6" height="6"/><line class="hatch" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>',
    `<rect class="track" x="0" y="0" width="${x(p.capacityBytes)}" height="48"/>`,
    ...rects,
    '</svg>',
    `<p class="legend"><span class="sw req c0"></span> requests (one block per pod) · <span class="sw burst"></span> burst up to the limits · <span class="sw evict"></span> eviction threshold · <span class="sw reserved"></span> kube- and system-reserved · ┃ allocatable ${escapeHtml(formatBytes(alloc))}, capacity ${escapeHtml(formatBytes(p.capacityBytes))}</p>`,
  ].join('\n');
}

function num(text: string): string {
  return `<td class="num">${escapeHtml(text)}</td>`;
}

function more(total: number, shown: number): string {
  return total > shown ? `<p class="note">… and ${total - shown} more.</p>` : '';
}

export function renderNodeViewHtml(plan: NodePlan, o: NodePageOptions): string {
  const nonce = escapeHtml(o.nonce);
  const p = plan.profile;
  const max = o.maxRows ?? 200;
  const body: string[] = ['<h1>OOM Lens node view</h1>'];
  body.push(`<p class="summary">${escapeHtml(nodeSummary(plan))}.</p>`);
  body.push(
    `<p class="meta">${escapeHtml(`${p.name}: ${formatBytes(p.capacityBytes)} memory, ${p.cpus} CPUs, ${p.maxPods} pods; kube-reserved ${formatBytes(p.kubeReservedBytes)}, system-reserved ${formatBytes(p.systemReservedBytes)}, eviction threshold ${formatBytes(p.evictionHardBytes)} → allocatable ${formatBytes(p.allocatableBytes)}. Scenario ${plan.scenario}: ${SCENARIO_TEXT[plan.scenario]}. First-fit decreasing by requests: a sizing estimate, not the scheduler; usage is a scenario, not a measurement.`)}</p>`,
  );
  if (plan.nodes.length === 0) body.push('<p class="empty">No Kubernetes pods in the files analysed.</p>');
  else {
    const n0 = plan.nodes[0];
    body.push(`<h2>Node 0${plan.nodes.length > 1 ? ` of ${plan.nodes.length}` : ''}: ${n0.pods.length} pods</h2>`, picture(plan, n0));
    const rows = plan.nodes.slice(0, max).map((n) =>
      `<tr${n.underPressure ? ' class="pressure"' : ''}><td>${n.index}</td>${num(String(n.pods.length))}${num(formatBytes(n.requestsBytes))}${num(n.limitsBytes === null ? 'unbounded' : formatBytes(n.limitsBytes))}${num(n.overcommit === null ? '–' : `${n.overcommit}×`)}${num(formatBytes(n.needBytes[plan.scenario]))}<td>${n.underPressure ? 'above allocatable: evictions' : ''}</td></tr>`,
    );
    body.push(
      '<h2>Nodes</h2><div class="scroll"><table><thead><tr><th>node</th><th class="num">pods</th><th class="num">requests</th><th class="num">limits</th><th class="num">overcommit</th>' +
        `<th class="num">need (${plan.scenario})</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${more(plan.nodes.length, max)}`,
    );
  }
  if (plan.unplaced.length) {
    body.push('<h2>Fit no node</h2><ul>');
    for (const u of plan.unplaced) body.push(`<li>${link(`${u.workload.kind}/${u.workload.name ?? '<unnamed>'}`, u.workload.uri, u.workload.range, o)} (${u.pods} pod${u.pods === 1 ? '' : 's'}): ${escapeHtml(u.reason)}</li>`);
    body.push('</ul>');
  }
  const ev = plan.evictionOrder.slice(0, max).map((e, i) =>
    `<tr><td class="num">${i + 1}</td><td>${e.pod.node}</td><td>${link(podLabel(e.pod.workload, e.pod.replica), e.pod.workload.uri, e.pod.workload.range, o)}</td>${num(formatBytes(e.usageBytes))}${num(formatBytes(e.requestBytes))}${num(String(e.pod.workload.priority))}</tr>`,
  );
  body.push(
    '<h2>Evicted first (kubelet, memory pressure)</h2><p class="note">Pods whose usage exceeds their request first, then lower priority, then larger usage above request. Critical pods are never evicted.</p>' +
      `<div class="scroll"><table><thead><tr><th class="num">#</th><th>node</th><th>pod</th><th class="num">usage</th><th class="num">request</th><th class="num">priority</th></tr></thead><tbody>${ev.join('')}</tbody></table></div>${more(plan.evictionOrder.length, max)}`,
  );
  const oom = plan.oomKillOrder.slice(0, max).map((e, i) =>
    `<tr><td class="num">${i + 1}</td><td>${e.pod.node}</td><td>${escapeHtml(podLabel(e.pod.workload, e.pod.replica))}</td><td>${link(e.container.name ?? '?', e.pod.workload.uri, e.container.range, o)}</td>${num(formatBytes(e.usageBytes))}${num(String(e.oomScoreAdj))}${num(String(e.oomScore))}</tr>`,
  );
  body.push(
    '<h2>OOM-killed first (kernel, kubepods cgroup out of memory)</h2><p class="note">Highest badness first: usage + oom_score_adj × kubepods memory ÷ 1000; Guaranteed and node-critical containers last.</p>' +
      `<div class="scroll"><table><thead><tr><th class="num">#</th><th>node</th><th>pod</th><th>container</th><th class="num">usage</th><th class="num">oom_score_adj</th><th class="num">score</th></tr></thead><tbody>${oom.join('')}</tbody></table></div>${more(plan.oomKillOrder.length, max)}`,
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}';">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>OOM Lens node view</title>',
    `<style nonce="${nonce}">${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const STYLE = `
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px);
  color: var(--vscode-editor-foreground, #333); background: var(--vscode-editor-background, #fff); padding: 0 1.5em 2em; }
h1 { font-size: 1.4em; font-weight: 600; }
h2 { font-size: 1.15em; margin: 1.6em 0 0.3em; }
.meta, .note, .legend { color: var(--vscode-descriptionForeground, #717171); }
.summary { font-size: 1.1em; }
a { color: var(--vscode-textLink-foreground, #006ab1); text-decoration: none; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.25em 0.6em; border-bottom: 1px solid var(--vscode-editorWidget-border, #ccc); white-space: nowrap; }
th { font-weight: 600; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
tr.pressure td { color: var(--vscode-editorWarning-foreground, #bf8803); }
svg.node { display: block; width: 100%; height: 5em; overflow: visible; }
svg.node .track { fill: var(--vscode-editorWidget-background, #eee); }
.req { fill: var(--vscode-charts-green, #388a34); stroke: var(--vscode-editor-background, #fff); stroke-width: 1; }
.req.c1 { fill: var(--vscode-charts-blue, #1a85ff); } .req.c2 { fill: var(--vscode-charts-purple, #b180d7); }
.req.c3 { fill: var(--vscode-charts-yellow, #cca700); } .req.c4 { fill: var(--vscode-charts-orange, #d18616); }
.req.c5 { fill: var(--vscode-charts-foreground, #616161); }
.hatch-bg { fill: var(--vscode-editorWidget-background, #eee); }
.hatch { stroke: var(--vscode-charts-red, #e51400); stroke-width: 3; }
.evict { fill: var(--vscode-charts-orange, #d18616); opacity: 0.6; }
.reserved { fill: var(--vscode-disabledForeground, #999); }
.alloc { stroke: var(--vscode-editor-foreground, #333); stroke-width: 3; }
.cap { stroke: var(--vscode-editor-foreground, #333); stroke-width: 1; stroke-dasharray: 3 3; }
.sw { display: inline-block; width: 1em; height: 0.8em; vertical-align: middle; }
.sw.req { background: var(--vscode-charts-green, #388a34); }
.sw.burst { background: repeating-linear-gradient(45deg, var(--vscode-charts-red, #e51400) 0 2px, transparent 2px 5px); }
.sw.evict { background: var(--vscode-charts-orange, #d18616); opacity: 0.6; }
.sw.reserved { background: var(--vscode-disabledForeground, #999); }
`;

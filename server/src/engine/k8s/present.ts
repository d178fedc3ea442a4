// What the editor shows for Kubernetes workloads, computed here so presenters only convert: inlay hints after
// each container name, a code lens over each workload, hovers that explain the QoS class and oom_score_adj.
import type { LineIndex } from '../text';
import type { Hint, HoverInfo, Lens, Position } from '../types';
import { getPair } from '../yaml/tree';
import { type Span } from '../types';
import type { ContainerModel, EffectiveValue, OomScore, ValueSource, WorkloadModel, ManifestModel } from './model';
import { NODE_SIZES_GI, oomScoresOverNodeSizes } from './oom-score';
import { bytesToQuantity } from '../bytes';

export const QOS_DOCS_URL = 'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/';
export const EVICTION_DOCS_URL = 'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/';

/** `16Gi` for a whole number of GiB, else the exact binary spelling. */
export function nodeSizeLabel(bytes: bigint): string {
  return bytesToQuantity(bytes);
}

function hintPosition(c: ContainerModel, lines: LineIndex): Position {
  const anchor = c.nameNode ?? c.node;
  const start = lines.position(anchor.span[0]);
  // In a flow map (`- {name: a, …}`) several containers may share a line: stay right after the name.
  if (c.node.flow || !c.nameNode) return lines.position(anchor.span[c.nameNode ? 1 : 0]);
  return { line: start.line, character: lines.lineText(start.line).length };
}

/** The inline label of one container: `Burstable · oom_score_adj 938`. */
export function qosHintLabel(w: WorkloadModel, c: ContainerModel): string {
  return `${w.qos.qosClass} · oom_score_adj ${c.oom.value}`;
}

/** One hint at the end of each container's `name:` line. */
export function qosHints(model: ManifestModel, lines: LineIndex): Hint[] {
  const hints: Hint[] = [];
  for (const w of model.workloads) {
    for (const c of w.containers) {
      hints.push({
        position: hintPosition(c, lines),
        label: qosHintLabel(w, c),
        tooltip: `${w.qos.qosClass} because ${w.qos.reason}; oom_score_adj ${c.oom.value} on a ${nodeSizeLabel(model.nodeMemoryBytes)} node`,
        kind: 'qos',
      });
    }
  }
  return hints;
}

/** The code lens title of a workload: the QoS class and the spread of container scores over node sizes. */
export function workloadLensTitle(w: WorkloadModel): string {
  const parts: string[] = [w.qos.qosClass];
  if (w.nodeCritical) parts.push('system-node-critical');
  const scores = w.containers.flatMap((c) => oomScoresOverNodeSizes(w, c).map((s) => s.score.value));
  if (scores.length > 0) {
    const min = Math.min(...scores);
    const max = Math.max(...scores);
    const first = NODE_SIZES_GI[0];
    const last = NODE_SIZES_GI[NODE_SIZES_GI.length - 1];
    parts.push(min === max ? `oom_score_adj ${min}` : `oom_score_adj ${min}–${max} on ${first}–${last}Gi nodes`);
  }
  let title = parts.join(' · ');
  if (w.partial) title += ' (templated values not counted)';
  return title;
}

/** One lens over the first line of each workload. */
export function workloadLenses(model: ManifestModel, lines: LineIndex): Lens[] {
  return model.workloads.map((w) => {
    const start = lines.position(w.object.span[0]);
    return { range: { start, end: start }, title: workloadLensTitle(w) };
  });
}

function sourceText(v: EffectiveValue | undefined): string {
  if (!v) return '';
  const s: ValueSource = v.source;
  switch (s.kind) {
    case 'declared':
      return '';
    case 'limit':
      return ' (request copied from the limit)';
    case 'pod-aggregate':
      return ' (defaulted from the containers)';
    case 'operator':
      return ` (${s.operator}: ${s.note})`;
    case 'limitrange': {
      const name = s.name !== null ? `LimitRange \`${s.name}\`` : 'a LimitRange';
      const key = s.key === 'default' || s.key === 'defaultRequest' ? '' : `, its \`${s.key}\``;
      return ` (from ${name}${key})`;
    }
  }
}

function valueLine(label: string, v: EffectiveValue | undefined): string {
  if (!v) return `${label}: none`;
  const shown = v.source.kind === 'declared' && v.source.field.text !== null ? v.source.field.text : v.quantity.text;
  const bytes = label.startsWith('memory') && v.quantity.value >= 1024n ? ` = ${v.quantity.value} bytes` : '';
  return `${label}: \`${shown}\`${bytes}${sourceText(v)}`;
}

function burstableExpr(requestBytes: bigint, share: bigint | null, capacity: bigint): { text: string; value: bigint } {
  const total = requestBytes + (share ?? 0n);
  const expr = share !== null ? `(${requestBytes} + ${share})` : `${requestBytes}`;
  const value = capacity > 0n ? 1000n - (1000n * total) / capacity : 1000n;
  return { text: `1000 − ⌊1000 × ${expr} / ${capacity}⌋ = ${value}`, value };
}

/** The kubelet's computation with this file's numbers, as markdown lines. */
export function formulaLines(w: WorkloadModel, c: ContainerModel, score: OomScore = c.oom): string[] {
  const cap = nodeSizeLabel(score.capacityBytes);
  switch (score.branch) {
    case 'node-critical':
      return [`\`priorityClassName: system-node-critical\`: the kubelet gives node-critical pods **-997** whatever their QoS class.`];
    case 'guaranteed':
      return ['Guaranteed pods get a fixed **-997** (-998 before Kubernetes 1.20).'];
    case 'besteffort':
      return ['BestEffort pods get a fixed **1000**: the highest score there is.'];
    case 'burstable': {
      const out: string[] = [`Burstable: \`1000 − ⌊1000 × memory request / node memory⌋\` on a ${cap} node:`];
      const own = burstableExpr(score.requestBytes, score.podShareBytes, score.capacityBytes);
      out.push(`\`${own.text}\``);
      if (score.podShareBytes !== null) {
        out.push(`(${score.podShareBytes} = the pod-level memory request not claimed by the containers, shared over ${w.containers.length} containers)`);
      }
      if (score.sidecarMinRequestBytes !== null) {
        const side = burstableExpr(score.sidecarMinRequestBytes, score.podShareBytes, score.capacityBytes);
        out.push(`A sidecar never scores above the smallest regular container: \`${side.text}\`, so min(${own.value}, ${side.value}) = ${score.unclamped}`);
      }
      if (score.unclamped !== score.value) {
        out.push(
          score.value === 999
            ? `${score.unclamped} is lowered to **999**: 1000 is reserved for BestEffort.`
            : `${score.unclamped} is raised to **3**, the floor for Burstable (just above Guaranteed's -997).`,
        );
      }
      return out;
    }
  }
}

function meaning(c: ContainerModel): string {
  switch (c.oom.branch) {
    case 'node-critical':
    case 'guaranteed':
      return 'When the node runs out of memory the kernel OOM killer picks processes with the highest score first, so this container goes last (only the kubelet and system daemons rank lower); it is still killed when it exceeds its own memory limit. Node-pressure eviction also takes Guaranteed pods last.';
    case 'besteffort':
      return 'When the node runs out of memory the kernel OOM killer picks this container first, and node-pressure eviction evicts BestEffort pods before any other.';
    case 'burstable':
      return `When the node runs out of memory the kernel OOM killer picks processes with the highest score first: after BestEffort (1000), before Guaranteed (-997); a larger memory request lowers the score. Node-pressure eviction takes BestEffort pods first, then Burstable pods using more than their request, Guaranteed pods last.`;
  }
}

function table(w: WorkloadModel, c: ContainerModel, current: bigint): string[] {
  const rows = oomScoresOverNodeSizes(w, c);
  // A fixed score (Guaranteed, BestEffort, node-critical) needs no table.
  if (rows.every((r) => r.score.value === rows[0].score.value)) return [];
  const head = rows.map((r) => (r.capacityBytes === current ? `**${r.nodeGi}Gi**` : `${r.nodeGi}Gi`));
  return [
    `| node memory | ${head.join(' | ')} |`,
    `|---|${rows.map(() => '---:').join('|')}|`,
    `| oom_score_adj | ${rows.map((r) => String(r.score.value)).join(' | ')} |`,
  ];
}

function containerNoun(c: ContainerModel): string {
  const noun = c.role === 'container' ? 'Container' : c.role === 'sidecar' ? 'Sidecar container' : 'Init container';
  return c.name !== null ? `${noun} \`${c.name}\`` : `${noun} (unnamed)`;
}

/** The hover of one container. */
export function containerHoverMarkdown(w: WorkloadModel, c: ContainerModel, nodeMemoryBytes: bigint): string {
  const req = c.effective.requests;
  const lim = c.effective.limits;
  const parts: string[] = [
    `**${containerNoun(c)}** · **${w.qos.qosClass}** · oom_score_adj **${c.oom.value}** on a ${nodeSizeLabel(nodeMemoryBytes)} node`,
    `${w.qos.qosClass} because ${w.qos.reason}.`,
    [valueLine('memory request', req.get('memory')), valueLine('memory limit', lim.get('memory')),
      valueLine('cpu request', req.get('cpu')), valueLine('cpu limit', lim.get('cpu'))].map((l) => `- ${l}`).join('\n'),
    formulaLines(w, c).join('\n\n'),
    table(w, c, nodeMemoryBytes).join('\n'),
    meaning(c),
  ].filter((p) => p !== '');
  if (w.partial) parts.push('_Some values are Helm template placeholders and were not counted._');
  parts.push(`[Pod QoS classes](${QOS_DOCS_URL}) · [Node-pressure eviction](${EVICTION_DOCS_URL})`);
  return parts.join('\n\n');
}

/** A span without trailing whitespace and line breaks (a block map's span runs to the next line). */
function trimSpan(text: string, [start, end]: Span): Span {
  let e = Math.min(end, text.length);
  while (e > start && /\s/.test(text[e - 1])) e--;
  return [start, e];
}

/** Hovers on each container's name, its `resources`, `requests` and `limits`. */
export function k8sHovers(
  model: ManifestModel,
  lines: LineIndex,
  /** A paragraph added at the end, computed when the hover is first shown (the node view's kill order). */
  extra?: (w: WorkloadModel, c: ContainerModel) => string | null,
): HoverInfo[] {
  const hovers: HoverInfo[] = [];
  for (const w of model.workloads) {
    for (const c of w.containers) {
      const base = containerHoverMarkdown(w, c, model.nodeMemoryBytes);
      let full: string | null = null;
      const markdown = (): string => (full ??= joinExtra(base, extra?.(w, c) ?? null));
      const spans: Span[] = [];
      if (c.nameNode) spans.push(c.nameNode.span);
      if (c.declared.pair) spans.push(c.declared.pair.span);
      for (const key of ['requests', 'limits']) {
        const pair = getPair(c.declared.node, key);
        if (pair) spans.push(pair.span);
      }
      for (const span of spans) {
        const range = lines.range(trimSpan(lines.text, span));
        hovers.push(extra ? { range, get markdown() { return markdown(); } } : { range, markdown: base });
      }
    }
  }
  return hovers;
}

/** The extra paragraph goes before the closing links line. */
function joinExtra(base: string, extra: string | null): string {
  if (!extra) return base;
  const at = base.lastIndexOf('\n\n[');
  return at < 0 ? `${base}\n\n${extra}` : `${base.slice(0, at)}\n\n${extra}${base.slice(at)}`;
}

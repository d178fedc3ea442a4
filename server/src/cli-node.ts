// `oom-lens node`: the node view for terminals and CI — the files' workloads packed onto nodes of a profile, each
// node's sums and overcommit, and who is evicted and OOM-killed first in a scenario (README "oom-lens node").
import { formatBytes } from './engine/bytes';
import { analyzeFiles, type CliIo, collectFiles, loadOptions, toJsonText, UsageError } from './cli-core';
import { toNodePlanJson } from './engine/node/json';
import type { NodePlan } from './engine/node/plan';
import { nodeProfileOf } from './engine/node/settings';
import { nodeView } from './engine/node/view';
import type { Options } from './engine/options';
import { parseQuantity } from './engine/quantity';

const NODE_USAGE = `Usage: oom-lens node [--profile eks|gke|aks|custom] [--node-memory 16Gi] [--node-cpus 4] [--max-pods 110] [--kube-reserved Q] [--system-reserved Q] [--eviction-hard Q] [--scenario request|limit|expected] [--config .oom-lens.yaml] [--format text|json] PATH...`;

interface NodeArgs {
  config: string | null;
  nodeMemory: string | null;
  format: 'text' | 'json';
  paths: string[];
  /** Flag values laid over the settings' `node` and `nodeCpus`. */
  set: (o: Options) => void;
}

function quantityFlag(flag: string, v: string, positive: boolean): string {
  const q = parseQuantity(v);
  if (!q.ok || q.quantity.value < 0n || (positive && q.quantity.value === 0n)) {
    throw new UsageError(`${flag}: \`${v}\` is not a ${positive ? 'positive' : 'non-negative'} memory quantity`);
  }
  return v;
}

function parseNodeArgs(argv: string[]): NodeArgs {
  const edits: Array<(o: Options) => void> = [];
  const args: NodeArgs = { config: null, nodeMemory: null, format: 'text', paths: [], set: (o) => edits.forEach((e) => e(o)) };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const integer = (min: number): number => {
      const v = value();
      const n = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || !Number.isFinite(n) || n < min) throw new UsageError(`${flag}: \`${v}\` is not a number ≥ ${min}`);
      return n;
    };
    switch (flag) {
      case '--profile': {
        const v = value();
        if (v !== 'eks' && v !== 'gke' && v !== 'aks' && v !== 'custom') throw new UsageError(`--profile: \`${v}\` is not eks, gke, aks or custom`);
        edits.push((o) => (o.node.profile = v));
        break;
      }
      case '--node-memory':
        args.nodeMemory = quantityFlag(flag, value(), true);
        break;
      case '--node-cpus': {
        const n = integer(0.001);
        edits.push((o) => (o.nodeCpus = n));
        break;
      }
      case '--max-pods': {
        const n = Math.floor(integer(1));
        edits.push((o) => (o.node.maxPods = n));
        break;
      }
      case '--kube-reserved': {
        const v = quantityFlag(flag, value(), false);
        edits.push((o) => (o.node.kubeReserved = v));
        break;
      }
      case '--system-reserved': {
        const v = quantityFlag(flag, value(), false);
        edits.push((o) => (o.node.systemReserved = v));
        break;
      }
      case '--eviction-hard': {
        const v = quantityFlag(flag, value(), false);
        edits.push((o) => (o.node.evictionHard = v));
        break;
      }
      case '--scenario': {
        const v = value();
        if (v !== 'request' && v !== 'limit' && v !== 'expected') throw new UsageError(`--scenario: \`${v}\` is not request, limit or expected`);
        edits.push((o) => (o.node.scenario = v));
        break;
      }
      case '--config':
        args.config = value();
        break;
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json') throw new UsageError(`--format: \`${v}\` is not text or json`);
        args.format = v;
        break;
      }
      case '-h':
      case '--help':
        throw new UsageError('');
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option \`${a}\``);
        args.paths.push(a);
    }
  }
  if (args.paths.length === 0) throw new UsageError('no PATH given');
  return args;
}

export function runNodeCli(argv: string[], io: CliIo): number {
  let args: NodeArgs;
  let options: Options;
  let files: string[];
  try {
    args = parseNodeArgs(argv);
    options = loadOptions(args, io.cwd);
    options.node = { ...options.node };
    args.set(options);
    files = collectFiles(args.paths, io.cwd);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) io.stderr(`oom-lens: ${error.message}\n`);
      io.stderr(`${NODE_USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const checked = analyzeFiles(files, options, args.config, io);
  const plan = nodeView(checked.map((c) => ({ uri: c.path, analysis: c.analysis })), nodeProfileOf(options), options.node.scenario);
  if (args.format === 'json') io.stdout(`${toJsonText(toNodePlanJson(plan))}\n`);
  else io.stdout(nodePlanText(plan));
  return 0;
}

function pad(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
}

function podName(w: { kind: string; name: string | null; namespace: string | null }, replica: number): string {
  return `${w.kind}/${w.name ?? '<unnamed>'}${w.namespace ? ` -n ${w.namespace}` : ''} #${replica}`;
}

/** The node view as text: profile, packing, per-node sums, eviction and OOM-kill orders. */
export function nodePlanText(plan: NodePlan): string {
  const p = plan.profile;
  const out: string[] = [];
  out.push(
    `Node profile ${p.name}: ${formatBytes(p.capacityBytes)} memory, ${p.cpus} CPUs, ${p.maxPods} pods; ` +
      `kube-reserved ${formatBytes(p.kubeReservedBytes)}, system-reserved ${formatBytes(p.systemReservedBytes)}, ` +
      `eviction threshold ${formatBytes(p.evictionHardBytes)}; allocatable ${formatBytes(p.allocatableBytes)} memory, ${p.allocatableCpuMilli}m CPU`,
  );
  const worst = plan.nodes.reduce<number | null>((m, n) => (n.overcommit !== null && (m === null || n.overcommit > m) ? n.overcommit : m), null);
  const noLimit = plan.nodes.some((n) => n.limitsBytes === null);
  out.push(
    `Needs ${plan.nodes.length} node${plan.nodes.length === 1 ? '' : 's'} of ${formatBytes(p.capacityBytes)} (first-fit decreasing by requests: a sizing estimate, not the scheduler)` +
      (worst !== null ? `; limits overcommit a node up to ${worst}×` : '') +
      (noLimit ? '; some pods have no memory limit' : ''),
  );
  for (const u of plan.unplaced) {
    out.push(`Not placed: ${u.workload.kind}/${u.workload.name ?? '<unnamed>'}${u.workload.namespace ? ` -n ${u.workload.namespace}` : ''} (${u.pods} pod${u.pods === 1 ? '' : 's'}): ${u.reason}`);
  }
  out.push('');
  const rows = [['NODE', 'PODS', 'REQUESTS', 'LIMITS', 'OVERCOMMIT', `NEED (${plan.scenario})`, '']];
  for (const n of plan.nodes) {
    rows.push([
      String(n.index),
      String(n.pods.length),
      formatBytes(n.requestsBytes),
      n.limitsBytes === null ? 'unbounded' : formatBytes(n.limitsBytes),
      n.overcommit === null ? '-' : `${n.overcommit}×`,
      formatBytes(n.needBytes[plan.scenario]),
      n.underPressure ? 'above allocatable: evictions' : '',
    ]);
  }
  if (plan.nodes.length) out.push(...pad(rows));
  out.push('', `Eviction order under memory pressure (scenario ${plan.scenario}: usage is a scenario, not a measurement)`);
  const ev = [['#', 'NODE', 'POD', 'USAGE', 'REQUEST', 'PRIORITY']];
  plan.evictionOrder.forEach((e, i) =>
    ev.push([String(i + 1), String(e.pod.node), podName(e.pod.workload, e.pod.replica), formatBytes(e.usageBytes), formatBytes(e.requestBytes), String(e.pod.workload.priority)]),
  );
  out.push(...(ev.length > 1 ? pad(ev) : ['  (none: every pod is critical)']));
  out.push('', 'OOM-kill order when the kubepods cgroup runs out');
  const oom = [['#', 'NODE', 'POD', 'CONTAINER', 'USAGE', 'OOM_SCORE_ADJ', 'SCORE']];
  plan.oomKillOrder.forEach((e, i) =>
    oom.push([String(i + 1), String(e.pod.node), podName(e.pod.workload, e.pod.replica), e.container.name ?? '?', formatBytes(e.usageBytes), String(e.oomScoreAdj), String(e.oomScore)]),
  );
  out.push(...(oom.length > 1 ? pad(oom) : ['  (none)']));
  return `${out.join('\n')}\n`;
}

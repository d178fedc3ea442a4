// FlinkDeployment (apache/flink-kubernetes-operator, flink.apache.org/v1beta1) as a workload source: a
// `jobmanager` and a `taskmanager` workload, each with `flink-main-container` (apache/flink flink-kubernetes
// Constants.MAIN_CONTAINER_NAME). The operator writes `resource.memory` into `*.memory.process.size` after
// `flinkConfiguration` (so it wins; FlinkConfigBuilder.applyJobManagerSpec/applyTaskManagerSpec @ release-1.15.0) and
// parses it as a Flink size first, then as a Kubernetes quantity (parseResourceMemoryString, operator 1.7+).
// Flink then sets request = process size in whole MiB and limit = trunc(MiB × limit-factor) (default 1.0, Flink
// 1.15+), CPU request = `resource.cpu` and limit = cpu × its limit-factor (KubernetesUtils.getResourceRequirements),
// overwriting any pod-template memory and CPU; model.ts gives the JVM flags. The command line (flink-console.sh,
// config.sh): `JVM_ARGS` with the memory flags, then `-XX:+IgnoreUnrecognizedVMOptions` (1.18+),
// env.java.default-opts.all (1.19+), env.java.opts.all (1.17+; env.java.opts before), then the role's
// default-opts and opts: a user `-Xmx` there wins, the pod keeps its size.
import { bytesToQuantityCeilMi, formatBytesExact, MiB } from '../../bytes';
import type { ContainerEdits, SourceOutput, YamlSource, YamlSourceInput } from '../../source';
import { optionTextEdits } from '../../yaml/option-edits';
import { asMap, get, type YMap } from '../../yaml/tree';
import { parseQuantity } from '../../quantity';
import {
  buildOperatorPod,
  type Component,
  componentsOutput,
  composedItem,
  type CustomResource,
  findResources,
  javaLaunch,
  keySpan,
  limitTextOf,
  memoryQuantity,
  optionItems,
  type OperatorValue,
  parseVersion,
  quantityOf,
  scalarAt,
  scalarText,
  versionAtLeast,
} from '../shared';
import { defaultConfig, type FlinkBreakdown, type FlinkMemoryConfig, flinkMemory, type FlinkRole, floatFraction, MAX_MEMORY, parseFlinkSize } from './model';

const OPERATOR = 'the Flink operator';
const SPEC_KEY: Record<FlinkRole, string> = { jobmanager: 'jobManager', taskmanager: 'taskManager' };
const MAIN: Record<FlinkRole, string> = {
  jobmanager: 'org.apache.flink.kubernetes.entrypoint.KubernetesApplicationClusterEntrypoint',
  taskmanager: 'org.apache.flink.kubernetes.taskmanager.KubernetesTaskExecutorRunner',
};

export const flinkSource: YamlSource = {
  id: 'flink-operator',
  read(input: YamlSourceInput): SourceOutput | null {
    const components: Component[] = [];
    for (const cr of findResources(input.yaml.docs, 'flink.apache.org', ['FlinkDeployment'])) {
      if (!cr.spec) continue;
      for (const role of ['jobmanager', 'taskmanager'] as const) {
        const c = flinkComponent(cr, cr.spec, role, input);
        if (c) components.push(c);
      }
    }
    return componentsOutput(components, input);
  },
};

/** A size from the resource: Flink's MemorySize first, then a Kubernetes quantity (operator 1.7+). */
function resourceBytes(text: string): bigint | null {
  const flink = parseFlinkSize(text);
  if (flink !== null) return flink;
  const q = parseQuantity(text.trim());
  return q.ok && q.quantity.value > 0n ? q.quantity.value : null;
}

function memoryConfig(conf: (k: string) => string | null, role: FlinkRole, version: number[] | null): FlinkMemoryConfig {
  const c = defaultConfig(version === null || versionAtLeast(version, [1, 17]));
  const size = (k: string, d: bigint): bigint => {
    const t = conf(k);
    return t === null ? d : parseFlinkSize(t) ?? d;
  };
  const frac = (k: string, d: number): number => {
    const t = conf(k);
    return t === null ? d : floatFraction(t) ?? d;
  };
  const p = `${role}.memory.`;
  c.metaspace = size(`${p}jvm-metaspace.size`, c.metaspace);
  c.overheadMin = size(`${p}jvm-overhead.min`, c.overheadMin);
  c.overheadMax = size(`${p}jvm-overhead.max`, c.overheadMax);
  c.overheadFraction = frac(`${p}jvm-overhead.fraction`, c.overheadFraction);
  c.jmOffHeap = size('jobmanager.memory.off-heap.size', c.jmOffHeap);
  c.jmDirectLimit = (conf('jobmanager.memory.enable-jvm-direct-memory-limit') ?? '').trim().toLowerCase() === 'true';
  c.frameworkHeap = size('taskmanager.memory.framework.heap.size', c.frameworkHeap);
  c.frameworkOffHeap = size('taskmanager.memory.framework.off-heap.size', c.frameworkOffHeap);
  c.taskOffHeap = size('taskmanager.memory.task.off-heap.size', c.taskOffHeap);
  c.managedFraction = frac('taskmanager.memory.managed.fraction', c.managedFraction);
  const managed = conf('taskmanager.memory.managed.size');
  c.managedSize = managed !== null ? parseFlinkSize(managed) : null;
  c.networkMin = size('taskmanager.memory.network.min', c.networkMin);
  c.networkMax = size('taskmanager.memory.network.max', c.networkMax);
  c.networkFraction = frac('taskmanager.memory.network.fraction', c.networkFraction);
  return c;
}

function flinkComponent(cr: CustomResource, spec: YMap, role: FlinkRole, input: YamlSourceInput): Component | null {
  const roleMap = asMap(get(spec, SPEC_KEY[role]));
  const anchor = keySpan(spec, SPEC_KEY[role]);
  if (!anchor) return null;
  const flinkConf = asMap(get(spec, 'flinkConfiguration'));
  const conf = (k: string): string | null => scalarText(get(flinkConf, k));
  const version = parseVersion((scalarText(get(spec, 'flinkVersion')) ?? '').replace(/_/g, '.'));
  const resource = asMap(get(roleMap, 'resource'));
  const memoryNode = scalarAt(resource, 'memory');
  const processNode = memoryNode ?? scalarAt(flinkConf, `${role}.memory.process.size`);
  const processText = scalarText(processNode);
  const P = processText !== null ? resourceBytes(processText) : null;
  if (P === null || !processNode) return null;
  const cfg = memoryConfig(conf, role, version);
  const b = flinkMemory(role, P, cfg);
  // Pod memory: whole MiB (getMebiBytes truncates), the limit × limit-factor (Flink 1.15+).
  const mib = P / MiB;
  const factorText = version !== null && !versionAtLeast(version, [1, 15]) ? null : conf(`kubernetes.${role}.memory.limit-factor`);
  const factor = factorText !== null && Number(factorText) >= 1 ? Number(factorText) : 1;
  const limitMiB = BigInt(Math.trunc(Number(mib) * factor));
  const cpuText = scalarText(get(resource, 'cpu')) ?? (role === 'taskmanager' ? conf('taskmanager.cpu.cores') ?? conf('taskmanager.numberOfTaskSlots') : null) ?? '1';
  const cpu = Number(cpuText);
  const cpuFactorText = conf(`kubernetes.${role}.cpu.limit-factor`);
  const cpuFactor = cpuFactorText !== null && Number(cpuFactorText) >= 1 ? Number(cpuFactorText) : 1;
  const values: OperatorValue[] = [
    { which: 'requests', resource: 'memory', quantity: memoryQuantity(mib * MiB), note: 'the process size', mode: 'set' },
    { which: 'limits', resource: 'memory', quantity: memoryQuantity(limitMiB * MiB), note: factor === 1 ? 'the process size' : `the process size × ${factor}`, mode: 'set' },
  ];
  const cpuReq = Number.isFinite(cpu) && cpu > 0 ? quantityOf(String(cpu)) : null;
  const cpuLim = Number.isFinite(cpu) && cpu > 0 ? quantityOf(String(cpu * cpuFactor)) : null;
  if (cpuReq) values.push({ which: 'requests', resource: 'cpu', quantity: cpuReq, note: '`resource.cpu`', mode: 'set' });
  if (cpuLim) values.push({ which: 'limits', resource: 'cpu', quantity: cpuLim, note: '`resource.cpu` × its limit-factor', mode: 'set' });
  const workload = buildOperatorPod({
    cr,
    operator: OPERATOR,
    containers: [{ name: 'flink-main-container', role: 'container', node: roleMap ?? spec, declared: null, values }],
    limitRanges: input.manifest?.limitRanges ?? [],
    nodeMemoryBytes: input.nodeMemoryBytes,
  });
  const model = workload.containers[0];
  const field = memoryNode ? `\`${SPEC_KEY[role]}.resource.memory\`` : `\`${role}.memory.process.size\``;
  const label = `Flink's memory model from ${field}`;
  const items = b.options.map((o) => composedItem(o, processNode.span, label, true));
  if (version === null || versionAtLeast(version, [1, 18])) items.push(composedItem('-XX:+IgnoreUnrecognizedVMOptions', null, "Flink's config.sh (1.18+)"));
  const optsKey = (k: string) => scalarAt(flinkConf, k);
  for (const key of ['env.java.default-opts.all', scalarAt(flinkConf, 'env.java.opts.all') ? 'env.java.opts.all' : 'env.java.opts', `env.java.default-opts.${role}`, `env.java.opts.${role}`]) {
    items.push(...optionItems(optsKey(key), input.text, `\`flinkConfiguration\` \`${key}\``));
  }
  const launch = javaLaunch(items, MAIN[role], scalarText(get(spec, 'image')));
  const edits: ContainerEdits = {
    // The limit follows the process size, which also moves the heap: no limit edit on its own.
    setMemoryLimit: () => null,
    setsRequestToo: false,
    editOptions: (tokens, changes) => {
      // Only options written verbatim in `env.java.opts.*` can be edited; the memory flags are Flink's.
      if (changes.some((c) => tokens[c.index]?.source.kind === 'argv' && (tokens[c.index].source as { composed?: { followsMemory?: boolean } }).composed?.followsMemory)) return null;
      return optionTextEdits({ text: input.text, lines: input.lines, yaml: input.yaml }, tokens, changes);
    },
    formatMemory: bytesToQuantityCeilMi,
  };
  return {
    component: role,
    workload,
    containers: [{ model, launch, edits, anchor, limitText: limitTextOf(model) }],
    derivation: breakdownLines(role, field, processText ?? "", b, limitMiB, mib),
    checkResources: false,
  };
}

function row(name: string, bytes: bigint | null, how: string): string {
  return bytes === null ? '' : `| ${name} | ${bytes === MAX_MEMORY ? 'unbounded' : formatBytesExact(bytes)} | ${how} |`;
}

/** The hover's Flink breakdown with the file's numbers. */
function breakdownLines(role: FlinkRole, field: string, text: string, b: FlinkBreakdown, limitMiB: bigint, mib: bigint): string[] {
  const head = `Flink's memory model for ${field} \`${text}\` = ${b.processBytes} bytes; pod request ${mib}Mi, limit ${limitMiB}Mi.`;
  if (b.error) return [head, `Flink refuses this configuration: ${b.error}.`];
  const rows = [
    '| part | bytes | how |',
    '|---|---:|---|',
    row('JVM metaspace', b.metaspace, '`jvm-metaspace.size`'),
    row('JVM overhead', b.overhead, 'process × `jvm-overhead.fraction`, within min/max'),
    row('total Flink memory', b.flink, 'process − metaspace − overhead'),
  ];
  if (role === 'taskmanager') {
    rows.push(
      row('managed memory', b.managed, 'Flink memory × `managed.fraction` (off-heap, not counted by the JVM flags)'),
      row('network', b.network, 'Flink memory × `network.fraction`, within min/max'),
      row('framework heap', b.frameworkHeap, '`framework.heap.size`'),
      row('task heap', b.taskHeap, 'the rest'),
    );
  } else rows.push(row('off-heap', b.offHeap, '`jobmanager.memory.off-heap.size`'));
  rows.push(row('**heap** (-Xmx = -Xms)', b.heap, role === 'taskmanager' ? 'framework heap + task heap' : 'Flink memory − off-heap'));
  if (b.direct !== null) rows.push(row('MaxDirectMemorySize', b.direct, role === 'taskmanager' ? 'framework + task off-heap + network' : 'off-heap'));
  return [head, rows.filter((r) => r !== '').join('\n'), `JVM flags: \`${b.options.join(' ')}\`. Source: apache/flink ProcessMemoryUtils, TaskExecutorFlinkMemoryUtils, JobManagerFlinkMemoryUtils.`];
}

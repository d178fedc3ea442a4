// SparkApplication as a workload source (source.ts): a driver and an executor workload, each with the container
// Spark names (`spark-kubernetes-driver`, `spark-kubernetes-executor`: apache/spark Constants.scala
// DEFAULT_DRIVER_CONTAINER_NAME / DEFAULT_EXECUTOR_CONTAINER_NAME), request = limit = memory + overhead (model.ts),
// the CPU request from `cores`/`coreRequest` and the limit from `coreLimit` (submission.go), and the JVM Spark
// starts: the driver with `-Xmx<memory>`, executors with `-Xms<memory MiB>m -Xmx<memory MiB>m`. Fixes edit the
// role's map: the limit through `memoryOverhead` (or the operator's `memoryLimit` when set), a lower heap through
// `memory` with the overhead raised by as much, so the pod keeps its size.
import { bytesToQuantityCeilMi, MiB } from '../../bytes';
import type { JvmToken } from '../../jvm/detect';
import type { ArgvItem, ComposedItem } from '../../jvm/launch';
import type { OptionEdit } from '../../jvm/options';
import type { ContainerEdits, SourceOutput, YamlSource, YamlSourceInput } from '../../source';
import type { TextEdit } from '../../types';
import { optionTextEdits } from '../../yaml/option-edits';
import { asMap, get, type YMap } from '../../yaml/tree';
import {
  buildOperatorPod,
  componentsOutput,
  type Component,
  composedItem,
  quantityOf,
  type CustomResource,
  fileTarget,
  findResources,
  javaLaunch,
  keySpan,
  limitTextOf,
  memoryQuantity,
  optionItems,
  type OperatorValue,
  parseJvmSize,
  parseVersion,
  scalarAt,
  scalarText,
  setFields,
} from '../shared';
import { type SparkPodMemory, sparkMemoryLimitQuantity, type SparkRole, sparkPodMemory } from './model';

const OPERATOR = 'the Spark operator';
const CONTAINER: Record<SparkRole, string> = { driver: 'spark-kubernetes-driver', executor: 'spark-kubernetes-executor' };
const MAIN: Record<SparkRole, string> = { driver: 'org.apache.spark.deploy.SparkSubmit', executor: 'org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend' };

export const sparkSource: YamlSource = {
  id: 'spark-operator',
  read(input: YamlSourceInput): SourceOutput | null {
    const crs = findResources(input.yaml.docs, 'sparkoperator.k8s.io', ['SparkApplication', 'ScheduledSparkApplication']);
    const components: Component[] = [];
    for (const cr of crs) {
      // ScheduledSparkApplication carries the application under spec.template.
      const spec = cr.kind === 'ScheduledSparkApplication' ? asMap(get(cr.spec, 'template')) : cr.spec;
      if (!spec) continue;
      for (const role of ['driver', 'executor'] as const) {
        const c = sparkComponent(cr, spec, role, input);
        if (c) components.push(c);
      }
    }
    return componentsOutput(components, input);
  },
};

function conf(spec: YMap, key: string): string | null {
  return scalarText(get(get(spec, 'sparkConf'), key));
}

function sparkComponent(cr: CustomResource, spec: YMap, role: SparkRole, input: YamlSourceInput): Component | null {
  const roleMap = asMap(get(spec, role));
  const anchor = keySpan(spec, role) ?? keySpan(cr.object, 'kind');
  if (!anchor) return null;
  const memoryNode = scalarAt(roleMap, 'memory');
  // Typed fields come after sparkConf on the spark-submit command line: they win (submission.go).
  const memory = scalarText(memoryNode) ?? conf(spec, `spark.${role}.memory`) ?? '1g';
  const overheadText = scalarText(get(roleMap, 'memoryOverhead')) ?? conf(spec, `spark.${role}.memoryOverhead`);
  const type = (scalarText(get(spec, 'type')) ?? '').toLowerCase();
  const nonJvm = type === 'python' || type === 'r';
  const offHeapOn = (conf(spec, 'spark.memory.offHeap.enabled') ?? '').trim().toLowerCase() === 'true';
  const mem = sparkPodMemory({
    role,
    memory,
    memoryOverhead: overheadText,
    nonJvm,
    kubernetesFactor: conf(spec, 'spark.kubernetes.memoryOverheadFactor') ?? scalarText(get(spec, 'memoryOverheadFactor')),
    roleFactor: conf(spec, `spark.${role}.memoryOverheadFactor`),
    minOverhead: conf(spec, `spark.${role}.minMemoryOverhead`),
    offHeap: offHeapOn ? conf(spec, 'spark.memory.offHeap.size') : null,
    pysparkMemory: conf(spec, 'spark.executor.pyspark.memory'),
    sparkVersion: parseVersion(scalarText(get(spec, 'sparkVersion'))),
  });
  const podBytes = mem.totalMiB * MiB;
  const values: OperatorValue[] = [
    { which: 'requests', resource: 'memory', quantity: memoryQuantity(podBytes), note: 'memory + overhead', mode: 'set' },
    { which: 'limits', resource: 'memory', quantity: memoryQuantity(podBytes), note: 'memory + overhead', mode: 'set' },
  ];
  // The operator's own `memoryLimit` (v2.2+) replaces only the limit (sparkpod_defaulter.go addMemoryLimit).
  const memoryLimitText = scalarText(get(roleMap, 'memoryLimit'));
  const memoryLimit = memoryLimitText !== null ? quantityOf(sparkMemoryLimitQuantity(memoryLimitText)) : null;
  if (memoryLimit) values.push({ which: 'limits', resource: 'memory', quantity: memoryLimit, note: '`memoryLimit`', mode: 'set' });
  const cores = scalarText(get(roleMap, 'coreRequest')) ?? conf(spec, `spark.kubernetes.${role}.request.cores`) ?? scalarText(get(roleMap, 'cores')) ?? conf(spec, `spark.${role}.cores`) ?? '1';
  const cpuRequest = quantityOf(cores);
  if (cpuRequest) values.push({ which: 'requests', resource: 'cpu', quantity: cpuRequest, note: 'cores', mode: 'set' });
  const coreLimit = scalarText(get(roleMap, 'coreLimit')) ?? conf(spec, `spark.kubernetes.${role}.limit.cores`);
  const cpuLimit = coreLimit !== null ? quantityOf(coreLimit) : null;
  if (cpuLimit) values.push({ which: 'limits', resource: 'cpu', quantity: cpuLimit, note: '`coreLimit`', mode: 'set' });

  const workload = buildOperatorPod({
    cr,
    operator: OPERATOR,
    containers: [{ name: CONTAINER[role], role: 'container', node: roleMap ?? spec, declared: null, values }],
    limitRanges: input.manifest?.limitRanges ?? [],
    nodeMemoryBytes: input.nodeMemoryBytes,
  });
  const model = workload.containers[0];

  // The JVM: the heap options Spark writes from `memory`, and the user's extra Java options.
  const at = memoryNode?.span ?? anchor;
  const heapLabel = `\`${role}.memory\` (Spark starts the ${role} with ${role === 'driver' ? '`-Xmx` + memory' : '`-Xms`/`-Xmx` = memory'})`;
  const heapComposed: ComposedItem[] = [];
  const heapItem = (text: string): ArgvItem => {
    const item = composedItem(text, at, heapLabel, true);
    if (item.composed) heapComposed.push(item.composed);
    return item;
  };
  const javaOptsNode = scalarAt(roleMap, 'javaOptions') ?? scalarAt(get(spec, 'sparkConf'), `spark.${role}.extraJavaOptions`);
  const userOpts = optionItems(javaOptsNode, input.text, `\`${role}.javaOptions\` (spark.${role}.extraJavaOptions)`);
  const items =
    role === 'driver'
      ? [heapItem(`-Xmx${memory.trim()}`), ...userOpts]
      : [...userOpts, heapItem(`-Xms${mem.memoryMiB}m`), heapItem(`-Xmx${mem.memoryMiB}m`)];
  const launch = javaLaunch(items, MAIN[role]);

  const target = fileTarget(input);
  const edits: ContainerEdits = {
    setMemoryLimit: (bytes) => setSparkLimit(target, roleMap, mem, bytes, memoryLimit !== null),
    setsRequestToo: memoryLimit === null,
    editOptions: (tokens, changes) => editSparkOptions(input, target, roleMap, mem, tokens, changes, heapComposed),
    formatMemory: bytesToQuantityCeilMi,
  };
  return {
    component: role,
    workload,
    containers: [{ model, launch, edits, anchor, limitText: limitTextOf(model) }],
    derivation: derivationLines(role, memory, mem, memoryLimitText),
    checkResources: false,
  };
}

function derivationLines(role: SparkRole, memory: string, m: SparkPodMemory, memoryLimit: string | null): string[] {
  const extra = [m.offHeapMiB > 0n ? ` + off-heap ${m.offHeapMiB} MiB` : '', m.pysparkMiB > 0n ? ` + PySpark ${m.pysparkMiB} MiB` : ''].join('');
  const lines = [
    `Spark sizes the pod: memory \`${memory}\` = ${m.memoryMiB} MiB, overhead ${m.overheadRule}${extra} → request = limit **${m.totalMiB}Mi**${
      memoryLimit !== null ? ` (then the operator's \`memoryLimit: ${memoryLimit}\` replaces the limit)` : ''
    }.`,
    role === 'driver'
      ? `The driver JVM gets \`-Xmx${memory.trim()}\` (spark.driver.memory as written; no \`-Xms\`).`
      : `Executor JVMs get \`-Xms${m.memoryMiB}m -Xmx${m.memoryMiB}m\`.`,
    ...m.errors.map((e) => `Spark refuses this value: ${e}.`),
    'Sources: apache/spark BasicDriverFeatureStep.scala / BasicExecutorFeatureStep.scala; kubeflow/spark-operator v2.5.2.',
  ];
  return lines;
}

/** The limit through `memoryOverhead` (request = limit = memory + overhead), or the operator's `memoryLimit`. */
function setSparkLimit(target: ReturnType<typeof fileTarget>, roleMap: YMap | null, m: SparkPodMemory, bytes: bigint, viaMemoryLimit: boolean): TextEdit[] | null {
  if (!roleMap || bytes <= 0n) return null;
  const mib = (bytes + MiB - 1n) / MiB;
  if (viaMemoryLimit) return setFields(target, roleMap, [['memoryLimit', `${mib}m`]]);
  const overhead = mib - m.memoryMiB - m.offHeapMiB - m.pysparkMiB;
  if (overhead <= 0n) return null;
  return setFields(target, roleMap, [['memoryOverhead', `${overhead}m`]]);
}

/**
 * Heap edits become `memory` (and `memoryOverhead` raised by as much, so request and limit stay), other options
 * are edited where they are written (`javaOptions`).
 */
function editSparkOptions(
  input: YamlSourceInput,
  target: ReturnType<typeof fileTarget>,
  roleMap: YMap | null,
  m: SparkPodMemory,
  tokens: readonly JvmToken[],
  changes: readonly OptionEdit[],
  heapComposed: readonly ComposedItem[],
): TextEdit[] | null {
  const isHeap = (i: number): boolean => {
    const s = tokens[i]?.source;
    return !!s && s.kind === 'argv' && !!s.composed && heapComposed.includes(s.composed);
  };
  const heap = changes.filter((c) => isHeap(c.index));
  const other = changes.filter((c) => !isHeap(c.index));
  if (heap.length > 0 && other.length > 0) return null;
  if (other.length > 0) return optionTextEdits({ text: input.text, lines: input.lines, yaml: input.yaml }, tokens, other);
  if (!roleMap) return null;
  let newMiB: bigint | null = null;
  for (const c of heap) {
    if (c.replacement === null) return null;
    const mx = /^-Xm[xs](.+)$/.exec(c.replacement);
    const bytes = mx ? parseJvmSize(mx[1]) : null;
    if (bytes === null) return null;
    const mib = bytes / MiB;
    if (newMiB === null || mib < newMiB) newMiB = mib;
  }
  if (newMiB === null || newMiB <= 0n) return null;
  const overhead = m.totalMiB - newMiB - m.offHeapMiB - m.pysparkMiB;
  return setFields(target, roleMap, [
    ['memory', `${newMiB}m`],
    ['memoryOverhead', `${overhead}m`],
  ]);
}

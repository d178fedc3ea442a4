// Strimzi's JVM options for its Kafka-image components and operators, as its cluster operator writes them into
// environment variables and its start scripts put them on the `java` command line.
//
// Sources (strimzi/strimzi-kafka-operator @ 1.2.0, 6c7b43c4af0d):
//   cluster-operator/.../model/JvmOptionUtils.java
//     heapOptions (l. 211-240): KAFKA_HEAP_OPTS = `-Xms<v> -Xmx<v> -XX:InitialRAMPercentage=<v> -XX:MaxRAMPercentage=<v>`
//       from jvmOptions; without -Xmx and MaxRAMPercentage: with a memory request or limit in `resources`,
//       STRIMZI_DYNAMIC_HEAP_PERCENTAGE (+ STRIMZI_DYNAMIC_HEAP_MAX); without, `-Xms128M` unless -Xms or
//       InitialRAMPercentage is given (DEFAULT_JVM_XMS, l. 28).
//     jvmPerformanceOptions (l. 127-150): KAFKA_JVM_PERFORMANCE_OPTS from the other `-XX` keys, Unlock*VMOptions first,
//       then by name; "true" → -XX:+K, "false" → -XX:-K, else -XX:K=V. jvmSystemProperties (l. 102): `-Dname=value`.
//     javaOptions (l. 52): the Topic and User Operators get heap + performance options in one STRIMZI_JAVA_OPTS.
//   docker-images/kafka-based/kafka/scripts/dynamic_resources.sh: when KAFKA_HEAP_OPTS is empty, the heap is the
//     JVM's own estimate with -XX:MaxRAMPercentage=<P> (`java -XshowSettings:vm`, "Max. Heap Size (Estimated)"),
//     capped at STRIMZI_DYNAMIC_HEAP_MAX, written as `-Xms<bytes> -Xmx<bytes>`.
//   docker-images/operator/scripts/launch_java.sh (l. 27-28): adds `-XX:MinRAMPercentage=15 -XX:MaxRAMPercentage=20`
//     unless JAVA_OPTS mentions MinRAMPercentage or MaxRAMPercentage.
//   apache/kafka bin/kafka-run-class.sh: `$KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS … $KAFKA_OPTS`; without
//     KAFKA_JVM_PERFORMANCE_OPTS it uses `-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20
//     -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15
//     -Djava.awt.headless=true`.
//   JDK LauncherHelper SizePrefix.scale: the estimate printed with two decimals (HALF_EVEN) in K, M or G;
//     to_bytes.gawk multiplies back and truncates.
import { GiB, KiB, MiB } from '../../bytes';
import type { ArgvItem } from '../../jvm/launch';
import type { Span } from '../../types';
import { asMap, asSeq, get, getPair, type YMap, type YScalar } from '../../yaml/tree';
import { composedItem, scalarText } from '../shared';

/** `jvmOptions` as written: each value with its scalar (for spans and edits). */
export interface StrimziJvmOptions {
  xmx: YScalar | null;
  xms: YScalar | null;
  /** The `-XX` map in order. */
  xx: Array<{ key: string; value: string; node: YScalar }>;
  systemProperties: Array<{ name: string; value: string; node: YScalar | null }>;
}

export function readJvmOptions(map: YMap | null): StrimziJvmOptions | null {
  if (!map) return null;
  const scalar = (key: string): YScalar | null => {
    const v = get(map, key);
    return v && v.kind === 'scalar' && v.value !== null ? v : null;
  };
  const xx: StrimziJvmOptions['xx'] = [];
  for (const pair of asMap(get(map, '-XX'))?.items ?? []) {
    const v = pair.value;
    if (pair.key === null || !v || v.kind !== 'scalar') continue;
    const value = scalarText(v);
    if (value !== null) xx.push({ key: pair.key, value, node: v });
  }
  const systemProperties: StrimziJvmOptions['systemProperties'] = [];
  for (const item of asSeq(get(map, 'javaSystemProperties'))?.items ?? []) {
    const name = scalarText(get(item, 'name'));
    const vNode = get(item, 'value');
    if (name !== null) systemProperties.push({ name, value: scalarText(vNode) ?? '', node: vNode && vNode.kind === 'scalar' ? vNode : null });
  }
  return { xmx: scalar('-Xmx'), xms: scalar('-Xms'), xx, systemProperties };
}

const HEAP_XX = ['InitialRAMPercentage', 'MaxRAMPercentage'];

/** The place a heap option comes from: `jvmOptions.-Xmx`. */
export interface HeapField {
  node: YScalar;
  /** How the option is spelt from the field's value. */
  kind: 'Xmx' | 'Xms' | 'XX';
  key: string;
}

export interface StrimziOptions {
  items: ArgvItem[];
  /** Which field each composed option comes from (its ComposedItem), for option edits. */
  fields: Map<object, HeapField>;
  /** The dynamic heap, when the start script computes it. */
  dynamic: { percentage: number; capBytes: bigint | null; basisBytes: bigint; basis: 'limit' | 'node memory'; heapBytes: bigint } | null;
  notes: string[];
}

/** A `-XX` entry as Strimzi spells it. */
function xxOption(key: string, value: string): string {
  if (value === 'true') return `-XX:+${key}`;
  if (value === 'false') return `-XX:-${key}`;
  return `-XX:${key}=${value}`;
}

/** Round half to even at two decimals, as BigDecimal.setScale(2, HALF_EVEN) does on the estimate. */
function halfEven2(x: number): number {
  const scaled = x * 100;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  const r = diff > 0.5 || (Math.abs(diff - 0.5) < 1e-9 && floor % 2 === 1) ? floor + 1 : floor;
  return r / 100;
}

/**
 * The heap dynamic_resources.sh writes: the JVM's max heap with -XX:MaxRAMPercentage=P of `basis` (aligned up to
 * 2 MiB, G1's estimate: the probe JVM picks G1 with two or more CPUs and about 2 GiB), printed with two decimals and
 * read back in bytes, then capped.
 */
export function dynamicHeapBytes(basis: bigint, percentage: number, cap: bigint | null): bigint {
  const two = 2n * MiB;
  let heap = (basis * BigInt(Math.round(percentage * 1000))) / 100000n;
  heap = ((heap + two - 1n) / two) * two;
  const unit = heap >= GiB ? GiB : heap >= MiB ? MiB : KiB;
  const printed = halfEven2(Number(heap) / Number(unit));
  let bytes = BigInt(Math.trunc(printed * Number(unit)));
  if (cap !== null && cap > 0n && cap < bytes) bytes = cap;
  return bytes;
}

export interface KafkaImageInput {
  jvm: StrimziJvmOptions | null;
  /** Where `jvmOptions` is (for labels), and the component's key (for defaults that are written nowhere). */
  anchor: Span;
  /** The memory limit the container gets (bytes), null when none; the request when set. */
  limitBytes: bigint | null;
  limitSpan: Span | null;
  /** The `resources` of the resource set a memory request or limit (JvmOptionUtils hasMemoryRequestOrLimit). */
  memorySet: boolean;
  requestSpan: Span | null;
  nodeMemoryBytes: bigint;
  percentage: number;
  capBytes: bigint | null;
  /** Performance options reach the JVM (not the bridge's scripts) and the default list when there are none. */
  performance: 'kafka-run-class' | 'dropped';
  /** `jvmOptions` came from the Kafka resource (a node pool without its own). */
  inheritedFrom?: string;
}

/** The options of a Kafka-image component (Kafka, ZooKeeper, Connect, MirrorMaker 2, the bridge at 1.2.0). */
export function kafkaImageOptions(input: KafkaImageInput): StrimziOptions {
  const fields = new Map<object, HeapField>();
  const items: ArgvItem[] = [];
  const notes: string[] = [];
  const jvm = input.jvm;
  const where = input.inheritedFrom ? ` (inherited from ${input.inheritedFrom})` : '';
  const field = (node: YScalar, kind: HeapField['kind'], key: string, text: string, label: string): void => {
    const item = composedItem(text, node.span, `${label}${where}`);
    if (item.composed) fields.set(item.composed, { node, kind, key });
    items.push(item);
  };
  const xmx = jvm?.xmx ?? null;
  const xms = jvm?.xms ?? null;
  const heapXX = (jvm?.xx ?? []).filter((x) => HEAP_XX.includes(x.key));
  if (xms) field(xms, 'Xms', '-Xms', `-Xms${scalarText(xms)}`, '`jvmOptions.-Xms` (KAFKA_HEAP_OPTS)');
  if (xmx) field(xmx, 'Xmx', '-Xmx', `-Xmx${scalarText(xmx)}`, '`jvmOptions.-Xmx` (KAFKA_HEAP_OPTS)');
  for (const key of HEAP_XX) {
    const x = heapXX.find((h) => h.key === key);
    if (x) field(x.node, 'XX', key, `-XX:${key}=${x.value}`, `\`jvmOptions.-XX.${key}\` (KAFKA_HEAP_OPTS)`);
  }
  let dynamic: StrimziOptions['dynamic'] = null;
  const hasMaxPct = heapXX.some((h) => h.key === 'MaxRAMPercentage');
  if (!xmx && !hasMaxPct) {
    if (input.memorySet) {
      if (items.length === 0) {
        const limited = input.limitBytes !== null && input.limitBytes > 0n && input.limitBytes < input.nodeMemoryBytes;
        const basisBytes = limited ? (input.limitBytes as bigint) : input.nodeMemoryBytes;
        const heapBytes = dynamicHeapBytes(basisBytes, input.percentage, input.capBytes);
        dynamic = { percentage: input.percentage, capBytes: input.capBytes, basisBytes, basis: limited ? 'limit' : 'node memory', heapBytes };
        const at = (limited ? input.limitSpan : input.requestSpan) ?? input.anchor;
        const label = `Strimzi's dynamic heap (dynamic_resources.sh: ${input.percentage} % of the ${limited ? 'memory limit' : "node's memory"}${
          input.capBytes ? `, at most ${input.capBytes / MiB} MiB` : ''
        })`;
        items.push(composedItem(`-Xms${heapBytes}`, at, label, true), composedItem(`-Xmx${heapBytes}`, at, label, true));
      } else {
        notes.push('`KAFKA_HEAP_OPTS` is not empty (`-Xms` or `InitialRAMPercentage` is set), so `dynamic_resources.sh` computes no heap: the JVM sizes it by its own defaults.');
      }
    } else if (!xms && !heapXX.some((h) => h.key === 'InitialRAMPercentage')) {
      items.push(composedItem('-Xms128M', input.anchor, "Strimzi's default without memory in `resources` (JvmOptionUtils DEFAULT_JVM_XMS)"));
    }
  }
  const perf = (jvm?.xx ?? []).filter((x) => !HEAP_XX.includes(x.key));
  if (input.performance === 'dropped') {
    if (perf.length > 0) notes.push("The bridge's start scripts never read `KAFKA_JVM_PERFORMANCE_OPTS`: the `-XX` options other than the RAM percentages do not reach the JVM.");
  } else if (perf.length > 0) {
    const unlock = (k: string) => k === 'UnlockDiagnosticVMOptions' || k === 'UnlockExperimentalVMOptions';
    const sorted = [...perf].sort((a, b) => (unlock(a.key) === unlock(b.key) ? a.key.localeCompare(b.key) : unlock(a.key) ? -1 : 1));
    for (const x of sorted) field(x.node, 'XX', x.key, xxOption(x.key, x.value), `\`jvmOptions.-XX.${x.key}\` (KAFKA_JVM_PERFORMANCE_OPTS)`);
  } else {
    for (const o of ['-server', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35', '-XX:+ExplicitGCInvokesConcurrent', '-XX:MaxInlineLevel=15', '-Djava.awt.headless=true']) {
      items.push(composedItem(o, null, "kafka-run-class.sh's default `KAFKA_JVM_PERFORMANCE_OPTS`"));
    }
  }
  for (const p of jvm?.systemProperties ?? []) {
    items.push(composedItem(`-D${p.name}=${p.value}`, p.node?.span ?? null, '`jvmOptions.javaSystemProperties` (STRIMZI_JAVA_SYSTEM_PROPERTIES)'));
  }
  return { items, fields, dynamic, notes };
}

/** The options of the Topic and User Operators (JvmOptionUtils.javaOptions + launch_java.sh). */
export function operatorOptions(jvm: StrimziJvmOptions | null, anchor: Span): StrimziOptions {
  const fields = new Map<object, HeapField>();
  const items: ArgvItem[] = [];
  for (const p of jvm?.systemProperties ?? []) {
    items.push(composedItem(`-D${p.name}=${p.value}`, p.node?.span ?? null, '`jvmOptions.javaSystemProperties`'));
  }
  const field = (node: YScalar, kind: HeapField['kind'], key: string, text: string): void => {
    const item = composedItem(text, node.span, `\`jvmOptions.${key}\` (STRIMZI_JAVA_OPTS)`);
    if (item.composed) fields.set(item.composed, { node, kind, key });
    items.push(item);
  };
  if (jvm?.xms) field(jvm.xms, 'Xms', '-Xms', `-Xms${scalarText(jvm.xms)}`);
  if (jvm?.xmx) field(jvm.xmx, 'Xmx', '-Xmx', `-Xmx${scalarText(jvm.xmx)}`);
  for (const key of HEAP_XX) {
    const x = jvm?.xx.find((h) => h.key === key);
    if (x) field(x.node, 'XX', key, `-XX:${key}=${x.value}`);
  }
  for (const x of jvm?.xx ?? []) if (!HEAP_XX.includes(x.key)) field(x.node, 'XX', x.key, xxOption(x.key, x.value));
  // launch_java.sh tests the whole JAVA_OPTS string for the two names.
  const text = items.map((i) => i.value).join(' ');
  if (!text.includes('MinRAMPercentage') && !text.includes('MaxRAMPercentage')) {
    items.push(
      composedItem('-XX:MinRAMPercentage=15', anchor, "Strimzi's launch_java.sh default", true),
      composedItem('-XX:MaxRAMPercentage=20', anchor, "Strimzi's launch_java.sh default", true),
    );
  }
  items.push(composedItem('-XX:+ExitOnOutOfMemoryError', null, "Strimzi's launch_java.sh"));
  return { items, fields, dynamic: null, notes: [] };
}

/** Whether a map has a `resources.requests.memory` or `resources.limits.memory` key. */
export function memoryDeclared(owner: YMap): boolean {
  const res = asMap(getPair(owner, 'resources')?.value);
  return !!(getPair(get(res, 'requests'), 'memory') || getPair(get(res, 'limits'), 'memory'));
}

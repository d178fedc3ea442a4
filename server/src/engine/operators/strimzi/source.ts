// Strimzi custom resources as a workload source (source.ts), modelled on strimzi/strimzi-kafka-operator 1.2.0 (the
// current release; ZooKeeper as in 0.45, the last release that has it). `resources` go to the container as
// written, with no defaults (KafkaPool.java:154, KafkaConnectCluster.java:274, KafkaBridgeCluster.java:178,
// EntityTopicOperator.java:151, EntityUserOperator.java:143); the JVM options are heap.ts's.
//   Kafka         `kafka` (KafkaCluster KAFKA_NAME) from spec.kafka unless node pools are enabled: 50 %, at most
//                 5 GiB (KafkaCluster.java:1646); `zookeeper` (ZookeeperCluster.java:95 @0.45.0): 75 %, at most 2 GiB
//                 (l. 483); the entity operator's `topic-operator` and `user-operator` (EntityTopicOperator.java:47,
//                 EntityUserOperator.java:46); `cruise-control` (CruiseControl.java:85): 75 %, no cap (l. 426).
//   KafkaNodePool `kafka`: its own `resources` only (1.0+: no fallback to the Kafka resource's), its own
//                 `jvmOptions` else the Kafka resource's spec.kafka.jvmOptions as a whole (KafkaPool.java:153).
//   KafkaConnect  `<name>-connect`, KafkaMirrorMaker2 `<name>-mirrormaker2`: 75 %, no cap (KafkaConnectCluster.java:597).
//   KafkaBridge   `<name>-bridge`: 75 %, no cap (KafkaBridgeCluster.java:458-460, 1.2.0 with bridge 1.1.0, whose
//                 scripts do not read KAFKA_JVM_PERFORMANCE_OPTS).
import { bytesToQuantityCeilMi, GiB } from '../../bytes';
import type { JvmToken } from '../../jvm/detect';
import type { OptionEdit } from '../../jvm/options';
import { setContainerMemoryLimit } from '../../k8s/source';
import type { ContainerEdits, SourceOutput, YamlSource, YamlSourceInput } from '../../source';
import type { Span, TextEdit } from '../../types';
import { replaceScalarEdit, toTextEdits } from '../../yaml/edits';
import { asMap, get, getPair, type YMap } from '../../yaml/tree';
import {
  buildOperatorPod,
  type Component,
  type ComponentContainer,
  componentsOutput,
  type CustomResource,
  fileTarget,
  findResources,
  javaLaunch,
  keySpan,
  limitTextOf,
  scalarText,
} from '../shared';
import { type HeapField, kafkaImageOptions, memoryDeclared, operatorOptions, readJvmOptions, type StrimziOptions } from './heap';

const OPERATOR = 'Strimzi';
const KINDS = ['Kafka', 'KafkaNodePool', 'KafkaConnect', 'KafkaMirrorMaker2', 'KafkaBridge'];

interface Part {
  component: string;
  containers: Array<{ name: string; node: YMap; key: Span; options: (limit: bigint | null, c: Pick<Part['containers'][number], 'node' | 'key'>) => StrimziOptions; main: string }>;
  derivation: (opts: StrimziOptions[]) => string[];
}

export const strimziSource: YamlSource = {
  id: 'strimzi',
  read(input: YamlSourceInput): SourceOutput | null {
    const crs = findResources(input.yaml.docs, 'kafka.strimzi.io', KINDS);
    const components: Component[] = [];
    for (const cr of crs) {
      if (!cr.spec) continue;
      for (const part of partsOf(cr, crs, input)) {
        const c = buildComponent(cr, part, input);
        if (c) components.push(c);
      }
    }
    return componentsOutput(components, input);
  },
};

function kafkaImage(percentage: number, capBytes: bigint | null, input: YamlSourceInput, performance: 'kafka-run-class' | 'dropped', jvmMap?: () => { map: YMap | null; from?: string }) {
  return (limit: bigint | null, c: { node: YMap; key: Span }): StrimziOptions => {
    const own = jvmMap ? jvmMap() : { map: asMap(get(c.node, 'jvmOptions')) };
    const res = asMap(get(c.node, 'resources'));
    return kafkaImageOptions({
      jvm: readJvmOptions(own.map),
      anchor: c.key,
      limitBytes: limit,
      limitSpan: get(get(res, 'limits'), 'memory')?.span ?? null,
      memorySet: memoryDeclared(c.node),
      requestSpan: get(get(res, 'requests'), 'memory')?.span ?? null,
      nodeMemoryBytes: input.nodeMemoryBytes,
      percentage,
      capBytes,
      performance,
      ...(own.from ? { inheritedFrom: own.from } : {}),
    });
  };
}

function dynamicLine(o: StrimziOptions, what: string): string[] {
  const d = o.dynamic;
  const out: string[] = [];
  if (d) {
    out.push(
      `No \`-Xmx\` or \`MaxRAMPercentage\` in \`jvmOptions\` and memory is set, so Strimzi's \`dynamic_resources.sh\` sets ` +
        `\`-Xms\` = \`-Xmx\` = ${d.percentage} % of the ${d.basis === 'limit' ? 'memory limit' : "node's memory (no limit: the JVM sees the node)"} ` +
        `${bytesToQuantityCeilMi(d.basisBytes)}${d.capBytes ? `, at most ${bytesToQuantityCeilMi(d.capBytes)}` : ''}: **${d.heapBytes} bytes** ` +
        '(the estimate of a JVM that picks G1; with fewer than 2 CPUs or below ~1.75 GiB it picks Serial and reports ~3 % less).',
    );
  } else out.push(`${what}: the heap comes from \`jvmOptions\` or the JVM's defaults.`);
  out.push(...o.notes);
  return out;
}

const SOURCE_LINE = 'Source: strimzi/strimzi-kafka-operator 1.2.0 (JvmOptionUtils.java, dynamic_resources.sh); see docs/operators.md.';

function partsOf(cr: CustomResource, all: CustomResource[], input: YamlSourceInput): Part[] {
  const spec = cr.spec as YMap;
  const parts: Part[] = [];
  const main = (name: string, node: YMap | null, key: Span | null, options: Part['containers'][number]['options'], mainClass: string) =>
    node && key ? [{ name, node, key, options, main: mainClass }] : [];
  switch (cr.kind) {
    case 'Kafka': {
      const annotation = scalarText(get(get(get(cr.object, 'metadata'), 'annotations'), 'strimzi.io/node-pools'));
      const pools = annotation === 'enabled' || cr.apiVersion === 'kafka.strimzi.io/v1';
      const kafka = asMap(get(spec, 'kafka'));
      if (!pools) {
        parts.push({
          component: 'kafka',
          containers: main('kafka', kafka, keySpan(spec, 'kafka'), kafkaImage(50, 5n * GiB, input, 'kafka-run-class'), 'kafka.Kafka'),
          derivation: (o) => [...dynamicLine(o[0], 'Kafka'), SOURCE_LINE],
        });
      }
      const zk = asMap(get(spec, 'zookeeper'));
      parts.push({
        component: 'zookeeper',
        containers: main('zookeeper', zk, keySpan(spec, 'zookeeper'), kafkaImage(75, 2n * GiB, input, 'kafka-run-class'), 'org.apache.zookeeper.server.quorum.QuorumPeerMain'),
        derivation: (o) => ['ZooKeeper exists up to Strimzi 0.45.', ...dynamicLine(o[0], 'ZooKeeper'), SOURCE_LINE],
      });
      const eo = asMap(get(spec, 'entityOperator'));
      const eoContainers = (['topicOperator', 'userOperator'] as const).flatMap((k) => {
        const node = asMap(get(eo, k));
        const key = keySpan(eo, k);
        if (!node || !key) return [];
        const name = k === 'topicOperator' ? 'topic-operator' : 'user-operator';
        const mainClass = k === 'topicOperator' ? 'io.strimzi.operator.topic.TopicOperatorMain' : 'io.strimzi.operator.user.Main';
        return [{ name, node, key, options: (_l: bigint | null, c: { node: YMap; key: Span }) => operatorOptions(readJvmOptions(asMap(get(c.node, 'jvmOptions'))), c.key), main: mainClass }];
      });
      parts.push({
        component: 'entity-operator',
        containers: eoContainers,
        derivation: () => [
          "The Topic and User Operators get `jvmOptions` in `STRIMZI_JAVA_OPTS`; `launch_java.sh` adds `-XX:MinRAMPercentage=15 -XX:MaxRAMPercentage=20` unless one of the two names is already there: 15 % of the limit below ~832 MiB, else 20 %.",
          SOURCE_LINE,
        ],
      });
      const cc = asMap(get(spec, 'cruiseControl'));
      parts.push({
        component: 'cruise-control',
        containers: main('cruise-control', cc, keySpan(spec, 'cruiseControl'), kafkaImage(75, null, input, 'kafka-run-class'), 'com.linkedin.kafka.cruisecontrol.KafkaCruiseControlMain'),
        derivation: (o) => [...dynamicLine(o[0], 'Cruise Control'), SOURCE_LINE],
      });
      break;
    }
    case 'KafkaNodePool': {
      const cluster = scalarText(get(get(get(cr.object, 'metadata'), 'labels'), 'strimzi.io/cluster'));
      const kafkaCr = all.find((k) => k.kind === 'Kafka' && k.name === cluster && (k.namespace ?? null) === (cr.namespace ?? null));
      // jvmOptions: the pool's, else the Kafka resource's spec.kafka.jvmOptions, as a whole (KafkaPool.java:153).
      const jvm = () => {
        const own = asMap(get(spec, 'jvmOptions'));
        if (own || getPair(spec, 'jvmOptions')) return { map: own };
        const inherited = asMap(get(get(kafkaCr?.spec, 'kafka'), 'jvmOptions'));
        return inherited ? { map: inherited, from: `Kafka \`${cluster}\`` } : { map: null };
      };
      parts.push({
        component: 'kafka',
        containers: main('kafka', spec, keySpan(cr.object, 'spec'), kafkaImage(50, 5n * GiB, input, 'kafka-run-class', jvm), 'kafka.Kafka'),
        derivation: (o) => [
          'A node pool uses its own `resources` (Strimzi 1.0+: nothing is inherited from the Kafka resource) and its own `jvmOptions`, else the Kafka resource\'s `spec.kafka.jvmOptions` as a whole.',
          ...dynamicLine(o[0], 'Kafka'),
          SOURCE_LINE,
        ],
      });
      break;
    }
    case 'KafkaConnect':
    case 'KafkaMirrorMaker2': {
      const component = cr.kind === 'KafkaConnect' ? 'connect' : 'mirrormaker2';
      parts.push({
        component,
        containers: main(`${cr.name ?? ''}-${component}`, spec, keySpan(cr.object, 'spec'), kafkaImage(75, null, input, 'kafka-run-class'), 'org.apache.kafka.connect.cli.ConnectDistributed'),
        derivation: (o) => [...dynamicLine(o[0], cr.kind), SOURCE_LINE],
      });
      break;
    }
    case 'KafkaBridge':
      parts.push({
        component: 'bridge',
        containers: main(`${cr.name ?? ''}-bridge`, spec, keySpan(cr.object, 'spec'), kafkaImage(75, null, input, 'dropped'), 'io.strimzi.kafka.bridge.Application'),
        derivation: (o) => [
          ...dynamicLine(o[0], 'The bridge'),
          'Modelled as operator 1.2.0 with bridge 1.1.0; operators up to 1.1 ran bridge scripts that set about 12.5 % of the limit.',
          SOURCE_LINE,
        ],
      });
      break;
  }
  return parts.filter((p) => p.containers.length > 0);
}

function buildComponent(cr: CustomResource, part: Part, input: YamlSourceInput): Component | null {
  const workload = buildOperatorPod({
    cr,
    operator: OPERATOR,
    containers: part.containers.map((c) => ({ name: c.name, role: 'container' as const, node: c.node })),
    limitRanges: input.manifest?.limitRanges ?? [],
    nodeMemoryBytes: input.nodeMemoryBytes,
  });
  const target = fileTarget(input);
  const opts: StrimziOptions[] = [];
  const containers: ComponentContainer[] = part.containers.map((spec, i) => {
    const model = workload.containers[i];
    const o = spec.options(model.memoryLimitBytes, spec);
    opts.push(o);
    const edits: ContainerEdits = {
      setMemoryLimit: (bytes) => setContainerMemoryLimit(target, workload, model, bytes),
      setsRequestToo: workload.qos.qosClass === 'Guaranteed' && model.declared.fields.some((f) => f.resource === 'memory' && f.which === 'requests'),
      editOptions: (tokens, changes) => editJvmOptions(target, o.fields, tokens, changes),
      formatMemory: bytesToQuantityCeilMi,
    };
    return { model, launch: javaLaunch(o.items, spec.main), edits, anchor: spec.key, limitText: limitTextOf(model) };
  });
  return { component: part.component, workload, containers, derivation: part.derivation(opts), checkResources: true };
}

/**
 * Option edits on `jvmOptions`: a new size for `-Xmx`/`-Xms` (Strimzi accepts digits and an m or g suffix), a new
 * value for a `-XX` key. Options the scripts compute (the dynamic heap) are not written anywhere: null.
 */
function editJvmOptions(target: ReturnType<typeof fileTarget>, fields: Map<object, HeapField>, tokens: readonly JvmToken[], changes: readonly OptionEdit[]): TextEdit[] | null {
  const edits = [];
  for (const c of changes) {
    const s = tokens[c.index]?.source;
    const f = s && s.kind === 'argv' && s.composed ? fields.get(s.composed) : undefined;
    if (!f || c.replacement === null) return null;
    let value: string | null = null;
    if (f.kind === 'Xmx' || f.kind === 'Xms') {
      const m = new RegExp(`^-X${f.kind === 'Xmx' ? 'mx' : 'ms'}([0-9]+[mMgG]?)$`).exec(c.replacement);
      value = m ? m[1] : null;
    } else {
      const m = new RegExp(`^-XX:${f.key}=(.+)$`).exec(c.replacement);
      value = m ? m[1] : null;
    }
    if (value === null) return null;
    edits.push(replaceScalarEdit(target, f.node, value));
  }
  return edits.length > 0 ? toTextEdits(target, edits) : null;
}

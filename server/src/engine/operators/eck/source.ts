// ECK (elastic/cloud-on-k8s) `Elasticsearch` and `Logstash` as a workload source, modelled on ECK v3.5.0.
//   Elasticsearch: one workload per node set (component = its name), a StatefulSet `<es>-es-<nodeSet>` with init
//     containers `elastic-internal-init-filesystem` (request = limit = 50Mi, 0.1 CPU: initcontainer/prepare_fs.go:87-98),
//     `elastic-internal-init-keystore` with `spec.secureSettings` (196Mi, 500m: keystore.go:93-104) and
//     `elastic-internal-suspend` (ECK 1.9+, no resources of its own: it inherits the main container's,
//     WithInitContainerDefaults), then `elasticsearch` (ElasticsearchContainerName) from the node set's pod template.
//     Its resources default to request = limit = 2Gi memory only when it sets neither `requests` nor `limits`
//     (nodespec/defaults.go:29-44, container/defaulter.go:144-149). ECK passes no heap flags (podspec.go:363-386):
//     Elasticsearch sizes its own heap (MachineDependentHeap.java, 7.11+) from the container limit by node role —
//     data 50 % (40 % below 1 GiB, at least 128 MiB), master-only 60 %, ML-only 40 %/25 % (before 8.3) or 40 % up to
//     16 GiB then 10 % (PR #86399), at most 31 GiB; legacy role settings in 7.x give 1 GiB; before 7.11 jvm.options'
//     `-Xms1g -Xmx1g`. An `-Xmx`/`-Xms` in ES_JAVA_OPTS turns it off; a MaxRAMPercentage does not. The data-role
//     formula and the version split are the image table's (jvm/images.ts `elasticsearch` rows); other roles are
//     computed here and passed as the heap options Elasticsearch appends.
//   Logstash (ECK 2.8+): container `logstash` (logstash_types.go:21), init `logstash-internal-init-config` (50Mi,
//     0.1 CPU); defaults request 2Gi/1 CPU, limit 2Gi/2 CPUs when nothing is set (logstash/pod.go:46-57); heap
//     `-Xms1g -Xmx1g` from config/jvm.options, then LS_JAVA_OPTS (elastic/logstash JvmOptionsParser: added last).
import { bytesToQuantityCeilMi, GiB, MiB } from '../../bytes';
import { concatMapped, literal } from '../../mapped';
import type { EnvEntry, LaunchSpec } from '../../jvm/launch';
import { launchFromContainer } from '../../k8s/launch';
import type { ContainerModel } from '../../k8s/model';
import { setContainerMemoryLimit } from '../../k8s/source';
import type { ContainerEdits, SourceOutput, YamlSource, YamlSourceInput } from '../../source';
import { optionTextEdits } from '../../yaml/option-edits';
import { asMap, asSeq, get, getPair, type YMap } from '../../yaml/tree';
import {
  buildOperatorPod,
  type Component,
  type ComponentContainer,
  componentsOutput,
  composedItem,
  type CustomResource,
  fileTarget,
  findResources,
  fixedEdits,
  javaLaunch,
  limitTextOf,
  memoryQuantity,
  noJvmLaunch,
  type OperatorContainerInput,
  type OperatorValue,
  optionItems,
  parseVersion,
  quantityOf,
  scalarText,
  versionAtLeast,
} from '../shared';

const OPERATOR = 'ECK';
const ES_IMAGE = 'docker.elastic.co/elasticsearch/elasticsearch';

export type EsRole = 'data' | 'master-only' | 'ml-only' | 'unknown';

/** The node role MachineDependentHeap sizes by, from the node set's `config`. */
export function esRole(config: YMap | null, version: number[] | null): EsRole {
  const legacy = ['node.master', 'node.data', 'node.ingest', 'node.ml', 'node.voting_only', 'node.transform', 'node.remote_cluster_client'];
  const flat = (key: string) => get(config, key) ?? get(get(config, 'node'), key.slice('node.'.length));
  if (version !== null && !versionAtLeast(version, [8]) && legacy.some((k) => flat(k) !== null)) return 'unknown';
  const rolesNode = flat('node.roles');
  const seq = asSeq(rolesNode);
  if (!seq) return 'data';
  const roles = seq.items.map((i) => scalarText(i)).filter((r): r is string => r !== null);
  const others = roles.filter((r) => r !== 'voting_only' && r !== 'remote_cluster_client');
  if (others.length === 1 && others[0] === 'master' && !roles.includes('remote_cluster_client')) return 'master-only';
  if (others.length === 1 && others[0] === 'ml') return 'ml-only';
  return 'data';
}

/** The heap in MiB Elasticsearch sets for a role that is not data (MachineDependentHeap), from memory `m`. */
export function esRoleHeapMb(role: Exclude<EsRole, 'data'>, m: bigint, version: number[] | null): bigint {
  const cap = 31n * GiB;
  const min = (a: bigint, b: bigint) => (a < b ? a : b);
  if (role === 'unknown') return 1024n;
  if (role === 'master-only') return min((m * 6n) / 10n, cap) / MiB;
  if (version !== null && !versionAtLeast(version, [8, 3])) {
    return m < 2n * GiB ? (m * 4n) / 10n / MiB : min(m / 4n, 2n * GiB) / MiB;
  }
  const four = 4n * MiB;
  const bytes = m <= 16n * GiB ? (m * 4n) / 10n : min((16n * GiB * 4n) / 10n + (m - 16n * GiB) / 10n, cap);
  return ((bytes / four) * four) / MiB;
}

export const eckSource: YamlSource = {
  id: 'eck',
  read(input: YamlSourceInput): SourceOutput | null {
    const components: Component[] = [];
    for (const cr of findResources(input.yaml.docs, 'elasticsearch.k8s.elastic.co', ['Elasticsearch'])) {
      for (const item of asSeq(get(cr.spec, 'nodeSets'))?.items ?? []) {
        const nodeSet = asMap(item);
        if (nodeSet) components.push(...nodeSetComponent(cr, nodeSet, input));
      }
    }
    for (const cr of findResources(input.yaml.docs, 'logstash.k8s.elastic.co', ['Logstash'])) {
      if (cr.spec) components.push(...logstashComponent(cr, cr.spec, input));
    }
    return componentsOutput(components, input);
  },
};

/** The pod template's container `name` (or null), from `podTemplate.spec.containers`. */
function templateContainer(owner: YMap | null, name: string): YMap | null {
  for (const item of asSeq(get(get(get(owner, 'podTemplate'), 'spec'), 'containers'))?.items ?? []) {
    const m = asMap(item);
    if (m && scalarText(get(m, 'name')) === name) return m;
  }
  return null;
}

/** ECK's defaults apply only when the container sets neither `requests` nor `limits` (any resource, even `{}`). */
function defaultsApply(container: YMap | null): boolean {
  const res = asMap(getPair(container, 'resources')?.value);
  return !getPair(res, 'requests') && !getPair(res, 'limits');
}

function fixed(memory: bigint, cpu: string, note: string): OperatorValue[] {
  const q = memoryQuantity(memory);
  const c = quantityOf(cpu);
  const out: OperatorValue[] = [
    { which: 'requests', resource: 'memory', quantity: q, note, mode: 'set' },
    { which: 'limits', resource: 'memory', quantity: q, note, mode: 'set' },
  ];
  if (c) out.push({ which: 'requests', resource: 'cpu', quantity: c, note, mode: 'set' }, { which: 'limits', resource: 'cpu', quantity: c, note, mode: 'set' });
  return out;
}

function envOf(model: ContainerModel, owner: YMap | null, input: YamlSourceInput, namespace: string | null): LaunchSpec {
  const configMaps = [...(input.manifest?.configMaps ?? []), ...(input.manifest?.extraConfigMaps ?? [])];
  const asContainer: ContainerModel = { ...model, node: owner ?? model.node, env: asSeq(get(owner, 'env')), envFrom: asSeq(get(owner, 'envFrom')), command: null, args: null };
  return launchFromContainer(asContainer, configMaps, input.text, { namespace });
}

function nodeSetComponent(cr: CustomResource, nodeSet: YMap, input: YamlSourceInput): Component[] {
  const name = scalarText(get(nodeSet, 'name'));
  const nameNode = get(nodeSet, 'name');
  if (name === null || !nameNode) return [];
  const version = parseVersion(scalarText(get(cr.spec, 'version')));
  const es = templateContainer(nodeSet, 'elasticsearch');
  const defaults = defaultsApply(es);
  const esValues: OperatorValue[] = defaults
    ? [
        { which: 'requests', resource: 'memory', quantity: memoryQuantity(2n * GiB), note: 'its default when the container sets no resources', mode: 'set' },
        { which: 'limits', resource: 'memory', quantity: memoryQuantity(2n * GiB), note: 'its default when the container sets no resources', mode: 'set' },
      ]
    : [];
  const inputs: OperatorContainerInput[] = [
    { name: 'elastic-internal-init-filesystem', role: 'init', node: nodeSet, declared: null, values: fixed(50n * MiB, '100m', 'its init container') },
  ];
  if (get(cr.spec, 'secureSettings')) {
    inputs.push({ name: 'elastic-internal-init-keystore', role: 'init', node: nodeSet, declared: null, values: fixed(196n * MiB, '500m', 'its keystore init container') });
  }
  inputs.push({ name: 'elastic-internal-suspend', role: 'init', node: es ?? nodeSet, declared: es ? undefined : null, values: esValues });
  inputs.push({ name: 'elasticsearch', role: 'container', node: es ?? nodeSet, declared: es ? undefined : null, values: esValues });
  const workload = buildOperatorPod({ cr, operator: OPERATOR, containers: inputs, limitRanges: input.manifest?.limitRanges ?? [], nodeMemoryBytes: input.nodeMemoryBytes });
  const model = workload.containers[workload.containers.length - 1];
  const anchor = nameNode.span;
  const role = esRole(asMap(get(nodeSet, 'config')), version);
  const own = envOf(model, es, input, cr.namespace);
  const image = `${ES_IMAGE}${version ? `:${version.join('.')}` : ''}`;
  const launch: LaunchSpec = { ...own, image, command: null, args: null, keepsImageEntrypoint: true };
  const notes: string[] = [];
  const auto = version === null || versionAtLeast(version, [7, 11]);
  const userOpts = own.env.find((e) => e.name === 'ES_JAVA_OPTS');
  const userHeap = !!userOpts?.value && /(^|\s)-X(mx|ms)\S/.test(userOpts.value);
  if (auto && role !== 'data' && !userHeap) {
    // Elasticsearch appends its heap options after the user's (JvmOptionsParser): the image row computes the data
    // role only, so the other roles' options are given here, where ES_JAVA_OPTS ends.
    const limit = model.memoryLimitBytes;
    const m = limit !== null && limit > 0n && limit < input.nodeMemoryBytes ? limit : input.nodeMemoryBytes;
    const overhead = version === null || versionAtLeast(version, [9, 3]) ? 100n * MiB : 0n;
    const heapMb = esRoleHeapMb(role, m > overhead ? m - overhead : 0n, version);
    const extra = literal(`${userOpts?.value ? ' ' : ''}-Xms${heapMb}m -Xmx${heapMb}m`);
    const composed = { at: model.declared.fields.find((f) => f.resource === 'memory' && f.which === 'limits')?.node?.span ?? anchor, label: `Elasticsearch's heap for a ${role} node`, followsMemory: true };
    const entry: EnvEntry = userOpts
      ? { ...userOpts, value: `${userOpts.value}${extra.value}`, mapped: concatMapped([userOpts.mapped ?? literal(userOpts.value ?? ''), extra]), composed }
      : { name: 'ES_JAVA_OPTS', value: extra.value.trim(), mapped: literal(extra.value.trim()), nameSpan: null, valueSpan: null, entrySpan: null, origin: { kind: 'env' }, composed };
    launch.env = [...own.env.filter((e) => e.name !== 'ES_JAVA_OPTS'), entry];
    notes.push(
      role === 'unknown'
        ? 'Legacy role settings (`node.master`, `node.data`, …) in Elasticsearch 7.x: the heap is a fixed **1024 MiB**.'
        : `Node role **${role}**: Elasticsearch sets \`-Xms${heapMb}m -Xmx${heapMb}m\` (${role === 'master-only' ? '60 %' : 'the ML-only rule'} of ${bytesToQuantityCeilMi(m)}${overhead > 0n ? ' less 100 MiB for its CLI' : ''}).`,
    );
  } else if (auto && !userHeap) {
    notes.push('Node role **data** (no `node.roles`, or any mix): Elasticsearch sets `-Xms` = `-Xmx` = 50 % of the memory limit (40 % below 1 GiB, at least 128 MiB), at most 31 GiB.');
  } else if (userHeap) notes.push('`ES_JAVA_OPTS` sets `-Xmx`/`-Xms`: Elasticsearch computes no heap.');
  else notes.push('Elasticsearch before 7.11: `-Xms1g -Xmx1g` from jvm.options, then ES_JAVA_OPTS.');
  const target = fileTarget(input);
  const edits: ContainerEdits = es
    ? {
        setMemoryLimit: (bytes) => setContainerMemoryLimit(target, workload, model, bytes),
        setsRequestToo: workload.qos.qosClass === 'Guaranteed' && model.declared.fields.some((f) => f.resource === 'memory' && f.which === 'requests'),
        editOptions: (tokens, changes) => optionTextEdits({ text: input.text, lines: input.lines, yaml: input.yaml }, tokens, changes),
        formatMemory: bytesToQuantityCeilMi,
      }
    : fixedEdits();
  const containers: ComponentContainer[] = workload.containers.map((c) => ({
    model: c,
    launch: c === model ? launch : noJvmLaunch(),
    edits: c === model ? edits : fixedEdits(),
    anchor,
    limitText: limitTextOf(c),
    ...(c === model ? {} : { quiet: true }),
  }));
  return [
    {
      component: name,
      workload,
      containers,
      derivation: [
        defaults
          ? 'The `elasticsearch` container sets no `resources`: ECK gives it request = limit = **2Gi** memory (no CPU).'
          : 'ECK takes the `elasticsearch` container\'s `resources` from the pod template as written (its 2Gi default applies only when neither `requests` nor `limits` is set).',
        ...notes,
        'Sources: elastic/cloud-on-k8s v3.5.0 nodespec/defaults.go, initcontainer/; elastic/elasticsearch MachineDependentHeap.java. See docs/operators.md.',
      ],
      checkResources: es !== null,
    },
  ];
}

function logstashComponent(cr: CustomResource, spec: YMap, input: YamlSourceInput): Component[] {
  const anchor = getPair(cr.object, 'spec')?.keyNode?.span;
  if (!anchor) return [];
  const ls = templateContainer(spec, 'logstash');
  const defaults = defaultsApply(ls);
  const note = 'its default when the container sets no resources';
  const values: OperatorValue[] = defaults
    ? [
        { which: 'requests', resource: 'memory', quantity: memoryQuantity(2n * GiB), note, mode: 'set' },
        { which: 'limits', resource: 'memory', quantity: memoryQuantity(2n * GiB), note, mode: 'set' },
        ...(quantityOf('1') ? [{ which: 'requests' as const, resource: 'cpu' as const, quantity: quantityOf('1')!, note, mode: 'set' as const }] : []),
        ...(quantityOf('2') ? [{ which: 'limits' as const, resource: 'cpu' as const, quantity: quantityOf('2')!, note, mode: 'set' as const }] : []),
      ]
    : [];
  const workload = buildOperatorPod({
    cr,
    operator: OPERATOR,
    containers: [
      { name: 'logstash-internal-init-config', role: 'init', node: spec, declared: null, values: fixed(50n * MiB, '100m', 'its init container') },
      { name: 'logstash', role: 'container', node: ls ?? spec, declared: ls ? undefined : null, values },
    ],
    limitRanges: input.manifest?.limitRanges ?? [],
    nodeMemoryBytes: input.nodeMemoryBytes,
  });
  const model = workload.containers[1];
  // LS_JAVA_OPTS written in the pod template: its options after jvm.options' -Xms1g -Xmx1g.
  let optsNode = null;
  for (const item of asSeq(get(ls, 'env'))?.items ?? []) {
    if (scalarText(get(item, 'name')) === 'LS_JAVA_OPTS') {
      const v = get(item, 'value');
      optsNode = v && v.kind === 'scalar' ? v : null;
    }
  }
  const items = [
    composedItem('-Xms1g', null, "Logstash's config/jvm.options"),
    composedItem('-Xmx1g', null, "Logstash's config/jvm.options"),
    ...optionItems(optsNode, input.text, '`LS_JAVA_OPTS` (added after jvm.options)'),
  ];
  const launch = javaLaunch(items, 'org.logstash.Logstash');
  const target = fileTarget(input);
  const edits: ContainerEdits = ls
    ? {
        setMemoryLimit: (bytes) => setContainerMemoryLimit(target, workload, model, bytes),
        setsRequestToo: workload.qos.qosClass === 'Guaranteed',
        editOptions: (tokens, changes) => optionTextEdits({ text: input.text, lines: input.lines, yaml: input.yaml }, tokens, changes),
        formatMemory: bytesToQuantityCeilMi,
      }
    : fixedEdits();
  return [
    {
      component: 'logstash',
      workload,
      containers: [
        { model: workload.containers[0], launch: noJvmLaunch(), edits: fixedEdits(), anchor, limitText: limitTextOf(workload.containers[0]), quiet: true },
        { model, launch, edits, anchor, limitText: limitTextOf(model) },
      ],
      derivation: [
        defaults
          ? 'The `logstash` container sets no `resources`: ECK gives it requests 2Gi / 1 CPU and limits 2Gi / 2 CPUs (Burstable).'
          : "ECK takes the `logstash` container's `resources` from the pod template as written.",
        'Heap: `-Xms1g -Xmx1g` from jvm.options, then `LS_JAVA_OPTS`: a `-Xmx` there wins, a `MaxRAMPercentage` does not (the explicit `-Xmx1g` stays).',
        'Sources: elastic/cloud-on-k8s v3.5.0 pkg/controller/logstash/pod.go; elastic/logstash config/jvm.options, JvmOptionsParser.',
      ],
      checkResources: ls !== null,
    },
  ];
}

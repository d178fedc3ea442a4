// Kubernetes pod templates as a workload source (source.ts): each container of each workload with its launch (the
// kubelet's environment and `$(VAR)` expansion, k8s/launch.ts; a Dockerfile the image is built from, docker/link.ts),
// its memory request and limit after defaulting, and the edits its fixes make — the memory limit in `resources`
// (make-guaranteed.ts's rules for the request), JVM options where the manifest writes them (yaml/option-edits.ts).
import { bytesToQuantityCeilMi } from '../bytes';
import { joinDockerfile } from '../docker/link';
import type { ContainerEdits, JvmSubject, Presentation, SourceContainer, SourceOutput, SourceWorkload, YamlSource, YamlSourceInput } from '../source';
import type { LineIndex } from '../text';
import type { TextEdit } from '../types';
import { detectIndentUnit, type EditTarget, type OffsetEdit, type ResourceValue, setResources, toTextEdits } from '../yaml/edits';
import { optionTextEdits } from '../yaml/option-edits';
import type { YDocument, YFile } from '../yaml/tree';
import { launchFromContainer } from './launch';
import { makeGuaranteedFix } from './make-guaranteed';
import type { ContainerModel, ManifestModel, WorkloadModel } from './model';
import { k8sHovers, qosHints, workloadLenses } from './present';
import { jvmHints, jvmHovers } from '../jvm/present';
import { expectedBytesOf } from '../node/expected';
import { nodeWorkloadsOf } from '../node/from-k8s';
import { killOrderMarkdown } from '../node/hover';
import { planNodes } from '../node/plan';
import { nodeProfileOf } from '../node/settings';

export const kubernetesSource: YamlSource = {
  id: 'kubernetes',
  read(input: YamlSourceInput): SourceOutput | null {
    const manifest = input.manifest;
    if (!manifest) return null;
    const configMaps = [...manifest.configMaps, ...(manifest.extraConfigMaps ?? [])];
    let target: EditTarget | null = null;
    const editTargetOnce = (): EditTarget => (target ??= manifestEditTarget(manifest, input.text, input.lines));
    const optionSource = { text: input.text, lines: input.lines, yaml: input.yaml };
    const workloads: SourceWorkload[] = manifest.workloads.map((w) => ({
      json: {
        kind: w.kind,
        name: w.name,
        namespace: w.namespace,
        qosClass: w.qos.qosClass,
        ...(w.partial ? { partial: true as const } : {}),
      },
      containers: w.containers.map((c) => {
        // A Dockerfile the image is built from (the workspace index) adds its ENV, ENTRYPOINT/CMD and JDK.
        const own = launchFromContainer(c, configMaps, input.text, { namespace: w.namespace });
        const limit = c.effective.limits.get('memory');
        const edits: ContainerEdits = {
          setMemoryLimit: (bytes) => setContainerMemoryLimit(editTargetOnce(), w, c, bytes),
          setsRequestToo: w.qos.qosClass === 'Guaranteed' && c.declared.fields.some((f) => f.resource === 'memory' && f.which === 'requests'),
          editOptions: (tokens, changes) => optionTextEdits(optionSource, tokens, changes),
          formatMemory: bytesToQuantityCeilMi,
        };
        const source: SourceContainer = {
          kind: 'container',
          name: c.name ?? `#${c.index}`,
          anchor: input.lines.range((c.nameNode ?? c.node).span),
          limitBytes: c.memoryLimitBytes,
          limitText: limit ? limit.quantity.text : null,
          cpuLimitMilli: c.cpuLimitMilli,
          launch: joinDockerfile(own, input.workspace?.dockerfileFor(c.image) ?? null),
          edits,
          k8s: { workload: w, container: c },
          linkSpan: c.imageNode ? c.imageNode.span : null,
        };
        return {
          json: {
            name: c.name,
            role: c.role,
            memoryRequestBytes: c.memoryRequestBytes,
            memoryLimitBytes: c.memoryLimitBytes,
            oomScoreAdj: c.oom.value,
          },
          source,
        };
      }),
    }));
    return {
      workloads,
      present: (subjects: readonly JvmSubject[]): Presentation => ({
        hints: [...qosHints(manifest, input.lines), ...jvmHints(subjects, input.lines, input.text)],
        lenses: workloadLenses(manifest, input.lines),
        hovers: [...k8sHovers(manifest, input.lines, killOrder(manifest, input, subjects)), ...jvmHovers(subjects, input.lines, input.text)],
        actions: guaranteedActions(manifest, input),
      }),
    };
  },
};

/**
 * The hover's kill-order paragraph: the file's workloads packed onto nodes of the settings' profile (node/), planned
 * once, when a hover first needs it — never on the keystroke path.
 */
function killOrder(manifest: ManifestModel, input: YamlSourceInput, subjects: readonly JvmSubject[]): (w: WorkloadModel, c: ContainerModel) => string | null {
  let planned: { plan: ReturnType<typeof planNodes>; byModel: Map<WorkloadModel, ReturnType<typeof nodeWorkloadsOf>[number]> } | null = null;
  return (w, c) => {
    try {
      if (!planned) {
        const expected = new Map<ContainerModel, bigint | null>();
        for (const s of subjects) if (s.k8s) expected.set(s.k8s.container, expectedBytesOf(s.analysis));
        const nws = nodeWorkloadsOf(manifest, input.yaml, null, (x) => expected.get(x) ?? null);
        const plan = planNodes(nws, nodeProfileOf(input.options, manifest.nodeMemoryBytes), input.options.node.scenario);
        planned = { plan, byModel: new Map(manifest.workloads.map((m, i) => [m, nws[i]])) };
      }
      const nw = planned.byModel.get(w);
      if (!nw) return null;
      const running = w.containers.filter((x) => x.role !== 'init');
      const i = running.indexOf(c);
      return killOrderMarkdown(planned.plan, nw, i >= 0 ? nw.containers[i] : null);
    } catch {
      // A hover never fails for the node view's sake.
      return null;
    }
  };
}

/** "Make Guaranteed" on every container of a Burstable workload (a code action not tied to a diagnostic). */
function guaranteedActions(manifest: ManifestModel, input: YamlSourceInput): Presentation['actions'] {
  const actions: Presentation['actions'] = [];
  for (const w of manifest.workloads) {
    if (w.qos.qosClass !== 'Burstable') continue;
    const fix = makeGuaranteedFix(w, input);
    if (!fix) continue;
    for (const c of w.containers) {
      const node = c.declared.pair?.keyNode ?? c.nameNode;
      if (node) actions.push({ range: input.lines.range([node.span[0], c.declared.node?.span[1] ?? node.span[1]]), fix });
    }
  }
  return actions;
}

/**
 * The edit target for this file. The indentation is detected from the documents the manifest model was built
 * from (the same detection yaml/edits.ts runs on the whole file); it is only computed when an insertion needs it.
 */
function manifestEditTarget(manifest: ManifestModel, text: string, lines: LineIndex): EditTarget {
  const docs: YDocument[] = [];
  for (const w of manifest.workloads) if (!docs.includes(w.doc)) docs.push(w.doc);
  const yaml: YFile = { text, docs, templated: false };
  let unit: number | null = null;
  return {
    text,
    lines,
    eol: lines.eol,
    get indentUnit(): number {
      if (unit === null) unit = detectIndentUnit(text, yaml);
      return unit;
    },
  };
}

/**
 * Set a container's memory limit to `bytes`, written as a binary quantity rounded up to a whole Mi (`1905Mi`,
 * `2Gi`). Never below the container's memory request (the API server rejects a limit below the request). In a
 * Guaranteed pod a declared memory request is set to the same value so the pod stays Guaranteed (every request
 * equal to its limit, REFERENCE.md §1.3); an undeclared one is copied from the limit by the API server
 * (SetDefaults_Pod runs before LimitRanger, §1.4). Null when the limit cannot be set here: an invalid or templated
 * memory value (invalid-quantity's finding, or unknown), or a pod-level memory limit the new value would exceed.
 */
export function setContainerMemoryLimit(t: EditTarget, w: WorkloadModel, c: ContainerModel, bytes: bigint): TextEdit[] | null {
  if (bytes <= 0n) return null;
  const memoryFields = c.declared.fields.filter((f) => f.resource === 'memory');
  if (memoryFields.some((f) => f.error !== undefined || f.templated)) return null;
  const request = c.effective.requests.get('memory');
  const requestBytes = request ? request.quantity.value : 0n;
  const target = requestBytes > bytes ? requestBytes : bytes;
  const value = bytesToQuantityCeilMi(target);
  const podLimit = w.podEffective?.limits.get('memory');
  if (podLimit && podLimit.quantity.value > 0n && podLimit.quantity.value < target) return null;
  const values: ResourceValue[] = [{ which: 'limits', resource: 'memory', value }];
  const declaredRequest = memoryFields.filter((f) => f.which === 'requests').pop();
  if (declaredRequest && w.qos.qosClass === 'Guaranteed' && !w.podResources) {
    values.push({ which: 'requests', resource: 'memory', value });
  }
  const edits: OffsetEdit[] | null = setResources(t, c.node, values);
  return edits ? toTextEdits(t, edits) : null;
}

// Kubernetes containers as JVM subjects (see JvmSubject in analyze.ts), with the edit that sets a container's
// memory limit for the JVM rules' fixes.
import { type EditTarget, type OffsetEdit, type ResourceValue, detectIndentUnit, setResources, toTextEdits } from '../edits';
import type { ContainerModel, ManifestModel, WorkloadModel } from '../k8s/model';
import type { LineIndex } from '../text';
import type { TextEdit } from '../types';
import type { YDocument, YFile } from '../yaml/tree';
import type { JvmAnalysis, JvmSubject } from './analyze';
import { bytesToQuantityCeilMi } from '../bytes';

export function containerSubjects(manifest: ManifestModel, jvm: Map<ContainerModel, JvmAnalysis>, text: string, lines: LineIndex): JvmSubject[] {
  const out: JvmSubject[] = [];
  let target: EditTarget | null = null;
  const editTargetOnce = (): EditTarget => (target ??= manifestEditTarget(manifest, text, lines));
  for (const w of manifest.workloads) {
    for (const c of w.containers) {
      const analysis = jvm.get(c);
      if (!analysis) continue;
      const anchorNode = c.nameNode ?? c.node;
      const limit = c.effective.limits.get('memory');
      out.push({
        kind: 'container',
        name: c.name ?? `#${c.index}`,
        analysis,
        anchor: lines.range(anchorNode.span),
        limitText: limit ? limit.quantity.text : null,
        setMemoryLimit: (bytes) => setContainerMemoryLimit(editTargetOnce(), w, c, bytes),
        container: c,
        linkSpan: c.imageNode ? c.imageNode.span : null,
      });
    }
  }
  return out;
}

/**
 * The edit target for this file. The indentation is detected from the documents the manifest model was built
 * from (the same detection edits.ts runs on the whole file); it is only computed when an insertion needs it.
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

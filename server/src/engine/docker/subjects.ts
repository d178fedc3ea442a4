// Compose services and Dockerfile images as JVM subjects (jvm/analyze.ts `JvmSubject`), so the jvm-* rules check
// them like Kubernetes containers. A compose service's limit is edited in Docker's own units (REFERENCE.md §6.1:
// `1536m` is 1536 MiB); an image has no limit of its own (it is set where the image runs), so it cannot be edited.
import { editTarget, replaceScalarEdit, setInMap, toTextEdits, type OffsetEdit } from '../edits';
import type { JvmAnalysis, JvmSubject } from '../jvm/analyze';
import type { LineIndex } from '../text';
import type { TextEdit } from '../types';
import { get, type Span, type YFile, type YMap, type YNode, type YScalar } from '../yaml/tree';
import type { ComposeService } from './compose';
import type { StageModel } from './dockerfile';
import { formatDockerSize } from '../bytes';

/** The scalar node written at `span` (the compose model keeps spans, the edit helpers need the node). */
function scalarAt(yaml: YFile, span: Span): YScalar | null {
  let found: YScalar | null = null;
  const visit = (node: YNode | null, depth: number): void => {
    if (!node || found || depth > 100) return;
    if (node.kind === 'scalar') {
      if (node.span[0] === span[0] && node.span[1] === span[1]) found = node;
      return;
    }
    // Every map is visited: pairs merged in (`<<: *base`) lie outside their map's span.
    if (node.kind === 'map') for (const p of node.items) visit(p.value, depth + 1);
    else for (const item of node.items) visit(item, depth + 1);
  };
  for (const doc of yaml.docs) visit(doc.contents, 0);
  return found;
}

/** The service's own map (the value of `services.<name>` in its document). */
function serviceMap(yaml: YFile, service: ComposeService): YMap | null {
  const doc = yaml.docs[service.doc];
  const services = get(doc?.contents, 'services');
  if (!services || services.kind !== 'map') return null;
  let node: YNode | null = null;
  for (const p of services.items) if (p.key === service.name && p.keyNode?.span[0] === service.keySpan[0]) node = p.value;
  return node && node.kind === 'map' ? node : null;
}

/**
 * Edits that set a compose service's memory limit to `bytes`: the value in effect (`deploy.resources.limits.memory`
 * when it is set and non-zero, else `mem_limit`) is replaced where it is written; without one, `mem_limit:` is
 * added to the service following its indentation. A `mem_limit` the service inherits (`extends`, a merge key) is
 * overridden in the service itself rather than changed for every service sharing it. Null when the file's shape
 * does not allow the edit.
 */
export function setComposeMemoryLimit(yaml: YFile, lines: LineIndex, service: ComposeService, bytes: bigint): TextEdit[] | null {
  const t = editTarget(yaml.text, lines, yaml);
  const limit = service.memoryLimit;
  const own = serviceMap(yaml, service);
  const inherited = limit !== null && (limit.service !== service.name || limit.shared);
  const edits: OffsetEdit[] = [];
  if (limit && !(inherited && limit === service.memLimit)) {
    const node = scalarAt(yaml, limit.span);
    if (!node) return null;
    // A YAML integer is bytes; keep writing bytes there.
    const value = node.kind === 'scalar' && typeof node.value !== 'string' && node.value !== null ? `${bytes}` : formatDockerSize(bytes);
    edits.push(replaceScalarEdit(t, node, value));
  } else {
    if (!own) return null;
    // Pairs merged in from an anchor lie outside the map: leave them out so the new key goes into the service.
    const ownOnly: YMap = { ...own, items: own.items.filter((p) => p.span[0] >= own.span[0] && p.span[1] <= own.span[1] && p.key !== 'mem_limit') };
    if (ownOnly.items.length === 0 && !own.flow) return null;
    const inserted = setInMap(t, ownOnly, [['mem_limit', formatDockerSize(bytes)]]);
    if (!inserted) return null;
    edits.push(...inserted);
  }
  return toTextEdits(t, edits);
}

export interface ComposeJvm {
  service: ComposeService;
  analysis: JvmAnalysis;
}

/** One subject per compose service that runs a JVM, anchored on the service's key. */
export function composeSubjects(services: readonly ComposeJvm[], yaml: YFile, lines: LineIndex): JvmSubject[] {
  return services.map(({ service, analysis }) => ({
    kind: 'compose-service',
    name: service.name,
    analysis,
    anchor: lines.range(service.keySpan),
    limitText: service.memoryLimit ? service.memoryLimit.raw : null,
    setMemoryLimit: (bytes: bigint) => setComposeMemoryLimit(yaml, lines, service, bytes),
    linkSpan: service.build ? (service.build.keySpan ?? service.build.span) : (service.image?.span ?? null),
  }));
}

/** A Dockerfile stage's image as a subject: its limit is not known here, so it cannot be set here. */
export function imageSubject(stage: StageModel, analysis: JvmAnalysis): JvmSubject {
  return {
    kind: 'image',
    name: stage.name ?? (stage.baseImage || `stage ${stage.index}`),
    analysis,
    anchor: stage.imageRange ?? stage.fromRange,
    limitText: null,
    setMemoryLimit: () => null,
  };
}

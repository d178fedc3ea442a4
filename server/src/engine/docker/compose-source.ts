// docker-compose services as a workload source (source.ts): each service with its launch (compose `environment`,
// `command`/`entrypoint`, a Dockerfile it is built from), its memory limit and reservation in Docker's units, and
// the edits its fixes make. A compose service's limit is edited in Docker's own units (REFERENCE.md §6.1: `1536m` is
// 1536 MiB). Services have no QoS class and no oom_score_adj: Docker does not set them.
import { editTarget, replaceScalarEdit, setInMap, toTextEdits, type OffsetEdit } from '../yaml/edits';
import { ceilMi, formatDockerSize } from '../bytes';
import { jvmHints, jvmHoverMarkdown, jvmHovers } from '../jvm/present';
import type { JvmSubject, LinkedDockerfile, SourceOutput, SourceWorkload, WorkspaceView, YamlSource, YamlSourceInput } from '../source';
import { optionTextEdits } from '../yaml/option-edits';
import { classifyDocument } from '../classify';
import type { LineIndex } from '../text';
import type { TextEdit } from '../types';
import { get, type YFile, type YMap, type YNode, type YScalar } from '../yaml/tree';
import { type Span } from '../types';
import { buildComposeModel, type ComposeService } from './compose';
import { composeLaunch } from './launch';
import { joinDockerfile } from './link';

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

/** A compose limit of 0 means no limit (docker run `--memory 0`). */
function limitOf(s: ComposeService): bigint | null {
  const v = s.memoryLimit?.value ?? null;
  return v !== null && v > 0n ? v : null;
}

/**
 * The Dockerfile a service runs: its `build:` (context relative to the compose file, `dockerfile` relative to the
 * context; compose spec, services.build) when that file is indexed, else whatever links its `image:` (the
 * `images` setting, skaffold, another compose file's build). Not when the build path depends on host variables.
 */
function linkedDockerfile(service: ComposeService, ws: WorkspaceView | undefined): LinkedDockerfile | null {
  if (!ws) return null;
  const b = service.build;
  if (b) {
    if ((b.context?.unresolved.length ?? 0) > 0 || (b.dockerfile?.unresolved.length ?? 0) > 0) return null;
    const built = ws.dockerfileForBuild(b.context?.value ?? null, b.dockerfile?.value ?? null);
    if (built) return built;
  }
  return ws.dockerfileFor(service.image?.value ?? null);
}

export const composeSource: YamlSource = {
  id: 'compose',
  read(input: YamlSourceInput): SourceOutput | null {
    if (!input.yaml.docs.some((d) => classifyDocument(d) === 'compose')) return null;
    const { yaml, lines } = input;
    const model = buildComposeModel(yaml);
    const optionSource = { text: input.text, lines, yaml };
    const workloads: SourceWorkload[] = model.services.map((service) => {
      const cpus = service.effectiveCpus;
      const reservation = service.memoryReservation?.value ?? null;
      return {
        json: { kind: 'ComposeService', name: service.name, namespace: null, qosClass: null },
        containers: [
          {
            json: {
              name: service.name,
              role: 'container',
              memoryRequestBytes: reservation !== null && reservation > 0n ? reservation : null,
              memoryLimitBytes: limitOf(service),
              oomScoreAdj: null,
            },
            source: {
              kind: 'compose-service',
              name: service.name,
              anchor: lines.range(service.keySpan),
              limitBytes: limitOf(service),
              limitText: service.memoryLimit ? service.memoryLimit.raw : null,
              cpuLimitMilli: cpus !== null && cpus > 0 ? BigInt(Math.ceil(cpus * 1000)) : null,
              // A service built from a Dockerfile of the workspace runs that image: its ENV under the service's
              // `environment`, its ENTRYPOINT/CMD unless `entrypoint`/`command` replace them, its base image's JDK.
              launch: joinDockerfile(composeLaunch(service, input.text), linkedDockerfile(service, input.workspace)),
              edits: {
                setMemoryLimit: (bytes) => setComposeMemoryLimit(yaml, lines, service, bytes),
                setsRequestToo: false,
                editOptions: (tokens, changes) => optionTextEdits(optionSource, tokens, changes),
                formatMemory: (bytes) => formatDockerSize(ceilMi(bytes)),
              },
              linkSpan: service.build ? (service.build.keySpan ?? service.build.span) : (service.image?.span ?? null),
            },
          },
        ],
      };
    });
    return {
      workloads,
      // The same hints and hovers as a Kubernetes container's (jvm/present.ts), plus one on the service's key.
      present: (subjects: readonly JvmSubject[]) => ({
        hints: jvmHints(subjects, lines, input.text),
        lenses: [],
        hovers: [...jvmHovers(subjects, lines, input.text), ...subjects.map((s) => ({ range: s.anchor, markdown: jvmHoverMarkdown(s) }))],
        actions: [],
      }),
    };
  },
};

// Dockerfiles and compose files, analysed: the JVM each one starts (through a LaunchSpec, docker/launch.ts), the
// subjects the jvm-* rules check (docker/subjects.ts), the CLI JSON (`images` entries, `ComposeService`
// workloads, DESIGN.md "Contract: the CLI"), inlay hints and hovers. analyze.ts calls these and runs the rules.
import { analyzeJvm, type JvmAnalysis, type JvmSubject } from '../jvm/analyze';
import type { JvmToken } from '../jvm/detect';
import { imageHeapTable, jvmHints, jvmHoverMarkdown, jvmHovers } from '../jvm/present';
import { jdkFromImage, legacyJdkStatus } from '../jvm/jdk';
import type { LaunchSpec } from '../jvm/launch';
import type { Options } from '../options';
import { toJvmJson, type ImageJson, type JvmJson, type WorkloadJson } from '../report';
import type { RuleContext } from '../rules/rule';
import type { LineIndex } from '../text';
import type { Hint, HoverInfo } from '../types';
import type { Span, YFile } from '../yaml/tree';
import { buildComposeModel, type ComposeModel, type ComposeService } from './compose';
import { parseDockerfile, type DockerfileModel, type StageModel } from './dockerfile';
import { composeLaunch, dockerfileLaunch } from './launch';
import { composeSubjects, imageSubject, type ComposeJvm } from './subjects';
import { joinDockerfile, type LinkedDockerfile, type WorkspaceView } from '../workspace';
import { formatBytesExact } from '../bytes';

/** Heap sources that do not depend on the container limit (MaxRAM replaces the limit: REFERENCE §2.3). */
const FIXED_SOURCES = new Set(['Xmx', 'MaxHeapSize', 'MaxRAM']);

interface Request {
  text: string;
  options: Options;
  /** The other files (workspace.ts): a compose service built from a Dockerfile there gets its ENV, ENTRYPOINT/CMD and JDK. */
  workspace?: WorkspaceView;
}

// ---------------------------------------------------------------------------------------------------------------
// Dockerfiles

export interface DockerfileParts {
  model: DockerfileModel;
  /** The final stage's launch; null when the file has no FROM. */
  launch: LaunchSpec | null;
  /** The final stage's JVM (limit unknown), null when none is detected. */
  analysis: JvmAnalysis | null;
  /** The rule context (fileKind `dockerfile`): the image subject, no YAML, no manifest. */
  ctx: RuleContext;
  images: ImageJson[];
  hints: Hint[];
  hovers: HoverInfo[];
}

/** Analyse a Dockerfile's final stage: the image `docker build` produces. Never throws on user input. */
export function analyzeDockerfileText(req: Request, lines: LineIndex, nodeMemoryBytes: bigint): DockerfileParts {
  const model = parseDockerfile(req.text);
  const stage = model.final;
  const launch = stage ? dockerfileLaunch(model, lines, stage) : null;
  const analysis = launch
    ? analyzeJvm(launch, { limitBytes: null, cpuLimitMilli: null, nodeMemoryBytes, options: req.options, text: req.text })
    : null;
  const subjects: JvmSubject[] = stage && analysis ? [imageSubject(stage, analysis)] : [];
  const ctx: RuleContext = {
    text: req.text,
    lines,
    options: req.options,
    fileKind: 'dockerfile',
    yaml: null,
    dockerfile: model,
    manifest: null,
    jvm: new Map(),
    jvmSubjects: subjects,
    containersWithJvm: new Set(),
  };
  const images: ImageJson[] = stage ? [toImageJson(stage, analysis, model)] : [];
  const hints: Hint[] = [];
  const hovers: HoverInfo[] = [];
  if (stage) {
    const markdown = imageHoverMarkdown(stage, analysis, model);
    const anchor = stage.imageRange ?? stage.fromRange;
    hovers.push({ range: anchor, markdown });
    if (analysis) {
      for (const span of tokenSpans(analysis)) hovers.push({ range: lines.range(span), markdown });
      for (const u of analysis.launch.unreadVariables) {
        const note = `**\`${u.name}\`** · not read by the JVM: ${u.why}\n\n---\n\n${markdown}`;
        for (const span of [u.entry.nameSpan, u.entry.valueSpan]) if (span) hovers.push({ range: lines.range(span), markdown: note });
      }
      hints.push(imageHint(stage, analysis, lines));
    }
  }
  return { model, launch, analysis, ctx, images, hints, hovers };
}

/**
 * The FROM at the end of the stage's `FROM stage` chain when it depends on variables without a value (an `ARG`
 * without default, set with `docker build --build-arg`): as written, with those variables. Null when resolved.
 */
export function unresolvedBase(model: DockerfileModel | undefined, stage: StageModel): { image: string; variables: string[] } | null {
  const base = model?.stages[stage.baseImageStage] ?? stage;
  return base.imageUnresolved.length > 0 ? { image: base.image, variables: base.imageUnresolved } : null;
}

/** The `images` entry of the JSON report for a Dockerfile's final stage (an unresolved base image as written). */
export function toImageJson(stage: StageModel, analysis: JvmAnalysis | null, model?: DockerfileModel): ImageJson {
  const unresolved = unresolvedBase(model, stage);
  const base = unresolved ? unresolved.image || null : stage.baseImage !== '' ? stage.baseImage : null;
  const jdkMajor = analysis ? (analysis.launch.jdk.source === 'assumed' ? null : analysis.jdkMajor) : base ? jdkFromImage(base).major : null;
  return { stage: stage.name, baseImage: base, jdkMajor, jvm: imageJvmJson(analysis) };
}

/** Does the max heap follow the limit the image will run under? False for -Xmx, -XX:MaxHeapSize, -XX:MaxRAM. */
export function heapDependsOnLimit(a: JvmAnalysis): boolean {
  if (a.heap === null || FIXED_SOURCES.has(a.heap.heapSource)) return false;
  // `-Xms` above an explicit `-Xmx`: both fixed (and the JVM refuses to start).
  return !(a.heap.heapSource === 'Xms' && a.settings.maxHeapSize !== undefined);
}

/** The JVM will not start with these heap options (`-Xms` > `-Xmx`, a heap too small): no heap to show. */
function refusesToStart(a: JvmAnalysis): boolean {
  return (a.heap?.fatal ?? null) !== null || a.settings.problems.some((p) => p.code === 'initial-exceeds-max' || p.code === 'too-small-heap');
}

/** The share of the limit the heap gets (above the small-memory regime): MaxRAMPercentage, from a fraction, or 25. */
export function effectivePercentage(a: JvmAnalysis): number {
  const s = a.settings;
  if (s.maxRAMPercentage) return s.maxRAMPercentage.value;
  if (s.maxRAMFraction && s.maxRAMFraction.value > 0n) return 100 / Number(s.maxRAMFraction.value);
  return 25;
}

/**
 * The `jvm` object of an image (DESIGN.md): the limit is not known in a Dockerfile, so a heap that depends on it has
 * `maxHeapBytes` null and `maxRamPercentage` set; a fixed heap (`-Xmx`) is given in bytes. The initial heap is known
 * only when fixed too, and the non-heap budget is left to where the limit is known (the DESIGN example: null).
 */
export function imageJvmJson(a: JvmAnalysis | null): JvmJson | null {
  const json = toJvmJson(a);
  if (!a || !json) return json;
  const heap = a.heap;
  const fixed = heap !== null && !heapDependsOnLimit(a);
  const initialFixed = heap !== null && (a.settings.initialHeapSize !== undefined || (fixed && heap.heapSource === 'MaxRAM'));
  return {
    ...json,
    maxHeapBytes: fixed && heap ? heap.maxHeapBytes : null,
    initialHeapBytes: initialFixed && heap ? heap.initialHeapBytes : null,
    maxRamPercentage: heap !== null && heapDependsOnLimit(a) ? effectivePercentage(a) : (a.settings.maxRAMPercentage?.value ?? null),
    nonHeapEstimateBytes: null,
  };
}

function tokenSpans(a: JvmAnalysis): Span[] {
  return a.launch.tokens.filter((t): t is JvmToken & { span: Span } => t.span !== null).map((t) => t.span);
}

/** The short heap label of an image: `heap 768 MiB (fixed)` or `heap = 70 % of the container limit`. */
export function imageHeapLabel(a: JvmAnalysis): string {
  if (a.launch.vm === 'openj9' || a.heap === null) return 'heap: set by OpenJ9 ergonomics (not modelled)';
  if (refusesToStart(a)) return 'heap: the JVM refuses to start with these options';
  if (!heapDependsOnLimit(a)) return `heap ${formatBytesExact(a.heap.maxHeapBytes)} (fixed)`;
  const pct = effectivePercentage(a);
  const shown = Number.isInteger(pct) ? String(pct) : pct.toFixed(1);
  // A JDK that ignores container limits takes its share of the node's memory (REFERENCE §6.2).
  const status = a.launch.vm === 'hotspot' ? legacyJdkStatus(a.launch.jdk.fromImage ?? { major: a.jdkMajor, update: a.launch.jdk.update, openj9: false }) : null;
  const ignoresLimit = status?.honoursV1 === false || a.settings.useContainerSupport?.value === false;
  if (ignoresLimit) return `heap = ${shown} % of node memory: the JVM ignores the container limit`;
  const base = `heap = ${shown} % of the container limit`;
  if (a.heap.heapSource === 'Xms') return `${base}, at least ${formatBytesExact(a.settings.initialHeapSize?.value ?? 0n)} (-Xms)`;
  return a.heap.heapSource === 'default' ? `${base} (JVM default)` : base;
}

function imageHint(stage: StageModel, a: JvmAnalysis, lines: LineIndex): Hint {
  // After the option that decides the heap when it is written here (as jvm/present.ts places it), else the FROM line.
  const token = a.heapToken?.span ? a.heapToken.span : null;
  const anchorLine = (stage.imageRange ?? stage.fromRange).start.line;
  const legacy = legacyNote(a);
  const small = heapDependsOnLimit(a)
    ? 'Below a ~250 MiB limit HotSpot takes 50 % instead; between ~250 and ~500 MiB a flat 126 MiB (REFERENCE §2.1).'
    : '';
  return {
    position: token ? lines.position(token[1]) : lines.lineEnd(anchorLine),
    label: imageHeapLabel(a),
    tooltip: [legacy, small].filter((s) => s !== '').join(' ') || undefined,
    kind: 'heap',
  };
}

function legacyNote(a: JvmAnalysis): string {
  if (a.launch.vm === 'openj9') {
    return 'Eclipse OpenJ9 (IBM Semeru) sizes its heap with its own rules, not HotSpot\'s: OOM Lens does not model them.';
  }
  const status = legacyJdkStatus(a.launch.jdk.fromImage ?? { major: a.jdkMajor, update: a.launch.jdk.update, openj9: false });
  if (status.honoursV1 === true && status.honoursV2 === true) return '';
  return `${status.reason}.`;
}

function optionsLine(a: JvmAnalysis): string {
  const opts = a.launch.tokens.filter((t) => t.kind !== 'option-argument');
  if (opts.length === 0) return 'JVM options: none (the JVM\'s defaults apply).';
  const from = (t: JvmToken): string => {
    const s = t.source;
    if (s.kind === 'variable') return ` (${s.variable})`;
    if (s.kind === 'script') return ` (${s.variable}, read by the start script)`;
    if (s.kind === 'image-default') return ' (the image\'s default)';
    return '';
  };
  return `JVM options, in the order the JVM reads them: ${opts.map((t) => `\`${t.text}\`${from(t)}`).join(', ')}`;
}

/** The hover of an image: base image, JDK, launcher, heap and the heap at common limits. */
export function imageHoverMarkdown(stage: StageModel, a: JvmAnalysis | null, model?: DockerfileModel): string {
  const parts: string[] = [];
  const name = stage.name ? ` \`${stage.name}\`` : '';
  const unresolved = unresolvedBase(model, stage);
  parts.push(`**Image${name}** · FROM \`${(unresolved ? unresolved.image : stage.baseImage) || '?'}\``);
  if (unresolved) {
    const vars = unresolved.variables.map((v) => `\`${v}\``).join(', ');
    const jdk = a && a.launch.jdk.source !== 'assumed' ? `JDK ${a.jdkMajor} is read from the part that is written` : a ? `the JDK is not known: JDK ${a.jdkMajor} is assumed (\`oomLens.jvm.defaultJdk\`)` : 'the JDK is not known';
    parts.push(
      `**Base image unresolved:** ${vars} ${unresolved.variables.length > 1 ? 'have' : 'has'} no value here (a build argument without default, set with \`docker build --build-arg\`), so ${jdk}.`,
    );
  }
  if (!a) {
    const jdk = stage.baseImage ? jdkFromImage(stage.baseImage) : null;
    parts.push(jdk && jdk.major !== null ? `JDK ${jdk.major} image; no JVM start detected in this stage.` : 'No JVM detected in this image.');
    return parts.join('\n\n');
  }
  const jdk = a.launch.jdk;
  if (!unresolved || jdk.source !== 'assumed') {
    parts.push(`JDK: ${jdk.note}${jdk.fromImage && jdk.fromImage.vendor !== 'unknown' ? ` (${jdk.fromImage.vendor})` : ''}.`);
    const legacy = legacyNote(a);
    if (legacy) parts.push(legacy);
  }
  if (a.launch.main) parts.push(`Runs \`${a.launch.program ?? 'java'}\` with ${a.launch.main.kind} \`${a.launch.main.value}\`.`);
  parts.push(optionsLine(a));
  if (a.heap) parts.push(`**${imageHeapLabel(a)}** — the memory limit is set where the image runs (Kubernetes, compose):`);
  parts.push(imageHeapTable({ launch: a.launch, heapInput: a.heapInput, budgetInputs: a.budgetInputs }));
  for (const u of a.launch.unresolved.slice(0, 5)) parts.push(`_${u.what}: ${u.reason}_`);
  return parts.filter((p) => p !== '').join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------------
// docker-compose

export interface ComposeParts {
  model: ComposeModel;
  /** Every service that runs a JVM, with its analysis against the service's own limit. */
  jvms: ComposeJvm[];
  subjects: JvmSubject[];
  workloads: WorkloadJson[];
  hints: Hint[];
  hovers: HoverInfo[];
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

/** Analyse every compose service: its JVM against its limit, the JSON workloads, hints and hovers. */
export function analyzeComposeFile(yaml: YFile, req: Request, lines: LineIndex, nodeMemoryBytes: bigint): ComposeParts {
  const model = buildComposeModel(yaml);
  const jvms: ComposeJvm[] = [];
  const workloads: WorkloadJson[] = [];
  const hints: Hint[] = [];
  const hovers: HoverInfo[] = [];
  for (const service of model.services) {
    // A service built from a Dockerfile of the workspace runs that image: its ENV under the service's
    // `environment`, its ENTRYPOINT/CMD unless `entrypoint`/`command` replace them, its base image's JDK.
    const launch = joinDockerfile(composeLaunch(service, req.text), linkedDockerfile(service, req.workspace));
    const cpus = service.effectiveCpus;
    const analysis = analyzeJvm(launch, {
      limitBytes: limitOf(service),
      cpuLimitMilli: cpus !== null && cpus > 0 ? BigInt(Math.ceil(cpus * 1000)) : null,
      nodeMemoryBytes,
      options: req.options,
      text: req.text,
    });
    if (analysis) jvms.push({ service, analysis });
    const reservation = service.memoryReservation?.value ?? null;
    workloads.push({
      kind: 'ComposeService',
      name: service.name,
      namespace: null,
      qosClass: null,
      containers: [
        {
          name: service.name,
          role: 'container',
          memoryRequestBytes: reservation !== null && reservation > 0n ? reservation : null,
          memoryLimitBytes: limitOf(service),
          oomScoreAdj: null,
          jvm: toJvmJson(analysis),
        },
      ],
    });
  }
  const subjects = composeSubjects(jvms, yaml, lines);
  // The same hints and hovers as a Kubernetes container's (jvm/present.ts), plus one on the service's key.
  hints.push(...jvmHints(subjects, lines, req.text));
  hovers.push(...jvmHovers(subjects, lines, req.text));
  for (const s of subjects) hovers.push({ range: s.anchor, markdown: jvmHoverMarkdown(s) });
  return { model, jvms, subjects, workloads, hints, hovers };
}

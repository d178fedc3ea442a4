// The hallway every workload source walks through. A source (Kubernetes pod templates, compose services, a
// Dockerfile's image — and next rendered charts and operator custom resources) reads its own files and yields, per
// container: who it is, its memory request and limit, its CPU limit, how it starts (a LaunchSpec: argv, environment
// with provenance, image), and the edits its quick fixes need (where its memory limit and each JVM option are
// written). The pipelines (analyze/) run the JVM model on each launch and hand the rules JvmSubjects; the JVM model
// never knows which source fed it, and the rules never know how a source writes its files.
//
// Adding a source: a folder with a module implementing `YamlSource` (or a file-level pipeline for a new file kind)
// and one line in sources.ts. See docs/ARCHITECTURE.md.
import type { JvmAnalysis } from './jvm/analyze';
import type { JvmToken } from './jvm/detect';
import type { LaunchSpec } from './jvm/launch';
import type { OptionEdit } from './jvm/options';
import type { ContainerModel, ManifestModel, WorkloadModel } from './k8s/model';
import type { ContainerJson, WorkloadJson } from './json-contract';
import type { Options } from './options';
import type { LineIndex } from './text';
import type { Hint, HoverInfo, Lens, Range, Span, TextEdit } from './types';
import type { RangeAction } from './analysis';
import type { YFile } from './yaml/tree';

/** What kind of thing runs the JVM: a pod's container, a compose service, or an image whose limit is set elsewhere. */
export type SubjectKind = 'container' | 'compose-service' | 'image';

/** How a source changes one container where its file writes it: what its quick fixes edit. */
export interface ContainerEdits {
  /**
   * Edits that set the memory limit to `bytes` (and the request too where the QoS class needs it), or null when the
   * limit cannot be set here (an image: it is set where the image runs).
   */
  setMemoryLimit(bytes: bigint): TextEdit[] | null;
  /** True when setting the limit also sets the request (a Guaranteed pod stays Guaranteed), for the fix title. */
  setsRequestToo: boolean;
  /** Option changes on the JVM's tokens (a replacement, or null to remove), made where each option is written. */
  editOptions(tokens: readonly JvmToken[], edits: readonly OptionEdit[]): TextEdit[] | null;
  /** A memory size as this file writes it: a Kubernetes quantity rounded up to Mi, or Docker's units. */
  formatMemory(bytes: bigint): string;
}

/** One container as its source yields it: everything the JVM model and the jvm-* rules need. */
export interface SourceContainer {
  kind: SubjectKind;
  /** Container, service or stage name, for messages. */
  name: string;
  /** Where findings without an option token go (the container's `name:` value, the service key, the FROM line). */
  anchor: Range;
  /** The memory limit in bytes; null when there is none (or, for an image, not known here). */
  limitBytes: bigint | null;
  /** The memory limit as written (`2Gi`, `1g`), for messages; null when there is none. */
  limitText: string | null;
  /** The CPU limit in millicores, null when none: the JVM then sees `nodeCpus`. */
  cpuLimitMilli: bigint | null;
  launch: LaunchSpec;
  edits: ContainerEdits;
  /** The Kubernetes model of the container, for rules that read its resources (pod templates, operator pods). */
  k8s?: { workload: WorkloadModel; container: ContainerModel };
  /** The image (or compose `build:`) that links a Dockerfile of another file: the JVM hover goes there too. */
  linkSpan?: Span | null;
}

/** A container that runs a JVM, with its analysis: what the jvm-* rules check. */
export interface JvmSubject extends SourceContainer {
  analysis: JvmAnalysis;
}

/** What the editor shows for a source's workloads beside the JVM's own hints and hovers. */
export interface Presentation {
  hints: Hint[];
  lenses: Lens[];
  hovers: HoverInfo[];
  actions: RangeAction[];
}

/** A workload's JSON with its containers in order; the pipeline adds each container's `jvm`. */
export interface SourceWorkload {
  json: Omit<WorkloadJson, 'containers'>;
  containers: Array<{ json: Omit<ContainerJson, 'jvm'>; source: SourceContainer }>;
}

/** What a YAML source is given: the parsed file, the Kubernetes objects in it, and the rest of the workspace. */
export interface YamlSourceInput {
  text: string;
  lines: LineIndex;
  yaml: YFile;
  options: Options;
  nodeMemoryBytes: bigint;
  /** The file's Kubernetes objects (workloads, ConfigMaps, LimitRanges); null when it has none. */
  manifest: ManifestModel | null;
  workspace?: WorkspaceView;
}

/** What a YAML source reads from one file. */
export interface SourceOutput {
  workloads: SourceWorkload[];
  /**
   * Pods this source models in the Kubernetes model (an operator's pods built from a custom resource whose
   * `resources` it reads): the resource rules check them beside the file's own workloads. Their containers' `node`
   * is the map that holds the `resources` the operator copies, so the rules' edits land there.
   */
  k8sWorkloads?: WorkloadModel[];
  /** Hints, lenses, hovers and actions of the source's own (the JVM's are the pipeline's). */
  present(subjects: readonly JvmSubject[]): Presentation;
}

/** A kind of workload found in YAML documents. Registered in sources.ts. */
export interface YamlSource {
  id: string;
  /** Null when the file has nothing of this source. Never throws on user input. */
  read(input: YamlSourceInput): SourceOutput | null;
}

// ---------------------------------------------------------------------------------------------------------------
// The rest of the workspace, as one file's analysis sees it (implemented by workspace.ts)

/** A Dockerfile's final stage, as far as it concerns the JVM of a container built from it. */
export interface DockerfileSummary {
  /** The Dockerfile's URI (editor) or path (CLI), as it was given to the index. */
  uri: string;
  /** The final stage's `AS` name, null without one. */
  stage: string | null;
  /** The image at the end of the final stage's `FROM` chain (`eclipse-temurin:17-jre`); null when unknown. */
  baseImage: string | null;
  /**
   * ENV of the final stage (inherited through `FROM stage`), after the builder's substitution; `value` is null when
   * it depends on a build argument without default (`unresolvedReason` says so). `line` is 0-based.
   */
  env: Array<{ name: string; value: string | null; unresolvedReason?: string; line: number | null }>;
  /** The ENTRYPOINT argv (shell form: the SHELL plus the text); null when the base image's (unknown) applies. */
  entrypoint: string[] | null;
  /** The CMD argv that reaches the process (null when none, or when a shell-form ENTRYPOINT ignores it). */
  cmd: string[] | null;
  /** 0-based lines of the ENTRYPOINT and CMD instructions (null when not in this file). */
  entrypointLine?: number | null;
  cmdLine?: number | null;
}

export type ImageLinkSource = 'setting' | 'skaffold' | 'compose';

/** The Dockerfile an image is built from, and what said so. */
export interface LinkedDockerfile {
  uri: string;
  /** The path shown to the user: relative to the workspace root that holds it, else to the viewing file's folder. */
  label?: string;
  summary: DockerfileSummary;
  source: ImageLinkSource;
  /** The file that declared the link (`skaffold.yaml`, the compose file); null for the setting. */
  declaredIn: string | null;
}

/** What the analysis of one file consults from the rest of the workspace. */
export interface WorkspaceView {
  /** LimitRanges defined in other files (the file's own are read from its text). */
  limitRanges: import('./k8s/model').LimitRangeModel[];
  /** ConfigMaps defined in other files. */
  configMaps: import('./k8s/model').ConfigMapModel[];
  /** The Dockerfile an image (any tag or digest) is built from, or null when nothing links it. */
  dockerfileFor(image: string | null): LinkedDockerfile | null;
  /**
   * The Dockerfile of a compose `build:` in the viewed file: `context` (default `.`) relative to the viewed file's
   * folder, `dockerfile` (default `Dockerfile`) relative to the context. Null when it is not indexed.
   */
  dockerfileForBuild(context: string | null, dockerfile: string | null): LinkedDockerfile | null;
}

// The one entry point of the engine: a file's text in, everything the editor and the CLI show out.
// text → parse (with ranges) → model → analysis → findings and presentations. Never throws on user input.
import type { FileAnalysis, FileKind, RangeAction } from './analysis';
import { classifyDocument, classifyPath, isHelmTemplate } from './classify';
import { analyzeJvm, type JvmAnalysis } from './jvm/analyze';
import { analyzeComposeFile, analyzeDockerfileText } from './docker/analyze-docker';
import { containerSubjects } from './jvm/subjects';
import { launchFromContainer } from './jvm/launch';
import { buildManifestModel } from './k8s/manifests';
import type { ContainerModel, ManifestModel, WorkloadModel } from './k8s/model';
import { readNodeMemory } from './k8s/node-memory';
import { k8sHovers, qosHints, workloadLenses } from './k8s/present';
import { jvmHints, jvmHovers } from './jvm/present';
import type { Options } from './options';
import { type ContainerJson, toJvmJson, type WorkloadJson } from './report';
import { RULES } from './rules/index';
import { makeGuaranteedFix } from './rules/make-guaranteed';
import type { RuleContext } from './rules/rule';
import { type Mode, runRules } from './rules/run';
import { LineIndex } from './text';
import { parseYamlIncremental, type YamlParseCache } from './yaml/incremental';
import type { YFile } from './yaml/tree';
import { joinDockerfile, type WorkspaceView } from './workspace';

export interface AnalyzeRequest {
  /** A file path (CLI) or URI (editor): used to tell Dockerfiles, YAML and Helm templates apart. */
  uri: string;
  text: string;
  languageId?: string;
  options: Options;
  mode: Mode;
  /** For Helm detection: whether a `Chart.yaml` sits above a `templates/` folder holding this file. */
  hasChartYaml?: boolean;
  /** LimitRanges, ConfigMaps and linked Dockerfiles from the other files of the workspace or the CLI run. */
  workspace?: WorkspaceView;
  /** The editor's per-document parse cache: a keystroke re-parses only the YAML documents it touched. */
  yamlCache?: YamlParseCache;
}

function empty(kind: FileKind, nodeMemoryBytes: bigint): FileAnalysis {
  return {
    kind,
    skipped: null,
    nodeMemoryBytes,
    findings: [],
    hints: [],
    lenses: [],
    hovers: [],
    actions: [],
    workloads: [],
    images: [],
    notices: [],
    failures: [],
  };
}

export function analyzeFile(req: AnalyzeRequest): FileAnalysis {
  const { text, options } = req;
  const lines = new LineIndex(text);
  const nodeMemoryBytes = readNodeMemory(text, options.nodeMemory);
  const pathKind = classifyPath(req.uri, req.languageId);
  if (text.length > options.maxFileSize) {
    const result = empty(pathKind === 'dockerfile' ? 'dockerfile' : 'other', nodeMemoryBytes);
    result.skipped = 'too-large';
    result.notices.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: `OOM Lens skipped this file: ${text.length} characters is above the \`maxFileSize\` setting (${options.maxFileSize})`,
    });
    return result;
  }
  if (pathKind === 'dockerfile') return analyzeDockerfile(req, lines, nodeMemoryBytes);
  if (pathKind !== 'yaml') {
    const result = empty('other', nodeMemoryBytes);
    result.skipped = 'not-kubernetes';
    return result;
  }
  return analyzeYaml(req, lines, nodeMemoryBytes);
}

function analyzeYaml(req: AnalyzeRequest, lines: LineIndex, nodeMemoryBytes: bigint): FileAnalysis {
  const helm = isHelmTemplate(req.uri, req.text, req.hasChartYaml);
  const yaml: YFile = parseYamlIncremental(req.text, { helm }, req.yamlCache);
  const kinds = yaml.docs.map(classifyDocument);
  const hasK8s = kinds.includes('kubernetes');
  const hasCompose = kinds.includes('compose');
  const hasErrors = yaml.docs.some((d) => d.errors.length > 0);
  const kind: FileKind = helm ? 'helm-template' : hasK8s ? 'kubernetes' : hasCompose ? 'compose' : 'other';
  const result = empty(kind, nodeMemoryBytes);
  if (!hasK8s && !hasCompose && !(hasErrors && !helm)) {
    result.skipped = helm ? 'helm-template' : 'not-kubernetes';
    return result;
  }
  const ctx = buildYamlContext(req, yaml, lines, nodeMemoryBytes, hasK8s, hasCompose);
  const manifest = ctx.manifest;
  // docker-compose services: JVMs against their own limits, checked by the same jvm-* rules (docker/analyze-docker.ts).
  const compose = hasCompose ? analyzeComposeFile(yaml, req, lines, nodeMemoryBytes) : null;
  if (compose) ctx.jvmSubjects = [...ctx.jvmSubjects, ...compose.subjects];
  const run = runRules(RULES, ctx, req.mode);
  result.findings = run.findings;
  result.failures = run.failures;
  if (helm) result.skipped = 'helm-template';
  if (manifest) {
    result.hints.push(...qosHints(manifest, lines));
    result.lenses.push(...workloadLenses(manifest, lines));
    result.hovers.push(...k8sHovers(manifest, lines));
    result.hints.push(...jvmHints(ctx.jvmSubjects, lines, req.text));
    result.hovers.push(...jvmHovers(ctx.jvmSubjects, lines, req.text));
    result.actions.push(...guaranteedActions(manifest, ctx));
    result.workloads.push(...manifest.workloads.map((w) => toWorkloadJson(w, ctx.jvm)));
  }
  if (compose) {
    result.hints.push(...compose.hints);
    result.hovers.push(...compose.hovers);
    result.workloads.push(...compose.workloads);
  }
  return result;
}

/** The rule context of a parsed YAML file: the Kubernetes model and the JVM of each container. */
export function buildYamlContext(
  req: Pick<AnalyzeRequest, 'text' | 'options' | 'workspace'>,
  yaml: YFile,
  lines: LineIndex,
  nodeMemoryBytes: bigint,
  hasK8s = true,
  hasCompose = false,
): RuleContext {
  const ws = req.workspace;
  const extra = ws ? { limitRanges: ws.limitRanges, configMaps: ws.configMaps } : undefined;
  const manifest: ManifestModel | null = hasK8s ? buildManifestModel(yaml, { nodeMemoryBytes }, extra) : null;
  const jvm = manifest ? analyzeManifestJvms(manifest, req) : new Map<ContainerModel, JvmAnalysis>();
  return {
    text: req.text,
    lines,
    options: req.options,
    fileKind: hasCompose && !hasK8s ? 'compose' : 'kubernetes',
    yaml,
    manifest,
    jvm,
    jvmSubjects: manifest ? containerSubjects(manifest, jvm, req.text, lines) : [],
    containersWithJvm: new Set(jvm.keys()),
  };
}

function analyzeDockerfile(req: AnalyzeRequest, lines: LineIndex, nodeMemoryBytes: bigint): FileAnalysis {
  // The final stage's image: its JVM with the limit unknown (docker/analyze-docker.ts), checked by the jvm-* rules.
  const parts = analyzeDockerfileText(req, lines, nodeMemoryBytes);
  const result = empty('dockerfile', nodeMemoryBytes);
  const run = runRules(RULES, parts.ctx, req.mode);
  result.findings = run.findings;
  result.failures = run.failures;
  result.hints = parts.hints;
  result.hovers = parts.hovers;
  result.images = parts.images;
  return result;
}

function guaranteedActions(manifest: ManifestModel, ctx: RuleContext): RangeAction[] {
  const actions: RangeAction[] = [];
  for (const w of manifest.workloads) {
    if (w.qos.qosClass !== 'Burstable') continue;
    const fix = makeGuaranteedFix(w, ctx);
    if (!fix) continue;
    for (const c of w.containers) {
      const node = c.declared.pair?.keyNode ?? c.nameNode;
      if (node) actions.push({ range: ctx.lines.range([node.span[0], c.declared.node?.span[1] ?? node.span[1]]), fix });
    }
  }
  return actions;
}

/** The JVM of every container that runs one, against its own limit and CPUs. */
function analyzeManifestJvms(
  manifest: ManifestModel,
  req: Pick<AnalyzeRequest, 'text' | 'options' | 'workspace'>,
): Map<ContainerModel, JvmAnalysis> {
  const out = new Map<ContainerModel, JvmAnalysis>();
  const configMaps = [...manifest.configMaps, ...(manifest.extraConfigMaps ?? [])];
  for (const w of manifest.workloads) {
    for (const c of w.containers) {
      // A Dockerfile the image is built from (workspace.ts) adds its ENV, ENTRYPOINT/CMD and JDK.
      const own = launchFromContainer(c, configMaps, req.text, { namespace: w.namespace });
      const launch = joinDockerfile(own, req.workspace?.dockerfileFor(c.image) ?? null);
      const analysis = analyzeJvm(launch, {
        limitBytes: c.memoryLimitBytes,
        cpuLimitMilli: c.cpuLimitMilli,
        nodeMemoryBytes: manifest.nodeMemoryBytes,
        options: req.options,
        text: req.text,
      });
      if (analysis) out.set(c, analysis);
    }
  }
  return out;
}

function toWorkloadJson(w: WorkloadModel, jvm: Map<ContainerModel, JvmAnalysis>): WorkloadJson {
  return {
    kind: w.kind,
    name: w.name,
    namespace: w.namespace,
    qosClass: w.qos.qosClass,
    ...(w.partial ? { partial: true as const } : {}),
    containers: w.containers.map(
      (c): ContainerJson => ({
        name: c.name,
        role: c.role,
        memoryRequestBytes: c.memoryRequestBytes,
        memoryLimitBytes: c.memoryLimitBytes,
        oomScoreAdj: c.oom.value,
        jvm: toJvmJson(jvm.get(c) ?? null),
      }),
    ),
  };
}

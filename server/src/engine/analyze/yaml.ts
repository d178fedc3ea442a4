// The YAML pipeline: parse (incrementally in the editor), build the Kubernetes objects of the file, let every
// registered source (sources.ts) read its workloads, run the JVM model on their containers, run the rules over the
// whole, and collect each source's presentation and JSON.
import { emptyAnalysis, type Failure, type FileAnalysis, type FileKind } from '../analysis';
import { classifyDocument, isHelmTemplate } from '../classify';
import { toJvmJson, type WorkloadJson } from '../json-contract';
import type { JvmAnalysis } from '../jvm/analyze';
import { buildManifestModel } from '../k8s/manifests';
import { expectedBytesOf } from '../node/expected';
import { nodeWorkloadsOf } from '../node/from-k8s';
import type { ContainerModel } from '../k8s/model';
import type { RuleContext } from '../rule';
import { RULES } from '../rules/index';
import type { JvmSubject, SourceContainer, SourceOutput, YamlSourceInput } from '../source';
import { YAML_SOURCES } from '../sources';
import type { LineIndex } from '../text';
import { parseYamlIncremental } from '../yaml/incremental';
import type { YFile } from '../yaml/tree';
import { analyzeContainers } from './jvm-subjects';
import type { AnalyzeRequest } from './request';
import { runRules } from './run-rules';

/** The rule context of a YAML file, with what each source read (for presentation and JSON). */
export interface YamlContext extends RuleContext {
  outputs: Array<{ output: SourceOutput; subjects: JvmSubject[] }>;
  analysisOf: Map<SourceContainer, JvmAnalysis>;
  failures: Failure[];
}

export function analyzeYaml(req: AnalyzeRequest, lines: LineIndex, nodeMemoryBytes: bigint): FileAnalysis {
  const helm = isHelmTemplate(req.uri, req.text, req.hasChartYaml);
  const yaml: YFile = parseYamlIncremental(req.text, { helm }, req.yamlCache);
  const kinds = yaml.docs.map(classifyDocument);
  const hasK8s = kinds.includes('kubernetes');
  const hasCompose = kinds.includes('compose');
  const hasErrors = yaml.docs.some((d) => d.errors.length > 0);
  const kind: FileKind = helm ? 'helm-template' : hasK8s ? 'kubernetes' : hasCompose ? 'compose' : 'other';
  const result = emptyAnalysis(kind, nodeMemoryBytes);
  if (!hasK8s && !hasCompose && !(hasErrors && !helm)) {
    result.skipped = helm ? 'helm-template' : 'not-kubernetes';
    return result;
  }
  const ctx = buildYamlContext(req, yaml, lines, nodeMemoryBytes);
  const run = runRules(RULES, ctx, req.mode);
  result.findings = run.findings;
  result.failures = [...ctx.failures, ...run.failures];
  if (helm) result.skipped = 'helm-template';
  for (const { output, subjects } of ctx.outputs) {
    const p = output.present(subjects);
    result.hints.push(...p.hints);
    result.lenses.push(...p.lenses);
    result.hovers.push(...p.hovers);
    result.actions.push(...p.actions);
    result.workloads.push(...workloadsJson(output, ctx.analysisOf));
  }
  if (ctx.manifest) {
    try {
      result.nodeWorkloads = nodeWorkloadsOf(ctx.manifest, yaml, lines, (c) => expectedBytesOf(ctx.jvm.get(c)));
    } catch (error) {
      result.failures.push({ where: 'node view', error });
    }
  }
  return result;
}

/** The rule context of a parsed YAML file: the Kubernetes objects, every source's containers and their JVMs. */
export function buildYamlContext(
  req: Pick<AnalyzeRequest, 'text' | 'options' | 'workspace'>,
  yaml: YFile,
  lines: LineIndex,
  nodeMemoryBytes: bigint,
): YamlContext {
  const kinds = yaml.docs.map(classifyDocument);
  const hasK8s = kinds.includes('kubernetes');
  const hasCompose = kinds.includes('compose');
  const ws = req.workspace;
  const failures: Failure[] = [];
  const extra = ws ? { limitRanges: ws.limitRanges, configMaps: ws.configMaps } : undefined;
  const manifest = hasK8s ? buildManifestModel(yaml, { nodeMemoryBytes }, extra) : null;
  if (manifest) failures.push(...manifest.failures);
  const input: YamlSourceInput = { text: req.text, lines, yaml, options: req.options, nodeMemoryBytes, manifest, workspace: ws };
  const outputs: YamlContext['outputs'] = [];
  const analysisOf = new Map<SourceContainer, JvmAnalysis>();
  for (const source of YAML_SOURCES) {
    let output: SourceOutput | null = null;
    try {
      output = source.read(input);
    } catch (error) {
      failures.push({ where: `source ${source.id}`, error });
    }
    if (!output) continue;
    const containers = output.workloads.flatMap((w) => w.containers.map((c) => c.source));
    const stage = analyzeContainers(containers, { options: req.options, nodeMemoryBytes, text: req.text }, failures);
    for (const [c, a] of stage.analysisOf) analysisOf.set(c, a);
    outputs.push({ output, subjects: stage.subjects });
  }
  const jvmSubjects = outputs.flatMap((o) => o.subjects);
  // Pods that sources model from other objects (operator custom resources) are judged by the same resource rules.
  const extraWorkloads = outputs.flatMap((o) => o.output.k8sWorkloads ?? []);
  const ruleManifest = manifest && extraWorkloads.length > 0 ? { ...manifest, workloads: [...manifest.workloads, ...extraWorkloads] } : manifest;
  const jvm = new Map<ContainerModel, JvmAnalysis>();
  for (const s of jvmSubjects) if (s.k8s) jvm.set(s.k8s.container, s.analysis);
  return {
    text: req.text,
    lines,
    options: req.options,
    fileKind: hasCompose && !hasK8s ? 'compose' : 'kubernetes',
    yaml,
    manifest: ruleManifest,
    jvm,
    jvmSubjects,
    containersWithJvm: new Set(jvm.keys()),
    outputs,
    analysisOf,
    failures,
  };
}

function workloadsJson(output: SourceOutput, analysisOf: Map<SourceContainer, JvmAnalysis>): WorkloadJson[] {
  return output.workloads.map((w) => ({
    ...w.json,
    containers: w.containers.map((c) => ({ ...c.json, jvm: toJvmJson(analysisOf.get(c.source) ?? null) })),
  }));
}

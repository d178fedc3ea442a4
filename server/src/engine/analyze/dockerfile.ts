// The Dockerfile pipeline: the final stage's image (docker/dockerfile-source.ts) through the JVM model with the limit
// unknown, the jvm-* rules over it, and its hint, hovers and JSON entry.
import { emptyAnalysis, type Failure, type FileAnalysis } from '../analysis';
import { imageContainer, imageFacts, toImageJson } from '../docker/dockerfile-source';
import { parseDockerfile } from '../docker/dockerfile';
import { presentImage } from '../docker/present';
import type { ImageJson } from '../json-contract';
import type { JvmAnalysis } from '../jvm/analyze';
import type { RuleContext } from '../rule';
import { RULES } from '../rules/index';
import type { LineIndex } from '../text';
import type { Hint, HoverInfo } from '../types';
import { analyzeContainers } from './jvm-subjects';
import type { AnalyzeRequest } from './request';
import { runRules } from './run-rules';

export interface DockerfileParts {
  /** The final stage's JVM (limit unknown), null when none is detected. */
  analysis: JvmAnalysis | null;
  /** The rule context (fileKind `dockerfile`): the image subject, no YAML, no manifest. */
  ctx: RuleContext;
  images: ImageJson[];
  hints: Hint[];
  hovers: HoverInfo[];
  failures: Failure[];
}

/** Analyse a Dockerfile's final stage: the image `docker build` produces. Never throws on user input. */
export function analyzeDockerfileText(req: Pick<AnalyzeRequest, 'text' | 'options'>, lines: LineIndex, nodeMemoryBytes: bigint): DockerfileParts {
  const model = parseDockerfile(req.text);
  const stage = model.final;
  const failures: Failure[] = [];
  const container = stage ? imageContainer(model, stage, lines) : null;
  const { subjects } = analyzeContainers(container ? [container] : [], { options: req.options, nodeMemoryBytes, text: req.text, commonLimits: true }, failures);
  const analysis = subjects[0]?.analysis ?? null;
  const ctx: RuleContext = {
    text: req.text,
    lines,
    options: req.options,
    fileKind: 'dockerfile',
    yaml: null,
    manifest: null,
    jvm: new Map(),
    jvmSubjects: subjects,
    containersWithJvm: new Set(),
  };
  if (!stage) return { analysis, ctx, images: [], hints: [], hovers: [], failures };
  const facts = imageFacts(model, stage);
  const { hints, hovers } = presentImage(stage, analysis, facts, lines);
  return { analysis, ctx, images: [toImageJson(stage, analysis, facts)], hints, hovers, failures };
}

export function analyzeDockerfile(req: AnalyzeRequest, lines: LineIndex, nodeMemoryBytes: bigint): FileAnalysis {
  const parts = analyzeDockerfileText(req, lines, nodeMemoryBytes);
  const result = emptyAnalysis('dockerfile', nodeMemoryBytes);
  const run = runRules(RULES, parts.ctx, req.mode);
  result.findings = run.findings;
  result.failures = [...parts.failures, ...run.failures];
  result.hints = parts.hints;
  result.hovers = parts.hovers;
  result.images = parts.images;
  return result;
}

// A Dockerfile's final stage as a workload source (source.ts): the image `docker build` produces, with its launch
// (docker/launch.ts: ENV, ENTRYPOINT and CMD of the stage and its `FROM stage` chain). Its memory limit is not known
// here — it is set where the image runs — so it cannot be edited; its JVM options are edited where the Dockerfile
// writes them (docker/option-edits.ts).
import { formatJvmSize } from '../bytes';
import { imageJvmJson, type ImageJson } from '../json-contract';
import type { JvmAnalysis } from '../jvm/analyze';
import { jdkFromImage } from '../jvm/jdk';
import type { SourceContainer } from '../source';
import type { LineIndex } from '../text';
import type { DockerfileModel, StageModel } from './dockerfile';
import { dockerfileLaunch } from './launch';
import { dockerOptionTextEdits } from './option-edits';

/** What the image's JSON entry and hover state about the stage itself, computed once. */
export interface ImageFacts {
  /** The FROM as written when it depends on build arguments without a value; null when resolved. */
  unresolvedBase: { image: string; variables: string[] } | null;
  /** The base image's JDK major from its tag, null when the tag does not say. */
  baseJdkMajor: number | null;
}

/** The final stage's image as a container (kind `image`), or null when the stage has no launch. */
export function imageContainer(model: DockerfileModel, stage: StageModel, lines: LineIndex): SourceContainer | null {
  const launch = dockerfileLaunch(model, lines, stage);
  if (!launch) return null;
  return {
    kind: 'image',
    name: stage.name ?? (stage.baseImage || `stage ${stage.index}`),
    anchor: stage.imageRange ?? stage.fromRange,
    limitBytes: null,
    limitText: null,
    cpuLimitMilli: null,
    launch,
    edits: {
      setMemoryLimit: () => null,
      setsRequestToo: false,
      editOptions: (tokens, changes) => dockerOptionTextEdits(model, lines, tokens, changes),
      formatMemory: formatJvmSize,
    },
  };
}

export function imageFacts(model: DockerfileModel, stage: StageModel): ImageFacts {
  const unresolved = unresolvedBase(model, stage);
  const base = unresolved ? unresolved.image || null : stage.baseImage !== '' ? stage.baseImage : null;
  return { unresolvedBase: unresolved, baseJdkMajor: base ? jdkFromImage(base).major : null };
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
export function toImageJson(stage: StageModel, analysis: JvmAnalysis | null, facts: ImageFacts): ImageJson {
  const unresolved = facts.unresolvedBase;
  const base = unresolved ? unresolved.image || null : stage.baseImage !== '' ? stage.baseImage : null;
  const jdkMajor = analysis ? (analysis.launch.jdk.source === 'assumed' ? null : analysis.jdkMajor) : facts.baseJdkMajor;
  return { stage: stage.name, baseImage: base, jdkMajor, jvm: imageJvmJson(analysis) };
}

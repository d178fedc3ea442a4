// What a rule is: an id, a default severity, and a check over the analysed model. Rules never parse; they read
// the context the analysis built and return findings (with fixes as plain text edits on ctx.text).
import type { JvmAnalysis } from './jvm/analyze';
import type { JvmSubject } from './source';
import type { DockerfileModel } from './docker/dockerfile';
import type { ContainerModel, ManifestModel } from './k8s/model';
import type { Options } from './options';
import type { LineIndex } from './text';
import type { Finding, RuleId, Severity } from './types';
import type { YFile } from './yaml/tree';

/** Everything a rule may read. Fields are null when the file is not of that kind. */
export interface RuleContext {
  /** The analysed text (as the editor has it). Edits are computed against it. */
  text: string;
  lines: LineIndex;
  options: Options;
  /** 'kubernetes' | 'compose' | 'dockerfile' — the file kind being analysed. */
  fileKind: 'kubernetes' | 'compose' | 'dockerfile';
  yaml: YFile | null;
  /** The Dockerfile model when `fileKind` is 'dockerfile' (JVM option fixes edit its instructions). */
  dockerfile?: DockerfileModel | null;
  manifest: ManifestModel | null;
  /** The JVM of each Kubernetes container that runs one (jvm/analyze.ts). */
  jvm: Map<ContainerModel, JvmAnalysis>;
  /** Every JVM in the file, whatever its kind: what the jvm-* rules check. */
  jvmSubjects: JvmSubject[];
  /** Containers whose missing memory limit `jvm-no-memory-limit` reports instead of `memory-limit-missing`. */
  containersWithJvm?: Set<ContainerModel>;
}

export type RuleFinding = Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity };

export interface Rule {
  id: RuleId;
  defaultSeverity: Severity;
  /** One line: what the rule reports (the seed of docs/rules/<id>.md). */
  summary: string;
  check(ctx: RuleContext): RuleFinding[];
}

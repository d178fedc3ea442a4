// The result of analysing one file: everything the LSP layer and the CLI present, computed once.
import type { ImageJson, WorkloadJson } from './json-contract';
import type { NodeWorkload } from './node/model';
import type { Finding, Fix, Hint, HoverInfo, Lens, Range } from './types';

export type FileKind = 'kubernetes' | 'compose' | 'dockerfile' | 'helm-template' | 'other';
export type SkipReason = 'helm-template' | 'too-large' | 'not-kubernetes';

/** Something that threw while analysing a file: `where` names the step (`rule jvm-fixed-heap`, `source compose`). */
export interface Failure {
  where: string;
  error: unknown;
}

/** A code action that is not tied to a diagnostic (e.g. "Make Guaranteed" on a Burstable pod). */
export interface RangeAction {
  range: Range;
  fix: Fix;
}

export interface FileAnalysis {
  kind: FileKind;
  /** Null when analysed; a short reason otherwise (DESIGN.md `skipped`). Helm templates are analysed partially. */
  skipped: SkipReason | null;
  nodeMemoryBytes: bigint;
  findings: Finding[];
  hints: Hint[];
  lenses: Lens[];
  hovers: HoverInfo[];
  actions: RangeAction[];
  workloads: WorkloadJson[];
  images: ImageJson[];
  /** Plain information for the user that is not a rule finding (e.g. "file skipped: larger than maxFileSize"). */
  notices: Array<{ range: Range; message: string }>;
  /**
   * What threw while analysing this file (a rule, a source, the JVM model): logged by the server and reported by
   * the CLI, never shown as findings; the rest of the analysis stands.
   */
  failures: Failure[];
  /** The Kubernetes workloads as the node view packs and ranks them (node/model.ts); absent when none. */
  nodeWorkloads?: NodeWorkload[];
}

/** An analysis with nothing in it yet. */
export function emptyAnalysis(kind: FileKind, nodeMemoryBytes: bigint): FileAnalysis {
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

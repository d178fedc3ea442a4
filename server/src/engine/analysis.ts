// The result of analysing one file: everything the LSP layer and the CLI present, computed once.
import type { ImageJson, WorkloadJson } from './report';
import type { Finding, Fix, Hint, HoverInfo, Lens, Range } from './types';

export type FileKind = 'kubernetes' | 'compose' | 'dockerfile' | 'helm-template' | 'other';
export type SkipReason = 'helm-template' | 'too-large' | 'not-kubernetes';

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
  /** Rules that threw on this file (logged, never shown as findings). */
  failures: Array<{ ruleId: string; error: unknown }>;
}

// The result shapes every layer shares: the engine produces them, the LSP layer and the CLI present them.
// Positions are LSP positions (0-based line, UTF-16 character), so YAML and Dockerfile findings meet there.
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';

export type { Position, Range, TextEdit };

/** A `[start, end)` range of UTF-16 offsets into the analysed text. */
export type Span = [start: number, end: number];

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const RULE_IDS = [
  'yaml-syntax',
  'invalid-quantity',
  'suspicious-memory-quantity',
  'request-exceeds-limit',
  'memory-limit-missing',
  'besteffort-pod',
  'jvm-heap-exceeds-limit',
  'jvm-heap-no-headroom',
  'jvm-initial-heap-exceeds-max',
  'jvm-unrecognized-option',
  'jvm-container-support-disabled',
  'jvm-no-memory-limit',
  'jvm-fixed-heap',
  'jvm-legacy-jdk',
  'jvm-options-unread',
  'memory-limit-overcommit',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** A fix is plain text edits on the analysed text; the LSP layer wraps it as a CodeAction. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The obvious choice (`isPreferred` in LSP). */
  isPreferred?: boolean;
  /** Safe to apply in bulk (`source.fixAll.oomLens`): spelling fixes, never resizing. */
  safe?: boolean;
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** Sentence case, no trailing period, user values in backticks. */
  message: string;
  range: Range;
  facts?: Record<string, unknown>;
  fixes?: Fix[];
}

/** Inline text shown after `position` (an inlay hint). */
export interface Hint {
  position: Position;
  label: string;
  tooltip?: string;
  /** Which inline display it belongs to, so each can be switched off. */
  kind: 'qos' | 'heap';
}

/** A line of text above a workload (a code lens). */
export interface Lens {
  range: Range;
  title: string;
}

/** Markdown shown when the cursor is inside `range`; the innermost range wins. */
export interface HoverInfo {
  range: Range;
  markdown: string;
}

// The node memory capacity oom_score_adj is computed against (DESIGN.md "Settings"): a file's
// `# oom-lens: node-memory=64Gi` comment, else the `nodeMemory` setting, else 16Gi.
import { parseQuantity } from '../quantity';
import { mayHaveCommentWord } from '../strings';

export const DEFAULT_NODE_MEMORY_BYTES = 16n << 30n;

// A comment at a line start or after whitespace, so `#` inside a value (`a#b`) is not one.
const DIRECTIVE = /(?:^|[ \t])#[ \t]*oom-lens:[ \t]*node-memory[ \t]*=[ \t]*([^\s#]*)/m;

/** A positive quantity in bytes, or null. */
export function parseNodeMemory(value: string | null | undefined): bigint | null {
  if (typeof value !== 'string') return null;
  const parsed = parseQuantity(value.trim());
  if (!parsed.ok || parsed.quantity.value <= 0n) return null;
  return parsed.quantity.value;
}

export interface NodeMemoryDirective {
  /** Bytes, null when the value is not a positive quantity (then the directive is ignored). */
  bytes: bigint | null;
  value: string;
  /** UTF-16 offsets of the value in the text. */
  span: [number, number];
}

/** The first `# oom-lens: node-memory=` comment in the text, if any. */
export function findNodeMemoryDirective(text: string): NodeMemoryDirective | null {
  // The regular expression scans the whole text; most files have no directive at all (a quicker test first).
  if (!mayHaveCommentWord(text, 'oom-lens:')) return null;
  const m = DIRECTIVE.exec(text);
  if (!m) return null;
  const value = m[1];
  const start = m.index + m[0].length - value.length;
  return { bytes: parseNodeMemory(value), value, span: [start, start + value.length] };
}

/**
 * Node memory for one file: the first directive comment when its value is valid (an invalid value is ignored),
 * else the setting (a quantity string such as `16Gi`), else 16Gi.
 */
export function readNodeMemory(text: string, setting?: string | null): bigint {
  return findNodeMemoryDirective(text)?.bytes ?? parseNodeMemory(setting) ?? DEFAULT_NODE_MEMORY_BYTES;
}

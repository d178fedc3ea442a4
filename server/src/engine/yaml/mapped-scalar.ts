// A YAML scalar as a mapped string (mapped.ts): per character of its value, the offset in the text it was written at.
import type { MappedString, Via } from '../mapped';
import { asString, type YScalar } from './tree';

const WS = new Set([' ', '\t', '\n', '\r']);

/**
 * Map a scalar's value back to the text. Characters are aligned greedily, skipping only what YAML removes
 * (quotes, escaping backslashes, indentation and line breaks); anything else (an escape such as `\n`) leaves the
 * rest unmapped. `verbatimSpan` then only trusts ranges that read the same in the text.
 */
export function mapScalar(node: YScalar, text: string): MappedString {
  const value = asString(node) ?? '';
  const offsets = new Array<number | null>(value.length).fill(null);
  let j = node.span[0];
  const end = Math.min(node.span[1], text.length);
  const quoted = node.style === 'single' || node.style === 'double';
  if (node.style === 'block') {
    // Skip the header line (`|`, `>-`, `|2` …) and its comment.
    const nl = text.indexOf('\n', j);
    j = nl < 0 || nl >= end ? end : nl + 1;
  }
  for (let i = 0; i < value.length && j < end; i++) {
    const c = value[i];
    let k = j;
    while (k < end && text[k] !== c) {
      const t = text[k];
      if (!(WS.has(t) || (quoted && (t === '"' || t === "'" || t === '\\')))) {
        k = end;
        break;
      }
      k++;
    }
    if (k >= end) break;
    offsets[i] = k;
    j = k + 1;
  }
  return { value, offsets, vias: new Array<Via | null>(value.length).fill(null), refs: [] };
}

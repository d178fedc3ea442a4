// Strings that remember where each character came from: its offset in the analysed text (null when not written
// verbatim) and the variable reference (`$(VAR)`, `$VAR`) that produced it. Launch descriptions, shell expansion
// and option tokens carry them, so a finding or an edit lands on the characters the user wrote.
import type { Span } from './types';

export interface Via {
  variable: string;
  syntax: 'k8s' | 'shell';
  /** The reference as written, e.g. `$(JAVA_OPTS)` or `${JAVA_OPTS:-}`. */
  ref: string;
  /** Where the reference is written, when it is spelled verbatim in the source. */
  refSpan: Span | null;
  /** False when the variable's value is unknown: the reference text is kept literally. */
  resolved: boolean;
  /** Why it is unresolved (for the hover), when `resolved` is false. */
  reason?: string;
  /** The reference that this one sits inside (`$(HEAP)` inside the value of `$(JAVA_OPTS)`), outermost last. */
  outer?: Via;
}

/** A string with, per character, its source offset (null when not spelled verbatim) and the reference it came from. */
export interface MappedString {
  value: string;
  offsets: (number | null)[];
  vias: (Via | null)[];
  /** Every reference expanded into this string, including those that expanded to nothing. */
  refs: Via[];
}

export function literal(value: string, offsets?: (number | null)[] | null): MappedString {
  return {
    value,
    offsets: offsets ?? new Array<number | null>(value.length).fill(null),
    vias: new Array<Via | null>(value.length).fill(null),
    refs: [],
  };
}

export function concatMapped(parts: MappedString[]): MappedString {
  const out: MappedString = { value: '', offsets: [], vias: [], refs: [] };
  for (const p of parts) {
    out.value += p.value;
    out.offsets.push(...p.offsets);
    out.vias.push(...p.vias);
    out.refs.push(...p.refs);
  }
  return out;
}

export function sliceMapped(m: MappedString, start: number, end: number): MappedString {
  return {
    value: m.value.slice(start, end),
    offsets: m.offsets.slice(start, end),
    vias: m.vias.slice(start, end),
    refs: [],
  };
}

/** Wrap every character's via inside `outer` (a value substituted for a reference). */
export function nestMapped(inner: MappedString, outer: Via): MappedString {
  const cache = new Map<Via, Via>();
  const wrap = (v: Via | null): Via => {
    if (v === null) return outer;
    let w = cache.get(v);
    if (!w) {
      w = { ...v, outer: v.outer ? wrap(v.outer) : outer };
      cache.set(v, w);
    }
    return w;
  };
  return {
    value: inner.value,
    offsets: inner.offsets.slice(),
    vias: inner.vias.map(wrap),
    refs: [outer, ...inner.refs.map(wrap)],
  };
}

/**
 * The source span of `m.value.slice(start, end)` when those characters are spelled verbatim, contiguously, in
 * `text` (so an edit can replace exactly them); null otherwise.
 */
export function verbatimSpan(m: MappedString, start: number, end: number, text: string): Span | null {
  if (end <= start) return null;
  const first = m.offsets[start];
  const last = m.offsets[end - 1];
  if (first == null || last == null) return null;
  for (let i = start; i < end; i++) if (m.offsets[i] !== first + (i - start)) return null;
  const span: Span = [first, last + 1];
  return text.slice(span[0], span[1]) === m.value.slice(start, end) ? span : null;
}

/** The chain of references (outermost first) that produced character `i`. */
export function viaChain(m: MappedString, i: number): Via[] {
  const chain: Via[] = [];
  for (let v = m.vias[i] ?? undefined; v; v = v.outer) chain.unshift(v);
  return chain;
}

// The engine's own view of a YAML file. Only engine/yaml/ imports the `yaml` library; everything else works on
// these plain nodes. Offsets are UTF-16 indices into the analysed text (the `yaml` library's own offsets).

import type { Span } from '../types';

// Spans are [start, end): `end` is the value end, excluding a trailing comment (the `yaml` library's valueEnd).

export type YNode = YScalar | YMap | YSeq;

export type ScalarStyle = 'plain' | 'single' | 'double' | 'block';

export interface YScalar {
  kind: 'scalar';
  span: Span;
  /**
   * The value typed with the YAML 1.1 rules Kubernetes uses (go-yaml v2): `010` → 8, `0o10` → 8, `0x10` → 16,
   * `1_000` → 1000, `1e3` → 1000 (a float), `true`/`yes`… → boolean, `~`/`null`/empty → null.
   * Integers beyond Number.MAX_SAFE_INTEGER are bigint.
   */
  value: string | number | bigint | boolean | null;
  /** `'int' | 'float'` when a plain scalar resolved to a number: a float's JSON spelling differs (REFERENCE §1.5). */
  numberType?: 'int' | 'float';
  /** The scalar's text as written, without quotes (for a quoted scalar, the unescaped content). */
  source: string;
  style: ScalarStyle;
  /** An explicit tag such as `!!str`, if any. */
  tag?: string;
}

export interface YPair {
  /** The key as a string (`String(value)` of a scalar key); null for a complex or missing key. */
  key: string | null;
  keyNode: YScalar | null;
  /** Null for `key:` with nothing after it. */
  value: YNode | null;
  /** From the key's start to the value's end. */
  span: Span;
}

export interface YMap {
  kind: 'map';
  span: Span;
  flow: boolean;
  items: YPair[];
}

export interface YSeq {
  kind: 'seq';
  span: Span;
  flow: boolean;
  items: (YNode | null)[];
}

export interface YError {
  message: string;
  span: Span;
}

export interface YDocument {
  /** The whole document, from its first content (or `---`) to its end. */
  span: Span;
  contents: YNode | null;
  errors: YError[];
  /** Anchors/aliases are resolved into the tree; aliased nodes share one object (and the anchor's span). */
  hasAliases: boolean;
}

export interface YFile {
  text: string;
  docs: YDocument[];
  /** True when template actions (`{{ … }}`) were masked before parsing (a Helm template). */
  templated: boolean;
}

export function get(node: YNode | null | undefined, key: string): YNode | null {
  if (!node || node.kind !== 'map') return null;
  // Last wins for duplicate keys, as the API server's JSON decoding does.
  let found: YNode | null = null;
  for (const item of node.items) if (item.key === key) found = item.value;
  return found;
}

export function getPair(node: YNode | null | undefined, key: string): YPair | null {
  if (!node || node.kind !== 'map') return null;
  let found: YPair | null = null;
  for (const item of node.items) if (item.key === key) found = item;
  return found;
}

export function asString(node: YNode | null | undefined): string | null {
  if (!node || node.kind !== 'scalar' || node.value === null) return null;
  return typeof node.value === 'string' ? node.value : String(node.value);
}

export function asMap(node: YNode | null | undefined): YMap | null {
  return node && node.kind === 'map' ? node : null;
}

export function asSeq(node: YNode | null | undefined): YSeq | null {
  return node && node.kind === 'seq' ? node : null;
}

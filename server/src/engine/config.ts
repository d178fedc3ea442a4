// `.oom-lens.yaml`: the same keys as the VS Code settings, without `oomLens.` (DESIGN.md "Settings").
import { parseYaml } from './yaml/parse';
import type { YNode } from './yaml/tree';

/** Parses the config text into a plain object for normalizeOptions(); never throws (bad YAML → `{}`). */
export function parseConfigText(text: string): unknown {
  const file = parseYaml(text);
  const doc = file.docs[0];
  if (!doc || doc.errors.length) return {};
  return toPlain(doc.contents);
}

function toPlain(node: YNode | null): unknown {
  if (!node) return null;
  if (node.kind === 'scalar') return typeof node.value === 'bigint' ? Number(node.value) : node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const item of node.items) if (item.key !== null) out[item.key] = toPlain(item.value);
  return out;
}

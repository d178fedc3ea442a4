// Image knowledge lives in the catalogue (catalogue/: typed data with a source per fact, loaded and looked up in
// catalogue/index.ts). This module re-exports it for the JVM model and keeps the small interpreters the data needs:
// the heap formulas of start scripts and the options a script part yields.
import type { ScriptPart } from './catalogue';

export {
  compareVersions,
  ENTRY_GROUP,
  IMAGE_TABLE,
  JVM_VARIABLES,
  lookupByEnv,
  lookupImage,
  lookupScript,
  OPTION_VARIABLES,
  parseImageRef,
  SCRIPT_VARIABLES,
  tagVersion,
} from './catalogue';
export type { CatalogueEntry, ConfigFile, HeapDefault, ImageRef, ImageRow, OtherJvm, ScriptPart } from './catalogue';

// ---------------------------------------------------------------------------------------------------------------
// Heap formulas of start scripts (sizes in MiB, as the scripts emit them)

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * Elasticsearch ≥ 7.11 default heap for a data node, in MB (`-Xms{n}m -Xmx{n}m`): MachineDependentHeap DATA
 * `m < 1 GB ? max(m × 0.4, 128 MB) : min(m × 0.5, 31 GB)`, truncated to whole MiB.
 */
export function elasticsearchHeapMb(totalMemoryBytes: number): number {
  const m = totalMemoryBytes;
  const bytes = m < GiB ? Math.max(Math.floor(m * 0.4), 128 * MiB) : Math.min(Math.floor(m * 0.5), 31 * GiB);
  return Math.floor(bytes / MiB);
}

/**
 * Cassandra's calculate_heap_sizes, in MB (`-Xms{n}M -Xmx{n}M`): max(min(ram/2, 1024), min(ram/4, 8192)) with
 * integer division as `expr` does; `ram` is `free -m` (the node's memory inside a container).
 */
export function cassandraHeapMb(systemMemoryMb: number): number {
  const half = Math.min(Math.floor(systemMemoryMb / 2), 1024);
  const quarter = Math.min(Math.floor(Math.floor(systemMemoryMb / 2) / 2), 8192);
  return Math.max(half, quarter);
}

/** The options a script part yields for a variable value (template applied), or its default when unset. */
export function partOptions(part: ScriptPart, value: string | null): string | null {
  if (value !== null && value !== '') return part.template ? part.template.split('{}').join(value) : value;
  return part.default ?? null;
}

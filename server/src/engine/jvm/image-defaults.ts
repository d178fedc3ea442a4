// Heap sizes that an image's start script computes from memory (Elasticsearch, Cassandra), turned into the
// `-Xms…/-Xmx…` options the script really puts on the `java` command line, so interpretOptions and computeHeap
// produce the heap the image really gets. detect.ts finds the formula (`launch.imageDefaults`, kind `formula`);
// this file computes its numbers for a given limit and node and inserts the options where the script puts them.
//
// Sources (read from the stored trees):
//   Elasticsearch ≥ 7.11  elastic/elasticsearch distribution/tools/server-cli/src/main/java/org/elasticsearch/server/cli/
//     MachineDependentHeap.java  DATA role: m < 1 GiB ? max((long)(m × 0.4), 128 MiB) : min((long)(m × 0.5), 31 GiB),
//                                then bytes / MiB (integer), emitted as `-Xms{n}m -Xmx{n}m`; skipped when the user's
//                                options (jvm.options, ES_JAVA_OPTS) set MaxHeapSize, MinHeapSize or InitialHeapSize
//                                from the command line (JvmOption.isMax/Min/InitialHeapSpecified).
//     JvmOptionsParser.java      user options (jvm.options, jvm.options.d, ES_JAVA_OPTS) then the heap options, appended.
//     DefaultSystemMemoryInfo    total memory = OperatingSystemMXBean.getTotalPhysicalMemorySize(): the container limit.
//     OverridableSystemMemoryInfo  `-Des.total_memory_bytes=<bytes>` in the user's options replaces it (PR #78750).
//     OverheadSystemMemoryInfo   100 MiB for the CLI process subtracted first (`-Des.total_memory_overhead_bytes`
//                                overrides it): PR #139138, merged into main 2025-12-05 (9.3), backported to 8.19.
//   Cassandra  apache/cassandra conf/cassandra-env.sh calculate_heap_sizes: system_memory_in_mb from `free -m` (the
//     node's memory: /proc/meminfo is not limited by the cgroup), half = ram/2 capped at 1024, quarter = half/2 capped
//     at 8192, MAX_HEAP_SIZE = max(half, quarter) "M"; then `JVM_OPTS="$JVM_OPTS -Xms${MAX_HEAP_SIZE}"` and `-Xmx`,
//     before `$JVM_EXTRA_OPTS` at the end. Only when MAX_HEAP_SIZE is unset (and jvm-server.options sets no -Xmx/-Xms).
import type { ImageDefaultApplied, JvmLaunch, JvmToken } from './detect';
import { cassandraHeapMb, elasticsearchHeapMb, IMAGE_TABLE, tagVersion, type HeapDefault, type ImageRow } from './images';

const MiB = 1024n * 1024n;

type FormulaDefault = Extract<HeapDefault, { kind: 'formula' }>;

/** What a start script computed, with the numbers, for hovers and hints. */
export interface ImageHeapFormula {
  rowId: string;
  formula: FormulaDefault['formula'];
  /** The product, for messages: `Elasticsearch`, `Cassandra`. */
  product: string;
  /** The memory the script read, in bytes (after the Elasticsearch CLI overhead when that applies). */
  memoryBytes: bigint;
  /** Where that memory came from. */
  memoryBasis: 'container limit' | 'node memory' | 'es.total_memory_bytes';
  /** Bytes subtracted before the formula (the Elasticsearch CLI process); 0 when none. */
  overheadBytes: bigint;
  /** The heap the script sets, in MiB (`-Xms{n}m -Xmx{n}m`). */
  heapMb: number;
  /** The options it puts on the command line. */
  options: string[];
  /** One sentence with the numbers: "Elasticsearch sets the heap to 50 % of the container limit 2 GiB: 1024 MiB". */
  explanation: string;
  /** Where the formula was read. */
  source: string;
}

export interface ImageDefaultsContext {
  /** The container memory limit; null when none (the script then reads the node's memory). */
  limitBytes: bigint | null;
  nodeMemoryBytes: bigint;
}

/** A synthetic token this file inserted (a formula row's `image-default`): removed before re-applying. */
export function isFormulaToken(t: JvmToken): boolean {
  if (t.source.kind !== 'image-default' || t.source.variable !== null) return false;
  const rowId = t.source.rowId;
  return IMAGE_TABLE.some((r) => r.id === rowId && r.heapDefault.kind === 'formula');
}

/** The heap options the user set on the command line (what Elasticsearch's `isMaxHeapSpecified` & co. see). */
const USER_HEAP = /^(-Xmx|-Xms|-XX:(MaxHeapSize|MinHeapSize|InitialHeapSize)=)/;

/**
 * Apply the image's heap formula, if it has one that applies: returns the launch with the script's `-Xms/-Xmx`
 * inserted where the script puts them, and what was computed. A launch without a formula comes back unchanged.
 * Idempotent: formula tokens from an earlier call are replaced. Never throws.
 */
export function applyImageDefaults(
  launch: JvmLaunch,
  ctx: ImageDefaultsContext,
): { launch: JvmLaunch; formula: ImageHeapFormula | null; failure?: unknown } {
  try {
    return apply(launch, ctx);
  } catch (failure) {
    // Recorded on the analysis (jvm/analyze.ts `failures`): the launch stands without the formula.
    return { launch, formula: null, failure };
  }
}

function apply(input: JvmLaunch, ctx: ImageDefaultsContext): { launch: JvmLaunch; formula: ImageHeapFormula | null } {
  const index = input.imageDefaults.findIndex((d) => d.heapDefault.kind === 'formula');
  const hadTokens = input.tokens.some(isFormulaToken);
  if (index < 0) return { launch: input, formula: null };
  const tokens = hadTokens ? input.tokens.filter((t) => !isFormulaToken(t)) : input.tokens;
  const applied = input.imageDefaults[index];
  const hd = applied.heapDefault as FormulaDefault;
  const row = IMAGE_TABLE.find((r) => r.id === applied.rowId);
  if (!row) return { launch: { ...input, tokens }, formula: null };

  const applies = formulaApplies(hd, applied, tokens);
  const imageDefaults: ImageDefaultApplied[] = input.imageDefaults.map((d, i) => (i === index ? { ...d, applies } : d));
  if (!applies) return { launch: { ...input, tokens, imageDefaults }, formula: null };

  const formula = computeFormula(hd, row, tokens, ctx, input.image?.ref.tag ?? null);
  const synthetic: JvmToken[] = formula.options.map((text) => ({
    text,
    origin: 'command-line',
    span: null,
    source: { kind: 'image-default', variable: null, rowId: row.id },
    via: [],
    kind: 'option',
  }));
  const at = insertionIndex(tokens, row);
  return {
    launch: { ...input, tokens: [...tokens.slice(0, at), ...synthetic, ...tokens.slice(at)], imageDefaults },
    formula,
  };
}

/**
 * Whether the script computes the heap. detect.ts counts a heap option from any source; Elasticsearch looks only at
 * its own command line (jvm.options and ES_JAVA_OPTS: a JAVA_TOOL_OPTIONS `-Xmx` has origin "environment", not
 * "command line", so the formula still runs and its `-Xmx` wins over it). Cassandra: as detect.ts says (it is
 * skipped only when MAX_HEAP_SIZE is set).
 */
function formulaApplies(hd: FormulaDefault, applied: ImageDefaultApplied, tokens: JvmToken[]): boolean {
  if (hd.formula === 'elasticsearch') {
    return !tokens.some((t) => t.origin === 'command-line' && t.source.kind !== 'image-default' && USER_HEAP.test(t.text));
  }
  return applied.applies;
}

/** Where the script's options go: after the parts that come before it, before the rest and `_JAVA_OPTIONS`. */
function insertionIndex(tokens: JvmToken[], row: ImageRow): number {
  // Cassandra puts -Xms/-Xmx where MAX_HEAP_SIZE would go (before JVM_EXTRA_OPTS); Elasticsearch appends its heap
  // options after all user options.
  const templatePart = row.parts.findIndex((p) => p.template !== undefined);
  const partAt = templatePart >= 0 ? templatePart : row.parts.length;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.origin === '_JAVA_OPTIONS') return i;
    const variable = t.source.kind === 'script' || t.source.kind === 'image-default' ? t.source.variable : null;
    if (variable !== null && t.origin === 'command-line') {
      const p = row.parts.findIndex((part) => part.variable === variable);
      if (p > partAt) return i;
    }
  }
  return tokens.length;
}

/** Elasticsearch 9.3+ subtracts the CLI process's 100 MiB first (PR #139138; also 8.19 backport, patch unknown). */
function elasticsearchOverhead(tag: string | null): bigint {
  const v = tagVersion(tag);
  // A tag without a version is the newest release.
  if (v === null) return 100n * MiB;
  const [major = 0, minor = 0] = v;
  return major > 9 || (major === 9 && minor >= 3) ? 100n * MiB : 0n;
}

/** The last `-D<name>=<bytes>` on the user's command line, as a byte count. */
function sysprop(tokens: JvmToken[], name: string): bigint | null {
  let found: bigint | null = null;
  const re = new RegExp(`^-D${name.replace(/\./g, '\\.')}=([0-9]+)$`);
  for (const t of tokens) {
    if (t.origin !== 'command-line') continue;
    const m = re.exec(t.text);
    if (m) found = BigInt(m[1]);
  }
  return found;
}

function fmtMiB(b: bigint): string {
  if (b % (1024n * MiB) === 0n) return `${b / (1024n * MiB)} GiB`;
  if (b % MiB === 0n) return `${b / MiB} MiB`;
  return `${(Number(b) / Number(MiB)).toFixed(1)} MiB`;
}

function computeFormula(hd: FormulaDefault, row: ImageRow, tokens: JvmToken[], ctx: ImageDefaultsContext, tag: string | null): ImageHeapFormula {
  const node = ctx.nodeMemoryBytes > 0n ? ctx.nodeMemoryBytes : 0n;
  const limit = ctx.limitBytes;
  if (hd.formula === 'elasticsearch') {
    const override = sysprop(tokens, 'es.total_memory_bytes');
    const limited = limit !== null && limit > 0n && limit < node;
    const basis: ImageHeapFormula['memoryBasis'] = override !== null ? 'es.total_memory_bytes' : limited ? 'container limit' : 'node memory';
    const total = override ?? (limited ? (limit as bigint) : node);
    const overhead = sysprop(tokens, 'es.total_memory_overhead_bytes') ?? elasticsearchOverhead(tag);
    const memory = total > overhead ? total - overhead : 0n;
    const heapMb = elasticsearchHeapMb(Number(memory));
    const rule =
      memory < 1024n * MiB
        ? heapMb === 128 && Number(memory) * 0.4 < 128 * 1024 * 1024
          ? 'the 128 MiB minimum (40 % would be less)'
          : '40 % (below 1 GiB)'
        : heapMb === 31 * 1024
          ? 'the 31 GiB maximum'
          : '50 %';
    const of = `${basis === 'es.total_memory_bytes' ? '`es.total_memory_bytes`' : `the ${basis}`} ${fmtMiB(total)}${
      overhead > 0n ? ` less ${fmtMiB(overhead)} for its CLI process` : ''
    }`;
    return {
      rowId: row.id,
      formula: 'elasticsearch',
      product: 'Elasticsearch',
      memoryBytes: memory,
      memoryBasis: basis,
      overheadBytes: overhead,
      heapMb,
      options: [`-Xms${heapMb}m`, `-Xmx${heapMb}m`],
      explanation: `Elasticsearch sets \`-Xms${heapMb}m -Xmx${heapMb}m\`: ${rule} of ${of} (data node role assumed)`,
      source: row.source,
    };
  }
  // Cassandra: `free -m` inside a container shows the node's memory, not the limit.
  const systemMb = Number(node / MiB);
  const heapMb = cassandraHeapMb(systemMb);
  const half = Math.min(Math.floor(systemMb / 2), 1024);
  const quarter = Math.min(Math.floor(Math.floor(systemMb / 2) / 2), 8192);
  return {
    rowId: row.id,
    formula: 'cassandra',
    product: 'Cassandra',
    memoryBytes: node,
    memoryBasis: 'node memory',
    overheadBytes: 0n,
    heapMb,
    options: [`-Xms${heapMb}M`, `-Xmx${heapMb}M`],
    explanation:
      `cassandra-env.sh sets \`-Xms${heapMb}M -Xmx${heapMb}M\` from \`free -m\` = ${systemMb} MiB, the node's memory ` +
      `(not the container limit): max(min(½ RAM, 1024) = ${half}, min(¼ RAM, 8192) = ${quarter})`,
    source: row.source,
  };
}

// JVM option tokenising, parsing and validation: what HotSpot does with a list of options before it sizes
// the heap, and which options make it refuse to start. Pure computation; no YAML, no Dockerfiles.
//
// Sources (read from the stored HotSpot trees; REFERENCE.md §2.3):
//   JDK 17/18  src/hotspot/share/runtime/arguments.cpp  (atojulong, parse_argument, set_numeric_flag,
//              set_fp_numeric_flag, parse_each_vm_init_arg, parse_options_buffer)
//   JDK 8      openjdk/jdk8u-dev hotspot/src/share/vm/runtime/arguments.cpp @247b66ab (atomull, parse_argument)
//   JDK 17     src/hotspot/share/gc/shared/gcArguments.cpp initialize_heap_flags_and_sizes (heap errors)
// Every message below is the text the JVM prints; values measured with OpenJDK 17.0.15
// (reference-data/jvm_precedence.csv and the live test).
import { formatJvmSize } from '../bytes';

const K = 1024n;
const M = K * K;
const G = M * K;
const T = G * K;
const U64_MAX = (1n << 64n) - 1n;

/**
 * HotSpot `Arguments::atojulong` (JDK 9+; JDK 8's `atomull` accepts the same strings): an unsigned decimal
 * integer, or `0x`/`0X` hexadecimal, then at most one of `k K m M g G t T` (binary multipliers). Anything else
 * — a fraction (`1.5g`), a two-letter unit (`1gb`), a sign, a space, an empty string — is invalid.
 * Returns null when the JVM rejects the text or the value overflows 64 bits.
 */
export function parseJvmSize(text: string): bigint | null {
  // "First char must be a digit. Don't allow negative numbers or leading spaces." (arguments.cpp atojulong)
  if (!/^[0-9]/.test(text)) return null;
  const isHex = /^0[xX]/.test(text);
  // strtoull reads the longest run of digits of the base; for hex after the 0x prefix.
  const m = isHex ? /^0[xX]([0-9a-fA-F]*)/.exec(text)! : /^([0-9]*)/.exec(text)!;
  let n: bigint;
  let rest: string;
  if (isHex && m[1] === '') {
    // strtoull("0x") parses the leading "0" and stops at "x": the remainder "x" is an unknown unit.
    n = 0n;
    rest = text.slice(1);
  } else {
    n = isHex ? BigInt('0x' + m[1]) : BigInt(m[1]);
    rest = text.slice(m[0].length);
  }
  // strtoull sets ERANGE above 2^64-1.
  if (n > U64_MAX) return null;
  if (rest.length > 1) return null;
  let mult = 1n;
  switch (rest) {
    case '':
      break;
    case 't':
    case 'T':
      mult = T;
      break;
    case 'g':
    case 'G':
      mult = G;
      break;
    case 'm':
    case 'M':
      mult = M;
      break;
    case 'k':
    case 'K':
      mult = K;
      break;
    default:
      return null;
  }
  const v = n * mult;
  // atojulong checks `*result / unit != n` to catch the multiplication overflowing.
  return v > U64_MAX ? null : v;
}

// ------------------------------------------------------------------------------------------------
// Tokenising

export interface OptionToken {
  /** The option as the JVM receives it: quotes removed. */
  text: string;
  /** The source text of the token, quotes included. */
  raw: string;
  /** Offsets of `raw` in the caller's coordinates (`baseOffset` + index into the string). */
  start: number;
  end: number;
  /** Set when the token opens a quote that is never closed: the JVM refuses the whole variable. */
  unmatchedQuote?: true;
}

// C `isspace` in the "C" locale: space, \t, \n, \v, \f, \r.
const isCSpace = (c: string): boolean => c === ' ' || (c >= '\t' && c <= '\r');

/**
 * Splits an options string the way HotSpot splits `JAVA_TOOL_OPTIONS` and `_JAVA_OPTIONS`
 * (`Arguments::parse_options_buffer`, JDK 8 through 26): tokens are runs of non-whitespace; a single or double
 * quote starts a quoted part that runs to the matching quote and may hold spaces; the quotes themselves are
 * dropped (`-Dx="a b"` → `-Dx=a b`). An unmatched quote makes the JVM print "Unmatched quote in <VAR>" and not
 * start; that token is marked `unmatchedQuote`. The `java` launcher splits `JDK_JAVA_OPTIONS` with the same quoting
 * (measured on 17: `-Dfoo="a b"` gives `a b`; an open quote gives "Error: Unmatched quote in environment variable
 * JDK_JAVA_OPTIONS").
 */
export function tokenizeOptions(text: string, baseOffset = 0): OptionToken[] {
  const tokens: OptionToken[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isCSpace(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    let value = '';
    let unmatched = false;
    while (i < text.length && !isCSpace(text[i])) {
      const c = text[i];
      if (c === "'" || c === '"') {
        const close = text.indexOf(c, i + 1);
        if (close < 0) {
          value += text.slice(i + 1);
          i = text.length;
          unmatched = true;
          break;
        }
        value += text.slice(i + 1, close);
        i = close + 1;
      } else {
        value += c;
        i++;
      }
    }
    const tok: OptionToken = { text: value, raw: text.slice(start, i), start: baseOffset + start, end: baseOffset + i };
    if (unmatched) tok.unmatchedQuote = true;
    tokens.push(tok);
  }
  return tokens;
}

// ------------------------------------------------------------------------------------------------
// Interpreting

/** Where an option came from; decides `FLAG_IS_CMDLINE` (HotSpot gives env-var options origin ENVIRON_VAR). */
export type OptionOrigin = 'JAVA_TOOL_OPTIONS' | 'JDK_JAVA_OPTIONS' | 'command-line' | '_JAVA_OPTIONS';

/** What interpretOptions needs of a token; any other fields (ranges, documents) pass through untouched. */
export interface InputToken {
  text: string;
  origin?: OptionOrigin;
  unmatchedQuote?: boolean;
}

/** The JDK an option list is checked against. `major: null` means unknown: treated as 17 (DEFAULT_OPTIONS.jvm.defaultJdk). */
export interface JdkVersion {
  major: number | null;
  update?: number | null;
  openj9?: boolean;
}

export type GcName = 'Serial' | 'Parallel' | 'G1' | 'Z' | 'Shenandoah' | 'ConcMarkSweep' | 'Epsilon';

export interface FlagSetting<V> {
  value: V;
  /** Index (in the tokens given) of the token that set it — the last one, as the last wins. */
  index: number;
  /** The spelling that set it, e.g. `Xmx` or `MaxHeapSize`. */
  via: string;
  /** HotSpot `FLAG_IS_CMDLINE`: set by -X options always, by -XX options unless they came from an env var. */
  cmdline: boolean;
}

export type ProblemCode =
  | 'invalid-size'
  | 'improper-value'
  | 'out-of-range'
  | 'jdk8-integer-double'
  | 'unrecognized'
  | 'openj9-only'
  | 'experimental-locked'
  | 'unmatched-quote'
  | 'multiple-gcs'
  | 'initial-exceeds-max'
  | 'min-exceeds-max'
  | 'too-small-heap'
  | 'too-small-initial-heap'
  | 'too-small-stack';

export interface OptionEdit {
  /** Token index to rewrite. */
  index: number;
  /** The new option text; null removes the token. */
  replacement: string | null;
}

export interface OptionProblem<Tok> {
  code: ProblemCode;
  /** The rule that reports it (DESIGN.md rule ids). */
  ruleId: 'jvm-unrecognized-option' | 'jvm-initial-heap-exceeds-max';
  /** Index of the offending token. */
  index: number;
  token: Tok;
  /** Another token involved (e.g. the `-Xmx` an `-Xms` exceeds). */
  relatedIndex?: number;
  /** The line the JVM prints, word for word. */
  message: string;
  /** A fix where one is obvious and safe (DESIGN.md "Quick fixes": remove obsolete option, `75` → `75.0`, swap). */
  fix?: { title: string; edits: OptionEdit[] };
}

export interface JvmSettings<Tok extends InputToken = InputToken> {
  tokens: Tok[];
  jdk: { major: number; update: number | null };
  maxHeapSize?: FlagSetting<bigint>;
  initialHeapSize?: FlagSetting<bigint>;
  minHeapSize?: FlagSetting<bigint>;
  maxRAMPercentage?: FlagSetting<number>;
  minRAMPercentage?: FlagSetting<number>;
  initialRAMPercentage?: FlagSetting<number>;
  maxRAMFraction?: FlagSetting<bigint>;
  minRAMFraction?: FlagSetting<bigint>;
  initialRAMFraction?: FlagSetting<bigint>;
  maxRAM?: FlagSetting<bigint>;
  ergoHeapSizeLimit?: FlagSetting<bigint>;
  useContainerSupport?: FlagSetting<boolean>;
  useCompressedOops?: FlagSetting<boolean>;
  useCGroupMemoryLimitForHeap?: FlagSetting<boolean>;
  /** The collector explicitly selected (exactly one `+Use…GC` left on), else undefined (ergonomic choice). */
  gc?: FlagSetting<GcName>;
  activeProcessorCount?: FlagSetting<number>;
  alwaysActAsServerClassMachine?: FlagSetting<boolean>;
  neverActAsServerClassMachine?: FlagSetting<boolean>;
  /** Thread stack size in bytes (`-Xss` bytes; `-XX:ThreadStackSize` is in KiB and converted). */
  threadStackSize?: FlagSetting<bigint>;
  maxMetaspaceSize?: FlagSetting<bigint>;
  reservedCodeCacheSize?: FlagSetting<bigint>;
  maxDirectMemorySize?: FlagSetting<bigint>;
  tieredCompilation?: FlagSetting<boolean>;
  tieredStopAtLevel?: FlagSetting<number>;
  unlockExperimentalVMOptions: boolean;
  /**
   * The ReservedCodeCacheSize the JVM would use: the explicit value, else 240 MiB (segmented, tiered), or 48 MiB
   * when `-XX:-TieredCompilation` or `TieredStopAtLevel` < 4 (C1 or C2 alone; measured JDK 17, REFERENCE §3).
   * JDK 8 also uses 240 MiB with tiered (default on since 8) and 48 MiB without.
   */
  reservedCodeCacheBytes: bigint;
  problems: Array<OptionProblem<Tok>>;
}

type Bool = 'UseContainerSupport' | 'UseCompressedOops' | 'UseCGroupMemoryLimitForHeap' | 'AlwaysActAsServerClassMachine'
  | 'NeverActAsServerClassMachine' | 'TieredCompilation' | 'UnlockExperimentalVMOptions';

const GC_FLAGS: Record<string, GcName> = {
  UseSerialGC: 'Serial',
  UseParallelGC: 'Parallel',
  UseParallelOldGC: 'Parallel',
  UseG1GC: 'G1',
  UseZGC: 'Z',
  UseShenandoahGC: 'Shenandoah',
  UseConcMarkSweepGC: 'ConcMarkSweep',
  UseEpsilonGC: 'Epsilon',
};

const DOUBLE_FLAGS = ['MaxRAMPercentage', 'MinRAMPercentage', 'InitialRAMPercentage'] as const;
type DoubleFlag = (typeof DOUBLE_FLAGS)[number];
const FRACTION_FLAGS = ['MaxRAMFraction', 'MinRAMFraction', 'InitialRAMFraction'] as const;
type FractionFlag = (typeof FRACTION_FLAGS)[number];
const SIZE_FLAGS = ['MaxRAM', 'ErgoHeapSizeLimit', 'MaxMetaspaceSize', 'ReservedCodeCacheSize', 'MaxDirectMemorySize',
  'InitialHeapSize', 'MinHeapSize', 'ThreadStackSize'] as const;
type SizeFlag = (typeof SIZE_FLAGS)[number];

const lowerFirst = (s: string): string => s[0].toLowerCase() + s.slice(1);

/** Is `name` a flag this JDK knows at all? Only flags whose history we know are ever reported unknown. */
function flagAvailability(name: string, jdk: { major: number; update: number | null }): 'ok' | 'unrecognized' | 'experimental' {
  const { major, update } = jdk;
  switch (name) {
    // Container support and the percentage flags: JDK 10 (JDK-8146115, JDK-8186248), backported to 8u191.
    // JDK 9 never had them. With an unknown 8 update we cannot tell: say nothing.
    case 'UseContainerSupport':
    case 'MaxRAMPercentage':
    case 'MinRAMPercentage':
    case 'InitialRAMPercentage':
    case 'ActiveProcessorCount':
      if (major === 9) return 'unrecognized';
      if (major === 8 && update !== null && update < 191) return 'unrecognized';
      return 'ok';
    // Experimental in 8u131+ and 9–10 (JDK-8170888), gone from JDK 11 (REFERENCE §2.3; measured on 17: P17, P18).
    case 'UseCGroupMemoryLimitForHeap':
      if (major >= 11) return 'unrecognized';
      if (major === 8 && update !== null && update < 131) return 'unrecognized';
      return 'experimental';
    // -XX:MinHeapSize arrived in JDK 13 (JDK-8223837).
    case 'MinHeapSize':
      return major < 13 ? 'unrecognized' : 'ok';
    // Removed in JDK 14 (JEP 363); measured "Unrecognized VM option 'UseConcMarkSweepGC'" on 17.
    case 'UseConcMarkSweepGC':
      return major >= 14 ? 'unrecognized' : 'ok';
    // PermGen flags: obsolete ("Ignoring option") from 8, expired in 17 (measured "Unrecognized" on 17).
    case 'MaxPermSize':
    case 'PermSize':
      return major >= 17 ? 'unrecognized' : 'ok';
    // AggressiveOpts: obsolete in 12, expired by 17 (measured "Unrecognized" on 17).
    case 'AggressiveOpts':
      return major >= 17 ? 'unrecognized' : 'ok';
    // ZGC: JDK 11 experimental, product in 15 (JEP 377).
    case 'UseZGC':
      if (major < 11) return 'unrecognized';
      return major < 15 ? 'experimental' : 'ok';
    default:
      return 'ok';
  }
}

/**
 * Options of Eclipse OpenJ9 (IBM Semeru, IBM Java) that HotSpot does not know: on a HotSpot JDK the JVM prints the
 * message and exits 1 ("Error: Could not create the Java Virtual Machine."). Only options measured are listed:
 * `java <option> -version` on OpenJDK 17.0.15 (HotSpot), exit code 1 for every row, message on stderr. Unknown `-X`
 * options get "Unrecognized option: <option>", unknown `-XX` flags "Unrecognized VM option '<name or name=value>'";
 * `-Xmns`/`-Xmnx` start with HotSpot's own `-Xmn`, so HotSpot reads the rest as a size and refuses it.
 * `-XX:+IgnoreUnrecognizedVMOptions` makes HotSpot skip all of them (measured; see interpretOptions).
 * OpenJ9 pages (eclipse.dev/openj9/docs/…) cited per row; values measured are in the comment.
 */
const OPENJ9_X_OPTIONS: ReadonlyArray<{ test: RegExp; doc: string; message?: (text: string) => string }> = [
  // xtune: -Xtune:virtualized, :footprint, :quickstart, :throughput, :bogus all measured.
  { test: /^-Xtune:/, doc: 'xtune' },
  { test: /^-Xquickstart$/, doc: 'xquickstart' },
  // xshareclasses: -Xshareclasses, :none, :name=app, :name=x,cacheDir=/tmp/scc measured.
  { test: /^-Xshareclasses(:|$)/, doc: 'xshareclasses' },
  { test: /^-Xscmx[0-9]/, doc: 'xscmx' }, // -Xscmx64m, -Xscmx16m
  // xgcpolicy: gencon, balanced, optthruput, optavgpause, metronome, nogc measured; -Xgc:concurrentScavenge too.
  { test: /^-Xgcpolicy:/, doc: 'xgcpolicy' },
  { test: /^-Xgc:/, doc: 'xgcpolicy' },
  { test: /^-X(no)?jit(:|$)/, doc: 'xjit' }, // -Xjit, -Xjit:count=10, -Xjit:verbose,vlog=…, -Xnojit
  { test: /^-X(no)?aot(:|$)/, doc: 'xaot' }, // -Xaot, -Xaot:forceaot, -Xnoaot
  { test: /^-Xsoftmx[0-9]/, doc: 'xsoftmx' }, // -Xsoftmx512m, -Xsoftmx2g
  { test: /^-Xcodecachetotal[0-9]/, doc: 'xcodecachetotal' }, // -Xcodecachetotal128m
  { test: /^-Xmo[sx]?[0-9]/, doc: 'xmo' }, // -Xmo64m, -Xmos64m, -Xmox64m
  { test: /^-X(no)?compressedrefs$/, doc: 'xcompressedrefs' },
  // xmn: HotSpot parses `-Xmn` + "s64m": "Invalid initial young generation size: -Xmns64m" (also -Xmnx64m).
  { test: /^-Xmn[sx][0-9]/, doc: 'xmn', message: (t) => `Invalid initial young generation size: ${t}` },
];

/** OpenJ9 `-XX` flags HotSpot does not know (each measured on 17.0.15, `+`, `-` and `=value` forms as listed). */
const OPENJ9_XX_FLAGS: ReadonlyMap<string, string> = new Map([
  ['IdleTuningGcOnIdle', 'xxidletuninggconidle'], // +/-
  ['IdleTuningCompactOnIdle', 'xxidletuningcompactonidle'], // +/-
  ['IdleTuningMinIdleWaitTime', 'xxidletuningminidlewaittime'], // =180, =0
  ['IdleTuningMinFreeHeapOnIdle', 'xxidletuningminfreeheaponidle'], // =10
  ['SharedCacheHardLimit', 'xxsharedcachehardlimit'], // =64m
  ['ShareOrphans', 'xxshareorphans'], // +
  ['MergeCompilerOptions', 'xxmergecompileroptions'], // +
  ['OriginalJDK8HeapSizeCompatibilityMode', 'xxoriginaljdk8heapsizecompatibilitymode'], // +
]);

/** The OpenJ9 documentation page of an OpenJ9-only option, or null when the option is not one we measured. */
export function openj9OnlyOption(text: string): { doc: string; hotspotMessage: string } | null {
  const xx = /^-XX:([+-]?)([A-Za-z0-9_]+)(=.*)?$/s.exec(text);
  if (xx) {
    const doc = OPENJ9_XX_FLAGS.get(xx[2]);
    if (!doc || (xx[1] !== '') === (xx[3] !== undefined)) return null;
    return { doc: `https://eclipse.dev/openj9/docs/${doc}/`, hotspotMessage: `Unrecognized VM option '${text.slice(xx[1] ? 5 : 4)}'` };
  }
  const row = OPENJ9_X_OPTIONS.find((r) => r.test.test(text));
  if (!row) return null;
  return { doc: `https://eclipse.dev/openj9/docs/${row.doc}/`, hotspotMessage: row.message ? row.message(text) : `Unrecognized option: ${text}` };
}

/** The flags whose (possibly locked) message we report; others pass unvalidated. */
const REMOVABLE = new Set(['UseCGroupMemoryLimitForHeap', 'UseConcMarkSweepGC', 'MaxPermSize', 'PermSize', 'AggressiveOpts']);

type NumParse = { ok: true; value: number } | { ok: false; reason: 'improper' | 'jdk8-integer' };

/**
 * How `-XX:<double flag>=<value>` is read (arguments.cpp `parse_argument`). First a floating-point shape:
 * `[-0-9]+ "." <rest>` where rest is `[0-9eE+-]+` on JDK 9+ (`[0-9]+` on 8), checked by `strtod`. Otherwise an
 * integer shape `[-kmgtxKMGTX0-9a-fA-F]+` goes to `set_numeric_flag`, which on JDK 9+ refuses a leading `-` for a
 * double and otherwise converts `atojulong`'s value (so `50`, `0050`, even `0x32` mean 50.0; `1e1`, `+50`, `.5`,
 * `5.` are refused — all measured on 17). JDK 8's `set_numeric_flag` has no double case: `50` is refused.
 */
function parseDoubleFlagValue(value: string, major: number): NumParse {
  const fpShape = major >= 9 ? /^[-0-9]+\.[0-9eE+-]+$/ : /^[-0-9]+\.[0-9]+$/;
  if (fpShape.test(value)) {
    const v = strtodFull(value);
    return v === null ? { ok: false, reason: 'improper' } : { ok: true, value: v };
  }
  const intShape = major >= 9 ? /^[-kmgtxKMGTX0-9a-fA-F]+$/ : /^[-kmgtKMGT0-9]+$/;
  if (!intShape.test(value)) return { ok: false, reason: 'improper' };
  if (major < 9) return parseJvmSize(value) !== null ? { ok: false, reason: 'jdk8-integer' } : { ok: false, reason: 'improper' };
  if (value.startsWith('-')) return { ok: false, reason: 'improper' };
  const n = parseJvmSize(value);
  return n === null ? { ok: false, reason: 'improper' } : { ok: true, value: Number(n) };
}

/** C `strtod` over the whole string (the shapes reaching it are decimal only); null when not all is consumed. */
function strtodFull(s: string): number | null {
  // The shape already guarantees [-0-9]+.[0-9eE+-]+; JS Number() and strtod agree on well-formed decimals.
  const m = /^-?[0-9]*\.[0-9]*([eE][+-]?[0-9]+)?$/.exec(s);
  if (!m) return null;
  // A second '-' inside the integer part ("1-2.0") is not a number for strtod either.
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/** Integer-valued -XX flags (sizes, fractions, counts): `set_numeric_flag` with `atojulong` (JDK 8: no hex). */
function parseUnsignedFlagValue(value: string, major: number): bigint | null {
  const intShape = major >= 9 ? /^[-kmgtxKMGTX0-9a-fA-F]+$/ : /^[-kmgtKMGT0-9]+$/;
  if (!intShape.test(value)) return null;
  if (value.startsWith('-')) return null; // unsigned flags refuse a sign
  return parseJvmSize(value);
}

function fmtDouble(v: number): string {
  return v.toFixed(6);
}

/**
 * Reads a list of JVM options in the order the JVM reads them (JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, command
 * line, _JAVA_OPTIONS — the caller concatenates) into the settings that decide memory, last one wins per flag,
 * and lists the options this JDK would refuse to start with. Options that are not JVM options (`-jar`, the main
 * class, `-cp x`) must not be passed. Never throws.
 */
export function interpretOptions<Tok extends InputToken>(tokens: readonly Tok[], jdk: JdkVersion): JvmSettings<Tok> {
  const major = jdk.major ?? 17;
  const update = jdk.update ?? null;
  const version = { major, update };
  const s: JvmSettings<Tok> = {
    tokens: [...tokens],
    jdk: version,
    unlockExperimentalVMOptions: false,
    reservedCodeCacheBytes: 240n * M,
    problems: [],
  };
  const problem = (p: Omit<OptionProblem<Tok>, 'token' | 'ruleId'> & { ruleId?: OptionProblem<Tok>['ruleId'] }): void => {
    s.problems.push({ ruleId: 'jvm-unrecognized-option', ...p, token: tokens[p.index] });
  };
  // The unlock flag only matters as a whole (HotSpot checks it when the locked flag is set; in practice users
  // place it first). Treat it as order-independent.
  s.unlockExperimentalVMOptions = tokens.some((t) => t.text === '-XX:+UnlockExperimentalVMOptions');
  const gcState = new Map<GcName, { on: boolean; index: number; via: string; cmdline: boolean }>();
  const lockedPending: Array<{ name: string; index: number }> = [];

  tokens.forEach((tok, index) => {
    const text = tok.text;
    const cmdlineXX = tok.origin !== 'JAVA_TOOL_OPTIONS' && tok.origin !== '_JAVA_OPTIONS';
    if (tok.unmatchedQuote) {
      const where = tok.origin ?? 'the options';
      problem({
        code: 'unmatched-quote',
        index,
        message: tok.origin === 'JDK_JAVA_OPTIONS' ? 'Error: Unmatched quote in environment variable JDK_JAVA_OPTIONS' : `Unmatched quote in ${where}`,
      });
      return;
    }
    // An OpenJ9-only option (OPENJ9_X_OPTIONS / OPENJ9_XX_FLAGS): fine on OpenJ9, refused by HotSpot.
    const j9 = openj9OnlyOption(text);
    if (j9) {
      if (!jdk.openj9) {
        problem({
          code: 'openj9-only',
          index,
          message: j9.hotspotMessage,
          fix: { title: `Remove \`${text}\` (an Eclipse OpenJ9 option)`, edits: [{ index, replacement: null }] },
        });
      }
      return;
    }
    // -Xmx and -XX:MaxHeapSize= share one branch with minimum 1 (arguments.cpp parse_each_vm_init_arg).
    let tail = matchPrefix(text, '-Xmx') ?? matchPrefix(text, '-XX:MaxHeapSize=');
    if (tail !== null) {
      const v = parseJvmSize(tail);
      if (v === null || v < 1n) {
        problem({ code: 'invalid-size', index, message: `Invalid maximum heap size: ${text}` });
      } else {
        s.maxHeapSize = { value: v, index, via: text.startsWith('-Xmx') ? 'Xmx' : 'MaxHeapSize', cmdline: true };
      }
      return;
    }
    tail = matchPrefix(text, '-Xms');
    if (tail !== null) {
      // "an initial heap size of 0 means automatically determine"; sets MinHeapSize and InitialHeapSize.
      const v = parseJvmSize(tail);
      if (v === null) {
        problem({ code: 'invalid-size', index, message: `Invalid initial heap size: ${text}` });
      } else {
        s.initialHeapSize = { value: v, index, via: 'Xms', cmdline: true };
        if (major >= 13) s.minHeapSize = { value: v, index, via: 'Xms', cmdline: true };
      }
      return;
    }
    tail = matchPrefix(text, '-Xss');
    if (tail !== null) {
      const v = parseJvmSize(tail);
      if (v === null || v > 1n * G) {
        problem({ code: 'invalid-size', index, message: `Invalid thread stack size: ${text}` });
      } else {
        // ThreadStackSize is kept in KiB, rounded up to 4 KiB (arguments.cpp parse_xss).
        const rounded = ((v + 4095n) / 4096n) * 4096n;
        s.threadStackSize = { value: rounded, index, via: 'Xss', cmdline: true };
      }
      return;
    }
    tail = matchPrefix(text, '-XX:');
    if (tail === null) return; // -D, -javaagent, -verbose…: not memory sizing
    if (tail.startsWith('+') || tail.startsWith('-')) {
      const on = tail[0] === '+';
      const name = tail.slice(1);
      if (!/^[A-Za-z0-9_]+$/.test(name)) return;
      const avail = flagAvailability(name, version);
      if (avail === 'unrecognized') {
        problem({
          code: 'unrecognized',
          index,
          message: `Unrecognized VM option '${name}'`,
          fix: REMOVABLE.has(name) ? { title: `Remove \`${text}\``, edits: [{ index, replacement: null }] } : undefined,
        });
        return;
      }
      if (avail === 'experimental' && !s.unlockExperimentalVMOptions) {
        lockedPending.push({ name, index });
      }
      const gc = GC_FLAGS[name];
      if (gc) {
        gcState.set(gc, { on, index, via: name, cmdline: cmdlineXX });
        return;
      }
      const bool = name as Bool;
      const set = (key: keyof JvmSettings<Tok>): void => {
        (s as unknown as Record<string, unknown>)[key] = { value: on, index, via: name, cmdline: cmdlineXX } satisfies FlagSetting<boolean>;
      };
      switch (bool) {
        case 'UseContainerSupport':
        case 'UseCompressedOops':
        case 'UseCGroupMemoryLimitForHeap':
        case 'AlwaysActAsServerClassMachine':
        case 'NeverActAsServerClassMachine':
        case 'TieredCompilation':
          set(lowerFirst(bool) as keyof JvmSettings<Tok>);
          break;
        default:
          break;
      }
      return;
    }
    const eq = tail.indexOf('=');
    if (eq <= 0) return;
    const name = tail.slice(0, eq);
    const value = tail.slice(eq + 1);
    if (!/^[A-Za-z0-9_]+$/.test(name)) return;
    const avail = flagAvailability(name, version);
    if (avail === 'unrecognized') {
      problem({
        code: 'unrecognized',
        index,
        message: `Unrecognized VM option '${tail}'`,
        fix: REMOVABLE.has(name) ? { title: `Remove \`${text}\``, edits: [{ index, replacement: null }] } : undefined,
      });
      return;
    }
    const improper = (extra?: Partial<OptionProblem<Tok>>): void =>
      problem({ code: 'improper-value', index, message: `Improperly specified VM option '${tail}'`, ...extra });

    if ((DOUBLE_FLAGS as readonly string[]).includes(name)) {
      const r = parseDoubleFlagValue(value, major);
      if (!r.ok) {
        if (r.reason === 'jdk8-integer') {
          const fixed = `${String(parseJvmSize(value))}.0`;
          improper({
            code: 'jdk8-integer-double',
            fix: { title: `Write \`${name}=${fixed}\` (JDK 8 needs a decimal point)`, edits: [{ index, replacement: `-XX:${name}=${fixed}` }] },
          });
        } else {
          const pct = /^([0-9]+(?:\.[0-9]+)?)%$/.exec(value);
          improper(pct && Number(pct[1]) <= 100
            ? { fix: { title: `Write \`${name}=${withDecimal(pct[1])}\``, edits: [{ index, replacement: `-XX:${name}=${withDecimal(pct[1])}` }] } }
            : undefined);
        }
        return;
      }
      // JDK 9+ flag range 0..100 (gc_globals.hpp `range(0.0, 100.0)`); JDK 8 had no range checks.
      if (major >= 9 && (r.value < 0 || r.value > 100)) {
        problem({
          code: 'out-of-range',
          index,
          message: `double ${name}=${fmtDouble(r.value)} is outside the allowed range [ 0.000000 ... 100.000000 ]`,
        });
        return;
      }
      const key = lowerFirst(name) as `${Uncapitalize<DoubleFlag>}`;
      s[key] = { value: r.value, index, via: name, cmdline: cmdlineXX };
      return;
    }
    if ((FRACTION_FLAGS as readonly string[]).includes(name)) {
      const v = parseUnsignedFlagValue(value, major);
      if (v === null) return improper();
      // range(1, max_uintx) since JDK 9 (measured: "uintx MaxRAMFraction=0 is outside the allowed range", P60).
      if (v === 0n && major >= 9) {
        problem({ code: 'out-of-range', index, message: `uintx ${name}=0 is outside the allowed range [ 1 ... 18446744073709551615 ]` });
        return;
      }
      const key = lowerFirst(name) as `${Uncapitalize<FractionFlag>}`;
      s[key] = { value: v, index, via: name, cmdline: cmdlineXX };
      return;
    }
    if ((SIZE_FLAGS as readonly string[]).includes(name)) {
      const v = parseUnsignedFlagValue(value, major);
      if (v === null) return improper();
      const n = name as SizeFlag;
      if (n === 'ThreadStackSize') {
        // -XX:ThreadStackSize is in KiB (globals.hpp), so `=512` is 512 KiB and `=1m` is 1 GiB.
        s.threadStackSize = { value: v * K, index, via: n, cmdline: cmdlineXX };
      } else {
        const key = lowerFirst(n) as `${Uncapitalize<Exclude<SizeFlag, 'ThreadStackSize'>>}`;
        s[key] = { value: v, index, via: n, cmdline: cmdlineXX };
      }
      return;
    }
    if (name === 'ActiveProcessorCount') {
      // An int flag: set_numeric_flag accepts a sign for ints; -1 means "not set" (the default).
      const neg = value.startsWith('-');
      const v = parseUnsignedFlagValue(neg ? value.slice(1) : value, major);
      if (v === null) return improper();
      const n = neg ? -Number(v) : Number(v);
      if (n >= 1) s.activeProcessorCount = { value: n, index, via: name, cmdline: cmdlineXX };
      else delete s.activeProcessorCount;
      return;
    }
    if (name === 'TieredStopAtLevel') {
      const v = parseUnsignedFlagValue(value, major);
      if (v === null) return improper();
      s.tieredStopAtLevel = { value: Number(v), index, via: name, cmdline: cmdlineXX };
      return;
    }
  });

  // -XX:+IgnoreUnrecognizedVMOptions (the last -XX:±IgnoreUnrecognizedVMOptions wins, wherever it stands and whatever
  // variable it comes from) makes HotSpot skip unknown options: measured on 17.0.15 with -Xtune:virtualized,
  // -XX:+IdleTuningGcOnIdle, -XX:+UseCGroupMemoryLimitForHeap, -XX:+UseConcMarkSweepGC, -XX:MaxPermSize=256m (all
  // exit 0), placed before or after them and in JAVA_TOOL_OPTIONS. Malformed values stay fatal (-Xmx1.5g,
  // MaxRAMPercentage=75%, -Xmns64m: exit 1).
  const ignore = [...tokens].reverse().find((t) => /^-XX:[+-]IgnoreUnrecognizedVMOptions$/.test(t.text));
  if (ignore?.text.startsWith('-XX:+')) {
    s.problems = s.problems.filter((p) => p.code !== 'unrecognized' && !(p.code === 'openj9-only' && p.message.startsWith('Unrecognized')));
  }

  // Locked experimental flags: JDK 9+ prints this message; JDK 8 prints the same words.
  for (const l of lockedPending) {
    problem({
      code: 'experimental-locked',
      index: l.index,
      message: `VM option '${l.name}' is experimental and must be enabled via -XX:+UnlockExperimentalVMOptions.`,
      fix: l.name === 'UseCGroupMemoryLimitForHeap' ? { title: `Remove \`${tokens[l.index].text}\``, edits: [{ index: l.index, replacement: null }] } : undefined,
    });
  }

  // GC selection: one collector may be switched on. JDK 10+ GCConfig: "Multiple garbage collectors selected";
  // JDK 8 check_gc_consistency: "Conflicting collector combinations in option list; …" (UseParallelOldGC and
  // UseParallelGC count as one family).
  const selected = [...gcState.entries()].filter(([, st]) => st.on);
  if (selected.length > 1) {
    const last = selected.reduce((a, b) => (a[1].index > b[1].index ? a : b));
    problem({
      code: 'multiple-gcs',
      index: last[1].index,
      message: major >= 10 ? 'Multiple garbage collectors selected'
        : 'Conflicting collector combinations in option list; please refer to the release notes for the combinations allowed',
    });
  } else if (selected.length === 1) {
    const [gc, st] = selected[0];
    s.gc = { value: gc, index: st.index, via: st.via, cmdline: st.cmdline };
  }

  // Code cache default: 240 MiB with tiered compilation, 48 MiB with only one compiler (compilerDefinitions.cpp;
  // measured on 17: -XX:-TieredCompilation and TieredStopAtLevel=1 both give 50331648).
  const tieredOff = s.tieredCompilation?.value === false || (s.tieredStopAtLevel !== undefined && s.tieredStopAtLevel.value < 4);
  s.reservedCodeCacheBytes = s.reservedCodeCacheSize?.value ?? (tieredOff ? 48n * M : 240n * M);

  // Heap consistency (GCArguments::initialize_heap_flags_and_sizes, JDK 13+; same checks in 8/11 collectorPolicy).
  const mx = s.maxHeapSize;
  const ms = s.initialHeapSize;
  if (mx && ms && ms.cmdline && ms.value > mx.value) {
    problem({
      code: 'initial-exceeds-max',
      ruleId: 'jvm-initial-heap-exceeds-max',
      index: ms.index,
      relatedIndex: mx.index,
      message: 'Initial heap size set to a larger value than the maximum heap size',
      fix: swapFix(tokens, ms, mx),
    });
  } else if (mx && s.minHeapSize && s.minHeapSize.cmdline && s.minHeapSize.value > mx.value) {
    problem({
      code: 'min-exceeds-max',
      ruleId: 'jvm-initial-heap-exceeds-max',
      index: s.minHeapSize.index,
      relatedIndex: mx.index,
      message: 'Incompatible minimum and maximum heap sizes specified',
    });
  } else if (mx && mx.value < 2n * M) {
    problem({ code: 'too-small-heap', index: mx.index, message: 'Too small maximum heap' });
  } else if (ms && ms.value !== 0n && ms.value < M) {
    problem({ code: 'too-small-initial-heap', index: ms.index, message: 'Too small initial heap' });
  }
  // The stack minimum is platform- and version-dependent; 136k is the measured JDK 17 linux-x64 value
  // (`-Xss100` → this message, exit 1). 0 means "the OS default" and is accepted.
  const ss = s.threadStackSize;
  if (major >= 17 && ss && ss.value !== 0n && ss.value < 136n * K) {
    problem({ code: 'too-small-stack', index: ss.index, message: 'The Java thread stack size specified is too small. Specify at least 136k' });
  }
  return s;
}

function withDecimal(n: string): string {
  return n.includes('.') ? n : `${n}.0`;
}

function matchPrefix(text: string, prefix: string): string | null {
  return text.startsWith(prefix) ? text.slice(prefix.length) : null;
}

/** Swap the two sizes, keeping each option's spelling (`-Xms2g -Xmx1g` → `-Xms1g -Xmx2g`). */
function swapFix<Tok extends InputToken>(tokens: readonly Tok[], ms: FlagSetting<bigint>, mx: FlagSetting<bigint>): OptionProblem<Tok>['fix'] {
  const spell = (tokText: string, bytes: bigint): string | null => {
    const p = /^(-Xms|-Xmx|-XX:MaxHeapSize=|-XX:InitialHeapSize=)/.exec(tokText);
    return p ? p[1] + formatJvmSize(bytes) : null;
  };
  const a = spell(tokens[ms.index].text, mx.value);
  const b = spell(tokens[mx.index].text, ms.value);
  if (a === null || b === null) return undefined;
  return { title: 'Swap the initial and maximum heap sizes', edits: [{ index: ms.index, replacement: a }, { index: mx.index, replacement: b }] };
}

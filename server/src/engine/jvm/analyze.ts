// One JVM, analysed: the launch as detected (detect.ts), its options interpreted for the detected JDK
// (options.ts), the heap HotSpot will choose against the container limit (ergonomics.ts) and the non-heap
// budget beside it (budget.ts). Kubernetes containers, compose services and Dockerfile images all come here
// through a LaunchSpec; rules and presenters read the result and never recompute.
import type { Options } from '../options';
import { type Budget, type BudgetInputs, budgetInputsFromOptions, computeBudget } from './budget';
import { detectJvm, type JvmLaunch, type JvmToken } from './detect';
import { computeHeap, type HeapInput, type HeapResult } from './ergonomics';
import { applyImageDefaults, type ImageHeapFormula } from './image-defaults';
import type { LaunchSpec } from './launch';
import { type InputToken, interpretOptions, type JvmSettings } from './options';
import { legacyJdkStatus, type LegacyJdkStatus } from './jdk';
import { GiB, MiB } from '../bytes';

export interface JvmContext {
  /** The container memory limit in bytes; null when there is none (or, in an image, not known yet). */
  limitBytes: bigint | null;
  /** The container CPU limit in millicores, null when none: the JVM then sees `nodeCpus`. */
  cpuLimitMilli: bigint | null;
  nodeMemoryBytes: bigint;
  options: Options;
  /** The analysed text, so detection can check that token spans read verbatim. */
  text: string;
  /** Also compute the heap at common limits (an image, whose limit is set where it runs). */
  commonLimits?: boolean;
}

/** The heap (and heap + budget) at one memory limit: the table an image's hover shows. */
export interface HeapAtLimit {
  label: string;
  bytes: bigint;
  heap: HeapResult;
  budget: Budget | null;
}

/** Common memory limits for the image table. */
export const COMMON_LIMITS: ReadonlyArray<{ label: string; bytes: bigint }> = [
  { label: '256Mi', bytes: 256n * MiB },
  { label: '512Mi', bytes: 512n * MiB },
  { label: '1Gi', bytes: GiB },
  { label: '2Gi', bytes: 2n * GiB },
  { label: '4Gi', bytes: 4n * GiB },
  { label: '8Gi', bytes: 8n * GiB },
];

export interface JvmAnalysis {
  launch: JvmLaunch;
  settings: JvmSettings<JvmToken>;
  /** The JDK major the numbers are for (detected, or `jvm.defaultJdk` assumed: see launch.jdk.source). */
  jdkMajor: number;
  limitBytes: bigint | null;
  /** CPUs the JVM sees (the CPU limit rounded up, else nodeCpus; -XX:ActiveProcessorCount is applied by ergonomics). */
  cpus: number;
  heapInput: HeapInput;
  /** Null when the heap cannot be modelled (OpenJ9 sizes its heap its own way). */
  heap: HeapResult | null;
  budgetInputs: BudgetInputs;
  budget: Budget | null;
  /** The token that decided the max heap (`-Xmx…`, `-XX:MaxRAMPercentage=…`), null for the JVM's default. */
  heapToken: JvmToken | null;
  /**
   * The heap an image's start script computed (Elasticsearch, Cassandra: image-defaults.ts), whose `-Xms/-Xmx` are
   * in `launch.tokens` (source `image-default`, no span); null or absent when none applies.
   */
  imageHeap?: ImageHeapFormula | null;
  /**
   * The heap if the option variables whose reach cannot be seen (launch.uncertainVariables: an image not in the
   * table, a custom start script) did reach the JVM on its command line; null when none holds an option or the
   * heap would be the same. Presenters show it beside the heap, which assumes they are not read.
   */
  ifUncertainRead?: { variables: string[]; heap: HeapResult; settings: JvmSettings<JvmToken>; budget: Budget } | null;
  /** Whether this JDK honours a container limit on cgroup v1 and v2 nodes (REFERENCE §6.2). */
  containerAwareness: LegacyJdkStatus;
  /** The heap at common limits, when asked for (JvmContext `commonLimits`); null otherwise. */
  atCommonLimits: HeapAtLimit[] | null;
  /** What threw inside the model (an image formula): recorded, the rest of the analysis stands. */
  failures: Array<{ where: string; error: unknown }>;
}

/** CPUs a container sees: its CPU limit rounded up to whole CPUs (CFS quota / period), else `nodeCpus`. */
export function visibleCpus(cpuLimitMilli: bigint | null, nodeCpus: number): number {
  if (cpuLimitMilli === null || cpuLimitMilli <= 0n) return nodeCpus;
  return Number((cpuLimitMilli + 999n) / 1000n);
}

export function analyzeJvm(launch: LaunchSpec, ctx: JvmContext): JvmAnalysis | null {
  const detected = detectJvm(launch, { defaultJdk: ctx.options.jvm.defaultJdk, text: ctx.text });
  if (!detected) return null;
  return analyzeDetected(detected, ctx);
}

export function analyzeDetected(detected: JvmLaunch, ctx: JvmContext): JvmAnalysis {
  const failures: JvmAnalysis['failures'] = [];
  // A start script that sizes the heap by formula puts real -Xms/-Xmx options on the command line.
  const { launch, formula, failure } = applyImageDefaults(detected, { limitBytes: ctx.limitBytes, nodeMemoryBytes: ctx.nodeMemoryBytes });
  if (failure !== undefined) failures.push({ where: 'image heap formula', error: failure });
  const jdkMajor = launch.jdk.major;
  const settings = interpretOptions(launch.tokens, { major: jdkMajor, update: launch.jdk.update, openj9: launch.jdk.openj9 });
  const cpus = visibleCpus(ctx.cpuLimitMilli, ctx.options.nodeCpus);
  const heapInput: HeapInput = {
    settings,
    limitBytes: ctx.limitBytes,
    nodeMemoryBytes: ctx.nodeMemoryBytes,
    cpus,
    jdkMajor,
    jdkUpdate: launch.jdk.update,
  };
  const heap = launch.vm === 'openj9' ? null : computeHeap(heapInput);
  const budgetInputs = budgetInputsFromOptions(ctx.options.jvm, settings);
  const budget = heap ? computeBudget(heap.maxHeapBytes, budgetInputs) : null;
  return {
    launch,
    settings,
    jdkMajor,
    limitBytes: ctx.limitBytes,
    cpus,
    heapInput,
    heap,
    budgetInputs,
    budget,
    heapToken: heap ? decidingToken(settings, heap) : null,
    imageHeap: formula,
    ifUncertainRead: heap ? uncertainHeap(launch, heapInput, heap, ctx) : null,
    containerAwareness: legacyJdkStatus(launch.jdk.fromImage ?? { major: jdkMajor, update: launch.jdk.update, openj9: launch.jdk.openj9 }),
    atCommonLimits: ctx.commonLimits && heap ? commonLimitRows(launch, heapInput, budgetInputs) : null,
    failures,
  };
}

/** The heap at each of COMMON_LIMITS (an image's table: its limit is set where it runs). */
export function commonLimitRows(launch: JvmLaunch, heapInput: HeapInput, budgetInputs: BudgetInputs | null): HeapAtLimit[] {
  return COMMON_LIMITS.map((l) => ({ ...l, ...heapAtLimit(launch, heapInput, budgetInputs, l.bytes) }));
}

/** The heap (and whether heap + budget fits) at one limit, start-script formulas included. */
export function heapAtLimit(launch: JvmLaunch, heapInput: HeapInput, budgetInputs: BudgetInputs | null, limitBytes: bigint): { heap: HeapResult; budget: Budget | null } {
  let settings: JvmSettings<InputToken> = heapInput.settings;
  if (launch.imageDefaults.some((d) => d.heapDefault.kind === 'formula')) {
    const applied = applyImageDefaults(launch, { limitBytes, nodeMemoryBytes: heapInput.nodeMemoryBytes });
    settings = interpretOptions(applied.launch.tokens, { major: heapInput.jdkMajor, update: launch.jdk.update, openj9: launch.jdk.openj9 });
  }
  const heap = computeHeap({ ...heapInput, settings, limitBytes });
  const budget = budgetInputs ? computeBudget(heap.maxHeapBytes, { ...budgetInputs, settings }) : null;
  return { heap, budget };
}

/** The heap with the uncertain variables' options on the command line (before `_JAVA_OPTIONS`), when it differs. */
function uncertainHeap(launch: JvmLaunch, input: HeapInput, heap: HeapResult, ctx: JvmContext): JvmAnalysis['ifUncertainRead'] {
  const extra = launch.uncertainVariables.filter((u) => u.tokens.length > 0);
  if (extra.length === 0) return null;
  const at = launch.tokens.findIndex((t) => t.origin === '_JAVA_OPTIONS');
  const cut = at < 0 ? launch.tokens.length : at;
  const tokens = [...launch.tokens.slice(0, cut), ...extra.flatMap((u) => u.tokens), ...launch.tokens.slice(cut)];
  const settings = interpretOptions(tokens, { major: input.jdkMajor, update: launch.jdk.update, openj9: launch.jdk.openj9 });
  const alt = computeHeap({ ...input, settings });
  if (alt.maxHeapBytes === heap.maxHeapBytes && settings.problems.length === input.settings.problems.length) return null;
  const budget = computeBudget(alt.maxHeapBytes, budgetInputsFromOptions(ctx.options.jvm, settings));
  return { variables: extra.map((u) => u.name), heap: alt, settings, budget };
}

function decidingToken(settings: JvmSettings<JvmToken>, heap: HeapResult): JvmToken | null {
  const setting =
    heap.heapSource === 'Xmx' || heap.heapSource === 'MaxHeapSize'
      ? settings.maxHeapSize
      : heap.heapSource === 'Xms'
        ? settings.initialHeapSize
        : heap.heapSource === 'MaxRAMPercentage'
          ? settings.maxRAMPercentage
          : heap.heapSource === 'MaxRAMFraction'
            ? settings.maxRAMFraction
            : heap.heapSource === 'MaxRAM'
              ? settings.maxRAM
              : heap.heapSource === 'MinRAMPercentage'
                ? settings.minRAMPercentage
                : undefined;
  return setting && setting.index >= 0 ? (settings.tokens[setting.index] ?? null) : null;
}

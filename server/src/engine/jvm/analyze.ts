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
import { interpretOptions, type JvmSettings } from './options';

export interface JvmContext {
  /** The container memory limit in bytes; null when there is none (or, in an image, not known yet). */
  limitBytes: bigint | null;
  /** The container CPU limit in millicores, null when none: the JVM then sees `nodeCpus`. */
  cpuLimitMilli: bigint | null;
  nodeMemoryBytes: bigint;
  options: Options;
  /** The analysed text, so detection can check that token spans read verbatim. */
  text: string;
}

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
  // A start script that sizes the heap by formula puts real -Xms/-Xmx options on the command line.
  const { launch, formula } = applyImageDefaults(detected, { limitBytes: ctx.limitBytes, nodeMemoryBytes: ctx.nodeMemoryBytes });
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
  };
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

/**
 * A JVM the rules check, whatever file it lives in: a Kubernetes container, a compose service or a Dockerfile's
 * final stage. The builder of each kind says how to change its memory limit, so JVM rules stay file-agnostic.
 */
export interface JvmSubject {
  /**
   * `image` (a Dockerfile's final stage): the limit is not known here — it is set where the image runs — so
   * rules about the limit (exceeds, no headroom, no memory limit) skip it; analysis.limitBytes is null for it.
   */
  kind: 'container' | 'compose-service' | 'image';
  /** Container, service or stage name, for messages. */
  name: string;
  analysis: JvmAnalysis;
  /** Where findings without an option token go (the container's `name:` value, the service key, the FROM line). */
  anchor: import('../types').Range;
  /** The memory limit as written (`2Gi`, `1g`), for messages; null when there is none. */
  limitText: string | null;
  /**
   * Edits that set the memory limit to `bytes` (and the request too where the QoS class needs it), or null when
   * this subject's limit cannot be edited here (an image: the limit is set where it runs).
   */
  setMemoryLimit(bytes: bigint): import('../types').TextEdit[] | null;
  /** The Kubernetes container, for rules that need its model (null for other kinds). */
  container?: import('../k8s/model').ContainerModel;
  /** The image (or compose `build:`) that links a Dockerfile of another file: the JVM hover goes there too. */
  linkSpan?: import('./launch').Span | null;
}

// HotSpot heap ergonomics: what MaxHeapSize / InitialHeapSize / MinHeapSize a JVM ends up with, from its
// options, the container limit, the node's memory and CPUs. Exact to the byte for JDK 17 (checked against every
// row of reference-data/jvm_grid*.csv and a live JVM); JDK 8/11/26 differences from their sources.
//
// Sources (REFERENCE.md §2.1–2.3):
//   JDK 17  runtime/arguments.cpp Arguments::set_heap_size, set_use_compressed_oops, max_heap_for_compressed_oops
//   JDK 17  gc/shared/gcArguments.cpp initialize_heap_flags_and_sizes (alignment, Xms raising max)
//   JDK 17  gc/g1/heapRegion.cpp setup_heap_region_size (round_up_power_of_2 since JDK 15, JDK-8241670)
//   JDK 8   openjdk/jdk8u-dev hotspot/src/share/vm/runtime/arguments.cpp @247b66ab set_heap_size
//   JDK 17  runtime/os.cpp is_server_class_machine; gc/shared/gcConfig.cpp select_gc_ergonomically
import type { GcName, JvmSettings, InputToken } from './options';
import { legacyJdkStatus } from './jdk';
import { formatBytesExact } from '../bytes';

const K = 1024n;
const M = K * K;
const G = M * K;

/** `MaxHeapSize` default = ScaleForWordSize(96M) on 64-bit: the floor of the ergonomic max (gc_globals.hpp). */
export const DEFAULT_MAX_HEAP_SIZE = 130_862_280n;
/** OldSize + NewSize defaults (ScaleForWordSize(4M) + ScaleForWordSize(1M)): `reasonable_minimum`. */
const REASONABLE_MINIMUM = 5_452_592n + 1_363_144n;
/** `MaxRAM` default on x86_64 (c2_globals_x86.hpp), removed in JDK 26 (JDK-8369346). */
const DEFAULT_MAX_RAM = 128n * G;
const HEAP_BASE_MIN_ADDRESS = 2n * G;
/** OopEncodingHeapMax with the default 8-byte object alignment: 2^32 × 8. */
const OOP_ENCODING_HEAP_MAX = 32n * G;
/** os::is_server_class_machine: 2 GiB less 256 MiB "missing" memory. */
const SERVER_CLASS_MEMORY = 2n * G - 256n * M;

export type HeapSource = 'Xmx' | 'MaxHeapSize' | 'Xms' | 'MaxRAMPercentage' | 'MaxRAMFraction' | 'MaxRAM' | 'MinRAMPercentage' | 'default';

export interface HeapInput {
  settings: JvmSettings<InputToken>;
  /** The container memory limit; null when there is none. */
  limitBytes: bigint | null;
  /** Node (host) memory: what the JVM sees without a honoured limit. */
  nodeMemoryBytes: bigint;
  /** CPUs the container sees (`-XX:ActiveProcessorCount` overrides it). */
  cpus: number;
  jdkMajor: number;
  /** Update release when known; decides container support for 8 and 11 (REFERENCE §6.2). */
  jdkUpdate?: number | null;
  /** The node's cgroup version; default 2 (the default on current distributions). */
  cgroupVersion?: 1 | 2;
}

export interface HeapResult {
  maxHeapBytes: bigint;
  initialHeapBytes: bigint;
  minHeapBytes: bigint;
  heapSource: HeapSource;
  /** What `os::physical_memory()` returns: the honoured limit, else node memory. `-XX:MaxRAM` does not change it. */
  physicalMemoryBytes: bigint;
  /** P: the memory the percentages apply to (MaxRAM, or physical memory capped at the MaxRAM default). */
  ramBasisBytes: bigint;
  gc: GcName;
  /** True when the collector came from ergonomics (not a `-XX:+Use…GC` flag). */
  gcErgonomic: boolean;
  heapAlignment: bigint;
  compressedOops: boolean;
  /** Whether the container limit was used (false: no limit, limit ≥ node memory, support off, or a legacy JDK). */
  containerLimitUsed: boolean;
  /**
   * `Runtime.maxMemory()` — also the default `MaxDirectMemorySize`. Serial and Parallel leave one survivor space
   * out (measured on 17: `-Xmx512m` → Serial 518979584, Parallel 477626368; G1 536870912 = MaxHeapSize).
   */
  maxMemoryBytes: bigint;
  /** False when maxMemoryBytes could not be modelled (young generation tuned by hand) and equals the max heap. */
  maxMemoryModelled: boolean;
  /** Max heap as a percentage of the container limit, one decimal; undefined without a limit. */
  percentUsed?: number;
  /** A start-up failure that depends on the ergonomic outcome (e.g. G1 with a 2 MiB heap), as the JVM prints it. */
  fatal: string | null;
  /** Human-readable computation, one line per step, with the numbers (for hovers). */
  steps: string[];
}

const alignUp = (v: bigint, a: bigint): bigint => ((v + a - 1n) / a) * a;
const alignDown = (v: bigint, a: bigint): bigint => (v / a) * a;
const maxB = (...v: bigint[]): bigint => v.reduce((a, b) => (b > a ? b : a));
const minB = (...v: bigint[]): bigint => v.reduce((a, b) => (b < a ? b : a));

/** `(julong)((phys_mem * pct) / 100)`: julong → double, multiply, divide, truncate — as C does. */
function pctOf(p: bigint, pct: number): bigint {
  const v = (Number(p) * pct) / 100;
  if (!Number.isFinite(v) || v <= 0) return 0n;
  return BigInt(Math.trunc(v));
}

function floorPow2(v: bigint): bigint {
  let p = 1n;
  while (p * 2n <= v) p *= 2n;
  return p;
}
function ceilPow2(v: bigint): bigint {
  let p = 1n;
  while (p < v) p *= 2n;
  return p;
}

/** G1 region size (heapRegion.cpp setup_heap_region_size): target 2048 regions, 1–32 MiB, a power of two. */
function g1RegionSize(maxHeap: bigint, initialHeap: bigint, jdkMajor: number): bigint {
  // JDK 15+ (JDK-8241670): from MaxHeapSize, rounded up. Before: from the average of initial and max, rounded down.
  const basis = jdkMajor >= 15 ? maxHeap : (initialHeap + maxHeap) / 2n;
  const raw = maxB(basis / 2048n, M);
  const pow = jdkMajor >= 15 ? ceilPow2(raw) : floorPow2(raw);
  return minB(maxB(pow, M), 32n * M);
}

/** Shenandoah region size (shenandoahHeapRegion.cpp setup_sizes): max/2048 in 256 KiB–32 MiB, rounded down to 2^n. Not measured. */
function shenandoahRegionSize(maxHeap: bigint): bigint {
  const raw = minB(maxB(maxHeap / 2048n, 256n * K), 32n * M);
  return floorPow2(raw);
}

/**
 * `_conservative_max_heap_alignment`: the largest alignment the collector may impose, which pads the null page
 * in the compressed-oops limit. G1 and Shenandoah: their maximum region size, 32 MiB (measured on 17: P51 caps at
 * 32 GiB − 32 MiB − 2 GiB). G1's maximum region size grew to 512 MiB in JDK 18 — from memory of the JDK 18 change,
 * not re-read or measured here (REFERENCE §5 lists it open). Card-table collectors: 512 B cards × 4 KiB pages = 2 MiB.
 */
function conservativeAlignment(gc: GcName, jdkMajor: number): bigint {
  if (gc === 'G1') return jdkMajor >= 18 ? 512n * M : 32n * M;
  if (gc === 'Shenandoah') return 32n * M;
  return 2n * M;
}

/** Collectors with compressed oops support (ZGC has none: measured `UseCompressedOops false` with ZGC on 17). */
const supportsCoops = (gc: GcName): boolean => gc !== 'Z';

function isServerClass(s: HeapInput['settings'], cpus: number, physical: bigint): boolean {
  if (s.neverActAsServerClassMachine?.value) return false;
  if (s.alwaysActAsServerClassMachine?.value) return true;
  return cpus >= 2 && physical >= SERVER_CLASS_MEMORY;
}

/** The young-generation flags that change Runtime.maxMemory for Serial/Parallel. */
const YOUNG_TUNING = /^-(Xmn|XX:(NewRatio|NewSize|MaxNewSize|SurvivorRatio|MinSurvivorRatio|InitialSurvivorRatio)=|XX:[+-]UseAdaptiveSizePolicy$)/;

/**
 * Computes the heap the JVM would choose. Never throws; odd inputs (no memory) give the JVM's floors.
 */
export function computeHeap(input: HeapInput): HeapResult {
  const s = input.settings;
  const major = input.jdkMajor;
  const steps: string[] = [];
  const node = input.nodeMemoryBytes > 0n ? input.nodeMemoryBytes : 0n;
  const cpus = s.activeProcessorCount?.value ?? input.cpus;
  if (s.activeProcessorCount) steps.push(`CPUs: ${cpus} (-XX:ActiveProcessorCount)`);

  // --- os::physical_memory(): the container limit when the JVM reads it and it is below host memory.
  const cgroupVersion = input.cgroupVersion ?? 2;
  const legacy = legacyJdkStatus({ major, update: input.jdkUpdate ?? null, openj9: false });
  const jdkHonours = (cgroupVersion === 2 ? legacy.honoursV2 : legacy.honoursV1) ?? true; // unknown build: assume it does
  const supportOff = s.useContainerSupport?.value === false;
  const limit = input.limitBytes;
  let physical = node;
  let containerLimitUsed = false;
  if (limit === null || limit <= 0n) {
    steps.push(`No memory limit: the JVM sees node memory ${formatBytesExact(node)}`);
  } else if (supportOff) {
    steps.push(`-XX:-UseContainerSupport: the JVM ignores the limit and sees node memory ${formatBytesExact(node)}`);
  } else if (!jdkHonours) {
    steps.push(`${legacy.reason}: the JVM sees node memory ${formatBytesExact(node)}`);
  } else if (limit >= node) {
    steps.push(`Limit ${formatBytesExact(limit)} ≥ node memory: counts as unlimited, the JVM sees ${formatBytesExact(node)}`);
  } else {
    physical = limit;
    containerLimitUsed = true;
    steps.push(`Physical memory = container limit ${formatBytesExact(limit)}`);
  }

  // --- Collector (GCConfig::select_gc): explicit flag, else G1 (Parallel on 8) on a server-class machine, else Serial.
  let gc: GcName;
  let gcErgonomic = false;
  if (s.gc) {
    gc = s.gc.value;
    steps.push(`GC: ${gc} (-XX:+${s.gc.via})`);
  } else {
    gcErgonomic = true;
    const server = isServerClass(s, cpus, physical);
    gc = server ? (major >= 9 ? 'G1' : 'Parallel') : 'Serial';
    steps.push(
      server
        ? `GC: ${gc} (server-class: ${cpus} CPUs ≥ 2 and ${formatBytesExact(physical)} ≥ 1792 MiB${s.alwaysActAsServerClassMachine?.value ? ', forced' : ''})`
        : `GC: Serial (not server-class: ${cpus} CPU${cpus === 1 ? '' : 's'}, ${formatBytesExact(physical)}; needs ≥ 2 CPUs and ≥ 1792 MiB)`,
    );
  }

  // --- P, the RAM basis (set_heap_size).
  const overrideCoopLimit = major >= 13 && Boolean(
    s.maxRAMPercentage || s.maxRAMFraction || s.minRAMPercentage || s.minRAMFraction || s.initialRAMPercentage || s.initialRAMFraction || s.maxRAM,
  );
  let P: bigint;
  if (s.maxRAM) {
    P = s.maxRAM.value;
    steps.push(`RAM basis = -XX:MaxRAM ${formatBytesExact(P)} (MaxRAM does not change the physical memory the GC choice sees)`);
  } else if (overrideCoopLimit || major >= 26) {
    P = physical;
    steps.push(`RAM basis = physical memory ${formatBytesExact(P)}${major >= 26 ? '' : ' (a RAM flag is set: no 128 GiB MaxRAM cap)'}`);
  } else {
    P = minB(physical, DEFAULT_MAX_RAM);
    steps.push(P < physical ? `RAM basis = MaxRAM default 128 GiB (physical memory ${formatBytesExact(physical)} is larger)` : `RAM basis = ${formatBytesExact(P)}`);
  }
  // JDK 8u131+/9/10 experimental cgroup v1 flag: MaxRAM-like min(cgroup limit, P) for the heap only.
  if (s.useCGroupMemoryLimitForHeap?.value && major <= 10 && s.unlockExperimentalVMOptions && cgroupVersion === 1 && limit !== null && limit > 0n && limit < P) {
    P = limit;
    steps.push(`-XX:+UseCGroupMemoryLimitForHeap: RAM basis = cgroup limit ${formatBytesExact(P)}`);
  }

  // --- Percentages; the deprecated fractions convert only when the matching percentage is default.
  const pctFrom = (
    pct: JvmSettings['maxRAMPercentage'],
    frac: JvmSettings['maxRAMFraction'],
    def: number,
  ): { value: number; via: 'percentage' | 'fraction' | 'default' } => {
    if (pct) return { value: pct.value, via: 'percentage' };
    if (frac && frac.value > 0n) return { value: 100 / Number(frac.value), via: 'fraction' };
    return { value: def, via: 'default' };
  };
  const maxPct = pctFrom(s.maxRAMPercentage, s.maxRAMFraction, 25);
  const minPct = pctFrom(s.minRAMPercentage, s.minRAMFraction, 50);
  const initPct = pctFrom(s.initialRAMPercentage, s.initialRAMFraction, 1.5625);

  // --- Compressed oops, as set_use_compressed_oops decides before the heap is sized.
  const explicitMax = s.maxHeapSize;
  const explicitInit = s.initialHeapSize;
  const explicitMin = major >= 13 ? s.minHeapSize : undefined;
  const coopsMax = OOP_ENCODING_HEAP_MAX - alignUp(4n * K, conservativeAlignment(gc, major));
  let coops: boolean;
  let coopsErgo = false;
  if (!supportsCoops(gc)) coops = false;
  else if (s.useCompressedOops) coops = s.useCompressedOops.value;
  else {
    const probe = maxB(explicitMax?.value ?? DEFAULT_MAX_HEAP_SIZE, explicitInit?.value ?? 0n, explicitMin?.value ?? 0n);
    coops = probe <= coopsMax;
    coopsErgo = coops;
  }

  // --- Max heap.
  let maxHeap: bigint;
  let heapSource: HeapSource;
  if (explicitMax) {
    maxHeap = explicitMax.value;
    heapSource = explicitMax.via === 'Xmx' ? 'Xmx' : 'MaxHeapSize';
    steps.push(`Max heap = -${explicitMax.via === 'Xmx' ? 'Xmx' : 'XX:MaxHeapSize='} ${formatBytesExact(maxHeap)}`);
  } else {
    const reasonableMax = pctOf(P, maxPct.value);
    const reasonableMin = pctOf(P, minPct.value);
    if (reasonableMin < DEFAULT_MAX_HEAP_SIZE) {
      maxHeap = reasonableMin;
      heapSource = 'MinRAMPercentage';
      steps.push(
        `Small memory: MinRAMPercentage ${minPct.value}% of ${formatBytesExact(P)} = ${formatBytesExact(reasonableMin)} is below 124.8 MiB, so it is the max heap (MaxRAMPercentage is ignored)`,
      );
    } else if (reasonableMax < DEFAULT_MAX_HEAP_SIZE) {
      maxHeap = DEFAULT_MAX_HEAP_SIZE;
      heapSource = 'default';
      steps.push(`MaxRAMPercentage ${maxPct.value}% of ${formatBytesExact(P)} = ${formatBytesExact(reasonableMax)}, raised to the 124.8 MiB floor`);
    } else {
      maxHeap = reasonableMax;
      heapSource = maxPct.via === 'percentage' ? 'MaxRAMPercentage' : maxPct.via === 'fraction' ? 'MaxRAMFraction' : s.maxRAM ? 'MaxRAM' : 'default';
      steps.push(`Max heap = MaxRAMPercentage ${maxPct.value}%${maxPct.via === 'fraction' ? ` (MaxRAMFraction=${s.maxRAMFraction?.value})` : ''} of ${formatBytesExact(P)} = ${formatBytesExact(maxHeap)}`);
    }
    if (s.ergoHeapSizeLimit && s.ergoHeapSizeLimit.value !== 0n && s.ergoHeapSizeLimit.value < maxHeap) {
      maxHeap = s.ergoHeapSizeLimit.value;
      steps.push(`Capped by -XX:ErgoHeapSizeLimit ${formatBytesExact(maxHeap)}`);
    }
    if (coops) {
      let cap = coopsMax;
      // "Heap should be above HeapBaseMinAddress to get zero based compressed oops" (default MaxHeapSize here).
      if (HEAP_BASE_MIN_ADDRESS + DEFAULT_MAX_HEAP_SIZE < cap) cap -= HEAP_BASE_MIN_ADDRESS;
      if (maxHeap > cap) {
        if (coopsErgo && overrideCoopLimit) {
          coops = false;
          steps.push(`Above the compressed-oops limit ${formatBytesExact(cap)} with a RAM flag set: compressed oops turned off, heap not capped`);
        } else {
          maxHeap = cap;
          steps.push(`Capped at the compressed-oops limit ${formatBytesExact(cap)}`);
        }
      }
    }
    if (explicitInit && explicitInit.value > maxHeap) {
      maxHeap = explicitInit.value;
      heapSource = 'Xms';
      steps.push(`-${explicitInit.via === 'Xms' ? 'Xms' : 'XX:InitialHeapSize='} ${formatBytesExact(maxHeap)} is larger: it raises the max heap`);
    } else if (!explicitInit && explicitMin && explicitMin.value > maxHeap) {
      maxHeap = explicitMin.value;
      heapSource = 'Xms';
      steps.push(`-XX:MinHeapSize ${formatBytesExact(maxHeap)} is larger: it raises the max heap`);
    }
  }

  // --- Initial and minimum heap (set_heap_size, second half).
  const reasonableMinimum = minB(REASONABLE_MINIMUM, maxHeap);
  let initial: bigint;
  if (explicitInit && explicitInit.value !== 0n) {
    initial = explicitInit.value;
  } else {
    initial = maxB(pctOf(P, initPct.value), reasonableMinimum, explicitMin?.value ?? 0n);
    initial = minB(initial, maxHeap);
  }
  let minHeap = explicitMin && explicitMin.value !== 0n ? explicitMin.value : minB(reasonableMinimum, initial);

  // --- Alignment (GCArguments::initialize_heap_flags_and_sizes).
  let alignment: bigint;
  if (gc === 'G1') alignment = maxB(2n * M, g1RegionSize(maxHeap, initial, major));
  else if (gc === 'Shenandoah') alignment = shenandoahRegionSize(maxHeap);
  else alignment = 2n * M;
  const rawMax = maxHeap;
  maxHeap = alignUp(maxHeap, alignment);
  initial = alignUp(initial, alignment);
  minHeap = alignUp(minHeap, alignment);
  if (maxHeap !== rawMax) steps.push(`Aligned up to ${formatBytesExact(alignment)}${gc === 'G1' ? ' (G1 region)' : ''}: max heap ${formatBytesExact(maxHeap)}`);
  // An initial size from the environment (not FLAG_IS_CMDLINE) above -Xmx silently raises the max.
  if (explicitInit && initial > maxHeap) {
    maxHeap = initial;
    heapSource = 'Xms';
    steps.push(`Initial heap ${formatBytesExact(initial)} is above the max: it raises the max heap`);
  } else if (explicitMin && minHeap > maxHeap) {
    maxHeap = minHeap;
    if (initial < minHeap) initial = minHeap;
  }
  steps.push(`Initial heap ${formatBytesExact(initial)}${explicitInit && explicitInit.value !== 0n ? ` (-${explicitInit.via === 'Xms' ? 'Xms' : 'XX:InitialHeapSize='})` : ` (InitialRAMPercentage ${initPct.value}% of ${formatBytesExact(P)}, at least 6.5 MiB)`}`);


  // --- Runtime.maxMemory(): young generation sizes (genArguments.cpp, psYoungGen / psAdaptiveSizePolicy).
  const tuned = s.tokens.some((t) => YOUNG_TUNING.test(t.text));
  let maxMemory = maxHeap;
  let maxMemoryModelled = true;
  if ((gc === 'Serial' || gc === 'Parallel') && tuned) {
    maxMemoryModelled = false;
  } else if (gc === 'Serial') {
    // MaxNewSize = align_down(MaxHeap / (NewRatio 2 + 1), 64 KiB); one survivor = align_down(young / (SurvivorRatio 8 + 2), 64 KiB).
    const young = alignDown(maxHeap / 3n, 64n * K);
    const survivor = maxB(alignDown(young / 10n, 64n * K), 64n * K);
    maxMemory = maxHeap - survivor;
  } else if (gc === 'Parallel') {
    // Parallel's space alignment is 64K words = 512 KiB; adaptive sizing reserves young / MinSurvivorRatio (3).
    const young = alignDown(maxHeap / 3n, 512n * K);
    const survivor = maxB(alignDown(young / 3n, 512n * K), 512n * K);
    maxMemory = maxHeap - survivor;
  }

  // G1 cannot initialise with a single-digit number of regions: measured `-Xmx2m` exits 1 on 17 (P36).
  // The NewSize it names varies; the first sentence is constant.
  const fatal = gc === 'G1' && maxHeap <= 2n * M ? 'GC triggered before VM initialization completed' : null;

  const result: HeapResult = {
    maxHeapBytes: maxHeap,
    initialHeapBytes: initial,
    minHeapBytes: minHeap,
    heapSource,
    physicalMemoryBytes: physical,
    ramBasisBytes: P,
    gc,
    gcErgonomic,
    heapAlignment: alignment,
    compressedOops: coops,
    containerLimitUsed,
    maxMemoryBytes: maxMemory,
    maxMemoryModelled,
    fatal,
    steps,
  };
  if (limit !== null && limit > 0n) result.percentUsed = Number((maxHeap * 1000n) / limit) / 10;
  return result;
}

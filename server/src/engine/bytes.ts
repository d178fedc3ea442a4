// Byte units and every way OOM Lens writes a byte count: for prose (`1.5 GiB`), exactly as HotSpot computes it
// (`130862280 B (124.8 MiB)`), as a Kubernetes quantity (`1536Mi`), as a JVM option value (`768m`) and in Docker's
// units (`1536m`, where `m` is MiB: REFERENCE.md §6.1). One place, so a size reads the same on every surface.

export const KiB = 1n << 10n;
export const MiB = 1n << 20n;
export const GiB = 1n << 30n;
export const TiB = 1n << 40n;

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/** Binary suffixes of Kubernetes quantities, smallest first (apimachinery `suffix.go`). */
export const BINARY_SUFFIXES = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;

/** Rounds up to a whole MiB (a limit a fix writes must not fall below what it was computed for). */
export function ceilMi(bytes: bigint): bigint {
  return ((bytes + MiB - 1n) / MiB) * MiB;
}

/**
 * Human form with binary units and at most two decimals, trailing zeros dropped: `512 B`, `126 MiB`, `1.5 GiB`,
 * `7.75 GiB`. Rounds half up at the second decimal; never shows `1024 MiB` (that is `1 GiB`).
 */
export function formatBytes(bytes: bigint): string {
  const negative = bytes < 0n;
  const abs = negative ? -bytes : bytes;
  let unit = 0;
  while (unit < BYTE_UNITS.length - 1 && abs >= 1n << BigInt(10 * (unit + 1))) unit++;
  let hundredths = roundDiv(abs * 100n, 1n << BigInt(10 * unit));
  if (unit < BYTE_UNITS.length - 1 && hundredths >= 102400n) {
    unit++;
    hundredths = roundDiv(abs * 100n, 1n << BigInt(10 * unit));
  }
  const whole = hundredths / 100n;
  const frac = hundredths % 100n;
  let number = whole.toString();
  if (frac !== 0n) number += '.' + frac.toString().padStart(2, '0').replace(/0$/, '');
  return `${negative ? '-' : ''}${number} ${BYTE_UNITS[unit]}`;
}

function roundDiv(a: bigint, b: bigint): bigint {
  return (a + b / 2n) / b;
}

function trimNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)));
}

/**
 * Exact binary size for humans: `126 MiB`, `1.5 GiB`, `130862280 B (124.8 MiB)`. Unlike `formatBytes` (rounded to
 * two decimals, for prose), a size that is not a whole quarter of a unit is written out in bytes, so the steps of a
 * heap computation show the very numbers HotSpot uses.
 */
export function formatBytesExact(b: bigint): string {
  const abs = b < 0n ? -b : b;
  if (abs >= GiB && abs % (GiB / 4n) === 0n) return `${trimNumber(Number(b) / Number(GiB))} GiB`;
  if (abs >= MiB && abs % (MiB / 4n) === 0n) return `${trimNumber(Number(b) / Number(MiB))} MiB`;
  if (abs >= GiB) return `${b} B (${(Number(b) / Number(GiB)).toFixed(2)} GiB)`;
  if (abs >= MiB) return `${b} B (${(Number(b) / Number(MiB)).toFixed(1)} MiB)`;
  if (abs >= KiB && abs % KiB === 0n) return `${b / KiB} KiB`;
  return `${b} B`;
}

function trimFixed(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

/** A short size for tables: `96.3 MiB`, `1.53 GiB`, `512 KiB`. */
export function formatBytesShort(b: bigint): string {
  const abs = b < 0n ? -b : b;
  if (abs >= GiB) return `${trimFixed(Number(b) / Number(GiB), 2)} GiB`;
  if (abs >= MiB) return `${trimFixed(Number(b) / Number(MiB), 1)} MiB`;
  return `${trimFixed(Number(b) / Number(KiB), 1)} KiB`;
}

/** A heap size for labels: exact when it is a whole quarter of a unit (heaps are aligned, so nearly always), else short. */
export function formatHeapSize(b: bigint): string {
  const s = formatBytesExact(b);
  return s.includes(' B (') ? formatBytesShort(b) : s;
}

/** The shortest exact binary quantity for a byte count: `2Gi`, `1536Mi`, `1000Ki`, or plain bytes. */
export function bytesToQuantity(bytes: bigint): string {
  if (bytes === 0n) return '0';
  const negative = bytes < 0n;
  let n = negative ? -bytes : bytes;
  let i = 0;
  while (i < BINARY_SUFFIXES.length && n % 1024n === 0n) {
    n /= 1024n;
    i++;
  }
  return `${negative ? '-' : ''}${n}${i === 0 ? '' : BINARY_SUFFIXES[i - 1]}`;
}

/** Rounds up to a whole Mi first (for fixes that must not go below a value): 1.2 MiB → `2Mi`, 2 GiB → `2Gi`. */
export function bytesToQuantityCeilMi(bytes: bigint): string {
  const mi = bytes <= 0n ? bytes / MiB : (bytes + MiB - 1n) / MiB;
  return bytesToQuantity(mi * MiB);
}

/** Formats bytes the way a JVM user would write them, exactly (`512m`, `1g`, `1536k`, `123` bytes). */
export function formatJvmSize(bytes: bigint): string {
  if (bytes > 0n) {
    if (bytes % GiB === 0n) return `${bytes / GiB}g`;
    if (bytes % MiB === 0n) return `${bytes / MiB}m`;
    if (bytes % KiB === 0n) return `${bytes / KiB}k`;
  }
  return String(bytes);
}

/**
 * Bytes in the largest Docker unit that divides them exactly (`2g`, `1536m`, `512k`), else plain bytes. go-units
 * `RAMInBytes` reads every unit as binary and case-insensitively (REFERENCE.md §6.1).
 */
export function formatDockerSize(bytes: bigint): string {
  return formatJvmSize(bytes);
}

// The memory report: every workload (and Dockerfile image) of a set of analysed files as rows and as one
// self-contained HTML page — a table per workload, a bar per container showing heap + non-heap against the limit.
// Pure presentation: every number comes from the FileAnalysis (DESIGN.md "presenters never compute" the analysis);
// this file only adds the arithmetic of drawing (bar widths) and the comparison the bar's colour shows.
import type { FileAnalysis } from './analysis';
import { baseName } from './strings';
import type { ContainerJson, ImageJson, JvmJson, WorkloadJson } from './json-contract';
import { formatBytes } from './bytes';

/**
 * Byte values are decimal strings: the rows travel as JSON over LSP, where a number above 2^53 bytes (8 PiB, a legal
 * Kubernetes quantity such as `1E`) would silently lose precision.
 */
export type ByteString = string;

/** How heap + non-heap compare with the limit, with the rules' thresholds (DESIGN.md "Rule ids"). */
export type MemoryFit =
  /** heap + the non-heap budget fit inside the limit */
  | 'fits'
  /** heap + the non-heap budget > the limit (rule `jvm-heap-no-headroom`) */
  | 'no-headroom'
  /** max heap ≥ the limit (rule `jvm-heap-exceeds-limit`) */
  | 'heap-exceeds-limit'
  /** a workload container without a memory limit */
  | 'no-limit';

export interface MemoryBarSegment {
  kind: 'heap' | 'non-heap' | 'request';
  bytes: ByteString;
  /** Where the segment starts, in percent of the bar's width (two decimals). */
  startPercent: number;
  /** Its width in percent of the bar's width (two decimals; the widths add up to the rounded total). */
  widthPercent: number;
}

export interface MemoryBar {
  /** What the bar is measured against: the container's limit, or node memory when it has none. */
  reference: 'limit' | 'node';
  referenceBytes: ByteString;
  /** The bar's full width in bytes: the larger of the reference and the sum of the segments. */
  scaleBytes: ByteString;
  /** Where the reference mark sits, in percent of the bar's width (100 unless the segments overflow it). */
  referencePercent: number;
  segments: MemoryBarSegment[];
  /** The segments' sum in percent of the reference (may exceed 100), two decimals. */
  usedPercent: number;
}

export interface MemoryReportRow {
  uri: string;
  /** `Deployment`, `CronJob`, `ComposeService`, …; `Image` for a Dockerfile's final stage. */
  workloadKind: string;
  /** The workload's name; for an image, its base image. */
  workloadName: string | null;
  namespace: string | null;
  qosClass: WorkloadJson['qosClass'];
  /** The container's name; for an image, its stage name. */
  container: string | null;
  role: ContainerJson['role'] | 'image';
  oomScoreAdj: number | null;
  requestBytes: ByteString | null;
  limitBytes: ByteString | null;
  /** Null without a JVM, and in an image whose heap follows the limit (then `maxRamPercentage` says how). */
  heapBytes: ByteString | null;
  heapSource: string | null;
  maxRamPercentage: number | null;
  nonHeapBytes: ByteString | null;
  jdkMajor: number | null;
  /** Null where there is nothing to compare (no JVM heap against a limit, or an image). */
  fit: MemoryFit | null;
  /** Null where there is nothing to draw (no request, limit or JVM; images). */
  bar: MemoryBar | null;
}

export interface MemoryReportInput {
  uri: string;
  analysis: FileAnalysis;
}

interface ReportGroup {
  title: string;
  subtitle: string | null;
  rows: MemoryReportRow[];
}

export interface MemoryReportFile {
  uri: string;
  nodeMemoryBytes: ByteString;
  skipped: FileAnalysis['skipped'];
  groups: ReportGroup[];
}

export interface MemoryReport {
  files: MemoryReportFile[];
  rows: MemoryReportRow[];
}

/** Rows for every container of every workload, then every image, of each file, in the order given. */
export function buildMemoryReport(inputs: readonly MemoryReportInput[]): MemoryReport {
  const files: MemoryReportFile[] = [];
  const rows: MemoryReportRow[] = [];
  for (const { uri, analysis } of inputs) {
    const groups: ReportGroup[] = [];
    for (const w of analysis.workloads) {
      const groupRows = w.containers.map((c) => containerRow(uri, w, c, analysis.nodeMemoryBytes));
      groups.push({ title: `${w.kind} ${w.name ?? '(unnamed)'}`, subtitle: workloadSubtitle(w), rows: groupRows });
      rows.push(...groupRows);
    }
    for (const image of analysis.images) {
      const row = imageRow(uri, image);
      groups.push({ title: `Image ${image.baseImage ?? '(unknown base image)'}`, subtitle: imageSubtitle(image), rows: [row] });
      rows.push(row);
    }
    files.push({ uri, nodeMemoryBytes: analysis.nodeMemoryBytes.toString(), skipped: analysis.skipped, groups });
  }
  return { files, rows };
}

function containerRow(uri: string, w: WorkloadJson, c: ContainerJson, nodeMemoryBytes: bigint): MemoryReportRow {
  const jvm = c.jvm;
  return {
    uri,
    workloadKind: w.kind,
    workloadName: w.name,
    namespace: w.namespace,
    qosClass: w.qosClass,
    container: c.name,
    role: c.role,
    oomScoreAdj: c.oomScoreAdj,
    requestBytes: str(c.memoryRequestBytes),
    limitBytes: str(c.memoryLimitBytes),
    heapBytes: str(jvm?.maxHeapBytes ?? null),
    heapSource: jvm?.heapSource ?? null,
    maxRamPercentage: jvm?.maxRamPercentage ?? null,
    nonHeapBytes: str(jvm?.nonHeapEstimateBytes ?? null),
    jdkMajor: jvm?.jdkMajor ?? null,
    fit: fitOf(c.memoryLimitBytes, jvm),
    bar: barOf(c, nodeMemoryBytes),
  };
}

function imageRow(uri: string, image: ImageJson): MemoryReportRow {
  const jvm = image.jvm;
  return {
    uri,
    workloadKind: 'Image',
    workloadName: image.baseImage,
    namespace: null,
    qosClass: null,
    container: image.stage,
    role: 'image',
    oomScoreAdj: null,
    requestBytes: null,
    limitBytes: null,
    heapBytes: str(jvm?.maxHeapBytes ?? null),
    heapSource: jvm?.heapSource ?? null,
    maxRamPercentage: jvm?.maxRamPercentage ?? null,
    nonHeapBytes: str(jvm?.nonHeapEstimateBytes ?? null),
    jdkMajor: image.jdkMajor ?? jvm?.jdkMajor ?? null,
    // An image has no limit of its own: the pod that runs it decides (its rows show the fit).
    fit: null,
    bar: null,
  };
}

function fitOf(limit: bigint | null, jvm: JvmJson | null): MemoryFit | null {
  if (limit === null) return 'no-limit';
  const heap = jvm?.maxHeapBytes ?? null;
  if (heap === null) return null;
  if (heap >= limit) return 'heap-exceeds-limit';
  const nonHeap = jvm?.nonHeapEstimateBytes ?? null;
  if (nonHeap !== null && heap + nonHeap > limit) return 'no-headroom';
  return 'fits';
}

/**
 * A JVM's bar is heap + non-heap; any other container's is its request. Without a limit the bar is drawn against node
 * memory, which is what such a container may grow to (and what a JVM there sizes its heap from).
 */
function barOf(c: ContainerJson, nodeMemoryBytes: bigint): MemoryBar | null {
  const parts: Array<{ kind: MemoryBarSegment['kind']; bytes: bigint }> = [];
  const heap = c.jvm?.maxHeapBytes ?? null;
  if (heap !== null) {
    parts.push({ kind: 'heap', bytes: heap });
    const nonHeap = c.jvm?.nonHeapEstimateBytes ?? null;
    if (nonHeap !== null) parts.push({ kind: 'non-heap', bytes: nonHeap });
  } else if (c.memoryRequestBytes !== null) {
    parts.push({ kind: 'request', bytes: c.memoryRequestBytes });
  }
  if (parts.length === 0) return null;
  const reference = c.memoryLimitBytes !== null ? 'limit' : 'node';
  const referenceBytes = c.memoryLimitBytes ?? nodeMemoryBytes;
  const used = parts.reduce((n, p) => n + p.bytes, 0n);
  const scale = used > referenceBytes ? used : referenceBytes;
  if (scale <= 0n) return null;
  // Positions are rounded cumulatively, so the segments meet exactly and add up to the rounded total.
  const segments: MemoryBarSegment[] = [];
  let acc = 0n;
  for (const p of parts) {
    const start = percent(acc, scale);
    acc += p.bytes;
    const end = percent(acc, scale);
    segments.push({ kind: p.kind, bytes: p.bytes.toString(), startPercent: start, widthPercent: round2(end - start) });
  }
  return {
    reference,
    referenceBytes: referenceBytes.toString(),
    scaleBytes: scale.toString(),
    referencePercent: percent(referenceBytes, scale),
    segments,
    usedPercent: referenceBytes > 0n ? percent(used, referenceBytes) : 0,
  };
}

/** `part / whole` in percent, rounded half up to two decimals, computed exactly on the byte counts. */
function percent(part: bigint, whole: bigint): number {
  return Number((part * 10000n * 2n + whole) / (whole * 2n)) / 100;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function str(b: bigint | null): ByteString | null {
  return b === null ? null : b.toString();
}

function workloadSubtitle(w: WorkloadJson): string | null {
  const parts: string[] = [];
  if (w.kind !== 'ComposeService') parts.push(`namespace ${w.namespace ?? 'default'}`);
  if (w.qosClass) parts.push(w.qosClass);
  return parts.length ? parts.join(' · ') : null;
}

function imageSubtitle(image: ImageJson): string | null {
  const parts: string[] = [];
  if (image.stage) parts.push(`stage ${image.stage}`);
  const jdk = image.jdkMajor ?? image.jvm?.jdkMajor ?? null;
  if (jdk !== null) parts.push(`JDK ${jdk}`);
  return parts.length ? parts.join(' · ') : null;
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

export interface RenderOptions {
  /**
   * The nonce of the page's one `<style>` element. The page's Content-Security-Policy allows nothing else: no
   * scripts, no other styles, no images or fonts. Use a fresh random value per page.
   */
  nonce: string;
  /** Workspace folder URIs: a file inside one is shown by its path relative to that folder. */
  roots?: readonly string[];
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * The path a user recognises for a document URI: relative to the workspace folder that holds it, else the decoded
 * path of a `file:` URI, else the URI itself.
 */
export function displayPath(uri: string, roots: readonly string[] = []): string {
  for (const root of roots) {
    const prefix = root.endsWith('/') ? root : `${root}/`;
    if (uri.startsWith(prefix) && uri.length > prefix.length) {
      try {
        return decodeURIComponent(uri.slice(prefix.length));
      } catch {
        return uri.slice(prefix.length);
      }
    }
  }
  if (!uri.startsWith('file:')) return uri;
  try {
    return decodeURIComponent(new URL(uri).pathname).replace(/^\/([A-Za-z]:)/, '$1');
  } catch {
    return uri;
  }
}

/** One self-contained page: no external resources, no scripts; colours from the VS Code theme's CSS variables. */
export function renderMemoryReportHtml(report: MemoryReport, options: RenderOptions): string {
  const nonce = escapeHtml(options.nonce);
  const withContent = report.files.filter((f) => f.groups.length > 0);
  const empty = report.files.filter((f) => f.groups.length === 0);
  const body: string[] = [];
  body.push('<h1>OOM Lens memory report</h1>');
  body.push(`<p class="summary">${escapeHtml(summary(report))}</p>`);
  body.push(LEGEND);
  if (withContent.length === 0) {
    body.push('<p class="empty">No Kubernetes workloads, compose services or Dockerfile images in the files analysed.</p>');
  }
  for (const file of withContent) body.push(renderFile(file, options.roots));
  if (empty.length > 0) {
    const names = empty.map((f) => {
      const path = displayPath(f.uri, options.roots);
      return `<span title="${escapeHtml(path)}">${escapeHtml(baseName(path))}</span>`;
    });
    body.push(`<p class="note">Nothing to report in ${names.join(', ')}.</p>`);
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}';">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>OOM Lens memory report</title>',
    `<style nonce="${nonce}">${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Rows and page in one call: what the `oomLens/memoryReport` request answers. */
export function memoryReport(inputs: readonly MemoryReportInput[], options: RenderOptions): { html: string; rows: MemoryReportRow[] } {
  const report = buildMemoryReport(inputs);
  return { html: renderMemoryReportHtml(report, options), rows: report.rows };
}

function summary(report: MemoryReport): string {
  const workloads = report.files.reduce((n, f) => n + f.groups.filter((g) => g.rows[0]?.role !== 'image').length, 0);
  const containers = report.rows.filter((r) => r.role !== 'image').length;
  const images = report.rows.length - containers;
  const over = report.rows.filter((r) => r.fit === 'no-headroom' || r.fit === 'heap-exceeds-limit').length;
  const noLimit = report.rows.filter((r) => r.fit === 'no-limit').length;
  const parts = [
    `${report.files.length} ${plural(report.files.length, 'file')}`,
    `${workloads} ${plural(workloads, 'workload')}`,
    `${containers} ${plural(containers, 'container')}`,
  ];
  if (images) parts.push(`${images} ${plural(images, 'image')}`);
  parts.push(`${over} over ${over === 1 ? 'its' : 'their'} limit`, `${noLimit} without a memory limit`);
  return parts.join(' · ');
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function renderFile(file: MemoryReportFile, roots: readonly string[] = []): string {
  const path = displayPath(file.uri, roots);
  const notes: string[] = [`node memory ${formatBytes(BigInt(file.nodeMemoryBytes))}`];
  if (file.skipped === 'helm-template') notes.push('Helm template: analysed where it parses with template actions masked');
  const out: string[] = [];
  out.push('<section class="file">');
  out.push(
    `<h2><span class="name">${escapeHtml(baseName(path))}</span> <span class="path">${escapeHtml(path)}</span></h2>`,
  );
  out.push(`<p class="meta">${escapeHtml(notes.join(' · '))}</p>`);
  for (const group of file.groups) out.push(renderGroup(group));
  out.push('</section>');
  return out.join('\n');
}

const HEADERS = ['Container', 'Role', 'QoS', 'oom_score_adj', 'Request', 'Limit', 'Heap', 'Non-heap', 'Heap + non-heap (or request) against the limit'];
const NUMERIC = new Set(['oom_score_adj', 'Request', 'Limit', 'Heap', 'Non-heap']);

function renderGroup(group: ReportGroup): string {
  const caption = `<caption><span class="title">${escapeHtml(group.title)}</span>${
    group.subtitle ? ` <span class="subtitle">${escapeHtml(group.subtitle)}</span>` : ''
  }</caption>`;
  const head = `<thead><tr>${HEADERS.map((h) => `<th${NUMERIC.has(h) ? ' class="num"' : ''} scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const rows = group.rows.length
    ? group.rows.map(renderRow).join('\n')
    : `<tr><td class="none" colspan="${HEADERS.length}">no containers</td></tr>`;
  // The wrapper scrolls a wide table sideways in a narrow panel instead of cutting off its bars.
  return `<div class="scroll"><table>\n${caption}\n${head}\n<tbody>\n${rows}\n</tbody>\n</table></div>`;
}

function renderRow(row: MemoryReportRow): string {
  const cells = [
    cell(row.container ?? '(unnamed)', 'name'),
    cell(row.role),
    cell(row.qosClass ?? '—', row.qosClass ? `qos qos-${row.qosClass.toLowerCase()}` : 'none'),
    cell(row.oomScoreAdj === null ? '—' : String(row.oomScoreAdj), 'num'),
    bytesCell(row.requestBytes),
    bytesCell(row.limitBytes),
    heapCell(row),
    bytesCell(row.nonHeapBytes, '≈ '),
    `<td class="bar-cell">${renderBar(row)}</td>`,
  ];
  return `<tr class="fit-${row.fit ?? 'none'}">${cells.join('')}</tr>`;
}

function cell(text: string, cls?: string): string {
  return `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(text)}</td>`;
}

function bytesCell(bytes: ByteString | null, prefix = ''): string {
  if (bytes === null) return '<td class="num none">—</td>';
  return `<td class="num" title="${escapeHtml(bytes)} bytes">${escapeHtml(prefix + formatBytes(BigInt(bytes)))}</td>`;
}

function heapCell(row: MemoryReportRow): string {
  if (row.heapBytes !== null) {
    const source = row.heapSource ? `<span class="source">${escapeHtml(row.heapSource)}</span>` : '';
    return `<td class="num" title="${escapeHtml(row.heapBytes)} bytes">${escapeHtml(formatBytes(BigInt(row.heapBytes)))}${source}</td>`;
  }
  if (row.maxRamPercentage !== null) {
    return `<td class="num">${escapeHtml(`${row.maxRamPercentage}% of the limit`)}</td>`;
  }
  return '<td class="num none">—</td>';
}

const FIT_TEXT: Record<MemoryFit, string> = {
  fits: 'fits',
  'no-headroom': 'no headroom',
  'heap-exceeds-limit': 'heap ≥ limit',
  'no-limit': 'no limit',
};

/**
 * The bar is inline SVG whose geometry is in attributes, not in `style` attributes: the page's CSP then needs no
 * `'unsafe-inline'` for styles, and the widths still come straight from the numbers.
 */
function renderBar(row: MemoryReportRow): string {
  const bar = row.bar;
  if (!bar) {
    const text = row.fit === 'no-limit' ? 'no limit' : row.role === 'image' ? 'set by the pod that runs it' : '—';
    return `<span class="none">${escapeHtml(text)}</span>`;
  }
  const against = bar.reference === 'limit' ? 'the limit' : 'node memory';
  const parts = bar.segments.map((s) => `${SEGMENT_NAMES[s.kind]} ${formatBytes(BigInt(s.bytes))}`).join(' + ');
  const label = `${parts}: ${bar.usedPercent}% of ${against} (${formatBytes(BigInt(bar.referenceBytes))})`;
  const rects = bar.segments
    .map((s) => `<rect class="seg ${s.kind}" x="${s.startPercent}%" y="0" width="${s.widthPercent}%" height="100%"></rect>`)
    .join('');
  const mark = `<line class="ref ref-${bar.reference}" x1="${bar.referencePercent}%" x2="${bar.referencePercent}%" y1="0" y2="100%"></line>`;
  const svg =
    `<svg class="bar" width="100%" height="14" role="img" aria-label="${escapeHtml(label)}">` +
    `<title>${escapeHtml(label)}</title><rect class="track" x="0" y="0" width="100%" height="100%"></rect>${rects}${mark}</svg>`;
  const fit = row.fit ? ` · ${FIT_TEXT[row.fit]}` : '';
  return `${svg}<span class="pct">${escapeHtml(`${bar.usedPercent}% of ${against}${fit}`)}</span>`;
}

const swatch = (cls: string) =>
  `<svg class="swatch" width="12" height="12" aria-hidden="true"><rect class="seg ${cls}" x="0" y="0" width="100%" height="100%"></rect></svg>`;
const LEGEND =
  `<p class="legend">${swatch('heap')} max heap ${swatch('non-heap')} non-heap estimate ${swatch('request')} request (no JVM) ` +
  `<svg class="swatch" width="12" height="12" aria-hidden="true"><line class="ref" x1="50%" x2="50%" y1="0" y2="100%"></line></svg> ` +
  'the limit (dotted: node memory, when there is no limit)</p>';

const SEGMENT_NAMES: Record<MemoryBarSegment['kind'], string> = { heap: 'heap', 'non-heap': 'non-heap', request: 'request' };

// Theme colours come from the variables VS Code defines in every webview; fallbacks keep the page readable elsewhere.
const STYLE = `
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px);
  color: var(--vscode-editor-foreground, #333); background: var(--vscode-editor-background, #fff); padding: 0 1.5em 2em; }
h1 { font-size: 1.4em; font-weight: 600; }
h2 { font-size: 1.15em; margin: 1.6em 0 0.2em; }
h2 .path, .meta, .summary, .subtitle, .source, .pct, .note { color: var(--vscode-descriptionForeground, #717171); }
h2 .path { font-weight: normal; font-size: 0.8em; margin-left: 0.5em; }
.meta { margin: 0 0 0.8em; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; padding: 0.4em 0; }
caption .title { font-weight: 600; }
caption .subtitle { margin-left: 0.5em; }
th, td { text-align: left; padding: 0.25em 0.6em; border-bottom: 1px solid var(--vscode-editorWidget-border, #ccc); white-space: nowrap; }
th { font-weight: 600; white-space: normal; vertical-align: bottom; }
.scroll { overflow-x: auto; margin: 0 0 1.2em; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.none, span.none { color: var(--vscode-disabledForeground, #999); }
.source { display: block; font-size: 0.85em; }
td.bar-cell { width: 30%; min-width: 10em; }
svg.bar { display: block; overflow: visible; }
svg.swatch { vertical-align: middle; margin-left: 0.6em; }
.legend { color: var(--vscode-descriptionForeground, #717171); }
.legend .heap { fill: var(--vscode-charts-blue, #1a85ff); }
.legend .non-heap { fill: var(--vscode-charts-purple, #b180d7); }
.legend .request { fill: var(--vscode-charts-green, #388a34); }
.legend .ref { stroke: var(--vscode-editor-foreground, #333); stroke-width: 2; }
svg.bar .track { fill: var(--vscode-editorWidget-background, #eee); }
svg.bar .heap { fill: var(--vscode-charts-blue, #1a85ff); }
svg.bar .non-heap { fill: var(--vscode-charts-purple, #b180d7); }
svg.bar .request { fill: var(--vscode-charts-green, #388a34); }
svg.bar .ref { stroke: var(--vscode-editor-foreground, #333); stroke-width: 2; }
svg.bar .ref-node { stroke-dasharray: 2 2; }
.pct { font-size: 0.85em; }
tr.fit-no-headroom .pct, tr.fit-no-limit .pct { color: var(--vscode-editorWarning-foreground, #bf8803); }
tr.fit-heap-exceeds-limit .pct { color: var(--vscode-errorForeground, #e51400); }
tr.fit-no-headroom svg.bar .ref, tr.fit-heap-exceeds-limit svg.bar .ref { stroke: var(--vscode-errorForeground, #e51400); }
`;

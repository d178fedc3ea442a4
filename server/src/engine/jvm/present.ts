// What the editor shows for a JVM, computed here so presenters only convert: an inlay hint with the heap against
// the limit (after the option that decides it, else at the end of the container's name line), and hovers on every
// option and option variable that explain where the value came from, the options in JVM order, the heap
// computation, the collector, the JDK and the non-heap budget. Nothing is recomputed for the container itself:
// the numbers are analyze.ts's. imageHeapTable computes the heap over common limits for images (limit unknown).
import { cutFromFirst } from '../strings';
import type { LineIndex } from '../text';
import type { Hint, HoverInfo, Range } from '../types';
import type { JvmAnalysis } from './analyze';
import { type Budget } from './budget';
import type { JvmToken } from './detect';
import { DEFAULT_MAX_HEAP_SIZE, type HeapResult } from './ergonomics';
import { IMAGE_TABLE } from './images';
import type { EnvEntry } from './launch';
import type { Span } from '../types';
import type { Via } from '../mapped';
import { bytesToQuantity, formatBytesExact, formatBytesShort, formatHeapSize } from '../bytes';

export const HOTSPOT_SET_HEAP_SIZE_URL =
  'https://github.com/openjdk/jdk17u-dev/blob/master/src/hotspot/share/runtime/arguments.cpp';
export const JAVA_MAN_URL = 'https://docs.oracle.com/en/java/javase/17/docs/specs/man/java.html';

/** What the presenters need of a JVM subject (JvmSubject in analyze.ts has all of it). */
export interface JvmPresentSubject {
  analysis: JvmAnalysis;
  /** The memory limit as written (`2Gi`), null when there is none. */
  limitText: string | null;
  /** The container's `name:` value (or the service key, the FROM line): hints without an option token go after its line. */
  anchor: Range;
  /** Container or service name, to tell hints apart when they share a position (a ConfigMap used twice). */
  name?: string;
  /** The image (or compose `build:`) that links a Dockerfile of another file: the JVM hover goes there too. */
  linkSpan?: Span | null;
}


// ---------------------------------------------------------------------------------------------------------------
// Small formatting helpers

function trim(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

/** `75 %`, `24.6 %`: one decimal, trailing `.0` dropped. */
function pct(part: bigint, whole: bigint): string {
  if (whole <= 0n) return '? %';
  return `${trim(Number((part * 1000n) / whole) / 10, 1)} %`;
}

function code(text: string): string {
  const t = text.replace(/`/g, "'");
  return `\`${t}\``;
}

/** A markdown table cell: pipes escaped, line breaks removed. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function bar(bytes: bigint, scale: bigint, width = 20): string {
  if (scale <= 0n) return '';
  let n = Math.round((Number(bytes) / Number(scale)) * width);
  if (bytes > 0n && n === 0) n = 1;
  n = Math.max(0, Math.min(width, n));
  return '`' + '█'.repeat(n) + '░'.repeat(width - n) + '`';
}

// ---------------------------------------------------------------------------------------------------------------
// Which option a token sets, and whether a later one overrides it

/** The flag a token sets, so two spellings of one flag (`-Xmx`, `-XX:MaxHeapSize=`) count as the same. */
export function optionKey(text: string): string | null {
  if (/^-Xmx/.test(text) || text.startsWith('-XX:MaxHeapSize=')) return 'MaxHeapSize';
  if (/^-Xms/.test(text) || text.startsWith('-XX:InitialHeapSize=')) return 'InitialHeapSize';
  if (/^-Xss/.test(text) || text.startsWith('-XX:ThreadStackSize=')) return 'ThreadStackSize';
  if (/^-Xmn/.test(text)) return 'NewSize';
  let m = /^-XX:[+-]([A-Za-z0-9_]+)$/.exec(text);
  if (m) return m[1];
  m = /^-XX:([A-Za-z0-9_]+)=/.exec(text);
  if (m) return m[1];
  m = /^-D([^=]+)/.exec(text);
  if (m) return `-D${m[1]}`;
  return null;
}

const HEAP_FAMILY = new Set(['MaxHeapSize', 'InitialHeapSize', 'MaxRAMPercentage', 'MaxRAMFraction', 'MaxRAM', 'MinRAMPercentage']);
const RAM_SHARE = new Set(['MaxRAMPercentage', 'MaxRAMFraction']);

function originLabel(t: JvmToken): string {
  return t.origin === 'command-line' ? 'command line' : t.origin;
}

/** Whether the default-percentage heap fell below the 124.8 MiB floor (set_heap_size's `MAX2(reasonable_max, …)`). */
function atFloor(a: JvmAnalysis, heap: HeapResult): boolean {
  if (heap.heapSource !== 'default' || a.settings.maxHeapSize) return false;
  const s = a.settings;
  const share = s.maxRAMPercentage?.value ?? (s.maxRAMFraction && s.maxRAMFraction.value > 0n ? 100 / Number(s.maxRAMFraction.value) : 25);
  return (Number(heap.ramBasisBytes) * share) / 100 < Number(DEFAULT_MAX_HEAP_SIZE);
}

/**
 * Why token `index` does not take effect (overridden by a later occurrence, or ignored because another option or
 * the small-memory rule decides the heap), or null when it does (or we have nothing to say).
 */
export function tokenStatus(a: JvmAnalysis, index: number): string | null {
  const tokens = a.launch.tokens;
  const t = tokens[index];
  if (!t || t.kind !== 'option') return null;
  const key = optionKey(t.text);
  if (key === null) return null;
  for (let j = tokens.length - 1; j > index; j--) {
    if (tokens[j].kind === 'option' && optionKey(tokens[j].text) === key) {
      return `overridden by ${code(tokens[j].text)} (${originLabel(tokens[j])}): the last one wins`;
    }
  }
  const heap = a.heap;
  if (!heap || !HEAP_FAMILY.has(key)) return null;
  const s = a.settings;
  const mx = s.maxHeapSize && s.maxHeapSize.index >= 0 ? tokens[s.maxHeapSize.index] : undefined;
  if ((RAM_SHARE.has(key) || key === 'MaxRAM' || key === 'MinRAMPercentage') && mx) {
    return `ignored for the max heap: ${code(mx.text)} sets it`;
  }
  if (key === 'MaxRAMFraction' && s.maxRAMPercentage) return 'ignored beside MaxRAMPercentage: it wins over MaxRAMFraction';
  if (RAM_SHARE.has(key) && heap.heapSource === 'MinRAMPercentage') {
    return 'ignored below ~250 MiB: the JVM takes MinRAMPercentage (default 50 %) of memory instead';
  }
  if (RAM_SHARE.has(key) && atFloor(a, heap)) return 'gives less than the 124.8 MiB floor, so the floor is the max heap';
  if ((key === 'MaxHeapSize' || RAM_SHARE.has(key)) && heap.heapSource === 'Xms') {
    const ms = s.initialHeapSize && s.initialHeapSize.index >= 0 ? tokens[s.initialHeapSize.index] : undefined;
    return `the max heap is raised to the initial size${ms ? ` of ${code(ms.text)}` : ''}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Inlay hints

const NOT_OPTIONS = new Set(['entrypoint', 'shell', 'command', 'JVM']);

function partlyUnknown(a: JvmAnalysis): boolean {
  return a.launch.unresolved.some((u) => !NOT_OPTIONS.has(u.what));
}

/** How the heap relates to the memory it was sized from: `= 75 % of 2Gi`, `≥ limit 512Mi`, `(small-memory floor) of 300Mi`. */
function heapRelation(a: JvmAnalysis, heap: HeapResult, limitText: string | null): string {
  const limit = a.limitBytes !== null && a.limitBytes > 0n ? a.limitBytes : null;
  const limitLabel = limitText ?? (limit !== null ? bytesToQuantity(limit) : '');
  const node = bytesToQuantity(a.heapInput.nodeMemoryBytes);
  if (limit !== null && heap.maxHeapBytes >= limit) return `≥ limit ${limitLabel}`;
  const basis = heap.containerLimitUsed
    ? limitLabel
    : limit === null
      ? `node ${node} (no limit)`
      : `node ${node} (limit ${limitLabel} not used)`;
  if (atFloor(a, heap)) return `(small-memory floor) of ${basis}`;
  let rel = `= ${pct(heap.maxHeapBytes, heap.physicalMemoryBytes)} of ${basis}`;
  if (heap.heapSource === 'MinRAMPercentage') rel += ' (small memory)';
  if (heap.heapSource === 'Xms') rel += ' (raised by -Xms)';
  return rel;
}

/** The inline label for a JVM's heap: `heap 1.5 GiB = 75 % of 2Gi`, `heap 1 GiB ≥ limit 512Mi`. */
export function heapHintLabel(a: JvmAnalysis, limitText: string | null): string {
  const heap = a.heap;
  if (!heap) return 'heap not modelled (OpenJ9)';
  let label = `heap ${formatHeapSize(heap.maxHeapBytes)} ${heapRelation(a, heap, limitText)}`;
  if (a.imageHeap) label += ` · ${a.imageHeap.product} formula`;
  const alt = a.ifUncertainRead;
  if (alt) label += ` · ${uncertainOutcome(a, alt)} if ${uncertainNames(alt.variables)} ${alt.variables.length > 1 ? 'are' : 'is'} read`;
  else if (partlyUnknown(a)) label += ' · partly unknown';
  return label;
}

/** `KAFKA_HEAP_OPTS`, `A, B`: the variables whose reach cannot be seen (detect.ts uncertainVariables). */
function uncertainNames(names: readonly string[]): string {
  // The hint stays short: the hover lists every name.
  return names.length > 1 ? `${names[0]}, …` : names.join(', ');
}

/** What the JVM would do if they were read: its max heap, or that it refuses to start. */
function uncertainOutcome(a: JvmAnalysis, alt: NonNullable<JvmAnalysis['ifUncertainRead']>): string {
  if (alt.settings.problems.length > a.settings.problems.length) return `JDK ${a.jdkMajor} refuses to start`;
  return formatHeapSize(alt.heap.maxHeapBytes);
}

/** The hover's paragraph on variables that may or may not reach the JVM, with the heap either way. */
function uncertainParagraph(a: JvmAnalysis, limitText: string | null): string | null {
  const alt = a.ifUncertainRead;
  if (!alt || !a.heap) return null;
  const names = alt.variables.map((n) => code(n)).join(', ');
  const verb = alt.variables.length > 1 ? 'are' : 'is';
  const head = `**Not known:** ${names} ${verb} set, but nothing here shows whether the JVM gets ${alt.variables.length > 1 ? 'them' : 'it'}. The heap above assumes ${alt.variables.length > 1 ? 'they are' : 'it is'} not read.`;
  const fresh = alt.settings.problems.filter((p) => a.launch.uncertainVariables.some((u) => u.tokens.includes(p.token)));
  if (alt.settings.problems.length > a.settings.problems.length) {
    const why = fresh.map((p) => `${code(p.token.text)}: ${code(p.message)}`).join('; ');
    return `${head} If ${verb === 'is' ? 'it is' : 'they are'} read, JDK ${a.jdkMajor}${a.launch.jdk.source === 'assumed' ? ' (assumed)' : ''} refuses to start (${why}).`;
  }
  const limit = a.limitBytes !== null && a.limitBytes > 0n ? a.limitBytes : null;
  const total = alt.heap.maxHeapBytes + alt.budget.totalBytes;
  const fit = limit === null ? '' : total > limit ? `, more than the limit ${code(limitText ?? bytesToQuantity(limit))}` : ` of the limit ${code(limitText ?? bytesToQuantity(limit))}`;
  return `${head} If ${verb === 'is' ? 'it is' : 'they are'} read: max heap **${formatHeapSize(alt.heap.maxHeapBytes)}** (${alt.heap.heapSource}); heap + non-heap estimate ${formatBytesShort(total)}${fit}.`;
}

function hintTooltip(a: JvmAnalysis): string {
  const lines: string[] = [];
  if (a.imageHeap) lines.push(a.imageHeap.explanation);
  if (a.heap) lines.push(...a.heap.steps);
  if (a.heap && a.budget) {
    const total = a.heap.maxHeapBytes + a.budget.totalBytes;
    lines.push(`Heap + non-heap estimate: ${formatBytesShort(total)}${a.limitBytes ? ` of ${formatBytesShort(a.limitBytes)}` : ''}`);
  }
  for (const u of a.launch.unresolved) lines.push(`Not known: ${u.what}: ${u.reason}`);
  return lines.join('\n');
}

/**
 * One hint per JVM with its heap: after the option that decides the heap when it is in the text, else at the end of
 * the anchor line; plus, after other heap options with a span, why they do not count ("overridden by …").
 */
export function jvmHints(subjects: readonly JvmPresentSubject[], lines: LineIndex, _text: string): Hint[] {
  const hints: Hint[] = [];
  const byPosition = new Map<string, Hint[]>();
  const add = (h: Hint, name: string | undefined): void => {
    const k = `${h.position.line}:${h.position.character}`;
    const same = byPosition.get(k) ?? [];
    // A ConfigMap value read by several containers: say which hint is whose.
    if (same.length > 0 && name !== undefined && !same.some((o) => o.label === h.label)) h.label = `${name}: ${h.label}`;
    if (same.some((o) => o.label === h.label)) return;
    same.push(h);
    byPosition.set(k, same);
    hints.push(h);
  };
  for (const s of subjects) {
    const a = s.analysis;
    const tokenSpan = a.heapToken?.span ?? null;
    const position = tokenSpan ? lines.position(tokenSpan[1]) : lines.lineEnd(s.anchor.end.line);
    add({ position, label: heapHintLabel(a, s.limitText), tooltip: hintTooltip(a), kind: 'heap' }, s.name);
    a.launch.tokens.forEach((t, i) => {
      if (!t.span || t === a.heapToken) return;
      const key = optionKey(t.text);
      if (key === null || !HEAP_FAMILY.has(key)) return;
      const status = tokenStatus(a, i);
      if (!status) return;
      add({ position: lines.position(t.span[1]), label: cutFromFirst(status, ':').replace(/`/g, ''), tooltip: status.replace(/`/g, ''), kind: 'heap' }, s.name);
    });
  }
  return hints;
}

// ---------------------------------------------------------------------------------------------------------------
// Hovers

function entryOrigin(entry: EnvEntry | null): string {
  if (!entry) return '';
  const o = entry.origin;
  switch (o.kind) {
    case 'env':
      return 'set in `env`';
    case 'configMap':
      return `from ConfigMap ${code(o.name)} key ${code(o.key)} (${o.via})`;
    case 'secret':
      return `from Secret ${o.name ? code(o.name) : '(unnamed)'}`;
    case 'fieldRef':
      return 'from a pod field';
    case 'resourceFieldRef':
      return 'from a container resource';
    case 'image':
      return 'from the image ENV';
    case 'dockerfile':
      // A linked Dockerfile (workspace.ts joinDockerfile): name the instruction, its line and the file.
      return o.file ? `from ${dockerfilePlace(`ENV ${entry.name}`, o.label ?? o.file, o.line)}` : 'from a Dockerfile ENV';
    case 'compose':
      return 'from the compose `environment`';
    case 'host':
      return 'from the host environment';
  }
}

/** `` `ENV JAVA_OPTS` in Dockerfile line 12 (docker/orders-api/Dockerfile) ``; `line` is 0-based. */
function dockerfilePlace(instruction: string, file: string, line: number | undefined): string {
  return `${code(instruction)} in Dockerfile${line !== undefined ? ` line ${line + 1}` : ''} (${file})`;
}

function rowScript(rowId: string): string {
  const row = IMAGE_TABLE.find((r) => r.id === rowId);
  return row?.scripts[0] ? code(row.scripts[0]) : `the \`${rowId}\` image's start script`;
}

function viaText(via: Via[]): string {
  if (via.length === 0) return '';
  return ` through ${via.map((v) => code(v.ref)).join(' → ')}`;
}

/** Where a token came from, in words. */
export function describeSource(t: JvmToken, a?: JvmAnalysis): string {
  const s = t.source;
  let text: string;
  switch (s.kind) {
    case 'variable': {
      const origin = entryOrigin(s.entry);
      text = `${code(s.variable)}, read by the JVM itself${origin ? ` (${origin})` : ''}`;
      break;
    }
    case 'argv':
      text = s.composed ? s.composed.label : code(`${s.list}[${s.index}]`);
      if (s.from) text += `, from ${dockerfilePlace(s.from.instruction, s.from.label ?? s.from.file, s.from.line)}`;
      break;
    case 'shell':
      text = 'the `java` command of the shell script';
      if (s.from) text += `, from ${dockerfilePlace(s.from.instruction, s.from.label ?? s.from.file, s.from.line)}`;
      break;
    case 'script': {
      const origin = entryOrigin(s.entry);
      text = `${code(s.variable)}, read by ${rowScript(s.rowId)}${origin ? ` (${origin})` : ''}`;
      break;
    }
    case 'image-default': {
      const formula = a?.imageHeap && a.imageHeap.rowId === s.rowId && s.variable === null;
      text = formula
        ? `computed by ${a!.imageHeap!.product}'s start-up from memory`
        : s.variable
          ? `the default ${rowScript(s.rowId)} uses when ${code(s.variable)} is unset`
          : `built into the image (${rowScript(s.rowId)})`;
      break;
    }
  }
  return text + viaText(t.via);
}

function optionsTable(a: JvmAnalysis): string {
  const tokens = a.launch.tokens;
  const rows: string[] = [];
  const max = 40;
  let shown = 0;
  for (let i = 0; i < tokens.length && shown < max; i++) {
    const t = tokens[i];
    if (t.kind === 'option-argument') continue;
    let text = t.text;
    if (tokens[i + 1]?.kind === 'option-argument') text += ` ${tokens[i + 1].text}`;
    const status = tokenStatus(a, i);
    const decides = t === a.heapToken;
    const opt = status && status.startsWith('overridden') ? `~~${code(text)}~~` : decides ? `**${code(text)}**` : code(text);
    const notes = [describeSource(t, a)];
    if (decides) notes.push('**decides the max heap**');
    if (status) notes.push(status);
    if (t.unresolved) notes.push(`not fully known: ${t.unresolved}`);
    if (t.problem) notes.push(t.problem.message);
    rows.push(`| ${shown + 1} | ${cell(opt)} | ${cell(originLabel(t))} | ${cell(notes.join(' · '))} |`);
    shown++;
  }
  if (rows.length === 0) return '_No JVM options: the JVM runs on its defaults._';
  const more = tokens.filter((t) => t.kind !== 'option-argument').length - shown;
  return [
    'Options in the order the JVM reads them (JAVA_TOOL_OPTIONS → JDK_JAVA_OPTIONS → command line → _JAVA_OPTIONS; the last occurrence of a flag wins):',
    '',
    '| # | option | stage | from |',
    '|---:|---|---|---|',
    ...rows,
    ...(more > 0 ? [`| | … ${more} more | | |`] : []),
  ].join('\n');
}

const PART_NAMES: Record<string, string> = {
  metaspace: 'metaspace',
  codeCache: 'code cache',
  threadStacks: 'thread stacks',
  directMemory: 'direct memory',
  gc: 'GC structures',
  native: 'native',
};

/** The heap and the non-heap budget as a table with text bars against the limit. */
export function budgetTable(heap: bigint, budget: Budget, limit: bigint | null, limitText: string | null): string {
  const total = heap + budget.totalBytes;
  const scale = limit !== null && limit > total ? limit : total;
  const rows: string[] = [
    '| part | | size | how |',
    '|---|---|---:|---|',
    `| heap | ${bar(heap, scale)} | ${formatHeapSize(heap)} | max heap |`,
  ];
  for (const p of budget.parts) {
    rows.push(`| ${PART_NAMES[p.name] ?? p.name} | ${bar(p.bytes, scale)} | ${formatBytesShort(p.bytes)} | ${cell(p.detail)} |`);
  }
  const limitLabel = limit !== null ? (limitText ?? bytesToQuantity(limit)) : null;
  rows.push(`| **total** | ${bar(total, scale)} | **${formatBytesShort(total)}** | ${limitLabel ? `${pct(total, limit as bigint)} of the limit ${code(limitLabel)}` : 'no limit'} |`);
  if (limit !== null) {
    const room = limit - total;
    rows.push(room >= 0n ? `| headroom | | ${formatBytesShort(room)} | left under the limit |` : `| **over** | | **${formatBytesShort(-room)}** | above the limit: the container risks the OOM killer |`);
  }
  return rows.join('\n');
}

function gcLine(a: JvmAnalysis, heap: HeapResult): string {
  const step = heap.steps.find((s) => s.startsWith('GC:'));
  const why = step ? step.replace(/^GC:\s*/, '') : heap.gc;
  const cpus = a.settings.activeProcessorCount ? `${a.settings.activeProcessorCount.value} (-XX:ActiveProcessorCount)` : String(a.cpus);
  return `**GC** ${why}. CPUs seen: ${cpus}; memory seen: ${formatBytesExact(heap.physicalMemoryBytes)}.`;
}

/** The hover body of one JVM (shared by every span of it). */
export function jvmHoverMarkdown(s: JvmPresentSubject): string {
  const a = s.analysis;
  const heap = a.heap;
  const parts: string[] = [];
  const who = s.name ? ` in ${code(s.name)}` : '';
  parts.push(
    heap
      ? `**JVM${who}** · max heap **${formatHeapSize(heap.maxHeapBytes)}** ${heapRelation(a, heap, s.limitText)} · ${heap.gc} · JDK ${a.jdkMajor}${a.launch.jdk.source === 'assumed' ? ' (assumed)' : ''}`
      : `**JVM${who}** · ${a.launch.vm === 'openj9' ? 'Eclipse OpenJ9: its heap sizing is not modelled' : 'heap unknown'}`,
  );
  const uncertain = uncertainParagraph(a, s.limitText);
  if (uncertain) parts.push(uncertain);
  const program = a.launch.program ? ` Started by ${code(a.launch.program)}.` : '';
  parts.push(`**JDK** ${a.launch.jdk.note}.${program}`);
  parts.push(optionsTable(a));
  if (heap) {
    const steps = heap.steps.filter((x) => !x.startsWith('GC:'));
    const heapParts = [`**Heap** (HotSpot \`Arguments::set_heap_size\`):`, ''];
    if (a.imageHeap) heapParts.push(`${a.imageHeap.explanation}.`, '');
    heapParts.push(...steps.map((x, i) => `${i + 1}. ${x}`));
    heapParts.push('', `Initial heap ${formatHeapSize(heap.initialHeapBytes)}, alignment ${formatBytesExact(heap.heapAlignment)}${heap.compressedOops ? '' : ', compressed oops off'}.`);
    if (heap.fatal) heapParts.push('', `The JVM fails to start: ${heap.fatal}.`);
    parts.push(heapParts.join('\n'));
    parts.push(gcLine(a, heap));
  }
  const problems = a.settings.problems.map((p) => `- ${code(p.message)} (${code(p.token.text)})`);
  if (problems.length > 0) parts.push(['**The JVM refuses to start:**', ...problems].join('\n'));
  const unknown = [
    ...a.launch.unresolved.map((u) => `- ${code(u.what)}: ${u.reason}`),
    ...a.launch.unreadVariables.map((u) => `- ${code(u.name)} is not read: ${u.why}`),
    ...(a.launch.appArguments ?? []).map((x) => `- ${code(x.text)} is not read: it comes after ${code(x.after)}, so the application gets it, not the JVM`),
  ];
  if (unknown.length > 0) parts.push(['**Not known or not read**', ...unknown].join('\n'));
  if (heap && a.budget) {
    parts.push(['**Memory budget** (heap + non-heap estimate; inputs are `oomLens.jvm.*` settings):', '', budgetTable(heap.maxHeapBytes, a.budget, a.limitBytes, s.limitText)].join('\n'));
  }
  const links = [`[HotSpot set_heap_size](${HOTSPOT_SET_HEAP_SIZE_URL})`, `[The java command](${JAVA_MAN_URL})`];
  if (a.imageHeap) links.push(cell(a.imageHeap.source));
  parts.push(links.join(' · '));
  return parts.join('\n\n');
}

function tokenHeader(a: JvmAnalysis, index: number): string {
  const t = a.launch.tokens[index];
  const lines = [`**${code(t.text)}** · from ${describeSource(t, a)} · ${originLabel(t)} stage`];
  if (t === a.heapToken) lines.push('This option decides the max heap.');
  const status = tokenStatus(a, index);
  if (status) lines.push(`It does not take effect: ${status}.`);
  if (t.unresolved) lines.push(`Not fully known: ${t.unresolved}.`);
  if (t.problem) lines.push(t.problem.message + (t.problem.jvmMessage ? ` (the JVM prints ${code(t.problem.jvmMessage)})` : ''));
  return lines.join('\n\n');
}

const STAGE_OF: Record<string, string> = {
  JAVA_TOOL_OPTIONS: 'read by the JVM itself, first of the four sources',
  JDK_JAVA_OPTIONS: 'read by the `java` launcher (JDK 9+), before the command line',
  _JAVA_OPTIONS: 'read by the JVM itself, last: it overrides the command line',
};

function variableHeader(a: JvmAnalysis, entry: EnvEntry): string {
  const unread = a.launch.unreadVariables.find((u) => u.entry === entry);
  const used = a.launch.tokens.filter((t) => (t.source.kind === 'variable' || t.source.kind === 'script') && t.source.entry === entry);
  const origin = entryOrigin(entry);
  const head = `**${code(entry.name)}**${origin ? ` · ${origin}` : ''}`;
  if (unread) return `${head}\n\nNot read by the JVM: ${unread.why}.`;
  const stage = STAGE_OF[entry.name];
  const reader = stage ?? (used[0] && used[0].source.kind === 'script' ? `read by ${rowScript(used[0].source.rowId)}` : 'passed to the JVM');
  return `${head}\n\n${reader[0].toUpperCase()}${reader.slice(1)}: ${used.length} option${used.length === 1 ? '' : 's'} reach the JVM from it.`;
}

function viaHeader(a: JvmAnalysis, via: Via): string {
  const n = a.launch.tokens.filter((t) => t.via.some((v) => v.ref === via.ref && v.refSpan === via.refSpan)).length;
  if (!via.resolved) return `**${code(via.ref)}** · not known here: ${via.reason ?? 'its value is not visible'}`;
  return `**${code(via.ref)}** expands ${code(via.variable)} here: ${n} JVM option${n === 1 ? '' : 's'} come from it.`;
}

/**
 * Hovers on every JVM option written in the text, every option variable's name and value (env entries, ConfigMap
 * data values), every `$(VAR)` reference that carries options, and every value that cannot be known.
 */
export function jvmHovers(subjects: readonly JvmPresentSubject[], lines: LineIndex, _text: string): HoverInfo[] {
  const hovers: HoverInfo[] = [];
  for (const s of subjects) {
    const a = s.analysis;
    const body = jvmHoverMarkdown(s);
    const seen = new Set<string>();
    const push = (span: Span | null, header: string): void => {
      if (!span || span[1] <= span[0]) return;
      const k = `${span[0]}:${span[1]}`;
      if (seen.has(k)) return;
      seen.add(k);
      hovers.push({ range: lines.range(span), markdown: `${header}\n\n---\n\n${body}` });
    };
    const entries = new Set<EnvEntry>();
    a.launch.tokens.forEach((t, i) => {
      push(t.span, tokenHeader(a, i));
      if ((t.source.kind === 'variable' || t.source.kind === 'script') && t.source.entry) entries.add(t.source.entry);
      for (const v of t.via) if (v.refSpan) push(v.refSpan, viaHeader(a, v));
    });
    for (const u of a.launch.unreadVariables) entries.add(u.entry);
    for (const e of entries) {
      const header = variableHeader(a, e);
      push(e.nameSpan, header);
      push(e.valueSpan, header);
    }
    for (const u of a.launch.unresolved) push(u.span, `**${code(u.what)}** · ${u.reason}`);
    // Options from a linked Dockerfile have no span in this file: the hover on the image names that file.
    const files = linkedFiles(a);
    if (files.length > 0) push(s.linkSpan ?? null, `**JVM settings from ${files.map((f) => code(f)).join(', ')}**: its ENV, ENTRYPOINT and CMD join this container's.`);
  }
  return hovers;
}

/** The linked Dockerfiles (as labelled for the user) that options or option variables of this JVM come from. */
function linkedFiles(a: JvmAnalysis): string[] {
  const out = new Set<string>();
  const add = (e: EnvEntry | null): void => {
    if (e?.origin.kind === 'dockerfile' && e.origin.file) out.add(e.origin.label ?? e.origin.file);
  };
  for (const t of a.launch.tokens) {
    const src = t.source;
    if ((src.kind === 'argv' || src.kind === 'shell') && src.from) out.add(src.from.label ?? src.from.file);
    if (src.kind === 'variable' || src.kind === 'script') add(src.entry);
  }
  for (const u of a.launch.unreadVariables) add(u.entry);
  return [...out];
}

// ---------------------------------------------------------------------------------------------------------------
// Images: the heap over common limits

/**
 * A markdown table of the heap this JVM gets at common memory limits (for a Dockerfile, where the limit is set
 * wherever the image runs). Computed with computeHeap, each limit on its own (the collector changes with it).
 */
export function imageHeapTable(a: JvmAnalysis): string {
  if (a.launch.vm === 'openj9') return '_Eclipse OpenJ9 sizes its heap its own way; it is not modelled here._';
  const rows = ['| limit | max heap | of limit | initial | GC | heap + non-heap |', '|---|---:|---:|---:|---|---:|'];
  for (const { heap, budget, ...l } of a.atCommonLimits ?? []) {
    let fit = '';
    if (budget) {
      const total = heap.maxHeapBytes + budget.totalBytes;
      fit = total <= l.bytes ? ` ${formatBytesShort(total)} ✓ |` : ` ${formatBytesShort(total)} ✗ over by ${formatBytesShort(total - l.bytes)} |`;
    }
    const size = heap.maxHeapBytes >= l.bytes ? `**${formatHeapSize(heap.maxHeapBytes)}** ≥ limit` : formatHeapSize(heap.maxHeapBytes);
    rows.push(`| ${code(l.label)} | ${size} | ${pct(heap.maxHeapBytes, l.bytes)} | ${formatHeapSize(heap.initialHeapBytes)} | ${heap.gc} |${fit}`);
  }
  const h = a.heapInput;
  rows.push('', `JDK ${h.jdkMajor}, ${h.settings.activeProcessorCount?.value ?? h.cpus} CPUs seen, node ${bytesToQuantity(h.nodeMemoryBytes)}.`);
  return rows.join('\n');
}

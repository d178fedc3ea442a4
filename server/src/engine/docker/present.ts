// What the editor shows for a Dockerfile's image: a hint with the heap as a share of the limit the image will run
// under (or its fixed size), and a hover with the base image, the JDK, the options and the heap at common limits.
// Everything shown comes from the analysis (jvm/analyze.ts); nothing is computed here.
import { formatBytesExact } from '../bytes';
import type { JvmAnalysis } from '../jvm/analyze';
import type { JvmToken } from '../jvm/detect';
import { effectivePercentage, heapDependsOnLimit, refusesToStart } from '../jvm/facts';
import { imageHeapTable } from '../jvm/present';
import type { LineIndex } from '../text';
import type { Hint, HoverInfo, Span } from '../types';
import type { StageModel } from './dockerfile';
import type { ImageFacts } from './dockerfile-source';

/** The hints and hovers of a Dockerfile's final stage. */
export function presentImage(stage: StageModel, a: JvmAnalysis | null, facts: ImageFacts, lines: LineIndex): { hints: Hint[]; hovers: HoverInfo[] } {
  const hints: Hint[] = [];
  const hovers: HoverInfo[] = [];
  const markdown = imageHoverMarkdown(stage, a, facts);
  const anchor = stage.imageRange ?? stage.fromRange;
  hovers.push({ range: anchor, markdown });
  if (a) {
    for (const span of tokenSpans(a)) hovers.push({ range: lines.range(span), markdown });
    for (const u of a.launch.unreadVariables) {
      const note = `**\`${u.name}\`** · not read by the JVM: ${u.why}\n\n---\n\n${markdown}`;
      for (const span of [u.entry.nameSpan, u.entry.valueSpan]) if (span) hovers.push({ range: lines.range(span), markdown: note });
    }
    hints.push(imageHint(stage, a, lines));
  }
  return { hints, hovers };
}

function tokenSpans(a: JvmAnalysis): Span[] {
  return a.launch.tokens.filter((t): t is JvmToken & { span: Span } => t.span !== null).map((t) => t.span);
}

/** The short heap label of an image: `heap 768 MiB (fixed)` or `heap = 70 % of the container limit`. */
export function imageHeapLabel(a: JvmAnalysis): string {
  if (a.launch.vm === 'openj9' || a.heap === null) return 'heap: set by OpenJ9 ergonomics (not modelled)';
  if (refusesToStart(a)) return 'heap: the JVM refuses to start with these options';
  if (!heapDependsOnLimit(a)) return `heap ${formatBytesExact(a.heap.maxHeapBytes)} (fixed)`;
  const pct = effectivePercentage(a);
  const shown = Number.isInteger(pct) ? String(pct) : pct.toFixed(1);
  // A JDK that ignores container limits takes its share of the node's memory (REFERENCE §6.2).
  const status = a.launch.vm === 'hotspot' ? a.containerAwareness : null;
  const ignoresLimit = status?.honoursV1 === false || a.settings.useContainerSupport?.value === false;
  if (ignoresLimit) return `heap = ${shown} % of node memory: the JVM ignores the container limit`;
  const base = `heap = ${shown} % of the container limit`;
  if (a.heap.heapSource === 'Xms') return `${base}, at least ${formatBytesExact(a.settings.initialHeapSize?.value ?? 0n)} (-Xms)`;
  return a.heap.heapSource === 'default' ? `${base} (JVM default)` : base;
}

function imageHint(stage: StageModel, a: JvmAnalysis, lines: LineIndex): Hint {
  // After the option that decides the heap when it is written here (as jvm/present.ts places it), else the FROM line.
  const token = a.heapToken?.span ? a.heapToken.span : null;
  const anchorLine = (stage.imageRange ?? stage.fromRange).start.line;
  const legacy = legacyNote(a);
  const small = heapDependsOnLimit(a)
    ? 'Below a ~250 MiB limit HotSpot takes 50 % instead; between ~250 and ~500 MiB a flat 126 MiB (REFERENCE §2.1).'
    : '';
  return {
    position: token ? lines.position(token[1]) : lines.lineEnd(anchorLine),
    label: imageHeapLabel(a),
    tooltip: [legacy, small].filter((s) => s !== '').join(' ') || undefined,
    kind: 'heap',
  };
}

function legacyNote(a: JvmAnalysis): string {
  if (a.launch.vm === 'openj9') {
    return 'Eclipse OpenJ9 (IBM Semeru) sizes its heap with its own rules, not HotSpot\'s: OOM Lens does not model them.';
  }
  const status = a.containerAwareness;
  if (status.honoursV1 === true && status.honoursV2 === true) return '';
  return `${status.reason}.`;
}

function optionsLine(a: JvmAnalysis): string {
  const opts = a.launch.tokens.filter((t) => t.kind !== 'option-argument');
  if (opts.length === 0) return 'JVM options: none (the JVM\'s defaults apply).';
  const from = (t: JvmToken): string => {
    const s = t.source;
    if (s.kind === 'variable') return ` (${s.variable})`;
    if (s.kind === 'script') return ` (${s.variable}, read by the start script)`;
    if (s.kind === 'image-default') return ' (the image\'s default)';
    return '';
  };
  return `JVM options, in the order the JVM reads them: ${opts.map((t) => `\`${t.text}\`${from(t)}`).join(', ')}`;
}

/** The hover of an image: base image, JDK, launcher, heap and the heap at common limits. */
export function imageHoverMarkdown(stage: StageModel, a: JvmAnalysis | null, facts: ImageFacts): string {
  const parts: string[] = [];
  const name = stage.name ? ` \`${stage.name}\`` : '';
  const unresolved = facts.unresolvedBase;
  parts.push(`**Image${name}** · FROM \`${(unresolved ? unresolved.image : stage.baseImage) || '?'}\``);
  if (unresolved) {
    const vars = unresolved.variables.map((v) => `\`${v}\``).join(', ');
    const jdk = a && a.launch.jdk.source !== 'assumed' ? `JDK ${a.jdkMajor} is read from the part that is written` : a ? `the JDK is not known: JDK ${a.jdkMajor} is assumed (\`oomLens.jvm.defaultJdk\`)` : 'the JDK is not known';
    parts.push(
      `**Base image unresolved:** ${vars} ${unresolved.variables.length > 1 ? 'have' : 'has'} no value here (a build argument without default, set with \`docker build --build-arg\`), so ${jdk}.`,
    );
  }
  if (!a) {
    parts.push(facts.baseJdkMajor !== null ? `JDK ${facts.baseJdkMajor} image; no JVM start detected in this stage.` : 'No JVM detected in this image.');
    return parts.join('\n\n');
  }
  const jdk = a.launch.jdk;
  if (!unresolved || jdk.source !== 'assumed') {
    parts.push(`JDK: ${jdk.note}${jdk.fromImage && jdk.fromImage.vendor !== 'unknown' ? ` (${jdk.fromImage.vendor})` : ''}.`);
    const legacy = legacyNote(a);
    if (legacy) parts.push(legacy);
  }
  if (a.launch.main) parts.push(`Runs \`${a.launch.program ?? 'java'}\` with ${a.launch.main.kind} \`${a.launch.main.value}\`.`);
  parts.push(optionsLine(a));
  if (a.heap) parts.push(`**${imageHeapLabel(a)}** — the memory limit is set where the image runs (Kubernetes, compose):`);
  parts.push(imageHeapTable(a));
  for (const u of a.launch.unresolved.slice(0, 5)) parts.push(`_${u.what}: ${u.reason}_`);
  return parts.filter((p) => p !== '').join('\n\n');
}

// Shared by the jvm-* rules: which JVMs have a heap we can state, how to name the heap and where its option came
// from, and the quick fixes with computed values (lower the heap to what fits, size it from the limit, raise the
// limit). Every computed fix is checked before it is offered: the options are re-read and the heap recomputed with
// the edit in place (options.ts, ergonomics.ts, budget.ts), so a fix never offers a value that does not make its
// finding go away (DESIGN.md "Quick fixes: values and safety").
import type { JvmAnalysis } from '../jvm/analyze';
import type { JvmSubject } from '../source';
import { type Budget, budgetInputsFromOptions, computeBudget, fitHeap, percentageThatFits } from '../jvm/budget';
import type { JvmToken } from '../jvm/detect';
import { computeHeap, type HeapResult } from '../jvm/ergonomics';
import { JVM_VARIABLES } from '../jvm/images';
import { interpretOptions, type JvmSettings, type OptionEdit } from '../jvm/options';
import type { Fix, Range } from '../types';
import { isTemplatePlaceholder } from '../yaml/helm';
import type { RuleContext, RuleFinding } from '../rule';
import { formatBytes, formatJvmSize } from '../bytes';

const MI = 1n << 20n;

export { formatBytes };

/** The subjects whose container memory limit is known in this file (an image's limit is set where it runs). */
export function limitSubjects(ctx: RuleContext): JvmSubject[] {
  return ctx.jvmSubjects.filter((s) => s.kind !== 'image');
}

/** A token holding a masked Helm template action: its value is not known (DESIGN.md: no findings on templated values). */
export function templated(token: JvmToken | null | undefined): boolean {
  return !!token && isTemplatePlaceholder(token.text);
}

/**
 * The container's resources hold a Helm template action (the workload is `partial`): its limit is not known, so
 * the rules about the limit stay quiet.
 */
export function limitUnknown(subject: JvmSubject): boolean {
  return subject.k8s?.workload.partial === true;
}

/** Where a finding about `token` goes: the option inside its string, else the subject's anchor. */
export function tokenRange(ctx: RuleContext, subject: JvmSubject, token: JvmToken | null | undefined): Range {
  if (token?.span) return ctx.lines.range(token.span);
  // An option composed by an image script (Cassandra's `-Xmx${MAX_HEAP_SIZE}`): the variable's value.
  const src = token?.source;
  const entry = src && (src.kind === 'variable' || src.kind === 'script') ? src.entry : null;
  if (entry?.valueSpan) return ctx.lines.range(entry.valueSpan);
  return subject.anchor;
}

/** The token can be edited where it is written (the image's own defaults cannot). */
export function editable(token: JvmToken | null | undefined): token is JvmToken {
  return !!token && token.span !== null && token.source.kind !== 'image-default';
}

/**
 * The heap and budget when they can be stated: the heap is modelled (not OpenJ9, not an image script that computes
 * it or sizes it in a way not confirmed), no option is hidden (an unknown `$(VAR)`, a Secret, an argument file), and
 * either we see how the JVM is started or the deciding option comes from a variable the JVM reads itself.
 */
export function knownHeap(a: JvmAnalysis): { heap: HeapResult; budget: Budget } | null {
  if (!a.heap || !a.budget) return null;
  const launch = a.launch;
  if (launch.imageDefaults.some((d) => d.applies && (d.heapDefault.kind === 'formula' || d.heapDefault.kind === 'unknown'))) return null;
  if (launch.tokens.some((t) => t.unresolved !== undefined || t.kind === 'argfile' || templated(t))) return null;
  if (launch.unresolved.some((u) => (JVM_VARIABLES as readonly string[]).includes(u.what))) return null;
  if (launch.launcher === 'unknown' && a.heapToken?.source.kind !== 'variable') return null;
  return { heap: a.heap, budget: a.budget };
}

/** A JVM whose heap, budget and memory limit are all known, and that starts and sizes itself against that limit. */
export interface HeapFit {
  subject: JvmSubject;
  heap: HeapResult;
  budget: Budget;
  limit: bigint;
}

/**
 * The common ground of the heap-fit rules (`jvm-heap-exceeds-limit`, `jvm-heap-no-headroom`): containers whose
 * heap and limit are known, whose JVM starts (no -Xms/-Xmx refusal) and honours the limit (else the
 * container-support and legacy-JDK rules report the cause).
 */
export function heapFits(ctx: RuleContext): HeapFit[] {
  const out: HeapFit[] = [];
  for (const subject of limitSubjects(ctx)) {
    const a = subject.analysis;
    const limit = a.limitBytes;
    const known = knownHeap(a);
    if (!known || limit === null || limit <= 0n || limitUnknown(subject)) continue;
    if (startupRefusedByHeapSizes(a) || limitIgnoredBy(a) !== null) continue;
    out.push({ subject, heap: known.heap, budget: known.budget, limit });
  }
  return out;
}

/** The two repairs of a heap that does not fit: lower the heap (preferred when possible), or raise the limit. */
export function heapFitFixes(ctx: RuleContext, fit: HeapFit): Fix[] {
  const fixes: Fix[] = [];
  const lower = lowerHeapFix(ctx, fit.subject, fit.heap, fit.limit);
  if (lower) fixes.push(lower);
  const raise = raiseLimitFix(ctx, fit.subject, fit.heap, fit.budget, !lower);
  if (raise) fixes.push(raise);
  return fixes;
}

/** The heap was set by an explicit size (`-Xmx`, `-XX:MaxHeapSize`, or an `-Xms` that raises the maximum). */
export function explicitHeap(heap: HeapResult): boolean {
  return heap.heapSource === 'Xmx' || heap.heapSource === 'MaxHeapSize' || heap.heapSource === 'Xms';
}

/**
 * Why the JVM does not size itself from the container limit it has, when that is the cause of its heap: the
 * container support switched off (`jvm-container-support-disabled`) or a JDK that ignores the limit
 * (`jvm-legacy-jdk`). Those rules then report the heap; the heap rules stay quiet (one finding per root cause).
 */
export function limitIgnoredBy(a: JvmAnalysis): 'container-support' | 'legacy-jdk' | null {
  const heap = a.heap;
  const limit = a.limitBytes;
  if (!heap || limit === null || limit <= 0n || heap.containerLimitUsed) return null;
  if (limit >= a.heapInput.nodeMemoryBytes) return null;
  if (explicitHeap(heap) || heap.heapSource === 'MaxRAM') return null;
  return a.settings.useContainerSupport?.value === false ? 'container-support' : 'legacy-jdk';
}

/** `-Xms` above `-Xmx`: the JVM does not start, so its heap has no size to judge. */
export function startupRefusedByHeapSizes(a: JvmAnalysis): boolean {
  return a.settings.problems.some((p) => p.ruleId === 'jvm-initial-heap-exceeds-max');
}

/** Where an option came from, for messages: `, from `JAVA_TOOL_OPTIONS``, `, the image's default`. */
export function originNote(token: JvmToken): string {
  const src = token.source;
  if (src.kind === 'image-default') return ", the image's default";
  if (src.kind === 'variable') {
    const cm = src.entry?.origin.kind === 'configMap' ? ` in ConfigMap \`${src.entry.origin.name}\`` : '';
    const over = src.variable === '_JAVA_OPTIONS' ? ', which overrides the command line' : '';
    return `, from \`${src.variable}\`${cm}${over}`;
  }
  if (src.kind === 'script') return `, from \`${src.variable}\``;
  const via = token.via[0];
  return via ? `, from \`${via.variable}\`` : '';
}

/** ` in ConfigMap `jvm``: a fix title's warning that the edit changes a ConfigMap other workloads may read. */
export function configMapNote(token: JvmToken): string {
  const src = token.source;
  const entry = src.kind === 'variable' || src.kind === 'script' ? src.entry : null;
  return entry?.origin.kind === 'configMap' ? ` in ConfigMap \`${entry.origin.name}\`` : '';
}

/** The heap named for a message: "`-Xmx2g` heap (2 GiB)", "Max heap 3 GiB (raised by `-Xms3g`)". */
export function heapPhrase(a: JvmAnalysis, heap: HeapResult): string {
  const size = formatBytes(heap.maxHeapBytes);
  const tok = a.heapToken;
  if (tok && heap.heapSource === 'Xms') return `Max heap ${size} (raised by \`${tok.text}\`${originNote(tok)})`;
  if (tok) return `\`${tok.text}\` heap (${size}${originNote(tok)})`;
  return `The JVM's default max heap (${size})`;
}

/** Percentage flags exist from JDK 10 and 8u191 (JDK-8146115); a JDK 8 of unknown build may predate them. */
export function percentagesSupported(a: JvmAnalysis): boolean {
  const { major, update } = a.settings.jdk;
  if (major === 9) return false;
  if (major === 8) return update !== null && update >= 191;
  return major >= 10;
}

export interface Simulated {
  settings: JvmSettings<JvmToken>;
  heap: HeapResult;
  budget: Budget;
}

/** The JVM with some options changed (and optionally another limit): options re-read, heap and budget recomputed. */
export function simulate(ctx: RuleContext, a: JvmAnalysis, edits: readonly OptionEdit[], limitBytes: bigint | null = a.limitBytes): Simulated {
  const tokens: JvmToken[] = [];
  a.settings.tokens.forEach((t, i) => {
    const e = edits.find((x) => x.index === i);
    if (!e) tokens.push(t);
    else if (e.replacement !== null) tokens.push({ ...t, text: e.replacement });
  });
  const settings = interpretOptions(tokens, { major: a.jdkMajor, update: a.launch.jdk.update, openj9: a.launch.jdk.openj9 });
  const heap = computeHeap({ ...a.heapInput, settings, limitBytes });
  const budget = computeBudget(heap.maxHeapBytes, budgetInputsFromOptions(ctx.options.jvm, settings));
  return { settings, heap, budget };
}

export function fitsLimit(s: { heap: HeapResult; budget: Budget }, limit: bigint): boolean {
  return s.heap.maxHeapBytes < limit && s.heap.maxHeapBytes + s.budget.totalBytes <= limit;
}

const ceilMi = (b: bigint): bigint => ((b + MI - 1n) / MI) * MI;

/**
 * The smallest limit (a whole number of Mi, at least `minBytes`) at which this JVM's heap plus its budget fits.
 * The heap may grow with the limit (a percentage), so the search recomputes it at every candidate. Null when no
 * limit fits (a percentage near 100).
 */
export function limitThatFits(ctx: RuleContext, a: JvmAnalysis, minBytes: bigint): { bytes: bigint; at: Simulated } | null {
  // A limit at or above node memory counts as none (the JVM then sizes itself from the node): never propose one.
  const node = a.heapInput.nodeMemoryBytes;
  const at = (limit: bigint): Simulated | null => {
    if (limit >= node) return null;
    const s = simulate(ctx, a, [], limit);
    return fitsLimit(s, limit) ? s : null;
  };
  let low = ceilMi(minBytes > MI ? minBytes : MI);
  const first = at(low);
  if (first) return { bytes: low, at: first };
  // Grow until something fits, then search down between the last miss and the first fit.
  let step = low;
  let high: bigint | null = null;
  for (let i = 0; i < 24 && high === null && low < node; i++) {
    const candidate = low + step;
    if (at(candidate)) high = candidate;
    else {
      low = candidate;
      step *= 2n;
    }
  }
  if (high === null) return null;
  let hi: bigint = high;
  while (hi - low > MI) {
    let mid: bigint = ((low + hi) / 2n / MI) * MI;
    if (mid <= low) mid = low + MI;
    if (at(mid)) hi = mid;
    else low = mid;
  }
  const s = at(hi);
  return s ? { bytes: hi, at: s } : null;
}

/** `-Xmx`, `-Xms`, `-XX:MaxHeapSize=`, `-XX:InitialHeapSize=`: the spelling a resized option keeps. */
function sizePrefix(text: string): string | null {
  const m = /^(-Xmx|-Xms|-XX:MaxHeapSize=|-XX:InitialHeapSize=)/.exec(text);
  return m ? m[1] : null;
}

/** The option edits are valid only if the JVM reads them without a new complaint. */
function noNewProblems(a: JvmAnalysis, s: Simulated): boolean {
  return s.settings.problems.length <= a.settings.problems.filter((p) => p.code !== 'initial-exceeds-max').length;
}

function optionFix(subject: JvmSubject, edits: OptionEdit[], title: string, preferred: boolean): Fix | null {
  const textEdits = subject.edits.editOptions(subject.analysis.launch.tokens, edits);
  if (!textEdits) return null;
  return { title, edits: textEdits, ...(preferred ? { isPreferred: true } : {}) };
}

/**
 * Lower the heap so heap + budget fits the limit: `-Xmx` (or the `-Xms` that raised it) to the largest aligned size
 * that fits (budget.ts fitHeap), an `-Xms` above that size with it, or a percentage to the largest that fits
 * (percentageThatFits). Resizing: never safe.
 */
export function lowerHeapFix(ctx: RuleContext, subject: JvmSubject, heap: HeapResult, limit: bigint): Fix | null {
  const a = subject.analysis;
  const tok = a.heapToken;
  if (!editable(tok)) return null;
  const index = a.settings.tokens.indexOf(tok);
  if (index < 0) return null;
  const edits: OptionEdit[] = [];
  if (heap.heapSource === 'Xmx' || heap.heapSource === 'MaxHeapSize' || heap.heapSource === 'Xms') {
    const prefix = sizePrefix(tok.text);
    const fit = fitHeap(limit, a.budgetInputs, { gc: heap.gc, jdkMajor: a.jdkMajor });
    if (!prefix || fit === null) return null;
    edits.push({ index, replacement: prefix + formatJvmSize(fit) });
    const ms = a.settings.initialHeapSize;
    if (heap.heapSource !== 'Xms' && ms && ms.value > fit) {
      const msTok = a.settings.tokens[ms.index];
      const msPrefix = msTok ? sizePrefix(msTok.text) : null;
      if (!msTok || !editable(msTok) || !msPrefix) return null;
      edits.push({ index: ms.index, replacement: msPrefix + formatJvmSize(fit) });
    }
  } else if (heap.heapSource === 'MaxRAMPercentage' || heap.heapSource === 'MaxRAMFraction') {
    if (!percentagesSupported(a)) return null;
    const pf = percentageThatFits(limit, a.budgetInputs, a.heapInput);
    if (!pf) return null;
    edits.push({ index, replacement: `-XX:MaxRAMPercentage=${pf.text}` });
  } else return null;
  const s = simulate(ctx, a, edits, limit);
  if (!fitsLimit(s, limit) || !noNewProblems(a, s)) return null;
  const names = edits.map((e) => `\`${e.replacement}\``).join(' and ');
  return optionFix(
    subject,
    edits,
    `Lower the heap to ${names}${configMapNote(tok)} (${formatBytes(s.heap.maxHeapBytes)}: fits the memory limit with the non-heap budget)`,
    true,
  );
}

/** Raise the memory limit (and the request where the pod is Guaranteed) to the heap plus its budget. Never safe. */
export function raiseLimitFix(ctx: RuleContext, subject: JvmSubject, heap: HeapResult, budget: Budget, preferred: boolean): Fix | null {
  const a = subject.analysis;
  const found = limitThatFits(ctx, a, heap.maxHeapBytes + budget.totalBytes);
  if (!found) return null;
  const edits = subject.edits.setMemoryLimit(found.bytes);
  if (!edits) return null;
  const value = subject.edits.formatMemory(found.bytes);
  const withRequest = subject.edits.setsRequestToo;
  return {
    title: `Raise the memory ${withRequest ? 'limit and request' : 'limit'} to \`${value}\` (heap ${formatBytes(found.at.heap.maxHeapBytes)} + non-heap budget ${formatBytes(found.at.budget.totalBytes)})`,
    edits,
    ...(preferred ? { isPreferred: true } : {}),
  };
}

/** One finding per place and message: JVMs that share a ConfigMap or an alias report it once. */
export function dedupe(findings: RuleFinding[]): RuleFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.range.start.line}:${f.range.start.character}:${f.range.end.line}:${f.range.end.character}:${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Numbers for `facts` (bigint does not survive JSON). */
export function bytesFact(b: bigint | null | undefined): string | null {
  return b === null || b === undefined ? null : b.toString();
}

/** The JDK named for messages: `JDK 17`, or `JDK 17 (assumed: the image does not say)`. */
export function jdkLabel(a: JvmAnalysis): string {
  const j = a.launch.jdk;
  const name = j.major === 8 && j.update !== null ? `JDK 8u${j.update}` : j.update !== null ? `JDK ${j.major}.0.${j.update}` : `JDK ${j.major}`;
  return j.source === 'assumed' ? `${name} (assumed: the image does not say)` : name;
}

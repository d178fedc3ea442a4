// jvm-unrecognized-option: an option the JVM of that version rejects, so it refuses to start: a flag removed or
// not yet added (`-XX:+UseCGroupMemoryLimitForHeap` on JDK 11+, `-XX:MaxPermSize` on 17), a malformed size
// (`-Xmx1.5g`), an integer for a percentage on JDK 8 (`MaxRAMPercentage=75` needs `75.0`), a locked experimental
// flag, two collectors, and the Kubernetes trap of `$(JAVA_OPTS)` passed as ONE argument (Kubernetes never splits
// it: REFERENCE.md §6.4). Also a heap too small for its collector (G1 with 2 MiB). Messages are the JVM's own
// (measured on JDK 17.0.15; JDK 8 from its source; REFERENCE.md §2.3, §4 item 18).
// When the JDK is only assumed (the image does not say which), a version-dependent verdict is a warning.
// Eclipse OpenJ9 options on a HotSpot JDK (`-Xtune:virtualized`, `-Xshareclasses`, `-XX:+IdleTuningGcOnIdle`: the
// measured table in options.ts) are refused the same way; on an OpenJ9 image they are fine.
// Fixes (safe, they change no size): remove an obsolete flag or an OpenJ9 option; write `75.0` for JDK 8; `75%` → `75.0`.
// In a Dockerfile they edit the instruction that writes the option (jvm/option-edits.ts → docker/option-edits.ts).
import type { Fix, Severity } from '../types';
import { dedupe, jdkLabel, templated, tokenRange } from '../findings/jvm-heap';
import type { Rule, RuleContext, RuleFinding } from '../rule';
import { formatBytes } from '../bytes';

/**
 * Verdicts that depend on the JDK (the rest are refused by every HotSpot). `openj9-only`: an Eclipse OpenJ9 option
 * (options.ts OPENJ9_X_OPTIONS, measured on HotSpot 17.0.15) is fine on OpenJ9, so an image that does not say which
 * JVM it carries only gets a warning.
 */
const VERSION_DEPENDENT = new Set(['unrecognized', 'experimental-locked', 'jdk8-integer-double', 'openj9-only']);

export const jvmUnrecognizedOption: Rule = {
  id: 'jvm-unrecognized-option',
  defaultSeverity: 'error',
  summary: 'An option the JVM of that version rejects: it refuses to start',
  check(ctx: RuleContext): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const subject of ctx.jvmSubjects) {
      const a = subject.analysis;
      const assumed = a.launch.jdk.source === 'assumed';
      const reported = new Set<number>();
      // One argument holding several options: the cause is the missing split, not the option it starts with.
      a.launch.tokens.forEach((t, i) => {
        if (!t.problem || templated(t)) return;
        reported.add(i);
        const severity: Severity | undefined = t.problem.fatal === true ? undefined : 'warning';
        findings.push({
          message: `${t.problem.message}${t.problem.jvmMessage ? ` ("${t.problem.jvmMessage}")` : ''}`,
          // The `$(VAR)` reference is what does not split: point there when it is written in this file.
          range: t.via[0]?.refSpan ? ctx.lines.range(t.via[0].refSpan) : tokenRange(ctx, subject, t),
          facts: { container: subject.name, jvmMessage: t.problem.jvmMessage, code: t.problem.kind, fatal: t.problem.fatal },
          ...(severity ? { severity } : {}),
        });
      });
      for (const p of a.settings.problems) {
        if (p.ruleId !== 'jvm-unrecognized-option' || reported.has(p.index) || templated(p.token)) continue;
        reported.add(p.index);
        const fixes: Fix[] = [];
        if (p.fix) {
          const edits = subject.edits.editOptions(a.launch.tokens, p.fix.edits);
          if (edits) fixes.push({ title: p.fix.title, edits, isPreferred: true, safe: true });
        }
        const guess = assumed && VERSION_DEPENDENT.has(p.code);
        const what = p.code === 'openj9-only'
          ? `\`${p.token.text}\` is an Eclipse OpenJ9 option: HotSpot ${jdkLabel(a)} refuses to start`
          : `\`${p.token.text}\` makes ${jdkLabel(a)} refuse to start`;
        findings.push({
          message: `${what} ("${p.message}")`,
          range: tokenRange(ctx, subject, p.token),
          facts: { container: subject.name, jvmMessage: p.message, code: p.code, jdkMajor: a.jdkMajor, jdkAssumed: assumed },
          ...(guess ? { severity: 'warning' as const } : {}),
          ...(fixes.length ? { fixes } : {}),
        });
      }
      const heap = a.heap;
      if (heap?.fatal && !templated(a.heapToken)) {
        const tok = a.heapToken;
        findings.push({
          message:
            `${tok ? `\`${tok.text}\` heap` : 'The max heap'} (${formatBytes(heap.maxHeapBytes)}) is too small for ${heap.gc}: ` +
            `the JVM refuses to start ("${heap.fatal}")`,
          range: tokenRange(ctx, subject, tok),
          facts: { container: subject.name, jvmMessage: heap.fatal, code: 'heap-too-small', gc: heap.gc },
        });
      }
    }
    return dedupe(findings);
  },
};

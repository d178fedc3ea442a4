// jvm-initial-heap-exceeds-max: `-Xms` above `-Xmx` (both given). HotSpot refuses to start with "Initial heap size
// set to a larger value than the maximum heap size" — printed on stdout, so it is easy to miss in container logs
// (GCArguments::initialize_heap_flags_and_sizes; REFERENCE.md §2.3, §4 item 16). An `-Xms` from JAVA_TOOL_OPTIONS
// counts like any other: the check is on the values the JVM ends up with, after "last one wins".
// Example: `-Xms2g -Xmx1g` → swap them (`-Xms1g -Xmx2g`), a safe fix: both sizes stay as the user wrote them.
// Made where the options are written, in a Dockerfile too (docker/option-edits.ts).
import type { Fix } from '../types';
import { dedupe, templated, tokenRange } from '../findings/jvm-heap';
import type { Rule, RuleContext, RuleFinding } from '../rule';
import { formatBytes } from '../bytes';

export const jvmInitialHeapExceedsMax: Rule = {
  id: 'jvm-initial-heap-exceeds-max',
  defaultSeverity: 'error',
  summary: '`-Xms` above `-Xmx`: the JVM refuses to start',
  check(ctx: RuleContext): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const subject of ctx.jvmSubjects) {
      const a = subject.analysis;
      for (const p of a.settings.problems) {
        if (p.ruleId !== 'jvm-initial-heap-exceeds-max') continue;
        const related = p.relatedIndex !== undefined ? a.settings.tokens[p.relatedIndex] : undefined;
        if (templated(p.token) || templated(related)) continue;
        const ms = a.settings.initialHeapSize ?? a.settings.minHeapSize;
        const mx = a.settings.maxHeapSize;
        const sizes = ms && mx ? ` (${formatBytes(ms.value)} > ${formatBytes(mx.value)})` : '';
        const fixes: Fix[] = [];
        if (p.fix) {
          const edits = subject.edits.editOptions(a.launch.tokens, p.fix.edits);
          if (edits) fixes.push({ title: p.fix.title, edits, isPreferred: true, safe: true });
        }
        findings.push({
          message:
            `\`${p.token.text}\` is above ${related ? `\`${related.text}\`` : 'the maximum heap'}${sizes}: ` +
            `the JVM refuses to start ("${p.message}")`,
          range: tokenRange(ctx, subject, p.token),
          facts: { container: subject.name, jvmMessage: p.message, code: p.code },
          ...(fixes.length ? { fixes } : {}),
        });
      }
    }
    return dedupe(findings);
  },
};

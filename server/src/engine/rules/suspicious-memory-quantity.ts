// suspicious-memory-quantity: a memory quantity the API server accepts but that cannot be what was meant.
// Why: `m` is milli, so `memory: 512m` is 0.512 bytes, which Value() rounds up to 1 byte (kubernetes/apimachinery
// pkg/api/resource/quantity.go; REFERENCE.md §1.5, §4 trap 10); any memory value below 1Mi is far below what a
// process needs to start. Zero is left alone: it is a deliberate "no request".
// Example: `memory: 512m` → `memory: 512Mi` (preferred, safe).
import { editTarget, replaceScalarEdit, toTextEdits } from '../yaml/edits';
import { trimEndChars } from '../strings';
import type { Fix } from '../types';
import { fieldLabel, quantityFields, writtenValue } from '../k8s/resource-fields';
import type { Rule, RuleContext, RuleFinding } from '../rule';
import { formatBytes } from '../bytes';

const ONE_MI = 1n << 20n;

/** A milli amount of bytes as a decimal (`512` milli → `0.512`). */
function milliBytesText(milli: bigint): string {
  const whole = milli / 1000n;
  const frac = trimEndChars((milli % 1000n).toString().padStart(3, '0'), '0');
  return frac ? `${whole}.${frac}` : `${whole}`;
}

export const suspiciousMemoryQuantity: Rule = {
  id: 'suspicious-memory-quantity',
  defaultSeverity: 'warning',
  summary: 'A memory quantity that is legal but surely wrong: the `m` (milli) suffix, or below 1Mi',
  check(ctx: RuleContext): RuleFinding[] {
    if (ctx.fileKind !== 'kubernetes' || !ctx.manifest) return [];
    const t = editTarget(ctx.text, ctx.lines, ctx.yaml);
    const findings: RuleFinding[] = [];
    for (const { container, field } of quantityFields(ctx.manifest)) {
      const q = field.quantity;
      const node = field.node;
      if (field.resource !== 'memory' || !q || field.error !== undefined || !node || node.kind !== 'scalar') continue;
      if (q.value <= 0n || q.milliValue === 0n) continue; // zero (and negatives, which invalid-quantity reports)
      const written = writtenValue(ctx.text, node);
      const label = fieldLabel(field.resource, field.which, container === null);
      const fixes: Fix[] = [];
      const number = /^\s*\+?(\d+(?:\.\d+)?|\.\d+)/.exec(q.text)?.[1] ?? null;
      let message: string;
      if (q.suffix === 'm' || q.suffix === 'u' || q.suffix === 'n') {
        const unit = q.suffix === 'm' ? 'milli' : q.suffix === 'u' ? 'micro' : 'nano';
        const bytes = q.suffix === 'm' ? `${milliBytesText(q.milliValue)} bytes` : 'a fraction of a byte';
        message =
          `${label} \`${written}\` is ${bytes} (\`${q.suffix}\` means ${unit}), rounded up to ${q.value} ` +
          `byte${q.value === 1n ? '' : 's'}` +
          (number ? `: did you mean \`${number}Mi\`?` : '');
        if (number && q.suffix === 'm') {
          const mi = toTextEdits(t, [replaceScalarEdit(t, node, `${number}Mi`)]);
          const m = toTextEdits(t, [replaceScalarEdit(t, node, `${number}M`)]);
          // `m` → `Mi` is a spelling fix (DESIGN.md "Quick fixes"): safe in bulk; `M` is the decimal alternative.
          if (mi) fixes.push({ title: `Change to \`${number}Mi\``, edits: mi, isPreferred: true, safe: true });
          if (m) fixes.push({ title: `Change to \`${number}M\``, edits: m });
        }
      } else if (q.value < ONE_MI) {
        // Only a byte count written as such: `010` is 8 bytes to YAML 1.1, and `8Mi` is not what its author meant either.
        const plainInteger = q.suffix === '' && /^\d+$/.test(q.text.trim()) && node.source.trim() === q.text.trim();
        message =
          `${label} \`${written}\` is only ${formatBytes(q.value)}, below 1Mi` +
          (plainInteger ? `: did you mean \`${q.text.trim()}Mi\`?` : '');
        if (plainInteger) {
          const edits = toTextEdits(t, [replaceScalarEdit(t, node, `${q.text.trim()}Mi`)]);
          // A bare number is a legitimate byte count, so turning it into MiB is a guess: never applied in bulk.
          if (edits) fixes.push({ title: `Change to \`${q.text.trim()}Mi\``, edits, isPreferred: true });
        }
      } else continue;
      findings.push({
        message,
        range: ctx.lines.range(node.span),
        facts: { resource: field.resource, which: field.which, value: written, bytes: q.value.toString() },
        ...(fixes.length ? { fixes } : {}),
      });
    }
    return findings;
  },
};

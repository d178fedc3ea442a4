// invalid-quantity: a requests/limits value the API server rejects, so the whole object is refused.
// Why: suffixes are case-sensitive and there is no `B` (`4GB`, `1gi`, `512MB`), a quantity has no spaces
// (`1.5 Gi`), and negative values fail validation (kubernetes/apimachinery pkg/api/resource/quantity.go
// ParseQuantity; kubernetes pkg/apis/core/validation ValidateResourceQuantityValue; REFERENCE.md §1.5).
// Example: `memory: 4GB` → `memory: 4Gi` (preferred, binary, safe) or `memory: 4G` (decimal).
import { editTarget, replaceScalarEdit, toTextEdits } from '../yaml/edits';
import { parseQuantity } from '../quantity';
import type { Fix } from '../types';
import type { YNode } from '../yaml/tree';
import { fieldLabel, quantityFields, writtenValue } from '../k8s/resource-fields';
import type { Rule, RuleContext, RuleFinding } from '../rule';

/** Suffix spellings people write, lower-cased, → the valid suffixes they most likely meant (preferred first). */
const SUFFIX_GUESSES: Record<string, string[]> = {
  b: [''],
  k: ['Ki', 'k'],
  kb: ['Ki', 'k'],
  ki: ['Ki'],
  kib: ['Ki'],
  m: ['Mi', 'M'],
  mb: ['Mi', 'M'],
  mi: ['Mi'],
  mib: ['Mi'],
  g: ['Gi', 'G'],
  gb: ['Gi', 'G'],
  gi: ['Gi'],
  gib: ['Gi'],
  t: ['Ti', 'T'],
  tb: ['Ti', 'T'],
  ti: ['Ti'],
  tib: ['Ti'],
  p: ['Pi', 'P'],
  pb: ['Pi', 'P'],
  pi: ['Pi'],
  pib: ['Pi'],
  eb: ['Ei', 'E'],
  ei: ['Ei'],
  eib: ['Ei'],
};

const VALID_SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);

export interface SpellingGuess {
  /** Valid spellings, the most likely first. Empty when there is no confident guess. */
  candidates: string[];
  /** Why the written form is rejected, for the message (no trailing period). */
  reason: string | null;
}

/**
 * Guess what an invalid quantity meant. Only spelling is repaired (case, a `B` suffix, spaces, digit
 * separators); a negative number or a non-number gets no guess.
 */
export function guessQuantitySpelling(written: string): SpellingGuess {
  const s = written.trim();
  // sign, number (digits and `_`, an optional point and fraction; or `.5`), spaces, letters. The fraction needs
  // its point, so digits cannot be split two ways (linear matching, test/robustness/redos.test.ts).
  const m = /^(\+?)(\d[\d_]*(?:\.\d*)?|\.\d+)(\s*)([A-Za-z]*)$/.exec(s);
  if (!m) return { candidates: [], reason: null };
  const [, sign, numberPart, space, suffix] = m;
  const number = sign + numberPart.replace(/_/g, '');
  let options: string[];
  let reason: string | null = null;
  if (VALID_SUFFIXES.has(suffix)) options = [suffix];
  else {
    options = SUFFIX_GUESSES[suffix.toLowerCase()] ?? [];
    if (/b$/i.test(suffix)) reason = 'Kubernetes quantities have no `B` suffix';
    else if (options.length) reason = 'quantity suffixes are case-sensitive';
  }
  if (!reason && space) reason = 'a quantity cannot contain spaces';
  if (!reason && numberPart.includes('_')) reason = 'a quoted quantity cannot contain `_`';
  const candidates: string[] = [];
  for (const suf of options) {
    const candidate = number + suf;
    if (candidate === s || candidates.includes(candidate)) continue;
    const parsed = parseQuantity(candidate);
    if (parsed.ok) candidates.push(candidate);
  }
  return { candidates, reason };
}

function isNegative(text: string | null, node: YNode | null): boolean {
  if (node && node.kind === 'scalar' && (typeof node.value === 'number' || typeof node.value === 'bigint')) {
    return node.value < 0;
  }
  return !!text && /^\s*-/.test(text);
}

export const invalidQuantity: Rule = {
  id: 'invalid-quantity',
  defaultSeverity: 'error',
  summary: 'A resource quantity the API server rejects (`4GB`, `1.5 Gi`, `1gi`, a negative value)',
  check(ctx: RuleContext): RuleFinding[] {
    if (ctx.fileKind !== 'kubernetes' || !ctx.manifest) return [];
    const t = editTarget(ctx.text, ctx.lines, ctx.yaml);
    const findings: RuleFinding[] = [];
    for (const { container, field } of quantityFields(ctx.manifest)) {
      if (field.templated) continue;
      const node = field.node;
      const structural = !!node && node.kind !== 'scalar';
      if (field.error === undefined && !structural) continue;
      if (!node) continue;
      const written = writtenValue(ctx.text, node);
      const label = fieldLabel(field.resource, field.which, container === null);
      const fixes: Fix[] = [];
      let message: string;
      if (node.kind === 'scalar' && typeof node.value === 'boolean') {
        message = `${label} \`${written}\` is not a quantity (YAML reads it as a boolean): the API server rejects the pod`;
      } else if (structural) {
        message = `${label} must be a quantity such as \`512Mi\`, not a ${node.kind === 'map' ? 'map' : 'list'}: the API server rejects the pod`;
      } else if (isNegative(field.text, node)) {
        message = `${label} \`${written}\` is negative: the API server rejects the pod`;
      } else {
        const guess = node.kind === 'scalar' ? guessQuantitySpelling(node.source) : { candidates: [], reason: null };
        const why = guess.reason ? ` (${guess.reason})` : '';
        const hint = guess.candidates.length
          ? `: did you mean ${guess.candidates.map((c) => `\`${c}\``).join(' or ')}?`
          : ': the API server rejects the pod';
        message = `${label} \`${written}\` is not a valid quantity${why}${hint}`;
        guess.candidates.forEach((candidate, i) => {
          const edits = node.kind === 'scalar' ? toTextEdits(t, [replaceScalarEdit(t, node, candidate)]) : null;
          if (!edits) return;
          // Only the most likely spelling is safe to apply in bulk; the alternatives are for the user to choose.
          fixes.push({ title: `Change to \`${candidate}\``, edits, isPreferred: i === 0, safe: i === 0 });
        });
      }
      findings.push({
        message,
        range: ctx.lines.range(node.span),
        facts: { resource: field.resource, which: field.which, value: written, error: field.error ?? null },
        ...(fixes.length ? { fixes } : {}),
      });
    }
    return findings;
  },
};

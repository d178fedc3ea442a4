// The rule runner: severity settings, suppression comments, and isolation — a failing rule is logged and
// the others still run (rust-analyzer: "analysis returns results and errors, it does not fail").
import type { Options, RuleSetting } from '../options';
import type { Finding, RuleId, Severity } from '../types';
import type { Rule, RuleContext } from '../rule';
import { mayHaveCommentWord } from '../strings';

export type Mode = 'editor' | 'cli';

/** Defaults that depend on where the findings are shown (DESIGN.md: `yaml-syntax` is off in the editor). */
function defaultSetting(rule: Rule, mode: Mode): RuleSetting {
  if (rule.id === 'yaml-syntax' && mode === 'editor') return 'off';
  return rule.defaultSeverity;
}

export interface Suppressions {
  /** Rule ids disabled for the whole file; `*` disables all. */
  file: Set<string>;
  /** Line (0-based) → rule ids disabled on that line; `*` disables all. */
  lines: Map<number, Set<string>>;
}

const DIRECTIVE = /#\s*oom-lens-(disable-next-line|disable)\b([^\n\r]*)/;

/**
 * `# oom-lens-disable-next-line <id> [<id>…]` silences the next line; `# oom-lens-disable <id>` the whole file.
 * Without ids, every rule. Works in YAML and Dockerfiles alike (both use `#` comments).
 */
export function parseSuppressions(lines: readonly string[]): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map() };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes('oom-lens-disable')) continue;
    const m = DIRECTIVE.exec(line);
    if (!m) continue;
    const ids = m[2].split(/[\s,]+/).filter((s) => s !== '' && !s.startsWith('#') && !s.startsWith('--'));
    const set = ids.length ? new Set(ids) : new Set(['*']);
    if (m[1] === 'disable') for (const id of set) result.file.add(id);
    else {
      const target = result.lines.get(i + 1) ?? new Set<string>();
      for (const id of set) target.add(id);
      result.lines.set(i + 1, target);
    }
  }
  return result;
}

function suppressed(s: Suppressions, id: RuleId, line: number): boolean {
  if (s.file.has('*') || s.file.has(id)) return true;
  const onLine = s.lines.get(line);
  return !!onLine && (onLine.has('*') || onLine.has(id));
}

export function severityFor(rule: Rule, options: Options, mode: Mode): RuleSetting {
  return options.rules[rule.id] ?? defaultSetting(rule, mode);
}

export interface RunResult {
  findings: Finding[];
  /** Rules that threw, with the error, for the log. Never shown as findings. */
  failures: Array<{ where: string; error: unknown }>;
}

export function runRules(rules: readonly Rule[], ctx: RuleContext, mode: Mode): RunResult {
  // Splitting a 67k-line file into lines costs more than the rules: only a file that has a directive is split.
  const suppressions = mayHaveCommentWord(ctx.text, 'oom-lens-disable')
    ? parseSuppressions(Array.from({ length: ctx.lines.lineCount }, (_, i) => ctx.lines.lineText(i)))
    : parseSuppressions([]);
  const findings: Finding[] = [];
  const failures: RunResult['failures'] = [];
  for (const rule of rules) {
    const setting = severityFor(rule, ctx.options, mode);
    if (setting === 'off') continue;
    try {
      for (const f of rule.check(ctx)) {
        if (suppressed(suppressions, rule.id, f.range.start.line)) continue;
        // A severity the user configured wins over a rule's own per-finding choice.
        const severity: Severity = ctx.options.rules[rule.id] !== undefined ? setting : (f.severity ?? setting);
        findings.push({ ...f, ruleId: rule.id, severity });
      }
    } catch (error) {
      failures.push({ where: `rule ${rule.id}`, error });
    }
  }
  findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.ruleId.localeCompare(b.ruleId),
  );
  return { findings, failures };
}

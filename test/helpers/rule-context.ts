// Build a RuleContext from YAML text the way analyze() does (text → parseYaml → buildManifestModel), and run rules
// on it, so rule tests go end to end without the runner's severity and suppression layer.
import { buildYamlContext } from '../../server/src/engine/analyze';
import { normalizeOptions } from '../../server/src/engine/options';
import type { Rule, RuleContext, RuleFinding } from '../../server/src/engine/rule';
import { LineIndex } from '../../server/src/engine/text';
import { parseYaml } from '../../server/src/engine/yaml/parse';

export interface ContextOptions {
  options?: unknown;
  fileKind?: RuleContext['fileKind'];
  helm?: boolean;
  nodeMemoryBytes?: bigint;
  /** Extra context fields (e.g. `containersWithJvm`). */
  extra?: Record<string, unknown>;
}

export function ruleContext(text: string, opts: ContextOptions = {}): RuleContext {
  const yaml = parseYaml(text, { helm: opts.helm ?? false });
  const options = normalizeOptions(opts.options ?? {});
  const ctx = buildYamlContext({ text, options }, yaml, new LineIndex(text), opts.nodeMemoryBytes ?? 16n * 1024n ** 3n);
  return { ...ctx, fileKind: opts.fileKind ?? 'kubernetes', ...(opts.extra ?? {}) };
}

export function check(rule: Rule, text: string, opts: ContextOptions = {}): RuleFinding[] {
  return rule.check(ruleContext(text, opts));
}

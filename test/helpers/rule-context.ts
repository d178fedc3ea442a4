// Build a RuleContext from YAML text the way analyze() does (text → parseYaml → buildManifestModel), and run rules
// on it, so rule tests go end to end without the runner's severity and suppression layer.
import { buildManifestModel } from '../../server/src/engine/k8s/manifests';
import { normalizeOptions } from '../../server/src/engine/options';
import type { Rule, RuleContext, RuleFinding } from '../../server/src/engine/rules/rule';
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
  const manifest = buildManifestModel(yaml, { nodeMemoryBytes: opts.nodeMemoryBytes ?? 16n * 1024n ** 3n });
  return {
    text,
    lines: new LineIndex(text),
    options: normalizeOptions(opts.options ?? {}),
    fileKind: opts.fileKind ?? 'kubernetes',
    yaml,
    manifest,
    ...(opts.extra ?? {}),
  };
}

export function check(rule: Rule, text: string, opts: ContextOptions = {}): RuleFinding[] {
  return rule.check(ruleContext(text, opts));
}

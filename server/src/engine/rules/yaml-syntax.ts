// yaml-syntax: the YAML cannot be parsed, so the API server (or docker compose) would refuse the file and nothing
// else in it can be trusted. Editors already underline YAML syntax errors, so the runner turns this rule off in
// the editor by default; the CLI reports it (DESIGN.md "Rule ids", "Contract: the CLI").
// Reported for documents that look like Kubernetes objects (`apiVersion` + `kind`) or compose files (`services`),
// for every broken document of a file that has such a document, and for documents so broken that nothing can be
// classified; never for Helm templates (their `{{ … }}` is masked, the rest is not meant to parse on its own) and
// never for YAML the classifier ignores (Helm values, CI configs).
import { trimEndChars } from '../strings';
import type { YDocument, YError } from '../yaml/tree';
import { get } from '../yaml/tree';
import type { Rule, RuleContext, RuleFinding } from '../rule';

function looksRelevant(doc: YDocument, text: string): boolean {
  const c = doc.contents;
  if (c && c.kind === 'map') {
    if (get(c, 'apiVersion') && get(c, 'kind')) return true;
    const services = get(c, 'services');
    if (services && services.kind === 'map' && !get(c, 'kind')) return true;
  }
  // The error may have cut the map short before `kind:` was read: look at the document's own lines too.
  const own = text.slice(doc.span[0], doc.span[1]);
  return (/^apiVersion[ \t]*:/m.test(own) && /^kind[ \t]*:/m.test(own)) || /^services[ \t]*:[ \t]*(#.*)?$/m.test(own);
}

/** Nothing usable came out of the document: no map at the top (an empty document with no error is not broken). */
function unclassifiable(doc: YDocument): boolean {
  return !doc.contents || doc.contents.kind === 'scalar';
}

/** The parser's message without its position suffix and code excerpt, sentence case, no trailing period. */
export function cleanYamlMessage(message: string): string {
  let m = message.split(/\r?\n/)[0].replace(/ at line \d+, column \d+:?\s*$/, '').trim();
  m = trimEndChars(m, '.:');
  return m ? m[0].toUpperCase() + m.slice(1) : 'Invalid YAML';
}

export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  summary: 'The file cannot be parsed as YAML',
  check(ctx: RuleContext): RuleFinding[] {
    const yaml = ctx.yaml;
    if (!yaml || yaml.templated || ctx.fileKind === 'dockerfile') return [];
    const fileRelevant = yaml.docs.some((d) => looksRelevant(d, ctx.text));
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const doc of yaml.docs) {
      if (doc.errors.length === 0) continue;
      if (!fileRelevant && !unclassifiable(doc)) continue;
      for (const error of doc.errors as YError[]) {
        const key = `${error.span[0]}:${error.span[1]}:${error.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({
          message: `YAML syntax error: ${cleanYamlMessage(error.message)}`,
          range: ctx.lines.range(error.span),
        });
      }
    }
    return findings;
  },
};

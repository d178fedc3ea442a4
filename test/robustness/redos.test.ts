// No regular expression in the server with super-linear backtracking: every regex literal (and every
// `new RegExp('constant')`) under server/src is found with the TypeScript parser and checked with recheck, a ReDoS
// checker (automata theory plus fuzzing; https://makenowjust-labs.github.io/recheck/).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { ROOT } from '../lsp/lsp-client';

interface Found {
  where: string;
  source: string;
  flags: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

function regexesOf(path: string): Found[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const where = (node: ts.Node) => `${relative(ROOT, path)}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = (node as ts.RegularExpressionLiteral).text;
      const end = literal.lastIndexOf('/');
      found.push({ where: where(node), source: literal.slice(1, end), flags: literal.slice(end + 1) });
    } else if (ts.isNewExpression(node) || ts.isCallExpression(node)) {
      const callee = node.expression;
      const args = node.arguments ?? [];
      if (ts.isIdentifier(callee) && callee.text === 'RegExp' && args.length && ts.isStringLiteralLike(args[0])) {
        const flags = args[1] && ts.isStringLiteralLike(args[1]) ? args[1].text : '';
        found.push({ where: where(node), source: args[0].text, flags });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * Known polynomial (O(n²)) patterns, each with the input that reaches it. Empty: the thirteen of the issue 6 report
 * were rewritten as linear patterns or small scanners (server/src/engine/strings.ts, yaml/helm.ts blockScalarHead).
 * The list only shrinks: a new vulnerable pattern fails the test, and so does an entry that is fixed or gone.
 */
const KNOWN_POLYNOMIAL: Record<string, string> = {};

describe('regular expressions', () => {
  const files = walk(join(ROOT, 'server', 'src'));
  const all = files.flatMap(regexesOf);

  it('finds the regular expressions of the server sources', () => {
    // The extraction itself works: the suppression comment pattern (rules/run.ts) is among them.
    assert.ok(all.length > 20, `${all.length} found`);
    assert.ok(all.some((r) => r.source.includes('oom-lens-(disable-next-line|disable)')), 'the suppression directive regex is found');
  });

  it('recheck flags a quadratic pattern (the check itself works, though the list above is empty)', () => {
    // The block scalar header pattern yaml/helm.ts used before blockScalarHead.
    const d = checkSync('^(.*?)\\s[|>][-+]?[1-9]?[-+]?\\s*(?:#.*)?$', '', { timeout: 5_000 });
    assert.equal(d.status, 'vulnerable');
    assert.equal(d.status === 'vulnerable' && d.complexity.type, 'polynomial');
  });

  it('has no regular expression that backtracks super-linearly (recheck)', () => {
    const unsafe: string[] = [];
    const seen = new Map<string, string>();
    for (const r of all) {
      const key = `/${r.source}/${r.flags}`;
      let status = seen.get(key);
      if (status === undefined) {
        const d = checkSync(r.source, r.flags, { timeout: 5_000 });
        status = d.status === 'vulnerable' ? `vulnerable (${d.complexity.type}${d.attack ? `, attack ${JSON.stringify(d.attack.pattern)}` : ''})` : d.status;
        seen.set(key, status);
      }
      // `unknown` means recheck gave up within its limits (e.g. a back-reference); only a proven problem fails.
      if (status.startsWith('vulnerable') && !(status.includes('polynomial') && key in KNOWN_POLYNOMIAL)) unsafe.push(`${r.where} ${key} ${status}`);
    }
    assert.deepEqual(unsafe, [], 'no new vulnerable regular expression');
    const stale = Object.keys(KNOWN_POLYNOMIAL).filter((key) => !seen.get(key)?.startsWith('vulnerable'));
    assert.deepEqual(stale, [], 'fixed or removed: delete these from KNOWN_POLYNOMIAL');
  });
});

// Tokenises text with VS Code's own TextMate engine (vscode-textmate + vscode-oniguruma) and VS Code's own YAML and
// Dockerfile grammars, with the OOM Lens injection grammar in syntaxes/ — what the editor does when it colours a file.
// The engine and the host grammars come from the repository's node_modules when present, else from the pinned
// code-server runtime (test/vscode/runtime, installed by scripts/e2e-setup.sh), which ships both with VS Code 1.100.3.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../..');
const vscodeDir = join(repoRoot, 'test/vscode/runtime/node_modules/code-server/lib/vscode');
export const INJECTION_SCOPE = 'oom-lens.jvm-memory.injection';
const injectionPath = join(repoRoot, 'syntaxes/jvm-memory.injection.tmLanguage.json');

/** A token: its text and its scopes, outermost first. */
export interface Token {
  text: string;
  scopes: string[];
}

interface TmGrammar {
  tokenizeLine(line: string, state: unknown): { tokens: { startIndex: number; endIndex: number; scopes: string[] }[]; ruleStack: unknown };
}

interface TextMateModule {
  Registry: new (options: {
    onigLib: Promise<unknown>;
    loadGrammar(scopeName: string): Promise<unknown>;
    getInjections(scopeName: string): string[] | undefined;
  }) => { loadGrammar(scopeName: string): Promise<TmGrammar | null> };
  INITIAL: unknown;
  parseRawGrammar(content: string, filePath: string): unknown;
}

interface OnigurumaModule {
  loadWASM(data: ArrayBuffer | { data: ArrayBuffer }): Promise<void>;
  createOnigScanner(patterns: string[]): unknown;
  createOnigString(s: string): unknown;
}

function load<T>(name: string): T {
  const fromRepo = createRequire(join(repoRoot, 'package.json'));
  try {
    return fromRepo(name) as T;
  } catch {
    const fromRuntime = createRequire(join(vscodeDir, 'package.json'));
    try {
      return fromRuntime(name) as T;
    } catch {
      throw new Error(`${name} is neither in node_modules nor in the code-server runtime: run bash scripts/e2e-setup.sh`);
    }
  }
}

// Host grammars by scope name: VS Code's YAML grammar is split by YAML version and includes them by scope.
const hostGrammars: Record<string, string> = {
  'source.yaml': 'extensions/yaml/syntaxes/yaml.tmLanguage.json',
  'source.yaml.1.3': 'extensions/yaml/syntaxes/yaml-1.3.tmLanguage.json',
  'source.yaml.1.2': 'extensions/yaml/syntaxes/yaml-1.2.tmLanguage.json',
  'source.yaml.1.1': 'extensions/yaml/syntaxes/yaml-1.1.tmLanguage.json',
  'source.yaml.1.0': 'extensions/yaml/syntaxes/yaml-1.0.tmLanguage.json',
  'source.yaml.embedded': 'extensions/yaml/syntaxes/yaml-embedded.tmLanguage.json',
  'source.dockerfile': 'extensions/docker/syntaxes/docker.tmLanguage.json',
};

let registry: Promise<{ textmate: TextMateModule; grammars: Map<string, TmGrammar> }> | undefined;

async function setUp(): Promise<{ textmate: TextMateModule; grammars: Map<string, TmGrammar> }> {
  const textmate = load<TextMateModule>('vscode-textmate');
  const oniguruma = load<OnigurumaModule>('vscode-oniguruma');
  const wasmPath = join(resolveModuleDir('vscode-oniguruma'), 'release/onig.wasm');
  const wasm = readFileSync(wasmPath);
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const reg = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => oniguruma.createOnigScanner(patterns),
      createOnigString: (s: string) => oniguruma.createOnigString(s),
    }),
    async loadGrammar(scopeName: string) {
      const path = scopeName === INJECTION_SCOPE ? injectionPath : hostGrammars[scopeName] && join(vscodeDir, hostGrammars[scopeName]);
      if (!path) return null;
      if (!existsSync(path)) throw new Error(`${path} is missing: run bash scripts/e2e-setup.sh`);
      return textmate.parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
    // As package.json's contributes.grammars `injectTo` does in VS Code.
    getInjections: (scopeName: string) => (scopeName === 'source.yaml' || scopeName === 'source.dockerfile' ? [INJECTION_SCOPE] : undefined),
  });
  const grammars = new Map<string, TmGrammar>();
  for (const scope of ['source.yaml', 'source.dockerfile']) {
    const g = await reg.loadGrammar(scope);
    if (!g) throw new Error(`cannot load ${scope}`);
    grammars.set(scope, g);
  }
  return { textmate, grammars };
}

function resolveModuleDir(name: string): string {
  for (const base of [repoRoot, vscodeDir]) {
    const dir = join(base, 'node_modules', name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`${name} not found`);
}

/** Tokenises `text` (lines split on \n) as a file of the host language `scope`. */
export async function tokenize(scope: 'source.yaml' | 'source.dockerfile', text: string): Promise<Token[][]> {
  registry ??= setUp();
  const { textmate, grammars } = await registry;
  const grammar = grammars.get(scope)!;
  let state = textmate.INITIAL;
  const out: Token[][] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
  }
  return out;
}

/** The tokens of one line that carry an OOM Lens scope, as `text: scope` pairs. */
export function injected(tokens: Token[]): [string, string][] {
  return tokens.flatMap((t) => {
    const own = t.scopes.filter((s) => s.endsWith('.oom-lens'));
    return own.length ? [[t.text, own.join(' ')] as [string, string]] : [];
  });
}

/**
 * A readable snapshot: each line that has injected tokens, then one row per token with its OOM Lens scope and the
 * innermost host scope around it (so a change in how the host grammar nests the text shows up too).
 */
export function snapshot(lines: Token[][], text: string): string {
  const src = text.split('\n');
  const out: string[] = [];
  lines.forEach((tokens, i) => {
    const rows = tokens.filter((t) => t.scopes.some((s) => s.endsWith('.oom-lens')));
    if (rows.length === 0) return;
    out.push(`${String(i + 1).padStart(3)}| ${src[i]}`);
    for (const t of rows) {
      const own = t.scopes.filter((s) => s.endsWith('.oom-lens'));
      const host = t.scopes.filter((s) => !s.endsWith('.oom-lens') && s !== INJECTION_SCOPE).at(-1);
      out.push(`   | ${JSON.stringify(t.text).padEnd(24)} ${own.join(' ')}  (in ${host})`);
    }
  });
  return `${out.join('\n')}\n`;
}

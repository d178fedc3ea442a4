// `oom-lens check`: the engine for terminals and CI (DESIGN.md "Contract: the CLI"). The argument parsing,
// file walking and formatting live here; cli.ts is the process shell around it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { FileAnalysis } from './engine/analysis';
import { analyzeFile } from './engine/analyze';
import { classifyPath } from './engine/classify';
import { parseConfigText } from './engine/config';
import { docsUrl, VERSION } from './engine/docs';
import { normalizeOptions, type Options } from './engine/options';
import { parseQuantity } from './engine/quantity';
import { RULES } from './engine/rules';
import { cutFromFirst } from './engine/strings';
import type { Finding, Severity } from './engine/types';
import { WorkspaceIndex } from './engine/workspace';
import { formatBytes } from './engine/bytes';
import { runNodeCli } from './cli-node';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

type Format = 'text' | 'json' | 'sarif';
type FailOn = 'error' | 'warning' | 'none';

interface Args {
  nodeMemory: string | null;
  config: string | null;
  format: Format;
  failOn: FailOn;
  paths: string[];
}

const USAGE = `Usage: oom-lens check [--node-memory 16Gi] [--config .oom-lens.yaml] [--format text|json|sarif] [--fail-on error|warning|none] PATH...`;

export class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Args = { nodeMemory: null, config: null, format: 'text', failOn: 'error', paths: [] };
  if (argv[0] !== 'check') throw new UsageError(argv[0] ? `unknown command \`${argv[0]}\`` : 'missing command');
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--node-memory': {
        const v = value();
        const q = parseQuantity(v);
        if (!q.ok || q.quantity.value <= 0n) throw new UsageError(`--node-memory: \`${v}\` is not a positive memory quantity`);
        args.nodeMemory = v;
        break;
      }
      case '--config':
        args.config = value();
        break;
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format: \`${v}\` is not text, json or sarif`);
        args.format = v;
        break;
      }
      case '--fail-on': {
        const v = value();
        if (v !== 'error' && v !== 'warning' && v !== 'none') throw new UsageError(`--fail-on: \`${v}\` is not error, warning or none`);
        args.failOn = v;
        break;
      }
      case '-h':
      case '--help':
        throw new UsageError('');
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option \`${a}\``);
        args.paths.push(a);
    }
  }
  if (args.paths.length === 0) throw new UsageError('no PATH given');
  return args;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Files under the given paths that OOM Lens reads, in path order (as given, joined with the path walked). */
export function collectFiles(paths: string[], cwd: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, shown: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      const display = join(shown, name);
      let st;
      try {
        st = statSync(full);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(full, display);
      } else if (classifyPath(name) !== 'other') out.push(display);
    }
  };
  for (const p of paths) {
    const full = resolve(cwd, p);
    if (!existsSync(full)) throw new UsageError(`no such file or folder: ${p}`);
    if (statSync(full).isDirectory()) walk(full, p);
    else out.push(p);
  }
  return out;
}

function hasChartYaml(file: string): boolean {
  // A Helm template lives in `templates/` (or below it) beside a Chart.yaml.
  let dir = dirname(file);
  for (let depth = 0; depth < 6; depth++) {
    if (basename(dir) === 'templates' && existsSync(join(dirname(dir), 'Chart.yaml'))) return true;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return false;
}

export interface CheckedFile {
  path: string;
  analysis: FileAnalysis;
}

export function loadOptions(args: Pick<Args, 'config' | 'nodeMemory'>, cwd: string): Options {
  let fileConfig: unknown = {};
  const configPath = args.config ? resolve(cwd, args.config) : ['.oom-lens.yaml', '.oom-lens.yml'].map((n) => join(cwd, n)).find((p) => existsSync(p));
  if (args.config && !existsSync(configPath!)) throw new UsageError(`--config: no such file: ${args.config}`);
  if (configPath) fileConfig = parseConfigText(readFileSync(configPath, 'utf8'));
  const options = normalizeOptions(fileConfig);
  if (args.nodeMemory) options.nodeMemory = args.nodeMemory;
  return options;
}

export function runCli(argv: string[], io: CliIo): number {
  if (argv[0] === 'node') return runNodeCli(argv, io);
  let args: Args;
  let options: Options;
  let files: string[];
  try {
    args = parseArgs(argv);
    options = loadOptions(args, io.cwd);
    files = collectFiles(args.paths, io.cwd);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) io.stderr(`oom-lens: ${error.message}\n`);
      io.stderr(`${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const checked = analyzeFiles(files, options, args.config, io);
  const nodeMemoryBytes = parseQuantity(options.nodeMemory);
  const defaultNode = nodeMemoryBytes.ok ? nodeMemoryBytes.quantity.value : 17179869184n;
  if (args.format === 'json') io.stdout(`${toJsonText(toJsonReport(checked, defaultNode))}\n`);
  else if (args.format === 'sarif') io.stdout(`${JSON.stringify(toSarif(checked), null, 2)}\n`);
  else io.stdout(toText(checked, io.cwd));
  return exitCode(checked, args.failOn);
}

/** Analyse the files of one run, linked to each other (the workspace index), reporting internal failures. */
export function analyzeFiles(files: string[], options: Options, config: string | null, io: CliIo): CheckedFile[] {
  // The files of one run are linked (DESIGN.md "Where other objects apply"): index them all before analysing any.
  const index = new WorkspaceIndex({ maxFileSize: options.maxFileSize });
  // The `images` setting's paths are relative to the folder of the config file (the workspace root), else cwd.
  index.setRoots([config ? dirname(resolve(io.cwd, config)) : resolve(io.cwd)]);
  index.setImages(options.images);
  const texts = new Map<string, string>();
  for (const path of files) {
    const full = resolve(io.cwd, path);
    const text = readFileSync(full, 'utf8');
    texts.set(path, text);
    index.update(full, text);
  }
  const checked: CheckedFile[] = [];
  for (const path of files) {
    const full = resolve(io.cwd, path);
    const text = texts.get(path) ?? '';
    const analysis = analyzeFile({
      uri: path,
      text,
      options,
      mode: 'cli',
      hasChartYaml: hasChartYaml(full),
      workspace: index.view(full),
    });
    for (const f of analysis.failures) io.stderr(`oom-lens: internal error in ${f.where} on ${path}: ${String(f.error)}\n`);
    checked.push({ path: path.split(sep).join('/'), analysis });
  }
  return checked;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

function exitCode(checked: CheckedFile[], failOn: FailOn): number {
  if (failOn === 'none') return 0;
  const threshold = RANK[failOn];
  return checked.some((c) => c.analysis.findings.some((f) => RANK[f.severity] >= threshold)) ? 1 : 0;
}

export function toJsonReport(checked: CheckedFile[], nodeMemoryBytes: bigint): unknown {
  return {
    version: 1,
    nodeMemoryBytes,
    files: checked.map(({ path, analysis }) => ({
      path,
      nodeMemoryBytes: analysis.nodeMemoryBytes,
      skipped: analysis.skipped,
      workloads: analysis.workloads,
      images: analysis.images,
      diagnostics: analysis.findings.map((f) => ({ code: f.ruleId, severity: f.severity, message: f.message, range: f.range })),
    })),
  };
}

/** JSON with bigint byte values written as plain JSON integers (exact beyond 2^53). */
export function toJsonText(value: unknown): string {
  const marker = '\u0000bigint:';
  const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${marker}${v.toString()}` : v), 2);
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(checked: CheckedFile[]): unknown {
  const used = new Set<string>();
  for (const c of checked) for (const f of c.analysis.findings) used.add(f.ruleId);
  const rules = RULES.filter((r) => used.has(r.id)).map((r) => ({
    id: r.id,
    shortDescription: { text: r.summary },
    helpUri: docsUrl(r.id),
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
  }));
  const region = (f: { range: Finding['range'] }) => ({
    startLine: f.range.start.line + 1,
    startColumn: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
  });
  const results = checked.flatMap(({ path, analysis }) =>
    analysis.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: rules.findIndex((r) => r.id === f.ruleId),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: path }, region: region(f) } }],
      fixes: (f.fixes ?? []).map((fix) => ({
        description: { text: fix.title },
        artifactChanges: [
          {
            artifactLocation: { uri: path },
            replacements: fix.edits.map((e) => ({ deletedRegion: region(e), insertedContent: { text: e.newText } })),
          },
        ],
      })),
    })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'oom-lens', version: VERSION, informationUri: cutFromFirst(docsUrl('yaml-syntax'), '/blob/'), rules } }, results }],
  };
}

function pad(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
}

function bytes(b: bigint | null): string {
  return b === null ? '-' : formatBytes(b);
}

export function toText(checked: CheckedFile[], _cwd: string): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let skipped = 0;
  for (const { path, analysis } of checked) {
    const note = analysis.skipped === 'helm-template' ? ' (Helm template: analysed as far as it parses)' : analysis.skipped ? ` (skipped: ${analysis.skipped})` : '';
    if (analysis.skipped && analysis.skipped !== 'helm-template') skipped++;
    const interesting = analysis.workloads.length || analysis.images.length || analysis.findings.length;
    if (!interesting) continue;
    out.push(`${path}${note}`);
    for (const w of analysis.workloads) {
      const ns = w.namespace ? ` -n ${w.namespace}` : '';
      const partial = w.partial ? ' (templated values not counted)' : '';
      out.push(`  ${w.kind}/${w.name ?? '<unnamed>'}${w.component ? ` (${w.component})` : ''}${ns}  ${w.qosClass ?? ''}${partial}`.trimEnd());
      const rows = [['CONTAINER', 'ROLE', 'MEM REQUEST', 'MEM LIMIT', 'OOM_SCORE_ADJ', 'JVM HEAP']];
      for (const c of w.containers) {
        const heap = c.jvm ? `${bytes(c.jvm.maxHeapBytes)} (${c.jvm.heapSource})` : '-';
        rows.push([c.name ?? '?', c.role, bytes(c.memoryRequestBytes), bytes(c.memoryLimitBytes), c.oomScoreAdj === null ? '-' : String(c.oomScoreAdj), heap]);
      }
      for (const line of pad(rows)) out.push(`    ${line}`);
    }
    for (const img of analysis.images) {
      const heap = img.jvm ? (img.jvm.maxHeapBytes !== null ? bytes(img.jvm.maxHeapBytes) : `${img.jvm.maxRamPercentage ?? 25} % of the limit`) : 'no JVM';
      out.push(`  image ${img.stage ?? ''} FROM ${img.baseImage ?? '?'}  JDK ${img.jdkMajor ?? '?'}  heap ${heap}`);
    }
    for (const f of analysis.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      out.push(`  ${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity.padEnd(7)}  ${f.message}  [${f.ruleId}]`);
    }
    out.push('');
  }
  out.push(`${count(checked.length, 'file')} checked, ${count(errors, 'error')}, ${count(warnings, 'warning')}${skipped ? `, ${skipped} skipped` : ''}`);
  return `${out.join('\n')}\n`;
}

/** `1 error`, `2 errors`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

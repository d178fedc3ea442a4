// Dockerfile → model: build stages, the ARG/ENV state the builder would have, and the process each stage's image
// runs (ENTRYPOINT + CMD). The only file besides compose.ts that knows Dockerfile syntax; it uses dockerfile-ast for
// the instruction structure and ranges and follows the builder (moby/buildkit frontend/dockerfile) for semantics.
// Never throws: a Dockerfile the builder would reject still gets a model, with the reason in `errors`.
import { DockerfileParser } from 'dockerfile-ast';
import type { Arg, Env, From, Instruction, Property } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { LineIndex } from '../text';
import { expandWord, type Lookup } from './shell-word';

/** Which instruction a value came from. */
export interface InstructionRef {
  keyword: string;
  /** The whole instruction, continuation lines included. */
  range: Range;
  /** Index of the stage it is in; null for an ARG before the first FROM. */
  stage: number | null;
}

export interface ArgEntry {
  name: string;
  /** The default after substitution; null when the ARG has no default (its value comes from `--build-arg`). */
  value: string | null;
  /** The default as written (quotes included), null without one. */
  raw: string | null;
  nameRange: Range;
  valueRange: Range | null;
  instruction: InstructionRef;
  /** Variables the default referred to that were not set. */
  unresolved: string[];
  /** For an in-stage `ARG NAME` without default: the value was taken from the ARG of that name before FROM. */
  fromGlobal?: boolean;
}

export interface EnvEntry {
  name: string;
  /** After the builder's substitution. Variables that were not set expanded to '' (listed in `unresolved`). */
  value: string;
  /** The value as written, quotes and escapes included. */
  raw: string;
  nameRange: Range;
  /** Null for `ENV NAME=` with nothing after `=`. */
  valueRange: Range | null;
  instruction: InstructionRef;
  /**
   * Variables referenced but unknown here: unset build args, or variables the base image (not this file) defines,
   * e.g. `ENV JAVA_OPTS="$JAVA_OPTS -Xmx1g"` on an image that sets JAVA_OPTS.
   */
  unresolved: string[];
}

/** One element of an exec-form (JSON) ENTRYPOINT/CMD/SHELL. */
export interface ExecArg {
  /** The JSON string's value. Not substituted: exec form is run without a shell. */
  value: string;
  /** The JSON string token, quotes included. */
  range: Range;
  /** Between the quotes. */
  contentRange: Range;
}

export interface DockerCommand {
  keyword: 'ENTRYPOINT' | 'CMD';
  form: 'exec' | 'shell';
  /**
   * The argv the runtime gets from this instruction alone: exec → the JSON strings; shell → the stage's SHELL
   * (default `/bin/sh -c`) plus the text. Not substituted: the variables are expanded by the shell at run time.
   */
  argv: string[];
  /** Exec form: one per element. Empty for shell form. */
  args: ExecArg[];
  /** Shell form: the command text with line continuations joined; null for exec form. */
  text: string | null;
  /** Shell form: from the first to the last character of the text (spanning continuation lines). */
  textRange: Range | null;
  instruction: InstructionRef;
}

export interface StageModel {
  index: number;
  /** `AS name` as written, null without one. Stage names compare case-insensitively (BuildKit lower-cases them). */
  name: string | null;
  nameRange: Range | null;
  /** The FROM instruction. */
  fromRange: Range;
  /** The image argument as written (`${BASE}:${TAG}`), '' when FROM has none. */
  image: string;
  imageRange: Range | null;
  /** After substitution with the ARGs declared before the first FROM (the only ones FROM can see). */
  resolvedImage: string;
  /** Variables in the FROM line that had no value (unset build args, `$BUILDPLATFORM`, …). */
  imageUnresolved: string[];
  /** Index of the earlier stage this one builds on (`FROM builder`), null when it starts from an image. */
  baseStage: number | null;
  /** The image at the end of the `FROM stage` chain (resolved), e.g. `eclipse-temurin:17-jre`; '' when unknown. */
  baseImage: string;
  /** The stage whose FROM names `baseImage`. */
  baseImageStage: number;
  /** From FROM to the end of the stage's last instruction. */
  range: Range;
  /** ARGs in scope at the end of the stage (not inherited by later stages, as in the builder). */
  args: Map<string, ArgEntry>;
  /** ENV at the end of the stage, inherited through `FROM stage`. The base image's own ENV is not known here. */
  env: Map<string, EnvEntry>;
  /** The SHELL for shell-form commands: `SHELL [...]` in the chain, else `['/bin/sh', '-c']`. */
  shell: string[];
  /** The effective ENTRYPOINT: this stage's last, else inherited from a base stage; null when none in this file. */
  entrypoint: DockerCommand | null;
  /** The effective CMD; null when none, or when an ENTRYPOINT in this stage reset the inherited one. */
  cmd: DockerCommand | null;
  /** No ENTRYPOINT anywhere in the chain: the base image's ENTRYPOINT applies (unknown here). */
  entrypointFromBaseImage: boolean;
  /** No CMD in the chain and no ENTRYPOINT reset it: the base image's CMD applies (unknown here). */
  cmdFromBaseImage: boolean;
  /** A shell-form ENTRYPOINT: CMD's words become `$0 $1 …` of `sh -c`, which the command text does not use. */
  cmdIgnored: boolean;
  /**
   * What this file says the container runs: entrypoint argv followed by cmd argv (cmd left out when
   * `cmdIgnored`). When `entrypointFromBaseImage`, the base image's ENTRYPOINT goes in front of it.
   */
  argv: string[];
}

export interface DockerfileProblem {
  message: string;
  range: Range;
}

export interface DockerfileModel {
  /** The escape character (`# escape=` directive), `\` by default. */
  escapeChar: string;
  /** ARGs declared before the first FROM, in order. */
  globalArgs: ArgEntry[];
  stages: StageModel[];
  /** The stage a plain `docker build` produces: the last one. Null when the file has no FROM. */
  final: StageModel | null;
  comments: { text: string; range: Range }[];
  /** What the builder would reject. */
  errors: DockerfileProblem[];
}

const DEFAULT_SHELL = ['/bin/sh', '-c'];

/** Build-platform ARGs the builder predefines in the global scope (values depend on the build machine). */
const PLATFORM_ARGS = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
]);

interface Joined {
  /** The instruction's arguments with line continuations, comment lines and empty lines removed, trimmed. */
  text: string;
  /** Document offset of each character of `text`. */
  offsets: number[];
}

/**
 * Joins an instruction's argument text like the builder's line reader (buildkit parser.go `Parse`): a line that
 * ends with the escape character plus optional blanks continues on the next; comment lines and blank lines inside a
 * continuation are skipped; continuation lines keep their leading whitespace.
 */
function joinArguments(text: string, start: number, end: number, escape: string): Joined {
  const chars: string[] = [];
  const offsets: number[] = [];
  const cont = new RegExp(`${escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}[ \\t]*$`);
  let pos = start;
  let first = true;
  while (pos < end) {
    let lineEnd = pos;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    // The range may end inside this line (a value followed by more properties): then it is the last one.
    const clipped = lineEnd > end;
    const line = text.slice(pos, Math.min(lineEnd, end));
    let next = lineEnd;
    if (text[next] === '\r' && text[next + 1] === '\n') next += 2;
    else if (next < text.length) next += 1;
    if (!first && (/^\s*#/.test(line) || /^\s*$/.test(line))) {
      pos = next;
      continue;
    }
    first = false;
    const m = clipped ? null : cont.exec(line);
    const keep = m ? m.index : line.length;
    for (let i = 0; i < keep; i++) {
      chars.push(line[i]);
      offsets.push(pos + i);
    }
    if (!m) break;
    pos = next;
  }
  let s = 0;
  let e = chars.length;
  while (s < e && /\s/.test(chars[s])) s++;
  while (e > s && /\s/.test(chars[e - 1])) e--;
  return { text: chars.slice(s, e).join(''), offsets: offsets.slice(s, e) };
}

interface JsonToken {
  value: string;
  start: number; // index into the joined text, at the opening quote
  end: number; // after the closing quote
}

/**
 * The exec (JSON) form as the builder decides it (buildkit parser/line_parsers.go `parseMaybeJSON`): text that
 * starts with `[` and is a JSON array of strings is exec form; valid JSON with a non-string element is an error;
 * anything else is shell form.
 */
function parseJsonArray(s: string): { kind: 'exec'; items: JsonToken[] } | { kind: 'shell' } | { kind: 'error' } {
  if (!s.startsWith('[')) return { kind: 'shell' };
  const items: JsonToken[] = [];
  let i = 1;
  const ws = () => {
    while (i < s.length && ' \t\r\n'.includes(s[i])) i++;
  };
  const scan = (): boolean => {
    ws();
    if (s[i] === ']') {
      i++;
      return true;
    }
    for (;;) {
      ws();
      if (s[i] !== '"') return false;
      const start = i;
      i++;
      while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
      if (i >= s.length) return false;
      i++;
      let value: unknown;
      try {
        value = JSON.parse(s.slice(start, i));
      } catch {
        return false;
      }
      if (typeof value !== 'string') return false;
      items.push({ value, start, end: i });
      ws();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === ']') {
        i++;
        return true;
      }
      return false;
    }
  };
  if (scan()) {
    ws();
    if (i === s.length) return { kind: 'exec', items };
  }
  try {
    const v: unknown = JSON.parse(s);
    if (Array.isArray(v)) return { kind: 'error' };
  } catch {
    // not JSON: shell form
  }
  return { kind: 'shell' };
}

interface StageState {
  args: Map<string, ArgEntry>;
  env: Map<string, EnvEntry>;
  shell: string[];
  entrypoint: DockerCommand | null;
  cmd: DockerCommand | null;
  entrypointFromBaseImage: boolean;
  cmdFromBaseImage: boolean;
}

/** Parses a Dockerfile into its stages and the final image's configuration. Never throws. */
export function parseDockerfile(text: string): DockerfileModel {
  try {
    return build(text);
  } catch (e) {
    // dockerfile-ast is robust, but the engine must never throw on user input.
    return {
      escapeChar: '\\',
      globalArgs: [],
      stages: [],
      final: null,
      comments: [],
      errors: [{ message: `Dockerfile could not be analysed: ${String(e)}`, range: zeroRange() }],
    };
  }
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function build(text: string): DockerfileModel {
  const df = DockerfileParser.parse(text);
  const lines = new LineIndex(text);
  const escape = df.getEscapeCharacter() || '\\';
  const errors: DockerfileProblem[] = [];
  const globalArgs: ArgEntry[] = [];
  const globalMap = new Map<string, ArgEntry>();
  const stages: StageModel[] = [];
  const states: StageState[] = [];
  // Stages that set CMD themselves (an ENTRYPOINT after that keeps it).
  const cmdSetInStage = new Set<number>();

  const docText = (r: Range | null): string => (r ? text.slice(lines.offset(r.start), lines.offset(r.end)) : '');
  const ref = (ins: Instruction, stage: number | null): InstructionRef => ({
    keyword: ins.getKeyword(),
    range: ins.getRange(),
    stage,
  });
  // A value's source as the builder's word lexer sees it: continuation lines joined, their leading blanks kept
  // (dockerfile-ast's getUnescapedValue drops those blanks).
  const valueSource = (p: Property): string => {
    const r = p.getValueRange();
    if (!r) return p.getUnescapedValue() ?? '';
    return joinArguments(text, lines.offset(r.start), lines.offset(r.end), escape).text;
  };
  const report = (message: string | null, range: Range) => {
    if (message) errors.push({ message, range });
  };

  // ARGs before the first FROM: visible to FROM lines only (and to in-stage `ARG NAME` re-declarations).
  const globalLookup: Lookup = (name) => {
    const a = globalMap.get(name);
    return a && a.value !== null ? a.value : undefined;
  };

  // `ARG a=1 b` declares several (BuildKit accepts more than one name per ARG).
  const readArgs = (ins: Arg, stage: number | null, lookup: Lookup): ArgEntry[] => {
    const props: Property[] = ins.getProperties();
    if (props.length === 0) report('ARG requires at least one argument', ins.getRange());
    const out: ArgEntry[] = [];
    for (const p of props) {
      if (!p.getName()) continue;
      const rawValue = p.getValue() === null ? null : valueSource(p);
      const entry: ArgEntry = {
        name: p.getName(),
        value: null,
        raw: rawValue === null ? null : docText(p.getValueRange()),
        nameRange: p.getNameRange(),
        valueRange: p.getValueRange(),
        instruction: ref(ins, stage),
        unresolved: [],
      };
      if (rawValue !== null) {
        // Each default sees the ARGs declared before it, including earlier ones on the same line.
        const r = expandWord(rawValue, (n) => out.find((a) => a.name === n && a.value !== null)?.value ?? lookup(n), escape);
        entry.value = r.value;
        entry.unresolved = r.unresolved;
        report(r.error, p.getValueRange() ?? ins.getRange());
      }
      out.push(entry);
    }
    return out;
  };

  let current: { model: StageModel; state: StageState; last: Range } | null = null;

  const finishStage = () => {
    if (!current) return;
    const { model, state } = current;
    model.range = { start: model.fromRange.start, end: current.last.end };
    Object.assign(model, effective(state));
    stages.push(model);
    states.push(state);
    current = null;
  };

  for (const ins of df.getInstructions()) {
    const keyword = ins.getKeyword();
    if (keyword === 'FROM') {
      finishStage();
      const index = stages.length;
      const from = ins as From;
      const image = from.getImage() ?? '';
      if (!image) report('FROM requires the name of an image', ins.getRange());
      const r = expandWord(image, (n) => (PLATFORM_ARGS.has(n) ? undefined : globalLookup(n)), escape);
      report(r.error, from.getImageRange() ?? ins.getRange());
      const resolved = r.value;
      const lower = resolved.toLowerCase();
      let baseStage: number | null = null;
      for (let i = stages.length - 1; i >= 0; i--) {
        if (stages[i].name !== null && stages[i].name!.toLowerCase() === lower) {
          baseStage = i;
          break;
        }
      }
      const base = baseStage === null ? null : stages[baseStage];
      const baseState = baseStage === null ? null : states[baseStage];
      const model: StageModel = {
        index,
        name: from.getBuildStage(),
        nameRange: from.getBuildStageRange(),
        fromRange: ins.getRange(),
        image,
        imageRange: from.getImageRange(),
        resolvedImage: resolved,
        imageUnresolved: r.unresolved,
        baseStage,
        baseImage: base ? base.baseImage : resolved,
        baseImageStage: base ? base.baseImageStage : index,
        range: ins.getRange(),
        args: new Map(),
        env: new Map(),
        shell: DEFAULT_SHELL,
        entrypoint: null,
        cmd: null,
        entrypointFromBaseImage: true,
        cmdFromBaseImage: true,
        cmdIgnored: false,
        argv: [],
      };
      const state: StageState = baseState
        ? {
            // A stage built on an earlier stage starts from that stage's image config: ENV, SHELL, ENTRYPOINT and
            // CMD carry over; ARGs do not (each stage has its own build-arg scope).
            args: new Map(),
            env: new Map(baseState.env),
            shell: baseState.shell,
            entrypoint: baseState.entrypoint,
            cmd: baseState.cmd,
            entrypointFromBaseImage: baseState.entrypointFromBaseImage,
            cmdFromBaseImage: baseState.cmdFromBaseImage,
          }
        : {
            args: new Map(),
            env: new Map(),
            shell: DEFAULT_SHELL,
            entrypoint: null,
            cmd: null,
            entrypointFromBaseImage: true,
            cmdFromBaseImage: true,
          };
      current = { model, state, last: ins.getRange() };
      continue;
    }

    if (!current) {
      // Before the first FROM only ARG is allowed (and parser directives / comments).
      if (keyword === 'ARG') {
        for (const entry of readArgs(ins as Arg, null, globalLookup)) {
          globalArgs.push(entry);
          globalMap.set(entry.name, entry);
        }
      } else {
        report(`${keyword} before the first FROM`, ins.getRange());
      }
      continue;
    }

    const cur: { model: StageModel; state: StageState; last: Range } = current;
    cur.last = ins.getRange();
    const stageIndex = cur.model.index;
    const state = cur.state;
    // ENV beats ARG of the same name (Dockerfile reference, "Using ARG variables").
    const lookup: Lookup = (name) => {
      const e = state.env.get(name);
      if (e) return e.value;
      const a = state.args.get(name);
      return a && a.value !== null ? a.value : undefined;
    };

    switch (keyword) {
      case 'ARG': {
        for (const entry of readArgs(ins as Arg, stageIndex, lookup)) {
          if (entry.value === null) {
            // `ARG NAME` in a stage takes the value of the ARG of that name declared before FROM, if any.
            const g = globalMap.get(entry.name);
            if (g && g.value !== null) {
              entry.value = g.value;
              entry.unresolved = g.unresolved;
              entry.fromGlobal = true;
            }
          }
          state.args.set(entry.name, entry);
        }
        break;
      }
      case 'ENV': {
        const props: Property[] = (ins as Env).getProperties();
        if (props.length === 0) report('ENV requires at least one argument', ins.getRange());
        // Every value of one ENV instruction is expanded with the environment from before it
        // (Dockerfile reference, "Environment replacement": `ENV abc=bye def=$abc` gives def the old abc).
        const updates: EnvEntry[] = [];
        for (const p of props) {
          if (p.getValue() === null) {
            report(`ENV ${p.getName()} has no value`, p.getRange());
            continue;
          }
          const r = expandWord(valueSource(p), lookup, escape);
          report(r.error, p.getValueRange() ?? p.getRange());
          updates.push({
            name: p.getName(),
            value: r.value,
            raw: docText(p.getValueRange()),
            nameRange: p.getNameRange(),
            valueRange: p.getValueRange(),
            instruction: ref(ins, stageIndex),
            unresolved: r.unresolved,
          });
        }
        for (const u of updates) state.env.set(u.name, u);
        break;
      }
      case 'ENTRYPOINT':
      case 'CMD':
      case 'SHELL': {
        const argsRange = ins.getArgumentsRange();
        const joined = argsRange
          ? joinArguments(text, lines.offset(argsRange.start), lines.offset(argsRange.end), escape)
          : { text: '', offsets: [] };
        const span = (a: number, b: number): Range => {
          if (joined.offsets.length === 0) return argsRange ?? ins.getRange();
          const start = joined.offsets[Math.min(a, joined.offsets.length - 1)];
          const end = b > 0 ? joined.offsets[Math.min(b, joined.offsets.length) - 1] + 1 : start;
          return { start: lines.position(start), end: lines.position(end) };
        };
        if (joined.text === '') {
          report(`${keyword} requires at least one argument`, ins.getRange());
          break;
        }
        const parsed = parseJsonArray(joined.text);
        if (parsed.kind === 'error') {
          report(`${keyword}: a JSON array must contain only strings`, argsRange ?? ins.getRange());
          break;
        }
        if (keyword === 'SHELL') {
          if (parsed.kind !== 'exec' || parsed.items.length === 0) {
            report('SHELL requires the arguments to be in JSON form', argsRange ?? ins.getRange());
            break;
          }
          state.shell = parsed.items.map((t) => t.value);
          break;
        }
        const command: DockerCommand =
          parsed.kind === 'exec'
            ? {
                keyword,
                form: 'exec',
                argv: parsed.items.map((t) => t.value),
                args: parsed.items.map((t) => ({
                  value: t.value,
                  range: span(t.start, t.end),
                  contentRange: span(t.start + 1, t.end - 1),
                })),
                text: null,
                textRange: null,
                instruction: ref(ins, stageIndex),
              }
            : {
                keyword,
                form: 'shell',
                argv: [...state.shell, joined.text],
                args: [],
                text: joined.text,
                textRange: span(0, joined.text.length),
                instruction: ref(ins, stageIndex),
              };
        if (keyword === 'CMD') {
          state.cmd = command;
          state.cmdFromBaseImage = false;
          cmdSetInStage.add(stageIndex);
        } else {
          state.entrypoint = command;
          state.entrypointFromBaseImage = false;
          // Setting ENTRYPOINT drops the CMD inherited from the base image unless this stage set a CMD itself
          // (buildkit dispatch.go `dispatchEntrypoint`: `if !d.cmdSet { d.image.Config.Cmd = nil }`).
          if (!cmdSetInStage.has(stageIndex)) {
            state.cmd = null;
            state.cmdFromBaseImage = false;
          }
        }
        break;
      }
      default:
        break;
    }
  }
  finishStage();

  const comments = df.getComments().map((c) => ({ text: c.getContent(), range: c.getRange() }));
  return {
    escapeChar: escape,
    globalArgs,
    stages,
    final: stages.length ? stages[stages.length - 1] : null,
    comments,
    errors,
  };
}

function effective(state: StageState): Pick<
  StageModel,
  'args' | 'env' | 'shell' | 'entrypoint' | 'cmd' | 'entrypointFromBaseImage' | 'cmdFromBaseImage' | 'cmdIgnored' | 'argv'
> {
  const cmdIgnored = state.entrypoint?.form === 'shell' && state.cmd !== null;
  const argv = [...(state.entrypoint?.argv ?? []), ...(cmdIgnored ? [] : (state.cmd?.argv ?? []))];
  return {
    args: state.args,
    env: state.env,
    shell: state.shell,
    entrypoint: state.entrypoint,
    cmd: state.cmd,
    entrypointFromBaseImage: state.entrypointFromBaseImage,
    cmdFromBaseImage: state.cmdFromBaseImage,
    cmdIgnored,
    argv,
  };
}

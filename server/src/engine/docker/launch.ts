// Dockerfiles and compose services → LaunchSpec (jvm/launch.ts), the neutral description of how a container starts
// that the JVM pipeline reads. Values keep per-character offsets into the analysed text so that a finding on
// `-Xmx2g` inside `ENV JAVA_OPTS="…"` or a compose `environment:` value points at those characters, and a fix can
// replace exactly them (jvm/launch.ts `verbatimSpan` re-checks every span against the text before trusting it).
import type { Range } from 'vscode-languageserver-types';
import type { ArgvItem, EnvEntry, LaunchSpec } from '../jvm/launch';
import type { MappedString, Via } from '../mapped';
import type { Span } from '../types';
import type { LineIndex } from '../text';
import type { ComposeCommand, ComposeService } from './compose';
import type { DockerCommand, DockerfileModel, EnvEntry as DockerEnvEntry, StageModel } from './dockerfile';

// ---------------------------------------------------------------------------------------------------------------
// Mapping values back to the text

/** Characters the writer may have added around a value that are not part of it (quotes, escapes, blanks). */
type Droppable = (text: string, k: number) => boolean;

const dockerDroppable =
  (escape: string): Droppable =>
  (text, k) => {
    const c = text[k];
    return c === '"' || c === "'" || c === escape || c === ' ' || c === '\t' || c === '\n' || c === '\r';
  };

/** YAML quoting and line folding, and compose's `$$` (a literal `$`). */
const yamlDroppable: Droppable = (text, k) => {
  const c = text[k];
  if (c === '$') return text[k + 1] === '$' || text[k - 1] === '$';
  return c === '"' || c === "'" || c === '\\' || c === ' ' || c === '\t' || c === '\n' || c === '\r';
};

/**
 * Per character of `value`, its offset in `text[start, end)`: matched greedily from the front, then (when a
 * substitution broke the run) from the back, skipping only what the writer added around the value. Characters that
 * cannot be matched (a substituted `$VAR`) stay null. Callers never trust an offset alone: `verbatimSpan` checks
 * that a whole token reads the same in the text.
 */
export function alignValue(
  value: string,
  text: string,
  start: number,
  end: number,
  droppable: Droppable,
  fromBack = true,
): (number | null)[] {
  const offsets = new Array<number | null>(value.length).fill(null);
  const stop = Math.min(end, text.length);
  let i = 0;
  let j = start;
  while (i < value.length && j < stop) {
    let k = j;
    while (k < stop && text[k] !== value[i] && droppable(text, k)) k++;
    if (k >= stop || text[k] !== value[i]) break;
    offsets[i] = k;
    j = k + 1;
    i++;
  }
  if (!fromBack) return offsets;
  let a = value.length - 1;
  let b = stop - 1;
  while (a >= i && b >= j) {
    let k = b;
    while (k >= j && text[k] !== value[a] && droppable(text, k)) k--;
    if (k < j || text[k] !== value[a]) break;
    offsets[a] = k;
    b = k - 1;
    a--;
  }
  return offsets;
}

function mapped(value: string, offsets: (number | null)[]): MappedString {
  return { value, offsets, vias: new Array<Via | null>(value.length).fill(null), refs: [] };
}

function unmapped(value: string): MappedString {
  return mapped(value, new Array<number | null>(value.length).fill(null));
}

function spanOf(lines: LineIndex, r: Range | null): Span | null {
  return r ? lines.span(r) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Dockerfile

/**
 * The process a Dockerfile's stage (the final one by default: what `docker build` produces) starts, as a
 * LaunchSpec: the stage's ENV (origin `dockerfile`), its ENTRYPOINT and CMD combined as the runtime does
 * (ENTRYPOINT argv + CMD argv; a shell-form instruction runs as `SHELL` + its text, default `/bin/sh -c`), the
 * base image at the end of the `FROM stage` chain. Without an ENTRYPOINT in the file the base image's own runs
 * (unknown here) and CMD is what it is given — the same shape as Kubernetes `args` without `command`.
 * Null when the file has no stage. Reusable for cross-file linking (a manifest's container built from this file):
 * `env`, `imageEntrypoint`, `imageCmd` and `image` are the image's side.
 */
export function dockerfileLaunch(model: DockerfileModel, lines: LineIndex, stage: StageModel | null = model.final): LaunchSpec | null {
  if (!stage) return null;
  const droppable = dockerDroppable(model.escapeChar || '\\');
  const env = [...stage.env.values()].map((e) => dockerEnvEntry(e, stage, model, lines, droppable));
  const entrypoint = stage.entrypoint ? commandArgv(stage.entrypoint, lines, droppable) : null;
  const cmd = stage.cmd && !stage.cmdIgnored ? commandArgv(stage.cmd, lines, droppable) : null;
  const baseStage = model.stages[stage.baseImageStage] ?? stage;
  const spec: LaunchSpec = {
    image: stage.baseImage !== '' ? stage.baseImage : null,
    imageSpan: spanOf(lines, baseStage.imageRange),
    command: null,
    args: null,
    env,
    keepsImageEntrypoint: true,
    imageEntrypoint: null,
    imageCmd: cmd,
    span: spanOf(lines, stage.range),
  };
  if (entrypoint) {
    // ENTRYPOINT in this file: it runs, with the CMD (set in this stage or after it) as its arguments.
    spec.imageEntrypoint = entrypoint;
  } else if (cmd) {
    // The base image's ENTRYPOINT (not visible here) is given the CMD: detection treats it as Kubernetes `args`.
    spec.args = cmd;
  }
  return spec;
}

function commandArgv(command: DockerCommand, lines: LineIndex, droppable: Droppable): ArgvItem[] {
  const text = lines.text;
  if (command.form === 'exec') {
    return command.args.map((a) => {
      const span = spanOf(lines, a.contentRange) as Span;
      return { ...mapped(a.value, alignValue(a.value, text, span[0], span[1], (t, k) => t[k] === '\\')), span: spanOf(lines, a.range) };
    });
  }
  // Shell form: `SHELL` argv (default /bin/sh -c) + the command text, continuation lines joined.
  const shell = command.argv.slice(0, command.argv.length - 1).map((w): ArgvItem => ({ ...unmapped(w), span: null }));
  const script = command.text ?? '';
  const span = spanOf(lines, command.textRange);
  const offsets = span ? alignValue(script, text, span[0], span[1], droppable) : new Array<number | null>(script.length).fill(null);
  return [...shell, { ...mapped(script, offsets), span }];
}

function dockerEnvEntry(e: DockerEnvEntry, stage: StageModel, model: DockerfileModel, lines: LineIndex, droppable: Droppable): EnvEntry {
  const text = lines.text;
  const valueSpan = spanOf(lines, e.valueRange);
  const base = {
    name: e.name,
    nameSpan: spanOf(lines, e.nameRange),
    valueSpan,
    entrySpan: spanOf(lines, e.instruction.range),
    origin: { kind: 'dockerfile' } as const,
  };
  // A build argument without a default gets its value from `docker build --build-arg`: unknown here. Other unset
  // names expand to '' as the builder does (the base image's own ENV may set them; a self-reference such as
  // `ENV JAVA_OPTS="$JAVA_OPTS -Xmx1g"` appends to it).
  const buildArgs = e.unresolved.filter((n) => {
    const a = stage.args.get(n);
    return a !== undefined && a.value === null;
  });
  if (buildArgs.length > 0) {
    return {
      ...base,
      value: null,
      mapped: null,
      unresolvedReason: `it depends on build argument ${buildArgs.map((n) => `\`${n}\``).join(', ')}, set with \`docker build --build-arg\``,
    };
  }
  const offsets = valueSpan ? alignValue(e.value, text, valueSpan[0], valueSpan[1], droppable) : new Array<number | null>(e.value.length).fill(null);
  if (valueSpan) fillReferences(e.value, offsets, text, valueSpan, (name) => referenced(name, stage, model), lines, droppable);
  return { ...base, value: e.value, mapped: mapped(e.value, offsets) };
}

/** Where the value of `$name` in an ENV of `stage` is written: the ARG (its default, or the global one) or ENV of that name. */
function referenced(name: string, stage: StageModel, model: DockerfileModel): { value: string | null; valueRange: Range | null } | null {
  const arg = stage.args.get(name);
  if (arg) return arg.fromGlobal ? (model.globalArgs.find((g) => g.name === name) ?? null) : arg;
  return stage.env.get(name) ?? null;
}

const REFERENCE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/**
 * Characters of an ENV value that came from a build argument or an earlier ENV (`ARG HEAP="-Xmx1g"` then
 * `ENV JAVA_TOOL_OPTIONS="$HEAP -Xss512k"`) are written where that variable's value is: for each run `alignValue`
 * left unmapped whose text between its mapped neighbours is one plain reference (`$HEAP`, `${HEAP}`, quotes aside)
 * to a variable with exactly that value, the run is aligned with the variable's own value text. `verbatimSpan`
 * still checks every token against the text.
 */
function fillReferences(
  value: string,
  offsets: (number | null)[],
  text: string,
  span: Span,
  lookup: (name: string) => { value: string | null; valueRange: Range | null } | null,
  lines: LineIndex,
  droppable: Droppable,
): void {
  let i = 0;
  while (i < value.length) {
    if (offsets[i] !== null) {
      i++;
      continue;
    }
    let j = i;
    while (j < value.length && offsets[j] === null) j++;
    let from = i > 0 ? (offsets[i - 1] as number) + 1 : span[0];
    let to = j < value.length ? (offsets[j] as number) : span[1];
    while (from < to && (text[from] === '"' || text[from] === "'")) from++;
    while (to > from && (text[to - 1] === '"' || text[to - 1] === "'")) to--;
    const m = REFERENCE.exec(text.slice(from, to));
    const target = m ? lookup(m[1] ?? m[2]) : null;
    const run = value.slice(i, j);
    if (target && target.value === run && target.valueRange) {
      const [ts, te] = [lines.offset(target.valueRange.start), lines.offset(target.valueRange.end)];
      const inner = alignValue(run, text, ts, te, droppable);
      for (let k = 0; k < run.length; k++) offsets[i + k] = inner[k];
    }
    i = j;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// docker-compose

/**
 * How compose starts a service: `environment` (map or list; a name without a value comes from the host, unknown
 * here), `entrypoint` replacing the image's ENTRYPOINT — compose then also clears the image's CMD, exactly like
 * Kubernetes `command` (compose spec, services.entrypoint) — and `command` replacing its CMD (`args`). A string
 * command is split into words without a shell (compose-go uses go-shellwords), so `$VAR` there is compose
 * interpolation from the host, and only `sh -c "…$$VAR…"` reaches the container's environment.
 */
export function composeLaunch(service: ComposeService, text: string): LaunchSpec {
  const env: EnvEntry[] = service.environment.map((e): EnvEntry => {
    const base = { name: e.name, nameSpan: e.nameSpan, valueSpan: e.valueSpan, entrySpan: e.span, origin: { kind: 'compose' } as const };
    if (e.value === null) {
      return { ...base, value: null, mapped: null, unresolvedReason: `compose takes \`${e.name}\` from the host environment, not visible here` };
    }
    if (e.unresolved.length > 0) {
      return {
        ...base,
        value: null,
        mapped: null,
        unresolvedReason: `it depends on ${e.unresolved.map((n) => `\`\${${n}}\``).join(', ')} from the host environment or \`.env\`, not visible here`,
      };
    }
    const span = e.valueSpan;
    const offsets = span ? alignValue(e.value, text, span[0], span[1], yamlDroppable) : new Array<number | null>(e.value.length).fill(null);
    return { ...base, value: e.value, mapped: mapped(e.value, offsets) };
  });
  const entrypoint = service.entrypoint ? composeArgv(service.entrypoint, text) : null;
  const command = service.command ? composeArgv(service.command, text) : null;
  return {
    image: service.image ? service.image.value : null,
    imageSpan: service.image ? service.image.span : null,
    command: entrypoint,
    args: command,
    env,
    keepsImageEntrypoint: entrypoint === null,
    span: service.span,
  };
}

function composeArgv(c: ComposeCommand, text: string): ArgvItem[] {
  let cursor = c.span[0];
  return c.args.map((a): ArgvItem => {
    if (a.span) {
      return { ...mapped(a.value, alignValue(a.value, text, a.span[0], a.span[1], yamlDroppable)), span: a.span };
    }
    if (c.form === 'string') {
      // Words of an interpolated or escaped string: aligned one after the other through the scalar.
      const offsets = alignValue(a.value, text, cursor, c.span[1], yamlDroppable, false);
      const last = [...offsets].reverse().find((o) => o !== null);
      if (last != null) cursor = last + 1;
      return { ...mapped(a.value, offsets), span: null };
    }
    return { ...unmapped(a.value), span: null };
  });
}

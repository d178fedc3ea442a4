// Does a container run a JVM, and which options does that JVM really see? Options are collected the way they
// reach HotSpot (REFERENCE §2.3): JAVA_TOOL_OPTIONS → JDK_JAVA_OPTIONS (the `java` launcher, JDK 9+) → the command
// line → _JAVA_OPTIONS; the last occurrence of a flag wins. Any other variable (JAVA_OPTS, CATALINA_OPTS …) only
// matters when the command passes it on (`$(VAR)`, a shell `$VAR`) or the image's start script reads it
// (images.ts); a variable that is set but reaches nothing is reported for `jvm-options-unread`.
import { jdkFromImage, type JdkInfo as ImageJdkInfo } from './jdk';
import {
  IMAGE_TABLE,
  JVM_VARIABLES,
  OPTION_VARIABLES,
  SCRIPT_VARIABLES,
  lookupByEnv,
  lookupImage,
  lookupScript,
  parseImageRef,
  partOptions,
  type HeapDefault,
  type ImageRef,
  type ImageRow,
  type ScriptPart,
} from './images';
import { baseName } from '../strings';
import { literal, verbatimSpan, viaChain, type MappedString, type Via } from '../mapped';
import { type ArgvItem, type ComposedItem, type DockerfilePlace, type EnvEntry, type EnvOrigin, type LaunchSpec } from './launch';
import { type Span } from '../types';
import type { OptionOrigin } from './options';
import { tokenizeOptions } from './options';
import { runShell, shellScriptIndex, type ShellCommandRun, type ShellEnv } from './shell';

export interface DetectOptions {
  /** The JDK assumed when the image does not say (`jvm.defaultJdk`). */
  defaultJdk: number;
  /** The analysed text, so token spans can be checked to read verbatim; without it spans are trusted as mapped. */
  text?: string;
}

export type DetectionReason =
  | { kind: 'argv'; detail: string }
  | { kind: 'shell'; detail: string }
  | { kind: 'image'; rowId: string; image: string }
  | { kind: 'env'; variable: string };

export interface DetectedJdk {
  major: number;
  update: number | null;
  source: 'image tag' | 'assumed';
  openj9: boolean;
  /** For the hover: "tag `17-jre`", or "assumed JDK 17 (the image does not say)". */
  note: string;
  fromImage: ImageJdkInfo | null;
}

/** Where a token came from. */
export type TokenSource =
  | { kind: 'variable'; variable: string; entry: EnvEntry | null }
  | { kind: 'argv'; list: 'command' | 'args' | 'entrypoint' | 'cmd'; index: number; from?: DockerfilePlace; composed?: ComposedItem }
  | { kind: 'shell'; index: number; from?: DockerfilePlace }
  | { kind: 'script'; variable: string; rowId: string; entry: EnvEntry | null }
  | { kind: 'image-default'; variable: string | null; rowId: string };

export interface TokenProblem {
  kind: 'unsplit-argument';
  /** Plain sentence for the diagnostic. */
  message: string;
  /** What the JVM prints (measured on JDK 17), null when it accepts or we do not know. */
  jvmMessage: string | null;
  /** True: the JVM refuses to start. False: it starts and misreads. Null: not known. */
  fatal: boolean | null;
}

export interface JvmToken {
  text: string;
  /** The processing stage (interpretOptions' `origin`): later stages win. */
  origin: OptionOrigin;
  span: Span | null;
  source: TokenSource;
  /** The references it came through, outermost first (`$(JAVA_OPTS)`, then `$(HEAP)` inside its value). */
  via: Via[];
  kind: 'option' | 'option-argument' | 'argfile';
  /** Why the text is not fully known (it still holds an unexpanded reference). */
  unresolved?: string;
  unmatchedQuote?: boolean;
  problem?: TokenProblem;
}

export interface UnreadVariable {
  name: string;
  entry: EnvEntry;
  /** Why nothing reads it, for the message. */
  why: string;
}

/**
 * An option variable that is set where we cannot see whether anything passes it on (an image not in images.ts
 * run with its own entrypoint, a custom start script): it may or may not reach the JVM. The heap is computed as if
 * it does not; analyze.ts also computes the heap as if it does, so presenters can show both.
 */
export interface UncertainVariable {
  name: string;
  entry: EnvEntry;
  /** Who would have to pass it on: `the image's entrypoint` or the program, in backticks. */
  reader: string;
  /**
   * Its options as they would reach the JVM if the start program passed it on unquoted (`$VAR`, split on
   * whitespace), at the command-line stage; only words starting with `-` (a size such as `SOLR_HEAP=2g` is not an
   * option by itself). Empty when it holds none.
   */
  tokens: JvmToken[];
}

export interface Unresolved {
  what: string;
  reason: string;
  span: Span | null;
}

export interface ImageDefaultApplied {
  rowId: string;
  heapDefault: HeapDefault;
  /** Whether it takes effect given the options found (a formula is skipped when a heap option is given). */
  applies: boolean;
  source: string;
}

export type Launcher =
  /** `java` in the argv or a shell script. */
  | 'java'
  /** An image start script (table row) that runs `java`. */
  | 'image-script'
  /** ENTRYPOINT `java -jar` (distroless): only JAVA_TOOL_OPTIONS / JDK_JAVA_OPTIONS reach it. */
  | 'java-jar-entrypoint'
  /** Something we cannot see into (a custom script, an unknown image's entrypoint). */
  | 'unknown';

export interface JvmLaunch {
  detectedBy: DetectionReason[];
  jdk: DetectedJdk;
  vm: 'hotspot' | 'openj9';
  launcher: Launcher;
  /** The program that starts the JVM when it is not `java` itself (`catalina.sh`, `./start.sh`). */
  program: string | null;
  /** The JVM options in processing order (REFERENCE §2.3). */
  tokens: JvmToken[];
  /** What follows the options: `-jar app.jar`, a main class, a module; null when not seen. */
  main: { kind: 'jar' | 'class' | 'module' | 'source'; value: string } | null;
  /**
   * JVM options written after the jar or main class (`java -jar app.jar -Xmx512m`): the launcher hands them to the
   * application, so the JVM never reads them. Only `-X…`/`-XX:…` words are kept; `after` is the jar or main class.
   */
  appArguments: Array<{ text: string; span: Span | null; after: string }>;
  unreadVariables: UnreadVariable[];
  /** Option variables that may or may not reach the JVM: nothing we can see says (see UncertainVariable). */
  uncertainVariables: UncertainVariable[];
  /** Option variables that do reach the JVM (or the image's other JVMs). */
  readVariables: string[];
  unresolved: Unresolved[];
  image: { row: ImageRow; ref: ImageRef } | null;
  imageDefaults: ImageDefaultApplied[];
  hasCommand: boolean;
}

/** Programs that surely are not a JVM: a shell script that runs only these starts none. */
const NOT_JVM = new Set(
  (
    'cp mv rm ln ls cat echo printf sleep chmod chown chgrp mkdir rmdir touch test [ true false cd set trap wait kill ' +
    'exit sed awk grep tar gzip gunzip unzip zip wget curl nc find xargs tee head tail sort uniq cut tr date env ' +
    'id whoami hostname nslookup dig ping sh bash until while for do done if fi then else read source . : ' +
    'openssl keytool update-ca-certificates apk apt-get yum dnf microdnf pip python python3 node npm nginx envsubst ' +
    // Init-container chores in application images (the Elasticsearch chart's `sysctl -w vm.max_map_count=…`).
    'sysctl ulimit chroot mount umount usermod useradd groupadd ln stat du df ps jq yq'
  ).split(' '),
);

const JAVA_LAUNCHER = /^java(\.exe)?$/;

/** Shells that run a script file given as their first argument. */
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);

/** Launcher options that take the next argument as their value (`java -cp x Main`). */
const OPTION_WITH_VALUE = new Set([
  '-cp',
  '-classpath',
  '--class-path',
  '-p',
  '--module-path',
  '--upgrade-module-path',
  '--add-modules',
  '--limit-modules',
  '--add-reads',
  '--add-exports',
  '--add-opens',
  '--patch-module',
  '--enable-native-access',
  '--describe-module',
  '-d',
]);

interface JvmEnvVar {
  mapped: MappedString | null;
  reason?: string;
  entry: EnvEntry | null;
}
type JvmEnv = Map<string, JvmEnvVar>;

/** Which JDK runs: the image tag when it shows one (jdk.ts), else `defaultJdk`, said so. */
export function detectJdk(image: string | null, defaultJdk: number): DetectedJdk {
  const info = image ? jdkFromImage(image) : null;
  if (info && info.major !== null) {
    return {
      major: info.major,
      update: info.update,
      source: 'image tag',
      openj9: info.openj9,
      note: `JDK ${info.major}${info.update !== null ? ` (update ${info.update})` : ''} from ${info.source}${
        info.floating ? '; a floating tag: the build changes over time' : ''
      }`,
      fromImage: info,
    };
  }
  return {
    major: defaultJdk,
    update: null,
    source: 'assumed',
    openj9: info?.openj9 ?? false,
    note: `JDK ${defaultJdk} assumed: the image does not say which JDK it carries`,
    fromImage: info,
  };
}

/**
 * Detect a JVM in a launch and collect the options it sees. Null when nothing suggests a JVM. A throw is a bug:
 * the pipeline (analyze/jvm-subjects.ts) records it as a failure of the file's analysis.
 */
export function detectJvm(launch: LaunchSpec, opts: DetectOptions): JvmLaunch | null {
  return detect(launch, opts);
}

interface Found {
  launcher: Launcher;
  program: string | null;
  /** The java argv (from `java` on), when the JVM is started by `java` we can see. */
  javaArgv: { items: MappedString[]; sources: TokenSource[] } | null;
  /** The environment the JVM gets. */
  env: JvmEnv;
  /** Variable references expanded into what reaches the JVM (even to nothing). */
  refs: Via[];
  reasons: DetectionReason[];
  /** A row script starts the JVM. */
  scriptRow: ImageRow | null;
  notes: Unresolved[];
  /** A non-JVM program surely runs (`nginx`, a shell that only copies files). */
  surelyNotJvm: boolean;
}

function detect(launch: LaunchSpec, opts: DetectOptions): JvmLaunch | null {
  // The catalogue entry: by image name, else by a variable only its launcher reads (Paketo's BPL_JVM_*).
  const byName = lookupImage(launch.image);
  const byEnv = byName ? null : lookupByEnv(launch.env.map((e) => e.name));
  const image = byName ?? (byEnv ? { row: byEnv, ref: parseImageRef(launch.image ?? '') } : null);
  const row = image?.row ?? null;
  const text = opts.text;
  const containerEnv = envFromLaunch(launch);

  // The argv that runs, as far as we know it.
  let argv: { items: ArgvItem[]; sources: TokenSource[] } | null = null;
  let argvAssumed = false;
  const listed = (items: ArgvItem[] | null | undefined, list: 'command' | 'args' | 'entrypoint' | 'cmd') =>
    (items ?? []).map((item, index) => ({
      item,
      source: { kind: 'argv', list, index, ...(item.from ? { from: item.from } : {}), ...(item.composed ? { composed: item.composed } : {}) } as TokenSource,
    }));
  if (launch.command !== null) {
    const all = [...listed(launch.command, 'command'), ...listed(launch.args, 'args')];
    argv = { items: all.map((a) => a.item), sources: all.map((a) => a.source) };
  } else if (row?.entrypoint === 'java' && !launch.imageEntrypoint) {
    // The image's ENTRYPOINT is `java` itself (DynamoDB Local): args are the java command line.
    const java: ArgvItem = { ...literal('java'), span: null };
    const rest = listed(launch.args, 'args');
    argv = { items: [java, ...rest.map((a) => a.item)], sources: [{ kind: 'argv', list: 'entrypoint', index: 0 }, ...rest.map((a) => a.source)] };
  } else if (launch.imageEntrypoint) {
    const rest = launch.args !== null ? listed(launch.args, 'args') : listed(launch.imageCmd, 'cmd');
    const all = [...listed(launch.imageEntrypoint, 'entrypoint'), ...rest];
    argv = { items: all.map((a) => a.item), sources: all.map((a) => a.source) };
  } else if (launch.args && launch.args.length > 0) {
    const a0 = launch.args[0].value;
    const runsArgs =
      row?.entrypoint === 'passes-args' ||
      ((row === null || row.entrypoint === 'script') && (isJavaLauncher(a0) || shellScriptIndex(launch.args) !== null));
    if (runsArgs) {
      const all = listed(launch.args, 'args');
      argv = { items: all.map((a) => a.item), sources: all.map((a) => a.source) };
      argvAssumed = row?.entrypoint !== 'passes-args';
    }
  }

  const found: Found = {
    launcher: 'unknown',
    program: null,
    javaArgv: null,
    env: containerEnv,
    refs: [],
    reasons: [],
    scriptRow: null,
    notes: [],
    surelyNotJvm: false,
  };

  if (argv) {
    findInArgv(argv.items, argv.sources, containerEnv, row, found);
    if (argvAssumed && found.launcher !== 'unknown') {
      found.notes.push({
        what: 'entrypoint',
        reason: `assumed that the image's entrypoint runs its arguments (\`${launch.args?.[0]?.value ?? ''}\`)`,
        span: launch.imageSpan ?? null,
      });
    }
  } else if (row) {
    if (row.entrypoint === 'java-jar') {
      found.launcher = 'java-jar-entrypoint';
      found.program = 'java -jar';
      found.reasons.push({ kind: 'argv', detail: 'the image runs `java -jar`' });
    } else if (row.entrypoint === 'script') {
      found.launcher = 'image-script';
      found.scriptRow = row;
      found.program = row.scripts[0] ?? row.id;
    } else {
      // A plain JDK image without command: it runs the image's default command (jshell on eclipse-temurin).
      found.launcher = 'unknown';
      found.program = null;
      found.notes.push({ what: 'command', reason: 'no command: the image runs its default command', span: launch.span ?? null });
    }
  } else if (launch.command === null) {
    found.notes.push({
      what: 'entrypoint',
      reason: `the image \`${launch.image ?? '?'}\` is not known here: whether its entrypoint passes option variables on cannot be told`,
      span: launch.imageSpan ?? null,
    });
  }

  // Detection.
  if (found.launcher === 'java') {
    // reasons set by findInArgv
  }
  if (row && !found.surelyNotJvm) found.reasons.push({ kind: 'image', rowId: row.id, image: launch.image ?? '' });
  const explicitEnv = launch.env.filter(
    (e) => e.origin.kind !== 'configMap' || e.origin.via !== 'envFrom',
  );
  if (!found.surelyNotJvm) {
    for (const e of explicitEnv) {
      if ((JVM_VARIABLES as readonly string[]).includes(e.name) || OPTION_VARIABLES.has(e.name)) {
        found.reasons.push({ kind: 'env', variable: e.name });
      }
    }
  }
  if (found.reasons.length === 0) return null;
  // The catalogue knows this image is not a JVM (a native build): only an explicit `java` makes it one.
  if (row?.notJvm && found.launcher !== 'java') return null;

  const detectedJdk = detectJdk(launch.image, opts.defaultJdk);
  const vm: 'hotspot' | 'openj9' = row?.vm === 'openj9' || detectedJdk.openj9 ? 'openj9' : 'hotspot';
  // An image row that runs OpenJ9 (Open Liberty…) makes its JDK OpenJ9 too: its options are checked as OpenJ9's.
  const jdk: DetectedJdk = vm === 'openj9' && !detectedJdk.openj9 ? { ...detectedJdk, openj9: true } : detectedJdk;

  const tokens: JvmToken[] = [];
  const unresolved: Unresolved[] = [...found.notes];
  const read = new Set<string>();
  const unread: UnreadVariable[] = [];
  let main: JvmLaunch['main'] = null;
  const appArguments: JvmLaunch['appArguments'] = [];
  const env = found.env;

  const markRead = (refs: Via[]): void => {
    for (const r of refs) if (r.variable) read.add(r.variable);
  };
  const markReadOf = (m: MappedString): void => markRead(refsOf(m));
  markRead(found.refs);

  // Stage 1: JAVA_TOOL_OPTIONS (read by the JVM however it is started).
  tokens.push(...envTokens(env, 'JAVA_TOOL_OPTIONS', 'JAVA_TOOL_OPTIONS', text, unresolved, markRead));

  // Stage 2: JDK_JAVA_OPTIONS: only the `java` launcher, JDK 9+.
  const jdkOpts = env.get('JDK_JAVA_OPTIONS');
  if (jdkOpts) {
    if (jdk.major < 9) {
      const entry = jdkOpts.entry;
      if (entry) unread.push({ name: 'JDK_JAVA_OPTIONS', entry, why: `JDK ${jdk.major} does not read JDK_JAVA_OPTIONS (JDK 9+)` });
    } else {
      tokens.push(...envTokens(env, 'JDK_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', text, unresolved, markRead));
    }
  }

  // Stage 3: the command line.
  const imageDefaults: ImageDefaultApplied[] = [];
  if (row && row.heapDefault.kind === 'fixed-options' && (found.launcher === 'image-script' || found.scriptRow)) {
    for (const t of splitWords(literal(row.heapDefault.options))) {
      tokens.push(tokenOf(t, 'command-line', { kind: 'image-default', variable: null, rowId: row.id }, text));
    }
    imageDefaults.push({ rowId: row.id, heapDefault: row.heapDefault, applies: true, source: row.source });
  }
  if (found.javaArgv) {
    const { items, sources } = found.javaArgv;
    for (const it of items) markReadOf(it);
    let k = 1; // items[0] is `java`
    // `-jar` only switches the launcher to jar mode: options may follow it, and the jar is the first argument that
    // does not start with `-` (java.c ParseArguments, `openjdk/jdk8u-dev jdk/src/share/bin/java.c`: `mode = LM_JAR`
    // and the loop goes on; measured on 17.0.15: `java -jar -Xms2048m -Xmx2048m app.jar` runs app.jar with a 2 GiB
    // heap). `-m`/`--module` name the main module and end the options.
    let jarMode = false;
    while (k < items.length) {
      const it = items[k];
      const v = it.value;
      const src = sources[k];
      if (v === '-jar') {
        jarMode = true;
        k++;
        continue;
      }
      if (v === '-m' || v === '--module' || v === '--source') {
        if (items[k + 1]) {
          main = { kind: v === '--source' ? 'source' : 'module', value: items[k + 1].value };
        }
        if (v === '--source') {
          tokens.push(tokenOf(whole(it), 'command-line', src, text));
          k += 2;
          continue;
        }
        k += 2;
        break;
      }
      if (v.startsWith('--module=')) {
        main = { kind: 'module', value: v.slice('--module='.length) };
        k++;
        break;
      }
      if (v.startsWith('@')) {
        const t = tokenOf(whole(it), 'command-line', src, text, 'argfile');
        unresolved.push({ what: v, reason: 'an argument file: its options are not read', span: t.span });
        tokens.push(t);
        k++;
        continue;
      }
      if (!v.startsWith('-') || v === '-') {
        // After `-jar` the first such argument is the jar, even when it holds a reference (`$(APP_JAR)`).
        if (v.length > 0 && (!hasUnresolved(it) || jarMode)) {
          main = { kind: jarMode ? 'jar' : v.endsWith('.java') ? 'source' : 'class', value: v };
          k++;
          break;
        }
        if (hasUnresolved(it)) {
          // `$(APP_ARGS)` we cannot see: it may hold options or the main class.
          const t = tokenOf(whole(it), 'command-line', src, text);
          tokens.push(t);
          k++;
          continue;
        }
        k++;
        continue;
      }
      tokens.push(tokenOf(whole(it), 'command-line', src, text));
      if (OPTION_WITH_VALUE.has(v) && items[k + 1]) {
        tokens.push(tokenOf(whole(items[k + 1]), 'command-line', sources[k + 1], text, 'option-argument'));
        k += 2;
        continue;
      }
      k++;
    }
    // What follows the jar or main class goes to the application's `main`, not to the JVM (java.c ParseArguments
    // stops at the main class; measured on 17.0.15: `java -jar app.jar -Xmx512m` runs with the default heap and
    // the application gets `-Xmx512m` in args). JVM-only syntax there (`-X…`, `-XX:…`) is kept to be said.
    if (main) {
      for (let j = k; j < items.length; j++) {
        const v = items[j].value;
        if (!/^-X\S/.test(v) || hasUnresolved(items[j])) continue;
        const t = tokenOf(whole(items[j]), 'command-line', sources[j], text, 'option-argument');
        appArguments.push({ text: v, span: t.span, after: main.value });
      }
    }
  }
  if (found.launcher === 'java-jar-entrypoint' && launch.args && launch.args[0]) {
    main = { kind: 'jar', value: launch.args[0].value };
  }
  const scriptRow = found.scriptRow;
  if (scriptRow) {
    for (const part of scriptRow.parts) {
      const v = env.get(part.variable);
      const isSet = (name: string): boolean => {
        const e = env.get(name);
        return e !== undefined && (e.mapped === null || e.mapped.value !== '');
      };
      const skippedBy = part.skipWhenSet?.find(isSet);
      if (skippedBy) {
        if (v?.entry && isSet(part.variable)) {
          unread.push({
            name: part.variable,
            entry: v.entry,
            why: `${scriptRow.scripts[0] ?? 'the start script'} ignores it when \`${skippedBy}\` is set`,
          });
        }
        continue;
      }
      if (skipsByValue(part, env)) {
        // Run-java.sh's `JAVA_MAX_MEM_RATIO=0` turns its own option off; Bitnami ZooKeeper's heap flags give way to
        // a JVMFLAGS that holds both -Xmx and -Xms.
        const by = part.skipWhenMatches?.variable ?? part.variable;
        if (by === part.variable) read.add(part.variable);
        else if (v?.entry && isSet(part.variable)) {
          unread.push({ name: part.variable, entry: v.entry, why: `${scriptRow.scripts[0] ?? 'the start script'} leaves it out when \`${by}\` sets the heap` });
        }
        continue;
      }
      if (!v) {
        const opaque = (launch.opaqueEnvSources ?? []).find((o) => part.variable.startsWith(o.prefix));
        if (opaque) {
          unresolved.push({
            what: part.variable,
            reason: `\`${part.variable}\` may come from ${opaque.kind === 'secret' ? 'Secret' : 'ConfigMap'} ${opaque.name ? `\`${opaque.name}\`` : '(unnamed)'} (envFrom): ${opaque.reason}`,
            span: opaque.span,
          });
        }
      }
      if (v && v.mapped === null) {
        read.add(part.variable);
        unresolved.push({ what: part.variable, reason: v.reason ?? 'its value is not known here', span: v.entry?.valueSpan ?? null });
        continue;
      }
      const value = v?.mapped ?? null;
      if (value !== null && value.value.trim() !== '') {
        read.add(part.variable);
        markReadOf(value);
        const source: TokenSource = { kind: 'script', variable: part.variable, rowId: scriptRow.id, entry: v?.entry ?? null };
        if (part.template && part.template !== '{}') {
          const composed = literal(partOptions(part, value.value.trim()) ?? '');
          for (const t of splitWords(composed)) tokens.push(tokenOf(t, 'command-line', source, text));
        } else if (part.shellQuotes) {
          // The value is written into a file the script sources (Pulsar's apply-config-from-env.py): the shell
          // removes its quotes there, as HotSpot's own splitting does.
          for (const t of splitWords(unquoted(value))) tokens.push(tokenOf(t, 'command-line', source, text));
        } else {
          // An unquoted `$VAR` in the script: split on whitespace, quotes not interpreted.
          for (const t of splitWords(value)) tokens.push(tokenOf(t, 'command-line', source, text));
        }
      } else if (part.default && !(part.noDefaultWhenSet ?? []).some(isSet)) {
        if (v) read.add(part.variable);
        const source: TokenSource = { kind: 'image-default', variable: part.variable, rowId: scriptRow.id };
        for (const t of splitWords(literal(defaultOf(part, env)))) tokens.push(tokenOf(t, 'command-line', source, text));
        if (scriptRow.heapDefault.kind === 'script-options' && scriptRow.heapDefault.variable === part.variable) {
          imageDefaults.push({ rowId: scriptRow.id, heapDefault: scriptRow.heapDefault, applies: true, source: scriptRow.source });
        }
      } else if (v) {
        read.add(part.variable);
      }
    }
    for (const name of scriptRow.readsForOtherJvms ?? []) if (env.has(name)) read.add(name);
  }

  // Stage 4: _JAVA_OPTIONS.
  tokens.push(...envTokens(env, '_JAVA_OPTIONS', '_JAVA_OPTIONS', text, unresolved, markRead));

  // Formula defaults (Elasticsearch, Cassandra) apply unless a heap option suppresses them.
  const heapRow = scriptRow ?? (found.launcher === 'image-script' ? row : null);
  if (heapRow && heapRow.heapDefault.kind === 'formula') {
    const hd = heapRow.heapDefault;
    // The script looks at its own command line (JVM_OPTS, jvm.options), not at JAVA_TOOL_OPTIONS.
    const counts = (t: JvmToken): boolean =>
      hd.suppressedIn ? t.source.kind === 'script' && hd.suppressedIn.includes(t.source.variable) : t.origin === 'command-line' && t.source.kind !== 'image-default';
    const userHeap = tokens.some((t) => counts(t) && hd.suppressedBy.test(t.text));
    const variableSet = heapRow.parts.some((p) => p.template && env.get(p.variable)?.mapped?.value);
    imageDefaults.push({ rowId: heapRow.id, heapDefault: hd, applies: !userHeap && !variableSet, source: heapRow.source });
  } else if (heapRow && heapRow.heapDefault.kind === 'unknown') {
    // Moot when the variable that replaces the image's own default is set (Atlassian's JVM_MAXIMUM_MEMORY).
    const hd = heapRow.heapDefault;
    const replaced =
      (hd.overriddenBy ?? []).some((n) => {
        const v = env.get(n);
        return v !== undefined && v.mapped !== null && v.mapped.value.trim() !== '';
      }) || (hd.userHeapWins === true && tokens.some((t) => t.source.kind !== 'image-default' && USER_MAX_HEAP.test(t.text)));
    imageDefaults.push({ rowId: heapRow.id, heapDefault: heapRow.heapDefault, applies: !replaced, source: heapRow.source });
    if (!replaced) unresolved.push({ what: 'heap default', reason: heapRow.heapDefault.note, span: launch.imageSpan ?? null });
  }
  if (vm === 'openj9') {
    unresolved.push({ what: 'JVM', reason: 'Eclipse OpenJ9: its heap ergonomics differ from HotSpot and are not modelled', span: launch.imageSpan ?? null });
  }

  // Unread option variables; where the launch cannot be seen, variables that may or may not be read.
  const launchKnown = found.launcher !== 'unknown';
  const uncertain: UncertainVariable[] = [];
  for (const e of launch.env) {
    if (!OPTION_VARIABLES.has(e.name) || (JVM_VARIABLES as readonly string[]).includes(e.name)) continue;
    if (read.has(e.name) || unread.some((u) => u.name === e.name)) continue;
    if (e.value === '') continue;
    if (launchKnown) {
      unread.push({ name: e.name, entry: e, why: unreadWhy(e.name, found, e.origin.kind) });
    } else {
      const reader = found.program ? `\`${found.program}\`` : "the image's entrypoint";
      const v = env.get(e.name);
      const mapped = v?.entry === e ? v.mapped : e.mapped;
      const optionTokens = mapped
        ? splitWords(mapped)
            .filter((w) => w.text.startsWith('-'))
            .map((w) => tokenOf(w, 'command-line', { kind: 'variable', variable: e.name, entry: e }, text))
        : [];
      if (!uncertain.some((u) => u.name === e.name)) uncertain.push({ name: e.name, entry: e, reader, tokens: optionTokens });
      const what = optionTokens.length > 0 ? ` (${optionTokens.map((t) => `\`${t.text}\``).join(' ')})` : '';
      const table = launch.command === null && !row ? " (the image is not in OOM Lens's image table)" : '';
      unresolved.push({
        what: e.name,
        reason:
          `\`${e.name}\` is set${what}, but whether ${reader} passes it to the JVM cannot be seen here${table}: ` +
          `the heap shown assumes it is not read`,
        span: e.nameSpan,
      });
    }
  }

  for (const t of tokens) {
    if (t.unresolved) unresolved.push({ what: t.text, reason: t.unresolved, span: t.span });
  }

  return {
    detectedBy: dedupeReasons(found.reasons),
    jdk,
    vm,
    launcher: found.launcher,
    program: found.program,
    tokens,
    main,
    unreadVariables: unread,
    uncertainVariables: uncertain,
    readVariables: [...read].filter((n) => SCRIPT_VARIABLES.has(n) || (JVM_VARIABLES as readonly string[]).includes(n)),
    unresolved: dedupeUnresolved(unresolved),
    image,
    imageDefaults,
    hasCommand: launch.command !== null,
    appArguments,
  };
}

/** The value as a shell assignment `VAR=<value>` leaves it: quote characters removed, the rest kept (mapped). */
function unquoted(m: MappedString): MappedString {
  const keep: number[] = [];
  for (let i = 0; i < m.value.length; i++) if (m.value[i] !== '"' && m.value[i] !== "'") keep.push(i);
  return { value: keep.map((i) => m.value[i]).join(''), offsets: keep.map((i) => m.offsets[i]), vias: keep.map((i) => m.vias[i]), refs: m.refs };
}

/** An explicit max heap among the options. */
const USER_MAX_HEAP = /^(-Xmx|-XX:MaxHeapSize=)/;

/** The part gives way because of a variable's value (catalogue `skipWhenMatches`). */
function skipsByValue(part: ScriptPart, env: JvmEnv): boolean {
  const m = part.skipWhenMatches;
  if (!m) return false;
  const value = env.get(m.variable)?.mapped?.value;
  return value !== undefined && m.pattern.test(value);
}

/** The default a part uses: its alternate when the selector variable says so (Zipkin's STORAGE_TYPE). */
function defaultOf(part: ScriptPart, env: JvmEnv): string {
  const alt = part.alternateDefault;
  if (alt) {
    const sel = env.get(alt.variable)?.mapped?.value;
    if (sel !== undefined && !alt.notIn.includes(sel.trim())) return alt.default;
  }
  return part.default ?? '';
}

function unreadWhy(name: string, found: Found, where: EnvOrigin['kind']): string {
  switch (found.launcher) {
    case 'java': {
      // How to pass it on depends on who expands the command: the kubelet `$(VAR)`, a shell `$VAR` (a Dockerfile's
      // shell-form CMD); compose interpolates `$VAR` from the host when it reads the file, so only JAVA_TOOL_OPTIONS
      // is a plain way there.
      const how =
        where === 'dockerfile' || where === 'image'
          ? `a shell-form \`CMD java $${name} …\``
          : where === 'compose'
            ? null
            : `\`$(${name})\` in args`;
      return `\`${name}\` is not read by the JVM itself and the command does not pass it on (use ${how ? `${how}, or ` : ''}JAVA_TOOL_OPTIONS)`;
    }
    case 'java-jar-entrypoint':
      return `the image runs \`java -jar\` directly: only JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS reach the JVM`;
    case 'image-script':
      return `${found.scriptRow?.scripts[0] ?? 'the image\'s start script'} does not read \`${name}\``;
    default:
      return `nothing passes \`${name}\` to the JVM`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Finding the JVM in an argv

function findInArgv(items: ArgvItem[], sources: TokenSource[], env: JvmEnv, row: ImageRow | null, found: Found): void {
  // Wrappers in exec form: tini --, dumb-init, gosu user, env VAR=…
  let start = 0;
  const jEnv: JvmEnv = new Map(env);
  for (;;) {
    const a = items[start];
    if (!a) return;
    const b = baseName(a.value);
    if (b === 'tini' || b === 'dumb-init' || b === 'catatonit') {
      start++;
      while (items[start] && items[start].value.startsWith('-')) {
        const done = items[start].value === '--';
        start++;
        if (done) break;
      }
      continue;
    }
    if (b === 'gosu' || b === 'su-exec') {
      start += 2;
      continue;
    }
    // `sh /opt/kafka/bin/kafka-server-start.sh …`: the script file is what runs.
    if (SHELLS.has(b) && items[start + 1] && !items[start + 1].value.startsWith('-') && shellScriptIndex(items.slice(start)) === null) {
      start++;
      continue;
    }
    if (b === 'env' && items[start + 1] && shellScriptIndex(items.slice(start)) === null) {
      start++;
      while (items[start] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(items[start].value)) {
        const it = items[start];
        const eq = it.value.indexOf('=');
        jEnv.set(it.value.slice(0, eq), {
          mapped: { ...sliceOf(it, eq + 1), refs: it.refs },
          entry: null,
        });
        start++;
      }
      continue;
    }
    break;
  }
  const rest = items.slice(start);
  const restSources = sources.slice(start);
  const prog = rest[0].value;
  if (isJavaLauncher(prog)) {
    found.launcher = 'java';
    found.program = prog;
    found.javaArgv = { items: rest, sources: restSources };
    found.env = jEnv;
    found.reasons.push({ kind: 'argv', detail: `\`${prog}\` in the command` });
    return;
  }
  const si = shellScriptIndex(rest);
  if (si !== null) {
    const script = rest[si];
    const result = runShell(script, toShellEnv(jEnv));
    const javaRuns = result.commands.filter((c) => isJavaLauncher(c.argv[0]?.value ?? ''));
    const chosen = javaRuns.find((c) => c.exec) ?? javaRuns[javaRuns.length - 1];
    for (const n of result.notes) found.notes.push({ what: 'shell', reason: n, span: script.span });
    if (chosen) {
      found.launcher = 'java';
      found.program = chosen.argv[0].value;
      found.javaArgv = { items: chosen.argv, sources: chosen.argv.map((_, index) => ({ kind: 'shell', index, ...(script.from ? { from: script.from } : {}) })) };
      found.env = fromShellEnv(chosen.env);
      found.refs.push(...chosen.refs);
      found.reasons.push({ kind: 'shell', detail: `\`${chosen.argv[0].value}\` in the \`${baseName(rest[0].value)} -c\` script` });
      if (javaRuns.length > 1) {
        found.notes.push({ what: 'shell', reason: `the script starts java ${javaRuns.length} times; the ${chosen.exec ? '`exec`' : 'last'} one is analysed`, span: script.span });
      }
      return;
    }
    const scriptRun = result.commands.find((c) => scriptRowFor(programOf(c.argv), row) !== null);
    if (scriptRun) {
      found.launcher = 'image-script';
      found.scriptRow = scriptRowFor(programOf(scriptRun.argv), row);
      found.program = programOf(scriptRun.argv);
      found.env = fromShellEnv(scriptRun.env);
      found.refs.push(...scriptRun.refs);
      return;
    }
    const unknown = result.commands.filter((c) => !NOT_JVM.has(baseName(programOf(c.argv))) && !programOf(c.argv).includes('$'));
    const opaque = result.commands.filter((c) => (c.argv[0]?.vias ?? []).some((v) => v && !v.resolved));
    if (unknown.length === 0 && opaque.length === 0) {
      found.surelyNotJvm = true;
      return;
    }
    found.launcher = 'unknown';
    found.program = (unknown[unknown.length - 1] ?? opaque[opaque.length - 1]).argv[0].value;
    return;
  }
  const progRow = scriptRowFor(prog, row);
  if (progRow) {
    found.launcher = 'image-script';
    found.scriptRow = progRow;
    found.program = prog;
    found.env = jEnv;
    return;
  }
  if (NOT_JVM.has(baseName(prog))) {
    found.surelyNotJvm = true;
    return;
  }
  found.launcher = 'unknown';
  found.program = prog;
  // A program we cannot see into (a script from a volume, the image's own binary): it may put any options on the
  // JVM's command line, so the heap shown (from what we can see) is said to be partly unknown.
  found.notes.push({
    what: prog,
    reason: `\`${prog}\` starts the JVM in a way not visible here: options it passes are not known, so the heap shown may not be the JVM's`,
    span: rest[0].span ?? null,
  });
}

/**
 * The table row whose start script `program` is: the image's own row, or (for an image not in the table) a row
 * whose script name is distinctive enough to recognise anywhere (`kafka-server-start.sh`, `catalina.sh`).
 */
function scriptRowFor(program: string, row: ImageRow | null): ImageRow | null {
  const name = baseName(program);
  if (!name) return null;
  if (row && row.scripts.includes(name)) return row;
  // Another product's script (zookeeper-server-start.sh in a Kafka image, zkServer.sh in a Dockerfile's CMD).
  return lookupScript(name);
}

/** What a command runs: its program, or the script a shell runs (`bash bin/zkServer.sh start-foreground`). */
function programOf(argv: ReadonlyArray<{ value: string }>): string {
  const p = argv[0]?.value ?? '';
  const next = argv[1]?.value;
  if (SHELLS.has(baseName(p)) && next !== undefined && next !== '' && !next.startsWith('-')) return next;
  return p;
}

function isJavaLauncher(value: string): boolean {
  return JAVA_LAUNCHER.test(baseName(value));
}

function sliceOf(m: MappedString, start: number): MappedString {
  return { value: m.value.slice(start), offsets: m.offsets.slice(start), vias: m.vias.slice(start), refs: [] };
}

function hasUnresolved(m: MappedString): boolean {
  return m.vias.some((v) => v !== null && chainUnresolved(v) !== null);
}

function chainUnresolved(v: Via): string | null {
  for (let x: Via | undefined = v; x; x = x.outer) if (!x.resolved) return x.reason ?? `\`${x.ref}\` is not known here`;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Environments

function envFromLaunch(launch: LaunchSpec): JvmEnv {
  const env: JvmEnv = new Map();
  for (const e of launch.env) env.set(e.name, { mapped: e.mapped, reason: e.unresolvedReason, entry: e });
  return env;
}

function toShellEnv(env: JvmEnv): ShellEnv {
  const out: ShellEnv = new Map();
  for (const [k, v] of env) {
    out.set(k, {
      value: v.mapped,
      exported: true,
      ...(v.reason ? { reason: v.reason } : {}),
      ...(v.entry ? { entry: v.entry } : {}),
    });
  }
  return out;
}

function fromShellEnv(env: ShellEnv): JvmEnv {
  const out: JvmEnv = new Map();
  for (const [k, v] of env) {
    // A value changed by the script is the script's, not the manifest entry's.
    const entry = v.entry && v.entry.mapped === v.value ? v.entry : null;
    out.set(k, { mapped: v.value, reason: v.reason, entry });
  }
  return out;
}

/** Every reference a string came through: its recorded refs and the via chains of its characters. */
function refsOf(m: MappedString): Via[] {
  const out = new Set<Via>(m.refs);
  for (const v of m.vias) for (let x: Via | undefined = v ?? undefined; x; x = x.outer) out.add(x);
  return [...out];
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

function envTokens(
  env: JvmEnv,
  name: string,
  origin: OptionOrigin,
  text: string | undefined,
  unresolved: Unresolved[],
  markRead: (refs: Via[]) => void,
): JvmToken[] {
  const v = env.get(name);
  if (!v) return [];
  if (v.mapped === null) {
    unresolved.push({ what: name, reason: v.reason ?? 'its value is not known here', span: v.entry?.valueSpan ?? null });
    return [];
  }
  markRead(refsOf(v.mapped));
  const source: TokenSource = { kind: 'variable', variable: name, entry: v.entry };
  // HotSpot's own splitting (quotes group, and are dropped): options.ts tokenizeOptions.
  return tokenizeOptions(v.mapped.value).map((t) => {
    const tok = tokenOf({ m: v.mapped as MappedString, start: t.start, end: t.end, text: t.text }, origin, source, text);
    if (t.unmatchedQuote) tok.unmatchedQuote = true;
    return tok;
  });
}

interface Piece {
  m: MappedString;
  start: number;
  end: number;
  /** The token text (differs from the range when quotes were removed). */
  text: string;
}

function whole(m: MappedString): Piece {
  return { m, start: 0, end: m.value.length, text: m.value };
}

/** Split on whitespace as an unquoted shell `$VAR` does (quotes inside the value are not interpreted). */
function splitWords(m: MappedString): Piece[] {
  const out: Piece[] = [];
  const re = /[^ \t\n]+/g;
  for (let x = re.exec(m.value); x; x = re.exec(m.value)) {
    out.push({ m, start: x.index, end: x.index + x[0].length, text: x[0] });
  }
  return out;
}

function tokenOf(
  p: Piece,
  origin: OptionOrigin,
  source: TokenSource,
  text: string | undefined,
  kind: JvmToken['kind'] = 'option',
): JvmToken {
  const verbatim = text !== undefined ? verbatimSpan(p.m, p.start, p.end, text) : mappedSpan(p.m, p.start, p.end);
  // An option a source composed from its fields lands on the field it comes from (launch.ts ComposedItem).
  const composed = source.kind === 'argv' ? source.composed : source.kind === 'variable' || source.kind === 'script' ? source.entry?.composed : undefined;
  const span = verbatim ?? (composed ? composed.at : null);
  let via: Via[] = [];
  let unresolvedReason: string | undefined;
  for (let i = p.start; i < p.end; i++) {
    const v = p.m.vias[i];
    if (v && via.length === 0) via = viaChain(p.m, i);
    if (v && unresolvedReason === undefined) {
      const r = chainUnresolved(v);
      if (r !== null) unresolvedReason = r;
    }
  }
  const tok: JvmToken = { text: p.text, origin, span, source, via, kind };
  if (unresolvedReason !== undefined) tok.unresolved = unresolvedReason;
  if (kind === 'option' && origin === 'command-line' && /\s/.test(p.text) && p.text.startsWith('-')) {
    tok.problem = unsplitProblem(p.text);
  }
  return tok;
}

function mappedSpan(m: MappedString, start: number, end: number): Span | null {
  const first = m.offsets[start];
  if (first == null || end <= start) return null;
  for (let i = start; i < end; i++) if (m.offsets[i] !== first + (i - start)) return null;
  return [first, first + (end - start)];
}

/**
 * One argv element holding several options (REFERENCE §6.4: Kubernetes does not split `$(VAR)`). The JVM's
 * messages were measured on JDK 17.0.15 (`java "<arg>" -version`).
 */
export function unsplitProblem(arg: string): TokenProblem {
  const fatal = (jvmMessage: string): TokenProblem => ({
    kind: 'unsplit-argument',
    message: `\`${arg}\` reaches the JVM as one argument, not split into options: the JVM refuses to start`,
    jvmMessage,
    fatal: true,
  });
  if (arg.startsWith('-Xmx')) return fatal(`Invalid maximum heap size: ${arg}`);
  if (arg.startsWith('-Xms')) return fatal(`Invalid initial heap size: ${arg}`);
  if (arg.startsWith('-Xss')) return fatal(`Invalid thread stack size: ${arg}`);
  if (arg.startsWith('-Xmn')) return fatal(`Invalid initial young generation size: ${arg}`);
  const xx = /^-XX:([+-]?)([A-Za-z0-9_]+)(=?)(.*)$/s.exec(arg);
  if (xx) {
    if (xx[1]) return fatal(`Unrecognized VM option '${arg.slice(5)}'`);
    if (xx[3] && /^[0-9.]/.test(xx[4])) return fatal(`Improperly specified VM option '${arg.slice(4)}'`);
  }
  // Launcher options glued to what follows (`["java", "-jar -Xms2G -Xmx2G", "/app.jar"]`): the launcher does not
  // recognise the whole string and passes it to the JVM, which refuses it (measured: "-jar -Xms2G -Xmx2G",
  // "-jar app.jar", "-cp /app -Xmx1g", "-server -Xmx1g" all exit 1 with this message).
  if (/^-(jar|cp|server)\s/.test(arg)) return fatal(`Unrecognized option: ${arg}`);
  if (arg.startsWith('-D')) {
    return {
      kind: 'unsplit-argument',
      message: `\`${arg}\` reaches the JVM as one argument: everything after the first space becomes part of the property value, and the options in it are ignored`,
      jvmMessage: null,
      fatal: false,
    };
  }
  return {
    kind: 'unsplit-argument',
    message: `\`${arg}\` reaches the JVM as one argument, not split into options`,
    jvmMessage: null,
    fatal: null,
  };
}

function dedupeReasons(reasons: DetectionReason[]): DetectionReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const k = JSON.stringify(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function dedupeUnresolved(list: Unresolved[]): Unresolved[] {
  const seen = new Set<string>();
  return list.filter((u) => {
    const k = `${u.what}\u0000${u.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Rows of the image table, re-exported for presenters (hover text cites `source`). */
export { IMAGE_TABLE };
export type { ShellCommandRun };

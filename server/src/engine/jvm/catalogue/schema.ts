// The schema of the image catalogue: what OOM Lens knows about an image family that runs (or does not run) a JVM.
// The data lives beside this file, one module per group of families; index.ts loads it (compiles the name patterns,
// keeps the order) and answers lookups. Every fact carries its source: the entry's `source` says where the launch
// (entrypoint, scripts, option order) was read, each part with a default or template says where that was read, and
// every heap default says where its value was read. Where the research could not confirm a fact, the entry says so
// (`heapDefault.kind: 'unknown'` with a note, or `unconfirmed`), rather than guessing.

export interface ScriptPart {
  /** The variable the script reads; its value is word-split into options (an unquoted `$VAR` in the script). */
  variable: string;
  /** Options the script uses when the variable is unset or empty. */
  default?: string;
  /** The variable holds a size turned into options by this template (`{}` is the value), e.g. `-Xmx{}m`. */
  template?: string;
  /** The part is left out when any of these is set (Keycloak ignores JAVA_OPTS_KC_HEAP once JAVA_OPTS is set). */
  skipWhenSet?: string[];
  /** Only the default is left out when any of these is set (Solr uses SOLR_JAVA_MEM instead of its 512m). */
  noDefaultWhenSet?: string[];
  /** The part is left out when a variable's value matches (Bitnami ZooKeeper: JVMFLAGS with both -Xmx and -Xms). */
  skipWhenMatches?: { variable: string; pattern: RegExp };
  /** Another default when a selector variable is set to a value not in `notIn` (Zipkin's storage type). */
  alternateDefault?: { variable: string; notIn: string[]; default: string };
  /** The value is written into a file the script sources, so the shell interprets its quotes (Pulsar). */
  shellQuotes?: boolean;
  /** Where the variable, its position on the command line and its default or template were read. */
  source?: string;
}

/** Where a heap default was read (every kind carries it). */
interface Sourced {
  source: string;
}

export type HeapDefault =
  /** No script sizing: the JVM's own ergonomics (REFERENCE §2.1). */
  | ({ kind: 'jvm' } & Sourced)
  /** Options the image always puts first (a jvm.options file): user options after them win. */
  | ({ kind: 'fixed-options'; options: string; description: string } & Sourced)
  /** The heap comes from a script part's default (its options are injected by detect.ts). */
  | ({ kind: 'script-options'; variable: string; description: string } & Sourced)
  /** The script computes -Xms/-Xmx from memory; see the formula functions in images.ts. */
  | ({
      kind: 'formula';
      formula: 'elasticsearch' | 'cassandra';
      /** Which memory the script reads: the container limit, or the node's memory (`free` is not cgroup-aware). */
      memory: 'container-limit' | 'node-memory';
      /** The script stops computing when one of these options is among the user's options. */
      suppressedBy: RegExp;
      /** Only options from these variables count (Cassandra checks JVM_OPTS, not the later JVM_EXTRA_OPTS). */
      suppressedIn?: string[];
      description: string;
    } & Sourced)
  | ({
      kind: 'unknown';
      note: string;
      /** Variables whose value replaces that default (the script uses its own only when they are unset). */
      overriddenBy?: string[];
      /** An explicit max heap (`-Xmx`, `-XX:MaxHeapSize`) among the options replaces the unknown default. */
      userHeapWins?: boolean;
    } & Sourced);

/** A JVM the image starts besides the one analysed (SonarQube's web, compute engine and search processes). */
export interface OtherJvm {
  name: string;
  /** The variables that size it, in command-line order. */
  variables: string[];
  /** Its options when they are unset. */
  default: string;
  source: string;
}

/** A file the image's launcher reads options from. */
export interface ConfigFile {
  path: string;
  /** What it holds by default and when it is read. */
  note: string;
  source: string;
}

export interface CatalogueEntry {
  /** Stable id (findings and hovers name it). */
  id: string;
  /** The product, for listings: `Elasticsearch 7.11+`, `Kafka (Confluent cp-kafka)`. */
  family: string;
  /**
   * Image names, matched against `registry/path` without tag (Docker Hub as `docker.io/…`, `library/` dropped).
   * A name with a registry (`docker.io/tomcat`, `quay.io/keycloak/keycloak`) matches that name only; a name without
   * one (`bitnami/kafka`, `tomcat`) matches it under any registry or parent path. `*` matches within a path segment.
   * Empty for entries found by their start script or environment only.
   */
  names: string[];
  /** Version range of the tag this entry covers: `[min, below)`; a tag without a version matches the newest entry. */
  tags?: { min?: number[]; below?: number[] };
  /** The entry applies only when the tag matches (Keycloak `-legacy` tags, Camunda `wildfly-…`). */
  tagMatches?: RegExp;
  /** The JVM implementation: OpenJ9 sizes heaps its own way (not modelled). */
  vm: 'hotspot' | 'openj9';
  /** The image is known not to run a JVM (a native build): it is not analysed as one. */
  notJvm?: { reason: string; source: string };
  /**
   * What runs without `command`: `passes-args` (the entrypoint execs its arguments: plain JDK images),
   * `java-jar` (ENTRYPOINT is `java -jar`: args are the jar and its arguments), `java` (ENTRYPOINT is `java`: args
   * are the whole java command line), `script` (an application start script that builds the `java` command line
   * from `parts`).
   */
  entrypoint: 'passes-args' | 'java-jar' | 'java' | 'script';
  /** Basenames of the start scripts; a `command` naming one of them runs the same logic. */
  scripts: string[];
  /**
   * The entry describes what its scripts do wherever they run: a script of this list found in another image (or a
   * Dockerfile) resolves to this entry.
   */
  scriptHome?: boolean;
  /** Recognised without an image name: a variable only this launcher reads (Paketo's `BPL_JVM_*`), or its program. */
  recognizedBy?: { env?: string[]; programs?: string[] };
  /** In command-line order. */
  parts: ScriptPart[];
  /** Variables the image reads for other JVMs it starts (SonarQube's web/CE/search processes). */
  readsForOtherJvms?: string[];
  otherJvms?: OtherJvm[];
  configFiles?: ConfigFile[];
  heapDefault: HeapDefault;
  /** The JDK the image ships, when the research says (informational). */
  jdk?: string;
  /** Where the launch (entrypoint, scripts, option order) was read. */
  source: string;
  note?: string;
  /** Facts the research could not confirm (said in listings). */
  unconfirmed?: string[];
}

/** A catalogue entry with its names compiled: what lookups return. */
export interface ImageRow extends CatalogueEntry {
  /** Matched against `registry/path` without tag. */
  pattern: RegExp;
}

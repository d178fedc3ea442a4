// The image catalogue, loaded: the data modules beside this file in lookup order (the first entry that matches an
// image wins, so specific names — `bitnami/kafka`, `confluentinc/cp-kafka` — come before generic ones — `kafka`),
// their name patterns compiled, and the lookups the JVM model uses. Data only changes here by adding a module to
// GROUPS; entries are validated by test/engine/jvm/catalogue.test.ts (ids unique, a source on every fact).
import { APP_SERVERS } from './app-servers';
import { APPLICATIONS } from './applications';
import { JDK_IMAGES } from './jdk-images';
import { MESSAGING } from './messaging';
import { OTHER_MESSAGING } from './messaging-more';
import { SEARCH_AND_DATA } from './search-data';
import type { CatalogueEntry, ImageRow } from './schema';

export type { CatalogueEntry, ConfigFile, HeapDefault, ImageRow, OtherJvm, ScriptPart } from './schema';

/** The groups in lookup order: applications before the JDK images their names could overlap with. */
const GROUPS: ReadonlyArray<{ group: string; entries: CatalogueEntry[] }> = [
  { group: 'search and data', entries: SEARCH_AND_DATA },
  { group: 'Kafka and ZooKeeper', entries: MESSAGING },
  { group: 'messaging and streaming', entries: OTHER_MESSAGING },
  { group: 'application servers and tools', entries: APP_SERVERS },
  { group: 'applications', entries: APPLICATIONS },
  { group: 'JDK images and launchers', entries: JDK_IMAGES },
];

/** `docker.io/tomcat` → exactly that name; `bitnami/kafka` → under any registry or parent path; `*` within a segment. */
export function compileNames(names: string[]): RegExp {
  if (names.length === 0) return /(?!)/;
  const alts = names.map((n) => {
    const lower = n.toLowerCase();
    const body = lower
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*');
    const first = lower.split('/')[0];
    const hasRegistry = lower.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
    return hasRegistry ? `^${body}$` : `(?:^|/)${body}$`;
  });
  return new RegExp(alts.join('|'));
}

function compile(entry: CatalogueEntry): ImageRow {
  return { ...entry, pattern: compileNames(entry.names) };
}

/** Every entry, compiled, in lookup order. */
export const IMAGE_TABLE: ImageRow[] = GROUPS.flatMap((g) => g.entries.map(compile));

/** The group each entry belongs to, for listings. */
export const ENTRY_GROUP: ReadonlyMap<string, string> = new Map(GROUPS.flatMap((g) => g.entries.map((e) => [e.id, g.group] as const)));

/**
 * Every variable holding JVM options that some start script in the catalogue reads, plus common ones no JVM reads by
 * itself. Size variables (a part with a template: HEAP_SIZE, JVM_XMX …) are left out: their names are too generic to
 * say on their own that a container runs a JVM.
 */
export const OPTION_VARIABLES: ReadonlySet<string> = new Set([
  ...IMAGE_TABLE.flatMap((r) => [...r.parts.filter((p) => p.template === undefined).map((p) => p.variable), ...(r.readsForOtherJvms ?? [])]),
  'JAVA_OPTS',
  'JAVA_OPTIONS',
  'JVM_OPTS',
  'JVM_ARGS',
  'JAVA_ARGS',
  'JAVA_OPTS_APPEND',
  'CATALINA_OPTS',
  'ES_JAVA_OPTS',
  'OPENSEARCH_JAVA_OPTS',
  'KAFKA_HEAP_OPTS',
  'KAFKA_OPTS',
  'SOLR_HEAP',
  'SOLR_JAVA_MEM',
  'LS_JAVA_OPTS',
  'MAX_HEAP_SIZE',
  'JVMFLAGS',
  'SERVER_JVMFLAGS',
  'INSTALL4J_ADD_VM_PARAMS',
  'HEAP_OPTS',
  'JAVA_HEAP_OPTS',
]);

/** Every variable some start script in the catalogue reads (options and sizes). */
export const SCRIPT_VARIABLES: ReadonlySet<string> = new Set([...OPTION_VARIABLES, ...IMAGE_TABLE.flatMap((r) => r.parts.map((p) => p.variable))]);

/** The variables the JVM itself reads (REFERENCE §2.3). */
export const JVM_VARIABLES = ['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS'] as const;

export interface ImageRef {
  /** `docker.io`, `quay.io`, … */
  registry: string;
  /** Repository path without registry and tag (`library/` dropped on Docker Hub). */
  path: string;
  tag: string | null;
  digest: string | null;
  /** `registry/path`, what rows match against. */
  name: string;
}

export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift() as string;
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && parts.length === 2 && parts[0] === 'library') parts.shift();
  const path = parts.join('/');
  return { registry, path, tag, digest, name: `${registry}/${path}`.toLowerCase() };
}

/** Leading version numbers of a tag: `7.17.3` → [7, 17, 3]; `26.0-jdk17` → [26, 0]; `latest` → null. */
export function tagVersion(tag: string | null): number[] | null {
  if (!tag) return null;
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(tag);
  if (!m) return null;
  return m.slice(1).filter((x) => x !== undefined).map(Number);
}

export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function tagFits(row: ImageRow, ref: ImageRef): boolean {
  if (row.tagMatches && !(ref.tag !== null && row.tagMatches.test(ref.tag))) return false;
  if (!row.tags) return true;
  const version = tagVersion(ref.tag);
  if (version === null) {
    // No version in the tag (`latest`): the newest entry, the one without an upper bound.
    return !row.tags.below;
  }
  if (row.tags.min && compareVersions(version, row.tags.min) < 0) return false;
  if (row.tags.below && compareVersions(version, row.tags.below) >= 0) return false;
  return true;
}

/** The catalogue entry for an image, or null when the catalogue does not know it. */
export function lookupImage(image: string | null): { row: ImageRow; ref: ImageRef } | null {
  if (!image) return null;
  const ref = parseImageRef(image);
  for (const row of IMAGE_TABLE) {
    if (row.pattern.test(ref.name) && tagFits(row, ref)) return { row, ref };
  }
  return null;
}

/** An entry recognised by an environment variable only its launcher reads (Paketo's `BPL_JVM_*`). */
export function lookupByEnv(names: Iterable<string>): ImageRow | null {
  const set = new Set(names);
  return IMAGE_TABLE.find((r) => (r.recognizedBy?.env ?? []).some((n) => set.has(n))) ?? null;
}

/** Script names too generic to identify a product outside its own image. */
const GENERIC_SCRIPTS = new Set([
  'docker-entrypoint.sh',
  'entrypoint.sh',
  'run-java.sh',
  'run.sh',
  'start.sh',
  'startup.sh',
  'launch',
  'run',
]);

/**
 * The entry whose start script `name` (a basename) is, found in any image: entries marked `scriptHome` whose
 * scripts list it, or whose `recognizedBy.programs` list it. Only distinctive names (`kafka-server-start.sh`,
 * `zkServer.sh`, `catalina.sh`, the Confluent links `kafka-server-start` …) are matched.
 */
export function lookupScript(name: string): ImageRow | null {
  if (!name || GENERIC_SCRIPTS.has(name)) return null;
  const distinctive = name.endsWith('.sh') || name.includes('-');
  for (const r of IMAGE_TABLE) {
    if ((r.recognizedBy?.programs ?? []).includes(name)) return r;
    if (distinctive && r.scriptHome && r.scripts.includes(name)) return r;
  }
  return null;
}

// Which JDK an image carries, read from its name and tag, and whether that JDK sees the container limit.
// Tags are the only evidence: a floating tag (`17-jre`) names a major version, never a build, so the update
// stays null ("unknown build") rather than a guess (REFERENCE.md §6.2).

export interface JdkInfo {
  /** Feature release (8, 11, 17, 21…), null when the image name does not say. */
  major: number | null;
  /** Update / security release: 8u151 → 151, 11.0.15 → 15; null when the tag does not pin it. */
  update: number | null;
  vendor: string;
  /** Eclipse OpenJ9 (IBM Semeru, IBM Java, AdoptOpenJDK -openj9): different heap ergonomics from HotSpot. */
  openj9: boolean;
  /** What the version was read from, for hovers: e.g. "tag `17-jre`", "repository `ubi8/openjdk-17`". */
  source: string;
  /** The tag moves (no digest, no full version): the build behind it changes over time. */
  floating: boolean;
  /** The repository stopped receiving builds on this date (ISO): no build behind any of its tags is newer. */
  frozenSince?: string;
}

interface Vendor {
  test: RegExp;
  vendor: string;
  openj9?: boolean;
  /** The repository is a JDK image whose tag starts with the Java version (`openjdk:17-jre`). */
  jdkRepo: boolean;
  frozenSince?: string;
}

// Order matters: the first match names the vendor.
const VENDORS: Vendor[] = [
  { test: /(^|\/)ibm-semeru-runtimes$/, vendor: 'IBM Semeru Runtime', openj9: true, jdkRepo: true },
  { test: /(^|\/)ibmjava$/, vendor: 'IBM Java', openj9: true, jdkRepo: true },
  { test: /openj9/, vendor: 'AdoptOpenJDK (OpenJ9)', openj9: true, jdkRepo: true },
  { test: /(^|\/)eclipse-temurin$/, vendor: 'Eclipse Temurin', jdkRepo: true },
  { test: /(^|\/)adoptopenjdk(\/|$)/, vendor: 'AdoptOpenJDK', jdkRepo: true },
  { test: /(^|\/)amazoncorretto$/, vendor: 'Amazon Corretto', jdkRepo: true },
  { test: /(^|\/)zulu-openjdk/, vendor: 'Azul Zulu', jdkRepo: true },
  { test: /(^|\/)liberica-/, vendor: 'BellSoft Liberica', jdkRepo: true },
  { test: /(^|\/)sapmachine$/, vendor: 'SapMachine', jdkRepo: true },
  { test: /(^|\/)distroless\/java/, vendor: 'Google distroless', jdkRepo: true },
  { test: /(^|\/)ubi\d+\/openjdk/, vendor: 'Red Hat UBI OpenJDK', jdkRepo: false },
  { test: /(^|\/)openjdk\/jdk$/, vendor: 'Microsoft Build of OpenJDK', jdkRepo: true },
  { test: /(^|\/)graalvm/, vendor: 'GraalVM', jdkRepo: true },
  { test: /(^|\/)bitnami\/java$/, vendor: 'Bitnami', jdkRepo: true },
  { test: /(^|\/)(cimg|circleci)\/openjdk$/, vendor: 'CircleCI OpenJDK', jdkRepo: true },
  // The Docker official `java` images (`java:8`, `java:8-jdk-alpine`, `java:openjdk-8-jre`, `java:7`): deprecated
  // in favour of `openjdk`, "no further updates after 2016-12-31" (docker-library/docs java/deprecated.md, PR #660).
  { test: /^((index\.)?docker\.io\/)?(library\/)?java$/, vendor: 'Docker official java (deprecated)', jdkRepo: true, frozenSince: '2016-12-31' },
  // The Docker official `openjdk` images: deprecated, no updates since 2022.
  { test: /^(library\/)?openjdk$/, vendor: 'OpenJDK (Docker official, deprecated)', jdkRepo: true },
  { test: /(^|\/)openjdk[-\d]*$/, vendor: 'OpenJDK', jdkRepo: true },
];

// Vendors named inside an application image's tag (`maven:3.9-eclipse-temurin-21`, `tomcat:10-jdk17-temurin`).
const TAG_VENDORS: Array<{ test: RegExp; vendor: string; openj9?: boolean }> = [
  { test: /semeru/i, vendor: 'IBM Semeru Runtime', openj9: true },
  { test: /openj9/i, vendor: 'AdoptOpenJDK (OpenJ9)', openj9: true },
  { test: /temurin/i, vendor: 'Eclipse Temurin' },
  { test: /corretto/i, vendor: 'Amazon Corretto' },
  { test: /zulu/i, vendor: 'Azul Zulu' },
  { test: /liberica/i, vendor: 'BellSoft Liberica' },
  { test: /sapmachine/i, vendor: 'SapMachine' },
  { test: /graalvm/i, vendor: 'GraalVM' },
  { test: /openjdk|jdk|jre/i, vendor: 'OpenJDK' },
];

const plausible = (n: number): boolean => n >= 5 && n <= 40;

/** Splits `registry/path/name:tag@digest` (a port in the registry is not a tag). */
function splitImage(image: string): { repo: string; tag: string | null; digest: boolean } {
  let rest = image.trim();
  let digest = false;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = true;
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { repo: rest.slice(0, colon).toLowerCase(), tag: rest.slice(colon + 1), digest };
  return { repo: rest.toLowerCase(), tag: null, digest };
}

/** Full versions inside a tag: `8u151`, `1.8.0_292`, `jdk8u292-b10`, `11.0.15`, `17.0.2_8`, `jdk-21.0.2+13`. */
function fullVersion(text: string): { major: number; update: number } | null {
  let m = /(?:^|[^0-9])8u(\d+)/.exec(text);
  if (m) return { major: 8, update: Number(m[1]) };
  m = /(?:^|[^0-9.])1\.8\.0[_-](\d+)/.exec(text);
  if (m) return { major: 8, update: Number(m[1]) };
  m = /(?:^|[^0-9.])(\d+)\.0\.(\d+)/.exec(text);
  if (m && plausible(Number(m[1])) && Number(m[1]) >= 9) return { major: Number(m[1]), update: Number(m[2]) };
  return null;
}

/**
 * Reads the JDK from an image reference. Examples: `eclipse-temurin:17-jre` → 17 (floating);
 * `openjdk:8u151-jdk-alpine` → 8u151; `openjdk:11.0.15-jre` → 11.0.15; `ibm-semeru-runtimes:open-17-jre` → 17,
 * OpenJ9; `gcr.io/distroless/java17-debian12` → 17; `maven:3.9-eclipse-temurin-21` → 21; `tomcat:9-jdk11` → 11.
 */
export function jdkFromImage(image: string): JdkInfo {
  const { repo, tag, digest } = splitImage(image);
  const t = tag ?? 'latest';
  const repoVendor = VENDORS.find((v) => v.test.test(repo));
  const tagVendor = repoVendor ? undefined : TAG_VENDORS.find((v) => v.test.test(t));
  const vendor = repoVendor?.vendor ?? (tagVendor ? tagVendor.vendor : 'unknown');
  const openj9 = Boolean(repoVendor?.openj9 || tagVendor?.openj9 || /openj9/i.test(t));
  const jdkRepo = repoVendor?.jdkRepo ?? false;

  let major: number | null = null;
  let update: number | null = null;
  let source = 'none';

  // 1. A Java version in the repository name: `ubi8/openjdk-17`, `distroless/java17-debian12`, `adoptopenjdk/openjdk11`.
  const repoName = repo.slice(repo.lastIndexOf('/') + 1);
  const rm = /^(?:openjdk|java|jdk|jre)-?(\d+)/.exec(repoName);
  if (rm && plausible(Number(rm[1]))) {
    major = Number(rm[1]);
    source = `repository \`${repo}\``;
  }
  // 2. A full version in the tag (JDK images, or after a JDK marker in an application image's tag).
  const markerFull = /(?:jdk|jre|temurin|corretto|zulu|liberica|semeru|openjdk|java)[-_]?((?:\d+u\d+|\d+\.\d+\.\d+|1\.8\.0[_-]\d+)[^-]*)/i.exec(t);
  const full = jdkRepo || major !== null ? fullVersion(t) : markerFull ? fullVersion(markerFull[1]) : null;
  if (full && (major === null || major === full.major)) {
    major = full.major;
    update = full.update;
    source = `tag \`${t}\``;
  }
  // 3. A JDK marker followed by a major in the tag: `jdk11`, `jre8`, `eclipse-temurin-21`, `open-17`, `openjdk-17`.
  if (major === null) {
    const mm = /(?:^|[-_.])(?:jdk|jre|openjdk|temurin|corretto|amazoncorretto|zulu|liberica|semeru|sapmachine|java|graalvm|open)-?(\d+)/i.exec(t);
    if (mm && plausible(Number(mm[1]))) {
      major = Number(mm[1]);
      source = `tag \`${t}\``;
    }
  }
  // 4. JDK images whose tag starts with the version: `openjdk:17-jre`, `amazoncorretto:11`, `distroless/java:11`.
  if (major === null && jdkRepo) {
    const lm = /^(\d+)/.exec(t);
    if (lm && plausible(Number(lm[1]))) {
      major = Number(lm[1]);
      source = `tag \`${t}\``;
    }
  }
  const floating = !digest && update === null;
  return { major, update, vendor, openj9, source, floating, ...(repoVendor?.frozenSince ? { frozenSince: repoVendor.frozenSince } : {}) };
}

export interface LegacyJdkStatus {
  /** Does the JDK size itself from the container limit on a cgroup v1 node? null: cannot tell. */
  honoursV1: boolean | null;
  /** …on a cgroup v2 node (the default on current distributions; GA in Kubernetes 1.25). */
  honoursV2: boolean | null;
  reason: string;
}

/**
 * REFERENCE.md §6.2: container support arrived in JDK 10 (JDK-8146115) and 8u191; cgroup v2 support in JDK 15
 * (JDK-8230305), 11.0.16 and 8u372. JDK 9 only had the experimental `-XX:+UseCGroupMemoryLimitForHeap`.
 * For a floating tag the build is unknown: the answer says so instead of guessing.
 */
export function legacyJdkStatus(jdk: Pick<JdkInfo, 'major' | 'update' | 'openj9'> & Partial<JdkInfo>): LegacyJdkStatus {
  const { major, update } = jdk;
  const name = jdk.source && jdk.source !== 'none' ? ` (${jdk.source})` : '';
  if (jdk.openj9) {
    return { honoursV1: null, honoursV2: null, reason: `OpenJ9 JVM${name}: its container support is not modelled` };
  }
  if (major === null) return { honoursV1: null, honoursV2: null, reason: 'Unknown JDK version' };
  if (major < 8) return { honoursV1: false, honoursV2: false, reason: `JDK ${major} predates container support: it sizes the heap from node memory` };
  if (major === 8) {
    // 8u191 came out on 2018-10-16 (JDK-8146115 backport): an image frozen before that carries an older build.
    if (update === null && jdk.frozenSince !== undefined && jdk.frozenSince < '2018-10-16') {
      return {
        honoursV1: false,
        honoursV2: false,
        reason: `JDK 8${name} from an image without updates since ${jdk.frozenSince}, older than 8u191: it ignores the container limit`,
      };
    }
    if (update === null) {
      return {
        honoursV1: null,
        honoursV2: null,
        reason: `JDK 8 of unknown build${name}: before 8u191 it ignores the container limit, and before 8u372 it ignores it on cgroup v2 nodes`,
      };
    }
    if (update < 191) return { honoursV1: false, honoursV2: false, reason: `JDK 8u${update} ignores the container limit (container support arrived in 8u191)` };
    if (update < 372) return { honoursV1: true, honoursV2: false, reason: `JDK 8u${update} ignores the limit on cgroup v2 nodes (cgroup v2 support arrived in 8u372)` };
    return { honoursV1: true, honoursV2: true, reason: `JDK 8u${update} honours the container limit` };
  }
  if (major === 9) return { honoursV1: false, honoursV2: false, reason: 'JDK 9 ignores the container limit (only the experimental -XX:+UseCGroupMemoryLimitForHeap)' };
  if (major === 11) {
    if (update === null) {
      return { honoursV1: true, honoursV2: null, reason: `JDK 11 of unknown build${name}: 11.0.0–11.0.15 ignore the limit on cgroup v2 nodes (fixed in 11.0.16)` };
    }
    if (update < 16) return { honoursV1: true, honoursV2: false, reason: `JDK 11.0.${update} ignores the limit on cgroup v2 nodes (cgroup v2 support arrived in 11.0.16)` };
    return { honoursV1: true, honoursV2: true, reason: `JDK 11.0.${update} honours the container limit` };
  }
  if (major < 15) return { honoursV1: true, honoursV2: false, reason: `JDK ${major} ignores the limit on cgroup v2 nodes (cgroup v2 support arrived in JDK 15)` };
  return { honoursV1: true, honoursV2: true, reason: `JDK ${major} honours the container limit` };
}

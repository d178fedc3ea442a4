// THE table of images known to run a JVM: which variables their start script reads (in the order it puts them on
// the `java` command line), what it uses when they are unset, and how the image sizes the heap when nothing says.
// Each row cites where this was read. Where a default could not be confirmed from the script itself the row says
// so (`heapDefault.kind: 'unknown'` or a `note`), rather than guessing.

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
}

export type HeapDefault =
  /** No script sizing: the JVM's own ergonomics (REFERENCE §2.1). */
  | { kind: 'jvm' }
  /** Options the image always puts first (a jvm.options file): user options after them win. */
  | { kind: 'fixed-options'; options: string; description: string }
  /** The heap comes from a script part's default (its options are injected by detect.ts). */
  | { kind: 'script-options'; variable: string; description: string }
  /** The script computes -Xms/-Xmx from memory; see the formula functions below. */
  | {
      kind: 'formula';
      formula: 'elasticsearch' | 'cassandra';
      /** Which memory the script reads: the container limit, or the node's memory (`free` is not cgroup-aware). */
      memory: 'container-limit' | 'node-memory';
      /** The script stops computing when one of these options is among the user's options. */
      suppressedBy: RegExp;
      description: string;
    }
  | {
      kind: 'unknown';
      note: string;
      /** Variables whose value replaces that default (the script uses its own only when they are unset). */
      overriddenBy?: string[];
    };

export interface ImageRow {
  id: string;
  /** Matched against `registry/path` without tag (Docker Hub as `docker.io/…`, `library/` dropped). */
  pattern: RegExp;
  /** Version range of the tag this row covers: `[min, below)`; a tag without a version matches the newest row. */
  tags?: { min?: number[]; below?: number[] };
  /** The JVM implementation: OpenJ9 sizes heaps its own way (not modelled). */
  vm: 'hotspot' | 'openj9';
  /**
   * What runs without `command`: `passes-args` (the entrypoint execs its arguments: plain JDK images),
   * `java-jar` (ENTRYPOINT is `java -jar`: args are the jar and its arguments), `script` (an application start
   * script that builds the `java` command line from `parts`).
   */
  entrypoint: 'passes-args' | 'java-jar' | 'script';
  /** Basenames of the start scripts; a `command` naming one of them runs the same logic. */
  scripts: string[];
  /** In command-line order. */
  parts: ScriptPart[];
  /** Variables the image reads for other JVMs it starts (SonarQube's web/CE/search processes). */
  readsForOtherJvms?: string[];
  heapDefault: HeapDefault;
  source: string;
  note?: string;
}

const HEAP_OPTION = /^(-Xmx|-Xms|-XX:(MaxHeapSize|MinHeapSize|InitialHeapSize)=)/;

export const IMAGE_TABLE: ImageRow[] = [
  {
    id: 'distroless-java',
    pattern: /^gcr\.io\/distroless\/java/,
    vm: 'hotspot',
    entrypoint: 'java-jar',
    scripts: [],
    parts: [],
    heapDefault: { kind: 'jvm' },
    source: 'GoogleContainerTools/distroless java/README.md (ENTRYPOINT ["/usr/bin/java", "-jar"])',
  },
  {
    id: 'ubi-openjdk',
    pattern: /\/(ubi\d+(-minimal)?\/openjdk-\d+(-runtime)?|openjdk\/openjdk-\d+-rhel\d+|redhat-openjdk-18\/openjdk18-openshift)$/,
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run-java.sh', 'run'],
    parts: [
      { variable: 'JAVA_MAX_MEM_RATIO', template: '-XX:MaxRAMPercentage={}.0', default: '-XX:MaxRAMPercentage=80.0' },
      { variable: 'JAVA_OPTS' },
      { variable: 'JAVA_OPTS_APPEND' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JAVA_MAX_MEM_RATIO',
      description: 'run-java.sh sets `-XX:MaxRAMPercentage=80.0` unless `JAVA_MAX_MEM_RATIO` says otherwise',
    },
    source:
      'jboss-container-images/openjdk run-java.sh (JAVA_MAX_MEM_RATIO → -XX:MaxRAMPercentage, default 80 since ubi8 1.17-1, issues.redhat.com OPENJDK-1982)',
    note: 'Older tags used 50 %; where run-java.sh places JAVA_OPTS relative to its computed options was not re-read.',
  },
  {
    id: 'openj9',
    pattern: /(^|\/)(ibm-semeru-runtimes|ibmjava|semeru-runtimes)$/,
    vm: 'openj9',
    entrypoint: 'passes-args',
    scripts: [],
    parts: [],
    heapDefault: {
      kind: 'unknown',
      note: 'Eclipse OpenJ9 sizes its default heap differently from HotSpot; its container ergonomics are not modelled',
    },
    source: 'ibmruntimes/semeru-containers (an OpenJ9 JDK image; no start script)',
  },
  {
    id: 'jdk',
    pattern:
      /(^|\/)(eclipse-temurin|openjdk|amazoncorretto|adoptopenjdk|sapmachine|zulu-openjdk(-alpine|-debian|-centos)?|liberica-openjdk-[a-z]+|liberica-runtime-container|java|jdk)$/,
    vm: 'hotspot',
    entrypoint: 'passes-args',
    scripts: [],
    parts: [],
    heapDefault: { kind: 'jvm' },
    source:
      'docker-library official images (eclipse-temurin, openjdk, amazoncorretto), azul/zulu-openjdk, bellsoft/liberica-*, mcr.microsoft.com/openjdk/jdk: a JDK with no start script; the entrypoint runs its arguments',
  },
  {
    id: 'tomcat',
    pattern: /(^|\/)tomcat$/,
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['catalina.sh', 'startup.sh'],
    // catalina.sh `run`/`start`: eval "$_RUNJAVA" "$LOGGING_CONFIG" $JAVA_OPTS $CATALINA_OPTS … Bootstrap start
    parts: [{ variable: 'JAVA_OPTS' }, { variable: 'CATALINA_OPTS' }],
    heapDefault: { kind: 'jvm' },
    source: 'apache/tomcat bin/catalina.sh (run: `$JAVA_OPTS $CATALINA_OPTS`); docker-library/tomcat CMD ["catalina.sh", "run"]',
    note: 'Bitnami\'s tomcat wrapper scripts are not modelled.',
  },
  {
    id: 'strimzi-kafka',
    pattern: /(^|\/)strimzi\/kafka$/,
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: [],
    parts: [],
    heapDefault: { kind: 'unknown', note: 'Strimzi\'s own start scripts size the heap; they were not checked' },
    source: 'quay.io/strimzi/kafka (not checked)',
  },
  {
    id: 'kafka',
    pattern: /(^|\/)(kafka|cp-kafka|cp-server)$/,
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['kafka-server-start.sh', 'kafka-server-start', 'kafka-run-class.sh'],
    // kafka-run-class.sh: exec "$JAVA" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $KAFKA_GC_LOG_OPTS
    //   $KAFKA_JMX_OPTS $KAFKA_LOG4J_OPTS -cp "$CLASSPATH" $KAFKA_OPTS "$@"
    parts: [
      { variable: 'KAFKA_HEAP_OPTS', default: '-Xmx1G -Xms1G' },
      {
        variable: 'KAFKA_JVM_PERFORMANCE_OPTS',
        default:
          '-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true',
      },
      { variable: 'KAFKA_GC_LOG_OPTS' },
      { variable: 'KAFKA_JMX_OPTS' },
      { variable: 'KAFKA_LOG4J_OPTS' },
      { variable: 'KAFKA_OPTS' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'KAFKA_HEAP_OPTS',
      description: 'kafka-server-start.sh sets `KAFKA_HEAP_OPTS="-Xmx1G -Xms1G"` when it is unset',
    },
    source: 'apache/kafka bin/kafka-server-start.sh (KAFKA_HEAP_OPTS default) and bin/kafka-run-class.sh (option order)',
    note: 'Confluent and Bitnami wrappers call these scripts; their own defaults, if any, were not checked.',
  },
  {
    id: 'zookeeper',
    pattern: /^docker\.io\/zookeeper$/,
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['zkServer.sh'],
    // zkEnv.sh: SERVER_JVMFLAGS="-Xmx${ZK_SERVER_HEAP}m $SERVER_JVMFLAGS"; zkServer.sh: JVMFLAGS="$SERVER_JVMFLAGS $JVMFLAGS"
    parts: [
      { variable: 'ZK_SERVER_HEAP', template: '-Xmx{}m', default: '-Xmx1000m' },
      { variable: 'SERVER_JVMFLAGS' },
      { variable: 'JVMFLAGS' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'ZK_SERVER_HEAP',
      description: 'zkEnv.sh sets `-Xmx${ZK_SERVER_HEAP}m` with ZK_SERVER_HEAP defaulting to 1000',
    },
    source:
      'apache/zookeeper bin/zkEnv.sh (ZK_SERVER_HEAP="${ZK_SERVER_HEAP:-1000}", 3.5+) and bin/zkServer.sh (JVMFLAGS order); docker-library/zookeeper CMD ["zkServer.sh", "start-foreground"]',
  },
  {
    id: 'solr',
    pattern: /(^|\/)solr$/,
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['solr', 'solr-foreground'],
    // bin/solr: if SOLR_HEAP empty and SOLR_JAVA_MEM set → JAVA_MEM_OPTS=($SOLR_JAVA_MEM)
    //           else SOLR_HEAP=${SOLR_HEAP:-512m}; JAVA_MEM_OPTS=("-Xms$SOLR_HEAP" "-Xmx$SOLR_HEAP")
    parts: [
      { variable: 'SOLR_JAVA_MEM', skipWhenSet: ['SOLR_HEAP'] },
      { variable: 'SOLR_HEAP', template: '-Xms{} -Xmx{}', default: '-Xms512m -Xmx512m', noDefaultWhenSet: ['SOLR_JAVA_MEM'] },
      { variable: 'SOLR_OPTS' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'SOLR_HEAP',
      description: 'bin/solr uses `-Xms512m -Xmx512m` unless SOLR_HEAP or SOLR_JAVA_MEM is set',
    },
    source: 'apache/solr solr/bin/solr (JAVA_MEM_OPTS, SOLR_HEAP default 512m; bitnami/solr also defaults SOLR_HEAP to 512m)',
    note: 'SOLR_OPTS is placed after the memory options; its exact position was not re-read.',
  },
  {
    id: 'elasticsearch',
    pattern: /(^|\/)elasticsearch$/,
    tags: { min: [7, 11] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['elasticsearch', 'docker-entrypoint.sh'],
    parts: [{ variable: 'ES_JAVA_OPTS' }],
    heapDefault: {
      kind: 'formula',
      formula: 'elasticsearch',
      memory: 'container-limit',
      suppressedBy: HEAP_OPTION,
      description:
        'Elasticsearch ≥ 7.11 sets -Xms/-Xmx from total memory (the container limit): for a data node 40 % (at least 128 MB) below 1 GiB, else 50 % up to 31 GB',
    },
    source:
      'elastic/elasticsearch distribution/tools/server-cli/src/main/java/org/elasticsearch/server/cli/MachineDependentHeap.java (DATA role); elastic.co cloud-on-k8s "JVM heap size" (7.11+)',
    note: 'Assumes the default (data) node role; master-only nodes use 60 %, ML-only 40 %.',
  },
  {
    id: 'elasticsearch-legacy',
    pattern: /(^|\/)elasticsearch$/,
    tags: { below: [7, 11] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['elasticsearch', 'docker-entrypoint.sh'],
    parts: [{ variable: 'ES_JAVA_OPTS' }],
    heapDefault: {
      kind: 'fixed-options',
      options: '-Xms1g -Xmx1g',
      description: 'Elasticsearch before 7.11: `-Xms1g -Xmx1g` from config/jvm.options, before ES_JAVA_OPTS',
    },
    source: 'elastic/elasticsearch docs "Setting the heap size" (before 7.11: 1 GB minimum and maximum)',
  },
  {
    id: 'logstash',
    pattern: /(^|\/)logstash$/,
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['logstash'],
    parts: [{ variable: 'LS_JAVA_OPTS' }],
    heapDefault: { kind: 'unknown', note: 'Logstash sizes the heap in config/jvm.options; the shipped values were not confirmed here' },
    source: 'elastic/logstash docs "JVM settings" (jvm.options, LS_JAVA_OPTS)',
  },
  {
    id: 'cassandra',
    pattern: /(^|\/)cassandra$/,
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['cassandra', 'docker-entrypoint.sh'],
    // cassandra-env.sh: JVM_OPTS="$JVM_OPTS -Xms${MAX_HEAP_SIZE}" / "-Xmx${MAX_HEAP_SIZE}" … JVM_OPTS="$JVM_OPTS $JVM_EXTRA_OPTS"
    parts: [{ variable: 'MAX_HEAP_SIZE', template: '-Xms{} -Xmx{}' }, { variable: 'JVM_EXTRA_OPTS' }],
    heapDefault: {
      kind: 'formula',
      formula: 'cassandra',
      memory: 'node-memory',
      suppressedBy: /$^/,
      description:
        'cassandra-env.sh calculate_heap_sizes: max(min(½ RAM, 1024 MB), min(¼ RAM, 8192 MB)) as -Xms = -Xmx, with RAM from `free -m` (the node\'s memory, not the container limit)',
    },
    source: 'apache/cassandra conf/cassandra-env.sh (calculate_heap_sizes, MAX_HEAP_SIZE, JVM_EXTRA_OPTS)',
    note: 'MAX_HEAP_SIZE and HEAP_NEWSIZE are meant to be set together (the script exits otherwise with CMS).',
  },
  {
    id: 'keycloak',
    pattern: /(^|\/)keycloak\/keycloak$/,
    tags: { min: [24] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['kc.sh'],
    parts: [
      { variable: 'JAVA_OPTS' },
      {
        variable: 'JAVA_OPTS_KC_HEAP',
        default: '-XX:MaxRAMPercentage=70 -XX:MinRAMPercentage=70 -XX:InitialRAMPercentage=50',
        skipWhenSet: ['JAVA_OPTS'],
      },
      { variable: 'JAVA_OPTS_APPEND' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JAVA_OPTS_KC_HEAP',
      description:
        'kc.sh in the container (KC_RUN_IN_CONTAINER=true) sets `-XX:MaxRAMPercentage=70 -XX:MinRAMPercentage=70 -XX:InitialRAMPercentage=50` unless JAVA_OPTS or JAVA_OPTS_KC_HEAP is set',
    },
    source:
      'keycloak/keycloak quarkus/dist/src/main/content/bin/kc.sh (JAVA_OPTS_KC_HEAP, applied only when JAVA_OPTS is unset); keycloak.org "Running Keycloak in a container" (MaxRAMPercentage=70, InitialRAMPercentage=50)',
    note: 'The release that introduced JAVA_OPTS_KC_HEAP was not confirmed; rows split at 24.',
  },
  {
    id: 'keycloak-legacy',
    pattern: /(^|\/)keycloak\/keycloak$/,
    tags: { below: [24] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['kc.sh'],
    parts: [
      { variable: 'JAVA_OPTS', default: '-Xms64m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m' },
      { variable: 'JAVA_OPTS_APPEND' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JAVA_OPTS',
      description: 'older kc.sh sets `JAVA_OPTS="-Xms64m -Xmx512m …"` when JAVA_OPTS is unset',
    },
    source: 'keycloak/keycloak quarkus/dist/src/main/content/bin/kc.sh (older revision: JAVA_OPTS default)',
  },
  {
    id: 'jenkins',
    pattern: /(^|\/)jenkins\/jenkins$|^docker\.io\/jenkins$/,
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['jenkins.sh'],
    // jenkins.sh: effective_java_opts="$JAVA_OPTS $JENKINS_JAVA_OPTS"; exec java -Duser.home=… "${java_opts_array[@]}" -jar …
    parts: [{ variable: 'JAVA_OPTS' }, { variable: 'JENKINS_JAVA_OPTS' }],
    heapDefault: { kind: 'jvm' },
    source: 'jenkinsci/docker jenkins.sh',
  },
  {
    id: 'atlassian',
    pattern: /(^|\/)atlassian\/(confluence|confluence-server|jira-software|jira-core|jira-servicemanagement)$/,
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['entrypoint.py', 'start-confluence.sh', 'start-jira.sh'],
    // bin/setenv.sh: `-Xms${JVM_MINIMUM_MEMORY} -Xmx${JVM_MAXIMUM_MEMORY}`, the code cache, JVM_SUPPORT_RECOMMENDED_ARGS;
    // catalina.sh then adds CATALINA_OPTS.
    parts: [
      { variable: 'JVM_MINIMUM_MEMORY', template: '-Xms{}' },
      { variable: 'JVM_MAXIMUM_MEMORY', template: '-Xmx{}' },
      { variable: 'JVM_RESERVED_CODE_CACHE_SIZE', template: '-XX:ReservedCodeCacheSize={}' },
      { variable: 'JVM_SUPPORT_RECOMMENDED_ARGS' },
      { variable: 'CATALINA_OPTS' },
    ],
    heapDefault: {
      kind: 'unknown',
      note: 'Confluence and Jira size the heap in bin/setenv.sh from JVM_MINIMUM_MEMORY/JVM_MAXIMUM_MEMORY; its defaults when they are unset differ by product and version and were not confirmed here',
      overriddenBy: ['JVM_MAXIMUM_MEMORY'],
    },
    source:
      'atlassian/data-center-helm-charts src/main/charts/{jira,confluence}/README.md (`resources.jvm.maxHeap`/`minHeap`: the JVM heap, passed to the image as JVM_MAXIMUM_MEMORY/JVM_MINIMUM_MEMORY); Atlassian bin/setenv.sh (`: ${JVM_MINIMUM_MEMORY:=…}`, `: ${JVM_MAXIMUM_MEMORY:=…}`)',
    note: 'Where CATALINA_OPTS lands relative to the memory options was not re-read; the heap options in it are assumed to come later.',
  },
  {
    id: 'sonarqube',
    pattern: /(^|\/)sonarqube$/,
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: [],
    parts: [],
    readsForOtherJvms: ['SONAR_WEB_JAVAOPTS', 'SONAR_CE_JAVAOPTS', 'SONAR_SEARCH_JAVAOPTS', 'SONAR_WEB_JAVAADDITIONALOPTS', 'SONAR_CE_JAVAADDITIONALOPTS', 'SONAR_SEARCH_JAVAADDITIONALOPTS'],
    heapDefault: {
      kind: 'unknown',
      note: 'SonarQube starts separate JVMs (web, compute engine, search), each sized by its own SONAR_*_JAVAOPTS; the defaults live in sonar.properties and differ by version',
    },
    source: 'SonarSource docker-sonarqube / sonar.properties (sonar.web.javaOpts, sonar.ce.javaOpts, sonar.search.javaOpts as SONAR_*_JAVAOPTS)',
  },
  {
    id: 'nexus3',
    pattern: /(^|\/)nexus3$/,
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['nexus', 'start-nexus-repository-manager.sh'],
    parts: [{ variable: 'INSTALL4J_ADD_VM_PARAMS', default: '-Xms2703m -Xmx2703m -XX:MaxDirectMemorySize=2703m' }],
    heapDefault: {
      kind: 'script-options',
      variable: 'INSTALL4J_ADD_VM_PARAMS',
      description:
        'the image sets `INSTALL4J_ADD_VM_PARAMS="-Xms2703m -Xmx2703m -XX:MaxDirectMemorySize=2703m …"`; a value in the manifest replaces it',
    },
    source: 'sonatype/docker-nexus3 Dockerfile (ENV INSTALL4J_ADD_VM_PARAMS)',
    note: 'Images before about 3.17 used -Xms1200m -Xmx1200m -XX:MaxDirectMemorySize=2g.',
  },
];

/** Every variable some start script in the table reads, plus common ones no JVM reads by itself. */
export const OPTION_VARIABLES: ReadonlySet<string> = new Set([
  ...IMAGE_TABLE.flatMap((r) => [...r.parts.map((p) => p.variable), ...(r.readsForOtherJvms ?? [])]),
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

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The table row for an image, or null when the image is not known to run a JVM. */
export function lookupImage(image: string | null): { row: ImageRow; ref: ImageRef } | null {
  if (!image) return null;
  const ref = parseImageRef(image);
  const version = tagVersion(ref.tag);
  for (const row of IMAGE_TABLE) {
    if (!row.pattern.test(ref.name)) continue;
    if (row.tags) {
      if (version === null) {
        // No version in the tag (`latest`): the newest row, the one without an upper bound.
        if (row.tags.below) continue;
      } else {
        if (row.tags.min && compareVersions(version, row.tags.min) < 0) continue;
        if (row.tags.below && compareVersions(version, row.tags.below) >= 0) continue;
      }
    }
    return { row, ref };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Heap formulas of start scripts (sizes in MiB, as the scripts emit them)

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * Elasticsearch ≥ 7.11 default heap for a data node, in MB (`-Xms{n}m -Xmx{n}m`): MachineDependentHeap DATA
 * `m < 1 GB ? max(m × 0.4, 128 MB) : min(m × 0.5, 31 GB)`, truncated to whole MiB.
 */
export function elasticsearchHeapMb(totalMemoryBytes: number): number {
  const m = totalMemoryBytes;
  const bytes = m < GiB ? Math.max(Math.floor(m * 0.4), 128 * MiB) : Math.min(Math.floor(m * 0.5), 31 * GiB);
  return Math.floor(bytes / MiB);
}

/**
 * Cassandra's calculate_heap_sizes, in MB (`-Xms{n}M -Xmx{n}M`): max(min(ram/2, 1024), min(ram/4, 8192)) with
 * integer division as `expr` does; `ram` is `free -m` (the node's memory inside a container).
 */
export function cassandraHeapMb(systemMemoryMb: number): number {
  const half = Math.min(Math.floor(systemMemoryMb / 2), 1024);
  const quarter = Math.min(Math.floor(Math.floor(systemMemoryMb / 2) / 2), 8192);
  return Math.max(half, quarter);
}

/** The options a script part yields for a variable value (template applied), or its default when unset. */
export function partOptions(part: ScriptPart, value: string | null): string | null {
  if (value !== null && value !== '') return part.template ? part.template.split('{}').join(value) : value;
  return part.default ?? null;
}

// Applications with their own start scripts: Neo4j, Zipkin, Graylog, Nacos, Camunda 7 and 8, Metabase,
// Dependency-Track, DynamoDB Local. Sources: research notes images-b2 (each entry cites the files read there).
import type { CatalogueEntry, ScriptPart } from './schema';

const NEO4J_ENTRYPOINT =
  'neo4j/docker-neo4j docker-entrypoint.sh (NEO4J_* variables written to neo4j.conf: `_` → `.`, `__` → `_`; eval exec $(neo4j console --dry-run))';
const NEO4J_BOOTLOADER = 'neo4j/neo4j bootloader (5.x: server.jvm.additional, …, then -Xms/-Xmx last; HEAP_SIZE highest priority)';

const neo4jHeap = (prefix: 'server' | 'dbms'): ScriptPart[] => [
  { variable: `NEO4J_${prefix}_memory_heap_initial__size`, template: '-Xms{}', skipWhenSet: ['HEAP_SIZE'], source: `${NEO4J_ENTRYPOINT}; ${NEO4J_BOOTLOADER}` },
  { variable: `NEO4J_${prefix}_memory_heap_max__size`, template: '-Xmx{}', skipWhenSet: ['HEAP_SIZE'], source: `${NEO4J_ENTRYPOINT}; ${NEO4J_BOOTLOADER}` },
];

const ZIPKIN_START = 'openzipkin/zipkin docker/start-zipkin @3.3.0 (dfd8ee2a), @3.6.1 (b2b0c98a): JAVA_OPTS=${JAVA_OPTS:-…} by STORAGE_TYPE and image; exec java ${JAVA_OPTS} …';

const CAMUNDA_IMAGE =
  'camunda/docker-camunda-bpm-platform camunda-run.sh, camunda-tomcat.sh, camunda-wildfly.sh @next (d713e96); Dockerfile 7.17+ (ENV JAVA_OPTS="")';

const DT_DOCKERFILE = 'DependencyTrack/dependency-track src/main/docker/Dockerfile @4.14.0/@4.14.3; apiserver/src/main/docker/Dockerfile @5.0.4 (exec java ${JAVA_OPTIONS} ${EXTRA_JAVA_OPTIONS} …)';

export const APPLICATIONS: CatalogueEntry[] = [
  {
    id: 'neo4j',
    family: 'Neo4j 5.x and calendar versions',
    names: ['neo4j', 'neo4j/neo4j-enterprise'],
    tags: { min: [5] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['docker-entrypoint.sh', 'neo4j'],
    parts: [
      { variable: 'NEO4J_server_jvm_additional', source: `${NEO4J_ENTRYPOINT} (appended, not replaced); ${NEO4J_BOOTLOADER}` },
      { variable: 'NEO4J_dbms_jvm_additional', source: `${NEO4J_ENTRYPOINT}; 5.x migrates the 4.x name` },
      ...neo4jHeap('dbms'),
      ...neo4jHeap('server'),
      { variable: 'HEAP_SIZE', template: '-Xms{} -Xmx{}', source: NEO4J_BOOTLOADER },
    ],
    heapDefault: {
      kind: 'jvm',
      source: 'neo4j/docker-neo4j docker-entrypoint.sh (no heap default since 3.4.15/3.5.8; only the page cache gets 512M); neo4j/neo4j server.memory.heap.max_size default null',
    },
    source: `${NEO4J_ENTRYPOINT}; ENTRYPOINT ["tini","-g","--","/startup/docker-entrypoint.sh"], CMD ["neo4j"]`,
    note: 'The page cache (server.memory.pagecache.size, 512M in the image) is native memory beside the heap.',
    unconfirmed: ['a non-empty JAVA_OPTS replaces every computed option in 5.x; the first 5.x minor with that was not found'],
  },
  {
    id: 'neo4j-4',
    family: 'Neo4j 3.5.8–4.4',
    names: ['neo4j', 'neo4j/neo4j-enterprise'],
    tags: { min: [3, 5, 8], below: [5] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['docker-entrypoint.sh', 'neo4j'],
    parts: [
      ...neo4jHeap('dbms'),
      { variable: 'HEAP_SIZE', template: '-Xms{} -Xmx{}', source: NEO4J_BOOTLOADER },
      { variable: 'NEO4J_dbms_jvm_additional', source: 'neo4j/neo4j 4.3/4.4 bootloader (-Xms/-Xmx first, then dbms.jvm.additional)' },
    ],
    heapDefault: { kind: 'jvm', source: 'neo4j/docker-neo4j docker-entrypoint.sh (no heap default since 3.4.15/3.5.8)' },
    source: NEO4J_ENTRYPOINT,
  },
  {
    id: 'neo4j-3',
    family: 'Neo4j 3.0–3.5.7',
    names: ['neo4j', 'neo4j/neo4j-enterprise'],
    tags: { min: [3], below: [3, 5, 8] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['docker-entrypoint.sh', 'neo4j'],
    parts: [
      {
        variable: 'NEO4J_dbms_memory_heap_initial__size',
        template: '-Xms{}',
        default: '-Xms512M',
        source: 'neo4j/docker-neo4j docker-entrypoint.sh 3.0–3.5.7 (: ${NEO4J_dbms_memory_heap_initial__size:=512M})',
      },
      {
        variable: 'NEO4J_dbms_memory_heap_max__size',
        template: '-Xmx{}',
        default: '-Xmx512M',
        source: 'neo4j/docker-neo4j docker-entrypoint.sh 3.0–3.5.7 (: ${NEO4J_dbms_memory_heap_max__size:=512M})',
      },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'NEO4J_dbms_memory_heap_max__size',
      description: 'the entrypoint sets the heap to 512M when NEO4J_dbms_memory_heap_max__size is unset',
      source: 'neo4j/docker-neo4j docker-entrypoint.sh 3.0–3.4.14, 3.5.0–3.5.7',
    },
    source: NEO4J_ENTRYPOINT,
    note: '3.4.15–3.4.x already had no default; they are counted here.',
  },
  {
    id: 'zipkin-slim',
    family: 'Zipkin (slim)',
    names: ['openzipkin/zipkin-slim'],
    tags: { min: [3, 3] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['start-zipkin'],
    parts: [
      {
        variable: 'JAVA_OPTS',
        default: '-Xms160m -Xmx160m -XX:+ExitOnOutOfMemoryError',
        alternateDefault: { variable: 'STORAGE_TYPE', notIn: ['', 'mem'], default: '-Xms64m -Xmx64m -XX:+ExitOnOutOfMemoryError' },
        source: ZIPKIN_START,
      },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JAVA_OPTS',
      description: 'start-zipkin sets `JAVA_OPTS="-Xms160m -Xmx160m …"` with in-memory storage (64m with another STORAGE_TYPE) when JAVA_OPTS is unset',
      source: `${ZIPKIN_START}; commit 6248dd26`,
    },
    source: `${ZIPKIN_START}; ENTRYPOINT ["start-zipkin"]`,
  },
  {
    id: 'zipkin',
    family: 'Zipkin',
    names: ['openzipkin/zipkin'],
    tags: { min: [3, 3] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['start-zipkin'],
    parts: [
      {
        variable: 'JAVA_OPTS',
        default: '-Xms160m -Xmx160m -XX:+ExitOnOutOfMemoryError',
        alternateDefault: { variable: 'STORAGE_TYPE', notIn: ['', 'mem'], default: '-Xms96m -Xmx96m -XX:+ExitOnOutOfMemoryError' },
        source: ZIPKIN_START,
      },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JAVA_OPTS',
      description: 'start-zipkin sets `JAVA_OPTS="-Xms160m -Xmx160m …"` with in-memory storage (96m with another STORAGE_TYPE) when JAVA_OPTS is unset',
      source: `${ZIPKIN_START}; commit 6248dd26`,
    },
    source: `${ZIPKIN_START}; openzipkin/zipkin docker/Dockerfile @3.6.1 (ENTRYPOINT ["start-zipkin"])`,
  },
  {
    id: 'zipkin-legacy',
    family: 'Zipkin before 3.3',
    names: ['openzipkin/zipkin', 'openzipkin/zipkin-slim'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['start-zipkin', 'run.sh'],
    parts: [{ variable: 'JAVA_OPTS', source: 'openzipkin/zipkin docker/bin/start-zipkin @2.22.0; docker/zipkin/run.sh @2.21.0 (exec java ${JAVA_OPTS} …)' }],
    heapDefault: {
      kind: 'unknown',
      note: 'Zipkin 2.22–3.2 start-zipkin has its own JAVA_OPTS default by version; not confirmed here',
      userHeapWins: true,
      source: 'openzipkin/zipkin docker/bin/start-zipkin @2.22.0 (d1d52242)',
    },
    source: 'openzipkin/zipkin docker/bin/start-zipkin @2.22.0',
  },
  {
    id: 'graylog',
    family: 'Graylog',
    names: ['graylog/graylog', 'graylog/graylog-enterprise', 'graylog2/server'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['docker-entrypoint.sh'],
    parts: [
      {
        variable: 'GRAYLOG_SERVER_JAVA_OPTS',
        source: 'Graylog2/graylog-docker docker-entrypoint.sh @6.1.0-1 (the image default, then the user\'s value: exec java ${GRAYLOG_SERVER_JAVA_OPTS} -jar …)',
      },
    ],
    heapDefault: {
      kind: 'jvm',
      source: 'Graylog2/graylog-docker docker/oss/Dockerfile @HEAD and profile.d default (no heap option since commit f4b2ed3, 2017)',
    },
    source: 'Graylog2/graylog-docker docker-entrypoint.sh @6.1.0-1 (b07c5adb)',
    note: '`-Xms1g -Xmx1g` is what users commonly write in GRAYLOG_SERVER_JAVA_OPTS; the image itself sets no heap.',
  },
  {
    id: 'nacos',
    family: 'Nacos',
    names: ['nacos/nacos-server'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['docker-startup.sh'],
    parts: [
      { variable: 'JAVA_OPT', source: 'nacos-group/nacos-docker build/bin/docker-startup.sh @v3.2.3 (the user JAVA_OPT first: its -Xmx loses)' },
      { variable: 'JVM_XMS', template: '-Xms{}', default: '-Xms1g', source: 'nacos-group/nacos-docker build/Dockerfile (ENV JVM_XMS="1g", v1.4.3 … v3.2.3)' },
      { variable: 'JVM_XMX', template: '-Xmx{}', default: '-Xmx1g', source: 'nacos-group/nacos-docker build/Dockerfile (ENV JVM_XMX="1g")' },
      { variable: 'JVM_XMN', template: '-Xmn{}', default: '-Xmn512m', source: 'nacos-group/nacos-docker build/Dockerfile (ENV JVM_XMN="512m")' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JVM_XMX',
      description: 'the image sets `JVM_XMS=1g JVM_XMX=1g JVM_XMN=512m`, put after JAVA_OPT',
      source: 'nacos-group/nacos-docker build/Dockerfile and build/bin/docker-startup.sh @v3.2.3',
    },
    source: 'nacos-group/nacos-docker build/bin/docker-startup.sh @v3.2.3 (exec $JAVA ${JAVA_OPT}); JAVA_OPT_EXT comes after -jar (application arguments)',
  },
  {
    id: 'camunda-wildfly',
    family: 'Camunda 7 (WildFly distribution)',
    names: ['camunda/camunda-bpm-platform'],
    tagMatches: /^wildfly-/,
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['camunda.sh', 'standalone.sh'],
    parts: [
      {
        variable: 'JAVA_OPTS',
        default: '-Xms512m -Xmx768m -XX:MaxMetaspaceSize=256m',
        source: 'camunda/camunda-bpm-platform distro/wildfly/assembly/src/wildfly/standalone.conf @7.20.0 (lines 52-53, used when JAVA_OPTS is empty)',
      },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JAVA_OPTS',
      description: 'standalone.conf sets `-Xms512m -Xmx768m` when JAVA_OPTS is empty',
      source: 'camunda/camunda-bpm-platform distro/wildfly/assembly/src/wildfly/standalone.conf @7.20.0',
    },
    source: CAMUNDA_IMAGE,
  },
  {
    id: 'camunda-run',
    family: 'Camunda 7 (Run and Tomcat distributions)',
    names: ['camunda/camunda-bpm-platform'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['camunda.sh', 'run.sh', 'catalina.sh'],
    parts: [
      { variable: 'JAVA_OPTS', source: CAMUNDA_IMAGE },
      { variable: 'CATALINA_OPTS', source: 'camunda/docker-camunda-bpm-platform camunda-tomcat.sh (setenv.sh blanked by the image)' },
    ],
    heapDefault: { kind: 'jvm', source: `${CAMUNDA_IMAGE} (JAVA_OPTS="" since 7.17, commit 44ef4db)` },
    source: CAMUNDA_IMAGE,
    note: 'Images before 7.17 set JAVA_OPTS=-Xmx768m.',
  },
  {
    id: 'camunda8',
    family: 'Camunda 8 (Zeebe, Camunda)',
    names: ['camunda/zeebe', 'camunda/camunda', 'camunda/operate', 'camunda/tasklist'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['startup.sh', 'broker', 'gateway', 'camunda'],
    parts: [{ variable: 'JAVA_OPTS', source: 'camunda/camunda dist/src/main/scripts/unixBinTemplate @23d9d7a0 (exec $JAVACMD $JAVA_OPTS … [@config/jvm.options])' }],
    heapDefault: {
      kind: 'unknown',
      note: 'Camunda 8 images read config/jvm.options after JAVA_OPTS; its contents in the images were not read',
      source: 'camunda/camunda Dockerfile @002b4359, zeebe/docker/utils/startup.sh @270fbee5',
    },
    source: 'camunda/camunda dist/src/main/scripts/unixBinTemplate @23d9d7a0',
  },
  {
    id: 'metabase',
    family: 'Metabase',
    names: ['metabase/metabase', 'metabase/metabase-enterprise'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run_metabase.sh'],
    parts: [{ variable: 'JAVA_OPTS', source: 'metabase/metabase bin/docker/run_metabase.sh @0024b891 (exec java $JAVA_OPTS … -jar /app/metabase.jar)' }],
    heapDefault: { kind: 'jvm', source: 'metabase/metabase Dockerfile @0024b891 (no heap option); metabase.com "Running Metabase" (set the heap with JAVA_OPTS)' },
    source: 'metabase/metabase Dockerfile @0024b891 (ENTRYPOINT ["/app/run_metabase.sh"])',
  },
  {
    id: 'dependency-track',
    family: 'OWASP Dependency-Track 4.14+',
    names: ['dependencytrack/apiserver', 'dependencytrack/bundled'],
    tags: { min: [4, 14] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: [],
    parts: [
      {
        variable: 'JAVA_OPTIONS',
        // The image default also holds -XX:+UseCompactObjectHeaders (JDK 24+); only its heap-relevant part is kept.
        default: '-XX:+UseG1GC -XX:+UseStringDeduplication -XX:MaxRAMPercentage=80.0 -XX:MaxGCPauseMillis=250',
        source: DT_DOCKERFILE,
      },
      { variable: 'EXTRA_JAVA_OPTIONS', source: DT_DOCKERFILE },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JAVA_OPTIONS',
      description: 'the image sets `JAVA_OPTIONS="… -XX:MaxRAMPercentage=80.0 …"` (80 % of the limit) unless JAVA_OPTIONS is set',
      source: DT_DOCKERFILE,
    },
    source: DT_DOCKERFILE,
  },
  {
    id: 'dependency-track-legacy',
    family: 'OWASP Dependency-Track before 4.14',
    names: ['dependencytrack/apiserver', 'dependencytrack/bundled', 'owasp/dependency-track'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: [],
    parts: [{ variable: 'JAVA_OPTIONS', source: DT_DOCKERFILE }, { variable: 'EXTRA_JAVA_OPTIONS', source: DT_DOCKERFILE }],
    heapDefault: {
      kind: 'unknown',
      note: 'the JAVA_OPTIONS default of Dependency-Track images before 4.14 was not read',
      overriddenBy: ['JAVA_OPTIONS'],
      source: DT_DOCKERFILE,
    },
    source: DT_DOCKERFILE,
  },
  {
    id: 'dynamodb-local',
    family: 'Amazon DynamoDB Local',
    names: ['amazon/dynamodb-local', 'aws-dynamodb-local/aws-dynamodb-local'],
    vm: 'hotspot',
    // ENTRYPOINT ["java"]: the container's args are the whole java command line.
    entrypoint: 'java',
    scripts: [],
    parts: [],
    heapDefault: { kind: 'jvm', source: 'AWS docs "Deploying DynamoDB local" (no heap option in the examples)' },
    source: 'aws-samples/aws-sam-java-rest issue #1 (docker run amazon/dynamodb-local -Djava.library.path=… -jar DynamoDBLocal.jar); AWS docs "Deploying DynamoDB local"',
    unconfirmed: ['the Dockerfile is not published: ENTRYPOINT java and CMD -jar DynamoDBLocal.jar -inMemory are inferred from examples'],
  },
];

// Kafka (distribution scripts, apache/kafka, Bitnami, Confluent cp-*) and ZooKeeper (official, Bitnami). Sources:
// research notes images-a2 (each entry cites the files read there).
import type { CatalogueEntry, ScriptPart } from './schema';

const KAFKA_RUN_CLASS =
  'apache/kafka bin/kafka-run-class.sh @3.7.0 (exec "$JAVA" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $KAFKA_GC_LOG_OPTS $KAFKA_JMX_OPTS $KAFKA_LOG4J_CMD_OPTS -cp "$CLASSPATH" $KAFKA_OPTS "$@"; same order since 0.10.2.0)';
const KAFKA_PERF_DEFAULT =
  '-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true';

/** The kafka-run-class.sh command line with a heap default set by the calling script. */
function kafkaParts(heapDefault: string, heapSource: string, perfDefault: string = KAFKA_PERF_DEFAULT): ScriptPart[] {
  return [
    { variable: 'KAFKA_HEAP_OPTS', default: heapDefault, source: heapSource },
    {
      variable: 'KAFKA_JVM_PERFORMANCE_OPTS',
      default: perfDefault,
      source: `${KAFKA_RUN_CLASS}; default set when empty (2.5.0–4.1.x value)`,
    },
    { variable: 'KAFKA_GC_LOG_OPTS', source: KAFKA_RUN_CLASS },
    { variable: 'KAFKA_JMX_OPTS', source: KAFKA_RUN_CLASS },
    { variable: 'KAFKA_LOG4J_OPTS', source: KAFKA_RUN_CLASS },
    { variable: 'KAFKA_OPTS', source: `${KAFKA_RUN_CLASS} (after -cp: an -Xmx here wins over KAFKA_HEAP_OPTS)` },
  ];
}

const KAFKA_SERVER_START = 'apache/kafka bin/kafka-server-start.sh @0.10.2.0 … 3.8.0 (KAFKA_HEAP_OPTS="-Xmx1G -Xms1G" when unset)';
const ZK_SERVER_START = 'apache/kafka bin/zookeeper-server-start.sh @3.7.0 (KAFKA_HEAP_OPTS="-Xmx512M -Xms512M"; removed in 4.0)';
const CONNECT_START = 'apache/kafka bin/connect-distributed.sh, connect-standalone.sh @1.1.0+ (KAFKA_HEAP_OPTS="-Xms256M -Xmx2G", KAFKA-4115)';
const CONFLUENT_JDK =
  '5.x Zulu 8; 6.0–7.6 Zulu 11; 7.7 Zulu 17; 7.8–7.9 Temurin 17; 8.x Temurin 21 (confluentinc/common-docker base images)';

const ZK_ENV =
  'apache/zookeeper bin/zkEnv.sh (ZK_SERVER_HEAP="${ZK_SERVER_HEAP:-1000}"; SERVER_JVMFLAGS="-Xmx${ZK_SERVER_HEAP}m $SERVER_JVMFLAGS", 3.5+) and bin/zkServer.sh (JVMFLAGS="$SERVER_JVMFLAGS $JVMFLAGS")';

const CP_RUN_CLASS_PERF = '-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true';

export const MESSAGING: CatalogueEntry[] = [
  {
    id: 'kafka-native',
    family: 'Kafka (apache/kafka-native, GraalVM native image)',
    names: ['apache/kafka-native'],
    vm: 'hotspot',
    notJvm: {
      reason: 'apache/kafka-native runs Kafka as a GraalVM native executable (/opt/kafka/kafka.Kafka), not on a JVM',
      source: 'apache/kafka docker/native/{Dockerfile,launch} @1eb7644 (runtime FROM alpine; exec /opt/kafka/kafka.Kafka start …)',
    },
    entrypoint: 'script',
    scripts: [],
    parts: [],
    heapDefault: {
      kind: 'unknown',
      note: 'a native image\'s Serial GC sizes its heap itself (GraalVM: 80 % of RAM); not a HotSpot heap',
      source: 'GraalVM docs "Native Image Build Output" (Serial GC max heap size: 80% of RAM)',
    },
    source: 'apache/kafka docker/native/launch @1eb7644',
  },
  {
    id: 'kafka-apache-image',
    family: 'Kafka (apache/kafka image)',
    names: ['apache/kafka'],
    tags: { min: [3, 7] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run', 'launch', 'kafka-server-start.sh', 'kafka-run-class.sh'],
    // docker/jvm/launch exports KAFKA_JVM_PERFORMANCE_OPTS="<user value> -XX:SharedArchiveFile=/opt/kafka/kafka.jsa",
    // never empty: kafka-run-class's G1 default is never applied in this image.
    parts: kafkaParts('-Xmx1G -Xms1G', KAFKA_SERVER_START, '-XX:SharedArchiveFile=/opt/kafka/kafka.jsa'),
    heapDefault: {
      kind: 'script-options',
      variable: 'KAFKA_HEAP_OPTS',
      description: 'kafka-server-start.sh sets `KAFKA_HEAP_OPTS="-Xmx1G -Xms1G"` when it is unset',
      source: KAFKA_SERVER_START,
    },
    jdk: 'eclipse-temurin:21-jre-alpine (3.7.0, 3.7.1, 3.8.0, 4.x)',
    source: 'apache/kafka docker/jvm/Dockerfile, docker/jvm/launch @3.7.0, 3.8.0 (exec kafka-server-start.sh server.properties)',
  },
  {
    id: 'bitnami-kafka',
    family: 'Kafka (Bitnami)',
    names: ['bitnami/kafka', 'bitnamilegacy/kafka'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run.sh', 'entrypoint.sh'],
    parts: kafkaParts(
      '-Xmx1024m -Xms1024m',
      'bitnami/containers bitnami/kafka/4.0/debian-12/rootfs/opt/bitnami/scripts/kafka-env.sh @b347770 (KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1024m -Xms1024m}")',
    ),
    heapDefault: {
      kind: 'script-options',
      variable: 'KAFKA_HEAP_OPTS',
      description: 'kafka-env.sh sets `KAFKA_HEAP_OPTS="-Xmx1024m -Xms1024m"` when it is unset or empty',
      source: 'bitnami/containers bitnami/kafka/4.0/debian-12/…/kafka-env.sh @b347770; bitnami/kafka/2/debian-10/…/kafka-env.sh @c82de03',
    },
    source: 'bitnami/containers bitnami/kafka/3.6/debian-12/rootfs/opt/bitnami/scripts/kafka/run.sh @b54e774 (kafka-server-start.sh)',
    unconfirmed: ['run.sh was read at 3.6 only; the 4.x flow is assumed the same'],
  },
  {
    id: 'confluent-kafka',
    family: 'Kafka (Confluent cp-kafka, cp-server)',
    names: ['confluentinc/cp-kafka', 'confluentinc/cp-server', 'confluentinc/cp-enterprise-kafka'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run', 'launch', 'kafka-server-start', 'kafka-server-start.sh'],
    parts: kafkaParts('-Xmx1G -Xms1G', `confluentinc/kafka bin/kafka-server-start.sh @v7.6.0-207-ccs … v8.2.0-604-ccs; ${KAFKA_SERVER_START}`),
    heapDefault: {
      kind: 'script-options',
      variable: 'KAFKA_HEAP_OPTS',
      description: 'kafka-server-start sets `KAFKA_HEAP_OPTS="-Xmx1G -Xms1G"` when it is unset',
      source: 'confluentinc/kafka bin/kafka-server-start.sh @v7.6.0-207-ccs … v8.2.0-604-ccs',
    },
    jdk: CONFLUENT_JDK,
    source: 'confluentinc/kafka-images kafka/include/etc/confluent/docker/{run,launch} @v5.4.0 … v8.2.0-73',
  },
  {
    id: 'confluent-kafka-connect',
    family: 'Kafka Connect (Confluent cp-kafka-connect)',
    names: ['confluentinc/cp-kafka-connect', 'confluentinc/cp-kafka-connect-base', 'confluentinc/cp-server-connect', 'confluentinc/cp-server-connect-base', 'cnfldemos/cp-server-connect-datagen'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run', 'launch', 'connect-distributed', 'connect-distributed.sh'],
    parts: kafkaParts('-Xms256M -Xmx2G', `confluentinc/kafka bin/connect-distributed.sh @v7.6.0-207-ccs … v8.2.0-604-ccs; ${CONNECT_START}`),
    heapDefault: {
      kind: 'script-options',
      variable: 'KAFKA_HEAP_OPTS',
      description: 'connect-distributed sets `KAFKA_HEAP_OPTS="-Xms256M -Xmx2G"` when it is unset',
      source: CONNECT_START,
    },
    jdk: CONFLUENT_JDK,
    source: 'confluentinc/kafka-images kafka-connect-base/include/etc/confluent/docker/launch @v8.2.0-73 (exec connect-distributed …)',
  },
  {
    id: 'confluent-zookeeper',
    family: 'ZooKeeper (Confluent cp-zookeeper)',
    names: ['confluentinc/cp-zookeeper'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run', 'launch', 'zookeeper-server-start', 'zookeeper-server-start.sh'],
    parts: kafkaParts('-Xmx512M -Xms512M', `confluentinc/kafka bin/zookeeper-server-start.sh @v7.6.0-207-ccs, v7.9.0-166-ccs; ${ZK_SERVER_START}`),
    heapDefault: {
      kind: 'script-options',
      variable: 'KAFKA_HEAP_OPTS',
      description: 'zookeeper-server-start sets `KAFKA_HEAP_OPTS="-Xmx512M -Xms512M"` when it is unset',
      source: ZK_SERVER_START,
    },
    jdk: CONFLUENT_JDK,
    source: 'confluentinc/kafka-images zookeeper/include/etc/confluent/docker/launch @v7.9.0 (exec zookeeper-server-start …)',
    note: 'Uses the KAFKA_* variable names, not ZooKeeper\'s JVMFLAGS/ZK_SERVER_HEAP.',
  },
  {
    id: 'confluent-schema-registry',
    family: 'Schema Registry (Confluent cp-schema-registry)',
    names: ['confluentinc/cp-schema-registry'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run', 'launch', 'schema-registry-start', 'schema-registry-run-class'],
    scriptHome: true,
    parts: [
      { variable: 'SCHEMA_REGISTRY_HEAP_OPTS', default: '-Xmx512M', source: 'confluentinc/schema-registry bin/schema-registry-run-class @v5.0.0 … v8.2.0' },
      { variable: 'SCHEMA_REGISTRY_JVM_PERFORMANCE_OPTS', default: CP_RUN_CLASS_PERF, source: 'confluentinc/schema-registry bin/schema-registry-run-class @v8.2.0' },
      { variable: 'SCHEMA_REGISTRY_GC_LOG_OPTS', source: 'confluentinc/schema-registry bin/schema-registry-run-class @v8.2.0' },
      { variable: 'SCHEMA_REGISTRY_JMX_OPTS', source: 'confluentinc/schema-registry bin/schema-registry-run-class @v8.2.0' },
      { variable: 'SCHEMA_REGISTRY_LOG4J_OPTS', source: 'confluentinc/schema-registry bin/schema-registry-run-class @v8.2.0' },
      { variable: 'SCHEMA_REGISTRY_OPTS', source: 'confluentinc/schema-registry bin/schema-registry-run-class @v8.2.0 (after -cp: an -Xmx here wins)' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'SCHEMA_REGISTRY_HEAP_OPTS',
      description: 'schema-registry-run-class sets `SCHEMA_REGISTRY_HEAP_OPTS="-Xmx512M"` when it is unset',
      source: 'confluentinc/schema-registry bin/schema-registry-run-class @v5.0.0 … v8.2.0 (unchanged since 2015)',
    },
    jdk: CONFLUENT_JDK,
    source: 'confluentinc/schema-registry-images schema-registry/include/etc/confluent/docker/launch @v8.2.0-67',
  },
  {
    id: 'confluent-kafka-rest',
    family: 'REST Proxy (Confluent cp-kafka-rest)',
    names: ['confluentinc/cp-kafka-rest'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run', 'launch', 'kafka-rest-start', 'kafka-rest-run-class'],
    scriptHome: true,
    parts: [
      { variable: 'KAFKAREST_HEAP_OPTS', default: '-Xmx256M', source: 'confluentinc/kafka-rest bin/kafka-rest-run-class @v5.0.0 … v8.2.0' },
      { variable: 'KAFKAREST_JVM_PERFORMANCE_OPTS', default: CP_RUN_CLASS_PERF, source: 'confluentinc/kafka-rest bin/kafka-rest-run-class @v8.2.0' },
      { variable: 'KAFKAREST_JMX_OPTS', source: 'confluentinc/kafka-rest bin/kafka-rest-run-class @v8.2.0' },
      { variable: 'KAFKAREST_LOG4J_OPTS', source: 'confluentinc/kafka-rest bin/kafka-rest-run-class @v8.2.0' },
      { variable: 'KAFKAREST_OPTS', source: 'confluentinc/kafka-rest bin/kafka-rest-run-class @v8.2.0 (after -cp)' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'KAFKAREST_HEAP_OPTS',
      description: 'kafka-rest-run-class sets `KAFKAREST_HEAP_OPTS="-Xmx256M"` when it is unset (KAFKA_REST_HEAP_OPTS is not read)',
      source: 'confluentinc/kafka-rest bin/kafka-rest-run-class @v5.0.0 … v8.2.0',
    },
    jdk: CONFLUENT_JDK,
    source: 'confluentinc/kafka-rest-images kafka-rest/include/etc/confluent/docker/launch @v8.2.0-73',
  },
  {
    id: 'confluent-ksqldb',
    family: 'ksqlDB server (Confluent)',
    names: ['confluentinc/cp-ksqldb-server', 'confluentinc/ksqldb-server'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run', 'launch', 'ksql-server-start', 'ksql-run-class'],
    scriptHome: true,
    parts: [
      { variable: 'KSQL_HEAP_OPTS', default: '-Xmx3g', source: 'confluentinc/ksql bin/ksql-run-class @v5.5.0 … v8.2.0' },
      {
        variable: 'KSQL_JVM_PERFORMANCE_OPTS',
        default: '-server -XX:+UseG1GC -XX:+ExplicitGCInvokesConcurrent -XX:NewRatio=1 -Djava.awt.headless=true',
        source: 'confluentinc/ksql bin/ksql-run-class @v7.3.0+ (commit ef13993eb1e, G1)',
      },
      { variable: 'KSQL_JMX_OPTS', source: 'confluentinc/ksql bin/ksql-run-class @v8.2.0' },
      { variable: 'KSQL_LOG4J_OPTS', source: 'confluentinc/ksql bin/ksql-run-class @v8.2.0' },
      { variable: 'KSQL_OPTS', source: 'confluentinc/ksql bin/ksql-run-class @v8.2.0 (after the heap options)' },
      { variable: 'KSQL_GC_LOG_OPTS', source: 'confluentinc/ksql bin/ksql-run-class @v8.2.0' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'KSQL_HEAP_OPTS',
      description: 'ksql-run-class sets `KSQL_HEAP_OPTS="-Xmx3g"` when it is unset',
      source: 'confluentinc/ksql bin/ksql-run-class @v5.5.0 … v8.2.0',
    },
    source: 'confluentinc/ksql-images cp-ksqldb-server/include/etc/confluent/docker/server/launch @v8.2.0-72',
  },
  {
    id: 'confluent-control-center',
    family: 'Control Center (Confluent)',
    names: ['confluentinc/cp-enterprise-control-center'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run', 'launch', 'control-center-start'],
    parts: [{ variable: 'CONTROL_CENTER_HEAP_OPTS', source: 'confluentinc/control-center-images control-center/include/etc/confluent/docker/launch @v7.9.9' }, { variable: 'CONTROL_CENTER_OPTS', source: 'confluentinc/control-center-images control-center/include/etc/confluent/docker/launch @v7.9.9' }],
    heapDefault: {
      kind: 'unknown',
      note: 'control-center-run-class ships in a closed-source package; Confluent 3.1 docs say the heap defaults to 3 GB',
      overriddenBy: ['CONTROL_CENTER_HEAP_OPTS'],
      source: 'Confluent 3.1 docs "Operations" (control center heap defaults to 3GB)',
    },
    source: 'confluentinc/control-center-images control-center/include/etc/confluent/docker/launch @v7.9.9',
  },
  {
    id: 'strimzi-kafka',
    family: 'Kafka (Strimzi)',
    names: ['strimzi/kafka'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: [],
    parts: [],
    heapDefault: { kind: 'unknown', note: 'Strimzi\'s own start scripts size the heap; they were not checked', source: 'quay.io/strimzi/kafka (not checked)' },
    source: 'quay.io/strimzi/kafka (not checked)',
  },
  {
    id: 'kafka-zookeeper-script',
    family: 'ZooKeeper started by Kafka\'s zookeeper-server-start.sh',
    names: [],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['zookeeper-server-start.sh', 'zookeeper-server-start'],
    scriptHome: true,
    parts: kafkaParts('-Xmx512M -Xms512M', ZK_SERVER_START),
    heapDefault: {
      kind: 'script-options',
      variable: 'KAFKA_HEAP_OPTS',
      description: 'zookeeper-server-start.sh sets `KAFKA_HEAP_OPTS="-Xmx512M -Xms512M"` when it is unset',
      source: ZK_SERVER_START,
    },
    source: `${ZK_SERVER_START}; ${KAFKA_RUN_CLASS}`,
  },
  {
    id: 'kafka-connect-script',
    family: 'Kafka Connect started by connect-distributed.sh',
    names: [],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['connect-distributed.sh', 'connect-standalone.sh', 'connect-mirror-maker.sh', 'connect-distributed', 'connect-standalone'],
    scriptHome: true,
    parts: kafkaParts('-Xms256M -Xmx2G', CONNECT_START),
    heapDefault: {
      kind: 'script-options',
      variable: 'KAFKA_HEAP_OPTS',
      description: 'connect-distributed.sh sets `KAFKA_HEAP_OPTS="-Xms256M -Xmx2G"` when it is unset',
      source: CONNECT_START,
    },
    source: `${CONNECT_START}; ${KAFKA_RUN_CLASS}`,
  },
  {
    id: 'kafka',
    family: 'Kafka (distribution scripts: wurstmeister and others)',
    names: ['kafka', 'wurstmeister/kafka'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['kafka-server-start.sh', 'kafka-server-start', 'kafka-run-class.sh', 'start-kafka.sh'],
    scriptHome: true,
    parts: kafkaParts('-Xmx1G -Xms1G', KAFKA_SERVER_START),
    heapDefault: {
      kind: 'script-options',
      variable: 'KAFKA_HEAP_OPTS',
      description: 'kafka-server-start.sh sets `KAFKA_HEAP_OPTS="-Xmx1G -Xms1G"` when it is unset',
      source: KAFKA_SERVER_START,
    },
    source: `${KAFKA_SERVER_START}; ${KAFKA_RUN_CLASS}`,
    note: 'wurstmeister/kafka start-kafka.sh writes KAFKA_HEAP_OPTS into kafka-server-start.sh: the same effect.',
  },
  {
    id: 'bitnami-zookeeper',
    family: 'ZooKeeper (Bitnami)',
    names: ['bitnami/zookeeper', 'bitnamilegacy/zookeeper'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run.sh', 'entrypoint.sh'],
    parts: [
      { variable: 'ZK_SERVER_HEAP', template: '-Xmx{}m', default: '-Xmx1000m', source: ZK_ENV },
      { variable: 'JVMFLAGS', source: 'bitnami/containers bitnami/zookeeper …/libzookeeper.sh (heap flags appended after JVMFLAGS)' },
      {
        variable: 'ZOO_HEAP_SIZE',
        template: '-Xmx{}m -Xms{}m',
        default: '-Xmx1024m -Xms1024m',
        // Appended unless JVMFLAGS already holds two heap flags (`-Xm[xs].*-Xm[xs]`): `-Xmx512m` alone loses.
        skipWhenMatches: { variable: 'JVMFLAGS', pattern: /-Xm[xs].*-Xm[xs]/ },
        source: 'bitnami/containers bitnami/zookeeper …/zookeeper-env.sh (ZOO_HEAP_SIZE default 1024) and libzookeeper.sh (regex -Xm[xs].*-Xm[xs])',
      },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'ZOO_HEAP_SIZE',
      description: 'the image appends `-Xmx1024m -Xms1024m` (ZOO_HEAP_SIZE) after JVMFLAGS unless JVMFLAGS sets both -Xmx and -Xms',
      source: 'bitnami/containers bitnami/zookeeper …/zookeeper-env.sh and libzookeeper.sh',
    },
    source: 'bitnami/containers bitnami/zookeeper (entrypoint.sh → run.sh → zkServer.sh start-foreground)',
  },
  {
    id: 'zookeeper-3.4',
    family: 'ZooKeeper 3.4 (official image)',
    names: ['docker.io/zookeeper'],
    tags: { below: [3, 5] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['zkServer.sh'],
    parts: [{ variable: 'SERVER_JVMFLAGS', source: 'apache/zookeeper bin/zkServer.sh @release-3.4.14' }, { variable: 'JVMFLAGS', source: 'apache/zookeeper bin/zkServer.sh @release-3.4.14' }],
    heapDefault: { kind: 'jvm', source: 'apache/zookeeper bin/zkEnv.sh @release-3.4.10, 3.4.14 (no ZK_SERVER_HEAP, no -Xmx)' },
    source: 'docker-library/zookeeper 3.4 (CMD ["zkServer.sh", "start-foreground"])',
  },
  {
    id: 'zookeeper',
    family: 'ZooKeeper (official image, zkServer.sh)',
    names: ['docker.io/zookeeper'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['zkServer.sh'],
    scriptHome: true,
    // zkEnv.sh: SERVER_JVMFLAGS="-Xmx${ZK_SERVER_HEAP}m $SERVER_JVMFLAGS"; zkServer.sh: JVMFLAGS="$SERVER_JVMFLAGS $JVMFLAGS"
    parts: [
      { variable: 'ZK_SERVER_HEAP', template: '-Xmx{}m', default: '-Xmx1000m', source: ZK_ENV },
      { variable: 'SERVER_JVMFLAGS', source: ZK_ENV },
      { variable: 'JVMFLAGS', source: ZK_ENV },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'ZK_SERVER_HEAP',
      description: 'zkEnv.sh sets `-Xmx${ZK_SERVER_HEAP}m` with ZK_SERVER_HEAP defaulting to 1000',
      source: ZK_ENV,
    },
    source: `${ZK_ENV}; docker-library/zookeeper CMD ["zkServer.sh", "start-foreground"]`,
    note: 'conf/java.env, when present, is sourced before the default and may set these variables.',
  },
];

// Brokers and processing engines other than Kafka and ZooKeeper: Pulsar, ActiveMQ Classic and Artemis, Hazelcast,
// Flink, Spark. Sources: research notes images-a2 (each entry cites the files read there).
import type { CatalogueEntry, ScriptPart } from './schema';

const PULSAR_ENV =
  'apache/pulsar conf/pulsar_env.sh (PULSAR_MEM=${PULSAR_MEM:-"-Xms2g -Xmx2g -XX:MaxDirectMemorySize=4g"}) and bin/pulsar (java … $OPTS: PULSAR_MEM, PULSAR_GC, PULSAR_GC_LOG, PULSAR_EXTRA_OPTS)';
// Charts run `bin/apply-config-from-env.py conf/pulsar_env.sh`, which writes `PULSAR_MEM=<value>` into the file
// bin/pulsar sources: quotes in the value (`" -Xms4g -Xmx4g"`) are the shell's.
const APPLY_CONFIG = 'apache/pulsar docker/pulsar/scripts/apply-config-from-env.py @07de066 (rewrites KEY=… lines of conf/*.sh from the environment)';
const ACTIVEMQ_SCRIPTS =
  'apache/activemq assembly/src/release/bin/{activemq,env,setenv} @activemq-5.16.5 … 6.3.1 (ACTIVEMQ_OPTS="$ACTIVEMQ_OPTS_MEMORY …" only when ACTIVEMQ_OPTS is empty)';
const ACTIVEMQ_DOCKER = 'apache/activemq assembly/src/docker/{Dockerfile,entrypoint.sh} @activemq-5.18.3 … 6.3.1; commit 46b7f68ce2 (AMQ-9812)';

function activemqParts(memorySource: string): ScriptPart[] {
  return [
    { variable: 'ACTIVEMQ_OPTS_MEMORY', default: '-Xms64M -Xmx1G', skipWhenSet: ['ACTIVEMQ_OPTS'], source: memorySource },
    { variable: 'ACTIVEMQ_OPTS', source: ACTIVEMQ_SCRIPTS },
  ];
}

const ACTIVEMQ_HEAP = {
  kind: 'script-options' as const,
  variable: 'ACTIVEMQ_OPTS_MEMORY',
  description: 'bin/activemq uses `ACTIVEMQ_OPTS_MEMORY="-Xms64M -Xmx1G"` unless ACTIVEMQ_OPTS is set (which then replaces it)',
  source: ACTIVEMQ_SCRIPTS,
};

export const OTHER_MESSAGING: CatalogueEntry[] = [
  {
    id: 'pulsar',
    family: 'Apache Pulsar',
    names: ['apachepulsar/pulsar', 'apachepulsar/pulsar-all'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['pulsar'],
    scriptHome: true,
    parts: [
      { variable: 'PULSAR_MEM', default: '-Xms2g -Xmx2g -XX:MaxDirectMemorySize=4g', shellQuotes: true, source: `${PULSAR_ENV}; ${APPLY_CONFIG}` },
      { variable: 'PULSAR_GC', shellQuotes: true, source: `${PULSAR_ENV}; ${APPLY_CONFIG}` },
      { variable: 'PULSAR_GC_LOG', source: PULSAR_ENV },
      { variable: 'PULSAR_EXTRA_OPTS', source: PULSAR_ENV },
    ],
    readsForOtherJvms: ['BOOKIE_MEM', 'BOOKIE_GC', 'BOOKIE_EXTRA_OPTS'],
    heapDefault: {
      kind: 'script-options',
      variable: 'PULSAR_MEM',
      description: 'conf/pulsar_env.sh sets `PULSAR_MEM="-Xms2g -Xmx2g -XX:MaxDirectMemorySize=4g"` when it is unset',
      source: PULSAR_ENV,
    },
    source: `${PULSAR_ENV}; the image has no CMD: charts run \`bin/pulsar broker\` and the like`,
    note: 'A bookie (`bin/pulsar bookie`) reads BOOKIE_MEM (default -Xms2g -Xmx2g -XX:MaxDirectMemorySize=2g, conf/bkenv.sh) instead.',
  },
  {
    id: 'activemq-classic-image',
    family: 'ActiveMQ Classic (apache/activemq-classic 5.19.3+, 6.2.1+)',
    names: ['apache/activemq-classic'],
    tags: { min: [6, 2, 1] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['entrypoint.sh', 'activemq'],
    parts: activemqParts(`${ACTIVEMQ_DOCKER} (entrypoint: ACTIVEMQ_OPTS_MEMORY default -Xms64M -Xmx1G)`),
    heapDefault: { ...ACTIVEMQ_HEAP, source: ACTIVEMQ_DOCKER },
    jdk: '6.2–6.3.0: eclipse-temurin:17-jre; 6.3.1: eclipse-temurin:25-jre',
    source: ACTIVEMQ_DOCKER,
  },
  {
    id: 'activemq-classic-image-5.19',
    family: 'ActiveMQ Classic (apache/activemq-classic 5.19.3+)',
    names: ['apache/activemq-classic'],
    tags: { min: [5, 19, 3], below: [6] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['entrypoint.sh', 'activemq'],
    parts: activemqParts(`${ACTIVEMQ_DOCKER} (entrypoint: ACTIVEMQ_OPTS_MEMORY default -Xms64M -Xmx1G)`),
    heapDefault: { ...ACTIVEMQ_HEAP, source: ACTIVEMQ_DOCKER },
    jdk: 'eclipse-temurin:11-jre',
    source: ACTIVEMQ_DOCKER,
  },
  {
    id: 'activemq-classic-image-6.1',
    family: 'ActiveMQ Classic (apache/activemq-classic 6.1.1–6.2.0)',
    names: ['apache/activemq-classic'],
    tags: { min: [6, 1, 1], below: [6, 2, 1] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['activemq'],
    parts: [
      {
        // ENV ACTIVEMQ_OPTS $ACTIVEMQ_OPTS_MEMORY … : the -Xmx1G is baked in at build time.
        variable: 'ACTIVEMQ_OPTS',
        default: '-Xms64M -Xmx1G -Djetty.host=0.0.0.0',
        source: `${ACTIVEMQ_DOCKER} (Dockerfile 6.1.1–6.2.0: ENV ACTIVEMQ_OPTS_MEMORY -Xms64M -Xmx1G; ENV ACTIVEMQ_OPTS $ACTIVEMQ_OPTS_MEMORY …)`,
      },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'ACTIVEMQ_OPTS',
      description: 'the image bakes `-Xms64M -Xmx1G` into ACTIVEMQ_OPTS at build time (a runtime ACTIVEMQ_OPTS_MEMORY is ignored)',
      source: ACTIVEMQ_DOCKER,
    },
    source: ACTIVEMQ_DOCKER,
  },
  {
    id: 'activemq-classic-image-ergonomics',
    family: 'ActiveMQ Classic (apache/activemq-classic 5.18.3–5.19.2, 6.0.0–6.1.0)',
    names: ['apache/activemq-classic', 'apache/activemq'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['activemq'],
    parts: [{ variable: 'ACTIVEMQ_OPTS', source: ACTIVEMQ_SCRIPTS }],
    heapDefault: {
      kind: 'jvm',
      source: `${ACTIVEMQ_DOCKER} (ENV ACTIVEMQ_OPTS $ACTIVEMQ_OPTS -Djetty.host=0.0.0.0: never empty, so no ACTIVEMQ_OPTS_MEMORY)`,
    },
    source: ACTIVEMQ_DOCKER,
  },
  {
    id: 'activemq-classic',
    family: 'ActiveMQ Classic (rmohr, symptoma, webcenter: bin/activemq)',
    names: ['rmohr/activemq', 'symptoma/activemq', 'webcenter/activemq'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['activemq'],
    scriptHome: false,
    parts: activemqParts(ACTIVEMQ_SCRIPTS),
    heapDefault: ACTIVEMQ_HEAP,
    source: 'rmohr/docker-activemq */Dockerfile @HEAD (CMD bin/activemq console); symptoma/activemq entrypoint.sh @d9ce6e9',
    note: 'bin/env in 5.15.0–5.16.4 sets ACTIVEMQ_OPTS_MEMORY unconditionally: the variable has no effect there.',
  },
  {
    id: 'activemq-artemis',
    family: 'ActiveMQ Artemis',
    names: ['apache/activemq-artemis'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['docker-run.sh', 'artemis'],
    parts: [
      {
        variable: 'JAVA_ARGS',
        default: '-Xms512M -Xmx2G',
        source:
          'apache/activemq-artemis artemis-cli/…/commands/etc/artemis.profile @2.16.0 … 2.44.0 (JAVA_ARGS default with -Xms512M -Xmx${java-memory}, 2G); InstallAbstract.java @2.44.0 (javaMemory = "2G")',
      },
      { variable: 'JAVA_ARGS_APPEND', source: 'apache/activemq-artemis artemis-cli/…/commands/bin/artemis @2.44.0 (JAVA_ARGS_APPEND after the class path)' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JAVA_ARGS',
      description: 'etc/artemis.profile sets `JAVA_ARGS="… -Xms512M -Xmx2G …"` unless JAVA_ARGS is set (`--java-memory` in EXTRA_ARGS changes the 2G at create time)',
      source: 'apache/activemq-artemis artemis-cli/…/commands/etc/artemis.profile @2.16.0 … 2.44.0',
    },
    source: 'apache/activemq-artemis artemis-docker/{docker-run.sh,Dockerfile-ubuntu-21-jre} @2.44.0',
    note: 'An instance persisted on a volume keeps the artemis.profile it was created with.',
  },
  {
    id: 'hazelcast',
    family: 'Hazelcast',
    names: ['hazelcast/hazelcast', 'hazelcast/hazelcast-enterprise'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['hz', 'hz-start', 'start-hazelcast.sh'],
    parts: [
      {
        variable: 'JAVA_OPTS_DEFAULT',
        default: '-Djava.net.preferIPv4Stack=true -XX:MaxRAMPercentage=80.0',
        source: 'hazelcast/hazelcast-docker hazelcast-oss/Dockerfile @v5.4.0 … v5.7.1 (ENV JAVA_OPTS_DEFAULT)',
      },
      { variable: 'JAVA_OPTS', source: 'hazelcast/hazelcast distribution/src/bin-regular/common.sh @1449d05 (JAVA_OPTS_DEFAULT, then JAVA_OPTS)' },
      { variable: 'MIN_HEAP_SIZE', template: '-Xms{}', source: 'hazelcast/hazelcast distribution/src/bin-regular/common.sh @1449d05' },
      { variable: 'MAX_HEAP_SIZE', template: '-Xmx{}', source: 'hazelcast/hazelcast distribution/src/bin-regular/common.sh @1449d05' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JAVA_OPTS_DEFAULT',
      description: 'the image sets `JAVA_OPTS_DEFAULT="… -XX:MaxRAMPercentage=80.0"`: 80 % of the container limit',
      source: 'hazelcast/hazelcast-docker hazelcast-oss/Dockerfile @v4.0 … v5.7.1',
    },
    source: 'hazelcast/hazelcast distribution/src/bin-filemode-755/hz @04aa033 and bin-regular/common.sh @1449d05 (CMD hz start, 5.1+)',
  },
  {
    id: 'flink',
    family: 'Apache Flink',
    names: ['flink', 'apache/flink'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['docker-entrypoint.sh', 'jobmanager.sh', 'taskmanager.sh', 'standalone-job.sh'],
    parts: [],
    // JVM_ARGS comes before the computed -Xmx (it loses); env.java.opts.* come after (config keys, not variables).
    readsForOtherJvms: ['JVM_ARGS', 'FLINK_PROPERTIES'],
    heapDefault: {
      kind: 'unknown',
      note:
        'Flink computes -Xmx from its memory configuration (defaults: JobManager 1 GiB of 1600m, TaskManager about 512 MiB of 1728m) and the role argument; a `-Xmx` in JVM_ARGS comes before it and loses',
      source:
        'apache/flink flink-runtime/…/ProcessMemoryUtils.java, JobManagerFlinkMemoryUtils.java, TaskExecutorFlinkMemoryUtils.java; flink-dist config.yaml (1600m / 1728m)',
    },
    source: 'apache/flink-docker 1.20 and 2.2 docker-entrypoint.sh (jobmanager | taskmanager → bin scripts → flink-console.sh)',
    unconfirmed: ['the version of the network-memory change (1.17) and the current flink-console.sh were read from indexed copies'],
  },
  {
    id: 'spark',
    family: 'Apache Spark',
    names: ['apache/spark', 'spark'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['entrypoint.sh', 'spark-submit', 'spark-class'],
    parts: [
      {
        variable: 'SPARK_EXECUTOR_MEMORY',
        template: '-Xms{} -Xmx{}',
        source: 'apache/spark-docker 4.0.3/scala2.13-java17-ubuntu/entrypoint.sh (executor: -Xms$SPARK_EXECUTOR_MEMORY -Xmx$SPARK_EXECUTOR_MEMORY)',
      },
    ],
    heapDefault: {
      kind: 'unknown',
      note: 'Spark sizes the heap per role: the driver -Xmx from spark.driver.memory (1g), an executor -Xms/-Xmx from SPARK_EXECUTOR_MEMORY (spark.executor.memory, 1g)',
      overriddenBy: ['SPARK_EXECUTOR_MEMORY'],
      source: 'apache/spark-docker entrypoint.sh; apache/spark BasicExecutorFeatureStep.scala, SparkSubmitCommandBuilder',
    },
    source: 'apache/spark-docker 3.5.8, 4.0.3, 4.1.2 entrypoint.sh (ENTRYPOINT /opt/entrypoint.sh: driver | executor)',
  },
];

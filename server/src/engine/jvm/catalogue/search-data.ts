// Search engines and data stores: Elasticsearch (by version), OpenSearch, Logstash, Solr, Cassandra, Trino/Presto,
// Druid, NiFi. Sources: research notes images-a1 (each entry cites the files read there).
import type { CatalogueEntry } from './schema';

const HEAP_OPTION = /^(-Xmx|-Xms|-XX:(MaxHeapSize|MinHeapSize|InitialHeapSize)=)/;

const ES_JVM_OPTIONS_PARSER =
  'elastic/elasticsearch distribution/tools/launchers/…/JvmOptionsParser.java (jvm.options, jvm.options.d/*.options sorted, then ES_JAVA_OPTS split on whitespace)';
const ES_DOCKERFILE = 'elastic/dockerfiles elasticsearch/Dockerfile @v7.17.28, @v8.17.3 (ENTRYPOINT ["/bin/tini", "--", "/usr/local/bin/docker-entrypoint.sh"], CMD ["eswrapper"])';
const ES_JVM_OPTIONS_D: CatalogueEntry['configFiles'] = [
  {
    path: '/usr/share/elasticsearch/config/jvm.options.d/*.options',
    note: 'read after jvm.options and before ES_JAVA_OPTS, in lexicographic order',
    source: 'elastic.co Elasticsearch reference 7.x "Advanced configuration" (Docker: bind-mount into config/jvm.options.d/)',
  },
];

export const SEARCH_AND_DATA: CatalogueEntry[] = [
  {
    id: 'bitnami-elasticsearch',
    family: 'Elasticsearch (Bitnami)',
    names: ['bitnami/elasticsearch', 'bitnamilegacy/elasticsearch'],
    tags: { min: [8] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['entrypoint.sh', 'run.sh'],
    parts: [
      {
        // Written to jvm.options.d/heap.options, which the launcher reads before ES_JAVA_OPTS.
        variable: 'ELASTICSEARCH_HEAP_SIZE',
        template: '-Xms{} -Xmx{}',
        default: '-Xms1024m -Xmx1024m',
        source:
          'bitnami/containers bitnami/elasticsearch/8/debian-12/rootfs/opt/bitnami/scripts/elasticsearch-env.sh @accc9959 (ELASTICSEARCH_HEAP_SIZE="${ELASTICSEARCH_HEAP_SIZE:-1024m}"); libelasticsearch.sh elasticsearch_set_heap_size (jvm.options.d/heap.options)',
      },
      { variable: 'ES_JAVA_OPTS', source: ES_JVM_OPTIONS_PARSER },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'ELASTICSEARCH_HEAP_SIZE',
      description: 'the image writes `-Xms1024m -Xmx1024m` (ELASTICSEARCH_HEAP_SIZE) to jvm.options.d/heap.options, so Elasticsearch never sizes the heap itself',
      source: 'bitnami/containers bitnami/elasticsearch/8/debian-12/rootfs/opt/bitnami/scripts/elasticsearch-env.sh @accc9959',
    },
    source: 'bitnami/containers bitnami/elasticsearch/8 (entrypoint.sh → setup.sh → run.sh → bin/elasticsearch)',
    unconfirmed: ['Bitnami Elasticsearch 7.x tags were not checked'],
  },
  {
    id: 'pires-elasticsearch',
    family: 'Elasticsearch (pires/docker-elasticsearch)',
    names: ['pires/docker-elasticsearch', 'pires/docker-elasticsearch-kubernetes'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run.sh'],
    parts: [
      {
        variable: 'ES_JAVA_OPTS',
        default: '-Xms512m -Xmx512m',
        source: 'pires/docker-elasticsearch Dockerfile @6.3.2 (ENV ES_JAVA_OPTS "-Xms512m -Xmx512m"; CMD ["/run.sh"])',
      },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'ES_JAVA_OPTS',
      description: 'the image sets `ES_JAVA_OPTS="-Xms512m -Xmx512m"`, after jvm.options\' 1g',
      source: 'pires/docker-elasticsearch Dockerfile @6.3.2',
    },
    source: 'pires/docker-elasticsearch run.sh @6.3.2 (su-exec elasticsearch /elasticsearch/bin/elasticsearch)',
    unconfirmed: ['docker-elasticsearch-kubernetes is assumed to inherit the ENV of docker-elasticsearch'],
  },
  {
    id: 'elasticsearch',
    family: 'Elasticsearch 7.11+ (automatic heap)',
    names: ['elasticsearch', 'elasticsearch-oss'],
    tags: { min: [7, 11] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['elasticsearch', 'docker-entrypoint.sh', 'eswrapper'],
    parts: [{ variable: 'ES_JAVA_OPTS', source: ES_JVM_OPTIONS_PARSER }],
    configFiles: ES_JVM_OPTIONS_D,
    heapDefault: {
      kind: 'formula',
      formula: 'elasticsearch',
      memory: 'container-limit',
      suppressedBy: HEAP_OPTION,
      description:
        'Elasticsearch ≥ 7.11 sets -Xms/-Xmx from total memory (the container limit): for a data node 40 % (at least 128 MB) below 1 GiB, else 50 % up to 31 GB',
      source:
        'elastic/elasticsearch distribution/tools/server-cli/src/main/java/org/elasticsearch/server/cli/MachineDependentHeap.java (DATA role); PR #65905 (7.11); elastic.co cloud-on-k8s "JVM heap size" (7.11+)',
    },
    source: `${ES_DOCKERFILE}; ${ES_JVM_OPTIONS_PARSER}`,
    note: 'Assumes the default (data) node role; master-only nodes use 60 %, ML-only 40 %. Before about 8.15 the roles are read from elasticsearch.yml only (a `node.roles` environment variable is not seen).',
  },
  {
    id: 'elasticsearch-legacy',
    family: 'Elasticsearch 6.0–7.10',
    names: ['elasticsearch', 'elasticsearch-oss'],
    tags: { min: [6], below: [7, 11] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['elasticsearch', 'docker-entrypoint.sh', 'eswrapper'],
    parts: [{ variable: 'ES_JAVA_OPTS', source: ES_JVM_OPTIONS_PARSER }],
    configFiles: [
      {
        path: '/usr/share/elasticsearch/config/jvm.options',
        note: '`-Xms1g -Xmx1g`, read first',
        source: 'elastic/elasticsearch PR #25695 "Setup: Change default heap to 1G" (6.0)',
      },
      ...(ES_JVM_OPTIONS_D ?? []),
    ],
    heapDefault: {
      kind: 'fixed-options',
      options: '-Xms1g -Xmx1g',
      description: 'Elasticsearch 6.0–7.10: `-Xms1g -Xmx1g` from config/jvm.options, before ES_JAVA_OPTS',
      source:
        'elastic/elasticsearch PR #25695 (default heap 1G, 6.0); elastic.co Elasticsearch reference 6.x–7.10 "Setting the heap size" (1 GB minimum and maximum)',
    },
    source: `elastic/dockerfiles elasticsearch/Dockerfile @v7.10.2; ${ES_JVM_OPTIONS_PARSER}`,
  },
  {
    id: 'elasticsearch-5',
    family: 'Elasticsearch 5.x',
    names: ['elasticsearch'],
    tags: { min: [5], below: [6] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['elasticsearch', 'es-docker', 'docker-entrypoint.sh'],
    parts: [{ variable: 'ES_JAVA_OPTS', source: 'elastic/elasticsearch-docker build/elasticsearch/bin/es-docker @5.6 (ES_JAVA_OPTS after jvm.options)' }],
    heapDefault: {
      kind: 'fixed-options',
      options: '-Xms2g -Xmx2g',
      description: 'Elasticsearch 5.x: `-Xms2g -Xmx2g` from config/jvm.options, before ES_JAVA_OPTS',
      source: 'elastic.co Elasticsearch reference 5.0/5.2 "Set JVM heap size via jvm.options" (2 GB); docker-library/elasticsearch issue #130',
    },
    source: 'elastic/elasticsearch-docker templates/Dockerfile.j2 @5.6 (CMD ["/bin/bash", "bin/es-docker"]); docker-library/elasticsearch 5/Dockerfile',
  },
  {
    id: 'opensearch',
    family: 'OpenSearch',
    names: ['opensearchproject/opensearch'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['opensearch-docker-entrypoint.sh', 'opensearch'],
    parts: [
      {
        variable: 'OPENSEARCH_JAVA_OPTS',
        source: 'opensearch-project/OpenSearch distribution/tools/launchers/…/JvmOptionsParser.java @1865662a (files, then OPENSEARCH_JAVA_OPTS)',
      },
    ],
    configFiles: [
      {
        path: '/usr/share/opensearch/config/jvm.options',
        note: '`-Xms1g -Xmx1g`, read first; jvm.options.d/*.options after it',
        source: 'opensearch-project/OpenSearch distribution/src/config/jvm.options @01f73905',
      },
    ],
    heapDefault: {
      kind: 'fixed-options',
      options: '-Xms1g -Xmx1g',
      description: 'OpenSearch: `-Xms1g -Xmx1g` from config/jvm.options (no automatic sizing), before OPENSEARCH_JAVA_OPTS',
      source: 'opensearch-project/OpenSearch distribution/build.gradle @01072612 (defaultHeapSize = "1g"); distribution/src/config/jvm.options @01f73905',
    },
    source: 'opensearch-project/opensearch-build docker/release/dockerfiles (ENTRYPOINT ./opensearch-docker-entrypoint.sh, CMD opensearch)',
    note: 'The performance-analyzer agent is a second JVM (-Xmx64M) unless DISABLE_PERFORMANCE_ANALYZER_AGENT_CLI=true.',
  },
  {
    id: 'logstash',
    family: 'Logstash',
    names: ['logstash', 'logstash-oss'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['logstash', 'docker-entrypoint'],
    parts: [
      {
        variable: 'LS_JAVA_OPTS',
        source: 'elastic/logstash tools/jvm-options-parser/…/JvmOptionsParser.java @v8.17.3 ("LS_JAVA_OPTS is added last and must take precedence")',
      },
    ],
    heapDefault: {
      kind: 'fixed-options',
      options: '-Xms1g -Xmx1g',
      description: 'Logstash: `-Xms1g -Xmx1g` from config/jvm.options, before LS_JAVA_OPTS',
      source: 'elastic/logstash config/jvm.options @v5.6.16 … @v9.2.4 (-Xms1g / -Xmx1g)',
    },
    source: 'elastic/logstash bin/logstash @v8.17.3 (exec "${JAVACMD}" ${JAVA_OPTS} -cp … org.logstash.Logstash); bin/logstash.lib.sh',
    note: 'JAVA_OPTS is ignored ("pass JVM parameters via LS_JAVA_OPTS").',
  },
  {
    id: 'bitnami-solr',
    family: 'Solr (Bitnami)',
    names: ['bitnami/solr', 'bitnamilegacy/solr'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run.sh'],
    parts: [
      {
        variable: 'SOLR_JAVA_MEM',
        default: '-Xms512m -Xmx512m',
        skipWhenSet: ['SOLR_HEAP'],
        source: 'bitnami/containers bitnami/solr/9/debian-12/rootfs/opt/bitnami/scripts/solr-env.sh @20cf9a16 (SOLR_JAVA_MEM="${SOLR_JAVA_MEM:--Xms512m -Xmx512m}")',
      },
      { variable: 'SOLR_HEAP', template: '-Xms{} -Xmx{}', source: 'apache/solr solr/bin/solr @00444bf0 (JAVA_MEM_OPTS)' },
      { variable: 'SOLR_OPTS', source: 'apache/solr solr/bin/solr @00444bf0 (SOLR_START_OPTS order)' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'SOLR_JAVA_MEM',
      description: 'the image sets `SOLR_JAVA_MEM="-Xms512m -Xmx512m"` unless SOLR_HEAP or SOLR_JAVA_MEM is set',
      source: 'bitnami/containers bitnami/solr/9/debian-12/rootfs/opt/bitnami/scripts/solr-env.sh @20cf9a16',
    },
    source: 'bitnami/containers bitnami/solr …/solr/run.sh (bin/solr -f)',
  },
  {
    id: 'alfresco-search-services',
    family: 'Alfresco Search Services (Solr 6)',
    names: ['alfresco/alfresco-search-services', 'alfresco/search-services'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['search_config_setup.sh', 'solr'],
    parts: [
      {
        variable: 'SOLR_JAVA_MEM',
        default: '-Xms1g -Xmx1g',
        skipWhenSet: ['SOLR_HEAP'],
        source: 'Alfresco/SearchServices search-services/packaging/pom.xml @6f2a1419 (solr.in.sh: SOLR_JAVA_MEM → -Xms1g -Xmx1g)',
      },
      { variable: 'SOLR_HEAP', template: '-Xms{} -Xmx{}', source: 'apache/lucene-solr solr/bin/solr @b2049d4a (JAVA_MEM_OPTS)' },
      { variable: 'SOLR_OPTS', source: 'apache/lucene-solr solr/bin/solr @b2049d4a' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'SOLR_JAVA_MEM',
      description: 'solr.in.sh sets `SOLR_JAVA_MEM="-Xms1g -Xmx1g"` (with -XX:+AlwaysPreTouch: the whole heap is committed at start)',
      source: 'Alfresco/SearchServices search-services/packaging/pom.xml and config.properties @6f2a1419',
    },
    source: 'Alfresco/SearchServices search-services/packaging/src/docker/Dockerfile and search_config_setup.sh @6f2a1419',
    unconfirmed: ['the bin/solr memory logic was read from a later lucene-solr revision and assumed the same in 6.6.5'],
  },
  {
    id: 'solr',
    family: 'Solr',
    names: ['solr'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['solr', 'solr-foreground', 'solr-fg'],
    scriptHome: true,
    // bin/solr: if SOLR_HEAP empty and SOLR_JAVA_MEM set → JAVA_MEM_OPTS=($SOLR_JAVA_MEM)
    //           else SOLR_HEAP=${SOLR_HEAP:-512m}; JAVA_MEM_OPTS=("-Xms$SOLR_HEAP" "-Xmx$SOLR_HEAP")
    parts: [
      { variable: 'SOLR_JAVA_MEM', skipWhenSet: ['SOLR_HEAP'], source: 'apache/solr solr/bin/solr @00444bf0 (JAVA_MEM_OPTS)' },
      {
        variable: 'SOLR_HEAP',
        template: '-Xms{} -Xmx{}',
        default: '-Xms512m -Xmx512m',
        noDefaultWhenSet: ['SOLR_JAVA_MEM'],
        source: 'apache/solr solr/bin/solr @00444bf0 (SOLR_HEAP=${SOLR_HEAP:-512m})',
      },
      { variable: 'SOLR_OPTS', source: 'apache/solr solr/bin/solr @00444bf0 (SOLR_START_OPTS: memory, GC, …, SOLR_OPTS)' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'SOLR_HEAP',
      description: 'bin/solr uses `-Xms512m -Xmx512m` unless SOLR_HEAP or SOLR_JAVA_MEM is set',
      source: 'apache/solr solr/bin/solr @00444bf0 (JAVA_MEM_OPTS, SOLR_HEAP default 512m)',
    },
    source: 'apache/solr-docker (9.x) and docker-solr/docker-solr (5–8): CMD solr-foreground → bin/solr -f',
    unconfirmed: ['Solr 10 bin/solr heap logic was not re-read'],
  },
  {
    id: 'cassandra',
    family: 'Cassandra',
    names: ['cassandra', 'bitnami/cassandra', 'bitnamilegacy/cassandra'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['cassandra', 'docker-entrypoint.sh'],
    scriptHome: true,
    // cassandra-env.sh: JVM_OPTS="$JVM_OPTS -Xms${MAX_HEAP_SIZE}" / "-Xmx${MAX_HEAP_SIZE}" … JVM_OPTS="$JVM_OPTS $JVM_EXTRA_OPTS"
    parts: [
      { variable: 'JVM_OPTS', source: 'docker-library/cassandra#12 (JVM_OPTS from the environment is kept as the prefix)' },
      {
        variable: 'MAX_HEAP_SIZE',
        template: '-Xms{} -Xmx{}',
        source: 'apache/cassandra conf/cassandra-env.sh @01234b6b (-Xms${MAX_HEAP_SIZE} -Xmx${MAX_HEAP_SIZE})',
      },
      { variable: 'JVM_EXTRA_OPTS', source: 'apache/cassandra conf/cassandra-env.sh @01234b6b (JVM_OPTS="$JVM_OPTS $JVM_EXTRA_OPTS")' },
    ],
    heapDefault: {
      kind: 'formula',
      formula: 'cassandra',
      memory: 'node-memory',
      // cassandra-env.sh skips its own -Xms/-Xmx when JVM_OPTS (or a jvm*.options file) holds them.
      suppressedBy: /^-Xm[xs]/,
      suppressedIn: ['JVM_OPTS'],
      description:
        'cassandra-env.sh calculate_heap_sizes: max(min(½ RAM, 1024 MB), min(¼ RAM, 8192 MB)) as -Xms = -Xmx, with RAM from `free -m` (the node\'s memory, not the container limit)',
      source: 'apache/cassandra conf/cassandra-env.sh @01234b6b (calculate_heap_sizes, `free -m`)',
    },
    source: 'docker-library/cassandra (ENTRYPOINT docker-entrypoint.sh, CMD cassandra -f); apache/cassandra bin/cassandra, conf/cassandra-env.sh',
    note: 'MAX_HEAP_SIZE and HEAP_NEWSIZE are meant to be set together (the script exits otherwise with CMS).',
  },
  {
    id: 'trino',
    family: 'Trino',
    names: ['trinodb/trino'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run-trino', 'launcher'],
    parts: [],
    configFiles: [
      {
        path: '/etc/trino/jvm.config',
        note: 'the only source of JVM options (one per line); the Helm chart mounts its own over /etc/trino',
        source: 'trinodb/trino core/docker/default/etc/jvm.config @0a40d1ce',
      },
    ],
    heapDefault: {
      kind: 'fixed-options',
      options: '-XX:InitialRAMPercentage=80 -XX:MaxRAMPercentage=80',
      description: 'the image\'s /etc/trino/jvm.config sets `-XX:InitialRAMPercentage=80 -XX:MaxRAMPercentage=80` (a jvm.config mounted over it replaces it)',
      source: 'trinodb/trino core/docker/default/etc/jvm.config @0a40d1ce',
    },
    source:
      'trinodb/trino core/docker/Dockerfile @0516d973 (CMD run-trino) and core/docker/bin/run-trino @1dde4184; airlift/airlift launcher (java -cp … <jvm.config lines> … main class)',
    note: 'The launcher reads no JAVA_OPTS-style variable; JAVA_TOOL_OPTIONS still reaches the JVM.',
  },
  {
    id: 'presto',
    family: 'Presto (prestodb, prestosql)',
    names: ['prestodb/presto', 'prestosql/presto', 'ahanaio/prestodb-sandbox'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['entrypoint.sh', 'launcher'],
    parts: [],
    heapDefault: {
      kind: 'unknown',
      note: 'Presto reads its heap from etc/jvm.config (the prestodb image ships `-Xmx1G`; a mounted jvm.config replaces it), which is not read here',
      userHeapWins: true,
      source: 'prestodb/presto docker/etc/jvm.config.example @6c41e9a0 (-Xmx1G)',
    },
    source: 'prestodb/presto docker/Dockerfile @28b2f913 and docker/entrypoint.sh @1c045153 (bin/launcher run)',
    unconfirmed: ['prestosql/presto and ahanaio images were not read'],
  },
  {
    id: 'druid',
    family: 'Apache Druid',
    names: ['apache/druid'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['druid.sh', 'run-java'],
    parts: [
      { variable: 'DRUID_XMS', template: '-Xms{}', source: 'apache/druid distribution/docker/druid.sh (setJavaKey xms)' },
      { variable: 'DRUID_XMX', template: '-Xmx{}', source: 'apache/druid distribution/docker/druid.sh (setJavaKey xmx: replaces jvm.config\'s -Xmx)' },
      { variable: 'DRUID_MAXDIRECTMEMORYSIZE', template: '-XX:MaxDirectMemorySize={}', source: 'apache/druid distribution/docker/druid.sh' },
      { variable: 'JAVA_OPTS', source: 'apache/druid distribution/docker/druid.sh ("JAVA_OPTS will take precedence": after jvm.config)' },
    ],
    heapDefault: {
      kind: 'unknown',
      note: 'Druid takes the heap from the service\'s jvm.config (cluster historical 8g, broker 12–24g, middleManager 128m; quickstart profiles 64m–512m), chosen by the service argument and DRUID_SINGLE_NODE_CONF',
      overriddenBy: ['DRUID_XMX'],
      userHeapWins: true,
      source: 'apache/druid examples/conf/druid/cluster/*/jvm.config and single-server/*/jvm.config (see research images-a1 §Druid)',
    },
    source: 'apache/druid distribution/docker/Dockerfile @019fc353 (ENTRYPOINT ["/druid.sh"]) and druid.sh @014967a4',
    note: 'A middleManager forks one peon JVM per task in the same container.',
  },
  {
    id: 'nifi',
    family: 'Apache NiFi 1.x',
    names: ['apache/nifi'],
    tags: { below: [1, 24] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['start.sh', 'nifi.sh'],
    parts: [
      {
        variable: 'NIFI_JVM_HEAP_INIT',
        template: '-Xms{}',
        default: '-Xms512m',
        source: 'apache/nifi nifi-docker/dockerhub/sh/start.sh @02a7d53f (prop_replace java.arg.2); nifi-resources/pom.xml @0079ae6d (512m)',
      },
      {
        variable: 'NIFI_JVM_HEAP_MAX',
        template: '-Xmx{}',
        default: '-Xmx512m',
        source: 'apache/nifi nifi-docker/dockerhub/sh/start.sh @02a7d53f (prop_replace java.arg.3); nifi-resources/pom.xml @0079ae6d (512m)',
      },
    ],
    configFiles: [
      {
        path: '/opt/nifi/nifi-current/conf/bootstrap.conf',
        note: 'java.arg.2=-Xms…, java.arg.3=-Xmx…; a bootstrap.conf mounted over conf/ replaces them',
        source: 'apache/nifi nifi-resources/src/main/resources/conf/bootstrap.conf @005d053e',
      },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'NIFI_JVM_HEAP_MAX',
      description: 'bootstrap.conf gives NiFi 1.x `-Xms512m -Xmx512m` unless NIFI_JVM_HEAP_INIT/NIFI_JVM_HEAP_MAX are set',
      source: 'apache/nifi nifi-resources/pom.xml @0079ae6d (nifi.jvm.heap.init/max 512m)',
    },
    source: 'apache/nifi nifi-docker/dockerhub/Dockerfile @05786253 (ENTRYPOINT ["../scripts/start.sh"]) and sh/start.sh @02a7d53f',
    note: 'A small bootstrap JVM (-Xmx24m) starts the NiFi JVM.',
  },
  {
    id: 'nifi-2',
    family: 'Apache NiFi 1.24+ / 2.x',
    names: ['apache/nifi'],
    tags: { min: [1, 24] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['start.sh', 'nifi.sh'],
    parts: [
      { variable: 'NIFI_JVM_HEAP_INIT', template: '-Xms{}', source: 'apache/nifi nifi-docker/dockerhub/sh/start.sh @02a7d53f (prop_replace java.arg.2)' },
      { variable: 'NIFI_JVM_HEAP_MAX', template: '-Xmx{}', source: 'apache/nifi nifi-docker/dockerhub/sh/start.sh @02a7d53f (prop_replace java.arg.3)' },
    ],
    heapDefault: {
      kind: 'unknown',
      note: 'NiFi 2.x ships `-Xms1g -Xmx1g` in bootstrap.conf (NIFI-12095); whether 1.24+ also got 1g is not confirmed',
      overriddenBy: ['NIFI_JVM_HEAP_MAX'],
      source: 'apache/nifi nifi-framework-bundle/…/nifi-resources/pom.xml @0038ca56 (1g/1g); PR #7762 NIFI-12095 "Increase default Xmx to 1g"',
    },
    source: 'apache/nifi nifi-docker/dockerhub/sh/start.sh @02a7d53f',
  },
];

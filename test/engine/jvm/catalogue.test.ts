// The image catalogue (server/src/engine/jvm/catalogue/): every entry is valid and cites its sources, and every
// family runs on a small Deployment of ours through the whole pipeline (manifest → launch → catalogue → heap), with
// and without the variable that sizes it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildYamlContext } from '../../../server/src/engine/analyze';
import { compileNames, ENTRY_GROUP, IMAGE_TABLE, lookupImage, lookupScript } from '../../../server/src/engine/jvm/catalogue';
import { DEFAULT_OPTIONS } from '../../../server/src/engine/options';
import { LineIndex } from '../../../server/src/engine/text';
import { parseYaml } from '../../../server/src/engine/yaml/parse';

const MiB = 1n << 20n;
const GiB = 1n << 30n;

interface Launch {
  env?: Record<string, string>;
  command?: string[];
  args?: string[];
  limit?: string;
}

function deployment(image: string, l: Launch): string {
  const list = (name: string, v: string[] | undefined) =>
    v ? `          ${name}: [${v.map((x) => JSON.stringify(x)).join(', ')}]\n` : '';
  const env = Object.entries(l.env ?? {})
    .map(([k, v]) => `            - name: ${k}\n              value: ${JSON.stringify(v)}\n`)
    .join('');
  return (
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n` +
    `        - name: app\n          image: ${image}\n` +
    list('command', l.command) +
    list('args', l.args) +
    (env ? `          env:\n${env}` : '') +
    `          resources:\n            limits:\n              memory: ${l.limit ?? '2Gi'}\n`
  );
}

function analyse(image: string, l: Launch = {}) {
  const text = deployment(image, l);
  const lines = new LineIndex(text);
  const ctx = buildYamlContext({ text, options: DEFAULT_OPTIONS }, parseYaml(text), lines, 16n << 30n);
  return ctx.jvmSubjects[0]?.analysis ?? null;
}

/** The max heap in bytes; 'unknown' when the catalogue says the image's own default is not known. */
function heap(image: string, l: Launch = {}): bigint | 'unknown' | 'no jvm' {
  const a = analyse(image, l);
  if (!a) return 'no jvm';
  if (a.launch.imageDefaults.some((d) => d.applies && d.heapDefault.kind === 'unknown')) return 'unknown';
  return a.heap ? a.heap.maxHeapBytes : 'unknown';
}

/** The heap a percentage of the 2Gi limit gives (HotSpot aligns down; allow the alignment). */
function percentOf2Gi(pct: number): (h: bigint | string) => boolean {
  const exact = (2n * GiB * BigInt(Math.round(pct * 10))) / 1000n;
  return (h) => typeof h === 'bigint' && (h > exact ? h - exact : exact - h) < 8n * MiB;
}

/** A fixed size as HotSpot keeps it (aligned to the heap alignment, up to 2 MiB here). */
function near(bytes: bigint): (h: bigint | string) => boolean {
  return (h) => typeof h === 'bigint' && (h > bytes ? h - bytes : bytes - h) <= 2n * MiB;
}

type Expect = bigint | 'unknown' | 'no jvm' | ((h: bigint | string) => boolean);

/** [family id, image, launch, expected heap] — several rows per family: without and with its variable. */
const CASES: Array<[string, string, Launch, Expect]> = [
  ['distroless-java', 'gcr.io/distroless/java17-debian12', { args: ['app.jar'] }, percentOf2Gi(25)],
  ['distroless-java', 'gcr.io/distroless/java17-debian12', { args: ['app.jar'], env: { JAVA_TOOL_OPTIONS: '-Xmx300m' } }, 300n * MiB],
  ['ubi-openjdk', 'registry.access.redhat.com/ubi9/openjdk-21-runtime:1.20', {}, percentOf2Gi(80)],
  ['ubi-openjdk', 'registry.access.redhat.com/ubi9/openjdk-21-runtime:1.20', { env: { JAVA_MAX_MEM_RATIO: '50' } }, percentOf2Gi(50)],
  ['ubi-openjdk', 'registry.access.redhat.com/ubi9/openjdk-21-runtime:1.20', { env: { JAVA_MAX_MEM_RATIO: '0' } }, percentOf2Gi(25)],
  ['ubi-openjdk', 'registry.access.redhat.com/ubi9/openjdk-21-runtime:1.20', { env: { JAVA_OPTS: '-Xmx512m', JAVA_OPTS_APPEND: '-Xmx1g' } }, 512n * MiB],
  ['openj9', 'ibm-semeru-runtimes:open-17-jre', { args: ['java', '-jar', 'app.jar'] }, 'unknown'],
  ['bitnami-java', 'bitnami/java:21', { args: ['java', '-Xmx256m', '-jar', 'app.jar'] }, 256n * MiB],
  ['jdk', 'eclipse-temurin:21-jre', { args: ['java', '-XX:MaxRAMPercentage=60', '-jar', 'app.jar'] }, percentOf2Gi(60)],
  ['paketo', 'registry.example.com/orders:1.0', { env: { BPL_JVM_THREAD_COUNT: '50' } }, 'unknown'],
  ['paketo', 'registry.example.com/orders:1.0', { env: { BPL_JVM_THREAD_COUNT: '50', JAVA_TOOL_OPTIONS: '-Xmx700m' } }, 700n * MiB],
  ['bitnami-elasticsearch', 'bitnami/elasticsearch:8.15.0', {}, 1024n * MiB],
  ['bitnami-elasticsearch', 'bitnami/elasticsearch:8.15.0', { env: { ELASTICSEARCH_HEAP_SIZE: '512m' } }, 512n * MiB],
  ['pires-elasticsearch', 'quay.io/pires/docker-elasticsearch-kubernetes:6.3.2', {}, 512n * MiB],
  ['elasticsearch', 'docker.elastic.co/elasticsearch/elasticsearch:8.13.0', {}, 1024n * MiB],
  ['elasticsearch', 'docker.elastic.co/elasticsearch/elasticsearch:8.13.0', { env: { ES_JAVA_OPTS: '-Xms700m -Xmx700m' } }, 700n * MiB],
  ['elasticsearch-legacy', 'docker.elastic.co/elasticsearch/elasticsearch:7.10.2', {}, GiB],
  ['elasticsearch-legacy', 'elasticsearch:6.8.23', { env: { ES_JAVA_OPTS: '-Xms512m -Xmx512m' } }, 512n * MiB],
  ['elasticsearch-5', 'elasticsearch:5.6.16', { limit: '4Gi' }, 2n * GiB],
  ['opensearch', 'opensearchproject/opensearch:2.14.0', {}, GiB],
  ['opensearch', 'opensearchproject/opensearch:3.2.0', { env: { OPENSEARCH_JAVA_OPTS: '-Xms400m -Xmx400m' } }, 400n * MiB],
  ['logstash', 'docker.elastic.co/logstash/logstash:8.17.3', {}, GiB],
  ['logstash', 'docker.elastic.co/logstash/logstash:8.17.3', { env: { LS_JAVA_OPTS: '-Xms640m -Xmx640m' } }, 640n * MiB],
  ['bitnami-solr', 'bitnami/solr:9', {}, 512n * MiB],
  ['bitnami-solr', 'bitnami/solr:9', { env: { SOLR_HEAP: '1g' } }, GiB],
  ['alfresco-search-services', 'alfresco/alfresco-search-services:2.0.8', {}, GiB],
  ['solr', 'solr:9.10.0', {}, 512n * MiB],
  ['solr', 'solr:9.10.0', { env: { SOLR_JAVA_MEM: '-Xms1g -Xmx1536m' } }, 1536n * MiB],
  ['cassandra', 'cassandra:5.0.4', {}, 4096n * MiB],
  ['cassandra', 'cassandra:5.0.4', { env: { MAX_HEAP_SIZE: '1024M', HEAP_NEWSIZE: '256M' } }, 1024n * MiB],
  ['cassandra', 'cassandra:4.1', { env: { JVM_OPTS: '-Xms800m -Xmx800m' } }, 800n * MiB],
  ['trino', 'trinodb/trino:480', {}, percentOf2Gi(80)],
  ['presto', 'prestodb/presto:0.290', {}, 'unknown'],
  ['druid', 'apache/druid:30.0.0', { args: ['historical'] }, 'unknown'],
  ['druid', 'apache/druid:30.0.0', { args: ['historical'], env: { DRUID_XMX: '1g' } }, GiB],
  ['nifi', 'apache/nifi:1.23.2', {}, 512n * MiB],
  ['nifi', 'apache/nifi:1.23.2', { env: { NIFI_JVM_HEAP_MAX: '1g' } }, GiB],
  ['nifi-2', 'apache/nifi:2.0.0', {}, 'unknown'],
  ['nifi-2', 'apache/nifi:2.0.0', { env: { NIFI_JVM_HEAP_MAX: '1g' } }, GiB],
  ['kafka-native', 'apache/kafka-native:3.8.0', { env: { KAFKA_HEAP_OPTS: '-Xmx512m' } }, 'no jvm'],
  ['kafka-apache-image', 'apache/kafka:3.7.0', {}, GiB],
  ['kafka-apache-image', 'apache/kafka:3.7.0', { env: { KAFKA_HEAP_OPTS: '-Xmx400m -Xms400m' } }, 400n * MiB],
  ['bitnami-kafka', 'bitnami/kafka:3.9', {}, 1024n * MiB],
  ['confluent-kafka', 'confluentinc/cp-kafka:7.6.0', {}, GiB],
  ['confluent-kafka', 'confluentinc/cp-kafka:7.6.0', { env: { KAFKA_OPTS: '-Xmx1500m' } }, 1500n * MiB],
  ['confluent-kafka-connect', 'confluentinc/cp-kafka-connect:7.6.0', { limit: '4Gi' }, 2n * GiB],
  ['confluent-zookeeper', 'confluentinc/cp-zookeeper:7.6.0', {}, 512n * MiB],
  ['confluent-schema-registry', 'confluentinc/cp-schema-registry:7.6.0', {}, 512n * MiB],
  ['confluent-schema-registry', 'confluentinc/cp-schema-registry:7.6.0', { env: { SCHEMA_REGISTRY_HEAP_OPTS: '-Xmx1g' } }, GiB],
  ['confluent-kafka-rest', 'confluentinc/cp-kafka-rest:7.6.0', {}, 256n * MiB],
  ['confluent-ksqldb', 'confluentinc/cp-ksqldb-server:7.6.0', { limit: '4Gi' }, 3n * GiB],
  ['confluent-control-center', 'confluentinc/cp-enterprise-control-center:7.6.0', {}, 'unknown'],
  ['strimzi-kafka', 'quay.io/strimzi/kafka:0.40.0-kafka-3.7.0', {}, 'unknown'],
  ['kafka-zookeeper-script', 'apache/kafka:3.6.1', { command: ['/opt/kafka/bin/zookeeper-server-start.sh', '/opt/kafka/config/zookeeper.properties'] }, 512n * MiB],
  ['kafka-connect-script', 'wurstmeister/kafka:2.13-2.8.1', { command: ['sh', '/opt/kafka/bin/connect-distributed.sh', 'c.properties'], limit: '4Gi' }, 2n * GiB],
  ['kafka', 'wurstmeister/kafka:2.13-2.8.1', {}, GiB],
  ['bitnami-zookeeper', 'bitnami/zookeeper:3.9', {}, 1024n * MiB],
  ['bitnami-zookeeper', 'bitnami/zookeeper:3.9', { env: { JVMFLAGS: '-Xmx512m' } }, 1024n * MiB],
  ['bitnami-zookeeper', 'bitnami/zookeeper:3.9', { env: { JVMFLAGS: '-Xmx512m -Xms512m' } }, 512n * MiB],
  ['zookeeper-3.4', 'zookeeper:3.4.14', {}, percentOf2Gi(25)],
  ['zookeeper', 'zookeeper:3.9', {}, 1000n * MiB],
  ['zookeeper', 'zookeeper:3.9', { env: { ZK_SERVER_HEAP: '1500' } }, 1500n * MiB],
  ['pulsar', 'apachepulsar/pulsar:3.3.0', { command: ['sh', '-c', 'bin/apply-config-from-env.py conf/pulsar_env.sh && exec bin/pulsar broker'], limit: '4Gi' }, 2n * GiB],
  ['pulsar', 'apachepulsar/pulsar:3.3.0', { command: ['sh', '-c', 'bin/apply-config-from-env.py conf/pulsar_env.sh && exec bin/pulsar broker'], env: { PULSAR_MEM: '" -Xms1g -Xmx1g"' } }, GiB],
  ['activemq-classic-image', 'apache/activemq-classic:6.2.1', {}, GiB],
  ['activemq-classic-image', 'apache/activemq-classic:6.2.1', { env: { ACTIVEMQ_OPTS: '-Xmx512m' } }, 512n * MiB],
  ['activemq-classic-image-5.19', 'apache/activemq-classic:5.19.3', {}, GiB],
  ['activemq-classic-image-6.1', 'apache/activemq-classic:6.1.1', { env: { ACTIVEMQ_OPTS_MEMORY: '-Xmx512m' } }, GiB],
  ['activemq-classic-image-ergonomics', 'apache/activemq-classic:6.0.0', {}, percentOf2Gi(25)],
  ['activemq-classic', 'rmohr/activemq:5.15.9', {}, GiB],
  ['activemq-artemis', 'apache/activemq-artemis:2.44.0', { limit: '4Gi' }, 2n * GiB],
  ['activemq-artemis', 'apache/activemq-artemis:2.44.0', { env: { JAVA_ARGS_APPEND: '-Xmx1G' } }, GiB],
  ['hazelcast', 'hazelcast/hazelcast:5.5.0', {}, percentOf2Gi(80)],
  ['hazelcast', 'hazelcast/hazelcast:5.5.0', { env: { MAX_HEAP_SIZE: '1g' } }, GiB],
  ['flink', 'flink:1.20', { args: ['jobmanager'] }, 'unknown'],
  ['spark', 'apache/spark:4.0.3', { args: ['executor'] }, 'unknown'],
  ['spark', 'apache/spark:4.0.3', { args: ['executor'], env: { SPARK_EXECUTOR_MEMORY: '1024m' } }, GiB],
  ['bitnami-tomcat', 'bitnami/tomcat:10.1', {}, percentOf2Gi(25)],
  ['bitnami-tomcat', 'bitnami/tomcat:10.1', { env: { CATALINA_OPTS: '-Xmx768m' } }, 768n * MiB],
  ['geoserver', 'docker.osgeo.org/geoserver:2.24.2', {}, GiB],
  ['geoserver', 'docker.osgeo.org/geoserver:2.24.2', { env: { CATALINA_OPTS: '-Dfoo=1' } }, percentOf2Gi(25)],
  ['geoserver-memory', 'kartoza/geoserver:2.26.0', { limit: '6Gi' }, 4n * GiB],
  ['geoserver-memory', 'kartoza/geoserver:2.26.0', { env: { INITIAL_MEMORY: '512M', MAXIMUM_MEMORY: '1G' } }, GiB],
  ['alfresco', 'alfresco/alfresco-content-repository-community:25.1.0', {}, percentOf2Gi(25)],
  ['tomcat', 'tomcat:10.1-jdk21', {}, percentOf2Gi(25)],
  ['tomcat', 'tomcat:10.1-jdk21', { env: { JAVA_OPTS: '-Xmx1g', CATALINA_OPTS: '-Xmx1200m' } }, 1200n * MiB],
  ['jetty', 'jetty:12.0-jdk21', {}, percentOf2Gi(25)],
  ['jetty', 'jetty:12.0-jdk21', { env: { JAVA_OPTIONS: '-Xmx1g' } }, GiB],
  ['wildfly', 'quay.io/wildfly/wildfly:30.0.0.Final-jdk17', {}, 512n * MiB],
  ['wildfly', 'quay.io/wildfly/wildfly:30.0.0.Final-jdk17', { env: { JAVA_OPTS: '-Xmx1g' } }, GiB],
  ['wildfly-legacy', 'jboss/wildfly:20.0.1.Final', {}, 512n * MiB],
  ['keycloak-wildfly', 'jboss/keycloak:16.1.1', {}, 512n * MiB],
  ['keycloak-wildfly-legacy-tag', 'quay.io/keycloak/keycloak:19.0.3-legacy', {}, 512n * MiB],
  ['keycloak-wildfly-16', 'quay.io/keycloak/keycloak:15.0.2', { env: { JAVA_OPTS_APPEND: '-Xmx1g' } }, GiB],
  ['keycloak', 'quay.io/keycloak/keycloak:26.0', {}, percentOf2Gi(70)],
  ['keycloak', 'quay.io/keycloak/keycloak:26.0', { env: { JAVA_OPTS_KC_HEAP: '-XX:MaxRAMPercentage=50' } }, percentOf2Gi(50)],
  ['keycloak-legacy', 'quay.io/keycloak/keycloak:23.0.5', {}, 512n * MiB],
  ['jenkins', 'jenkins/jenkins:lts-jdk17', {}, percentOf2Gi(25)],
  ['jenkins', 'jenkins/jenkins:lts-jdk17', { env: { JAVA_OPTS: '-Xmx1g' } }, GiB],
  ['sonarqube', 'sonarqube:10-community', {}, 'unknown'],
  ['nexus3', 'sonatype/nexus3:3.68.1', { limit: '4Gi' }, near(2703n * MiB)],
  ['nexus3', 'sonatype/nexus3:3.68.1', { env: { INSTALL4J_ADD_VM_PARAMS: '-Xms1g -Xmx1g' } }, GiB],
  ['nexus3-1200m', 'sonatype/nexus3:3.20.1', {}, 1200n * MiB],
  ['nexus3-current', 'sonatype/nexus3:3.88.0', {}, 'unknown'],
  ['nexus3-current', 'sonatype/nexus3:3.88.0', { env: { INSTALL4J_ADD_VM_PARAMS: '-Xmx1g' } }, GiB],
  ['atlassian-jira', 'atlassian/jira-software:11.3.1', {}, 'unknown'],
  ['atlassian-jira', 'atlassian/jira-software:11.3.1', { env: { JVM_MAXIMUM_MEMORY: '1536m' } }, 1536n * MiB],
  ['atlassian-confluence', 'atlassian/confluence:10.2.7', { env: { JVM_MAXIMUM_MEMORY: '1g' } }, GiB],
  ['atlassian-bitbucket', 'atlassian/bitbucket:9.4.16', { env: { JVM_MAXIMUM_MEMORY: '1g' } }, GiB],
  ['neo4j', 'neo4j:5.26', {}, percentOf2Gi(25)],
  ['neo4j', 'neo4j:5.26', { env: { NEO4J_server_memory_heap_max__size: '1G' } }, GiB],
  ['neo4j-4', 'neo4j:4.4', { env: { NEO4J_dbms_memory_heap_max__size: '1G' } }, GiB],
  ['neo4j-3', 'neo4j:3.5.3', {}, 512n * MiB],
  ['zipkin', 'openzipkin/zipkin:3.4', {}, 160n * MiB],
  ['zipkin', 'openzipkin/zipkin:3.4', { env: { STORAGE_TYPE: 'elasticsearch' } }, 96n * MiB],
  ['zipkin-slim', 'openzipkin/zipkin-slim:3.4', { env: { STORAGE_TYPE: 'cassandra3' } }, 64n * MiB],
  ['zipkin-legacy', 'openzipkin/zipkin:2.23', {}, 'unknown'],
  ['graylog', 'graylog/graylog:6.1', {}, percentOf2Gi(25)],
  ['graylog', 'graylog/graylog:6.1', { env: { GRAYLOG_SERVER_JAVA_OPTS: '-Xms1g -Xmx1g' } }, GiB],
  ['nacos', 'nacos/nacos-server:v2.5.1', {}, GiB],
  ['nacos', 'nacos/nacos-server:v2.5.1', { env: { JAVA_OPT: '-Xmx1500m' } }, GiB],
  ['nacos', 'nacos/nacos-server:v2.5.1', { env: { JVM_XMX: '1500m' } }, 1500n * MiB],
  ['camunda-wildfly', 'camunda/camunda-bpm-platform:wildfly-7.20.0', {}, 768n * MiB],
  ['camunda-run', 'camunda/camunda-bpm-platform:run-7.20.0', {}, percentOf2Gi(25)],
  ['camunda8', 'camunda/zeebe:8.5.0', {}, 'unknown'],
  ['metabase', 'metabase/metabase:v0.50.0', { env: { JAVA_OPTS: '-Xmx1g' } }, GiB],
  ['dependency-track', 'dependencytrack/apiserver:4.14.0', {}, percentOf2Gi(80)],
  ['dependency-track-legacy', 'dependencytrack/apiserver:4.11.0', {}, 'unknown'],
  ['dynamodb-local', 'amazon/dynamodb-local:2.5.2', { args: ['-jar', 'DynamoDBLocal.jar', '-inMemory'] }, percentOf2Gi(25)],
  ['dynamodb-local', 'amazon/dynamodb-local:2.5.2', { args: ['-Xmx512m', '-jar', 'DynamoDBLocal.jar', '-inMemory'] }, 512n * MiB],
];

describe('image catalogue: data', () => {
  it('has unique ids, compiles every name, and cites a source for the launch and the heap default', () => {
    const ids = new Set<string>();
    for (const r of IMAGE_TABLE) {
      assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
      ids.add(r.id);
      assert.ok(r.family.length > 2, r.id);
      assert.ok(ENTRY_GROUP.has(r.id), r.id);
      assert.ok(r.source.length > 15, `${r.id}: source`);
      assert.ok(r.heapDefault.source.length > 15, `${r.id}: heap default source`);
      assert.ok(r.names.length > 0 || r.recognizedBy || r.scriptHome, `${r.id}: found somehow`);
      for (const p of r.parts) {
        assert.ok(p.source && p.source.length > 10, `${r.id}: ${p.variable} has a source`);
      }
      if (r.notJvm) assert.ok(r.notJvm.source.length > 10, r.id);
    }
  });

  it('covers at least 40 families, each with a test case below', () => {
    const families = new Set(IMAGE_TABLE.map((r) => r.family.replace(/ \(.*$/, '').replace(/ [0-9].*$/, '')));
    assert.ok(families.size >= 40, `${families.size} families`);
    const tested = new Set(CASES.map((c) => c[0]));
    for (const r of IMAGE_TABLE) assert.ok(tested.has(r.id), `entry ${r.id} has no test case`);
  });

  it('compiles names: a registry pins the name, otherwise any registry or parent path', () => {
    assert.ok(compileNames(['docker.io/tomcat']).test('docker.io/tomcat'));
    assert.ok(!compileNames(['docker.io/tomcat']).test('docker.io/bitnami/tomcat'));
    assert.ok(compileNames(['tomcat']).test('docker.io/bitnami/tomcat'));
    assert.ok(compileNames(['confluentinc/cp-*']).test('docker.io/confluentinc/cp-kafka'));
    assert.ok(!compileNames(['confluentinc/cp-*']).test('docker.io/confluentinc/cp/kafka'));
    assert.ok(!compileNames([]).test(''));
  });

  it('finds a start script by its distinctive name, not generic ones', () => {
    assert.equal(lookupScript('zkServer.sh')?.id, 'zookeeper');
    assert.equal(lookupScript('zookeeper-server-start.sh')?.id, 'kafka-zookeeper-script');
    assert.equal(lookupScript('kafka-server-start')?.id, 'kafka');
    assert.equal(lookupScript('catalina.sh')?.id, 'tomcat');
    assert.equal(lookupScript('docker-entrypoint.sh'), null);
    assert.equal(lookupScript('run'), null);
  });

  it('chooses entries by tag: version ranges, suffixes and prefixes', () => {
    const id = (image: string) => lookupImage(image)?.row.id ?? null;
    assert.equal(id('quay.io/keycloak/keycloak:19.0.3-legacy'), 'keycloak-wildfly-legacy-tag');
    assert.equal(id('quay.io/keycloak/keycloak:19.0.3'), 'keycloak-legacy');
    assert.equal(id('camunda/camunda-bpm-platform:wildfly-7.20.0'), 'camunda-wildfly');
    assert.equal(id('camunda/camunda-bpm-platform:7.20.0'), 'camunda-run');
    assert.equal(id('apache/kafka:latest'), 'kafka-apache-image');
    assert.equal(id('sonatype/nexus3:latest'), 'nexus3-current');
  });
});

describe('image catalogue: each family on a Deployment', () => {
  for (const [family, image, launch, expected] of CASES) {
    const what = Object.keys(launch.env ?? {}).join(', ') || (launch.command ? 'command' : 'defaults');
    it(`${family}: ${image} (${what})`, () => {
      const a = analyse(image, launch);
      if (expected !== 'no jvm') {
        assert.ok(a, 'a JVM is detected');
        // The image's entry, or the entry of the start script the command runs.
        const ids = [a.launch.image?.row.id, ...a.launch.imageDefaults.map((d) => d.rowId)];
        assert.ok(ids.includes(family), `the catalogue entry: ${ids.join(', ')}`);
      }
      const h = heap(image, launch);
      if (typeof expected === 'function') assert.ok(expected(h), `heap ${String(h)}`);
      else assert.equal(h, expected);
    });
  }
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IMAGE_TABLE, cassandraHeapMb, elasticsearchHeapMb, lookupImage, parseImageRef, partOptions, tagVersion } from '../../../server/src/engine/jvm/images';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('parseImageRef', () => {
  it('normalises Docker Hub names and keeps registry, tag and digest apart', () => {
    assert.deepEqual(parseImageRef('tomcat:9-jdk17'), {
      registry: 'docker.io',
      path: 'tomcat',
      tag: '9-jdk17',
      digest: null,
      name: 'docker.io/tomcat',
    });
    assert.equal(parseImageRef('docker.io/library/kafka').name, 'docker.io/kafka');
    const r = parseImageRef('localhost:5000/team/app:1.2@sha256:abc');
    assert.equal(r.registry, 'localhost:5000');
    assert.equal(r.path, 'team/app');
    assert.equal(r.tag, '1.2');
    assert.equal(r.digest, 'sha256:abc');
  });
});

describe('tagVersion', () => {
  it('reads leading version numbers', () => {
    assert.deepEqual(tagVersion('7.17.3'), [7, 17, 3]);
    assert.deepEqual(tagVersion('26.0-jdk17'), [26, 0]);
    assert.equal(tagVersion('latest'), null);
    assert.equal(tagVersion(null), null);
  });
});

describe('lookupImage', () => {
  const id = (image: string) => lookupImage(image)?.row.id ?? null;
  it('finds application images by repository name on any registry', () => {
    assert.equal(id('tomcat:10.1'), 'tomcat');
    assert.equal(id('bitnami/tomcat:10'), 'bitnami-tomcat');
    assert.equal(id('apache/kafka:3.7.0'), 'kafka-apache-image');
    assert.equal(id('apache/kafka:3.6.1'), 'kafka');
    assert.equal(id('wurstmeister/kafka:2.13-2.8.1'), 'kafka');
    assert.equal(id('confluentinc/cp-kafka:7.6.0'), 'confluent-kafka');
    assert.equal(id('quay.io/strimzi/kafka:0.40.0-kafka-3.7.0'), 'strimzi-kafka');
    assert.equal(id('zookeeper:3.9'), 'zookeeper');
    assert.equal(id('solr:9'), 'solr');
    assert.equal(id('cassandra:4.1'), 'cassandra');
    assert.equal(id('jenkins/jenkins:lts-jdk17'), 'jenkins');
    assert.equal(id('sonarqube:10-community'), 'sonarqube');
    assert.equal(id('sonatype/nexus3:3.68.1'), 'nexus3');
    assert.equal(id('sonatype/nexus3:3.88.0'), 'nexus3-current');
    assert.equal(id('sonatype/nexus3'), 'nexus3-current');
    assert.equal(id('docker.elastic.co/logstash/logstash:8.13.0'), 'logstash');
  });

  it('chooses rows by the version in the tag', () => {
    assert.equal(id('docker.elastic.co/elasticsearch/elasticsearch:8.13.0'), 'elasticsearch');
    assert.equal(id('docker.elastic.co/elasticsearch/elasticsearch:7.11.0'), 'elasticsearch');
    assert.equal(id('docker.elastic.co/elasticsearch/elasticsearch:7.10.2'), 'elasticsearch-legacy');
    assert.equal(id('elasticsearch:6.8.23'), 'elasticsearch-legacy');
    assert.equal(id('elasticsearch'), 'elasticsearch');
    assert.equal(id('quay.io/keycloak/keycloak:26.0'), 'keycloak');
    assert.equal(id('quay.io/keycloak/keycloak:21.1.2'), 'keycloak-legacy');
    assert.equal(id('quay.io/keycloak/keycloak:latest'), 'keycloak');
  });

  it('knows plain JDK images, OpenJ9, distroless and UBI OpenJDK', () => {
    assert.equal(id('eclipse-temurin:21-jre'), 'jdk');
    assert.equal(id('amazoncorretto:17'), 'jdk');
    assert.equal(id('azul/zulu-openjdk:17'), 'jdk');
    assert.equal(id('bellsoft/liberica-openjdk-alpine:17'), 'jdk');
    assert.equal(id('mcr.microsoft.com/openjdk/jdk:17-ubuntu'), 'jdk');
    assert.equal(id('ibm-semeru-runtimes:open-17-jre'), 'openj9');
    assert.equal(lookupImage('ibm-semeru-runtimes:open-17-jre')?.row.vm, 'openj9');
    assert.equal(id('gcr.io/distroless/java17-debian12'), 'distroless-java');
    assert.equal(id('registry.access.redhat.com/ubi9/openjdk-21:1.18'), 'ubi-openjdk');
  });

  it('returns null for images not known to run a JVM', () => {
    assert.equal(id('nginx:1.25'), null);
    assert.equal(id('mycorp/orders-service:1.4.2'), null);
    assert.equal(lookupImage(null), null);
  });

  it('cites a source on every row', () => {
    for (const row of IMAGE_TABLE) assert.ok(row.source.length > 10 && row.heapDefault.source.length > 10, row.id);
  });
});

describe('start script heap defaults', () => {
  it('puts Kafka\'s 1G heap and Nexus\'s 2703m in the script defaults', () => {
    const kafka = lookupImage('apache/kafka:3.7.0')!.row;
    assert.equal(kafka.parts[0].variable, 'KAFKA_HEAP_OPTS');
    assert.equal(partOptions(kafka.parts[0], null), '-Xmx1G -Xms1G');
    assert.equal(partOptions(kafka.parts[0], '-Xmx2g'), '-Xmx2g');
    const nexus = lookupImage('sonatype/nexus3:3.68.1')!.row;
    assert.match(partOptions(nexus.parts[0], null)!, /-Xmx2703m/);
  });

  it('turns size variables into options with their template', () => {
    const zk = lookupImage('zookeeper:3.9')!.row;
    assert.equal(partOptions(zk.parts[0], '2048'), '-Xmx2048m');
    assert.equal(partOptions(zk.parts[0], null), '-Xmx1000m');
    const solr = lookupImage('solr:9')!.row;
    const heap = solr.parts.find((p) => p.variable === 'SOLR_HEAP')!;
    assert.equal(partOptions(heap, '2g'), '-Xms2g -Xmx2g');
    assert.equal(partOptions(heap, null), '-Xms512m -Xmx512m');
  });

  it('computes Elasticsearch data-node heaps (MachineDependentHeap)', () => {
    assert.equal(elasticsearchHeapMb(2 * GiB), 1024);
    assert.equal(elasticsearchHeapMb(512 * MiB), 204); // 40 % of 512 MiB
    assert.equal(elasticsearchHeapMb(256 * MiB), 128); // floor of 128 MB
    assert.equal(elasticsearchHeapMb(128 * GiB), 31 * 1024); // capped at 31 GB
  });

  it('computes Cassandra heaps (calculate_heap_sizes)', () => {
    assert.equal(cassandraHeapMb(1024), 512); // ½ of 1 GB
    assert.equal(cassandraHeapMb(2048), 1024);
    assert.equal(cassandraHeapMb(16384), 4096); // ¼ wins above 4 GB
    assert.equal(cassandraHeapMb(65536), 8192); // ¼ capped at 8 GB
  });
});

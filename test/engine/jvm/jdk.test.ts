import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jdkFromImage, legacyJdkStatus } from '../../../server/src/engine/jvm/jdk';

describe('jdkFromImage', () => {
  const cases: Array<[string, number | null, number | null, string, boolean, boolean]> = [
    // image, major, update, vendor, openj9, floating
    ['eclipse-temurin:17-jre', 17, null, 'Eclipse Temurin', false, true],
    ['eclipse-temurin:21.0.2_13-jre', 21, 2, 'Eclipse Temurin', false, false],
    ['eclipse-temurin:8u402-b06-jre', 8, 402, 'Eclipse Temurin', false, false],
    ['openjdk:8u151-jdk-alpine', 8, 151, 'OpenJDK (Docker official, deprecated)', false, false],
    ['openjdk:11.0.15-jre', 11, 15, 'OpenJDK (Docker official, deprecated)', false, false],
    ['openjdk:17-jdk-slim', 17, null, 'OpenJDK (Docker official, deprecated)', false, true],
    ['amazoncorretto:11', 11, null, 'Amazon Corretto', false, true],
    ['azul/zulu-openjdk:21', 21, null, 'Azul Zulu', false, true],
    ['bellsoft/liberica-openjdk-alpine:17', 17, null, 'BellSoft Liberica', false, true],
    ['ibm-semeru-runtimes:open-17-jre', 17, null, 'IBM Semeru Runtime', true, true],
    ['registry.access.redhat.com/ubi8/openjdk-17', 17, null, 'Red Hat UBI OpenJDK', false, true],
    ['registry.access.redhat.com/ubi8/openjdk-17:1.18', 17, null, 'Red Hat UBI OpenJDK', false, true],
    ['gcr.io/distroless/java17-debian12', 17, null, 'Google distroless', false, true],
    ['gcr.io/distroless/java:11', 11, null, 'Google distroless', false, true],
    ['adoptopenjdk/openjdk11-openj9', 11, null, 'AdoptOpenJDK (OpenJ9)', true, true],
    ['adoptopenjdk/openjdk8:jdk8u292-b10', 8, 292, 'AdoptOpenJDK', false, false],
    ['adoptopenjdk:11-jre-hotspot', 11, null, 'AdoptOpenJDK', false, true],
    ['maven:3.9-eclipse-temurin-21', 21, null, 'Eclipse Temurin', false, true],
    ['maven:3-jdk-8', 8, null, 'OpenJDK', false, true],
    ['maven:3.9-ibm-semeru-17-focal', 17, null, 'IBM Semeru Runtime', true, true],
    ['tomcat:9-jdk11', 11, null, 'OpenJDK', false, true],
    ['tomcat:10.0.27-jdk17-temurin', 17, null, 'Eclipse Temurin', false, true],
    ['tomcat:9.0-jre8-openjdk', 8, null, 'OpenJDK', false, true],
    ['gradle:8-jdk17', 17, null, 'OpenJDK', false, true],
    ['mcr.microsoft.com/openjdk/jdk:17-ubuntu', 17, null, 'Microsoft Build of OpenJDK', false, true],
    ['sapmachine:21', 21, null, 'SapMachine', false, true],
    ['localhost:5000/openjdk:11', 11, null, 'OpenJDK', false, true],
    ['openjdk:17@sha256:0123abcd', 17, null, 'OpenJDK (Docker official, deprecated)', false, false],
    ['openjdk', null, null, 'OpenJDK (Docker official, deprecated)', false, true],
    ['nginx:1.25', null, null, 'unknown', false, true],
  ];
  for (const [image, major, update, vendor, openj9, floating] of cases) {
    it(`reads \`${image}\``, () => {
      const j = jdkFromImage(image);
      assert.deepEqual({ major: j.major, update: j.update, vendor: j.vendor, openj9: j.openj9, floating: j.floating }, { major, update, vendor, openj9, floating });
    });
  }

  it('says where the version came from', () => {
    assert.equal(jdkFromImage('eclipse-temurin:17-jre').source, 'tag `17-jre`');
    assert.equal(jdkFromImage('gcr.io/distroless/java17-debian12').source, 'repository `gcr.io/distroless/java17-debian12`');
    assert.equal(jdkFromImage('nginx').source, 'none');
  });

  it('does not read an application version as a Java version', () => {
    assert.equal(jdkFromImage('tomcat:10.0.27').major, null);
    assert.equal(jdkFromImage('maven:3.0.5').major, null);
  });
});

describe('legacyJdkStatus (REFERENCE §6.2)', () => {
  const rows: Array<[number | null, number | null, boolean | null, boolean | null]> = [
    [8, 151, false, false], [8, 190, false, false], [8, 191, true, false], [8, 371, true, false], [8, 372, true, true],
    [8, null, null, null], [9, null, false, false], [10, null, true, false], [11, 0, true, false], [11, 15, true, false],
    [11, 16, true, true], [11, null, true, null], [12, null, true, false], [14, 2, true, false], [15, null, true, true],
    [17, null, true, true], [21, 2, true, true], [null, null, null, null], [7, null, false, false],
  ];
  for (const [major, update, v1, v2] of rows) {
    it(`JDK ${major ?? '?'}${update === null ? '' : ` update ${update}`}: cgroup v1 ${v1}, v2 ${v2}`, () => {
      const st = legacyJdkStatus({ major, update, openj9: false });
      assert.equal(st.honoursV1, v1);
      assert.equal(st.honoursV2, v2);
      assert.ok(st.reason.length > 0);
    });
  }

  it('says "unknown build" for a floating tag instead of guessing', () => {
    const st = legacyJdkStatus(jdkFromImage('openjdk:11-jre'));
    assert.equal(st.honoursV2, null);
    assert.match(st.reason, /unknown build/);
    assert.match(st.reason, /11\.0\.16/);
  });

  it('does not model OpenJ9', () => {
    const st = legacyJdkStatus(jdkFromImage('ibm-semeru-runtimes:open-17-jre'));
    assert.equal(st.honoursV1, null);
    assert.match(st.reason, /OpenJ9/);
  });
});

describe('the deprecated Docker Hub `java` image', () => {
  it('reads the JDK major from its tags', () => {
    for (const [image, major, update] of [
      ['java:8', 8, null],
      ['java:8-jdk-alpine', 8, null],
      ['java:openjdk-8-jre', 8, null],
      ['docker.io/library/java:8-jre', 8, null],
      ['java:8u111-jdk', 8, 111],
      ['java:7', 7, null],
      ['java:7-jre', 7, null],
    ] as const) {
      const j = jdkFromImage(image);
      assert.deepEqual([j.major, j.update], [major, update], image);
      assert.equal(j.frozenSince, '2016-12-31', image);
    }
    // Only the official repository: `someone/java` says nothing about its JDK.
    assert.equal(jdkFromImage('someone/java:8').major, null);
    assert.equal(jdkFromImage('bitnami/java:17').frozenSince, undefined);
  });

  it('knows every JDK 8 build in it predates 8u191, so it ignores the container limit', () => {
    const s = legacyJdkStatus(jdkFromImage('java:8-jdk-alpine'));
    assert.deepEqual([s.honoursV1, s.honoursV2], [false, false]);
    assert.match(s.reason, /2016-12-31/);
    assert.equal(legacyJdkStatus(jdkFromImage('java:7')).honoursV1, false);
    // A floating tag of a maintained repository stays "unknown build".
    assert.equal(legacyJdkStatus(jdkFromImage('openjdk:8-jre')).honoursV1, null);
  });
});

// Application servers and the products built on them: Tomcat (official, Bitnami) with GeoServer and Alfresco,
// Jetty, WildFly, Keycloak (by version), Jenkins, SonarQube, Nexus (by version), Atlassian. Sources: research notes
// images-b1 (each entry cites the files read there).
import type { CatalogueEntry, ScriptPart } from './schema';

const CATALINA =
  'apache/tomcat bin/catalina.sh @11.0.25, 10.1.44, 9.0.108, 8.5.100 (run: eval exec java $CATALINA_LOGGING_CONFIG $LOGGING_MANAGER $JAVA_OPTS $CATALINA_OPTS … Bootstrap start)';
const TOMCAT_PARTS: ScriptPart[] = [
  { variable: 'JAVA_OPTS', source: CATALINA },
  { variable: 'CATALINA_OPTS', source: `${CATALINA} (after JAVA_OPTS: its -Xmx wins)` },
];

const STANDALONE_CONF =
  'wildfly/wildfly-core core-feature-pack/common/src/main/resources/content/bin/standalone.conf @16.0.0.Final, 26.0.1.Final, 27.0.0.Final (JBOSS_JAVA_SIZING="-Xms64m -Xmx512m …" used only when JAVA_OPTS is unset)';
const STANDALONE_SH = 'wildfly/wildfly-core …/bin/standalone.sh @d5f32d19 ($PREPEND_JAVA_OPTS $JAVA_OPTS … -jar jboss-modules.jar)';

const KC_SH_24 =
  'keycloak/keycloak quarkus/dist/src/main/content/bin/kc.sh (JAVA_OPTS_KC_HEAP, applied only when JAVA_OPTS is unset; PR #26661, Keycloak 24)';

const NEXUS_DOCKERFILE = 'sonatype/docker-nexus3 Dockerfile (ENV INSTALL4J_ADD_VM_PARAMS; CMD ["/opt/sonatype/nexus/bin/nexus", "run"])';

const ATLASSIAN_UNKNOWN = (product: string, defaults: string, source: string) => ({
  kind: 'unknown' as const,
  note: `${product} sizes the heap in bin/setenv.sh from JVM_MINIMUM_MEMORY/JVM_MAXIMUM_MEMORY; the image README and the Helm chart document ${defaults} when they are unset, but the product's setenv.sh for current versions could not be read`,
  overriddenBy: ['JVM_MAXIMUM_MEMORY'],
  source,
});

const KEYCLOAK_WILDFLY: CatalogueEntry = {
  id: 'keycloak-wildfly',
  family: 'Keycloak on WildFly',
  names: [],
  vm: 'hotspot',
  entrypoint: 'script',
  scripts: ['docker-entrypoint.sh', 'standalone.sh'],
  parts: [
    {
      variable: 'JAVA_OPTS',
      default: '-Xms64m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -Djava.net.preferIPv4Stack=true',
      source: 'WildFly standalone.conf (JAVA_OPTS default); MetaCell/cloud-harness#239 log of Keycloak 11.0.2',
    },
    { variable: 'JAVA_OPTS_APPEND', source: 'jboss-dockerfiles/keycloak server/tools/docker-entrypoint.sh @aa2e5515 (image 12.0.0+, commit f026a56)' },
  ],
  heapDefault: {
    kind: 'script-options',
    variable: 'JAVA_OPTS',
    description: "WildFly's standalone.conf sets `JAVA_OPTS=\"-Xms64m -Xmx512m …\"` when it is unset",
    source: 'WildFly standalone.conf; jboss-dockerfiles/keycloak server/Dockerfile @aa2e5515',
  },
  source: 'jboss-dockerfiles/keycloak server/Dockerfile, server/tools/docker-entrypoint.sh @aa2e5515 (KEYCLOAK_VERSION 14.0.0)',
};

export const APP_SERVERS: CatalogueEntry[] = [
  {
    id: 'bitnami-tomcat',
    family: 'Tomcat (Bitnami)',
    names: ['bitnami/tomcat', 'bitnamilegacy/tomcat'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run.sh', 'catalina.sh'],
    parts: [
      { variable: 'JAVA_OPTS', source: 'bitnami/containers bitnami/tomcat/10.1/…/bitnami-templates/setenv.sh.tpl @0cc3609b (rendered at build time)' },
      { variable: 'TOMCAT_EXTRA_JAVA_OPTS', source: 'bitnami/containers bitnami/tomcat/11.0/…/libtomcat.sh @973c8632 (tomcat_initialize)' },
      { variable: 'CATALINA_OPTS', source: CATALINA },
    ],
    heapDefault: { kind: 'jvm', source: 'bitnami/containers bitnami/tomcat/11.0/debian-12/rootfs/opt/bitnami/scripts/tomcat-env.sh @f92345f3 (JAVA_OPTS default without -Xmx)' },
    source: 'bitnami/containers bitnami/tomcat/8.5/…/tomcat/run.sh @0c0f0e42 (exec catalina.sh run)',
    unconfirmed: ['a runtime JAVA_OPTS may be overwritten by the setenv.sh rendered at build time (bitnami/containers issue #67880)'],
  },
  {
    id: 'geoserver',
    family: 'GeoServer (official, 2.21+)',
    names: ['docker.osgeo.org/geoserver'],
    tags: { min: [2, 21] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['startup.sh', 'catalina.sh'],
    parts: [
      { variable: 'JAVA_OPTS', source: CATALINA },
      {
        // The image's CATALINA_OPTS text holds $EXTRA_JAVA_OPTS (expanded by catalina.sh's eval): a user CATALINA_OPTS drops it.
        variable: 'EXTRA_JAVA_OPTS',
        default: '-Xms256m -Xmx1g',
        skipWhenSet: ['CATALINA_OPTS'],
        source: 'geoserver/docker Dockerfile @9602a9e2 (ENV EXTRA_JAVA_OPTS="-Xms256m -Xmx1g"; ENV CATALINA_OPTS="$EXTRA_JAVA_OPTS …")',
      },
      { variable: 'CATALINA_OPTS', source: CATALINA },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'EXTRA_JAVA_OPTS',
      description: 'the image\'s CATALINA_OPTS holds `$EXTRA_JAVA_OPTS`, default `-Xms256m -Xmx1g` (setting CATALINA_OPTS drops it)',
      source: 'geoserver/docker Dockerfile @9602a9e2',
    },
    source: 'geoserver/docker Dockerfile @9602a9e2 (ENTRYPOINT bash /opt/startup.sh → catalina.sh run)',
  },
  {
    id: 'geoserver-memory',
    family: 'GeoServer (kartoza; official before 2.21)',
    names: ['kartoza/geoserver', 'docker.osgeo.org/geoserver'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['entrypoint.sh', 'startup.sh', 'catalina.sh'],
    parts: [
      { variable: 'JAVA_OPTS', source: 'kartoza/docker-geoserver scripts/entrypoint.sh @35dfd2dd (user JAVA_OPTS before the image\'s -Xmx: it loses)' },
      { variable: 'INITIAL_MEMORY', template: '-Xms{}', default: '-Xms2G', source: 'kartoza/docker-geoserver scripts/env-data.sh @35dfd2dd (INITIAL_MEMORY default 2G)' },
      { variable: 'MAXIMUM_MEMORY', template: '-Xmx{}', default: '-Xmx4G', source: 'kartoza/docker-geoserver scripts/env-data.sh @35dfd2dd (MAXIMUM_MEMORY default 4G)' },
      { variable: 'ADDITIONAL_JAVA_STARTUP_OPTIONS', source: 'kartoza/docker-geoserver scripts/entrypoint.sh @35dfd2dd' },
      { variable: 'CATALINA_OPTS', source: CATALINA },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'MAXIMUM_MEMORY',
      description: 'the start script adds `-Xms${INITIAL_MEMORY} -Xmx${MAXIMUM_MEMORY}`, default `-Xms2G -Xmx4G`',
      source: 'kartoza/docker-geoserver scripts/env-data.sh and entrypoint.sh @35dfd2dd (same at v2.22.0, v2.23.0)',
    },
    source: 'kartoza/docker-geoserver Dockerfile @35dfd2dd (ENTRYPOINT ["/bin/bash", "/scripts/entrypoint.sh"] → catalina.sh run)',
    unconfirmed: ['the first official tag with each scheme; the boundary is placed at GeoServer 2.21'],
  },
  {
    id: 'alfresco',
    family: 'Alfresco Content Repository and Share (Tomcat)',
    names: ['alfresco/alfresco-content-repository-community', 'alfresco/alfresco-content-repository', 'alfresco/alfresco-share'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['catalina.sh', 'substituter.sh'],
    parts: TOMCAT_PARTS,
    heapDefault: {
      kind: 'jvm',
      source: 'Alfresco/alfresco-community-repo packaging/docker-alfresco/Dockerfile @72635d6c; Alfresco/alfresco-docker-base-tomcat Dockerfile @5fd740d5 (no heap option)',
    },
    source: 'Alfresco/alfresco-docker-base-tomcat Dockerfile @5fd740d5 (CMD ["catalina.sh", "run", "-security"])',
  },
  {
    id: 'tomcat',
    family: 'Tomcat (official image, catalina.sh)',
    names: ['tomcat'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['catalina.sh', 'startup.sh'],
    scriptHome: true,
    parts: TOMCAT_PARTS,
    configFiles: [{ path: '/usr/local/tomcat/bin/setenv.sh', note: 'sourced by catalina.sh when present; the official image ships none', source: CATALINA }],
    heapDefault: { kind: 'jvm', source: 'docker-library/tomcat 11.0/jdk21/temurin-noble/Dockerfile @40f27d56 (no heap option)' },
    source: `${CATALINA}; docker-library/tomcat CMD ["catalina.sh", "run"]`,
  },
  {
    id: 'jetty',
    family: 'Jetty (official image)',
    names: ['docker.io/jetty'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['docker-entrypoint.sh', 'generate-jetty-start.sh'],
    parts: [{ variable: 'JAVA_OPTIONS', source: 'jetty/jetty.docker eclipse-temurin/12.1/jdk25/{docker-entrypoint.sh,generate-jetty-start.sh} @c6c5ebec' }],
    heapDefault: { kind: 'jvm', source: 'jetty/jetty.docker eclipse-temurin/12.1/jdk25/Dockerfile @c6c5ebec (default modules set no -Xmx)' },
    source: 'jetty/jetty.docker eclipse-temurin/12.1/jdk25/{Dockerfile,docker-entrypoint.sh} @c6c5ebec (CMD ["java","-jar","/usr/local/jetty/start.jar"])',
    note: 'A jetty.start generated at build time keeps the JAVA_OPTIONS of that time.',
  },
  {
    id: 'wildfly',
    family: 'WildFly 24+',
    names: ['wildfly/wildfly', 'jboss/wildfly'],
    tags: { min: [24] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['standalone.sh', 'domain.sh'],
    scriptHome: true,
    parts: [
      { variable: 'PREPEND_JAVA_OPTS', source: STANDALONE_SH },
      { variable: 'JBOSS_JAVA_SIZING', default: '-Xms64m -Xmx512m', skipWhenSet: ['JAVA_OPTS'], source: STANDALONE_CONF },
      { variable: 'JAVA_OPTS', source: STANDALONE_SH },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JBOSS_JAVA_SIZING',
      description: 'standalone.conf sets `-Xms64m -Xmx512m` (JBOSS_JAVA_SIZING) unless JAVA_OPTS is set',
      source: `${STANDALONE_CONF}; wildfly-core commit cc9b610a57 (WFCORE-2925)`,
    },
    source: `${STANDALONE_SH}; wildfly/wildfly-container Dockerfile @e522a152 (CMD standalone.sh -b 0.0.0.0)`,
    note: 'No container-aware sizing in the WildFly scripts; JAVA_OPTS_APPEND is read only by the OpenShift/s2i images.',
  },
  {
    id: 'wildfly-legacy',
    family: 'WildFly 10–23',
    names: ['wildfly/wildfly', 'jboss/wildfly'],
    tags: { below: [24] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['standalone.sh', 'domain.sh'],
    parts: [
      { variable: 'PREPEND_JAVA_OPTS', source: STANDALONE_SH },
      {
        variable: 'JAVA_OPTS',
        default: '-Xms64m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true',
        source: 'wildfly/wildfly-core …/bin/standalone.conf @15.0.0.Final (JAVA_OPTS default when unset)',
      },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JAVA_OPTS',
      description: 'standalone.conf sets `JAVA_OPTS="-Xms64m -Xmx512m …"` when it is unset',
      source: 'wildfly/wildfly-core …/bin/standalone.conf @15.0.0.Final',
    },
    source: STANDALONE_SH,
  },
  { ...KEYCLOAK_WILDFLY, id: 'keycloak-wildfly', family: 'Keycloak on WildFly (jboss/keycloak)', names: ['jboss/keycloak'] },
  { ...KEYCLOAK_WILDFLY, id: 'keycloak-wildfly-legacy-tag', family: 'Keycloak on WildFly (-legacy tags)', names: ['keycloak/keycloak'], tagMatches: /-legacy$/ },
  { ...KEYCLOAK_WILDFLY, id: 'keycloak-wildfly-16', family: 'Keycloak on WildFly (< 17)', names: ['keycloak/keycloak'], tags: { below: [17] } },
  {
    id: 'keycloak',
    family: 'Keycloak 24+ (kc.sh)',
    names: ['keycloak/keycloak'],
    tags: { min: [24] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['kc.sh'],
    scriptHome: true,
    parts: [
      { variable: 'JAVA_OPTS', source: KC_SH_24 },
      {
        variable: 'JAVA_OPTS_KC_HEAP',
        default: '-XX:MaxRAMPercentage=70 -XX:MinRAMPercentage=70 -XX:InitialRAMPercentage=50',
        skipWhenSet: ['JAVA_OPTS'],
        source: `${KC_SH_24}; keycloak.org "Running Keycloak in a container" (MaxRAMPercentage=70, InitialRAMPercentage=50)`,
      },
      { variable: 'JAVA_OPTS_APPEND', source: `${KC_SH_24} (appended last)` },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JAVA_OPTS_KC_HEAP',
      description:
        'kc.sh in the container (KC_RUN_IN_CONTAINER=true) sets `-XX:MaxRAMPercentage=70 -XX:MinRAMPercentage=70 -XX:InitialRAMPercentage=50` unless JAVA_OPTS or JAVA_OPTS_KC_HEAP is set',
      source: `${KC_SH_24}; keycloak.org "Running Keycloak in a container"`,
    },
    source: KC_SH_24,
    note: 'Without --optimized, kc.sh first runs a build JVM with the same options; the two run one after the other.',
  },
  {
    id: 'keycloak-legacy',
    family: 'Keycloak 17–23 (kc.sh)',
    names: ['keycloak/keycloak'],
    tags: { min: [17], below: [24] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['kc.sh'],
    parts: [
      {
        variable: 'JAVA_OPTS',
        default: '-Xms64m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m',
        source: 'keycloak/keycloak quarkus/dist/src/main/content/bin/kc.sh @cdb6e353 (≈23), @014f6c38 (≈21–22); pedroigor/keycloak kc.sh @d36aafa8 (≈17–18)',
      },
      { variable: 'JAVA_OPTS_APPEND', source: 'keycloak/keycloak quarkus/dist/src/main/content/bin/kc.sh @cdb6e353' },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JAVA_OPTS',
      description: 'kc.sh 17–23 sets `JAVA_OPTS="-Xms64m -Xmx512m …"` when JAVA_OPTS is unset',
      source: 'keycloak/keycloak quarkus/dist/src/main/content/bin/kc.sh @cdb6e353, @014f6c38',
    },
    source: 'keycloak/keycloak quarkus/dist/src/main/content/bin/kc.sh @cdb6e353',
  },
  {
    id: 'jenkins',
    family: 'Jenkins',
    names: ['jenkins/jenkins', 'docker.io/jenkins'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['jenkins.sh'],
    // jenkins.sh: effective_java_opts="$JAVA_OPTS $JENKINS_JAVA_OPTS"; exec java -Duser.home=… "${java_opts_array[@]}" -jar …
    parts: [
      { variable: 'JAVA_OPTS', source: 'jenkinsci/docker jenkins.sh (-Duser.home, $JAVA_OPTS, $JENKINS_JAVA_OPTS)' },
      { variable: 'JENKINS_JAVA_OPTS', source: 'jenkinsci/docker jenkins.sh (since PR #1291, 2022-02-23)' },
    ],
    heapDefault: { kind: 'jvm', source: 'jenkinsci/docker Dockerfiles (debian, alpine, rhel: no JAVA_OPTS/JAVA_TOOL_OPTIONS ENV)' },
    source: 'jenkinsci/docker jenkins.sh; ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/jenkins.sh"]',
    note: 'JENKINS_OPTS are Jenkins arguments, not JVM options. JDK 21 since 2.504.2/2.509, 17 since 2.414.3/2.426, 11 from mid-2021, 8 before.',
  },
  {
    id: 'sonarqube',
    family: 'SonarQube (four JVMs)',
    names: ['sonarqube'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['entrypoint.sh', 'run.sh', 'sonar.sh'],
    parts: [],
    readsForOtherJvms: ['SONAR_WEB_JAVAOPTS', 'SONAR_CE_JAVAOPTS', 'SONAR_SEARCH_JAVAOPTS', 'SONAR_WEB_JAVAADDITIONALOPTS', 'SONAR_CE_JAVAADDITIONALOPTS', 'SONAR_SEARCH_JAVAADDITIONALOPTS'],
    otherJvms: [
      {
        name: 'web',
        variables: ['SONAR_WEB_JAVAOPTS', 'SONAR_WEB_JAVAADDITIONALOPTS'],
        default: '-Xmx512m -Xms128m -XX:+HeapDumpOnOutOfMemoryError',
        source: 'SonarSource/sonarqube server/sonar-process/src/main/java/org/sonar/process/ProcessProperties.java @02d3ddad (sonar.web.javaOpts)',
      },
      {
        name: 'compute engine',
        variables: ['SONAR_CE_JAVAOPTS', 'SONAR_CE_JAVAADDITIONALOPTS'],
        default: '-Xmx512m -Xms128m -XX:+HeapDumpOnOutOfMemoryError',
        source: 'SonarSource/sonarqube …/ProcessProperties.java @02d3ddad (sonar.ce.javaOpts)',
      },
      {
        name: 'search (Elasticsearch)',
        variables: ['SONAR_SEARCH_JAVAOPTS', 'SONAR_SEARCH_JAVAADDITIONALOPTS'],
        default: '-Xmx512m -Xms512m -XX:MaxDirectMemorySize=256m -XX:+HeapDumpOnOutOfMemoryError',
        source: 'SonarSource/sonarqube …/ProcessProperties.java @02d3ddad (sonar.search.javaOpts); EsJvmOptions.java @0611f1bd',
      },
    ],
    heapDefault: {
      kind: 'unknown',
      note:
        'SonarQube starts four JVMs in one container: the main one (JVM defaults, only JAVA_TOOL_OPTIONS reaches it) and web, compute engine and search, each sized by its own SONAR_*_JAVAOPTS (defaults -Xmx512m, -Xmx512m and -Xmx512m + 256m direct); only the main one is modelled here',
      source: 'SonarSource/sonarqube …/ProcessProperties.java @02d3ddad; …/CommandFactoryImpl.java @bbe0a080 (JAVA_TOOL_OPTIONS removed from the children)',
    },
    source: 'SonarSource/docker-sonarqube commercial-editions/*/Dockerfile and entrypoint.sh @df5a6ae2 (java -jar lib/sonarqube.jar)',
  },
  {
    id: 'nexus3',
    family: 'Nexus Repository 3.24–3.87',
    names: ['sonatype/nexus3'],
    tags: { min: [3, 24], below: [3, 88] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['nexus', 'start-nexus-repository-manager.sh'],
    parts: [
      {
        variable: 'INSTALL4J_ADD_VM_PARAMS',
        default: '-Xms2703m -Xmx2703m -XX:MaxDirectMemorySize=2703m',
        source: `${NEXUS_DOCKERFILE} @3.24.0 … 3.78.1; PR #122 "Update heap defaults" (2703m, first in 3.24.0)`,
      },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'INSTALL4J_ADD_VM_PARAMS',
      description: 'the image sets `INSTALL4J_ADD_VM_PARAMS="-Xms2703m -Xmx2703m -XX:MaxDirectMemorySize=2703m …"`; a value in the manifest replaces it',
      source: `${NEXUS_DOCKERFILE}; PR #122`,
    },
    source: NEXUS_DOCKERFILE,
    note: 'The January 2026 point releases 3.84.2, 3.85.1, 3.86.3 and 3.87.2 no longer set the heap either.',
  },
  {
    id: 'nexus3-1200m',
    family: 'Nexus Repository 3.3–3.23',
    names: ['sonatype/nexus3'],
    tags: { min: [3, 3], below: [3, 24] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['nexus'],
    parts: [
      {
        variable: 'INSTALL4J_ADD_VM_PARAMS',
        default: '-Xms1200m -Xmx1200m -XX:MaxDirectMemorySize=2g',
        source: `${NEXUS_DOCKERFILE} @3.5.2 … 3.23 (PR #76: MaxDirectMemorySize=2g; PR #72: INSTALL4J_ADD_VM_PARAMS, 3.3.0)`,
      },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'INSTALL4J_ADD_VM_PARAMS',
      description: 'the image sets `INSTALL4J_ADD_VM_PARAMS="-Xms1200m -Xmx1200m …"`',
      source: `${NEXUS_DOCKERFILE} @3.5.2 … 3.23`,
    },
    source: NEXUS_DOCKERFILE,
  },
  {
    id: 'nexus3-current',
    family: 'Nexus Repository 3.88+',
    names: ['sonatype/nexus3'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['nexus'],
    parts: [{ variable: 'INSTALL4J_ADD_VM_PARAMS', source: 'sonatype/docker-nexus3 README.md @HEAD (defaults to -Djava.util.prefs.userRoot=…)' }],
    heapDefault: {
      kind: 'unknown',
      note: 'the image passes no heap option since 3.88.0; the heap comes from the distribution\'s bin/nexus.vmoptions, which is not public',
      userHeapWins: true,
      source: 'sonatype/docker-nexus3 commit 0ed1497 "NEXUS-46878: updated dockerfiles removing java opts" (release 3.88.0-08)',
    },
    source: NEXUS_DOCKERFILE,
  },
  {
    id: 'atlassian-jira',
    family: 'Jira (Atlassian)',
    names: ['atlassian/jira-software', 'atlassian/jira-core', 'atlassian/jira-servicemanagement', 'atlassian/jira-servicedesk'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['entrypoint.py', 'start-jira.sh'],
    // setenv.sh: -Xms/-Xmx, code cache, then JAVA_OPTS (a user -Xmx there wins), JVM_SUPPORT_RECOMMENDED_ARGS, CATALINA_OPTS.
    parts: [
      { variable: 'JVM_MINIMUM_MEMORY', template: '-Xms{}', source: 'atlassian-arm/docker-atlassian-jira README.md @39a005e6 (JVM_MINIMUM_MEMORY)' },
      { variable: 'JVM_MAXIMUM_MEMORY', template: '-Xmx{}', source: 'atlassian-arm/docker-atlassian-jira README.md @39a005e6 (JVM_MAXIMUM_MEMORY)' },
      { variable: 'JVM_RESERVED_CODE_CACHE_SIZE', template: '-XX:ReservedCodeCacheSize={}', source: 'atlassian-arm/docker-atlassian-jira README.md @39a005e6' },
      { variable: 'JAVA_OPTS', source: 'Jira bin/setenv.sh (JAVA_OPTS after the memory options; research images-b1 §9a)' },
      { variable: 'JVM_SUPPORT_RECOMMENDED_ARGS', source: 'atlassian-arm/docker-atlassian-jira entrypoint.py @39a005e6' },
      { variable: 'CATALINA_OPTS', source: CATALINA },
    ],
    heapDefault: ATLASSIAN_UNKNOWN('Jira', '-Xms384m -Xmx768m', 'atlassian-arm/docker-atlassian-jira README.md @39a005e6; atlassian/data-center-helm-charts src/main/charts/jira/values.yaml @4e277475'),
    source: 'atlassian-arm/docker-atlassian-jira Dockerfile, entrypoint.py @39a005e6 (start-jira.sh -fg → catalina.sh run)',
  },
  {
    id: 'atlassian-confluence',
    family: 'Confluence (Atlassian)',
    names: ['atlassian/confluence', 'atlassian/confluence-server'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['entrypoint.py', 'start-confluence.sh'],
    // catalina.sh: $JAVA_OPTS, then CATALINA_OPTS = setenv's code cache and -Xms/-Xmx, the user's CATALINA_OPTS, and
    // JVM_SUPPORT_RECOMMENDED_ARGS appended last by the image.
    parts: [
      { variable: 'JAVA_OPTS', source: CATALINA },
      { variable: 'JVM_RESERVED_CODE_CACHE_SIZE', template: '-XX:ReservedCodeCacheSize={}', source: 'atlassian-arm/docker-atlassian-confluence-server README.md @cda8d933' },
      { variable: 'JVM_MINIMUM_MEMORY', template: '-Xms{}', source: 'atlassian-arm/docker-atlassian-confluence-server README.md @cda8d933' },
      { variable: 'JVM_MAXIMUM_MEMORY', template: '-Xmx{}', source: 'atlassian-arm/docker-atlassian-confluence-server README.md @cda8d933' },
      { variable: 'CATALINA_OPTS', source: 'Confluence bin/setenv.sh (the user\'s CATALINA_OPTS after the memory options; research images-b1 §9b)' },
      { variable: 'JVM_SUPPORT_RECOMMENDED_ARGS', source: 'atlassian-arm/docker-atlassian-confluence-server entrypoint.py @cda8d933 (appended last)' },
    ],
    heapDefault: ATLASSIAN_UNKNOWN(
      'Confluence',
      '-Xms1024m -Xmx1024m',
      'atlassian-arm/docker-atlassian-confluence-server README.md @cda8d933; atlassian/data-center-helm-charts src/main/charts/confluence/values.yaml @4e277475',
    ),
    source: 'atlassian-arm/docker-atlassian-confluence-server Dockerfile, entrypoint.py @cda8d933 (start-confluence.sh -fg → catalina.sh run)',
    note: 'Managed Synchrony is a second JVM (-Xmx2g by default) that Confluence may start in the same container.',
  },
  {
    id: 'atlassian-bitbucket',
    family: 'Bitbucket (Atlassian)',
    names: ['atlassian/bitbucket', 'atlassian/bitbucket-server'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['entrypoint.py', '_exec-webapp.sh'],
    parts: [
      { variable: 'JAVA_OPTS', source: 'atlassian-arm/docker-atlassian-bitbucket-server _exec-webapp.sh @d1635efb (user JAVA_OPTS before the memory options)' },
      { variable: 'JVM_MINIMUM_MEMORY', template: '-Xms{}', source: 'atlassian-arm/docker-atlassian-bitbucket-server README.md @d1635efb' },
      { variable: 'JVM_MAXIMUM_MEMORY', template: '-Xmx{}', source: 'atlassian-arm/docker-atlassian-bitbucket-server README.md @d1635efb' },
      { variable: 'JVM_SUPPORT_RECOMMENDED_ARGS', source: 'atlassian-arm/docker-atlassian-bitbucket-server _exec-webapp.sh @d1635efb (last)' },
    ],
    heapDefault: ATLASSIAN_UNKNOWN(
      'Bitbucket',
      '-Xms512m -Xmx1024m',
      'atlassian-arm/docker-atlassian-bitbucket-server README.md @d1635efb; atlassian/data-center-helm-charts src/main/charts/bitbucket/values.yaml @4e277475',
    ),
    source: 'atlassian-arm/docker-atlassian-bitbucket-server entrypoint.py, _exec-webapp.sh @d1635efb',
    note: 'Bitbucket runs a bundled search JVM in the same container by default.',
  },
];

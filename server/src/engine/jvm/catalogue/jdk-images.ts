// JDK images and generic launchers: plain JDK/JRE images (the entrypoint runs its arguments), distroless
// `java -jar`, OpenJ9, Red Hat UBI's run-java.sh, Bitnami Java, and Paketo/Cloud Native Buildpacks images (found by
// their BPL_JVM_* variables: their names are the user's own).
import type { CatalogueEntry } from './schema';

const UBI_RUN_JAVA =
  'jboss-container-images/openjdk modules/run/artifacts/opt/jboss/container/java/run/run-java.sh and modules/jvm/…/java-default-options (ubi8 1.17+, ubi9 1.13+; research images-b2 §10): JAVA_OPTS set replaces every generated option and JAVA_OPTS_APPEND';

export const JDK_IMAGES: CatalogueEntry[] = [
  {
    id: 'distroless-java',
    family: 'Distroless Java',
    names: ['gcr.io/distroless/java*'],
    vm: 'hotspot',
    entrypoint: 'java-jar',
    scripts: [],
    parts: [],
    heapDefault: { kind: 'jvm', source: 'GoogleContainerTools/distroless java/README.md (no heap option in the image)' },
    source: 'GoogleContainerTools/distroless java/README.md (ENTRYPOINT ["/usr/bin/java", "-jar"])',
  },
  {
    id: 'ubi-openjdk',
    family: 'Red Hat UBI OpenJDK (run-java.sh)',
    names: ['ubi*/openjdk-*', 'openjdk/openjdk-*-rhel*', 'redhat-openjdk-18/openjdk18-openshift'],
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['run-java.sh', 'run'],
    parts: [
      {
        variable: 'JAVA_MAX_MEM_RATIO',
        template: '-XX:MaxRAMPercentage={}.0',
        default: '-XX:MaxRAMPercentage=80.0',
        skipWhenSet: ['JAVA_OPTS'],
        // `JAVA_MAX_MEM_RATIO=0` leaves the option out (the JVM's own 25 % then applies).
        skipWhenMatches: { variable: 'JAVA_MAX_MEM_RATIO', pattern: /^\s*0+(\.0*)?\s*$/ },
        source: `${UBI_RUN_JAVA}; default 80 since ubi8 1.17-1 (issues.redhat.com OPENJDK-1982)`,
      },
      {
        variable: 'GC_MAX_METASPACE_SIZE',
        template: '-XX:MaxMetaspaceSize={}m',
        skipWhenSet: ['JAVA_OPTS'],
        source: UBI_RUN_JAVA,
      },
      { variable: 'JAVA_OPTS', source: UBI_RUN_JAVA },
      { variable: 'JAVA_OPTS_APPEND', skipWhenSet: ['JAVA_OPTS'], source: UBI_RUN_JAVA },
    ],
    heapDefault: {
      kind: 'script-options',
      variable: 'JAVA_MAX_MEM_RATIO',
      description: 'run-java.sh sets `-XX:MaxRAMPercentage=80.0` unless `JAVA_MAX_MEM_RATIO` or `JAVA_OPTS` says otherwise',
      source: `${UBI_RUN_JAVA}; issues.redhat.com OPENJDK-1982 (80 %)`,
    },
    jdk: 'the tag names the OpenJDK major (openjdk-17, openjdk-21)',
    source: UBI_RUN_JAVA,
    note: 'Older tags used 50 %. Set at all (even empty), JAVA_OPTS replaces the generated options; an empty value is treated as unset here.',
    unconfirmed: ['the corpus tag ubi9/openjdk-21-runtime:1.24 is newer than the research snapshot (1.21); run-java.sh assumed unchanged'],
  },
  {
    id: 'openj9',
    family: 'IBM Semeru / OpenJ9',
    names: ['ibm-semeru-runtimes', 'ibmjava', 'semeru-runtimes'],
    vm: 'openj9',
    entrypoint: 'passes-args',
    scripts: [],
    parts: [],
    heapDefault: {
      kind: 'unknown',
      note: 'Eclipse OpenJ9 sizes its default heap differently from HotSpot; its container ergonomics are not modelled',
      source: 'ibmruntimes/semeru-containers (an OpenJ9 JDK image; no start script)',
    },
    source: 'ibmruntimes/semeru-containers (an OpenJ9 JDK image; no start script)',
  },
  {
    id: 'bitnami-java',
    family: 'Bitnami Java',
    names: ['bitnami/java', 'bitnamilegacy/java'],
    vm: 'hotspot',
    entrypoint: 'passes-args',
    scripts: [],
    parts: [],
    heapDefault: {
      kind: 'jvm',
      source: 'bitnami/containers bitnami/java/21/debian-12/Dockerfile (no JAVA_OPTS/JAVA_TOOL_OPTIONS ENV)',
    },
    source:
      'bitnami/containers bitnami/java/21/debian-12/Dockerfile and 17/debian-12/Dockerfile: ENTRYPOINT ["/opt/bitnami/scripts/java/entrypoint.sh"] (exec "$@"), CMD ["bash"]',
    unconfirmed: ['entrypoint.sh was seen only as an unattributed excerpt (prints a welcome page, then exec "$@")'],
  },
  {
    id: 'jdk',
    family: 'JDK images (Temurin, OpenJDK, Corretto, Zulu, Liberica, SapMachine, Microsoft)',
    names: [
      'eclipse-temurin',
      'openjdk',
      'amazoncorretto',
      'adoptopenjdk',
      'sapmachine',
      'zulu-openjdk',
      'zulu-openjdk-alpine',
      'zulu-openjdk-debian',
      'zulu-openjdk-centos',
      'liberica-openjdk-*',
      'liberica-runtime-container',
      'java',
      'jdk',
    ],
    vm: 'hotspot',
    entrypoint: 'passes-args',
    scripts: [],
    parts: [],
    heapDefault: { kind: 'jvm', source: 'docker-library/eclipse-temurin, docker-library/openjdk Dockerfiles (no heap option)' },
    source:
      'docker-library official images (eclipse-temurin, openjdk, amazoncorretto), azul/zulu-openjdk, bellsoft/liberica-*, mcr.microsoft.com/openjdk/jdk: a JDK with no start script; the entrypoint runs its arguments',
  },
  {
    id: 'paketo',
    family: 'Paketo / Cloud Native Buildpacks (memory calculator)',
    names: [],
    recognizedBy: { env: ['BPL_JVM_HEAD_ROOM', 'BPL_JVM_HEADROOM', 'BPL_JVM_THREAD_COUNT', 'BPL_JVM_LOADED_CLASS_COUNT', 'BPL_JVM_CLASS_ADJUSTMENT'] },
    vm: 'hotspot',
    entrypoint: 'script',
    scripts: ['launcher'],
    parts: [
      {
        // helper/java_opts.go appends JAVA_OPTS to JAVA_TOOL_OPTIONS before the calculator runs.
        variable: 'JAVA_OPTS',
        source: 'paketo-buildpacks/libjvm helper/java_opts.go @v1.46.0 (JAVA_OPTS appended to JAVA_TOOL_OPTIONS)',
      },
    ],
    heapDefault: {
      kind: 'unknown',
      note:
        'the buildpack memory calculator sets -Xmx = limit − (10 MiB direct + 14,000,000 B + 5,800 B × loaded classes + 240 MiB code cache + 1 MiB × BPL_JVM_THREAD_COUNT (250) + BPL_JVM_HEAD_ROOM %) in JAVA_TOOL_OPTIONS; the loaded-class count comes from the application and is not known here',
      userHeapWins: true,
      source:
        'paketo-buildpacks/libjvm helper/memory_calculator.go, calc/calculator.go, calc/memory_regions.go @v1.46.0 (d0895b13)',
    },
    source:
      'paketo-buildpacks/libjvm helper/memory_calculator.go, helper/java_opts.go @v1.46.0; buildpacks/spec platform.md (ENTRYPOINT /cnb/process/<type> → /cnb/lifecycle/launcher, exec.d helpers first)',
    note: 'A user -Xmx in JAVA_TOOL_OPTIONS or JAVA_OPTS is respected by the calculator; -XX:MaxRAMPercentage does not stop it.',
  },
];

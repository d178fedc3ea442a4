// fast-check generators for the robustness tests: Kubernetes- and compose-shaped objects with realistic, odd and
// wrong values, stringified with the `yaml` library, and the analysis entry point with default options.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { analyzeFile } from '../../server/src/engine/analyze';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import { normalizeOptions } from '../../server/src/engine/options';

export const OPTIONS = normalizeOptions({});

export function analyse(uri: string, text: string, mode: 'editor' | 'cli' = 'cli'): FileAnalysis {
  return analyzeFile({ uri, text, options: OPTIONS, mode });
}

/** Quantities people write: valid, invalid (`4GB`, `1gi`, `1.5 Gi`), suspicious (`512m`), and numbers. */
export const quantityText = fc.constantFrom(
  '512Mi', '1Gi', '2Gi', '256Mi', '100m', '250m', '1', '2', '0.5', '1500m', '128974848', '129e6', '1e3', '4G', '64Mi',
  '4GB', '1gi', '1.5 Gi', '512MB', '1MB', '2g', '-1Mi', '', '512m', '1000m', '0', '1Ki', '8Ei', '0x10', '+1Gi',
);

const quantityValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: quantityText },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 5_000_000_000 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: false }) },
);

/** Anything, for the places a well-formed manifest would hold a scalar. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, '', '~', 'null', '010', '0o10', '<<', '*', '&a', '{{ .Values.x }}', '\u0000', '\uFFFD'),
  fc.string({ maxLength: 20 }),
  fc.anything({ maxDepth: 2, maxKeys: 3 }),
);

function maybe<T>(arb: fc.Arbitrary<T>, odd = false): fc.Arbitrary<T | unknown | undefined> {
  return odd
    ? fc.oneof({ weight: 6, arbitrary: arb }, { weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: oddValue })
    : fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) });
}

/** Drops `undefined` fields so the stringified YAML omits them. */
function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

const JVM_OPTIONS = fc.constantFrom(
  '-Xmx512m', '-Xmx2g', '-Xms1g -Xmx512m', '-XX:MaxRAMPercentage=75.0', '-XX:MaxRAMPercentage=75', '-XX:+UseG1GC',
  '-XX:-UseContainerSupport', '-XX:MaxPermSize=256m', '-Xss512k', '-XX:MaxDirectMemorySize=1g', '-Xmx4G -XX:+UseZGC',
  '-XX:MaxRAMFraction=2', '-Xmx', '-Xmx0', '-XX:MaxRAM=1g', '',
);

function resourcesArb(odd: boolean) {
  const side = fc
    .record({ memory: maybe(quantityValue, odd), cpu: maybe(quantityValue, odd), 'ephemeral-storage': maybe(quantityText) })
    .map((r) => compact(r as Record<string, unknown>));
  return fc.record({ requests: maybe(side, odd), limits: maybe(side, odd) }).map((r) => compact(r as Record<string, unknown>));
}

function containerArb(odd: boolean) {
  return fc
    .record({
      name: fc.oneof(fc.constantFrom('app', 'sidecar', 'proxy', 'api'), odd ? oddValue : fc.constant('main')),
      image: maybe(fc.constantFrom('eclipse-temurin:17-jre', 'openjdk:8u181-jre', 'openjdk:11', 'nginx:1.25', 'busybox', 'amazoncorretto:21'), odd),
      command: maybe(fc.constantFrom(['java', '-jar', 'app.jar'], ['sh', '-c', 'exec java $JAVA_OPTS -jar /app.jar'], ['nginx']), odd),
      args: maybe(fc.array(fc.constantFrom('-Xmx1g', '--port=8080', '-jar', 'x.jar'), { maxLength: 3 })),
      env: maybe(
        fc.array(
          fc.record({ name: fc.constantFrom('JAVA_TOOL_OPTIONS', 'JAVA_OPTS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS', 'OTHER'), value: JVM_OPTIONS }),
          { maxLength: 3 },
        ),
        odd,
      ),
      resources: maybe(resourcesArb(odd), odd),
    })
    .map((c) => compact(c as Record<string, unknown>));
}

function podSpecArb(odd: boolean) {
  return fc
    .record({
      initContainers: maybe(fc.array(containerArb(odd).map((c) => ({ ...c, restartPolicy: undefined })), { maxLength: 1 })),
      containers: odd ? maybe(fc.array(containerArb(odd), { maxLength: 3 }), true) : fc.array(containerArb(odd), { minLength: 1, maxLength: 3 }),
      overhead: maybe(fc.record({ memory: quantityText })),
    })
    .map((s) => {
      const spec = compact(s as Record<string, unknown>);
      if (Array.isArray(spec.initContainers)) spec.initContainers = spec.initContainers.map((c: Record<string, unknown>) => compact(c));
      return spec;
    });
}

const nameArb = fc.constantFrom('web', 'api', 'worker', 'db');
const namespaceArb = fc.constantFrom(undefined, 'default', 'prod');

function workloadArb(odd: boolean): fc.Arbitrary<Record<string, unknown>> {
  const meta = fc.record({ name: odd ? fc.oneof(nameArb, oddValue) : nameArb, namespace: namespaceArb }).map((m) => compact(m as Record<string, unknown>));
  const pod = fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata: meta, spec: podSpecArb(odd) });
  const templated = fc
    .record({
      apiVersion: fc.constant('apps/v1'),
      kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'),
      metadata: meta,
      spec: fc.record({ replicas: maybe(fc.integer({ min: 0, max: 5 }), odd), template: fc.record({ spec: podSpecArb(odd) }) }),
    })
    .map((w) => ({ ...w, spec: compact(w.spec as Record<string, unknown>) }));
  const cronJob = fc.record({
    apiVersion: fc.constant('batch/v1'),
    kind: fc.constant('CronJob'),
    metadata: meta,
    spec: fc.record({ jobTemplate: fc.record({ spec: fc.record({ template: fc.record({ spec: podSpecArb(odd) }) }) }) }),
  });
  const limitRange = fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('LimitRange'),
    metadata: meta,
    spec: fc.record({
      limits: fc.array(
        fc.record({ type: fc.constant('Container'), default: fc.record({ memory: quantityText }), defaultRequest: maybe(fc.record({ memory: quantityText })) }),
        { minLength: 1, maxLength: 1 },
      ),
    }),
  });
  const configMap = fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('ConfigMap'),
    metadata: meta,
    data: fc.record({ JAVA_OPTS: JVM_OPTIONS }),
  });
  return fc.oneof({ weight: 3, arbitrary: pod }, { weight: 4, arbitrary: templated }, cronJob, limitRange, configMap) as fc.Arbitrary<
    Record<string, unknown>
  >;
}

/** A multi-document manifest: well-formed shapes with odd values (`odd` adds arbitrary values in any field). */
export function manifestText(odd: boolean): fc.Arbitrary<string> {
  const doc = odd ? fc.oneof({ weight: 5, arbitrary: workloadArb(true) }, { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) }) : workloadArb(false);
  const list = workloadArb(odd).map((item) => ({ apiVersion: 'v1', kind: 'List', items: [item] }));
  return fc
    .array(fc.oneof({ weight: 5, arbitrary: doc }, { weight: 1, arbitrary: list }), { minLength: 1, maxLength: 4 })
    .map((docs) => docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n'));
}

/** A docker-compose file with odd values. */
export const composeText: fc.Arbitrary<string> = fc
  .record({
    services: fc.dictionary(
      nameArb,
      fc
        .record({
          image: maybe(fc.constantFrom('eclipse-temurin:17', 'nginx'), true),
          mem_limit: maybe(fc.constantFrom('512m', '1g', '1gb', '2048', 'x', ''), true),
          environment: maybe(fc.oneof(fc.dictionary(fc.constantFrom('JAVA_OPTS', 'JAVA_TOOL_OPTIONS'), JVM_OPTIONS), fc.array(fc.constantFrom('JAVA_OPTS=-Xmx1g', 'X'))), true),
          deploy: maybe(fc.record({ resources: fc.record({ limits: fc.record({ memory: maybe(fc.constantFrom('512M', '1G', '1.5g', 'x'), true) }) }) }), true),
        })
        .map((s) => compact(s as Record<string, unknown>)),
      { maxKeys: 3 },
    ),
  })
  .map((o) => stringify(o, { lineWidth: 0 }));

/** A Dockerfile from realistic and broken instructions. */
export const dockerfileText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'FROM eclipse-temurin:17-jre AS runtime',
        'FROM openjdk:8u181',
        'FROM',
        'FROM scratch',
        'FROM build AS final',
        'ENV JAVA_OPTS="-Xmx512m -XX:+UseG1GC"',
        'ENV JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75',
        'ENV A=1 \\',
        '    B=2',
        'ARG JDK=17',
        'FROM eclipse-temurin:${JDK}',
        'ENTRYPOINT ["java", "-Xmx1g", "-jar", "/app.jar"]',
        'ENTRYPOINT java $JAVA_OPTS -jar /app.jar',
        'CMD ["sh", "-c", "java -Xms2g -Xmx1g -jar app.jar"]',
        'RUN echo \\',
        '# comment',
        'SHELL ["/bin/bash", "-c"]',
        '',
      ),
      fc.string({ maxLength: 30 }),
    ),
    { maxLength: 12 },
  )
  .map((lines) => lines.join('\n'));

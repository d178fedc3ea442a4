import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectJvm, unsplitProblem } from '../../../server/src/engine/jvm/detect';
import { at, dedent, jvmOf, launchOf, pod } from './launch-helpers';

const texts = (j: ReturnType<typeof jvmOf>) => j!.tokens.map((t) => t.text);

describe('detectJvm: what is detected', () => {
  it('detects java in command and args, with the options before -jar only', () => {
    const j = jvmOf(pod(dedent(`
      image: mycorp/app:1
      command: ["java", "-Xmx1g", "-cp", "lib/*", "-jar", "app.jar", "-Xmx9g"]
    `)));
    assert.ok(j);
    assert.equal(j.launcher, 'java');
    assert.deepEqual(texts(j), ['-Xmx1g', '-cp', 'lib/*']);
    assert.equal(j.tokens[2].kind, 'option-argument');
    assert.deepEqual(j.main, { kind: 'jar', value: 'app.jar' });
    assert.equal(j.hasCommand, true);
  });

  it('detects /opt/java/openjdk/bin/java and a main class', () => {
    const j = jvmOf(pod(dedent(`
      image: mycorp/app:1
      command: ["/opt/java/openjdk/bin/java"]
      args: ["-XX:MaxRAMPercentage=75.0", "com.example.Main", "--port", "8080"]
    `)));
    assert.deepEqual(texts(j), ['-XX:MaxRAMPercentage=75.0']);
    assert.deepEqual(j!.main, { kind: 'class', value: 'com.example.Main' });
  });

  it('detects java inside sh -c after exec and points at the option inside the quoted string', () => {
    const text = pod(dedent(`
      image: mycorp/app:1
      command: ["/bin/sh", "-c", "cp /cfg/* /app; exec java -Xmx2g -jar /app/app.jar"]
    `));
    const j = jvmOf(text)!;
    assert.equal(j.detectedBy[0].kind, 'shell');
    assert.deepEqual(texts(j), ['-Xmx2g']);
    assert.equal(at(text, j.tokens[0].span), '-Xmx2g');
  });

  it('detects a JVM from option variables in env when the command is not visible', () => {
    const j = jvmOf(pod(dedent(`
      image: mycorp/app:1
      env:
        - name: JAVA_TOOL_OPTIONS
          value: -XX:MaxRAMPercentage=60.0
    `)));
    assert.deepEqual(j!.detectedBy, [{ kind: 'env', variable: 'JAVA_TOOL_OPTIONS' }]);
    assert.deepEqual(texts(j), ['-XX:MaxRAMPercentage=60.0']);
  });

  it('detects a JVM from the image table', () => {
    const j = jvmOf(pod('image: apache/kafka:3.7.0'));
    assert.deepEqual(j!.detectedBy, [{ kind: 'image', rowId: 'kafka-apache-image', image: 'apache/kafka:3.7.0' }]);
  });

  it('returns null for containers with no sign of a JVM', () => {
    assert.equal(jvmOf(pod('image: nginx:1.25')), null);
    assert.equal(jvmOf(pod(dedent(`
      image: busybox
      command: ["sh", "-c", "cp -r /src /dst && echo done"]
    `))), null);
  });

  it('does not call a JDK image\'s shell that only copies files a JVM', () => {
    assert.equal(jvmOf(pod(dedent(`
      image: eclipse-temurin:17
      command: ["sh", "-c", "cp /a /b"]
    `))), null);
  });
});

describe('detectJvm: precedence', () => {
  it('orders tokens JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, command line, _JAVA_OPTIONS', () => {
    const j = jvmOf(pod(dedent(`
      image: eclipse-temurin:17-jre
      command: ["java", "-Xmx300m", "-jar", "a.jar"]
      env:
        - name: _JAVA_OPTIONS
          value: -Xmx400m
        - name: JDK_JAVA_OPTIONS
          value: -Xmx200m
        - name: JAVA_TOOL_OPTIONS
          value: -Xmx100m -Dx="a b"
    `)))!;
    assert.deepEqual(
      j.tokens.map((t) => [t.origin, t.text]),
      [
        ['JAVA_TOOL_OPTIONS', '-Xmx100m'],
        ['JAVA_TOOL_OPTIONS', '-Dx=a b'],
        ['JDK_JAVA_OPTIONS', '-Xmx200m'],
        ['command-line', '-Xmx300m'],
        ['_JAVA_OPTIONS', '-Xmx400m'],
      ],
    );
    assert.equal(j.jdk.major, 17);
    assert.equal(j.jdk.source, 'image tag');
  });

  it('ignores JDK_JAVA_OPTIONS on JDK 8 and says so', () => {
    const j = jvmOf(pod(dedent(`
      image: openjdk:8u191-jre
      command: ["java", "-jar", "a.jar"]
      env:
        - name: JDK_JAVA_OPTIONS
          value: -Xmx200m
    `)))!;
    assert.equal(j.jdk.major, 8);
    assert.deepEqual(texts(j), []);
    assert.equal(j.unreadVariables[0].name, 'JDK_JAVA_OPTIONS');
  });

  it('assumes the default JDK when the image does not say, and says so', () => {
    const j = jvmOf(pod(dedent(`
      image: mycorp/app:1
      command: ["java", "-jar", "a.jar"]
    `)), undefined, 21)!;
    assert.equal(j.jdk.major, 21);
    assert.equal(j.jdk.source, 'assumed');
    assert.match(j.jdk.note, /assumed/);
  });
});

describe('detectJvm: variables the JVM does not read', () => {
  it('reports JAVA_OPTS as unread when the command runs java without it', () => {
    const text = pod(dedent(`
      image: eclipse-temurin:17
      command: [java, -jar, app.jar]
      env:
        - name: JAVA_OPTS
          value: -Xmx1g
    `));
    const j = jvmOf(text)!;
    assert.deepEqual(j.unreadVariables.map((u) => u.name), ['JAVA_OPTS']);
    assert.equal(at(text, j.unreadVariables[0].entry.nameSpan), 'JAVA_OPTS');
    assert.deepEqual(texts(j), []);
  });

  it('reads JAVA_OPTS passed as $(JAVA_OPTS) in args', () => {
    const text = pod(dedent(`
      image: eclipse-temurin:17
      command: [java]
      args: ["$(JAVA_OPTS)", "-jar", "app.jar"]
      env:
        - name: JAVA_OPTS
          value: -Xmx1g
    `));
    const j = jvmOf(text)!;
    assert.deepEqual(j.unreadVariables, []);
    assert.deepEqual(j.readVariables, ['JAVA_OPTS']);
    assert.equal(j.tokens[0].text, '-Xmx1g');
    assert.equal(j.tokens[0].via[0].ref, '$(JAVA_OPTS)');
    // The token points at the env value that wrote it.
    assert.equal(at(text, j.tokens[0].span), '-Xmx1g');
    assert.ok(j.tokens[0].span![0] > text.indexOf('value:'));
  });

  it('flags a $(VAR) that expands to several options in one argument (REFERENCE §6.4)', () => {
    const j = jvmOf(pod(dedent(`
      image: eclipse-temurin:17
      command: [java]
      args: ["$(JAVA_OPTS)", "-jar", "app.jar"]
      env:
        - name: JAVA_OPTS
          value: -Xmx1800m -Xss512k
    `)))!;
    assert.equal(j.tokens.length, 1);
    assert.equal(j.tokens[0].text, '-Xmx1800m -Xss512k');
    assert.equal(j.tokens[0].problem?.jvmMessage, 'Invalid maximum heap size: -Xmx1800m -Xss512k');
    assert.equal(j.tokens[0].problem?.fatal, true);
  });

  it('reads JAVA_OPTS through $JAVA_OPTS in a shell, split into options', () => {
    const j = jvmOf(pod(dedent(`
      image: eclipse-temurin:17
      command: ["sh", "-c", "java $JAVA_OPTS -jar app.jar"]
      env:
        - name: JAVA_OPTS
          value: -Xmx1800m -Xss512k
    `)))!;
    assert.deepEqual(texts(j), ['-Xmx1800m', '-Xss512k']);
    assert.equal(j.tokens.some((t) => t.problem), false);
    assert.deepEqual(j.unreadVariables, []);
  });

  it('reports a variable echoed by the script but not given to java as unread', () => {
    const j = jvmOf(pod(dedent(`
      image: eclipse-temurin:17
      command: ["sh", "-c", "echo $JAVA_OPTS; exec java -jar app.jar"]
      env:
        - name: JAVA_OPTS
          value: -Xmx1g
    `)))!;
    assert.deepEqual(j.unreadVariables.map((u) => u.name), ['JAVA_OPTS']);
  });

  it('counts a variable passed on through JAVA_TOOL_OPTIONS as read', () => {
    const j = jvmOf(pod(dedent(`
      image: eclipse-temurin:17
      command: [java, -jar, app.jar]
      env:
        - name: JAVA_OPTS
          value: -Xmx1g
        - name: JAVA_TOOL_OPTIONS
          value: "$(JAVA_OPTS) -XX:+UseG1GC"
    `)))!;
    assert.deepEqual(j.unreadVariables, []);
    assert.deepEqual(texts(j), ['-Xmx1g', '-XX:+UseG1GC']);
  });

  it('does not call a variable unread when a custom script might read it', () => {
    const j = jvmOf(pod(dedent(`
      image: mycorp/app:1
      command: ["/app/start.sh"]
      env:
        - name: JAVA_OPTS
          value: -Xmx1g
    `)))!;
    assert.equal(j.launcher, 'unknown');
    assert.deepEqual(j.unreadVariables, []);
    assert.ok(j.unresolved.some((u) => u.what === 'JAVA_OPTS' && /start\.sh/.test(u.reason)));
  });

  it('reads CATALINA_OPTS and JAVA_OPTS through catalina.sh when tomcat keeps its entrypoint', () => {
    const j = jvmOf(pod(dedent(`
      image: tomcat:10.1-jdk17
      env:
        - name: CATALINA_OPTS
          value: -Xmx1g
        - name: JAVA_OPTS
          value: -Xms256m
    `)))!;
    assert.equal(j.launcher, 'image-script');
    assert.deepEqual(texts(j), ['-Xms256m', '-Xmx1g']);
    assert.deepEqual(j.unreadVariables, []);
    assert.equal(j.tokens[1].source.kind, 'script');
  });

  it('reports a variable the image script does not read as unread', () => {
    const j = jvmOf(pod(dedent(`
      image: tomcat:10.1
      env:
        - name: JVM_OPTS
          value: -Xmx1g
    `)))!;
    assert.deepEqual(j.unreadVariables.map((u) => u.name), ['JVM_OPTS']);
    assert.match(j.unreadVariables[0].why, /catalina\.sh/);
  });

  it('reports JAVA_OPTS as unread on a distroless java -jar image', () => {
    const j = jvmOf(pod(dedent(`
      image: gcr.io/distroless/java17-debian12
      args: ["app.jar"]
      env:
        - name: JAVA_OPTS
          value: -Xmx1g
    `)))!;
    assert.equal(j.launcher, 'java-jar-entrypoint');
    assert.deepEqual(j.main, { kind: 'jar', value: 'app.jar' });
    assert.deepEqual(j.unreadVariables.map((u) => u.name), ['JAVA_OPTS']);
  });

  it('does not report option variables as unread for an unknown image without command', () => {
    const j = jvmOf(pod(dedent(`
      image: mycorp/app:1
      env:
        - name: JAVA_OPTS
          value: -Xmx1g
    `)))!;
    assert.deepEqual(j.unreadVariables, []);
    assert.ok(j.unresolved.some((u) => u.what === 'JAVA_OPTS'));
  });
});

describe('detectJvm: image start scripts', () => {
  it('applies Kafka\'s -Xmx1G -Xms1G when KAFKA_HEAP_OPTS is unset, before KAFKA_OPTS', () => {
    const j = jvmOf(pod(dedent(`
      image: apache/kafka:3.7.0
      env:
        - name: KAFKA_OPTS
          value: -XX:MaxRAMPercentage=75.0
    `)))!;
    const t = texts(j);
    assert.deepEqual(t.slice(0, 2), ['-Xmx1G', '-Xms1G']);
    assert.equal(t[t.length - 1], '-XX:MaxRAMPercentage=75.0');
    assert.equal(j.tokens[0].source.kind, 'image-default');
    assert.equal(j.imageDefaults[0].rowId, 'kafka-apache-image');
  });

  it('uses KAFKA_HEAP_OPTS instead of the default when set', () => {
    const text = pod(dedent(`
      image: bitnami/kafka:3.6
      env:
        - name: KAFKA_HEAP_OPTS
          value: "-Xmx2g -Xms2g"
    `));
    const j = jvmOf(text)!;
    assert.deepEqual(texts(j).slice(0, 2), ['-Xmx2g', '-Xms2g']);
    assert.equal(at(text, j.tokens[0].span), '-Xmx2g');
    assert.deepEqual(j.imageDefaults, []);
  });

  it('ignores JAVA_OPTS_KC_HEAP when JAVA_OPTS is set (kc.sh)', () => {
    const j = jvmOf(pod(dedent(`
      image: quay.io/keycloak/keycloak:26.0
      args: ["start"]
      env:
        - name: JAVA_OPTS
          value: -Xmx768m
        - name: JAVA_OPTS_KC_HEAP
          value: -XX:MaxRAMPercentage=50
    `)))!;
    assert.deepEqual(texts(j), ['-Xmx768m']);
    assert.deepEqual(j.unreadVariables.map((u) => u.name), ['JAVA_OPTS_KC_HEAP']);
  });

  it('uses Keycloak\'s RAM percentages when nothing is set', () => {
    const j = jvmOf(pod('image: quay.io/keycloak/keycloak:25.0.1'))!;
    assert.deepEqual(texts(j), ['-XX:MaxRAMPercentage=70', '-XX:MinRAMPercentage=70', '-XX:InitialRAMPercentage=50']);
  });

  it('turns ZK_SERVER_HEAP into -Xmx and keeps JVMFLAGS after it', () => {
    const j = jvmOf(pod(dedent(`
      image: zookeeper:3.9
      env:
        - name: ZK_SERVER_HEAP
          value: "512"
        - name: JVMFLAGS
          value: -Xmx700m
    `)))!;
    assert.deepEqual(texts(j), ['-Xmx512m', '-Xmx700m']);
  });

  it('applies the Elasticsearch formula unless ES_JAVA_OPTS sets the heap', () => {
    const auto = jvmOf(pod('image: docker.elastic.co/elasticsearch/elasticsearch:8.13.0'))!;
    assert.equal(auto.imageDefaults[0].heapDefault.kind, 'formula');
    assert.equal(auto.imageDefaults[0].applies, true);
    const fixed = jvmOf(pod(dedent(`
      image: docker.elastic.co/elasticsearch/elasticsearch:8.13.0
      env:
        - name: ES_JAVA_OPTS
          value: -Xms1g -Xmx1g
    `)))!;
    assert.equal(fixed.imageDefaults[0].applies, false);
    assert.deepEqual(texts(fixed), ['-Xms1g', '-Xmx1g']);
  });

  it('runs the args as the command when they start with java or a shell', () => {
    const j = jvmOf(pod(dedent(`
      image: tomcat:10.1
      args: ["sh", "-c", "exec java -Xmx1g -jar x.jar"]
    `)))!;
    assert.equal(j.launcher, 'java');
    assert.deepEqual(texts(j), ['-Xmx1g']);
  });

  it('follows a command that names the image\'s own script', () => {
    const j = jvmOf(pod(dedent(`
      image: tomcat:10.1
      command: ["catalina.sh", "run"]
      env:
        - name: CATALINA_OPTS
          value: -Xmx1g
    `)))!;
    assert.equal(j.launcher, 'image-script');
    assert.deepEqual(texts(j), ['-Xmx1g']);
  });
});

describe('detectJvm: what cannot be known', () => {
  it('says when an options variable comes from a Secret', () => {
    const j = jvmOf(pod(dedent(`
      image: eclipse-temurin:17
      command: [java, -jar, app.jar]
      env:
        - name: JAVA_TOOL_OPTIONS
          valueFrom: {secretKeyRef: {name: jvm, key: opts}}
    `)))!;
    assert.deepEqual(texts(j), []);
    assert.ok(j.unresolved.some((u) => u.what === 'JAVA_TOOL_OPTIONS' && /Secret `jvm`/.test(u.reason)));
  });

  it('keeps an unresolved $(VAR) token and marks it', () => {
    const j = jvmOf(pod(dedent(`
      image: eclipse-temurin:17
      command: [java, "$(HEAP_OPTS)", -jar, app.jar]
      envFrom:
        - secretRef: {name: s}
    `)))!;
    assert.equal(j.tokens[0].text, '$(HEAP_OPTS)');
    assert.ok(j.tokens[0].unresolved);
  });

  it('never throws on a hand-built launch with odd values', () => {
    const launch = launchOf(pod('image: x'));
    const odd = { ...launch, command: [{ ...launch.env[0]?.mapped, value: '', offsets: [], vias: [], refs: [], span: null }] };
    assert.doesNotThrow(() => detectJvm(odd as never, { defaultJdk: 17 }));
  });
});

describe('unsplitProblem', () => {
  it('gives the JVM\'s own messages, measured on JDK 17', () => {
    assert.equal(unsplitProblem('-Xms1g -Xss512k').jvmMessage, 'Invalid initial heap size: -Xms1g -Xss512k');
    assert.equal(unsplitProblem('-Xss512k -Xmx1g').jvmMessage, 'Invalid thread stack size: -Xss512k -Xmx1g');
    assert.equal(unsplitProblem('-XX:+UseG1GC -Xmx1g').jvmMessage, "Unrecognized VM option 'UseG1GC -Xmx1g'");
    assert.equal(
      unsplitProblem('-XX:MaxRAMPercentage=75 -Xmx1g').jvmMessage,
      "Improperly specified VM option 'MaxRAMPercentage=75 -Xmx1g'",
    );
    assert.equal(unsplitProblem('-Dfoo=bar -Xmx1g').fatal, false);
  });
});

describe('detectJvm: start scripts in other images', () => {
  it('recognises kafka-server-start.sh run from a shell in an image not in the table', () => {
    const j = jvmOf(pod(dedent(`
      image: gcr.io/google_samples/k8skafka:v1
      command: ["sh", "-c", "exec kafka-server-start.sh /opt/kafka/config/server.properties"]
      env:
        - name: KAFKA_HEAP_OPTS
          value: "-Xmx512M -Xms512M"
    `)))!;
    assert.equal(j.launcher, 'image-script');
    assert.deepEqual(texts(j).slice(0, 2), ['-Xmx512M', '-Xms512M']);
    assert.deepEqual(j.unreadVariables, []);
  });
});

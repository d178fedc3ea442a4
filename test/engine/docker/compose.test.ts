import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { buildComposeModel, interpolate, parseComposeSize, shellWords, type ComposeModel, type ComposeService } from '../../../server/src/engine/docker/compose';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import type { Span } from '../../../server/src/engine/types';
import { crlf, dedent } from '../../helpers/text';

const CORPUS = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real', 'compose');

function model(text: string, env?: Record<string, string>): ComposeModel {
  return buildComposeModel(parseYaml(text), { env });
}

function service(m: ComposeModel, name: string): ComposeService {
  const s = m.services.find((x) => x.name === name);
  assert.ok(s, `service ${name}`);
  return s;
}

const at = (text: string, span: Span | null) => (span ? text.slice(span[0], span[1]) : null);

describe('parseComposeSize (docker/go-units RAMInBytes)', () => {
  const cases: [string | number, bigint][] = [
    ['500m', 524288000n],
    ['500M', 524288000n],
    ['1500M', 1572864000n],
    ['1gb', 1073741824n],
    ['1GB', 1073741824n],
    ['1gib', 1073741824n],
    ['1.5g', 1610612736n],
    ['0.1k', 102n],
    ['2t', 2199023255552n],
    ['1p', 1125899906842624n],
    ['1024', 1024n],
    ['1024b', 1024n],
    ['1024B', 1024n],
    ['512 m', 536870912n],
    ['1e3', 1000n],
    ['1.9', 1n],
    [1073741824, 1073741824n],
  ];
  for (const [input, bytes] of cases) {
    it(`reads ${JSON.stringify(input)} as ${bytes} bytes`, () => {
      assert.deepEqual(parseComposeSize(input), { bytes });
    });
  }
  for (const bad of ['', 'm', '1gi', '1x', '1kbb', '1mbit', '-1m', '1_000', '512m ', ' 512m', '512  m', '1.5.5g', '1e400']) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      assert.ok('error' in parseComposeSize(bad));
    });
  }
  it('rejects a non-integer number', () => {
    assert.ok('error' in parseComposeSize(1.5));
  });

  // The number goes through Go's strconv.ParseFloat: decimal forms without digits on one side of the point, signed
  // exponents, and hexadecimal mantissas with a binary `p` exponent (underscores allowed after the `0x` prefix only).
  const goFloats: [string, bigint][] = [
    ['.5k', 512n],
    ['1.k', 1024n],
    ['+1k', 1024n],
    ['1e+2k', 102400n],
    ['0x1p10', 1024n],
    ['0x1.8p1k', 3072n],
    ['0x.8p1', 1n],
    ['0X1P-1k', 512n],
    ['0x_1p4', 16n],
    ['0x1_0p0', 16n],
  ];
  for (const [input, bytes] of goFloats) {
    it(`reads the Go float spelling ${JSON.stringify(input)} as ${bytes} bytes`, () => {
      assert.deepEqual(parseComposeSize(input), { bytes });
    });
  }
  for (const bad of ['0xp1', '0x.p1', '0x1.8', '0x1p', '1_0k', '._5k', '1._5k']) {
    it(`rejects the malformed float ${JSON.stringify(bad)}`, () => {
      assert.ok('error' in parseComposeSize(bad));
    });
  }
});

describe('buildComposeModel: cpus numbers', () => {
  const cpus = (value: string) => service(model(`services:\n  a:\n    cpus: "${value}"\n`), 'a').effectiveCpus;
  it('reads plain decimal numbers, with or without digits on one side of the point, spaces around', () => {
    for (const [value, n] of [['1', 1], ['0.5', 0.5], ['.5', 0.5], ['2.', 2], ['1e1', 10], [' 1.5 ', 1.5], ['+1', 1]] as const) {
      assert.equal(cpus(value), n, value);
    }
  });
  it('leaves anything else unread', () => {
    for (const value of ['1.2.3', '1_0', 'x', '.', '1e', '0x10', '1 5']) assert.equal(cpus(value), null, value);
  });
});

describe('buildComposeModel: memory and cpus', () => {
  it('reads mem_limit and mem_reservation in Docker units with their spans', () => {
    const text = dedent`
      services:
        api:
          image: eclipse-temurin:17
          mem_limit: 500m
          mem_reservation: 1gb
          cpus: 1.5
    `;
    const s = service(model(text), 'api');
    assert.equal(s.memLimit!.value, 524288000n);
    assert.equal(s.memoryLimit!.value, 524288000n);
    assert.equal(at(text, s.memLimit!.span), '500m');
    assert.equal(at(text, s.memLimit!.keySpan), 'mem_limit');
    assert.equal(s.memoryReservation!.value, 1073741824n);
    assert.equal(s.effectiveCpus, 1.5);
    assert.equal(at(text, s.keySpan), 'api');
    assert.equal(s.image!.value, 'eclipse-temurin:17');
  });

  it('reads deploy.resources limits and reservations, and lets a non-zero deploy limit win over mem_limit', () => {
    const text = dedent`
      services:
        api:
          mem_limit: 1g
          deploy:
            resources:
              limits:
                memory: 1.5g
                cpus: '0.50'
              reservations:
                memory: 256M
        other:
          mem_limit: 1g
          deploy:
            resources:
              limits:
                memory: 0
    `;
    const m = model(text);
    const api = service(m, 'api');
    assert.equal(api.deployMemoryLimit!.value, 1610612736n);
    assert.equal(api.memoryLimit, api.deployMemoryLimit);
    assert.equal(api.memoryLimitConflict, true);
    assert.equal(api.memoryReservation!.value, 268435456n);
    assert.equal(api.effectiveCpus, 0.5);
    assert.equal(at(text, api.deployMemoryLimit!.span), '1.5g');
    const other = service(m, 'other');
    assert.equal(other.memoryLimit!.value, 1073741824n);
    assert.equal(other.memoryLimitConflict, true);
  });

  it('reports an invalid size and keeps its span', () => {
    const text = 'services:\n  a:\n    mem_limit: 1gi\n    mem_reservation: 1.5\n';
    const s = service(model(text), 'a');
    assert.equal(s.memLimit!.value, null);
    assert.match(s.memLimit!.error!, /invalid suffix/);
    assert.equal(at(text, s.memLimit!.span), '1gi');
    assert.match(s.memReservation!.error!, /invalid type/);
  });

  it('interpolates sizes, using a default when the variable is unknown', () => {
    const text = 'services:\n  a:\n    mem_limit: ${MEM:-768m}\n  b:\n    mem_limit: ${MEM}\n';
    const m = model(text);
    assert.equal(service(m, 'a').memLimit!.value, 805306368n);
    assert.equal(service(m, 'a').memLimit!.interpolated, true);
    const b = service(m, 'b').memLimit!;
    assert.equal(b.value, null);
    assert.equal(b.error, null);
    assert.deepEqual(b.unresolved, ['MEM']);
    assert.equal(service(model(text, { MEM: '2g' }), 'b').memLimit!.value, 2147483648n);
  });
});

describe('buildComposeModel: environment', () => {
  it('reads the map form with value spans, null values taken from the host', () => {
    const text = dedent`
      services:
        api:
          environment:
            JAVA_TOOL_OPTIONS: "-XX:MaxRAMPercentage=75.0"
            HEAP: 512
            FROM_HOST:
    `;
    const env = service(model(text), 'api').environment;
    assert.deepEqual(env.map((e) => [e.name, e.value]), [
      ['JAVA_TOOL_OPTIONS', '-XX:MaxRAMPercentage=75.0'],
      ['HEAP', '512'],
      ['FROM_HOST', null],
    ]);
    assert.equal(at(text, env[0].valueSpan), '"-XX:MaxRAMPercentage=75.0"');
    assert.equal(at(text, env[0].nameSpan), 'JAVA_TOOL_OPTIONS');
    assert.equal(env[0].form, 'map');
  });

  it('reads the list form, locating name and value inside the item', () => {
    const text = dedent`
      services:
        api:
          environment:
            - JAVA_OPTS=-Xmx1g -Xss512k
            - "EMPTY="
            - FROM_HOST
            - 'Q=a=b'
    `;
    const env = service(model(text), 'api').environment;
    assert.deepEqual(env.map((e) => [e.name, e.value]), [
      ['JAVA_OPTS', '-Xmx1g -Xss512k'],
      ['EMPTY', ''],
      ['FROM_HOST', null],
      ['Q', 'a=b'],
    ]);
    assert.equal(at(text, env[0].valueSpan), '-Xmx1g -Xss512k');
    assert.equal(at(text, env[0].nameSpan), 'JAVA_OPTS');
    assert.equal(at(text, env[3].valueSpan), 'a=b');
    assert.equal(env[2].valueSpan, null);
  });

  it('lets the last entry of a repeated name win', () => {
    const env = service(model('services:\n  a:\n    environment:\n      - X=1\n      - X=2\n'), 'a').environment;
    assert.deepEqual(env.map((e) => [e.name, e.value]), [['X', '2']]);
  });

  it('interpolates values and turns $$ into a literal $', () => {
    const text = 'services:\n  a:\n    environment:\n      JAVA_OPTS: "-Xmx${HEAP:-1g} $$OTHER"\n';
    const e = service(model(text), 'a').environment[0];
    assert.equal(e.value, '-Xmx1g $OTHER');
    assert.equal(e.raw, '-Xmx${HEAP:-1g} $$OTHER');
    assert.equal(e.interpolated, true);
  });
});

describe('buildComposeModel: command, entrypoint, build', () => {
  it('splits a command string into words like compose, with spans for plain scalars', () => {
    const text = 'services:\n  a:\n    command: java -Xmx1g "-Dname=a b" -jar app.jar\n';
    const c = service(model(text), 'a').command!;
    assert.equal(c.form, 'string');
    assert.deepEqual(c.argv, ['java', '-Xmx1g', '-Dname=a b', '-jar', 'app.jar']);
    assert.equal(at(text, c.args[1].span), '-Xmx1g');
    assert.equal(at(text, c.args[2].span), '"-Dname=a b"');
  });

  it('takes a list as argv with a span per item', () => {
    const text = 'services:\n  a:\n    entrypoint: ["java", "-Xmx1g", "-jar", "app.jar"]\n    command:\n      - --debug\n';
    const s = service(model(text), 'a');
    assert.equal(s.entrypoint!.form, 'list');
    assert.deepEqual(s.entrypoint!.argv, ['java', '-Xmx1g', '-jar', 'app.jar']);
    assert.equal(at(text, s.entrypoint!.args[1].span), '"-Xmx1g"');
    assert.deepEqual(s.command!.argv, ['--debug']);
  });

  it('keeps a quoted sh -c script as one word and stops at an unquoted operator as go-shellwords does', () => {
    const m = model(dedent`
      services:
        a:
          command: "sh -c 'java $$JAVA_OPTS -jar a.jar'"
        b:
          command: java -jar a.jar && echo done
        c:
          command: sh -c 'unterminated
    `);
    assert.deepEqual(service(m, 'a').command!.argv, ['sh', '-c', 'java $JAVA_OPTS -jar a.jar']);
    const b = service(m, 'b').command!;
    assert.deepEqual(b.argv, ['java', '-jar', 'a.jar']);
    assert.equal(b.truncated, true);
    assert.match(service(m, 'c').command!.error!, /invalid command line/);
  });

  it('reads build as a context string or a map with the Dockerfile path as written', () => {
    const text = dedent`
      services:
        a:
          build: ./app
        b:
          build:
            context: ./svc
            dockerfile: docker/Dockerfile.prod
    `;
    const m = model(text);
    assert.equal(service(m, 'a').build!.context!.value, './app');
    assert.equal(service(m, 'a').build!.dockerfile, null);
    const b = service(m, 'b').build!;
    assert.equal(b.context!.value, './svc');
    assert.equal(b.dockerfile!.value, 'docker/Dockerfile.prod');
    assert.equal(at(text, b.dockerfile!.span), 'docker/Dockerfile.prod');
  });
});

describe('buildComposeModel: extends, anchors and merge keys', () => {
  it('merges a same-file extends: own values win, environment merges per name, command is replaced', () => {
    const text = dedent`
      services:
        base:
          image: eclipse-temurin:17
          mem_limit: 512m
          command: ["java", "-jar", "base.jar"]
          environment:
            A: base
            B: base
          deploy:
            resources:
              reservations:
                memory: 128m
        app:
          extends:
            service: base
          mem_limit: 1g
          command: java -jar app.jar
          environment:
            - B=app
            - C=app
        short:
          extends: app
    `;
    const m = model(text);
    const app = service(m, 'app');
    assert.equal(app.extends!.resolved, true);
    assert.equal(app.image!.value, 'eclipse-temurin:17');
    assert.equal(app.image!.service, 'base');
    assert.equal(app.memoryLimit!.value, 1073741824n);
    assert.equal(app.memoryLimit!.service, 'app');
    assert.equal(app.memoryReservation!.value, 134217728n);
    assert.deepEqual(app.command!.argv, ['java', '-jar', 'app.jar']);
    assert.deepEqual(app.environment.map((e) => [e.name, e.value, e.service]), [
      ['A', 'base', 'base'],
      ['B', 'app', 'app'],
      ['C', 'app', 'app'],
    ]);
    const short = service(m, 'short');
    assert.equal(short.extends!.resolved, true);
    assert.equal(short.memoryLimit!.value, 1073741824n);
    assert.equal(short.image!.value, 'eclipse-temurin:17');
  });

  it('records extends from another file, an unknown service and a cycle as unresolved', () => {
    const m = model(dedent`
      services:
        a:
          extends:
            file: common.yml
            service: web
          mem_limit: 1g
        b:
          extends: nowhere
        c:
          extends: d
        d:
          extends: c
    `);
    const a = service(m, 'a');
    assert.equal(a.extends!.resolved, false);
    assert.equal(a.extends!.file, 'common.yml');
    assert.equal(a.memoryLimit!.value, 1073741824n);
    assert.match(service(m, 'b').extends!.error!, /not found/);
    assert.match(service(m, 'c').extends!.error!, /circular/);
    assert.match(service(m, 'd').extends!.error!, /circular/);
    assert.equal(service(m, 'c').extends!.resolved, false);
  });

  it('follows anchors and merge keys, with own keys winning over merged ones wherever they are written', () => {
    const text = dedent`
      x-jvm: &jvm
        image: eclipse-temurin:21
        mem_limit: 512m
        environment: &env
          JAVA_OPTS: -Xmx256m
      services:
        a:
          mem_limit: 1g
          <<: *jvm
        b:
          <<: *jvm
        c:
          image: app
          environment: *env
    `;
    const m = model(text);
    const a = service(m, 'a');
    assert.equal(a.memoryLimit!.value, 1073741824n);
    assert.equal(a.memoryLimit!.shared, false);
    assert.equal(a.image!.value, 'eclipse-temurin:21');
    assert.equal(a.image!.shared, true);
    const b = service(m, 'b');
    assert.equal(b.memoryLimit!.value, 536870912n);
    assert.equal(at(text, b.memoryLimit!.span), '512m');
    assert.equal(b.memoryLimit!.shared, true);
    assert.deepEqual(service(m, 'c').environment.map((e) => [e.name, e.value]), [['JAVA_OPTS', '-Xmx256m']]);
  });
});

describe('buildComposeModel: files', () => {
  it('ignores YAML that is not a compose file and tolerates empty and odd values', () => {
    assert.deepEqual(model('apiVersion: v1\nkind: Pod\nservices: {}\n').services, []);
    assert.deepEqual(model('').services, []);
    assert.deepEqual(model('services:\n').services, []);
    const m = model('services:\n  a:\n  b: 3\n  c:\n    environment: 5\n    command: {x: 1}\n    mem_limit: [1]\n');
    assert.deepEqual(m.services.map((s) => s.name), ['a', 'b', 'c']);
    assert.equal(service(m, 'c').memLimit!.error !== null, true);
  });

  it('keeps spans right in a CRLF file with a BOM', () => {
    const text = '\uFEFF' + crlf('services:\n  api:\n    mem_limit: 500m\n    environment:\n      - JAVA_OPTS=-Xmx1g\n');
    const s = service(model(text), 'api');
    assert.equal(at(text, s.memLimit!.span), '500m');
    assert.equal(at(text, s.environment[0].valueSpan), '-Xmx1g');
  });
});

describe('compose text helpers', () => {
  it('interpolates with the compose modifiers', () => {
    assert.equal(interpolate('${A:-x}', { A: '' }).value, 'x');
    assert.equal(interpolate('${A-x}', { A: '' }).value, '');
    assert.equal(interpolate('${A:+y}', { A: '1' }).value, 'y');
    assert.equal(interpolate('${A:-${B:-z}}').value, 'z');
    assert.deepEqual(interpolate('$A and ${B}').unresolved, ['A', 'B']);
    assert.ok(interpolate('${').error);
  });
  it('splits words like go-shellwords', () => {
    assert.deepEqual(shellWords(`a "b c" 'd e' f\\ g "" h`).words.map((w) => w.value), ['a', 'b c', 'd e', 'f g', '', 'h']);
    assert.equal(shellWords('a (b)').error, 'invalid command line string');
    assert.deepEqual(shellWords('echo $(date) x').words.map((w) => w.value), ['echo', '$(date)', 'x']);
  });
});

describe('buildComposeModel: real corpus', () => {
  const files = readdirSync(CORPUS).sort();
  it('finds the compose corpus', () => {
    assert.ok(files.length >= 10, `expected the corpus at ${CORPUS}`);
  });
  it('builds a model for every real compose file without throwing, each with services', () => {
    for (const name of files) {
      const m = buildComposeModel(parseYaml(readFileSync(join(CORPUS, name), 'utf8')));
      assert.ok(m.services.length > 0, name);
    }
  });
  it('reads real memory limits in Docker units', () => {
    const m = buildComposeModel(parseYaml(readFileSync(join(CORPUS, 'OskarWestmeijer__weather__cprod.yml'), 'utf8')));
    assert.equal(service(m, 'weather-api').memoryLimit!.value, 1572864000n);
    assert.equal(service(m, 'weather-db').memoryLimit!.value, 524288000n);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandK8s, type ExpansionLookup } from '../../../server/src/engine/k8s/launch';
import { literal, verbatimSpan } from '../../../server/src/engine/mapped';
import { at, dedent, launchOf, pod } from './launch-helpers';

function lookup(vars: Record<string, string>, opaque: string | null = null): ExpansionLookup {
  return {
    get: (name) => (name in vars ? { mapped: literal(vars[name]) } : undefined),
    undefinedReason: () => opaque,
  };
}

describe('expandK8s', () => {
  it('substitutes a defined variable inside one element without splitting it', () => {
    const out = expandK8s(literal('$(JAVA_OPTS)'), lookup({ JAVA_OPTS: '-Xmx1g -Xss512k' }));
    assert.equal(out.value, '-Xmx1g -Xss512k');
    assert.equal(out.vias[0]?.ref, '$(JAVA_OPTS)');
    assert.equal(out.refs.length, 1);
  });

  it('turns `$$` into `$` and does not expand what follows it', () => {
    assert.equal(expandK8s(literal('$$(JAVA_OPTS)'), lookup({ JAVA_OPTS: 'x' })).value, '$(JAVA_OPTS)');
    assert.equal(expandK8s(literal('a$$b'), lookup({})).value, 'a$b');
  });

  it('leaves a reference to an undefined variable as written', () => {
    assert.equal(expandK8s(literal('-Xmx$(HEAP)'), lookup({})).value, '-Xmx$(HEAP)');
  });

  it('keeps an unterminated `$(` and a `$` not followed by `(`', () => {
    assert.equal(expandK8s(literal('$(OPEN'), lookup({ OPEN: 'no' })).value, '$(OPEN');
    assert.equal(expandK8s(literal('$HOME and $'), lookup({ HOME: 'no' })).value, '$HOME and $');
  });

  it('marks a reference whose variable may come from an unseen source as unresolved', () => {
    const out = expandK8s(literal('$(X)'), lookup({}, 'may come from Secret `s`'));
    assert.equal(out.value, '$(X)');
    assert.equal(out.vias[0]?.resolved, false);
  });

  it('maps expanded characters to the variable value and literal ones to the item', () => {
    const item = { ...literal('-Dx=$(A)'), offsets: [10, 11, 12, 13, 14, 15, 16, 17] };
    const value = { ...literal('abc'), offsets: [50, 51, 52] };
    const out = expandK8s(item, { get: () => ({ mapped: value }), undefinedReason: () => null });
    assert.equal(out.value, '-Dx=abc');
    assert.deepEqual(out.offsets, [10, 11, 12, 13, 50, 51, 52]);
  });
});

describe('launchFromContainer', () => {
  it('expands env values only against variables defined earlier in the list', () => {
    const l = launchOf(
      pod(dedent(`
        image: app
        env:
          - name: B
            value: "$(A)-b"
          - name: A
            value: a
          - name: C
            value: "$(A)-c"
      `)),
    );
    const byName = Object.fromEntries(l.env.map((e) => [e.name, e.value]));
    assert.equal(byName.B, '$(A)-b');
    assert.equal(byName.C, 'a-c');
  });

  it('expands command and args against the whole environment', () => {
    const l = launchOf(
      pod(dedent(`
        image: app
        command: ["java", "$(HEAP)"]
        args: ["-jar", "$(JAR)"]
        env:
          - name: HEAP
            value: -Xmx1g
          - name: JAR
            value: app.jar
      `)),
    );
    assert.deepEqual(l.command?.map((a) => a.value), ['java', '-Xmx1g']);
    assert.deepEqual(l.args?.map((a) => a.value), ['-jar', 'app.jar']);
    assert.equal(l.keepsImageEntrypoint, false);
  });

  it('reads envFrom ConfigMaps with their prefix, and lets env override them', () => {
    const text = pod(
      dedent(`
        image: app
        envFrom:
          - configMapRef:
              name: jvm
            prefix: APP_
        env:
          - name: APP_JAVA_OPTS
            value: -Xmx2g
      `),
      dedent(`
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: jvm
        data:
          JAVA_OPTS: -Xmx1g
          OTHER: x
      `),
    );
    const l = launchOf(text);
    const opts = l.env.find((e) => e.name === 'APP_JAVA_OPTS');
    assert.equal(opts?.value, '-Xmx2g');
    assert.equal(opts?.origin.kind, 'env');
    const other = l.env.find((e) => e.name === 'APP_OTHER');
    assert.deepEqual(other?.origin, { kind: 'configMap', name: 'jvm', key: 'OTHER', via: 'envFrom' });
    assert.equal(at(text, other!.valueSpan), 'x');
  });

  it('resolves configMapKeyRef from the same file, with the ConfigMap value span', () => {
    const text = pod(
      dedent(`
        image: app
        env:
          - name: JAVA_TOOL_OPTIONS
            valueFrom:
              configMapKeyRef:
                name: jvm
                key: opts
      `),
      dedent(`
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: jvm
        data:
          opts: "-XX:MaxRAMPercentage=75.0"
      `),
    );
    const e = launchOf(text).env[0];
    assert.equal(e.value, '-XX:MaxRAMPercentage=75.0');
    assert.equal(e.origin.kind, 'configMap');
    assert.equal(verbatimSpan(e.mapped!, 0, e.value!.length, text) !== null, true);
  });

  it('matches ConfigMaps by namespace', () => {
    const text = dedent(`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: prod}
      spec:
        containers:
          - name: app
            image: app
            env:
              - name: X
                valueFrom: {configMapKeyRef: {name: cm, key: k}}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cm, namespace: dev}
      data: {k: v}
    `);
    const e = launchOf(text).env[0];
    assert.equal(e.value, null);
    assert.match(e.unresolvedReason ?? '', /not in this file/);
  });

  it('says plainly when a value comes from a Secret, a missing ConfigMap key or a fieldRef', () => {
    const l = launchOf(
      pod(dedent(`
        image: app
        env:
          - name: S
            valueFrom: {secretKeyRef: {name: sec, key: k}}
          - name: F
            valueFrom: {fieldRef: {fieldPath: metadata.name}}
          - name: M
            valueFrom: {configMapKeyRef: {name: nowhere, key: k}}
      `)),
    );
    const [s, f, m] = l.env;
    assert.equal(s.value, null);
    assert.match(s.unresolvedReason!, /Secret `sec`/);
    assert.match(f.unresolvedReason!, /metadata\.name/);
    assert.match(m.unresolvedReason!, /ConfigMap `nowhere` is not in this file/);
  });

  it('records envFrom Secrets as opaque sources that make undefined references unresolved', () => {
    const l = launchOf(
      pod(dedent(`
        image: app
        command: ["java", "$(JAVA_OPTS)", "-jar", "a.jar"]
        envFrom:
          - secretRef: {name: creds}
      `)),
    );
    assert.equal(l.opaqueEnvSources?.length, 1);
    const item = l.command![1];
    assert.equal(item.value, '$(JAVA_OPTS)');
    assert.equal(item.vias[0]?.resolved, false);
  });

  it('maps argv items back to their text in flow, quoted and block scalars', () => {
    const text = pod(dedent(`
      image: app
      command:
        - java
        - "-Xmx512m"
        - '-Dname=it''s'
      args:
        - |
          -Xss1m
    `));
    const l = launchOf(text);
    const [, dq, sq] = l.command!;
    assert.equal(at(text, verbatimSpan(dq, 0, dq.value.length, text)), '-Xmx512m');
    // The escaped quote reads differently in the text: no verbatim span for the whole item, one for a prefix.
    assert.equal(verbatimSpan(sq, 0, sq.value.length, text), null);
    assert.equal(at(text, verbatimSpan(sq, 0, 7, text)), '-Dname=');
    const block = l.args![0];
    assert.equal(block.value, '-Xss1m\n');
    assert.equal(at(text, verbatimSpan(block, 0, 6, text)), '-Xss1m');
  });

  it('handles CRLF line endings', () => {
    const text = pod(dedent(`
      image: app
      command: ["java", "-Xmx1g"]
    `)).replace(/\n/g, '\r\n');
    const item = launchOf(text).command![1];
    assert.equal(at(text, verbatimSpan(item, 0, item.value.length, text)), '-Xmx1g');
  });
});

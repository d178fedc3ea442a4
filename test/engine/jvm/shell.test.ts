import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { literal, verbatimSpan, type MappedString } from '../../../server/src/engine/mapped';
import { runShell, shellScriptIndex, type ShellEnv } from '../../../server/src/engine/jvm/shell';

/** A script whose characters sit at offsets 100… of a fake text, so spans can be checked. */
function mapped(script: string, base = 100): MappedString {
  return { ...literal(script), offsets: [...script].map((_, i) => base + i) };
}

function env(vars: Record<string, string | null>): ShellEnv {
  return new Map(
    Object.entries(vars).map(([k, v]) => [k, v === null ? { value: null, reason: 'secret', exported: true } : { value: literal(v), exported: true }]),
  );
}

const argvOf = (script: string, vars: Record<string, string | null> = {}) =>
  runShell(mapped(script), env(vars)).commands.map((c) => c.argv.map((a) => a.value));

describe('runShell', () => {
  it('splits an unquoted variable into words and keeps a quoted one whole', () => {
    assert.deepEqual(argvOf('java $JAVA_OPTS -jar app.jar', { JAVA_OPTS: '-Xmx1g  -Xss1m' }), [
      ['java', '-Xmx1g', '-Xss1m', '-jar', 'app.jar'],
    ]);
    assert.deepEqual(argvOf('java "$JAVA_OPTS" -jar app.jar', { JAVA_OPTS: '-Xmx1g -Xss1m' }), [
      ['java', '-Xmx1g -Xss1m', '-jar', 'app.jar'],
    ]);
  });

  it('drops an unquoted empty expansion but keeps an empty quoted word', () => {
    assert.deepEqual(argvOf('java $NONE -jar a.jar'), [['java', '-jar', 'a.jar']]);
    assert.deepEqual(argvOf('java "" -jar a.jar'), [['java', '', '-jar', 'a.jar']]);
  });

  it('reads single quotes, double quotes and backslashes', () => {
    assert.deepEqual(argvOf(`java '-Dx=$HOME' "-Dy=a b" -Dz=c\\ d`, { HOME: '/root' }), [
      ['java', '-Dx=$HOME', '-Dy=a b', '-Dz=c d'],
    ]);
  });

  it('expands ${VAR}, ${VAR:-default} and ${VAR:+alt}', () => {
    assert.deepEqual(argvOf('java ${A} ${B:--Xmx1g} ${C:+-Dc=1} ${A:+-Da=1}', { A: '-Xss1m' }), [
      ['java', '-Xss1m', '-Xmx1g', '-Da=1'],
    ]);
    assert.deepEqual(argvOf('java ${E:-def}', { E: '' }), [['java', 'def']]);
    assert.deepEqual(argvOf('java ${E-def}', { E: '' }), [['java']]);
  });

  it('separates commands at &&, ||, ;, |, & and newlines', () => {
    assert.deepEqual(argvOf('echo a && cp x y; java -version || true | cat & sleep 1\nexec java -jar b.jar'), [
      ['echo', 'a'],
      ['cp', 'x', 'y'],
      ['java', '-version'],
      ['true'],
      ['cat'],
      ['sleep', '1'],
      ['java', '-jar', 'b.jar'],
    ]);
  });

  it('marks exec and skips wrappers before the program', () => {
    const r = runShell(mapped('exec gosu app tini -- java -jar a.jar'), new Map());
    assert.equal(r.commands[0].exec, true);
    assert.deepEqual(r.commands[0].argv.map((a) => a.value), ['java', '-jar', 'a.jar']);
    assert.deepEqual(r.commands[0].wrappers, ['exec', 'gosu', 'tini']);
  });

  it('follows assignments, export and prefix assignments', () => {
    const r = runShell(
      mapped('OPTS="-Xmx1g -Xss1m"; export JAVA_TOOL_OPTIONS=-Xmx2g; X=1 _JAVA_OPTIONS=-Xmx3g java $OPTS -jar a.jar'),
      new Map(),
    );
    const cmd = r.commands[0];
    assert.deepEqual(cmd.argv.map((a) => a.value), ['java', '-Xmx1g', '-Xss1m', '-jar', 'a.jar']);
    assert.equal(cmd.env.get('JAVA_TOOL_OPTIONS')?.value?.value, '-Xmx2g');
    assert.equal(cmd.env.get('_JAVA_OPTIONS')?.value?.value, '-Xmx3g');
    // OPTS was never exported: the program does not get it.
    assert.equal(cmd.env.has('OPTS'), false);
    assert.deepEqual(cmd.prefixAssignments, ['X', '_JAVA_OPTIONS']);
  });

  it('does not split assignment values', () => {
    const r = runShell(mapped('A=$B; java $A'), env({ B: '-Xmx1g -Xss1m' }));
    assert.deepEqual(r.commands[0].argv.map((a) => a.value), ['java', '-Xmx1g', '-Xss1m']);
  });

  it('follows a nested sh -c with the exported environment', () => {
    const r = runShell(mapped(`export O=-Xmx1g; su app -s /bin/sh; sh -c 'exec java $O -jar a.jar'`), new Map());
    const java = r.commands.find((c) => c.argv[0].value === 'java');
    assert.deepEqual(java?.argv.map((a) => a.value), ['java', '-Xmx1g', '-jar', 'a.jar']);
    assert.equal(java?.nested, true);
  });

  it('keeps a source span for a word spelled verbatim inside the script', () => {
    const script = 'exec java -Xmx2g "-Dspace=a b" -Dq="a b" -jar app.jar';
    const text = ' '.repeat(100) + script;
    const words = runShell(mapped(script), new Map()).commands[0].argv;
    const xmx = words[1];
    assert.deepEqual(verbatimSpan(xmx, 0, xmx.value.length, text), [110, 116]);
    // A whole quoted word maps to the text between its quotes.
    const d = words[2];
    assert.deepEqual(verbatimSpan(d, 0, d.value.length, text), [118, 129]);
    // Quotes inside a word break the verbatim range: no span for the whole word.
    const q = words[3];
    assert.equal(q.value, '-Dq=a b');
    assert.equal(verbatimSpan(q, 0, q.value.length, text), null);
  });

  it('points expanded words at the variable value and records the reference', () => {
    const value: MappedString = { ...literal('-Xmx1g -Xss1m'), offsets: [...'-Xmx1g -Xss1m'].map((_, i) => 500 + i) };
    const r = runShell(mapped('java $JAVA_OPTS'), new Map([['JAVA_OPTS', { value, exported: true }]]));
    const w = r.commands[0].argv[2];
    assert.equal(w.value, '-Xss1m');
    assert.equal(w.offsets[0], 507);
    assert.equal(w.vias[0]?.ref, '$JAVA_OPTS');
    assert.deepEqual(w.vias[0]?.refSpan, [105, 115]);
    assert.deepEqual(r.commands[0].refs.map((v) => v.variable), ['JAVA_OPTS']);
  });

  it('keeps command substitution and unknown values as unresolved text', () => {
    const r = runShell(mapped('java $(cat /opts) $SECRET -jar a.jar'), env({ SECRET: null }));
    const argv = r.commands[0].argv;
    assert.equal(argv[1].value, '$(cat /opts)');
    assert.equal(argv[1].vias[0]?.resolved, false);
    assert.equal(argv[2].value, '$SECRET');
    assert.equal(argv[2].vias[0]?.reason, 'secret');
  });

  it('skips comments, redirections and reserved words', () => {
    assert.deepEqual(argvOf('# start\nif true; then java -jar a.jar > /tmp/log 2>&1; fi'), [
      ['true'],
      ['java', '-jar', 'a.jar'],
    ]);
  });

  it('joins backslash-newline continuations', () => {
    assert.deepEqual(argvOf('java \\\n  -Xmx1g \\\n  -jar a.jar'), [['java', '-Xmx1g', '-jar', 'a.jar']]);
  });

  it('never throws on unbalanced quotes and odd input', () => {
    for (const s of ['java "-Xmx1g', "java '", 'java ${', 'java $(', '"', '\\', '`', '${A:-', ')))']) {
      assert.doesNotThrow(() => runShell(mapped(s), new Map()));
    }
  });
});

describe('shellScriptIndex', () => {
  const idx = (...argv: string[]) => shellScriptIndex(argv.map((value) => ({ value })));
  it('finds the script argument after -c and combined flags', () => {
    assert.equal(idx('sh', '-c', 'java'), 2);
    assert.equal(idx('/bin/bash', '-ec', 'java'), 2);
    assert.equal(idx('bash', '-o', 'pipefail', '-c', 'java'), 4);
    assert.equal(idx('/usr/bin/env', 'bash', '-c', 'java'), 3);
    assert.equal(idx('sh', '-xc', 'java'), 2, 'c last');
    assert.equal(idx('sh', '-cex', 'java'), 2, 'c first');
    assert.equal(idx('sh', '+xc', 'java'), 2, 'a + option group');
    assert.equal(idx('sh', '-x', 'start.sh'), null, 'no c');
    assert.equal(idx('sh', '-c1', 'java'), null, 'not option letters');
  });
  it('returns null without -c or for other programs', () => {
    assert.equal(idx('sh', 'start.sh'), null);
    assert.equal(idx('java', '-c', 'x'), null);
    assert.equal(idx('sh', '-c'), null);
  });
});

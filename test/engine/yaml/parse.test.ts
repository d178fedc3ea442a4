import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { asMap, asSeq, get, getPair, type YNode, type YScalar } from '../../../server/src/engine/yaml/tree';

function root(text: string): YNode | null {
  const file = parseYaml(text);
  assert.equal(file.docs.length, 1);
  return file.docs[0].contents;
}

function scalar(text: string, key = 'v'): YScalar {
  const node = get(root(`${key}: ${text}\n`), key);
  assert.ok(node && node.kind === 'scalar', `a scalar for \`${text}\``);
  return node;
}

describe('parseYaml: YAML 1.1 typing of plain scalars (go-yaml v2)', () => {
  const cases: [string, unknown, 'int' | 'float' | undefined][] = [
    ['010', 8, 'int'],
    ['0o10', 8, 'int'],
    ['0x10', 16, 'int'],
    ['0b101', 5, 'int'],
    ['1_000', 1000, 'int'],
    ['+1', 1, 'int'],
    ['-42', -42, 'int'],
    ['1e3', 1000, 'float'],
    ['12E6', 12000000, 'float'],
    ['1.5e9', 1500000000, 'float'],
    ['.5', 0.5, 'float'],
    ['0.5', 0.5, 'float'],
    ['08', 8, 'float'],
    ['.inf', Infinity, 'float'],
    ['-.Inf', -Infinity, 'float'],
    ['yes', true, undefined],
    ['Yes', true, undefined],
    ['ON', true, undefined],
    ['y', true, undefined],
    ['no', false, undefined],
    ['Off', false, undefined],
    ['FALSE', false, undefined],
    ['yEs', 'yEs', undefined],
    ['~', null, undefined],
    ['null', null, undefined],
    ['NULL', null, undefined],
    ['1Gi', '1Gi', undefined],
    ['1e999', '1e999', undefined],
    ['2001-12-14', '2001-12-14', undefined],
    ['_1', '_1', undefined],
  ];
  for (const [text, value, numberType] of cases) {
    it(`types \`${text}\` as ${String(value)}${numberType ? ` (${numberType})` : ''}`, () => {
      const node = scalar(text);
      if (Number.isNaN(value)) assert.ok(Number.isNaN(node.value));
      else assert.equal(node.value, value);
      assert.equal(node.numberType, numberType);
      assert.equal(node.source, text);
      assert.equal(node.style, 'plain');
    });
  }

  it('types `.nan` as NaN', () => assert.ok(Number.isNaN(scalar('.nan').value)));

  it('keeps integers beyond 2^53 exact as bigint, up to uint64', () => {
    assert.equal(scalar('9223372036854775807').value, 9223372036854775807n);
    assert.equal(scalar('18446744073709551615').value, 18446744073709551615n);
    // Beyond uint64 go-yaml falls back to a float.
    const big = scalar('18446744073709551616');
    assert.equal(big.numberType, 'float');
    assert.equal(big.value, 18446744073709551616);
  });

  it('leaves quoted scalars strings, with the decoded text as source', () => {
    const node = scalar('"01\\t0"');
    assert.equal(node.value, '01\t0');
    assert.equal(node.source, '01\t0');
    assert.equal(node.style, 'double');
    assert.equal(scalar("'010'").style, 'single');
    assert.equal(scalar("'010'").value, '010');
  });

  it('honours !!str and !!int tags', () => {
    const str = scalar('!!str 010');
    assert.equal(str.value, '010');
    assert.equal(str.tag, '!!str');
    assert.equal(scalar('!!int "010"').value, 8);
    assert.equal(scalar('!!float 1').numberType, 'float');
  });

  it('reads block scalars as strings', () => {
    const node = get(root('v: |\n  010\n'), 'v') as YScalar;
    assert.equal(node.value, '010\n');
    assert.equal(node.style, 'block');
  });
});

describe('parseYaml: structure and spans', () => {
  it('gives spans [start, valueEnd) that slice the text as written', () => {
    const text = 'spec:\n  memory: 512Mi # comment\n';
    const m = get(get(root(text), 'spec'), 'memory') as YScalar;
    assert.equal(text.slice(m.span[0], m.span[1]), '512Mi');
    const pair = getPair(get(root(text), 'spec'), 'memory');
    assert.ok(pair);
    assert.equal(text.slice(pair.span[0], pair.span[1]), 'memory: 512Mi');
  });

  it('keeps offsets into the original text when it starts with a BOM', () => {
    const text = '\ufeffmemory: 1Gi\n';
    const file = parseYaml(text);
    assert.equal(file.text, text);
    const node = get(file.docs[0].contents, 'memory') as YScalar;
    assert.equal(text.slice(node.span[0], node.span[1]), '1Gi');
    assert.equal(node.span[0], 9);
  });

  it('handles CRLF line ends', () => {
    const text = 'a: 1\r\nb:\r\n  c: 2Gi\r\n';
    const c = get(get(root(text), 'b'), 'c') as YScalar;
    assert.equal(c.value, '2Gi');
    assert.equal(text.slice(c.span[0], c.span[1]), '2Gi');
  });

  it('accepts a tab after a colon and reports tab indentation as an error without throwing', () => {
    assert.equal((get(root('a:\tb\n'), 'a') as YScalar).value, 'b');
    const file = parseYaml('a:\n\tb: 1\n');
    assert.ok(file.docs[0].errors.length > 0);
    assert.match(file.docs[0].errors[0].message, /[Tt]ab/);
  });

  it('reads every document of a multi-document file', () => {
    const file = parseYaml('kind: A\n---\nkind: B\n---\n# only a comment\n');
    assert.equal(file.docs.length, 3);
    assert.equal((get(file.docs[1].contents, 'kind') as YScalar).value, 'B');
    assert.equal(file.docs[2].contents, null);
    assert.equal(file.docs[1].span[0], 8);
  });

  it('returns an empty document for an empty file and a comment-only file', () => {
    for (const text of ['', '# nothing\n# here\n']) {
      const file = parseYaml(text);
      assert.ok(file.docs.every((d) => d.contents === null && d.errors.length === 0), JSON.stringify(file.docs));
    }
  });

  it('reads flow collections', () => {
    const r = root('a: {x: 1, list: [010, "b"]}\n');
    const a = asMap(get(r, 'a'));
    assert.ok(a && a.flow);
    const y = asSeq(get(a, 'list'));
    assert.ok(y && y.flow);
    assert.equal((y.items[0] as YScalar).value, 8);
  });

  it('makes `key:` without a value a pair with a null value, and `- ` a null item', () => {
    const r = root('a:\nb: [x, ]\nc:\n  -\n  - y\n');
    const pair = getPair(r, 'a');
    assert.ok(pair && pair.value === null);
    assert.equal(asSeq(get(r, 'c'))?.items[0], null);
  });

  it('uses the JSON key sigs.k8s.io/yaml would produce for typed keys', () => {
    // go-yaml v2 reads the key `y` as the boolean true, and sigs.k8s.io/yaml writes it as "true".
    const r = asMap(root('010: a\ny: b\n"x": c\n'));
    assert.deepEqual(
      r?.items.map((p) => p.key),
      ['8', 'true', 'x'],
    );
  });

  it('keeps duplicate keys so that `get` returns the last, as the API server decodes', () => {
    assert.equal((get(root('a: 1\na: 2\n'), 'a') as YScalar).value, 2);
  });
});

describe('parseYaml: anchors, aliases and merge keys', () => {
  it('resolves an alias to the anchored node itself', () => {
    const file = parseYaml('a: &x {m: 1Gi}\nb: *x\n');
    const doc = file.docs[0];
    assert.equal(doc.hasAliases, true);
    assert.equal(get(doc.contents, 'a'), get(doc.contents, 'b'));
  });

  it('merges `<<: *base` with keys written after it winning', () => {
    const r = root('base: &b {memory: 1Gi, cpu: 1}\nres:\n  <<: *b\n  memory: 2Gi\n');
    const res = get(r, 'res');
    assert.equal((get(res, 'memory') as YScalar).value, '2Gi');
    assert.equal((get(res, 'cpu') as YScalar).value, 1);
  });

  it('merges a list of maps with earlier maps winning', () => {
    const r = root('a: &a {k: 1}\nb: &b {k: 2, j: 3}\nc:\n  <<: [*a, *b]\n');
    const c = get(r, 'c');
    assert.equal((get(c, 'k') as YScalar).value, 1);
    assert.equal((get(c, 'j') as YScalar).value, 3);
  });

  it('reports an unknown alias and a self-containing alias as errors', () => {
    assert.match(parseYaml('a: *nope\n').docs[0].errors[0].message, /Unknown alias/);
    assert.match(parseYaml('a: &s [*s]\n').docs[0].errors[0].message, /contains it/);
  });

  it('stops a billion-laughs alias bomb with an error instead of expanding it', () => {
    const levels = 'abcdefghi'.split('');
    let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < levels.length; i++) {
      const prev = levels[i - 1];
      text += `${levels[i]}: &${levels[i]} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    }
    const file = parseYaml(text);
    const doc = file.docs[0];
    assert.equal(doc.contents, null);
    assert.match(doc.errors[0].message, /Aliases expand to more than 100000 nodes/);
  });

  it('allows ordinary alias use below the limit', () => {
    const file = parseYaml('a: &a [1, 2, 3]\nb: [*a, *a, *a]\n', { maxAliasNodes: 100 });
    assert.equal(file.docs[0].errors.length, 0);
    assert.equal(asSeq(get(file.docs[0].contents, 'b'))?.items.length, 3);
  });
});

describe('parseYaml: broken YAML', () => {
  it('reads a half-typed resources block without error', () => {
    const r = root('resources:\n  limits:\n    memory: 1');
    assert.equal((get(get(get(r, 'resources'), 'limits'), 'memory') as YScalar).value, 1);
  });

  it('reports syntax errors with spans and still returns what it could read', () => {
    const text = 'a: [1, 2\nb: 3\n';
    const doc = parseYaml(text).docs[0];
    assert.ok(doc.errors.length > 0);
    const [start, end] = doc.errors[0].span;
    assert.ok(start >= 0 && end >= start && end <= text.length);
    assert.ok(get(doc.contents, 'a'));
  });

  it('never throws on hostile input', () => {
    for (const text of ['[' .repeat(5000), '{'.repeat(3000) + '}'.repeat(3000), ': : :', '- - - -\n  -', '"\\', '&a *a', '!!!', '? ? ?', '%YAML 9\n---\n']) {
      const file = parseYaml(text);
      assert.ok(Array.isArray(file.docs));
    }
  });
});

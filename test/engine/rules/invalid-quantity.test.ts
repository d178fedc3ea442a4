import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guessQuantitySpelling, invalidQuantity } from '../../../server/src/engine/rules/invalid-quantity';
import { assertFixResult, findFix } from '../../helpers/fixes';
import { check } from '../../helpers/rule-context';
import { crlf, dedent, textAt } from '../../helpers/text';

function pod(resources: string): string {
  const head = dedent`
    apiVersion: v1
    kind: Pod
    metadata:
      name: api
    spec:
      containers:
        - name: app
          image: nginx
          resources:
  `;
  return head + resources.replace(/^/gm, '        ') + '\n';
}

describe('invalid-quantity', () => {
  it('reports `4GB` on the value with `4Gi` preferred and safe, `4G` as the alternative', () => {
    const text = pod('limits:\n  memory: 4GB');
    const [f, ...rest] = check(invalidQuantity, text);
    assert.equal(rest.length, 0);
    assert.equal(textAt(text, f.range), '4GB');
    assert.equal(
      f.message,
      'Memory limit `4GB` is not a valid quantity (Kubernetes quantities have no `B` suffix): did you mean `4Gi` or `4G`?',
    );
    assert.deepEqual(
      f.fixes?.map((x) => [x.title, !!x.isPreferred, !!x.safe]),
      [
        ['Change to `4Gi`', true, true],
        ['Change to `4G`', false, false],
      ],
    );
    assertFixResult(invalidQuantity, text, f, findFix(f, 'Change to `4Gi`'), text.replace('4GB', '4Gi'));
    assertFixResult(invalidQuantity, text, f, findFix(f, 'Change to `4G`'), text.replace('4GB', '4G'));
  });

  it('fixes `1gi`, `512MB` and `1.5 Gi`, keeping the quotes', () => {
    const text = pod('requests:\n  memory: "1gi"\n  cpu: \'500 m\'\nlimits:\n  memory: 1.5 Gi\n  ephemeral-storage: 512MB');
    const fs = check(invalidQuantity, text);
    assert.deepEqual(
      fs.map((f) => [textAt(text, f.range), f.fixes?.[0]?.title]),
      [
        ['"1gi"', 'Change to `1Gi`'],
        ["'500 m'", 'Change to `500m`'],
        ['1.5 Gi', 'Change to `1.5Gi`'],
        ['512MB', 'Change to `512Mi`'],
      ],
    );
    assert.match(fs[0].message, /^Memory request `1gi` is not a valid quantity \(quantity suffixes are case-sensitive\)/);
    assert.match(fs[2].message, /\(a quantity cannot contain spaces\)/);
    assert.match(fs[3].message, /^`ephemeral-storage` limit `512MB`/);
    assertFixResult(invalidQuantity, text, fs[0], fs[0].fixes![0], text.replace('"1gi"', '"1Gi"'));
    assertFixResult(invalidQuantity, text, fs[1], fs[1].fixes![0], text.replace("'500 m'", "'500m'"));
    assertFixResult(invalidQuantity, text, fs[2], fs[2].fixes![0], text.replace('1.5 Gi', '1.5Gi'));
  });

  it('reports booleans, maps and negative values without a fix', () => {
    const text = pod('requests:\n  memory: true\n  cpu: -1\nlimits:\n  memory: {size: 1Gi}');
    const fs = check(invalidQuantity, text);
    assert.deepEqual(
      fs.map((f) => [textAt(text, f.range), f.message, f.fixes]),
      [
        ['true', 'Memory request `true` is not a quantity (YAML reads it as a boolean): the API server rejects the pod', undefined],
        ['-1', 'CPU request `-1` is negative: the API server rejects the pod', undefined],
        ['{size: 1Gi}', 'Memory limit must be a quantity such as `512Mi`, not a map: the API server rejects the pod', undefined],
      ],
    );
  });

  it('accepts valid quantities, including the odd ones Kubernetes allows', () => {
    const text = pod("requests:\n  memory: 1Gi\n  cpu: 0.5\nlimits:\n  memory: ' 1Gi'\n  cpu: 1e3");
    assert.deepEqual(check(invalidQuantity, text), []);
  });

  it('reports pod-level resources and every document of a multi-document file', () => {
    const text = dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: a}
      spec:
        resources:
          limits: {memory: 2GB}
        containers: [{name: app, image: nginx}]
      ---
      apiVersion: v1
      kind: List
      items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: b}
          spec:
            template:
              spec:
                containers:
                  - name: app
                    resources: {limits: {memory: 1GB}}
    `;
    const fs = check(invalidQuantity, text);
    assert.deepEqual(
      fs.map((f) => [textAt(text, f.range), f.message.split(' is ')[0]]),
      [
        ['2GB', 'Pod-level memory limit `2GB`'],
        ['1GB', 'Memory limit `1GB`'],
      ],
    );
    assertFixResult(invalidQuantity, text, fs[1], fs[1].fixes![0], text.replace('1GB', '1Gi'));
  });

  it('reports one finding for a value shared through a YAML alias', () => {
    const text = dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: a}
      spec:
        containers:
          - name: one
            resources: &res {limits: {memory: 1gb}}
          - name: two
            resources: *res
    `;
    assert.equal(check(invalidQuantity, text).length, 1);
  });

  it('works on CRLF text and on an empty file', () => {
    const text = crlf(pod('limits:\n  memory: 4GB'));
    const [f] = check(invalidQuantity, text);
    assert.equal(textAt(text, f.range), '4GB');
    assertFixResult(invalidQuantity, text, f, f.fixes![0], text.replace('4GB', '4Gi'));
    assert.deepEqual(check(invalidQuantity, ''), []);
  });

  it('guesses spellings only for case, `B`, spaces and digit separators', () => {
    assert.deepEqual(guessQuantitySpelling('4GB').candidates, ['4Gi', '4G']);
    assert.deepEqual(guessQuantitySpelling('1Gib').candidates, ['1Gi']);
    assert.deepEqual(guessQuantitySpelling('1K').candidates, ['1Ki', '1k']);
    assert.deepEqual(guessQuantitySpelling('100B').candidates, ['100']);
    assert.deepEqual(guessQuantitySpelling('1_000').candidates, ['1000']);
    assert.deepEqual(guessQuantitySpelling('-1Gi').candidates, []);
    assert.deepEqual(guessQuantitySpelling('1,5Gi').candidates, []);
    assert.deepEqual(guessQuantitySpelling('0x10').candidates, []);
    assert.deepEqual(guessQuantitySpelling('lots').candidates, []);
  });

  it('splits the written form into sign, number, spaces and suffix', () => {
    const guess = (s: string) => guessQuantitySpelling(s);
    assert.deepEqual(guess('1.5 Gi'), { candidates: ['1.5Gi'], reason: 'a quantity cannot contain spaces' });
    assert.deepEqual(guess('.5gi'), { candidates: ['.5Gi'], reason: 'quantity suffixes are case-sensitive' });
    assert.deepEqual(guess('1.gb'), { candidates: ['1.Gi', '1.G'], reason: 'Kubernetes quantities have no `B` suffix' });
    assert.deepEqual(guess('+2GB').candidates, ['+2Gi', '+2G']);
    assert.deepEqual(guess('1_0.5 mb').candidates, ['10.5Mi', '10.5M'], 'separators in the integer part only');
    assert.deepEqual(guess('1_024Mi'), { candidates: ['1024Mi'], reason: 'a quoted quantity cannot contain `_`' });
    for (const s of ['1.5.5Gi', '1._5Gi', '_1Gi', '1e3Mi', '1 ']) assert.deepEqual(guess(s), { candidates: [], reason: null }, s);
  });
});

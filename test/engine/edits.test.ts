import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectIndentUnit, editTarget, mergeEdits, replaceScalarEdit, setResources, toTextEdits, type ResourceValue } from '../../server/src/engine/yaml/edits';
import { LineIndex } from '../../server/src/engine/text';
import { parseYaml } from '../../server/src/engine/yaml/parse';
import { asMap, asSeq, get, type YMap, type YNode, type YScalar } from '../../server/src/engine/yaml/tree';
import { applyEdits, crlf, dedent } from '../helpers/text';

function podContainer(text: string, docIndex = 0, index = 0): YMap {
  const file = parseYaml(text, { helm: false });
  const doc = file.docs[docIndex];
  assert.deepEqual(doc.errors, [], 'fixture parses');
  const containers = asSeq(get(get(doc.contents, 'spec'), 'containers'));
  const c = asMap(containers?.items[index] ?? null);
  assert.ok(c, 'fixture has the container');
  return c;
}

function at(node: YNode | null, ...path: string[]): YNode | null {
  let n = node;
  for (const key of path) n = get(n, key);
  return n;
}

/** Set values in the first container and return the new text, checking it re-parses without errors. */
function set(text: string, values: ResourceValue[]): string {
  const c = podContainer(text);
  const lines = new LineIndex(text);
  const t = editTarget(text, lines, parseYaml(text, { helm: false }));
  const offsets = setResources(t, c, values);
  assert.ok(offsets, 'edits are possible');
  const edits = toTextEdits(t, offsets);
  assert.ok(edits);
  const after = applyEdits(text, edits);
  const reparsed = parseYaml(after, { helm: false });
  assert.deepEqual(reparsed.docs.flatMap((d) => d.errors), [], `valid YAML after the edit:\n${after}`);
  const c2 = podContainer(after);
  for (const v of values) {
    const node = at(c2, 'resources', v.which, v.resource) as YScalar | null;
    assert.equal(node?.kind, 'scalar');
    assert.equal(String(node?.value), v.value, `${v.which}.${v.resource} is set`);
  }
  return after;
}

const LIMIT: ResourceValue[] = [{ which: 'limits', resource: 'memory', value: '1Gi' }];

describe('edits', () => {
  it('detects a two-space and a four-space indent unit', () => {
    const two = dedent`
      apiVersion: v1
      kind: Pod
      metadata:
        name: a
    `;
    const four = two.replace('  name', '    name');
    assert.equal(detectIndentUnit(two, parseYaml(two, { helm: false })), 2);
    assert.equal(detectIndentUnit(four, parseYaml(four, { helm: false })), 4);
    assert.equal(detectIndentUnit('', parseYaml('', { helm: false })), 2);
  });

  it('replaces a plain scalar and keeps the trailing comment', () => {
    const text = 'a:\n  memory: 4GB # too much\n';
    const node = at(parseYaml(text, { helm: false }).docs[0].contents, 'a', 'memory') as YScalar;
    const t = editTarget(text, new LineIndex(text), null);
    const edits = toTextEdits(t, [replaceScalarEdit(t, node, '4Gi')]);
    assert.ok(edits);
    assert.equal(applyEdits(text, edits), 'a:\n  memory: 4Gi # too much\n');
  });

  it('keeps double and single quotes when replacing a scalar', () => {
    for (const [before, after] of [
      ['m: "4GB"\n', 'm: "4Gi"\n'],
      ["m: '4GB'\n", "m: '4Gi'\n"],
    ]) {
      const node = at(parseYaml(before, { helm: false }).docs[0].contents, 'm') as YScalar;
      const t = editTarget(before, new LineIndex(before), null);
      const edits = toTextEdits(t, [replaceScalarEdit(t, node, '4Gi')]);
      assert.ok(edits);
      assert.equal(applyEdits(before, edits), after);
    }
  });

  it('inserts a whole resources block into a container that has none, at the container indentation', () => {
    const before = dedent`
      apiVersion: v1
      kind: Pod
      metadata:
        name: a
      spec:
        containers:
          - name: app
            image: nginx # pinned later
        restartPolicy: Always
    `;
    assert.equal(
      set(before, LIMIT),
      dedent`
        apiVersion: v1
        kind: Pod
        metadata:
          name: a
        spec:
          containers:
            - name: app
              image: nginx # pinned later
              resources:
                limits:
                  memory: 1Gi
          restartPolicy: Always
      `,
    );
  });

  it('follows a four-space indent unit', () => {
    const before = dedent`
      kind: Pod
      apiVersion: v1
      spec:
          containers:
          -   name: app
              image: nginx
    `;
    assert.equal(
      set(before, LIMIT),
      dedent`
        kind: Pod
        apiVersion: v1
        spec:
            containers:
            -   name: app
                image: nginx
                resources:
                    limits:
                        memory: 1Gi
      `,
    );
  });

  it('inserts limits beside existing requests, after comment lines that belong to them', () => {
    const before = dedent`
      kind: Pod
      apiVersion: v1
      spec:
        containers:
        - name: app
          resources:
            requests:
              memory: 256Mi
              # cpu: 100m

        # a comment for the next key
        volumes: []
    `;
    assert.equal(
      set(before, LIMIT),
      dedent`
        kind: Pod
        apiVersion: v1
        spec:
          containers:
          - name: app
            resources:
              requests:
                memory: 256Mi
                # cpu: 100m
              limits:
                memory: 1Gi

          # a comment for the next key
          volumes: []
      `,
    );
  });

  it('adds a key to an existing limits map and replaces an existing value in one fix', () => {
    const before = dedent`
      kind: Pod
      apiVersion: v1
      spec:
        containers:
        - name: app
          resources:
            requests:
              memory: "2Gi"
            limits:
              cpu: 500m
    `;
    assert.equal(
      set(before, [
        { which: 'requests', resource: 'memory', value: '1Gi' },
        { which: 'limits', resource: 'memory', value: '1Gi' },
      ]),
      dedent`
        kind: Pod
        apiVersion: v1
        spec:
          containers:
          - name: app
            resources:
              requests:
                memory: "1Gi"
              limits:
                cpu: 500m
                memory: 1Gi
      `,
    );
  });

  it('inserts into the innermost and the outer map at the same point as one edit', () => {
    const before = dedent`
      kind: Pod
      apiVersion: v1
      spec:
        containers:
        - name: app
          resources:
            requests:
              memory: 1Gi
    `;
    const after = set(before, [
      { which: 'requests', resource: 'cpu', value: '250m' },
      { which: 'limits', resource: 'memory', value: '1Gi' },
      { which: 'limits', resource: 'cpu', value: '250m' },
    ]);
    assert.equal(
      after,
      dedent`
        kind: Pod
        apiVersion: v1
        spec:
          containers:
          - name: app
            resources:
              requests:
                memory: 1Gi
                cpu: 250m
              limits:
                memory: 1Gi
                cpu: 250m
      `,
    );
  });

  it('inserts inside the braces of flow-style maps', () => {
    const before = dedent`
      kind: Pod
      apiVersion: v1
      spec:
        containers:
        - name: app
          resources: {requests: {memory: 1Gi}}
    `;
    assert.equal(
      set(before, LIMIT),
      before.replace('{requests: {memory: 1Gi}}', '{requests: {memory: 1Gi}, limits: {memory: 1Gi}}'),
    );
    const empty = before.replace('{requests: {memory: 1Gi}}', '{}');
    assert.equal(set(empty, LIMIT), empty.replace('{}', '{limits: {memory: 1Gi}}'));
    const flowContainer = dedent`
      kind: Pod
      apiVersion: v1
      spec:
        containers: [{name: app, image: nginx}]
    `;
    assert.equal(
      set(flowContainer, LIMIT),
      flowContainer.replace('image: nginx}', 'image: nginx, resources: {limits: {memory: 1Gi}}}'),
    );
  });

  it('fills an empty `resources:` and an empty `limits:` key, keeping the comment after it', () => {
    const before = dedent`
      kind: Pod
      apiVersion: v1
      spec:
        containers:
        - name: app
          resources: # set by the platform
          image: nginx
    `;
    assert.equal(
      set(before, LIMIT),
      before.replace(
        'resources: # set by the platform\n',
        'resources: # set by the platform\n      limits:\n        memory: 1Gi\n',
      ),
    );
    const nullLimits = dedent`
      kind: Pod
      apiVersion: v1
      spec:
        containers:
        - name: app
          resources:
            limits: ~
    `;
    assert.equal(set(nullLimits, LIMIT), nullLimits.replace('limits: ~\n', 'limits:\n        memory: 1Gi\n'));
  });

  it('fills an empty or null scalar value in place', () => {
    const empty = 'kind: Pod\napiVersion: v1\nspec:\n  containers:\n  - name: app\n    resources:\n      limits:\n        memory:\n';
    assert.equal(set(empty, LIMIT), empty.replace('memory:\n', 'memory: 1Gi\n'));
    const tilde = empty.replace('memory:\n', 'memory: ~ # unset\n');
    assert.equal(set(tilde, LIMIT), tilde.replace('~', '1Gi'));
  });

  it('keeps CRLF line breaks and a BOM', () => {
    const before = crlf(dedent`
      apiVersion: v1
      kind: Pod
      spec:
        containers:
        - name: app
          image: nginx
    `);
    const after = set('\uFEFF' + before, LIMIT);
    assert.equal(after, '\uFEFF' + before + crlf('    resources:\n      limits:\n        memory: 1Gi\n'));
    assert.ok(!/[^\r]\n/.test(after), 'every line break is CRLF');
  });

  it('leaves tabs inside values and comments alone', () => {
    const before = 'kind: Pod\napiVersion: v1\nspec:\n  containers:\n  - name: app\t# tab\n    image: "a\tb"\n';
    assert.equal(
      set(before, LIMIT),
      before + '    resources:\n      limits:\n        memory: 1Gi\n',
    );
  });

  it('refuses a resources value of the wrong shape', () => {
    const text = 'kind: Pod\napiVersion: v1\nspec:\n  containers:\n  - name: app\n    resources: [1]\n';
    const t = editTarget(text, new LineIndex(text), parseYaml(text, { helm: false }));
    assert.equal(setResources(t, podContainer(text), LIMIT), null);
  });

  it('merges touching edits in order and rejects overlapping ones', () => {
    assert.deepEqual(
      mergeEdits([
        { start: 5, end: 5, newText: 'b' },
        { start: 2, end: 5, newText: 'a' },
        { start: 5, end: 5, newText: 'c' },
      ]),
      [{ start: 2, end: 5, newText: 'abc' }],
    );
    assert.equal(mergeEdits([{ start: 1, end: 4, newText: 'x' }, { start: 3, end: 6, newText: 'y' }]), null);
    assert.deepEqual(mergeEdits([{ start: 1, end: 2, newText: 'x' }, { start: 1, end: 2, newText: 'x' }]), [
      { start: 1, end: 2, newText: 'x' },
    ]);
  });
});

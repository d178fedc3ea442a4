import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suspiciousMemoryQuantity } from '../../../server/src/engine/rules/suspicious-memory-quantity';
import { assertFixResult, findFix } from '../../helpers/fixes';
import { check } from '../../helpers/rule-context';
import { dedent, textAt } from '../../helpers/text';

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

describe('suspicious-memory-quantity', () => {
  it('reports `512m` memory as 0.512 bytes with a safe `512Mi` fix', () => {
    const text = pod('requests:\n  memory: 512m\nlimits:\n  memory: 1Gi');
    const fs = check(suspiciousMemoryQuantity, text);
    assert.equal(fs.length, 1);
    assert.equal(textAt(text, fs[0].range), '512m');
    assert.equal(
      fs[0].message,
      'Memory request `512m` is 0.512 bytes (`m` means milli), rounded up to 1 byte: did you mean `512Mi`?',
    );
    const fix = findFix(fs[0], 'Change to `512Mi`');
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.safe, true);
    assert.equal(findFix(fs[0], 'Change to `512M`').safe, undefined);
    assertFixResult(suspiciousMemoryQuantity, text, fs[0], fix, text.replace('memory: 512m', 'memory: 512Mi'));
    assertFixResult(suspiciousMemoryQuantity, text, fs[0], findFix(fs[0], 'Change to `512M`'), text.replace('memory: 512m', 'memory: 512M'));
  });

  it('reports the request and the limit of `512m` each', () => {
    const text = pod('requests:\n  memory: 512m\nlimits:\n  memory: 512m');
    assert.deepEqual(
      check(suspiciousMemoryQuantity, text).map((f) => f.message.split(' is ')[0]),
      ['Memory request `512m`', 'Memory limit `512m`'],
    );
  });

  it('keeps quotes and shows bytes above one for big milli values', () => {
    const text = pod('limits:\n  memory: "2048m"');
    const [f] = check(suspiciousMemoryQuantity, text);
    assert.equal(textAt(text, f.range), '"2048m"');
    assert.match(f.message, /is 2\.048 bytes .* rounded up to 3 bytes/);
    assertFixResult(suspiciousMemoryQuantity, text, f, f.fixes![0], text.replace('"2048m"', '"2048Mi"'));
  });

  it('reports values below 1Mi, with a not-safe `Mi` fix for bare byte counts only', () => {
    const text = pod('requests:\n  memory: 512\nlimits:\n  memory: 1Gi');
    const [f] = check(suspiciousMemoryQuantity, text);
    assert.equal(f.message, 'Memory request `512` is only 512 B, below 1Mi: did you mean `512Mi`?');
    const fix = findFix(f, 'Change to `512Mi`');
    assert.equal(fix.safe, undefined);
    assertFixResult(suspiciousMemoryQuantity, text, f, fix, text.replace('memory: 512\n', 'memory: 512Mi\n'));
    const ki = check(suspiciousMemoryQuantity, pod('limits:\n  memory: 64Ki'));
    assert.deepEqual(
      ki.map((x) => [x.message, x.fixes]),
      [['Memory limit `64Ki` is only 64 KiB, below 1Mi', undefined]],
    );
  });

  it('leaves zero, 1Mi and above, CPU millicores and invalid values alone', () => {
    const text = pod('requests:\n  memory: 0\n  cpu: 500m\nlimits:\n  memory: 1Mi\n  ephemeral-storage: 10m\n  hugepages-2Mi: 0');
    assert.deepEqual(check(suspiciousMemoryQuantity, text), []);
    assert.deepEqual(check(suspiciousMemoryQuantity, pod('limits:\n  memory: 512mb')), []);
  });

  it('reads YAML 1.1 numbers as Kubernetes does: `010` is 8 bytes', () => {
    const text = pod('limits:\n  memory: 010');
    const [f] = check(suspiciousMemoryQuantity, text);
    assert.equal(f.message, 'Memory limit `010` is only 8 B, below 1Mi');
    assert.equal(f.fixes, undefined);
  });
});

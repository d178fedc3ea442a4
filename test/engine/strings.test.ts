import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cutFromFirst, trimEndChars } from '../../server/src/engine/strings';

describe('cutFromFirst', () => {
  it('cuts before the first needle', () => {
    assert.equal(cutFromFirst('file:///a/values.yaml?x=1#top', '?', '#'), 'file:///a/values.yaml');
    assert.equal(cutFromFirst('file:///a/values.yaml#top?x', '?', '#'), 'file:///a/values.yaml');
    assert.equal(cutFromFirst('https://github.com/o/r/blob/main/docs/rules/x.md', '/blob/'), 'https://github.com/o/r');
    assert.equal(cutFromFirst('`-Xmx2g`: above the limit: 4Gi', ':'), '`-Xmx2g`');
    assert.equal(cutFromFirst('no needle here', '?', '#'), 'no needle here');
    assert.equal(cutFromFirst('', ':'), '');
  });

  it('answers as `.replace(/X.*$/, "")` does across line breaks: only the last line is cut', () => {
    for (const text of ['a:b\nc:d', 'a:b\r\nc', 'a\u2028b:c', 'a:b\u2029', ':\n:', 'x\n']) {
      assert.equal(cutFromFirst(text, ':'), text.replace(/:.*$/, ''), JSON.stringify(text));
    }
  });

  it('is linear on long input (a hang detector, not a timing)', () => {
    // The regex it replaces retries `.*$` from every `:` before the final line break: quadratic.
    const text = `${':'.repeat(200_000)}\nend`;
    const started = Date.now();
    assert.equal(cutFromFirst(text, ':'), text);
    assert.ok(Date.now() - started < 5_000);
  });
});

describe('trimEndChars', () => {
  it('drops the run of the given characters at the end only', () => {
    assert.equal(trimEndChars('500', '0'), '5');
    assert.equal(trimEndChars('000', '0'), '');
    assert.equal(trimEndChars('050', '0'), '05');
    assert.equal(trimEndChars('Unexpected end of input.:.', '.:'), 'Unexpected end of input');
    assert.equal(trimEndChars('a.b', '.:'), 'a.b');
    assert.equal(trimEndChars('', '.:'), '');
  });
});

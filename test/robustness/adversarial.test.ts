// Adversarial files through the real server: each is answered with diagnostics (possibly none) within a generous
// bound — a hang detector — and the server still answers afterwards. Issue 6 "Robustness".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startClient, type TestClient } from '../lsp/lsp-client';
import { close, failures, HANG_MS, openAndWait, within } from './lsp-util';

const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: app',
  'spec:',
  '  containers:',
  '  - name: app',
  '    image: eclipse-temurin:17-jre',
  '    resources:',
  '      requests:',
  '        memory: 1GB',
  '',
].join('\n');

/** `n` levels of aliases, each ten times the one before: 10^n nodes when expanded ("billion laughs"). */
function aliasBomb(levels: number): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: lol', 'data:', '  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++) lines.push(`  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n---\n${POD}`;
}

/** Invalid UTF-8 as an editor receives it: decoded with replacement characters (U+FFFD). */
function decodedInvalidUtf8(): string {
  const bytes = Buffer.concat([Buffer.from(POD.replace('name: app\n', 'name: "a\u0000b"\n')), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x00, 0x0a])]);
  return new TextDecoder('utf-8').decode(bytes) + '# lone surrogate \ud800 and NUL \u0000\n';
}

function hugeFile(): string {
  const parts: string[] = [];
  let n = 0;
  while (n < 10_000_000) {
    parts.push('---\n', POD);
    n += POD.length + 4;
  }
  return parts.join('');
}

const CASES: Array<{ name: string; uri: string; languageId: string; text: () => string; expect?: (codes: string[], messages: string[]) => void }> = [
  {
    name: 'an alias bomb of 10^9 nodes',
    uri: 'file:///adv/bomb.yaml',
    languageId: 'yaml',
    text: () => aliasBomb(9),
    // The bomb's document is refused; the pod beside it is still analysed.
    expect: (codes) => assert.ok(codes.includes('invalid-quantity'), codes.join()),
  },
  {
    name: 'a 10 MB file, above the maxFileSize setting',
    uri: 'file:///adv/huge.yaml',
    languageId: 'yaml',
    text: hugeFile,
    expect: (_codes, messages) => assert.ok(messages.some((m) => /skipped/.test(m) && /maxFileSize/.test(m)), messages.join('\n')),
  },
  {
    name: '10,000 levels of flow sequences',
    uri: 'file:///adv/deep-flow.yaml',
    languageId: 'yaml',
    text: () => `${POD}x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  },
  {
    name: '10,000 levels of flow maps',
    uri: 'file:///adv/deep-map.yaml',
    languageId: 'yaml',
    text: () => `${POD}x: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
  },
  {
    name: '10,000 levels of block sequences',
    uri: 'file:///adv/deep-block.yaml',
    languageId: 'yaml',
    text: () => `${POD}x:\n${'- '.repeat(10_000)}x\n`,
  },
  {
    name: 'a 1 MB line in a plain scalar, a quoted scalar and a comment',
    uri: 'file:///adv/long-line.yaml',
    languageId: 'yaml',
    text: () =>
      `#${'c'.repeat(1_000_000)}\n${POD.replace('name: app\n', `name: ${'x'.repeat(1_000_000)}\n`).replace('image: eclipse-temurin:17-jre', `image: "${'y'.repeat(1_000_000)}"`)}`,
    expect: (codes) => assert.ok(codes.includes('invalid-quantity'), codes.join()),
  },
  {
    name: 'NUL bytes, lone surrogates and invalid UTF-8',
    uri: 'file:///adv/binary.yaml',
    languageId: 'yaml',
    text: decodedInvalidUtf8,
  },
  {
    name: 'a Dockerfile of 100,000 continuation lines',
    uri: 'file:///adv/Dockerfile',
    languageId: 'dockerfile',
    text: () => `FROM eclipse-temurin:17-jre\nENV JAVA_OPTS="-Xmx512m \\\n${'  -Dx=1 \\\n'.repeat(50_000)}"\nRUN echo \\\n${'  a \\\n'.repeat(50_000)}  b\nENTRYPOINT java $JAVA_OPTS -jar /app.jar\n`,
  },
  {
    name: 'a compose file with a 1 MB line and deep nesting',
    uri: 'file:///adv/docker-compose.yml',
    languageId: 'yaml',
    text: () => `services:\n  api:\n    image: eclipse-temurin:17\n    mem_limit: ${'9'.repeat(1_000)}x\n    environment:\n      JAVA_OPTS: "${'-Xmx1g '.repeat(150_000)}"\n    x: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`,
  },
];

describe('adversarial input through the server', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
  });
  after(async () => {
    await client.stop();
  });

  for (const c of CASES) {
    it(`answers ${c.name} with diagnostics or silence, and keeps answering`, async () => {
      const diagnostics = await within(HANG_MS, c.name, openAndWait(client, c.uri, c.text(), c.languageId));
      c.expect?.(
        diagnostics.map((d) => String(d.code)),
        diagnostics.map((d) => (typeof d.message === 'string' ? d.message : d.message.value)),
      );
      // Still alive: a request on the same document is answered.
      await within(HANG_MS, `hover after ${c.name}`, client.connection.sendRequest('textDocument/hover', { textDocument: { uri: c.uri }, position: { line: 0, character: 0 } }));
      close(client, c.uri);
      assert.deepEqual(failures(client.logs), []);
    });
  }
});

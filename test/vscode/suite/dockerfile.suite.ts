// A Dockerfile: VS Code's own `dockerfile` language activates the extension, and the JVM options of the final stage
// are read from the ENV that the shell-form ENTRYPOINT expands.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, hintsOnLine, lineOf, open, ruleDocsUrl, waitFor, waitForDiagnostics } from './helpers';

describe('Dockerfile', () => {
  it('opens as language `dockerfile` and marks the fixed `-Xmx768m` heap with a jvm-fixed-heap hint', async () => {
    const { document: doc } = await open('docker/orders-api/Dockerfile');
    assert.equal(doc.languageId, 'dockerfile');
    const line = lineOf(doc, /-Xmx768m/);
    const ds = await waitForDiagnostics(doc.uri, 'jvm-fixed-heap in the Dockerfile', (all) => all.some((d) => codeOf(d) === 'jvm-fixed-heap'));
    const d = ds.find((x) => codeOf(x) === 'jvm-fixed-heap')!;
    assert.equal(d.range.start.line, line);
    assert.equal(doc.getText(d.range), '-Xmx768m');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Hint);
    assert.equal(typeof d.code === 'object' ? d.code.target.toString(true) : undefined, ruleDocsUrl('jvm-fixed-heap'));
  });

  it('shows the heap that `-Xmx768m` fixes as an inlay hint on its line', async () => {
    const { document: doc } = await open('docker/orders-api/Dockerfile');
    const line = lineOf(doc, /-Xmx\d+m\b/);
    // -Xmx<n>m is n MiB (HotSpot's size suffixes are binary); n MiB is already aligned to any heap alignment.
    const mib = Number(/-Xmx(\d+)m\b/.exec(doc.lineAt(line).text)![1]);
    const hints = await waitFor(`a heap hint on line ${line + 1}`, async () => {
      const h = await hintsOnLine(doc, line);
      return h.some((t) => /heap/.test(t)) ? h : undefined;
    });
    const heap = hints.find((t) => /heap/.test(t))!;
    assert.ok(heap.includes(`${mib} MiB`) || heap.includes(`${mib}Mi`), `\`${heap}\` does not name ${mib} MiB`);
  });
});

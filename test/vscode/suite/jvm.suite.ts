// The JVM features in the editor: the hover on a JVM option walks through HotSpot's heap computation with this
// file's numbers, and the jvm-heap-exceeds-limit quick fixes (lower -Xmx, raise the limit) applied through
// workspace.applyEdit make the finding go away. Expected numbers come from the YAML text and the documented defaults
// of the oomLens.jvm.* settings (package.json), not from the extension's output.
import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { bytesOf, codeOf, containerLine, hoverMarkdown, lineOf, open, quickFixes, resourceValue, revert, waitFor, waitForDiagnostics } from './helpers';

const MIB = 1n << 20n;

/** The LimitRange `default:` memory of orders.yaml: the report job's limit, since the job declares none. */
function limitRangeDefault(doc: vscode.TextDocument): bigint {
  const m = /^\s*default:\s*\n\s*memory:\s*(\S+)/m.exec(doc.getText());
  assert.ok(m, 'orders.yaml has no LimitRange default memory');
  return bytesOf(m[1]);
}

/**
 * The non-heap budget with the settings' defaults (package.json oomLens.jvm.*): metaspace 14,000,000 B + 5,800 B ×
 * 15000 classes, code cache 48Mi, 100 threads × 1 MiB stacks, direct memory 16Mi, native 32Mi, GC 5 % of the heap.
 */
function budgetBytes(heap: bigint): bigint {
  return 14_000_000n + 5_800n * 15_000n + 48n * MIB + 100n * MIB + 16n * MIB + 32n * MIB + (heap * 5n) / 100n;
}

async function hoverAt(doc: vscode.TextDocument, line: number, token: string): Promise<string> {
  const at = new vscode.Position(line, doc.lineAt(line).text.indexOf(token) + 2);
  return waitFor(`a hover on \`${token}\``, async () => {
    const md = await hoverMarkdown(doc, at);
    return /heap/i.test(md) ? md : undefined;
  });
}

describe('JVM hovers', () => {
  it('on `-Xmx1g` of the report job: the heap step by step against the 512Mi limit from the LimitRange', async () => {
    const { document: doc } = await open('k8s/orders.yaml');
    const line = lineOf(doc, /-Xmx1g/);
    const md = await hoverAt(doc, line, '-Xmx1g');
    assert.equal(limitRangeDefault(doc), 512n * MIB, 'the example changed: re-derive this test');
    assert.match(md, /set_heap_size/, 'the hover names HotSpot\'s heap sizing');
    assert.match(md, /Physical memory = container limit 512 MiB/);
    assert.match(md, /Max heap = -Xmx 1 GiB/);
    assert.match(md, /max heap \*\*1 GiB\*\* ≥ limit 512Mi/);
    // The budget table ends with the total and how far it is over the limit.
    const total = 1024n * MIB + budgetBytes(1024n * MIB);
    assert.ok(total > 512n * MIB);
    assert.match(md, /\*\*total\*\*/);
    assert.match(md, /\*\*over\*\*/);
  });

  it('on `-XX:MaxRAMPercentage=75.0` of the app: the percentage of its 2Gi limit, computed here as 1.5 GiB', async () => {
    const { document: doc } = await open('k8s/orders.yaml');
    const app = containerLine(doc, 'app');
    const line = lineOf(doc, /-XX:MaxRAMPercentage=/, app);
    const percent = Number(/-XX:MaxRAMPercentage=([\d.]+)/.exec(doc.lineAt(line).text)![1]);
    const limit = bytesOf(resourceValue(doc, app, 'limits', 'memory')!);
    // HotSpot: MaxHeapSize = physical memory × MaxRAMPercentage / 100 (REFERENCE.md §2.1); 75 % of 2 GiB is aligned.
    const heapMiB = Number((limit * BigInt(Math.round(percent * 100))) / 10_000n / MIB);
    const gib = (n: number) => `${Number((n / 1024).toFixed(2))} GiB`;
    const md = await hoverAt(doc, line, '-XX:MaxRAMPercentage');
    assert.match(md, /set_heap_size/);
    assert.ok(md.includes(`Physical memory = container limit ${gib(Number(limit / MIB))}`), md);
    assert.ok(md.includes(`MaxRAMPercentage ${percent}% of ${gib(Number(limit / MIB))} = ${gib(heapMiB)}`), md);
    assert.ok(md.includes('decides the max heap'), 'the hover says this option decides the heap');
  });
});

describe('JVM quick fixes', () => {
  let editor: vscode.TextEditor | undefined;
  afterEach(async () => {
    if (editor) await revert(editor);
    editor = undefined;
  });

  async function heapFinding(doc: vscode.TextDocument): Promise<vscode.Diagnostic> {
    const ds = await waitForDiagnostics(doc.uri, 'jvm-heap-exceeds-limit on -Xmx1g', (all) =>
      all.some((d) => codeOf(d) === 'jvm-heap-exceeds-limit'));
    return ds.find((d) => codeOf(d) === 'jvm-heap-exceeds-limit')!;
  }

  const jvmFindingsOnReport = (ds: vscode.Diagnostic[], from: number) =>
    ds.filter((d) => d.range.start.line >= from && /^jvm-heap-(exceeds-limit|no-headroom)$/.test(codeOf(d) ?? ''));

  it('lowers `-Xmx1g` (the preferred fix) to a heap that fits 512Mi with its non-heap budget; the finding goes', async () => {
    editor = await open('k8s/orders.yaml');
    const doc = editor.document;
    const report = containerLine(doc, 'report');
    const d = await heapFinding(doc);
    const preferred = (await quickFixes(doc, d.range)).filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    assert.match(preferred[0].title, /^Lower the heap to `-Xmx\d+m`/);
    assert.equal(await vscode.workspace.applyEdit(preferred[0].edit!), true);
    const line = lineOf(doc, /"-Xmx\d+m"/, report);
    const heap = BigInt(/-Xmx(\d+)m/.exec(doc.lineAt(line).text)![1]) * MIB;
    const limit = limitRangeDefault(doc);
    assert.ok(heap + budgetBytes(heap) <= limit, `${heap} B of heap + its budget do not fit ${limit} B`);
    // The largest such heap, down to HotSpot's 2 MiB heap alignment of a small Serial heap: a 2 MiB larger one
    // would not fit.
    const bigger = heap + 2n * MIB;
    assert.ok(bigger + budgetBytes(bigger) > limit, `-Xmx${bigger / MIB}m would fit too: the fix is not the largest heap`);
    await waitForDiagnostics(doc.uri, 'no heap finding on the report job', (all) => jvmFindingsOnReport(all, report).length === 0);
  });

  it('or raises the limit: a `resources.limits.memory` for the report job that holds heap + budget; the finding goes', async () => {
    editor = await open('k8s/orders.yaml');
    const doc = editor.document;
    const report = containerLine(doc, 'report');
    const d = await heapFinding(doc);
    const raise = (await quickFixes(doc, d.range)).find((a) => /^Raise the memory limit/.test(a.title));
    assert.ok(raise?.edit, 'no "Raise the memory limit" fix');
    assert.equal(await vscode.workspace.applyEdit(raise.edit), true);
    const limit = bytesOf(resourceValue(doc, report, 'limits', 'memory')!);
    const heap = 1024n * MIB;
    assert.ok(limit >= heap + budgetBytes(heap), `the new limit ${limit} B is below 1 GiB + its budget`);
    assert.ok(limit < heap + budgetBytes(heap) + MIB, 'the new limit is not the smallest whole MiB that fits');
    await waitForDiagnostics(doc.uri, 'no heap finding on the report job', (all) => jvmFindingsOnReport(all, report).length === 0);
    // The job now has its own limit, so the LimitRange default no longer applies to it; -Xmx1g is untouched.
    assert.match(doc.lineAt(lineOf(doc, /-Xmx/, report)).text, /"-Xmx1g"/);
  });
});

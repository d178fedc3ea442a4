// Shared by the operator tests: analyse a custom resource file as the CLI does, pick a component's workload, the
// findings of a rule and the text they cover, and apply a fix and analyse again.
import assert from 'node:assert/strict';
import { analyzeFile } from '../../../server/src/engine/analyze';
import type { FileAnalysis } from '../../../server/src/engine/analysis';
import type { ContainerJson, WorkloadJson } from '../../../server/src/engine/json-contract';
import { normalizeOptions } from '../../../server/src/engine/options';
import { LineIndex } from '../../../server/src/engine/text';
import type { Finding } from '../../../server/src/engine/types';
import { applyEdits } from '../../helpers/text';

export const MiB = 1024n * 1024n;
export const GiB = 1024n * MiB;

export function analyze(text: string, settings: Record<string, unknown> = {}): FileAnalysis {
  const a = analyzeFile({ uri: 'cr.yaml', text, options: normalizeOptions(settings), mode: 'cli' });
  assert.deepEqual(a.failures, []);
  return a;
}

export function component(a: FileAnalysis, name: string, kind?: string): WorkloadJson {
  const w = a.workloads.find((x) => x.component === name && (kind === undefined || x.kind === kind));
  assert.ok(w, `no component ${name}; have ${a.workloads.map((x) => `${x.kind}/${x.component}`).join(', ')}`);
  return w;
}

export function container(w: WorkloadJson, name?: string): ContainerJson {
  const c = name === undefined ? w.containers[0] : w.containers.find((x) => x.name === name);
  assert.ok(c, `no container ${name}`);
  return c;
}

export function findings(a: FileAnalysis, code: string): Finding[] {
  return a.findings.filter((f) => f.ruleId === code);
}

export function covered(text: string, f: { range: Finding['range'] }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(f.range.start), lines.offset(f.range.end));
}

/** Apply the fix whose title matches and return the new text. */
export function applyFix(text: string, f: Finding, title: RegExp): string {
  const fix = (f.fixes ?? []).find((x) => title.test(x.title));
  assert.ok(fix, `no fix ${title}; have ${(f.fixes ?? []).map((x) => x.title).join(' | ')}`);
  return applyEdits(text, fix.edits);
}

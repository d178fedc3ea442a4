// The node view of many files: every file's Kubernetes workloads (FileAnalysis.nodeWorkloads), tagged with their
// file, planned together on nodes of one profile. Files come in the order given (the CLI's path order).
import type { FileAnalysis } from '../analysis';
import type { NodeWorkload } from './model';
import type { Scenario } from './orders';
import { type NodePlan, planNodes } from './plan';
import type { NodeProfile } from './profile';

export function gatherNodeWorkloads(files: ReadonlyArray<{ uri: string; analysis: Pick<FileAnalysis, 'nodeWorkloads'> }>): NodeWorkload[] {
  const out: NodeWorkload[] = [];
  for (const f of files) for (const w of f.analysis.nodeWorkloads ?? []) out.push({ ...w, uri: f.uri });
  return out;
}

export function nodeView(files: ReadonlyArray<{ uri: string; analysis: Pick<FileAnalysis, 'nodeWorkloads'> }>, profile: NodeProfile, scenario: Scenario): NodePlan {
  return planNodes(gatherNodeWorkloads(files), profile, scenario);
}

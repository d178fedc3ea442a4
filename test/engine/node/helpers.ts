// Node-view test helpers: YAML text → the node view's workloads (through the real pipeline) → a plan.
import { analyzeFile } from '../../../server/src/engine/analyze';
import type { NodeWorkload } from '../../../server/src/engine/node/model';
import type { Scenario } from '../../../server/src/engine/node/orders';
import { type NodePlan, planNodes } from '../../../server/src/engine/node/plan';
import { nodeProfileOf } from '../../../server/src/engine/node/settings';
import { normalizeOptions } from '../../../server/src/engine/options';

export function workloadsOf(text: string, options: unknown = {}): NodeWorkload[] {
  const analysis = analyzeFile({ uri: 'k8s.yaml', text, options: normalizeOptions(options), mode: 'cli' });
  return analysis.nodeWorkloads ?? [];
}

export function planOf(text: string, options: Record<string, unknown> = {}, scenario?: Scenario): NodePlan {
  const o = normalizeOptions(options);
  return planNodes(workloadsOf(text, options), nodeProfileOf(o), scenario ?? o.node.scenario);
}

/** A pod as `kind/name#replica`. */
export function podId(p: { workload: { kind: string; name: string | null }; replica: number }): string {
  return `${p.workload.kind}/${p.workload.name}#${p.replica}`;
}

/** A Deployment with one container; `res` is the flow map of its `resources`. */
export function deployment(name: string, replicas: number, res: string, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  template:
    spec:${extra ? `\n      ${extra}` : ''}
      containers:
        - name: app
          image: example/${name}
          resources: ${res}
---
`;
}

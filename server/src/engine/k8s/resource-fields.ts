// Shared by the resource rules: walking every declared requests/limits quantity, and naming it in messages.
import type { ContainerModel, EffectiveValue, ManifestModel, QuantityField, WorkloadModel } from './model';
import type { Span } from '../types';
import type { YNode } from '../yaml/tree';

export interface FieldSite {
  workload: WorkloadModel;
  /** Null for pod-level `spec.resources`. */
  container: ContainerModel | null;
  field: QuantityField;
}

/**
 * Every declared quantity, container fields first, then pod-level ones; a node shared through a YAML alias is
 * visited once (one finding per place in the text).
 */
export function quantityFields(manifest: ManifestModel | null): FieldSite[] {
  const out: FieldSite[] = [];
  const seen = new Set<string>();
  const add = (workload: WorkloadModel, container: ContainerModel | null, field: QuantityField): void => {
    const span = field.node?.span ?? field.pair.span;
    const key = spanKey(span);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ workload, container, field });
  };
  for (const w of manifest?.workloads ?? []) {
    for (const c of w.containers) for (const f of c.declared.fields) add(w, c, f);
    for (const f of w.podResources?.fields ?? []) add(w, null, f);
  }
  return out;
}

export function spanKey(span: Span): string {
  return `${span[0]}:${span[1]}`;
}

/** `Memory`, `CPU`, or the resource name in backticks. */
export function resourceLabel(resource: string): string {
  if (resource === 'memory') return 'Memory';
  if (resource === 'cpu') return 'CPU';
  return `\`${resource}\``;
}

/** `Memory limit`, `Pod-level CPU request`. */
export function fieldLabel(resource: string, which: 'requests' | 'limits', podLevel: boolean): string {
  const noun = which === 'requests' ? 'request' : 'limit';
  if (!podLevel) return `${resourceLabel(resource)} ${noun}`;
  const name = resource === 'memory' ? 'memory' : resource === 'cpu' ? 'CPU' : `\`${resource}\``;
  return `Pod-level ${name} ${noun}`;
}

/** The value as the user wrote it (without quotes), for messages. */
export function writtenValue(text: string, node: YNode | null): string {
  if (!node) return '';
  if (node.kind === 'scalar') return node.source;
  return text.slice(node.span[0], node.span[1]).replace(/\s+/g, ' ');
}

/** The text to write for an effective value: the user's own spelling when it is declared in the file. */
export function valueText(v: EffectiveValue): string {
  if (v.source.kind === 'declared' && v.source.field.text) return v.source.field.text.trim();
  return v.quantity.text.trim();
}

/** `Container `app`` / `Init container `setup``; `The container` when it has no name. */
export function containerLabel(c: ContainerModel): string {
  const role = c.role === 'init' ? 'Init container' : c.role === 'sidecar' ? 'Sidecar container' : 'Container';
  return c.name ? `${role} \`${c.name}\`` : `${role} ${c.index + 1}`;
}

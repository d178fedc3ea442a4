// Shared fixtures for the Kubernetes model tests: inline YAML with a dedent helper, quantities from strings.
import type { EffectiveResources } from '../../../server/src/engine/k8s/model';
import { roundUpToMilli } from '../../../server/src/engine/k8s/quantities';
import { parseQuantity, type Quantity } from '../../../server/src/engine/quantity';

export const GI = 1n << 30n;

/** Strips the common indentation of a template literal and its first empty line. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

export function q(text: string): Quantity {
  const r = parseQuantity(text);
  if (!r.ok) throw new Error(`test fixture: bad quantity ${text}`);
  return r.quantity;
}

/**
 * Declared-looking effective resources from plain strings, rounded up to milli as SetDefaults_ResourceList does
 * (the field is a stand-in: pure tests never read it).
 */
export function res(requests: Record<string, string> = {}, limits: Record<string, string> = {}): EffectiveResources {
  const field = {} as never;
  const toMap = (o: Record<string, string>) =>
    new Map(Object.entries(o).map(([k, v]) => [k, { quantity: roundUpToMilli(q(v)), source: { kind: 'declared' as const, field } }]));
  return { requests: toMap(requests), limits: toMap(limits) };
}


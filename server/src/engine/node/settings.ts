// The node profile the settings describe: `oomLens.node.*` (or `.oom-lens.yaml` `node:`, or CLI flags) with the
// node's memory and CPUs from `nodeMemory` / `nodeCpus`. A bad quantity counts as unset (the profile's own figure).
import type { Options } from '../options';
import { parseQuantity } from '../quantity';
import { buildProfile, type NodeProfile, type NodeSettings } from './profile';

function bytesOrNull(text: string | null): bigint | null {
  if (text === null) return null;
  const q = parseQuantity(text);
  return q.ok && q.quantity.value >= 0n ? q.quantity.value : null;
}

/** The settings of the node the options describe; `capacityBytes` defaults to the parsed `nodeMemory`. */
export function nodeSettingsOf(options: Options, capacityBytes?: bigint): NodeSettings {
  const node = options.node;
  return {
    profile: node.profile,
    capacityBytes: capacityBytes ?? bytesOrNull(options.nodeMemory) ?? 16n << 30n,
    cpus: options.nodeCpus,
    maxPods: node.maxPods,
    kubeReservedBytes: bytesOrNull(node.kubeReserved),
    systemReservedBytes: bytesOrNull(node.systemReserved),
    evictionHardBytes: bytesOrNull(node.evictionHard),
  };
}

export function nodeProfileOf(options: Options, capacityBytes?: bigint): NodeProfile {
  return buildProfile(nodeSettingsOf(options, capacityBytes));
}

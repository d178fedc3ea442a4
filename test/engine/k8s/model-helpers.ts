// Builds the Kubernetes model from inline YAML for tests.
import { buildManifestModel, type ManifestExtra } from '../../../server/src/engine/k8s/manifests';
import type { ManifestModel, WorkloadModel } from '../../../server/src/engine/k8s/model';
import { parseYaml } from '../../../server/src/engine/yaml/parse';
import { dedent, GI } from './helpers';

export function build(yamlText: string, nodeMemoryBytes = 16n * GI, extra?: ManifestExtra): ManifestModel {
  return buildManifestModel(parseYaml(dedent(yamlText)), { nodeMemoryBytes }, extra);
}

export function only(model: ManifestModel): WorkloadModel {
  if (model.workloads.length !== 1) throw new Error(`expected one workload, got ${model.workloads.length}`);
  return model.workloads[0];
}

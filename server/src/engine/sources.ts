// The registry of workload sources (source.ts): the one list the pipelines walk. A new source is a folder of its
// own and one line here.
import { composeSource } from './docker/compose-source';
import { kubernetesSource } from './k8s/source';
import { eckSource } from './operators/eck/source';
import { flinkSource } from './operators/flink/source';
import { keycloakSource } from './operators/keycloak/source';
import { sparkSource } from './operators/spark/source';
import { strimziSource } from './operators/strimzi/source';
import type { YamlSource } from './source';

/** Sources of workloads in YAML files, in the order their workloads are reported. */
export const YAML_SOURCES: readonly YamlSource[] = [kubernetesSource, composeSource, strimziSource, eckSource, flinkSource, keycloakSource, sparkSource];

// The Keycloak operator's `Keycloak` (k8s.keycloak.org) as a workload source: one `server` workload, a StatefulSet
// whose first container is renamed `keycloak` (keycloak/keycloak operator KeycloakDeploymentDependentResource.java
// @ 0064e060fc5d: `editFirstContainer()…withName("keycloak")`, from `spec.unsupported.podTemplate`).
// Resources (Utils.addResources, Keycloak 24+, PRs #26661 and #27170): `spec.resources` as written, with the memory
// request defaulted to 1700Mi and the memory limit to 2Gi each on its own (operator application.properties
// `kc.operator.keycloak.resources.{requests,limits}.memory`); no CPU default; the pod template's resources of that
// container are replaced. A request above 2Gi without a limit therefore gets the 2Gi limit and the API server
// rejects the pod (request-exceeds-limit says so). The JVM: the image's kc.sh (jvm/images.ts rows `keycloak`):
// JAVA_OPTS, else the defaults plus JAVA_OPTS_KC_HEAP (`-XX:MaxRAMPercentage=70 -XX:MinRAMPercentage=70
// -XX:InitialRAMPercentage=50` in the container), then JAVA_OPTS_APPEND last; env from the pod template's first
// container (it wins over the operator's own variables) and `spec.env`.
import { bytesToQuantityCeilMi, MiB } from '../../bytes';
import { launchFromContainer } from '../../k8s/launch';
import type { ContainerModel } from '../../k8s/model';
import { setContainerMemoryLimit } from '../../k8s/source';
import type { ContainerEdits, SourceOutput, YamlSource, YamlSourceInput } from '../../source';
import { optionTextEdits } from '../../yaml/option-edits';
import { asMap, asSeq, get, type YMap } from '../../yaml/tree';
import type { EnvEntry } from '../../jvm/launch';
import {
  buildOperatorPod,
  type Component,
  componentsOutput,
  fileTarget,
  findResources,
  keySpan,
  limitTextOf,
  memoryQuantity,
  scalarText,
} from '../shared';

const OPERATOR = 'the Keycloak operator';
const DEFAULT_REQUEST = 1700n * MiB;
const DEFAULT_LIMIT = 2048n * MiB;
/** The official image: kc.sh and KC_RUN_IN_CONTAINER=true (images.ts rows `keycloak`, newest when no tag). */
const DEFAULT_IMAGE = 'quay.io/keycloak/keycloak';

export const keycloakSource: YamlSource = {
  id: 'keycloak-operator',
  read(input: YamlSourceInput): SourceOutput | null {
    const components: Component[] = [];
    for (const cr of findResources(input.yaml.docs, 'k8s.keycloak.org', ['Keycloak'])) {
      const spec = cr.spec;
      const anchor = keySpan(cr.object, 'spec') ?? keySpan(cr.object, 'kind');
      if (!spec || !anchor) continue;
      const workload = buildOperatorPod({
        cr,
        operator: OPERATOR,
        containers: [
          {
            name: 'keycloak',
            role: 'container',
            node: spec,
            values: [
              { which: 'requests', resource: 'memory', quantity: memoryQuantity(DEFAULT_REQUEST), note: 'its default memory request', mode: 'default' },
              { which: 'limits', resource: 'memory', quantity: memoryQuantity(DEFAULT_LIMIT), note: 'its default memory limit', mode: 'default' },
            ],
          },
        ],
        limitRanges: input.manifest?.limitRanges ?? [],
        nodeMemoryBytes: input.nodeMemoryBytes,
      });
      const model = workload.containers[0];
      const template = asMap(asSeq(get(get(get(get(spec, 'unsupported'), 'podTemplate'), 'spec'), 'containers'))?.items[0] ?? null);
      const image = scalarText(get(spec, 'image'));
      const launch = keycloakLaunch(model, template, asSeq(get(spec, 'env')) ? spec : null, image, input, cr.namespace);
      const target = fileTarget(input);
      const edits: ContainerEdits = {
        setMemoryLimit: (bytes) => setContainerMemoryLimit(target, workload, model, bytes),
        setsRequestToo: false,
        editOptions: (tokens, changes) => optionTextEdits({ text: input.text, lines: input.lines, yaml: input.yaml }, tokens, changes),
        formatMemory: bytesToQuantityCeilMi,
      };
      components.push({
        component: 'server',
        workload,
        containers: [{ model, launch, edits, anchor, limitText: limitTextOf(model) }],
        derivation: [
          'The operator fills a missing memory request with **1700Mi** and a missing memory limit with **2Gi**, each on its own (Keycloak 24+); the pod template\'s resources of the Keycloak container are replaced by `spec.resources`.',
          "kc.sh sizes the heap: `JAVA_OPTS_KC_HEAP` (default `-XX:MaxRAMPercentage=70 -XX:MinRAMPercentage=70 -XX:InitialRAMPercentage=50`) unless `JAVA_OPTS` is set; `JAVA_OPTS_APPEND` comes last and wins.",
          ...(image !== null && !/(^|\/)keycloak\/keycloak(:|$)/.test(image) ? [`A custom image (\`${image}\`) is assumed to keep the official kc.sh.`] : []),
          'Sources: keycloak/keycloak operator Utils.addResources, KeycloakDeploymentDependentResource; quarkus/dist kc.sh. See docs/operators.md.',
        ],
        checkResources: true,
      });
    }
    return componentsOutput(components, input);
  },
};

/**
 * The Keycloak container's launch: the image's kc.sh with the pod template container's env, then `spec.env` for
 * names the template does not set (the operator keeps the first definition: "unsupported, first class, additional,
 * env").
 */
function keycloakLaunch(model: ContainerModel, template: YMap | null, envOwner: YMap | null, image: string | null, input: YamlSourceInput, namespace: string | null) {
  const configMaps = [...(input.manifest?.configMaps ?? []), ...(input.manifest?.extraConfigMaps ?? [])];
  const asContainer = (owner: YMap | null): ContainerModel => ({
    ...model,
    node: owner ?? model.node,
    env: asSeq(get(owner, 'env')),
    envFrom: asSeq(get(owner, 'envFrom')),
    command: null,
    args: null,
  });
  const fromTemplate = launchFromContainer(asContainer(template), configMaps, input.text, { namespace });
  const fromSpec = envOwner ? launchFromContainer(asContainer(envOwner), configMaps, input.text, { namespace }) : null;
  const env: EnvEntry[] = [...fromTemplate.env];
  for (const e of fromSpec?.env ?? []) if (!env.some((x) => x.name === e.name)) env.push(e);
  const official = image !== null && /(^|\/)keycloak\/keycloak(:|$)/.test(image);
  return { ...fromTemplate, env, image: official ? image : DEFAULT_IMAGE, command: null, args: null, keepsImageEntrypoint: true };
}

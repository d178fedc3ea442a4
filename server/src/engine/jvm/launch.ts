// How a container is started, in a shape shared by Kubernetes manifests, Dockerfiles and compose files: the image,
// the argv (`command`/`args`, or ENTRYPOINT/CMD), and the environment with where each value came from. Each source
// builds one (k8s/launch.ts, docker/launch.ts); shell expansion (`sh -c`) happens in shell.ts, JVM option collection
// in detect.ts. Every string keeps its source map (mapped.ts), so a diagnostic can point at `-Xmx2g` inside an env
// value that reached the JVM through `$(JAVA_OPTS)`.
import type { MappedString } from '../mapped';
import type { Span } from '../types';

export type EnvOrigin =
  | { kind: 'env' }
  | { kind: 'configMap'; name: string; key: string; optional?: boolean; via: 'configMapKeyRef' | 'envFrom' }
  | { kind: 'secret'; name: string | null; key: string | null; via: 'secretKeyRef' | 'envFrom' }
  | { kind: 'fieldRef'; fieldPath: string | null }
  | { kind: 'resourceFieldRef'; resource: string | null }
  | { kind: 'host' }
  | { kind: 'image' } // ENV baked into the image (a linked Dockerfile)
  // An ENV instruction. `file` (a URI or path) and `line` (0-based) are set when it is in another file than the one
  // analysed (a Dockerfile linked to a manifest through the workspace index): ranges then fall back to the container.
  // `label` is the path shown to the user (relative to the workspace root, or to the analysed file's folder).
  | { kind: 'dockerfile'; file?: string; line?: number; label?: string }
  | { kind: 'compose' };

/** A variable reference that produced some characters: Kubernetes `$(VAR)` or a shell `$VAR`/`${VAR}`. */
export interface ArgvItem extends MappedString {
  /** The whole item's source range (the YAML scalar's span), null when it has none. */
  span: Span | null;
  /** Where the item is written when that is another file: the ENTRYPOINT or CMD of a linked Dockerfile. */
  from?: DockerfilePlace;
  /** An item a source composed from its file's fields rather than spelled verbatim (see ComposedItem). */
  composed?: ComposedItem;
}

/**
 * An option a source wrote itself from fields of its file (a custom resource's `jvmOptions: {-Xmx: 2g}` becomes
 * `-Xmx2g`; a heap a start script computes from a memory field). Its tokens take `at` as their span (findings and
 * hovers land on the field), and the source's own ContainerEdits.editOptions edits it.
 */
export interface ComposedItem {
  /** The field the option comes from; null when it is written nowhere (a default). */
  at: Span | null;
  /** Where it comes from, in words, for hovers: "`jvmOptions.-Xmx` (Strimzi's KAFKA_HEAP_OPTS)". */
  label: string;
  /** The value is derived from the memory the container is sized by (not a fixed heap the limit can drift from). */
  followsMemory?: boolean;
}

/** An instruction of a Dockerfile other than the analysed file (linked through the workspace index). */
export interface DockerfilePlace {
  instruction: 'ENTRYPOINT' | 'CMD';
  /** The Dockerfile's URI or path. */
  file: string;
  /** The path shown to the user (see EnvOrigin `label`). */
  label?: string;
  /** 0-based line of the instruction. */
  line?: number;
}

export interface EnvEntry {
  name: string;
  /** The value the container sees; null when it cannot be known here (a Secret, a fieldRef, a missing ConfigMap). */
  value: string | null;
  /** The value with its source map; null exactly when `value` is null. */
  mapped: MappedString | null;
  unresolvedReason?: string;
  nameSpan: Span | null;
  valueSpan: Span | null;
  /** The `env` list item or the `envFrom` item that defines it. */
  entrySpan: Span | null;
  origin: EnvOrigin;
  /** A value a source composed (an operator appending the heap its product computes): see ComposedItem. */
  composed?: ComposedItem;
}

/** An `envFrom` source whose keys cannot be listed here: any variable may come from it. */
export interface OpaqueEnvSource {
  kind: 'configMap' | 'secret';
  name: string | null;
  prefix: string;
  span: Span | null;
  reason: string;
}

export interface LaunchSpec {
  image: string | null;
  imageSpan?: Span | null;
  /** Kubernetes `command` (overrides the image ENTRYPOINT), null when absent. */
  command: ArgvItem[] | null;
  /** Kubernetes `args` (overrides the image CMD), null when absent. */
  args: ArgvItem[] | null;
  /** The effective environment, one entry per name (last definition wins), in the order the kubelet builds it. */
  env: EnvEntry[];
  /** True when no `command` is given, so the image's own ENTRYPOINT runs. */
  keepsImageEntrypoint: boolean;
  /** ENTRYPOINT/CMD of the image when known (a linked Dockerfile); null/undefined when unknown. */
  imageEntrypoint?: ArgvItem[] | null;
  imageCmd?: ArgvItem[] | null;
  opaqueEnvSources?: OpaqueEnvSource[];
  /** The container's span, for findings about the whole container. */
  span?: Span | null;
}

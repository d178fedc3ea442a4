// A container whose image is built from a Dockerfile of the workspace: the image's ENV, ENTRYPOINT, CMD and base
// image join the container's own launch, as the container runtime merges the image config with the container.
import type { ArgvItem, DockerfilePlace, EnvEntry, LaunchSpec } from '../jvm/launch';
import { literal } from '../mapped';
import type { LinkedDockerfile } from '../source';

/**
 * The launch of a Kubernetes container whose image is built from `linked`: the image's ENV comes first and the
 * container's `env` overrides it per name (the runtime merges the image config's Env with the container's, the
 * container winning); ENTRYPOINT and CMD apply as Kubernetes says — `command` replaces ENTRYPOINT (and drops CMD),
 * `args` replaces CMD (kubernetes.io "Define a command and arguments for a container", "Notes"); the JDK is the
 * base image's. Values from the other file carry no spans: spans index this file's text only.
 */
export function joinDockerfile(launch: LaunchSpec, linked: LinkedDockerfile | null): LaunchSpec {
  if (!linked) return launch;
  const d = linked.summary;
  const own = new Set(launch.env.map((e) => e.name));
  const imageEnv: EnvEntry[] = d.env
    .filter((e) => !own.has(e.name))
    .map((e) => ({
      name: e.name,
      value: e.value,
      mapped: e.value === null ? null : literal(e.value),
      ...(e.unresolvedReason !== undefined ? { unresolvedReason: e.unresolvedReason } : {}),
      nameSpan: null,
      valueSpan: null,
      entrySpan: null,
      origin: { kind: 'dockerfile', file: linked.uri, ...(e.line !== null ? { line: e.line } : {}), ...(linked.label ? { label: linked.label } : {}) },
    }));
  const place = (instruction: 'ENTRYPOINT' | 'CMD', line: number | null | undefined): DockerfilePlace => ({
    instruction,
    file: linked.uri,
    ...(linked.label ? { label: linked.label } : {}),
    ...(line !== null && line !== undefined ? { line } : {}),
  });
  const argv = (items: string[] | null, from: DockerfilePlace): ArgvItem[] | null => (items ? items.map((v) => ({ ...literal(v), span: null, from })) : null);
  const joined: LaunchSpec = { ...launch, env: [...imageEnv, ...launch.env] };
  if (launch.command === null) {
    if (d.entrypoint) {
      joined.imageEntrypoint = argv(d.entrypoint, place('ENTRYPOINT', d.entrypointLine));
      joined.imageCmd = argv(d.cmd, place('CMD', d.cmdLine));
    } else if (d.cmd && launch.args === null) {
      // CMD without ENTRYPOINT goes to the base image's ENTRYPOINT (unknown here) as its arguments: the same shape
      // as Kubernetes `args` without `command` (docker/launch.ts `dockerfileLaunch` does the same for the image).
      joined.args = argv(d.cmd, place('CMD', d.cmdLine));
    }
  }
  // The JDK and the image's start scripts are the base image's: the container's own tag (`myapp:1.2`) says nothing.
  if (d.baseImage) joined.image = d.baseImage;
  return joined;
}

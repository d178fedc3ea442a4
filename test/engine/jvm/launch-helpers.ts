// Fixtures for the JVM launch tests: inline manifests through the real parser and manifest model, so spans are
// the ones the editor will see.
import { buildManifestModel } from '../../../server/src/engine/k8s/manifests';
import type { ContainerModel, ManifestModel } from '../../../server/src/engine/k8s/model';
import { detectJvm, type JvmLaunch } from '../../../server/src/engine/jvm/detect';
import { launchFromContainer } from '../../../server/src/engine/k8s/launch';
import { type LaunchSpec } from '../../../server/src/engine/jvm/launch';
import { parseYaml } from '../../../server/src/engine/yaml/parse';

/** Strips the common indentation of a template literal and its first empty line. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

export function model(text: string): ManifestModel {
  return buildManifestModel(parseYaml(text), { nodeMemoryBytes: 16n << 30n });
}

/** The launch of the first container of the first workload (or the named container). */
export function launchOf(text: string, containerName?: string): LaunchSpec {
  const m = model(text);
  for (const w of m.workloads) {
    for (const c of w.containers) {
      if (containerName === undefined || c.name === containerName) {
        return launchFromContainer(c, m.configMaps, text, { namespace: w.namespace });
      }
    }
  }
  throw new Error('test fixture: no container');
}

export function containerOf(text: string): ContainerModel {
  return model(text).workloads[0].containers[0];
}

export function jvmOf(text: string, containerName?: string, defaultJdk = 17): JvmLaunch | null {
  return detectJvm(launchOf(text, containerName), { defaultJdk, text });
}

/** A Pod with one container `app` whose spec lines (already indented for the container map) are given. */
export function pod(containerLines: string, extraDocs = ''): string {
  const body = containerLines
    .replace(/^\n/, '')
    .split('\n')
    .map((l) => (l.trim() === '' ? l : `      ${l}`))
    .join('\n');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n${body}\n${extraDocs}`;
}

/** The source text of a span. */
export function at(text: string, span: [number, number] | null): string | null {
  return span ? text.slice(span[0], span[1]) : null;
}

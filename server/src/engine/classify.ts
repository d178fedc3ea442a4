// Which files the engine reads, and what each YAML document is (DESIGN.md "Which files are what").
import { baseName, cutFromFirst } from './strings';
import { asMap, asString, get } from './yaml/tree';
import type { YDocument } from './yaml/tree';

export type FileKind = 'dockerfile' | 'yaml' | 'other';
export type DocumentKind = 'kubernetes' | 'compose' | 'other';

/**
 * A Dockerfile is `Dockerfile`, `Containerfile` (also `Containerfile.<suffix>`), or any name containing
 * `dockerfile` in any case (`Dockerfile.rhel9`, `app.dockerfile`, `owner__repo__Dockerfile`); YAML is `*.yaml` /
 * `*.yml`. An editor's language id wins when it is one of ours (`dockercompose` and `helm` are YAML dialects that
 * other extensions assign). A `.yaml`/`.yml` name is YAML even if it contains `dockerfile`.
 */
export function classifyPath(path: string, languageId?: string): FileKind {
  if (languageId === 'dockerfile') return 'dockerfile';
  if (languageId === 'yaml' || languageId === 'dockercompose' || languageId === 'helm') return 'yaml';
  const name = baseName(cutFromFirst(path, '?', '#'));
  const lower = name.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.includes('dockerfile')) return 'dockerfile';
  if (lower === 'containerfile' || lower.startsWith('containerfile.')) return 'dockerfile';
  return 'other';
}

/**
 * A Helm template: any text containing `{{`, or a file in a `templates/` folder when the caller knows there is a
 * `Chart.yaml` beside that folder (the engine cannot look; pass `hasChartYamlBeside`).
 */
export function isHelmTemplate(path: string, text: string, hasChartYamlBeside?: boolean): boolean {
  if (text.includes('{{')) return true;
  return !!hasChartYamlBeside && /(^|[\\/])templates[\\/]/.test(cutFromFirst(path, '?', '#'));
}

/** `apiVersion` + `kind` → Kubernetes; a top-level `services:` map without `kind` → docker-compose; else other. */
export function classifyDocument(doc: YDocument): DocumentKind {
  const root = asMap(doc.contents);
  if (!root) return 'other';
  const apiVersion = asString(get(root, 'apiVersion'));
  const kind = asString(get(root, 'kind'));
  if (apiVersion && kind) return 'kubernetes';
  if (!root.items.some((p) => p.key === 'kind') && asMap(get(root, 'services'))) return 'compose';
  return 'other';
}

// The cross-file index (DESIGN.md "Where other objects apply"): what the analysis of one file may consult from the
// others — LimitRanges and ConfigMaps by namespace and name, and the Dockerfile a container's image is built from,
// linked through `skaffold.yaml` artifacts, compose `build:` + `image:` pairs or the `images` setting. Pure: callers
// feed it file texts (the server from the editor and the disk, the CLI from the files of one run). Per file it keeps
// only a small summary — never a syntax tree — so a workspace of thousands of files stays cheap, and updating one
// file re-summarises only that file.
import type { DockerfileSummary, ImageLinkSource, LinkedDockerfile, WorkspaceView } from './source';
import { classifyDocument, classifyPath, isHelmTemplate } from './classify';
import { buildComposeModel } from './docker/compose';
import { parseDockerfile } from './docker/dockerfile';
import { dockerfileLaunch } from './docker/launch';
import { buildManifestModel } from './k8s/manifests';
import type { ConfigMapModel, LimitRangeModel } from './k8s/model';
import { LineIndex } from './text';
import { parseYamlIncremental, type YamlParseCache } from './yaml/incremental';
import { asMap, asSeq, asString, get, type YFile, type YMap, type YNode, type YPair } from './yaml/tree';

interface ImageLink {
  image: string;
  /** Index key of the Dockerfile. */
  dockerfile: string;
  source: ImageLinkSource;
  declaredIn: string;
}

interface FileSummary {
  uri: string;
  /** What this file offers other files. */
  limitRanges: LimitRangeModel[];
  configMaps: ConfigMapModel[];
  dockerfile: DockerfileSummary | null;
  links: ImageLink[];
  /** What this file's analysis consults (to find the dependents of a change). */
  usesImages: Set<string>;
  usesNamespaces: Set<string>;
  /** `namespace/name` of the ConfigMaps its containers read. */
  usesConfigMaps: Set<string>;
  /** Index keys of Dockerfiles it names directly (compose `build:`). */
  usesDockerfiles: Set<string>;
  /** A stable rendering of what it offers, to tell whether an update changed anything for the others. */
  offers: string;
}

/**
 * `full`: what the file offers and what its analysis consults. `offers`: what it offers only — the server's mode
 * for files it reads from disk, which are not open and so never re-validated (`dependents` never needs them; a file
 * is summarised in full once it is opened). A YAML file whose text cannot hold a LimitRange, a ConfigMap, a skaffold
 * config or a compose file is then not parsed at all (see mayOffer), which is most manifests of a workspace.
 */
export type SummaryMode = 'full' | 'offers';

export interface WorkspaceIndexOptions {
  /** Files longer than this (characters) are indexed as empty, like the analysis skips them. */
  maxFileSize?: number;
}

/** Whether the index wants this file: Dockerfiles and YAML (Kubernetes, compose, skaffold). */
export function isIndexable(uri: string): boolean {
  return classifyPath(uri) !== 'other';
}

/** The repository part of an image reference: tag and digest removed, Docker Hub's implicit prefixes normalised. */
export function imageName(image: string): string {
  let s = image.trim();
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(0, at);
  const colon = s.lastIndexOf(':');
  if (colon > s.lastIndexOf('/')) s = s.slice(0, colon);
  // `docker.io/library/app` and `app` name the same repository (distribution/reference normalize.go).
  s = s.replace(/^(index\.)?docker\.io\//, '').replace(/^library\//, '');
  return s.toLowerCase();
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileSummary>();
  private roots: string[] = [];
  private images: Record<string, string> = {};
  private readonly maxFileSize: number;

  constructor(options: WorkspaceIndexOptions = {}) {
    this.maxFileSize = options.maxFileSize ?? Number.MAX_SAFE_INTEGER;
  }

  /** Workspace roots (URIs or folder paths): the `images` setting's paths are relative to them. */
  setRoots(roots: string[]): void {
    this.roots = roots.map(keyOf);
  }

  /** The `images` setting: image name (no tag) → Dockerfile path relative to a workspace root. */
  setImages(images: Record<string, string>): void {
    this.images = { ...images };
  }

  has(uri: string): boolean {
    return this.files.has(keyOf(uri));
  }

  get size(): number {
    return this.files.size;
  }

  /**
   * Index (or re-index) one file. Returns the other files whose analysis may have changed: those that depended on
   * what this file offered before or offers now; empty when what it offers did not change.
   */
  update(uri: string, text: string, yamlCache?: YamlParseCache, mode: SummaryMode = 'full'): string[] {
    const key = keyOf(uri);
    const before = this.files.get(key);
    const after = summarise(uri, key, text.length > this.maxFileSize ? '' : text, yamlCache, mode);
    const beforeDeps = before ? this.dependentsOf(key, before) : [];
    this.files.set(key, after);
    if (before && before.offers === after.offers) return [];
    return union(beforeDeps, this.dependentsOf(key, after));
  }

  /** Forget a file (deleted). Returns the files that depended on it. */
  remove(uri: string): string[] {
    const key = keyOf(uri);
    const before = this.files.get(key);
    if (!before) return [];
    const deps = this.dependentsOf(key, before);
    this.files.delete(key);
    return deps;
  }

  /** The files whose analysis consults what `uri` offers (its Dockerfile, LimitRanges, ConfigMaps, links). */
  dependents(uri: string): string[] {
    const key = keyOf(uri);
    const s = this.files.get(key);
    return s ? this.dependentsOf(key, s) : [];
  }

  /** What analysing `forUri` consults from the other files. `images` overrides the stored setting. */
  view(forUri: string, images: Record<string, string> = this.images): WorkspaceView {
    const self = keyOf(forUri);
    const limitRanges: LimitRangeModel[] = [];
    const configMaps: ConfigMapModel[] = [];
    const seenLr = new Set<string>();
    const seenCm = new Set<string>();
    for (const key of [...this.files.keys()].sort()) {
      if (key === self) continue;
      const s = this.files.get(key)!;
      for (const lr of s.limitRanges) {
        const id = objectId(lr);
        if (id !== null && seenLr.has(id)) continue;
        if (id !== null) seenLr.add(id);
        limitRanges.push(lr);
      }
      for (const cm of s.configMaps) {
        const id = objectId(cm);
        if (id !== null && seenCm.has(id)) continue;
        if (id !== null) seenCm.add(id);
        configMaps.push(cm);
      }
    }
    const selfDir = dirOf(self);
    return {
      limitRanges,
      configMaps,
      dockerfileFor: (image) => this.labelled(image ? this.resolveImage(image, self, images) : null, selfDir),
      dockerfileForBuild: (context, dockerfile) => {
        const key = joinPath(joinPath(selfDir, context ?? '.'), dockerfile ?? 'Dockerfile');
        const s = this.files.get(key);
        const linked: LinkedDockerfile | null = s?.dockerfile ? { uri: s.uri, summary: s.dockerfile, source: 'compose', declaredIn: this.files.get(self)?.uri ?? forUri } : null;
        return this.labelled(linked, selfDir);
      },
    };
  }

  /** Adds the path the hover shows: relative to the root that holds the Dockerfile, else to the viewing file's folder. */
  private labelled(linked: LinkedDockerfile | null, selfDir: string): LinkedDockerfile | null {
    if (!linked) return null;
    const key = keyOf(linked.uri);
    const root = this.roots.find((r) => key.startsWith(r.endsWith('/') ? r : `${r}/`));
    return { ...linked, label: root ? key.slice(root.length).replace(/^\//, '') : relativePath(selfDir, key) };
  }

  private resolveImage(image: string, self: string, images: Record<string, string>): LinkedDockerfile | null {
    const name = imageName(image);
    if (!name) return null;
    // The setting is the user's explicit word: it wins over skaffold and compose links.
    for (const [settingImage, path] of Object.entries(images)) {
      if (imageName(settingImage) !== name) continue;
      for (const root of this.rootsFor(self)) {
        const s = this.files.get(joinPath(root, path));
        if (s?.dockerfile) return { uri: s.uri, summary: s.dockerfile, source: 'setting', declaredIn: null };
      }
    }
    const links = this.linksFor(name);
    for (const source of ['skaffold', 'compose'] as const) {
      for (const link of links) {
        if (link.source !== source) continue;
        const s = this.files.get(link.dockerfile);
        if (s?.dockerfile) return { uri: s.uri, summary: s.dockerfile, source, declaredIn: this.files.get(link.declaredIn)?.uri ?? link.declaredIn };
      }
    }
    return null;
  }

  /** Roots that contain the file first, then the others. */
  private rootsFor(self: string): string[] {
    const inside = this.roots.filter((r) => self.startsWith(r.endsWith('/') ? r : `${r}/`));
    return [...inside, ...this.roots.filter((r) => !inside.includes(r))];
  }

  private linksFor(name: string): ImageLink[] {
    const out: ImageLink[] = [];
    for (const key of [...this.files.keys()].sort()) {
      for (const link of this.files.get(key)!.links) if (link.image === name) out.push(link);
    }
    return out;
  }

  /** Image names that resolve to the Dockerfile `key`, through links and the setting. */
  private imagesLinkedTo(key: string): Set<string> {
    const names = new Set<string>();
    for (const s of this.files.values()) for (const link of s.links) if (link.dockerfile === key) names.add(link.image);
    for (const [settingImage, path] of Object.entries(this.images)) {
      if (this.roots.some((root) => joinPath(root, path) === key)) names.add(imageName(settingImage));
    }
    return names;
  }

  private dependentsOf(key: string, s: FileSummary): string[] {
    if (!s.dockerfile && !s.limitRanges.length && !s.configMaps.length && !s.links.length) return [];
    const out: string[] = [];
    const lrNamespaces = new Set(s.limitRanges.map((lr) => lr.namespace ?? 'default'));
    const cmIds = new Set(s.configMaps.map((cm) => `${cm.namespace ?? 'default'}/${cm.name ?? ''}`));
    // Images built from this Dockerfile, and images this file links (a changed link changes their Dockerfile).
    const images = s.dockerfile ? this.imagesLinkedTo(key) : new Set<string>();
    for (const l of s.links) images.add(l.image);
    const any = <T>(set: Set<T>, wanted: Set<T>): boolean => {
      for (const x of set) if (wanted.has(x)) return true;
      return false;
    };
    for (const [otherKey, other] of this.files) {
      if (otherKey === key) continue;
      if (
        (s.dockerfile !== null && other.usesDockerfiles.has(key)) ||
        any(other.usesImages, images) ||
        any(other.usesNamespaces, lrNamespaces) ||
        any(other.usesConfigMaps, cmIds)
      ) {
        out.push(other.uri);
      }
    }
    return out.sort();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Summaries

function emptySummary(uri: string): FileSummary {
  return {
    uri,
    limitRanges: [],
    configMaps: [],
    dockerfile: null,
    links: [],
    usesImages: new Set(),
    usesNamespaces: new Set(),
    usesConfigMaps: new Set(),
    usesDockerfiles: new Set(),
    offers: '',
  };
}

function summarise(uri: string, key: string, text: string, yamlCache: YamlParseCache | undefined, mode: SummaryMode): FileSummary {
  const s = emptySummary(uri);
  try {
    const kind = classifyPath(uri);
    if (kind === 'dockerfile') s.dockerfile = summariseDockerfile(uri, text);
    else if (kind === 'yaml' && (mode === 'full' || mayOffer(text))) summariseYaml(s, key, text, isHelmTemplate(uri, text), yamlCache);
  } catch {
    // Never let one odd file break the index: it offers nothing.
    return emptySummary(uri);
  }
  s.offers = JSON.stringify({
    lr: s.limitRanges.map((lr) => [lr.name, lr.namespace, lr.items.map(itemText)]),
    cm: s.configMaps.map((cm) => [cm.name, cm.namespace, [...cm.data].map(([k, v]) => [k, v.value])]),
    d: s.dockerfile ? { ...s.dockerfile, uri: undefined } : null,
    links: s.links,
  });
  return s;
}

/**
 * False when the text cannot offer anything: a LimitRange or ConfigMap needs `kind` to read exactly that, a
 * skaffold link an `apiVersion` starting with `skaffold/`, a compose link a `services` key. A scalar's value is
 * its text (an alias repeats its anchor's text, folding adds spaces) except through a double-quoted escape, so
 * without a backslash each word must appear as written.
 */
function mayOffer(text: string): boolean {
  return text.includes('ConfigMap') || text.includes('LimitRange') || text.includes('skaffold') || text.includes('services') || text.includes('\\');
}

function itemText(item: LimitRangeModel['items'][number]): unknown {
  const m = (x: Map<string, { value: bigint }>) => [...x].map(([k, q]) => [k, q.value.toString()]);
  return [m(item.default), m(item.defaultRequest), m(item.max), m(item.min)];
}

function summariseDockerfile(uri: string, text: string): DockerfileSummary | null {
  const model = parseDockerfile(text);
  const stage = model.final;
  const lines = new LineIndex(text);
  // The same reading of the final stage as the Dockerfile's own analysis (docker/launch.ts), kept as plain strings.
  const spec = stage ? dockerfileLaunch(model, lines, stage) : null;
  if (!stage || !spec) return null;
  const strings = (items: { value: string }[] | null | undefined): string[] | null => (items ? items.map((a) => a.value) : null);
  return {
    uri,
    stage: stage.name,
    // An unset build arg leaves a half-name (`eclipse-temurin:-jre`): better no JDK than a wrong one.
    baseImage: spec.image && stage.imageUnresolved.length === 0 ? spec.image : null,
    env: spec.env.map((e) => ({
      name: e.name,
      value: e.value,
      ...(e.unresolvedReason !== undefined ? { unresolvedReason: e.unresolvedReason } : {}),
      line: e.entrySpan ? lines.position(e.entrySpan[0]).line : null,
    })),
    entrypoint: strings(spec.imageEntrypoint),
    cmd: spec.imageEntrypoint ? strings(spec.imageCmd) : strings(spec.args),
    entrypointLine: stage.entrypoint ? stage.entrypoint.instruction.range.start.line : null,
    cmdLine: stage.cmd ? stage.cmd.instruction.range.start.line : null,
  };
}

function summariseYaml(s: FileSummary, key: string, text: string, helm: boolean, yamlCache?: YamlParseCache): void {
  const yaml = parseYamlIncremental(text, { helm }, yamlCache);
  const kinds = yaml.docs.map(classifyDocument);
  const dir = dirOf(key);
  for (const doc of yaml.docs) {
    const root = asMap(doc.contents);
    if (root && (asString(get(root, 'apiVersion')) ?? '').startsWith('skaffold/')) readSkaffold(s, root, key, dir);
  }
  if (kinds.includes('kubernetes')) {
    const manifest = buildManifestModel(yaml, { nodeMemoryBytes: 0n });
    // Values behind masked template actions are unknown: a templated file offers no objects, it only uses them.
    if (!yaml.templated) {
      s.limitRanges = manifest.limitRanges.map(stripLimitRange);
      s.configMaps = manifest.configMaps.map(stripConfigMap);
    }
    for (const w of manifest.workloads) {
      const ns = w.namespace ?? 'default';
      s.usesNamespaces.add(ns);
      for (const c of w.containers) {
        if (c.image) s.usesImages.add(imageName(c.image));
        for (const name of configMapRefs(c.env, c.envFrom)) s.usesConfigMaps.add(`${ns}/${name}`);
      }
    }
  }
  if (kinds.includes('compose')) readCompose(s, yaml, key, dir);
}

/** `build.artifacts` (and each profile's) of a skaffold config (skaffold.dev/docs/references/yaml). */
function readSkaffold(s: FileSummary, root: YMap, key: string, dir: string): void {
  const builds: (YNode | null)[] = [get(root, 'build')];
  for (const p of asSeq(get(root, 'profiles'))?.items ?? []) builds.push(get(p, 'build'));
  for (const build of builds) {
    for (const a of asSeq(get(build, 'artifacts'))?.items ?? []) {
      const image = asString(get(a, 'image'));
      if (!image) continue;
      // Artifacts built without a Dockerfile (Jib, Bazel, buildpacks, a custom script) link to nothing.
      if (['jib', 'bazel', 'buildpacks', 'custom', 'ko'].some((b) => get(a, b) !== null)) continue;
      const context = asString(get(a, 'context')) ?? '.';
      const dockerfile = asString(get(get(a, 'docker'), 'dockerfile')) ?? asString(get(get(a, 'kaniko'), 'dockerfile')) ?? 'Dockerfile';
      s.links.push({ image: imageName(image), dockerfile: joinPath(joinPath(dir, context), dockerfile), source: 'skaffold', declaredIn: key });
    }
  }
}

function readCompose(s: FileSummary, yaml: YFile, key: string, dir: string): void {
  const model = buildComposeModel(yaml);
  for (const svc of model.services) {
    const image = svc.image?.value ?? null;
    if (image) s.usesImages.add(imageName(image));
    if (!svc.build) continue;
    const dockerfile = joinPath(joinPath(dir, svc.build.context?.value ?? '.'), svc.build.dockerfile?.value ?? 'Dockerfile');
    s.usesDockerfiles.add(dockerfile);
    // `build:` with `image:` names the image it builds (compose spec, services.build).
    if (image) s.links.push({ image: imageName(image), dockerfile, source: 'compose', declaredIn: key });
  }
}

function configMapRefs(env: YNode | null, envFrom: YNode | null): string[] {
  const out: string[] = [];
  for (const item of asSeq(env)?.items ?? []) {
    const name = asString(get(get(get(item, 'valueFrom'), 'configMapKeyRef'), 'name'));
    if (name) out.push(name);
  }
  for (const item of asSeq(envFrom)?.items ?? []) {
    const name = asString(get(get(item, 'configMapRef'), 'name'));
    if (name) out.push(name);
  }
  return out;
}

/** A detached node: the summary must not keep the other file's tree, and its spans index another text. */
function detachedMap(): YMap {
  return { kind: 'map', span: [0, 0], flow: true, items: [] };
}

function stripLimitRange(lr: LimitRangeModel): LimitRangeModel {
  return { name: lr.name, namespace: lr.namespace, object: detachedMap(), items: lr.items };
}

function stripConfigMap(cm: ConfigMapModel): ConfigMapModel {
  const data: ConfigMapModel['data'] = new Map();
  for (const [k, v] of cm.data) {
    const pair: YPair = { key: k, keyNode: null, value: null, span: [0, 0] };
    data.set(k, { value: v.value, node: null, pair });
  }
  return { name: cm.name, namespace: cm.namespace, object: detachedMap(), data };
}

function objectId(o: { name: string | null; namespace: string | null }): string | null {
  return o.name === null ? null : `${o.namespace ?? 'default'}/${o.name}`;
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

// ---------------------------------------------------------------------------------------------------------------
// URIs and paths: the server speaks `file:` URIs, the CLI file paths. Keys are decoded, with `/` separators, so a
// path written in skaffold.yaml meets the URI the editor sends.

/** The comparison key of a URI or path. */
export function keyOf(uri: string): string {
  let s = uri.replace(/\\/g, '/');
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.exec(s);
  if (scheme) {
    try {
      s = scheme[0] + decodeURIComponent(s.slice(scheme[0].length));
    } catch {
      // Malformed escapes: compare as written.
    }
  }
  // Windows drive letters compare case-insensitively (`file:///C:/` vs `file:///c%3A/`).
  s = s.replace(/^(file:\/\/\/|)([A-Za-z]):\//, (_m, p: string, d: string) => `${p}${d.toLowerCase()}:/`);
  return normalise(s);
}

function splitPrefix(s: string): [prefix: string, path: string] {
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/.exec(s);
  if (scheme) return [scheme[0], s.slice(scheme[0].length)];
  const drive = /^[a-z]:/.exec(s);
  if (drive) return [drive[0], s.slice(2)];
  return ['', s];
}

function normalise(s: string): string {
  const [prefix, path] = splitPrefix(s);
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !absolute) out.push(part);
  }
  const joined = (absolute ? '/' : '') + out.join('/');
  return prefix + (joined || (absolute ? '/' : '.'));
}

/** `to` relative to the folder `fromDir` (`../docker/Dockerfile`); `to` itself when they share no prefix. */
export function relativePath(fromDir: string, to: string): string {
  const [pa, a] = splitPrefix(fromDir);
  const [pb, b] = splitPrefix(to);
  if (pa !== pb || a.startsWith('/') !== b.startsWith('/')) return to;
  const from = a.split('/').filter((x) => x !== '' && x !== '.');
  const parts = b.split('/').filter((x) => x !== '' && x !== '.');
  let i = 0;
  while (i < from.length && i < parts.length - 1 && from[i] === parts[i]) i++;
  if (from.slice(i).includes('..')) return to;
  return [...from.slice(i).map(() => '..'), ...parts.slice(i)].join('/');
}

/** The folder of a key. */
export function dirOf(key: string): string {
  const [prefix, path] = splitPrefix(key);
  const i = path.lastIndexOf('/');
  if (i < 0) return prefix + '.';
  return prefix + (i === 0 ? '/' : path.slice(0, i));
}

/** `rel` (a relative or absolute path, `/` or `\` separated) resolved against the folder key `dir`. */
export function joinPath(dir: string, rel: string): string {
  const r = rel.replace(/\\/g, '/');
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(r)) return keyOf(r);
  const [prefix, path] = splitPrefix(dir);
  if (r.startsWith('/')) return normalise(prefix + r);
  if (/^[a-zA-Z]:\//.test(r)) return keyOf(r);
  return normalise(`${prefix}${path === '.' ? '' : `${path}/`}${r}`);
}

// The typed settings (DESIGN.md "Settings"). The server, the CLI and the tests all build them with
// normalizeOptions(), which never throws: unknown keys are ignored and bad values fall back to defaults.
import { RULE_IDS, type RuleId, type Severity } from './types';

export type RuleSetting = Severity | 'off';

export interface JvmOptions {
  defaultJdk: number;
  loadedClasses: number;
  threads: number;
  codeCache: string;
  directMemory: string;
  nativeOverhead: string;
  gcOverheadPercent: number;
}

/** The node view's node (`oomLens.node.*`, `.oom-lens.yaml` `node:`); memory and CPUs are `nodeMemory` and `nodeCpus`. */
export interface NodeOptions {
  /** `custom` (the kubelet's defaults, every figure a setting), `eks`, `gke` or `aks`. */
  profile: 'custom' | 'eks' | 'gke' | 'aks';
  /** Max pods per node; null = the profile's (110; AKS 250). */
  maxPods: number | null;
  /** Quantities; null = the profile's formula (custom: none). */
  kubeReserved: string | null;
  systemReserved: string | null;
  /** The hard eviction threshold for `memory.available`; null = the kubelet's `100Mi`. */
  evictionHard: string | null;
  /** The usage scenario for the eviction and OOM-kill orders. */
  scenario: 'request' | 'limit' | 'expected';
}

export interface Options {
  nodeMemory: string;
  nodeCpus: number;
  inlayHints: { enabled: boolean };
  codeLens: { enabled: boolean };
  rules: Partial<Record<RuleId, RuleSetting>>;
  jvm: JvmOptions;
  fix: { memory: string; cpu: string };
  images: Record<string, string>;
  maxFileSize: number;
  node: NodeOptions;
}

export const DEFAULT_OPTIONS: Readonly<Options> = Object.freeze({
  nodeMemory: '16Gi',
  nodeCpus: 4,
  inlayHints: { enabled: true },
  codeLens: { enabled: true },
  rules: {},
  jvm: {
    defaultJdk: 17,
    loadedClasses: 15000,
    threads: 100,
    codeCache: '48Mi',
    directMemory: '16Mi',
    nativeOverhead: '32Mi',
    gcOverheadPercent: 5,
  },
  fix: { memory: '512Mi', cpu: '250m' },
  images: {},
  maxFileSize: 5_000_000,
  node: { profile: 'custom', maxPods: null, kubeReserved: null, systemReserved: null, evictionHard: null, scenario: 'limit' } as NodeOptions,
});

/** Flat list of every setting key (dotted, without `oomLens.`), for the manifest-consistency test. */
export const OPTION_KEYS = [
  'nodeMemory',
  'nodeCpus',
  'inlayHints.enabled',
  'codeLens.enabled',
  'rules',
  'jvm.defaultJdk',
  'jvm.loadedClasses',
  'jvm.threads',
  'jvm.codeCache',
  'jvm.directMemory',
  'jvm.nativeOverhead',
  'jvm.gcOverheadPercent',
  'fix.memory',
  'fix.cpu',
  'images',
  'maxFileSize',
  'node.profile',
  'node.maxPods',
  'node.kubeReserved',
  'node.systemReserved',
  'node.evictionHard',
  'node.scenario',
] as const;

const SEVERITIES: readonly RuleSetting[] = ['error', 'warning', 'information', 'hint', 'off'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, fallback: string): string {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : fallback;
}

function num(v: unknown, fallback: number, min: number, max: number): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max ? n : fallback;
}

function bool(v: unknown, fallback: boolean): boolean {
  return typeof v === 'boolean' ? v : fallback;
}

/**
 * Accepts nested (`{ jvm: { threads: 200 } }`) and dotted (`{ "jvm.threads": 200 }`) forms, as VS Code
 * and `.oom-lens.yaml` users write either.
 */
export function normalizeOptions(input: unknown, base: Readonly<Options> = DEFAULT_OPTIONS): Options {
  const raw = isRecord(input) ? expandDotted(input) : {};
  const jvm = isRecord(raw.jvm) ? raw.jvm : {};
  const fix = isRecord(raw.fix) ? raw.fix : {};
  const inlay = isRecord(raw.inlayHints) ? raw.inlayHints : {};
  const lens = isRecord(raw.codeLens) ? raw.codeLens : {};
  const rules: Partial<Record<RuleId, RuleSetting>> = { ...base.rules };
  if (isRecord(raw.rules)) {
    for (const [id, sev] of Object.entries(raw.rules)) {
      if ((RULE_IDS as readonly string[]).includes(id) && SEVERITIES.includes(sev as RuleSetting)) {
        rules[id as RuleId] = sev as RuleSetting;
      }
    }
  }
  const images: Record<string, string> = { ...base.images };
  if (isRecord(raw.images)) {
    for (const [name, path] of Object.entries(raw.images)) if (typeof path === 'string') images[name] = path;
  }
  return {
    nodeMemory: str(raw.nodeMemory, base.nodeMemory),
    nodeCpus: num(raw.nodeCpus, base.nodeCpus, 1, 4096),
    inlayHints: { enabled: bool(inlay.enabled, base.inlayHints.enabled) },
    codeLens: { enabled: bool(lens.enabled, base.codeLens.enabled) },
    rules,
    jvm: {
      defaultJdk: num(jvm.defaultJdk, base.jvm.defaultJdk, 6, 100),
      loadedClasses: num(jvm.loadedClasses, base.jvm.loadedClasses, 0, 10_000_000),
      threads: num(jvm.threads, base.jvm.threads, 0, 1_000_000),
      codeCache: str(jvm.codeCache, base.jvm.codeCache),
      directMemory: str(jvm.directMemory, base.jvm.directMemory),
      nativeOverhead: str(jvm.nativeOverhead, base.jvm.nativeOverhead),
      gcOverheadPercent: num(jvm.gcOverheadPercent, base.jvm.gcOverheadPercent, 0, 100),
    },
    fix: { memory: str(fix.memory, base.fix.memory), cpu: str(fix.cpu, base.fix.cpu) },
    images,
    maxFileSize: num(raw.maxFileSize, base.maxFileSize, 0, Number.MAX_SAFE_INTEGER),
    node: normalizeNode(isRecord(raw.node) ? raw.node : {}, base.node),
  };
}

const PROFILES: readonly NodeOptions['profile'][] = ['custom', 'eks', 'gke', 'aks'];
const SCENARIOS: readonly NodeOptions['scenario'][] = ['request', 'limit', 'expected'];

function oneOf<T extends string>(v: unknown, allowed: readonly T[], fallback: T): T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v.trim()) ? (v.trim() as T) : fallback;
}

/** A quantity-valued setting: a non-empty string (or number), else the fallback; `null` or `""` clear it. */
function optionalStr(v: unknown, fallback: string | null): string | null {
  if (v === null || v === '') return null;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : fallback;
}

function normalizeNode(raw: Record<string, unknown>, base: NodeOptions): NodeOptions {
  const maxPods = raw.maxPods === null ? null : num(raw.maxPods, -1, 1, 100_000);
  return {
    profile: oneOf(raw.profile, PROFILES, base.profile),
    maxPods: maxPods === null ? null : maxPods === -1 ? base.maxPods : Math.floor(maxPods),
    kubeReserved: optionalStr(raw.kubeReserved, base.kubeReserved),
    systemReserved: optionalStr(raw.systemReserved, base.systemReserved),
    evictionHard: optionalStr(raw.evictionHard, base.evictionHard),
    scenario: oneOf(raw.scenario, SCENARIOS, base.scenario),
  };
}

function expandDotted(input: Record<string, unknown>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [key, value] of Object.entries(input)) {
    const parts = key.startsWith('oomLens.') ? key.slice('oomLens.'.length).split('.') : key.split('.');
    // `rules` and `images` are maps whose own keys may contain dots (image names): never split below them.
    const cut = parts[0] === 'rules' || parts[0] === 'images' ? 1 : parts.length;
    const path = [...parts.slice(0, cut - 1), parts.slice(cut - 1).join('.')];
    let target = out;
    for (const p of path.slice(0, -1)) {
      if (!isRecord(target[p])) target[p] = {};
      target = target[p];
    }
    const last = path[path.length - 1];
    target[last] = isRecord(value) && isRecord(target[last]) ? { ...target[last], ...value } : value;
  }
  return out;
}

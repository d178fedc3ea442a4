// The `oomLens/nodeView` request: the node view (engine/node/) of the documents the client names, or of every open
// document — their Kubernetes workloads packed onto nodes of the settings' profile, with the eviction and OOM-kill
// orders, as one page. Protocol glue only: the server supplies the analyses and settings, the engine the plan and page.
import { randomBytes } from 'node:crypto';
import { type Connection, RequestType } from 'vscode-languageserver/node';
import type { FileAnalysis } from '../engine/analysis';
import { type NodePlanJson, toNodePlanJson } from '../engine/node/json';
import { renderNodeViewHtml } from '../engine/node/page';
import { nodeProfileOf } from '../engine/node/settings';
import { nodeView } from '../engine/node/view';
import { normalizeOptions, type Options } from '../engine/options';
import { requestedUris } from './memory-report';

export const NODE_VIEW_METHOD = 'oomLens/nodeView';
/** The client command a row's link runs (client/src/node-view.ts), with `[uri, line, character]`. */
export const REVEAL_COMMAND = 'oomLens.revealInEditor';

export interface NodeViewParams {
  /** Document URIs; absent: every document open in the server. */
  uris?: string[];
}

export interface NodeViewResult {
  /** A self-contained page (no scripts) with its own Content-Security-Policy; rows link with `command:` URIs. */
  html: string;
  /** The `oom-lens node --format json` object, byte values as decimal strings. */
  plan: unknown;
}

export const NodeViewRequest = new RequestType<NodeViewParams | null | undefined, NodeViewResult, void>(NODE_VIEW_METHOD);

export type GetNodeAnalyses = (uris: string[] | 'open') => Promise<Array<{ uri: string; analysis: FileAnalysis; options: Options }>>;

/** bigint → decimal string, so the plan travels as JSON without losing precision. */
function plain(value: NodePlanJson): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

export function registerNodeView(connection: Connection, getAnalyses: GetNodeAnalyses, getRoots: () => readonly string[] = () => []): void {
  connection.onRequest(NodeViewRequest, async (params) => {
    const files = await getAnalyses(requestedUris(params));
    // One node for the whole view: the settings of the first document (the workspace's, in practice).
    const options = files[0]?.options;
    const o = options ?? normalizeOptions({});
    const plan = nodeView(files, nodeProfileOf(o), o.node.scenario);
    const html = renderNodeViewHtml(plan, { nonce: randomBytes(16).toString('base64'), roots: getRoots(), revealCommand: REVEAL_COMMAND });
    return { html, plan: plain(toNodePlanJson(plan)) };
  });
}

// The server's index of files read from disk (engine/workspace.ts SummaryMode 'offers'): what a file offers the
// others is the same as with a full summary, whether or not the text pre-filter let it skip the parse.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { type SummaryMode, WorkspaceIndex } from '../../server/src/engine/workspace';
import { ROOT } from '../lsp/lsp-client';
import { dedent } from '../helpers/text';

const CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'real');
const PROBE = 'file:///ws/probe/deploy.yaml';
const DOCKERFILE = 'FROM eclipse-temurin:17-jre\nENV JAVA_TOOL_OPTIONS=-Xmx1g\n';

/** What `uri` offers as the other files see it: LimitRanges, ConfigMaps and the Dockerfile links it declares. */
function offered(uri: string, text: string, mode: SummaryMode): string {
  const index = new WorkspaceIndex();
  index.update(uri, text, undefined, mode);
  // Dockerfiles where skaffold and compose files usually point, so that a link shows in dockerfileFor.
  for (const p of ['Dockerfile', 'build/Dockerfile', 'app/Dockerfile', 'src/Dockerfile']) index.update(new URL(p, uri).href, DOCKERFILE);
  const view = index.view(PROBE);
  const images = [...text.matchAll(/image:\s*["']?([^\s"'#]+)/g)].map((m) => m[1]);
  return JSON.stringify({
    limitRanges: view.limitRanges.map((lr) => [lr.name, lr.namespace, lr.items.length]),
    configMaps: view.configMaps.map((cm) => [cm.name, cm.namespace, [...cm.data].map(([k, v]) => [k, v.value])]),
    links: images.map((image) => view.dockerfileFor(image)?.uri ?? null),
  });
}

describe('WorkspaceIndex summaries of files read from disk', () => {
  it('offer the same as full summaries on every corpus manifest, chart and compose file', () => {
    let checked = 0;
    for (const dir of ['k8s', 'helm', 'compose']) {
      for (const name of readdirSync(resolve(CORPUS, dir))) {
        if (!/\.ya?ml$/.test(name)) continue;
        const text = readFileSync(resolve(CORPUS, dir, name), 'utf8');
        const uri = `file:///ws/${dir}/${name}`;
        assert.equal(offered(uri, text, 'offers'), offered(uri, text, 'full'), name);
        checked++;
      }
    }
    assert.ok(checked > 50, `${checked} files`);
  });

  it('still find objects written with escapes, aliases, flow maps and in lists, and skaffold and compose links', () => {
    const cases = [
      'apiVersion: v1\nkind: "Config\\u004dap"\nmetadata: {name: a}\ndata: {x: "1"}\n',
      'apiVersion: v1\nkind: "Limit\\\n  Range"\nmetadata: {name: a}\nspec: {limits: [{type: Container, default: {memory: 1Gi}}]}\n',
      'k: &k ConfigMap\n---\n{apiVersion: v1, kind: ConfigMap, metadata: {name: b}, data: {y: "2"}}\n',
      'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n',
      dedent`
        apiVersion: skaffold/v4beta6
        kind: Config
        build:
          artifacts:
            - image: registry.example.com/shop/api
      `,
      'services:\n  api:\n    image: registry.example.com/shop/api\n    build: app\n',
    ];
    for (const text of cases) {
      const full = offered('file:///ws/x/objects.yaml', text, 'full');
      assert.notEqual(full, offered('file:///ws/x/objects.yaml', '', 'full'), `offers something: ${text}`);
      assert.equal(offered('file:///ws/x/objects.yaml', text, 'offers'), full, text);
    }
  });
});

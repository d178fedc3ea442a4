// One function builds every rule link (diagnostics' codeDescription.href, SARIF helpUri, hovers).
import manifest from '../../../package.json';
import type { RuleId } from './types';

const repository = (manifest as { repository?: { url?: string } }).repository?.url ?? 'https://github.com/oom-lens/oom-lens';
const base = repository.replace(/\.git$/, '');

export function docsUrl(ruleId: RuleId): string {
  return `${base}/blob/main/docs/rules/${ruleId}.md`;
}

export const VERSION: string = (manifest as { version?: string }).version ?? '0.0.0';

// The one entry point of the engine: a file's text in, everything the editor and the CLI show out.
// text → parse (with ranges) → sources (workloads, containers, launches) → JVM model → rules → presentations.
// Never throws on user input: what fails is recorded in `failures` and the rest stands.
import { emptyAnalysis, type FileAnalysis } from '../analysis';
import { classifyPath } from '../classify';
import { readNodeMemory } from '../k8s/node-memory';
import { LineIndex } from '../text';
import { analyzeDockerfile } from './dockerfile';
import type { AnalyzeRequest } from './request';
import { analyzeYaml } from './yaml';

export type { AnalyzeRequest } from './request';
export { buildYamlContext } from './yaml';

export function analyzeFile(req: AnalyzeRequest): FileAnalysis {
  const { text, options } = req;
  const lines = new LineIndex(text);
  const nodeMemoryBytes = readNodeMemory(text, options.nodeMemory);
  const pathKind = classifyPath(req.uri, req.languageId);
  if (text.length > options.maxFileSize) {
    const result = emptyAnalysis(pathKind === 'dockerfile' ? 'dockerfile' : 'other', nodeMemoryBytes);
    result.skipped = 'too-large';
    result.notices.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: `OOM Lens skipped this file: ${text.length} characters is above the \`maxFileSize\` setting (${options.maxFileSize})`,
    });
    return result;
  }
  if (pathKind === 'dockerfile') return analyzeDockerfile(req, lines, nodeMemoryBytes);
  if (pathKind !== 'yaml') {
    const result = emptyAnalysis('other', nodeMemoryBytes);
    result.skipped = 'not-kubernetes';
    return result;
  }
  return analyzeYaml(req, lines, nodeMemoryBytes);
}

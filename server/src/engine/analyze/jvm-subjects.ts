// The JVM stage every source shares: each container's launch through the JVM model (jvm/analyze.ts) against its own
// limit and CPUs. Containers that run no JVM are left out; a JVM model that throws costs that container only and is
// recorded as a failure of the file's analysis.
import type { Failure } from '../analysis';
import { analyzeJvm, type JvmAnalysis } from '../jvm/analyze';
import type { Options } from '../options';
import type { JvmSubject, SourceContainer } from '../source';

export interface JvmStage {
  subjects: JvmSubject[];
  analysisOf: Map<SourceContainer, JvmAnalysis>;
}

export function analyzeContainers(
  containers: readonly SourceContainer[],
  env: { options: Options; nodeMemoryBytes: bigint; text: string; commonLimits?: boolean },
  failures: Failure[],
): JvmStage {
  const subjects: JvmSubject[] = [];
  const analysisOf = new Map<SourceContainer, JvmAnalysis>();
  for (const c of containers) {
    let analysis: JvmAnalysis | null = null;
    try {
      analysis = analyzeJvm(c.launch, {
        limitBytes: c.limitBytes,
        cpuLimitMilli: c.cpuLimitMilli,
        nodeMemoryBytes: env.nodeMemoryBytes,
        options: env.options,
        text: env.text,
        commonLimits: env.commonLimits,
      });
    } catch (error) {
      failures.push({ where: `JVM analysis of ${c.kind} ${c.name}`, error });
    }
    if (!analysis) continue;
    for (const f of analysis.failures) failures.push({ where: `${f.where} of ${c.kind} ${c.name}`, error: f.error });
    analysisOf.set(c, analysis);
    subjects.push({ ...c, analysis });
  }
  return { subjects, analysisOf };
}

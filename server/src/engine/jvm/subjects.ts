// Kubernetes containers as JVM subjects (see JvmSubject in analyze.ts).
import type { ContainerModel, ManifestModel } from '../k8s/model';
import type { LineIndex } from '../text';
import type { JvmAnalysis, JvmSubject } from './analyze';

export function containerSubjects(manifest: ManifestModel, jvm: Map<ContainerModel, JvmAnalysis>, _text: string, lines: LineIndex): JvmSubject[] {
  const out: JvmSubject[] = [];
  for (const w of manifest.workloads) {
    for (const c of w.containers) {
      const analysis = jvm.get(c);
      if (!analysis) continue;
      const anchorNode = c.nameNode ?? c.node;
      const limit = c.effective.limits.get('memory');
      out.push({
        kind: 'container',
        name: c.name ?? `#${c.index}`,
        analysis,
        anchor: lines.range(anchorNode.span),
        limitText: limit ? limit.quantity.text : null,
        // Filled in with the JVM rules' fixes.
        setMemoryLimit: () => null,
        container: c,
      });
    }
  }
  return out;
}

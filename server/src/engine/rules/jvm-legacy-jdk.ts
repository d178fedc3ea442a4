// jvm-legacy-jdk: a JDK that does not size itself from the container limit (REFERENCE.md §6.2, §2.3): JDK 8 before
// 8u191 and JDK 9 ignore it everywhere; 8u191–8u371, 10–14 and 11.0.0–11.0.15 ignore it on cgroup v2 nodes (the
// default on current Linux distributions, GA in Kubernetes 1.25), where they size the heap from node memory.
// Only for a JDK read from the image tag — never for the assumed `jvm.defaultJdk`. A floating tag (`openjdk:8-jre`,
// `eclipse-temurin:11`) names no build: the finding then says "unknown build" at severity information instead of
// guessing which build the tag carries today. OpenJ9 is not judged (its container support is not modelled).
// No quick fix: the remedy is a newer image (8u372+, 11.0.16+, 17+).
import { legacyJdkStatus } from '../jvm/jdk';
import type { Range } from '../types';
import { bytesFact, dedupe, explicitHeap, knownHeap, startupRefusedByHeapSizes } from '../findings/jvm-heap';
import type { JvmSubject } from '../source';
import type { Rule, RuleContext, RuleFinding } from '../rule';
import { formatBytes } from '../bytes';

function imageRange(ctx: RuleContext, subject: JvmSubject): Range {
  const node = subject.k8s?.container.imageNode;
  return node && node.span[1] > node.span[0] ? ctx.lines.range(node.span) : subject.anchor;
}

export const jvmLegacyJdk: Rule = {
  id: 'jvm-legacy-jdk',
  defaultSeverity: 'warning',
  summary: 'A JDK that ignores container limits (everywhere, or on cgroup v2 nodes)',
  check(ctx: RuleContext): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const subject of ctx.jvmSubjects) {
      const a = subject.analysis;
      const jdk = a.launch.jdk;
      if (jdk.source !== 'image tag' || jdk.openj9 || a.launch.vm === 'openj9') continue;
      const status = legacyJdkStatus(jdk.fromImage ?? { major: jdk.major, update: jdk.update, openj9: jdk.openj9 });
      const unknownBuild = status.honoursV1 === null || (status.honoursV1 === true && status.honoursV2 === null);
      if (status.honoursV1 === true && status.honoursV2 === true) continue;
      if (status.honoursV1 === null && status.honoursV2 === null && !unknownBuild) continue;
      const where = status.honoursV1 === false ? '' : ' on cgroup v2 nodes';
      const known = knownHeap(a);
      const limit = a.limitBytes;
      let consequence = '';
      if (!unknownBuild && known && limit !== null && limit > 0n && !startupRefusedByHeapSizes(a)) {
        const heap = known.heap;
        consequence =
          explicitHeap(heap) && a.heapToken
            ? `; \`${a.heapToken.text}\` still fixes the heap, but the JVM's other sizing follows the node`
            : `: there the max heap is ${formatBytes(heap.maxHeapBytes)} (from node memory ${formatBytes(a.heapInput.nodeMemoryBytes)}) ` +
              `against the container memory limit \`${subject.limitText ?? formatBytes(limit)}\``;
      }
      const advice = unknownBuild ? ': check which build the image carries' : '';
      // 8u131+ (and 9, 10) with the experimental flag read the cgroup v1 limit file as MaxRAM (REFERENCE §2.3, §6.2):
      // the limit is honoured on cgroup v1 nodes, and still ignored on v2 (the file does not exist there).
      const s = a.settings;
      const cgroupFlag =
        status.honoursV1 === false &&
        s.useCGroupMemoryLimitForHeap?.value === true &&
        s.unlockExperimentalVMOptions &&
        ((jdk.major === 8 && jdk.update !== null && jdk.update >= 131) || jdk.major === 9 || jdk.major === 10);
      const flagNote = cgroupFlag ? ' (`-XX:+UseCGroupMemoryLimitForHeap` makes it read the limit on cgroup v1 nodes only)' : '';
      findings.push({
        message: `${status.reason}${flagNote}${consequence.replace(/^: there/, cgroupFlag ? ': on cgroup v2 nodes' : ': there')}${advice}`,
        range: imageRange(ctx, subject),
        facts: {
          container: subject.name,
          jdkMajor: jdk.major,
          jdkUpdate: jdk.update,
          honoursCgroupV1: status.honoursV1,
          honoursCgroupV2: status.honoursV2,
          unknownBuild,
          cgroups: where ? 'v2' : 'all',
          maxHeapBytes: bytesFact(known?.heap.maxHeapBytes),
        },
        ...(unknownBuild ? { severity: 'information' as const } : {}),
      });
    }
    return dedupe(findings);
  },
};

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jvmHeapExceedsLimit } from '../../../server/src/engine/rules/jvm-heap-exceeds-limit';
import { jvmLegacyJdk } from '../../../server/src/engine/rules/jvm-legacy-jdk';
import { check } from '../../helpers/rule-context';
import { textAt } from '../../helpers/text';
import { placements } from './jvm-helpers';

const run = (image: string, option = '-XX:+ExitOnOutOfMemoryError', memory = '2Gi') =>
  check(jvmLegacyJdk, placements(option, memory, image)[1].text);

describe('jvm-legacy-jdk', () => {
  it('reports JDK 8 before 8u191 on the image, with the heap it takes from node memory', () => {
    const text = placements('-XX:+ExitOnOutOfMemoryError', '2Gi', 'openjdk:8u151-jre')[1].text;
    const [f, ...rest] = check(jvmLegacyJdk, text);
    assert.equal(rest.length, 0);
    assert.equal(textAt(text, f.range), 'openjdk:8u151-jre');
    assert.equal(
      f.message,
      'JDK 8u151 ignores the container limit (container support arrived in 8u191): there the max heap is 4 GiB ' +
        '(from node memory 16 GiB) against the container memory limit `2Gi`',
    );
    assert.equal(f.severity, undefined);
    assert.equal(f.facts?.cgroups, 'all');
    // One finding per cause: the heap rule leaves the node-sized heap to this rule.
    assert.deepEqual(check(jvmHeapExceedsLimit, text), []);
  });

  it('reports builds that ignore the limit on cgroup v2 nodes: 8u191–8u371, 10–14, 11.0.0–11.0.15', () => {
    for (const [image, reason] of [
      ['eclipse-temurin:8u362-b09-jre', 'JDK 8u362 ignores the limit on cgroup v2 nodes (cgroup v2 support arrived in 8u372)'],
      ['openjdk:11.0.15-jre', 'JDK 11.0.15 ignores the limit on cgroup v2 nodes (cgroup v2 support arrived in 11.0.16)'],
      ['openjdk:14-jdk', 'JDK 14 ignores the limit on cgroup v2 nodes (cgroup v2 support arrived in JDK 15)'],
    ]) {
      const [f] = run(image);
      assert.ok(f.message.startsWith(reason), f.message);
      assert.equal(f.facts?.cgroups, 'v2');
      assert.equal(f.severity, undefined);
    }
  });

  it('says when -Xmx fixes the heap anyway', () => {
    const [f] = run('openjdk:11.0.14-jre', '-Xmx1g');
    assert.match(f.message, /; `-Xmx1g` still fixes the heap, but the JVM's other sizing follows the node$/);
  });

  it('says "unknown build" at severity information for a floating tag', () => {
    const [f] = run('openjdk:8-jre');
    assert.equal(f.severity, 'information');
    assert.equal(
      f.message,
      'JDK 8 of unknown build (tag `8-jre`): before 8u191 it ignores the container limit, and before 8u372 it ignores it on ' +
        'cgroup v2 nodes: check which build the image carries',
    );
    const [eleven] = run('eclipse-temurin:11-jre');
    assert.equal(eleven.severity, 'information');
    assert.match(eleven.message, /^JDK 11 of unknown build/);
  });

  it('is silent for JDKs that honour the limit, an assumed JDK, and OpenJ9', () => {
    for (const image of ['eclipse-temurin:17-jre', 'eclipse-temurin:8u392-b08-jre', 'openjdk:11.0.16-jre', 'registry.example.com/app:1', 'ibm-semeru-runtimes:open-8-jre']) {
      assert.deepEqual(run(image), [], image);
    }
  });
});

describe('jvm-legacy-jdk with -XX:+UseCGroupMemoryLimitForHeap (REFERENCE §6.2: 8u131+ reads the cgroup v1 limit)', () => {
  const flags = '-XX:+UnlockExperimentalVMOptions -XX:+UseCGroupMemoryLimitForHeap';

  it('8u181 with the unlocked flag: says it honours the limit on cgroup v1 only, and gives the heap on v2', () => {
    const [f] = run('openjdk:8u181-jre', flags);
    assert.equal(
      f.message,
      'JDK 8u181 ignores the container limit (container support arrived in 8u191) (`-XX:+UseCGroupMemoryLimitForHeap` makes it read ' +
        'the limit on cgroup v1 nodes only): on cgroup v2 nodes the max heap is 4 GiB (from node memory 16 GiB) against the container memory limit `2Gi`',
    );
  });

  it('without the unlock flag, or before 8u131, the flag does nothing: the plain message', () => {
    for (const [image, option] of [
      ['openjdk:8u181-jre', '-XX:+UseCGroupMemoryLimitForHeap'],
      ['openjdk:8u121-jre', flags],
    ]) {
      const [f] = run(image, option);
      assert.doesNotMatch(f.message, /cgroup v1 nodes only/, `${image} ${option}`);
      assert.match(f.message, /: there the max heap is/);
    }
  });
});

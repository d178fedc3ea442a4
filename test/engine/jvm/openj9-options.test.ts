// Eclipse OpenJ9 options on HotSpot (options.ts OPENJ9_X_OPTIONS / OPENJ9_XX_FLAGS): every row of the table was
// measured with `java <option> -version` on OpenJDK 17.0.15 (HotSpot): exit 1 with the message below on stderr.
// The live test at the end re-runs them against the `java` on this machine. OpenJ9 documentation:
// https://eclipse.dev/openj9/docs/ (xtune, xshareclasses, xgcpolicy, xxidletuninggconidle, …).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { interpretOptions, openj9OnlyOption } from '../../../server/src/engine/jvm/options';

/** Option → what HotSpot 17.0.15 prints (measured, exit code 1 for each). */
export const MEASURED: ReadonlyArray<[string, string]> = [
  ['-Xtune:virtualized', 'Unrecognized option: -Xtune:virtualized'],
  ['-Xtune:footprint', 'Unrecognized option: -Xtune:footprint'],
  ['-Xtune:quickstart', 'Unrecognized option: -Xtune:quickstart'],
  ['-Xtune:throughput', 'Unrecognized option: -Xtune:throughput'],
  ['-Xquickstart', 'Unrecognized option: -Xquickstart'],
  ['-Xshareclasses', 'Unrecognized option: -Xshareclasses'],
  ['-Xshareclasses:name=app', 'Unrecognized option: -Xshareclasses:name=app'],
  ['-Xshareclasses:none', 'Unrecognized option: -Xshareclasses:none'],
  ['-Xscmx64m', 'Unrecognized option: -Xscmx64m'],
  ['-Xgcpolicy:gencon', 'Unrecognized option: -Xgcpolicy:gencon'],
  ['-Xgcpolicy:balanced', 'Unrecognized option: -Xgcpolicy:balanced'],
  ['-Xgcpolicy:optthruput', 'Unrecognized option: -Xgcpolicy:optthruput'],
  ['-Xgcpolicy:optavgpause', 'Unrecognized option: -Xgcpolicy:optavgpause'],
  ['-Xgcpolicy:metronome', 'Unrecognized option: -Xgcpolicy:metronome'],
  ['-Xgcpolicy:nogc', 'Unrecognized option: -Xgcpolicy:nogc'],
  ['-Xgc:concurrentScavenge', 'Unrecognized option: -Xgc:concurrentScavenge'],
  ['-Xjit', 'Unrecognized option: -Xjit'],
  ['-Xjit:count=10', 'Unrecognized option: -Xjit:count=10'],
  ['-Xnojit', 'Unrecognized option: -Xnojit'],
  ['-Xaot', 'Unrecognized option: -Xaot'],
  ['-Xaot:forceaot', 'Unrecognized option: -Xaot:forceaot'],
  ['-Xnoaot', 'Unrecognized option: -Xnoaot'],
  ['-Xsoftmx512m', 'Unrecognized option: -Xsoftmx512m'],
  ['-Xcodecachetotal128m', 'Unrecognized option: -Xcodecachetotal128m'],
  ['-Xmo64m', 'Unrecognized option: -Xmo64m'],
  ['-Xmos64m', 'Unrecognized option: -Xmos64m'],
  ['-Xmox64m', 'Unrecognized option: -Xmox64m'],
  ['-Xmns64m', 'Invalid initial young generation size: -Xmns64m'],
  ['-Xmnx64m', 'Invalid initial young generation size: -Xmnx64m'],
  ['-Xcompressedrefs', 'Unrecognized option: -Xcompressedrefs'],
  ['-Xnocompressedrefs', 'Unrecognized option: -Xnocompressedrefs'],
  ['-XX:+IdleTuningGcOnIdle', "Unrecognized VM option 'IdleTuningGcOnIdle'"],
  ['-XX:-IdleTuningGcOnIdle', "Unrecognized VM option 'IdleTuningGcOnIdle'"],
  ['-XX:+IdleTuningCompactOnIdle', "Unrecognized VM option 'IdleTuningCompactOnIdle'"],
  ['-XX:-IdleTuningCompactOnIdle', "Unrecognized VM option 'IdleTuningCompactOnIdle'"],
  ['-XX:IdleTuningMinIdleWaitTime=180', "Unrecognized VM option 'IdleTuningMinIdleWaitTime=180'"],
  ['-XX:IdleTuningMinFreeHeapOnIdle=10', "Unrecognized VM option 'IdleTuningMinFreeHeapOnIdle=10'"],
  ['-XX:SharedCacheHardLimit=64m', "Unrecognized VM option 'SharedCacheHardLimit=64m'"],
  ['-XX:+ShareOrphans', "Unrecognized VM option 'ShareOrphans'"],
  ['-XX:+MergeCompilerOptions', "Unrecognized VM option 'MergeCompilerOptions'"],
  ['-XX:+OriginalJDK8HeapSizeCompatibilityMode', "Unrecognized VM option 'OriginalJDK8HeapSizeCompatibilityMode'"],
];

/** Options both VMs accept (measured: exit 0 on HotSpot 17.0.15; OpenJ9 documents them as compatible). */
const SHARED = ['-XX:+UseContainerSupport', '-Xmn64m', '-Xnoclassgc', '-Xint', '-Xcomp', '-Xrs', '-Xcheck:jni', '-Xmx512m'];

const tok = (...texts: string[]) => texts.map((text) => ({ text }));

describe('OpenJ9-only options on HotSpot', () => {
  it('reports every measured option with the message HotSpot prints, and a removal fix', () => {
    for (const [option, message] of MEASURED) {
      const s = interpretOptions(tok('-Xmx256m', option), { major: 17 });
      assert.equal(s.problems.length, 1, option);
      const [p] = s.problems;
      assert.deepEqual([p.code, p.ruleId, p.index, p.message], ['openj9-only', 'jvm-unrecognized-option', 1, message], option);
      assert.deepEqual(p.fix?.edits, [{ index: 1, replacement: null }], option);
      assert.match(openj9OnlyOption(option)!.doc, /^https:\/\/eclipse\.dev\/openj9\/docs\/[a-z0-9]+\/$/);
      // The heap option beside it is still read.
      assert.equal(s.maxHeapSize?.value, 256n * 1024n * 1024n);
    }
  });

  it('is silent on an OpenJ9 JDK, and on options HotSpot shares', () => {
    for (const [option] of MEASURED) assert.deepEqual(interpretOptions(tok(option), { major: 17, openj9: true }).problems, [], option);
    for (const option of SHARED) assert.deepEqual(interpretOptions(tok(option), { major: 17 }).problems, [], option);
  });

  it('does not guess at forms that were not measured', () => {
    for (const option of ['-XX:IdleTuningGcOnIdle', '-XX:+IdleTuningMinIdleWaitTime=1', '-Xtune', '-Xmo', '-Xscmx', '-Xsoftmx', '-Xmns']) {
      assert.equal(openj9OnlyOption(option), null, option);
    }
  });

  it('-XX:+IgnoreUnrecognizedVMOptions (last one wins) lets HotSpot skip unknown options, not malformed ones', () => {
    // Measured on 17.0.15: exit 0 with it before or after the options; exit 1 again after -XX:-IgnoreUnrecognizedVMOptions.
    const on = interpretOptions(tok('-Xtune:virtualized', '-XX:+IdleTuningGcOnIdle', '-XX:+UseCGroupMemoryLimitForHeap', '-XX:+IgnoreUnrecognizedVMOptions'), { major: 17 });
    assert.deepEqual(on.problems, []);
    const off = interpretOptions(tok('-XX:+IgnoreUnrecognizedVMOptions', '-XX:-IgnoreUnrecognizedVMOptions', '-Xtune:virtualized'), { major: 17 });
    assert.deepEqual(off.problems.map((p) => p.message), ['Unrecognized option: -Xtune:virtualized']);
    // Still fatal with it (measured exit 1): a malformed size and -Xmns (read by HotSpot as -Xmn).
    const bad = interpretOptions(tok('-XX:+IgnoreUnrecognizedVMOptions', '-Xmns64m', '-Xmx1.5g'), { major: 17 });
    assert.deepEqual(bad.problems.map((p) => p.message), ['Invalid initial young generation size: -Xmns64m', 'Invalid maximum heap size: -Xmx1.5g']);
  });

  it('matches the live `java` on this machine', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number; err: string }>((resolve, reject) => {
        execFile('java', [...args, '-version'], { timeout: 60_000 }, (e, _out, err) => {
          if (e && (e as NodeJS.ErrnoException).code === 'ENOENT') return reject(new Error('`java` (JDK 17) is not on PATH'));
          resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, err });
        });
      });
    const results = await Promise.all(MEASURED.map(([o]) => run([o])));
    MEASURED.forEach(([option, message], i) => {
      assert.equal(results[i].code, 1, option);
      assert.equal(results[i].err.split('\n')[0], message, option);
    });
    const shared = await Promise.all(SHARED.map((o) => run([o])));
    SHARED.forEach((o, i) => assert.equal(shared[i].code, 0, o));
  });
});

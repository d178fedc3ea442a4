import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpretOptions, parseJvmSize, tokenizeOptions, type OptionOrigin } from '../../../server/src/engine/jvm/options';
import { formatJvmSize } from '../../../server/src/engine/bytes';

const MiB = 1024n * 1024n;
const GiB = 1024n * MiB;

function interpret(text: string, major: number | null = 17, update: number | null = null) {
  return interpretOptions(tokenizeOptions(text), { major, update });
}

describe('parseJvmSize (HotSpot atojulong)', () => {
  const valid: Array<[string, bigint]> = [
    ['0', 0n], ['1', 1n], ['1073741824', GiB], ['512m', 512n * MiB], ['512M', 512n * MiB], ['1g', GiB], ['1G', GiB],
    ['1048576k', GiB], ['1K', 1024n], ['1t', 1024n * GiB], ['1T', 1024n * GiB], ['0x40000000', GiB], ['0X10m', 16n * MiB],
    ['010', 10n], ['00', 0n], ['0x1b', 27n], ['16384t', 16384n * 1024n * GiB],
  ];
  for (const [text, bytes] of valid) it(`reads \`${text}\` as ${bytes}`, () => assert.equal(parseJvmSize(text), bytes));

  const invalid = ['1.5g', '1gb', '=512m', '', ' 1g', '1 ', '+1g', '-1', '1kk', '1b', '0x', 'g', '1e3', '16777216t', '18446744073709551616'];
  for (const text of invalid) it(`rejects \`${text}\``, () => assert.equal(parseJvmSize(text), null));

  it('formats sizes back exactly', () => {
    assert.equal(formatJvmSize(GiB), '1g');
    assert.equal(formatJvmSize(1536n * MiB), '1536m');
    assert.equal(formatJvmSize(1025n * 1024n), '1025k');
    assert.equal(formatJvmSize(1000n), '1000');
  });
});

describe('tokenizeOptions (HotSpot parse_options_buffer)', () => {
  it('splits on runs of whitespace and keeps offsets in the caller coordinates', () => {
    const toks = tokenizeOptions('  -Xmx1g \t-Xss512k\n-XX:+UseG1GC ', 100);
    assert.deepEqual(toks.map((t) => [t.text, t.start, t.end]), [['-Xmx1g', 102, 108], ['-Xss512k', 110, 118], ['-XX:+UseG1GC', 119, 131]]);
  });

  it('drops single and double quotes and keeps the spaces inside them', () => {
    const toks = tokenizeOptions(`-Dfoo="a b" -Dbar='c d'e -Xmx1g`);
    assert.deepEqual(toks.map((t) => t.text), ['-Dfoo=a b', '-Dbar=c de', '-Xmx1g']);
    assert.equal(toks[0].raw, '-Dfoo="a b"');
    assert.equal(toks[1].raw, `-Dbar='c d'e`);
  });

  it('marks an unmatched quote, which the JVM refuses', () => {
    const toks = tokenizeOptions('-Xmx1g -Dfoo="a b -Xss1m');
    assert.equal(toks.length, 2);
    assert.equal(toks[1].unmatchedQuote, true);
    const s = interpretOptions(toks.map((t) => ({ ...t, origin: 'JAVA_TOOL_OPTIONS' as OptionOrigin })), { major: 17 });
    assert.equal(s.problems[0].message, 'Unmatched quote in JAVA_TOOL_OPTIONS');
    assert.equal(s.problems[0].index, 1);
  });

  it('returns nothing for an empty or blank string', () => {
    assert.deepEqual(tokenizeOptions(''), []);
    assert.deepEqual(tokenizeOptions(' \t\r\n'), []);
  });
});

describe('interpretOptions', () => {
  it('keeps the last value of each flag and which token set it', () => {
    const s = interpret('-Xmx1g -Xmx2g -XX:MaxRAMPercentage=75 -XX:MaxRAMPercentage=25.5');
    assert.equal(s.maxHeapSize?.value, 2n * GiB);
    assert.equal(s.maxHeapSize?.index, 1);
    assert.equal(s.maxRAMPercentage?.value, 25.5);
    assert.equal(s.maxRAMPercentage?.index, 3);
    assert.deepEqual(s.problems, []);
  });

  it('treats -Xmx and -XX:MaxHeapSize as one flag', () => {
    assert.equal(interpret('-Xmx2g -XX:MaxHeapSize=1g').maxHeapSize?.value, GiB);
    assert.equal(interpret('-XX:MaxHeapSize=1g -Xmx2g').maxHeapSize?.via, 'Xmx');
  });

  it('reads every memory and GC flag', () => {
    const s = interpret(
      '-Xms64m -XX:MinHeapSize=32m -XX:MinRAMPercentage=40.0 -XX:InitialRAMPercentage=10 -XX:MaxRAMFraction=2 -XX:MinRAMFraction=3 ' +
        '-XX:InitialRAMFraction=8 -XX:MaxRAM=4g -XX:-UseContainerSupport -XX:-UseCompressedOops -XX:+UseParallelGC ' +
        '-XX:ActiveProcessorCount=3 -XX:+AlwaysActAsServerClassMachine -Xss512k -XX:MaxMetaspaceSize=256m ' +
        '-XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=128m -XX:ErgoHeapSizeLimit=1g',
    );
    assert.deepEqual(s.problems, []);
    assert.equal(s.initialHeapSize?.value, 64n * MiB);
    assert.equal(s.minHeapSize?.value, 32n * MiB);
    assert.equal(s.minRAMPercentage?.value, 40);
    assert.equal(s.initialRAMPercentage?.value, 10);
    assert.equal(s.maxRAMFraction?.value, 2n);
    assert.equal(s.minRAMFraction?.value, 3n);
    assert.equal(s.initialRAMFraction?.value, 8n);
    assert.equal(s.maxRAM?.value, 4n * GiB);
    assert.equal(s.useContainerSupport?.value, false);
    assert.equal(s.useCompressedOops?.value, false);
    assert.equal(s.gc?.value, 'Parallel');
    assert.equal(s.activeProcessorCount?.value, 3);
    assert.equal(s.alwaysActAsServerClassMachine?.value, true);
    assert.equal(s.threadStackSize?.value, 512n * 1024n);
    assert.equal(s.maxMetaspaceSize?.value, 256n * MiB);
    assert.equal(s.reservedCodeCacheSize?.value, 64n * MiB);
    assert.equal(s.reservedCodeCacheBytes, 64n * MiB);
    assert.equal(s.maxDirectMemorySize?.value, 128n * MiB);
    assert.equal(s.ergoHeapSizeLimit?.value, GiB);
  });

  it('reads -XX:ThreadStackSize in KiB (so `=1m` is a 1 GiB stack)', () => {
    assert.equal(interpret('-XX:ThreadStackSize=512').threadStackSize?.value, 512n * 1024n);
    assert.equal(interpret('-XX:ThreadStackSize=1m').threadStackSize?.value, GiB);
  });

  it('rounds -Xss up to 4 KiB', () => {
    assert.equal(interpret('-Xss139000').threadStackSize?.value, 139264n);
  });

  it('uses a 48 MiB code cache without tiered compilation and 240 MiB with it', () => {
    assert.equal(interpret('').reservedCodeCacheBytes, 240n * MiB);
    assert.equal(interpret('-XX:-TieredCompilation').reservedCodeCacheBytes, 48n * MiB);
    assert.equal(interpret('-XX:TieredStopAtLevel=1').reservedCodeCacheBytes, 48n * MiB);
    assert.equal(interpret('-XX:TieredStopAtLevel=4').reservedCodeCacheBytes, 240n * MiB);
  });

  it('ignores options that do not size memory', () => {
    const s = interpret('-Dx=1 -javaagent:/a.jar -verbose:gc -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=/tmp');
    assert.deepEqual(s.problems, []);
    assert.equal(s.maxHeapSize, undefined);
  });

  it('passes any provenance the caller attached through to settings and problems', () => {
    const toks = tokenizeOptions('-Xmx1.5g -Xms1g').map((t, i) => ({ ...t, doc: 'k8s/api.yaml', range: { line: 3, i } }));
    const s = interpretOptions(toks, { major: 17 });
    assert.equal(s.problems[0].token.doc, 'k8s/api.yaml');
    assert.deepEqual(s.problems[0].token.range, { line: 3, i: 0 });
    assert.equal(s.tokens[1].doc, 'k8s/api.yaml');
  });

  it('treats an unknown JDK as 17', () => {
    assert.deepEqual(interpret('-XX:MaxRAMPercentage=50', null).problems, []);
    assert.equal(interpret('-XX:+UseCGroupMemoryLimitForHeap', null).problems[0].message, "Unrecognized VM option 'UseCGroupMemoryLimitForHeap'");
  });
});

describe('interpretOptions: options the JVM refuses', () => {
  const refused: Array<[string, string]> = [
    ['-Xmx1.5g', 'Invalid maximum heap size: -Xmx1.5g'],
    ['-Xmx1gb', 'Invalid maximum heap size: -Xmx1gb'],
    ['-Xmx=512m', 'Invalid maximum heap size: -Xmx=512m'],
    ['-Xmx0', 'Invalid maximum heap size: -Xmx0'],
    ['-XX:MaxHeapSize=1.5g', 'Invalid maximum heap size: -XX:MaxHeapSize=1.5g'],
    ['-Xms1.5g', 'Invalid initial heap size: -Xms1.5g'],
    ['-Xss1.5m', 'Invalid thread stack size: -Xss1.5m'],
    ['-Xmx1m', 'Too small maximum heap'],
    ['-Xmx2047k', 'Too small maximum heap'],
    ['-Xms512k', 'Too small initial heap'],
    ['-Xss100', 'The Java thread stack size specified is too small. Specify at least 136k'],
    ['-XX:ThreadStackSize=100', 'The Java thread stack size specified is too small. Specify at least 136k'],
    ['-XX:MaxRAMPercentage=75%', "Improperly specified VM option 'MaxRAMPercentage=75%'"],
    ['-XX:MaxRAMPercentage=-1', "Improperly specified VM option 'MaxRAMPercentage=-1'"],
    ['-XX:MaxRAMPercentage=1e1', "Improperly specified VM option 'MaxRAMPercentage=1e1'"],
    ['-XX:MaxRAMPercentage=+50', "Improperly specified VM option 'MaxRAMPercentage=+50'"],
    ['-XX:MaxRAMPercentage=.5', "Improperly specified VM option 'MaxRAMPercentage=.5'"],
    ['-XX:MaxRAMPercentage=5.', "Improperly specified VM option 'MaxRAMPercentage=5.'"],
    ['-XX:MaxRAMPercentage=', "Improperly specified VM option 'MaxRAMPercentage='"],
    ['-XX:MaxRAMPercentage=101', 'double MaxRAMPercentage=101.000000 is outside the allowed range [ 0.000000 ... 100.000000 ]'],
    ['-XX:MaxRAMPercentage=-0.5', 'double MaxRAMPercentage=-0.500000 is outside the allowed range [ 0.000000 ... 100.000000 ]'],
    ['-XX:MaxRAMFraction=0', 'uintx MaxRAMFraction=0 is outside the allowed range [ 1 ... 18446744073709551615 ]'],
    ['-XX:MaxRAM=1.5g', "Improperly specified VM option 'MaxRAM=1.5g'"],
    ['-XX:+UseCGroupMemoryLimitForHeap', "Unrecognized VM option 'UseCGroupMemoryLimitForHeap'"],
    ['-XX:+UnlockExperimentalVMOptions -XX:+UseCGroupMemoryLimitForHeap', "Unrecognized VM option 'UseCGroupMemoryLimitForHeap'"],
    ['-XX:MaxPermSize=256m', "Unrecognized VM option 'MaxPermSize=256m'"],
    ['-XX:+UseConcMarkSweepGC', "Unrecognized VM option 'UseConcMarkSweepGC'"],
    ['-XX:+AggressiveOpts', "Unrecognized VM option 'AggressiveOpts'"],
    ['-XX:+UseSerialGC -XX:+UseG1GC', 'Multiple garbage collectors selected'],
    ['-Xms2g -Xmx1g', 'Initial heap size set to a larger value than the maximum heap size'],
    ['-XX:InitialHeapSize=2g -XX:MaxHeapSize=1g', 'Initial heap size set to a larger value than the maximum heap size'],
  ];
  for (const [text, message] of refused) {
    it(`JDK 17 refuses \`${text}\`: ${message}`, () => {
      const s = interpret(text);
      assert.equal(s.problems.length, 1);
      assert.equal(s.problems[0].message, message);
    });
  }

  const accepted = ['-XX:MaxRAMPercentage=50', '-XX:MaxRAMPercentage=0050', '-XX:MaxRAMPercentage=0x32', '-XX:MaxRAMPercentage=7.5e1',
    '-XX:MaxRAMPercentage=50.0e0', '-XX:MaxRAMPercentage=0', '-XX:MaxRAMPercentage=100', '-Xms0', '-Xmx3m', '-Xmx0x40000000',
    '-XX:+UseG1GC -XX:-UseG1GC -XX:+UseSerialGC', '-XX:ActiveProcessorCount=-1', '-Xss136k', '-Xss0'];
  for (const text of accepted) it(`JDK 17 accepts \`${text}\``, () => assert.deepEqual(interpret(text).problems, []));

  it('reads 0x32 and 0050 as 50 percent, as JDK 17 does', () => {
    assert.equal(interpret('-XX:MaxRAMPercentage=0x32').maxRAMPercentage?.value, 50);
    assert.equal(interpret('-XX:MaxRAMPercentage=0050').maxRAMPercentage?.value, 50);
  });

  it('points at the offending token and keeps the others', () => {
    const s = interpret('-Xss512k -Xmx1.5g -XX:+UseG1GC');
    assert.equal(s.problems[0].index, 1);
    assert.equal(s.threadStackSize?.value, 512n * 1024n);
    assert.equal(s.gc?.value, 'G1');
    assert.equal(s.problems[0].ruleId, 'jvm-unrecognized-option');
  });

  it('offers to swap -Xms and -Xmx, keeping their spellings', () => {
    const s = interpret('-Xms2g -XX:+UseG1GC -Xmx1g');
    const p = s.problems[0];
    assert.equal(p.ruleId, 'jvm-initial-heap-exceeds-max');
    assert.equal(p.index, 0);
    assert.equal(p.relatedIndex, 2);
    assert.deepEqual(p.fix?.edits, [{ index: 0, replacement: '-Xms1g' }, { index: 2, replacement: '-Xmx2g' }]);
  });

  it('does not fail on -Xms > -Xmx when -XX:InitialHeapSize comes from an environment variable (not FLAG_IS_CMDLINE)', () => {
    const toks = [
      ...tokenizeOptions('-XX:InitialHeapSize=2g').map((t) => ({ ...t, origin: 'JAVA_TOOL_OPTIONS' as OptionOrigin })),
      ...tokenizeOptions('-Xmx1g').map((t) => ({ ...t, origin: 'command-line' as OptionOrigin })),
    ];
    assert.deepEqual(interpretOptions(toks, { major: 17 }).problems, []);
  });

  it('offers to remove an obsolete option', () => {
    const p = interpret('-Xmx1g -XX:+UseCGroupMemoryLimitForHeap').problems[0];
    assert.equal(p.index, 1);
    assert.deepEqual(p.fix?.edits, [{ index: 1, replacement: null }]);
  });

  it('offers `75.0` for `75%`', () => {
    assert.deepEqual(interpret('-XX:MaxRAMPercentage=75%').problems[0].fix?.edits, [{ index: 0, replacement: '-XX:MaxRAMPercentage=75.0' }]);
  });
});

describe('interpretOptions: version differences', () => {
  it('refuses an integer for a double flag on JDK 8 and offers the decimal form', () => {
    const s = interpret('-XX:MaxRAMPercentage=50', 8, 372);
    assert.equal(s.problems[0].code, 'jdk8-integer-double');
    assert.equal(s.problems[0].message, "Improperly specified VM option 'MaxRAMPercentage=50'");
    assert.deepEqual(s.problems[0].fix?.edits, [{ index: 0, replacement: '-XX:MaxRAMPercentage=50.0' }]);
    assert.deepEqual(interpret('-XX:MaxRAMPercentage=50.0', 8, 372).problems, []);
    assert.equal(interpret('-XX:MinRAMPercentage=25', 8, 372).problems[0].code, 'jdk8-integer-double');
  });

  it('accepts an integer for a double flag on JDK 11', () => {
    assert.deepEqual(interpret('-XX:MaxRAMPercentage=80', 11).problems, []);
  });

  it('accepts only <digits>.<digits> for a double on JDK 8', () => {
    assert.equal(interpret('-XX:MaxRAMPercentage=7.5e1', 8, 372).problems.length, 1);
  });

  it('knows -XX:+UseCGroupMemoryLimitForHeap is experimental on 8u131+ and 10, absent from 11', () => {
    assert.equal(interpret('-XX:+UseCGroupMemoryLimitForHeap', 8, 181).problems[0].code, 'experimental-locked');
    assert.deepEqual(interpret('-XX:+UnlockExperimentalVMOptions -XX:+UseCGroupMemoryLimitForHeap', 8, 181).problems, []);
    assert.deepEqual(interpret('-XX:+UnlockExperimentalVMOptions -XX:+UseCGroupMemoryLimitForHeap', 10).problems, []);
    assert.equal(interpret('-XX:+UseCGroupMemoryLimitForHeap', 8, 121).problems[0].code, 'unrecognized');
    assert.equal(interpret('-XX:+UseCGroupMemoryLimitForHeap', 11).problems[0].message, "Unrecognized VM option 'UseCGroupMemoryLimitForHeap'");
  });

  it('knows the container flags are missing before 8u191 and on 9, and says nothing for an unknown 8 build', () => {
    assert.equal(interpret('-XX:MaxRAMPercentage=50.0', 8, 181).problems[0].message, "Unrecognized VM option 'MaxRAMPercentage=50.0'");
    assert.equal(interpret('-XX:+UseContainerSupport', 9).problems[0].message, "Unrecognized VM option 'UseContainerSupport'");
    assert.deepEqual(interpret('-XX:MaxRAMPercentage=50.0', 8, null).problems, []);
  });

  it('has no range check on JDK 8 and no MinHeapSize before 13', () => {
    assert.deepEqual(interpret('-XX:MaxRAMPercentage=101.0', 8, 372).problems, []);
    assert.equal(interpret('-XX:MinHeapSize=64m', 11).problems[0].message, "Unrecognized VM option 'MinHeapSize=64m'");
    assert.equal(interpret('-Xms64m', 11).minHeapSize, undefined);
  });

  it('words conflicting collectors the JDK 8 way', () => {
    assert.match(interpret('-XX:+UseSerialGC -XX:+UseParallelGC', 8, 372).problems[0].message, /^Conflicting collector combinations/);
  });

  it('needs the unlock flag for ZGC on 11–14 only', () => {
    assert.equal(interpret('-XX:+UseZGC', 11).problems[0].code, 'experimental-locked');
    assert.deepEqual(interpret('-XX:+UseZGC', 17).problems, []);
  });
});

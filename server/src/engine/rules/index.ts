// The one list of rules the runner executes, in reporting order. Add new rules here; never rename an id.
import { besteffortPod } from './besteffort-pod';
import { invalidQuantity } from './invalid-quantity';
import { memoryLimitMissing } from './memory-limit-missing';
import { requestExceedsLimit } from './request-exceeds-limit';
import type { Rule } from '../rule';
import { suspiciousMemoryQuantity } from './suspicious-memory-quantity';
import { yamlSyntax } from './yaml-syntax';
import { jvmContainerSupportDisabled } from './jvm-container-support-disabled';
import { jvmFixedHeap } from './jvm-fixed-heap';
import { jvmHeapExceedsLimit } from './jvm-heap-exceeds-limit';
import { jvmHeapNoHeadroom } from './jvm-heap-no-headroom';
import { jvmInitialHeapExceedsMax } from './jvm-initial-heap-exceeds-max';
import { jvmLegacyJdk } from './jvm-legacy-jdk';
import { jvmNoMemoryLimit } from './jvm-no-memory-limit';
import { jvmOptionsUnread } from './jvm-options-unread';
import { jvmUnrecognizedOption } from './jvm-unrecognized-option';
import { memoryLimitOvercommit } from './memory-limit-overcommit';

export const RULES: readonly Rule[] = [
  yamlSyntax,
  invalidQuantity,
  suspiciousMemoryQuantity,
  requestExceedsLimit,
  memoryLimitMissing,
  besteffortPod,
  jvmHeapExceedsLimit, jvmHeapNoHeadroom, jvmInitialHeapExceedsMax, jvmUnrecognizedOption, jvmContainerSupportDisabled, jvmNoMemoryLimit, jvmFixedHeap, jvmLegacyJdk, jvmOptionsUnread,
  memoryLimitOvercommit,
];

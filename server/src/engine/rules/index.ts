// The one list of rules the runner executes, in reporting order. Add new rules here; never rename an id.
import { besteffortPod } from './besteffort-pod';
import { invalidQuantity } from './invalid-quantity';
import { memoryLimitMissing } from './memory-limit-missing';
import { requestExceedsLimit } from './request-exceeds-limit';
import type { Rule } from './rule';
import { suspiciousMemoryQuantity } from './suspicious-memory-quantity';
import { yamlSyntax } from './yaml-syntax';

export const RULES: readonly Rule[] = [
  yamlSyntax,
  invalidQuantity,
  suspiciousMemoryQuantity,
  requestExceedsLimit,
  memoryLimitMissing,
  besteffortPod,
];

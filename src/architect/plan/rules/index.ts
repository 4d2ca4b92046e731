import type { Rule } from '../context.js';
import { authRule } from './auth.js';
import { egressRule } from './egress.js';
import { idempotencyRule } from './idempotency.js';
import { ingressRule, tradeOffsRule } from './ingress.js';
import { loadRule } from './load.js';
import { mechanicsRule } from './mechanics.js';
import { breakerRule, checklistRule, deadLetterRule, failureModesRule, observabilityRule } from './operations.js';
import { bidirectionalRule, orderingRule } from './ordering.js';
import { rateControlRule } from './rate-control.js';
import { assumptionsRule, requirementsRule, summaryRule } from './requirements.js';
import { replacementRule } from './replacement.js';
import { retryRule } from './retry.js';
import { snippetRule } from './snippet.js';

/**
 * Every rule, in the order they run (shape passes first, then write passes, each in this order). A new pattern
 * or mechanism is one rule added here with its tests.
 */
export const RULES: readonly Rule[] = [
  ingressRule,
  egressRule,
  retryRule,
  idempotencyRule,
  loadRule,
  requirementsRule,
  rateControlRule,
  tradeOffsRule,
  mechanicsRule,
  replacementRule,
  orderingRule,
  bidirectionalRule,
  authRule,
  breakerRule,
  deadLetterRule,
  snippetRule,
  observabilityRule,
  failureModesRule,
  summaryRule,
  checklistRule,
  assumptionsRule,
];

import { countWords, parseDocument } from '../document.js';
import type { IntegrationInputs } from '../inputs.js';
import { buildPlan } from '../plan/index.js';
import type { Plan } from '../plan/types.js';
import {
  checkCircuitBreaker,
  checkCorrelationIds,
  checkDeadLetter,
  checkFailureModes,
  checkIdempotency,
  checkSections,
  checkStructuredLogs,
  checkWordCount,
  type CheckContext,
} from './checks.js';
import { checkPlan } from './plan-checks.js';
import { checkNoPollingFirst } from './polling.js';
import { checkRetryParameters, checkRetryWindow, retryParameters } from './retry.js';
import type { QualityCheck, QualityCheckId, QualityReport } from '../types.js';

/**
 * The quality gate: checks a design document against the seed's output specification and quality criteria,
 * and against the Plan made from the same inputs — stated constraints addressed, documented facts present and
 * not contradicted, required mechanics present, numbers equal to the calculators'. Engines run it on every
 * draft; a failed Claude draft goes back once with repairInstructions().
 */

/** Short names for reports, in check order. */
export const CHECK_LABELS: Record<QualityCheckId, string> = {
  sections: 'Required sections',
  'retry-parameters': 'Retry parameters',
  'retry-window': 'Retry window vs outage',
  idempotency: 'Idempotency key',
  'circuit-breaker': 'Circuit breaker thresholds',
  'dead-letter': 'Dead-letter path',
  'structured-logs': 'Structured logs',
  'correlation-ids': 'Correlation ids',
  'failure-modes': 'Failure modes',
  constraints: 'Stated constraints',
  facts: 'Documented facts',
  mechanics: 'Provider mechanics',
  numbers: 'Calculated numbers',
  'no-polling-first': 'No polling first',
  'word-count': 'Length',
};

/** Checks a document against the inputs (the Plan is derived from them) or against a Plan already built. */
export function checkQuality(markdown: string, subject: IntegrationInputs | Plan): QualityReport {
  const plan = 'decisions' in subject ? subject : buildPlan(subject);
  const doc = parseDocument(markdown);
  const ctx: CheckContext = {
    markdown,
    doc,
    inputs: plan.inputs,
    // Retries must ride out the stated outage, up to the horizon beyond which paused consumption does.
    outageSeconds: Math.min(plan.inputs.outageSeconds, 1800),
    wordCount: countWords(markdown),
  };
  const retry = retryParameters(ctx);
  const checks: QualityCheck[] = [
    checkSections(ctx),
    checkRetryParameters(ctx, retry),
    checkRetryWindow(ctx, retry),
    checkIdempotency(ctx),
    checkCircuitBreaker(ctx),
    checkDeadLetter(ctx),
    checkStructuredLogs(ctx),
    checkCorrelationIds(ctx),
    checkFailureModes(ctx),
    ...checkPlan(plan, doc, markdown),
    checkNoPollingFirst(ctx),
    checkWordCount(ctx),
  ];
  return { passed: checks.every((c) => c.passed), checks, wordCount: ctx.wordCount, repaired: false };
}

/** A short summary for the CLI and Slack: a headline, then one line per failed check. */
export function formatQualityReport(report: QualityReport): string {
  const total = report.checks.length;
  const failed = report.checks.filter((c) => !c.passed);
  const repaired = report.repaired ? ' after one repair pass' : '';
  const headline = `Quality: ${total - failed.length}/${total} checks passed${repaired} (${report.wordCount} words)`;
  if (failed.length === 0) return headline;
  return [headline, ...failed.map((c) => `✗ ${CHECK_LABELS[c.id]}: ${c.detail}`)].join('\n');
}

/** The failed checks as a bullet list, for the repair prompt; empty when everything passed. */
export function repairInstructions(report: QualityReport): string {
  return report.checks
    .filter((c) => !c.passed)
    .map((c) => `- ${CHECK_LABELS[c.id]} (${c.id}): ${c.detail}`)
    .join('\n');
}

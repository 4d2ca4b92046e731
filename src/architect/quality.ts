import { parseRateLimit } from './calculators/index.js';
import { countWords, parseDocument } from './document.js';
import { DEFAULTS, type IntegrationInputs } from './inputs.js';
import {
  checkCircuitBreaker,
  checkCorrelationIds,
  checkDeadLetter,
  checkFailureModes,
  checkIdempotency,
  checkRateLimits,
  checkSections,
  checkStructuredLogs,
  checkWordCount,
  type CheckContext,
} from './quality-checks.js';
import { checkNoPollingFirst } from './quality-polling.js';
import { checkRetryParameters, checkRetryWindow, retryParameters } from './quality-retry.js';
import type { QualityCheck, QualityCheckId, QualityReport } from './types.js';

/**
 * The quality gate: checks a design document against the seed's output specification and quality
 * criteria. Engines run it on every draft; a failed Claude draft goes back once with repairInstructions().
 */

export interface QualityOptions {
  /** The outage the retry window must ride out (default: the seed's 5 minutes). */
  outageSeconds?: number;
}

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
  'rate-limits': 'Rate limits',
  'no-polling-first': 'No polling first',
  'word-count': 'Length',
};

/** The request count of a documented limit ("100 requests per 10 seconds" → 100); the first number otherwise. */
function limitNumber(limit: string): number | null {
  const parsed = parseRateLimit(limit);
  if (parsed) return parsed.requests;
  const first = /\d[\d,]*(?:\.\d+)?/.exec(limit);
  return first ? Number(first[0].replace(/,/g, '')) : null;
}

export function checkQuality(markdown: string, inputs: IntegrationInputs, options: QualityOptions = {}): QualityReport {
  const ctx: CheckContext = {
    markdown,
    doc: parseDocument(markdown),
    inputs,
    outageSeconds: options.outageSeconds ?? DEFAULTS.outageSeconds,
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
    checkRateLimits(ctx, limitNumber),
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

import type { FlowPlan, Plan } from './plan.js';

/**
 * The critical piece as code: the worker's claim → call → complete loop with the solved retry schedule.
 * Code blocks do not count towards the document's word budget, so the mechanics live here.
 */
export function workerSnippet(plan: Plan, flow: FlowPlan): string {
  const p = plan.retry.schedule.policy;
  const keyExpr = keyExpression(flow);
  const call = flow.pattern === 'batch' ? `${camel(flow.to.name)}.bulkUpsert(msg.records)` : `${camel(flow.to.name)}.upsert(toRecord(msg), { idempotencyKey: key })`;
  return [
    `const BASE_MS = ${p.baseDelayMs}, CAP_MS = ${p.capMs}, MAX_ATTEMPTS = ${p.maxAttempts}, DEADLINE_MS = ${p.minWindowMs ?? 0};`,
    '',
    '// Full jitter; the last retry is held back until the retry deadline has passed.',
    'function nextDelay(attempt: number, sinceFirstFailureMs: number): number {',
    '  const jittered = Math.random() * Math.min(CAP_MS, BASE_MS * 2 ** (attempt - 1));',
    '  return attempt === MAX_ATTEMPTS - 1 ? Math.max(jittered, DEADLINE_MS - sinceFirstFailureMs) : jittered;',
    '}',
    '',
    'async function handle(msg: QueueMessage): Promise<void> {',
    `  const key = ${keyExpr}; // same key on every attempt and replay`,
    "  return withSpan('integration.handle', msg.traceparent, async () => {",
    "    if (!(await keys.claim(key))) return log.info({ key, outcome: 'duplicate' });",
    '    try {',
    `      await breaker.run(async () => { await bucket.take(); await ${call}; });`,
    "      await keys.complete(key); log.info({ key, attempt: msg.attempt, outcome: 'ok' });",
    '    } catch (err) {',
    '      await keys.release(key);',
    '      if (!isRetryable(err) || msg.attempt >= MAX_ATTEMPTS) {',
    "        log.error({ key, attempt: msg.attempt, outcome: 'dead-lettered', err });",
    '        return queue.deadLetter(msg, err);',
    '      }',
    "      log.info({ key, attempt: msg.attempt, outcome: 'retry', err });",
    '      await queue.retryLater(msg, retryAfterMs(err) ?? nextDelay(msg.attempt, Date.now() - msg.firstFailureAt));',
    '    }',
    '  });',
    '}',
  ].join('\n');
}

function keyExpression(flow: FlowPlan): string {
  // Template "stripe:<event.id>" → `stripe:${msg.event.id}`.
  const body = flow.key.replace(/<([^>]+)>/g, (_m, field: string) => `\${msg.${camel(field.replace(/\./g, ' '))}}`);
  return `\`${body}\``;
}

function camel(s: string): string {
  const words = s.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('') || 'target';
}

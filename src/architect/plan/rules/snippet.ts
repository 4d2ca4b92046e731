import type { Rule } from '../context.js';
import type { FlowPlan } from '../types.js';
import { retryOf } from './retry.js';

/**
 * The critical piece as code: the worker's claim → call → complete loop with the solved retry schedule and
 * the first destination's client-side limit. Code does not count towards the document's length.
 */

function camel(s: string): string {
  // Acronyms read as words: "ADP SFTP" → adpSftp, not aDPSFTP.
  const words = s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => (w.length > 1 && w === w.toUpperCase() ? w.toLowerCase() : w));
  return words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('') || 'target';
}

/** Template "shopify:{X-Shopify-Event-Id}" → `shopify:${msg.xShopifyEventId}`. */
function keyExpression(f: FlowPlan): string {
  const body = f.key.replace(/\{([^}]+)\}/g, (_m, field: string) => `\${msg.${camel(field.replace(/\(.*\)/, ''))}}`);
  return `\`${body}\``;
}

export const snippetRule: Rule = {
  id: 'snippet',
  write(ctx) {
    const f = ctx.flows[0]!;
    const p = retryOf(ctx).schedule.policy;
    const load = ctx.load(f.to);
    const limit = load?.permits != null ? 'permits.run' : 'bucket.take().then';
    // The write in the destination's terms: a file drop takes a whole file, a database a transaction.
    const write =
      f.egress === 'file-write'
        ? `${camel(f.to.name)}.uploadThenRename(msg.file, { tempName: \`\${msg.file.name}.part\` })`
        : f.egress === 'db-upsert'
          ? `${camel(f.to.name)}.transaction((tx) => tx.upsertRows(${f.batchSize > 1 ? 'msg.records' : '[toRow(msg)]'}))`
          : f.egress === 'api-bulk' || f.batchSize > 1
        ? `${camel(f.to.name)}.bulkUpsert(msg.records)`
        : f.egress === 'api-send'
          ? `${camel(f.to.name)}.send(toRequest(msg))`
          : `${camel(f.to.name)}.${f.egress === 'api-create-guarded' ? 'writeByMappedId' : 'upsert'}(toRecord(msg), { idempotencyKey: key })`;
    const code = [
      `const BASE_MS = ${p.baseDelayMs}, CAP_MS = ${p.capMs}, MAX_ATTEMPTS = ${p.maxAttempts}, DEADLINE_MS = ${p.minWindowMs ?? 0};`,
      '',
      '// Full jitter; the last retry is held back until the retry deadline has passed.',
      'function nextDelay(attempt: number, sinceFirstFailureMs: number): number {',
      '  const jittered = Math.random() * Math.min(CAP_MS, BASE_MS * 2 ** (attempt - 1));',
      '  return attempt === MAX_ATTEMPTS - 1 ? Math.max(jittered, DEADLINE_MS - sinceFirstFailureMs) : jittered;',
      '}',
      '',
      'async function handle(msg: QueueMessage): Promise<void> {',
      `  const key = ${keyExpression(f)}; // same key on every attempt and replay`,
      "  return withSpan('integration.handle', msg.traceparent, async () => {",
      "    if (!(await keys.claim(key))) return log.info({ key, outcome: 'duplicate' });",
      '    try {',
      load?.permits != null
        ? `      await breaker.run(() => ${limit}(() => ${write}));`
        : `      await breaker.run(() => ${limit}(() => ${write}));`,
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
    ctx.decide({ id: 'snippet', section: 'resilience', order: 60, priority: 1, block: { kind: 'code', lang: 'ts', code } });
  },
};

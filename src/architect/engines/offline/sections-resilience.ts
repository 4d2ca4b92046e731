import type { DestinationPlan, Plan } from './plan.js';
import { workerSnippet } from './snippet.js';
import { bytes, dur, durS, fmt, listing, rate } from './text.js';

/** The error handling and retry section: every number comes from the plan's calculator results. */

export function writeResilience(plan: Plan): string {
  const { schedule } = plan.retry;
  const p = schedule.policy;
  const delays = schedule.delays;
  const mid = delays[Math.floor((delays.length - 1) / 2)]!;
  const last = delays.at(-1)!;
  const lastNatural = Math.min(p.capMs, p.baseDelayMs * p.factor ** (delays.length - 1));
  const b = plan.destinations[0]!.breaker;
  return [
    plan.flows.some((f) => f.pattern === 'request-response')
      ? `The synchronous call gets one fast retry (2 attempts within ${durS(plan.inputs.latencySeconds)}); after that only the outbox worker retries, so nothing multiplies.`
      : 'Only the worker retries (HTTP clients: retries off), so nothing multiplies.',
    '',
    `- Max attempts: ${p.maxAttempts} (${p.maxAttempts - 1} retries), ${p.jitter} jitter; base delay ${dur(p.baseDelayMs)}, factor ${p.factor}, cap ${dur(p.capMs)}.`,
    `- Backoff formula: \`${schedule.formula.split(' for retries')[0]}\`. Jitter range: retry 1 0–${dur(delays[0]!.maxMs)}, retry ${mid.retry} 0–${dur(mid.maxMs)}, retry ${last.retry} 0–${dur(lastNatural)}.`,
    `- Retry window: expected ${dur(schedule.naturalExpectedMs)} (max ${dur(schedule.cumulativeMaxMs)}); a retry deadline of ${dur(schedule.cumulativeMinMs)} guarantees it outlasts a ${durS(plan.outageSeconds)} outage.`,
    `- Retryable: timeouts, resets, 408, 429, 5xx, honouring \`Retry-After\`; other 4xx → DLQ. Timeouts: connect 3 s, request 10 s.`,
    '',
    `**Idempotency:** ${idempotency(plan)}`,
    '',
    `**Circuit breaker** per destination: opens at ${b.failureRateThreshold}% failures within its window (table), stays open ${durS(b.openSeconds)}, then ${b.halfOpenProbes} half-open probes; calls > ${durS(b.slowCallSeconds)} count as slow. ` +
      (plan.compact ? 'While open, workers pause; messages wait queued.' : 'While open, workers pause (messages wait queued); state changes emit events, and operators can force-open or reset it.'),
    '',
    `**Rate limits:** one token bucket per destination, shared by all workers, refilling at 80% of the limit.${budgetNotes(plan)}`,
    '',
    `| Destination | Budget | Bucket | Breaker window | ${durS(plan.outageSeconds)} outage backlog |`,
    '|---|---|---|---|---|',
    ...plan.destinations.map(destinationRow),
    '',
    `**Dead-letter queue:** after attempt ${p.maxAttempts} or a non-retryable error, into ${plan.stack.dlq}${plan.compact ? '' : ' with error and trace id'}; ` +
      `owner: integration on-call; alert at depth > 0 for 15 min or oldest > 1 h; replay by id or time range through the idempotent worker; ${plan.dlqRetentionDays}-day retention.`,
    '',
    '```ts',
    workerSnippet(plan, plan.flows[0]!),
    '```',
  ].join('\n');
}

function idempotency(plan: Plan): string {
  const keys = listing(plan.flows.map((f) => `\`${f.key}\``));
  const sources = plan.flows.filter((f) => f.pattern === 'webhook').map((f) => f.from);
  const windows = sources
    .filter((s, i) => sources.findIndex((o) => o.slug === s.slug) === i)
    .map((s) =>
      s.redeliveryHours === null ? `${s.name}'s redelivery (assumed 3 d)` : s.redeliveryHours === 0 ? `${s.name}: no redelivery` : `${s.name}'s ${durS(s.redeliveryHours * 3600)} redelivery`,
    );
  const retention = `${windows.length === 0 ? '3 d of reruns' : windows.length > 2 ? 'the longest redelivery window' : listing(windows)} + ${plan.dlqRetentionDays} d DLQ`;
  const headers = plan.destinations.filter((d) => d.system.idempotencyHeader).map((d) => d.system.name);
  const writes = listing(plan.destinations.map((d) => `${d.system.name} by ${d.system.upsertKey}`));
  return (
    `${plan.flows.length > 1 ? 'keys' : 'key'} ${keys}, reused across attempts and replays, claimed in \`processed_keys\` (unique constraint; in-progress keys retry later) ` +
    `and kept ${plan.keyRetentionDays} days (${retention}). Writes upsert ${writes}, so expired keys cannot duplicate` +
    (headers.length > 0 ? `; ${listing(headers)} also get it as \`Idempotency-Key\`.` : '.')
  );
}

function budgetNotes(plan: Plan): string {
  const notes: string[] = [];
  for (const d of plan.destinations) {
    const b = d.budget;
    if (b.warning) notes.push(` **Warning:** ${b.warning}`);
    else if (d.batchSize > 1) notes.push(` ${d.system.name} writes go ${d.batchSize} records per call (${fmt(b.callsPerDay)} calls/day).`);
    if (!b.warning && b.needsSmoothing) notes.push(` ${d.system.name}'s ${rate(b.peakPerSecond)} peak exceeds it; the queue absorbs bursts.`);
  }
  return notes.join('');
}

function destinationRow(d: DestinationPlan): string {
  const b = d.budget;
  const bucket = b.tokenBucket!;
  const backlog = d.backlog;
  const drain = Number.isFinite(backlog.drainSeconds) ? `drains in ${durS(Math.ceil(backlog.drainSeconds / 60) * 60)}` : 'never drains at this limit';
  return (
    `| ${d.system.name} | ${rate(bucket.refillPerSecond)} | ${fmt(bucket.capacity)} tokens | ${durS(d.breaker.slidingWindowSeconds)}, ≥ ${d.breaker.minimumCalls} calls | ` +
    `${fmt(backlog.messages)} msgs (${bytes(backlog.bytes)}), queue ${fmt(backlog.queueCapacity)}, ${drain} |`
  );
}

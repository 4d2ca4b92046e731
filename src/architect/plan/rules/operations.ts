import { dur, durS, listing } from '../../prose.js';
import type { Rule } from '../context.js';
import { DLQ_RETENTION_DAYS } from './idempotency.js';
import { retryOf, timeoutsOf } from './retry.js';
import { cite } from './facts.js';
import type { FlowPlan } from '../types.js';
import { canThrottle, credentialMitigation, credentialSignal, outageSignal, protocolFailureModes } from '../write-failures.js';

/** The flow reads its source through the source's API (polling, exports), where the source can throttle us. */
function readsThroughApi(f: FlowPlan): boolean {
  return ['saas-api', 'api-gateway', 'internal-service'].includes(f.from.kind) && ['poll', 'batch-export'].includes(f.ingress);
}

/** Circuit breaker, dead-letter path, observability, the common failure modes and the checklist. */

export const breakerRule: Rule = {
  id: 'breaker',
  write(ctx) {
    const protectedLoads = ctx.loads.filter((l) => l.breaker);
    if (protectedLoads.length === 0) return;
    const b = protectedLoads[0]!.breaker!;
    const t = timeoutsOf(ctx);
    const same = protectedLoads.every((l) => l.breaker!.minimumCalls === b.minimumCalls && l.breaker!.slidingWindowSeconds === b.slidingWindowSeconds);
    // Windows differ per destination: name each, so the line stands without the table (which may be cut).
    const window = same
      ? `a ${durS(b.slidingWindowSeconds)} window (≥ ${b.minimumCalls} calls)`
      : `its own window (${protectedLoads.map((l) => `${l.system.name} ${durS(l.breaker!.slidingWindowSeconds)}, ≥ ${l.breaker!.minimumCalls} calls`).join('; ')})`;
    ctx.decide({
      id: 'breaker',
      section: 'resilience',
      order: 35,
      priority: 1,
      short: {
        kind: 'paragraph',
        text: `**Circuit breaker** per destination: opens at ${b.failureRateThreshold}% failures in ${window}, stays open ${durS(b.openSeconds)}, then ${b.halfOpenProbes} half-open probes; while open, workers pause.`,
      },
      block: {
        kind: 'paragraph',
        text:
          `**Circuit breaker** per destination: opens at ${b.failureRateThreshold}% failures in ${window}, stays open ${durS(b.openSeconds)}, then ${b.halfOpenProbes} half-open probes; calls over ${dur(t.slowCallMs)} count as failures. ` +
          'While open, workers stop consuming: messages wait, no attempt is spent.',
      },
    });
    ctx.expect({
      label: 'Breaker thresholds from the calculator',
      section: 'resilience',
      near: null,
      all: [/breaker/i, new RegExp(`${b.failureRateThreshold}\\s*%`), new RegExp(`\\b${b.halfOpenProbes}\\b[^\\n]{0,30}(?:probe|trial|half)`, 'i')],
      instruction: `Give the breaker thresholds: ${b.failureRateThreshold}% failures over at least ${b.minimumCalls} calls in ${durS(b.slidingWindowSeconds)}, open ${durS(b.openSeconds)}, ${b.halfOpenProbes} half-open probes.`,
      kind: 'number',
    });
  },
};

export const deadLetterRule: Rule = {
  id: 'dead-letter',
  write(ctx) {
    const p = retryOf(ctx).schedule.policy;
    const native = ctx.flows.map((f) => (f.push?.type === 'consumer' ? f.push.deadLetter : null)).find(Boolean);
    ctx.decide({
      id: 'dlq',
      section: 'resilience',
      order: 50,
      priority: 1,
      short: { kind: 'paragraph', text: `**Dead-letter queue:** after attempt ${p.maxAttempts} or a non-retryable error → ${native ?? ctx.queue.dlq}; alert at depth > 0; on-call replays by id through the idempotent worker.` },
      block: {
        kind: 'paragraph',
        text:
          `**Dead-letter queue:** after attempt ${p.maxAttempts} or a non-retryable error, into ${native ?? ctx.queue.dlq} with error, attempts and trace id; ` +
          `alert at depth > 0 for 15 min; on-call replays by id or time range through the same idempotent worker; kept ${DLQ_RETENTION_DAYS} days.`,
      },
    });
  },
};

export const observabilityRule: Rule = {
  id: 'observability',
  write(ctx) {
    const latency = ctx.inputs.latencySeconds;
    const ageAlert = Math.max(latency * 2, Math.min(ctx.inputs.outageSeconds, 3600));
    const extra: string[] = [];
    const lagged = ctx.flows.filter((f) => f.ingress === 'consumer' || f.ingress === 'cdc' || f.ingress === 'change-stream');
    // The vendor's own lag metric where it has one: that is what the alert must watch.
    const lags = lagged.flatMap((f) => (f.push && 'lag' in f.push && f.push.lag ? [{ system: f.from.name, metric: f.push.lag.metric }] : []));
    const metrics = [...new Set(lags.map((l) => `${l.system} lag via ${l.metric}`))];
    const lagFacts = lagged.flatMap((f) => (f.push && 'lag' in f.push && f.push.lag ? [cite(f.from, f.push.lag.source)] : []));
    if (metrics.length > 0) extra.push(...metrics);
    else if (lagged.some((f) => f.ingress !== 'change-stream')) extra.push('consumer or replication lag');
    if (ctx.flows.some((f) => f.ingress === 'subscription')) extra.push('time to subscription expiry');
    const active = ctx.loads.filter((l) => !l.incidental);
    if (active.some((l) => l.limits.some((x) => x.spec.type === 'quota'))) extra.push('quota used today');
    if (active.some((l) => l.permits !== null)) extra.push('permits in use');
    if (active.some((l) => l.limits.some((x) => x.spec.type === 'points'))) extra.push('cost points left');
    ctx.decide({
      id: 'observability:metrics',
      section: 'observability',
      order: 10,
      priority: 1,
      block: { kind: 'bullet', label: 'Metrics', text: `per flow: success rate, p95 latency, queue depth and age, retries, breaker state, DLQ depth, 429s${extra.length ? `, ${listing(extra)}` : ''}.` },
      facts: lagFacts,
    });
    for (const l of lags) {
      // The metric's first name ("GetRecords.IteratorAgeMilliseconds") must survive any rewrite.
      const name = l.metric.split(/\s+/)[0]!;
      ctx.expect({
        label: `${l.system} lag watched through ${name}`,
        section: 'observability',
        near: null,
        all: [new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')],
        instruction: `Watch ${l.system}'s lag with its own metric: ${l.metric}.`,
        kind: 'mechanic',
      });
    }
    ctx.decide({
      id: 'observability:logs',
      section: 'observability',
      order: 20,
      priority: 1,
      block: { kind: 'bullet', label: 'Logs and traces', text: 'JSON logs with `correlation_id`, `idempotency_key`, `attempt`, `outcome`, `http_status`, `duration_ms` (no payloads or secrets); an OpenTelemetry `traceparent` rides every call and message, through the DLQ and replays.' },
      short: { kind: 'bullet', label: 'Logs and traces', text: 'JSON logs keyed by `correlation_id` and `idempotency_key` (no payloads or secrets); a `traceparent` on every call and message.' },
    });
    const alerts = [`success < 99% for 10 min`, `p95 > ${durS(latency)} for 10 min`, `oldest message > ${durS(ageAlert)}`, 'breaker open > 2 min (page)', 'DLQ > 0 for 15 min'];
    if (extra.includes('quota used today')) alerts.push('quota > 80%');
    if (extra.includes('time to subscription expiry')) alerts.push('a subscription < 1 h from expiry');
    if (lagged.length > 0) alerts.push(`lag > ${durS(Math.max(latency, 60))}`);
    const to = ctx.inputs.alertChannel ? `, sent to ${ctx.inputs.alertChannel}` : '';
    ctx.decide({ id: 'observability:alerts', section: 'observability', order: 40, priority: 1, fixed: true, block: { kind: 'bullet', label: 'Alerts', text: `${alerts.join('; ')}${to}.` } });
    if (ctx.inputs.alertChannel) {
      ctx.expect({ label: 'Alerts go where the team asked', section: 'observability', near: 'Alerts', all: [new RegExp(ctx.inputs.alertChannel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')], instruction: `Route the alerts to ${ctx.inputs.alertChannel}.`, kind: 'constraint' });
    }
  },
};

export const failureModesRule: Rule = {
  id: 'failure-modes',
  write(ctx) {
    const dests = listing([...new Set(ctx.flows.map((f) => f.to.name))]);
    const backlog = ctx.loads.find((l) => l.backlog)?.backlog;
    ctx.decide({
      id: 'failure:outage',
      section: 'failure-modes',
      order: 10,
      priority: 1,
      block: { kind: 'row', cells: [`${dests} down ${durS(ctx.inputs.outageSeconds)}`, `${outageSignal(ctx.flows)}; breaker opens`, `workers pause; ${backlog ? `${backlog.messages.toLocaleString('en-US')} messages wait` : 'messages wait'} and drain after recovery`] },
    });
    // Only a system we call over HTTP (or one with throttling exceptions) answers "slow down"; an SFTP server or a
    // database does not.
    if (canThrottle(ctx.flows) || ctx.flows.some(readsThroughApi)) {
      ctx.decide({ id: 'failure:throttled', section: 'failure-modes', order: 20, priority: 2, block: { kind: 'row', cells: ['Throttled (429 or quota)', '429 rate, quota gauge', 'client-side limit, `Retry-After`, alert at 80%'] } });
    }
    protocolFailureModes(ctx.flows).forEach((cells, i) =>
      ctx.decide({ id: `failure:protocol:${i}`, section: 'failure-modes', order: 30 + i, priority: 1, block: { kind: 'row', cells } }),
    );
    if (ctx.flows.some((f) => f.ingress === 'webhook' || f.ingress === 'subscription' || f.ingress === 'webhook-assumed')) {
      ctx.decide({ id: 'failure:forged', section: 'failure-modes', order: 40, priority: 1, block: { kind: 'row', cells: ['Forged or replayed delivery', 'signature failures', 'reject with 401; the key dedupes replays'] } });
    }
    ctx.decide({ id: 'failure:credential', section: 'failure-modes', order: 70, priority: 3, block: { kind: 'row', cells: ['Credential revoked or expired', credentialSignal(ctx.flows), credentialMitigation(ctx.flows)] } });
    ctx.decide({ id: 'failure:poison', section: 'failure-modes', order: 80, priority: 1, block: { kind: 'row', cells: ['Poison message', 'DLQ depth', 'fix the mapping, replay idempotently'] } });
  },
};

export const checklistRule: Rule = {
  id: 'checklist',
  write(ctx) {
    const risks: string[] = [`the idempotency store and writes to ${listing([...new Set(ctx.flows.map((f) => f.to.name))])}: a duplicate corrupts data`];
    if (ctx.flows.some((f) => f.ingress === 'webhook' || f.ingress === 'subscription')) risks.push('the receiver: raw-body verification, fast answer, enqueue');
    if (ctx.flows.some((f) => f.ingress === 'subscription')) risks.push('subscription renewal and resync');
    const guards = ctx.loads.filter((l) => !l.incidental).flatMap((l) => [
      ...(l.permits !== null ? [`${l.system.name}'s ${l.permits}-permit bulkhead`] : []),
      ...(l.limits.some((x) => x.spec.type === 'quota') && l.feasibility.peakPerSecond > (l.feasibility.capacityPerSecond ?? Infinity) * 0.5 ? [`${l.system.name}'s daily quota guard`] : []),
    ]);
    if (guards.length > 0) risks.push(listing(guards));
    if (ctx.flows.some((f) => f.bidirectional)) risks.push('field ownership and loop prevention');
    let order = 10;
    for (const r of risks) ctx.decide({ id: `checklist:risk:${order}`, section: 'checklist', order: order++, priority: 1, block: { kind: 'step', text: `**High risk:** ${r}.` } });
    const p = retryOf(ctx).schedule.policy;
    ctx.decide({ id: 'checklist:queue', section: 'checklist', order: 40, priority: 2, block: { kind: 'step', text: `${ctx.queue.short === 'the queue' ? 'The queue' : ctx.queue.short}, DLQ and replay tool; worker with ${p.maxAttempts}-attempt retries, breaker and the limits above.` } });
    ctx.decide({ id: 'checklist:auth', section: 'checklist', order: 41, priority: 2, block: { kind: 'step', text: `Credentials in ${ctx.queue.secrets} with rotation; metrics, logs, traces and alerts.` } });
    if (ctx.confirm.length > 0) {
      ctx.decide({ id: 'checklist:confirm', section: 'checklist', order: 43, priority: 1, block: { kind: 'step', text: `Confirm with the vendors what is marked "confirm" above (${ctx.confirm.length} item${ctx.confirm.length > 1 ? 's' : ''}) before building on it.` } });
    }
    ctx.decide({
      id: 'checklist:drill',
      section: 'checklist',
      order: 44,
      priority: 1,
      block: { kind: 'step', text: `Outage drill: block ${listing([...new Set(ctx.flows.map((f) => f.to.name))])} for ${durS(ctx.inputs.outageSeconds)}; verify no loss, no duplicates, the backlog drains.` },
    });
  },
};

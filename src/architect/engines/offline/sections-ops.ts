import type { FlowPlan, Plan } from './plan.js';
import { queueName } from './sections-design.js';
import { capitalize, durS, fmt, listing } from './text.js';

/** Observability, failure modes and the implementation checklist. */

export function writeObservability(plan: Plan): string {
  const latency = plan.inputs.latencySeconds;
  const ageAlert = Math.max(latency * 2, plan.outageSeconds);
  const batch = plan.flows.some((f) => f.pattern === 'batch');
  return [
    `- **Metrics** per flow: success rate, p95 latency, queue depth, oldest-message age, retry rate, breaker state, DLQ depth, 429s${plan.compact ? '' : ', quota left, idempotency hits'}${batch ? ', run duration, rows failed' : ''}.`,
    '- **Structured logs:** JSON with `correlation_id` (= trace id), `event_id`, `idempotency_key`, `attempt`, `outcome`, `http_status`, `duration_ms`; retries at info, the final failure at error; no payloads or secrets.',
    '- **Tracing:** OpenTelemetry; W3C `traceparent` on every HTTP call and message, through the DLQ and replays; one `correlation_id` lookup shows every attempt.',
    `- **Alerts:** success < 99% for 10 min; p95 > ${durS(latency)} for 10 min; oldest message > ${durS(ageAlert)}; breaker open > 2 min (page); DLQ > 0 for 15 min; quota > 80%${batch ? '; a missed run' : ''}.`,
  ].join('\n');
}

export function writeFailureModes(plan: Plan): string {
  const rows: [string, string, string][] = [];
  const dest = plan.destinations[0]!;
  const destNames = listing(plan.destinations.map((d) => d.system.name));
  rows.push([
    `${destNames} down ${durS(plan.outageSeconds)}`,
    '5xx/timeouts, breaker opens',
    `retries span ≥ ${durS(plan.outageSeconds)}; ${fmt(dest.backlog.messages)} queued messages drain after`,
  ]);
  rows.push([`${dest.system.name} rate limit`, '429s, quota header', `token bucket, \`Retry-After\`, alert at 80%`]);
  const webhook = plan.flows.find((f) => f.pattern === 'webhook');
  if (webhook) {
    rows.push([`${webhook.from.name} redelivers or reorders`, 'idempotency hits, version check', `\`${webhook.key}\` skips repeats; only newer versions apply`]);
    rows.push(['Forged webhook', 'signature failures', 'reject 400, alert on spikes']);
    rows.push([
      'Receiver down',
      'health check',
      webhook.from.redeliveryHours === 0 ? `${webhook.from.name} won't redeliver: reconciliation re-reads` : `${webhook.from.name} redelivers; daily reconciliation`,
    ]);
  }
  for (const f of plan.flows.filter((x) => x.pattern !== 'webhook').slice(0, 2)) rows.push(sourceRow(f));
  if (!webhook) rows.push(['Stale or reordered change', 'version check', 'apply only newer versions']);
  if (plan.inputs.bidirectional) rows.push(['Sync loop', 'echo counter', 'origin marker drops own writes']);
  rows.push(['Credential revoked', '401/403 rate', 'refresh once, then DLQ and page']);
  rows.push(['Poison message', 'DLQ alerts', 'fix mapping, replay idempotently']);
  const kept = plan.tight ? [...rows.slice(0, 4), rows.at(-1)!] : plan.compact ? [...rows.slice(0, 5), rows.at(-1)!] : rows;
  return ['| Failure | Detection | Mitigation |', '|---|---|---|', ...kept.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function sourceRow(f: FlowPlan): [string, string, string] {
  switch (f.pattern) {
    case 'batch':
      return [`${f.from.name} extract fails mid-run`, 'run status, row counts', 'resume from the last chunk; upserts are safe'];
    case 'event':
      return [`${f.from.name} feed lags`, 'feed lag metric', 'resume from stored position'];
    case 'poll':
      return [`${f.from.name} poll misses changes`, 'cursor lag', 'overlap windows; dedupe by key'];
    case 'request-response':
      return [`${f.to.name} slow`, 'p95, slow calls', 'short timeout, outbox completes it'];
    case 'webhook':
      return [`${f.from.name} webhook gap`, 'missing ids', 'reconciliation'];
  }
}

export function writeChecklist(plan: Plan): string {
  const webhook = plan.flows.some((f) => f.pattern === 'webhook');
  const batch = plan.flows.some((f) => f.pattern === 'batch');
  const destNames = listing(plan.destinations.map((d) => d.system.name));
  const risks = [`idempotency store and ${destNames} upserts; a duplicate corrupts data`];
  if (webhook) risks.push('webhook receiver: raw-body signature check, fast 2xx, enqueue');
  if (batch) risks.push('checkpointed extract and chunked bulk load');
  if (plan.inputs.bidirectional) risks.push('loop prevention and conflict rules');
  const items: string[] = plan.compact ? [`**High risk:** ${risks.join('; ')}.`] : risks.map((r) => `**High risk:** ${r}.`);
  items.push(
    `${capitalize(queueName(plan))}, DLQ and replay tool; worker with ${plan.retry.schedule.policy.maxAttempts}-attempt retries, breaker, token bucket.`,
    `Credentials in ${plan.stack.secrets}, least privilege, rotation.`,
    'Metrics, logs, traces, dashboards, alerts.',
    `Outage drill: block ${destNames} ${durS(plan.outageSeconds)}, force the breaker open, verify no loss, no duplicates, backlog drains.`,
  );
  return items.map((item, i) => `${i + 1}. ${item}`).join('\n');
}

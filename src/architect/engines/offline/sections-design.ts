import type { AuthKind, SystemProfile } from './hints.js';
import type { FlowPlan, PatternKind, Plan } from './plan.js';
import { DEFAULT_STACK } from './plan.js';
import { durS, fmt, listing, rate } from './text.js';

/** The queue's short name for diagrams and lists ("Amazon SQS", "Queue" when the stack is unspecified). */
export function queueName(plan: Plan): string {
  return plan.stack.queue.startsWith('a managed queue') ? 'a managed queue' : plan.stack.queue.split(' (')[0]!;
}

/** Preamble, requirements, pattern and authentication sections of the offline design. */

export const PATTERN_LABEL: Record<PatternKind, string> = {
  webhook: 'webhook receiver + queue (event-driven)',
  event: 'change feed + queue (event-driven)',
  batch: 'scheduled batch with bulk loads',
  'request-response': 'request/response with an outbox fallback',
  poll: 'cursor-based polling + queue (last resort)',
};

const TRANSPORT: Record<PatternKind, string> = {
  webhook: 'a signed webhook receiver',
  event: 'a change-feed relay',
  batch: 'a scheduled bulk job',
  'request-response': 'direct REST calls with an outbox',
  poll: 'a cursor-based poller',
};

export function writePreamble(plan: Plan): string {
  const { inputs } = plan;
  const first = plan.flows[0]!;
  const what =
    plan.flows.length === 1
      ? `${first.from.name} (${first.from.description}) → ${first.to.name} (${first.to.description})`
      : `${listing(plan.systems.map((s) => (plan.tight ? s.name : `${s.name} (${s.description})`)))} exchange data in ${plan.flows.length} flows`;
  const via = listing([...new Set(plan.flows.map((f) => TRANSPORT[f.pattern]))]);
  return [
    `${what} via ${via}, ${queueName(plan)} and rate-limited workers: ${fmt(inputs.volumePerDay)} events a day within ${durS(inputs.latencySeconds)}, ` +
      `surviving a ${durS(plan.outageSeconds)} outage without loss or duplicates.`,
    '',
    `**Assumptions:** ${plan.assumptions.join('; ')}.`,
  ].join('\n');
}

export function writeRequirements(plan: Plan): string {
  const { inputs } = plan;
  const avg = inputs.volumePerDay / 86_400;
  const flows = plan.flows.map((f) => `${f.from.name} → ${f.to.name}: ${f.data}`).join('; ');
  const limits = plan.destinations
    .filter((d) => d.limitStated)
    .map((d) => `${d.system.name} "${d.limitText}"${d.limitSource === 'documented' ? ' (documented; confirm for your plan)' : ''}`);
  const unknown = plan.destinations.filter((d) => !d.limitStated);
  if (unknown.length > 0) limits.push(`${listing(unknown.map((d) => d.system.name))} not given (assumed ${unknown[0]!.limitText})`);
  const sync = inputs.latencySeconds >= 3600 ? 'batch is acceptable' : inputs.latencySeconds <= 5 ? 'tight, near-synchronous' : 'asynchronous is fine';
  return [
    `- **Flows${inputs.bidirectional ? ' (bidirectional)' : ''}:** ${flows}.`,
    `- **Volume:** ${fmt(inputs.volumePerDay)} events/day per flow: ${rate(avg, 'events')} average, ${rate(avg * plan.peakFactor, 'events')} peak.`,
    plan.tight ? `- **Latency:** ${durS(inputs.latencySeconds)}.` : `- **Latency:** ${durS(inputs.latencySeconds)} end to end; ${sync}.`,
    `- **Rate limits:** ${limits.join('; ')}; we use 80%.`,
    ...(plan.compact ? [] : [`- **Outages:** survive ${durS(plan.outageSeconds)} of API downtime; no loss, no duplicates.`]),
    `- **Stack:** ${plan.assumptions.includes(DEFAULT_STACK) ? `${DEFAULT_STACK}: ${queueName(plan)}, ${plan.stack.secrets}` : `${inputs.stack} (${queueName(plan)}, ${plan.stack.secrets})`}.`,
    `- **Compliance:** ${complianceLine(plan)}`,
  ].join('\n');
}

function complianceLine(plan: Plan): string {
  const c = plan.compliance;
  if (!c.text) return 'none stated; payloads carry only the fields needed.';
  const rules: string[] = [];
  if (c.pci) rules.push('card data never enters our queue, logs or destinations; we keep IDs, amounts and status only');
  if (c.residency) rules.push('queues, logs and backups stay in-region, no cross-region replication');
  if (c.health) rules.push('health data minimised, encrypted and access-logged');
  if (rules.length === 0) rules.push('payloads minimised, access audited');
  return `"${c.text}" → ${rules.join('; ')}.`;
}

export function writePattern(plan: Plan): string {
  const lines: string[] = [`**Choice: ${PATTERN_LABEL[plan.primary]}.** ${patternRationale(plan, plan.flows.find((f) => f.pattern === plan.primary)!)}`, ''];
  lines.push('```text', ...plan.flows.map((f) => diagram(plan, f)), '```', '');
  for (const f of plan.flows.filter((x) => x.pattern !== plan.primary)) {
    lines.push(`- **${f.from.name} → ${f.to.name}:** ${PATTERN_LABEL[f.pattern]}.${plan.compact ? '' : ` ${patternRationale(plan, f)}`}`);
  }
  const dest = plan.destinations[0]!;
  const outProtocol = plan.systems.some((s) => /graphql/i.test(s.description)) ? 'GraphQL where offered, else REST' : 'REST/JSON';
  lines.push(`- **Protocol:** ${inboundProtocol(plan).replace('REST/JSON', outProtocol)}; ${queueName(plan)} between.`);
  lines.push(`- **Trade-offs:** rejected ${rejected(plan, dest.budget.peakPerSecond, dest.budget.budgetPerSecond ?? 0)}`);
  lines.push(
    plan.inputs.bidirectional
      ? `- **Two-way sync:** our own writes carry an origin marker; echoes are dropped; ${plan.tight ? 'the newer' : `${plan.flows[0]!.from.name} owns conflicting fields, else the newer`} \`updated_at\` wins.`
      : '- **Ordering:** delivery is at-least-once and unordered; a change applies only if newer than the stored version.',
  );
  return lines.join('\n');
}

function patternRationale(plan: Plan, f: FlowPlan): string {
  const { volumePerDay, latencySeconds } = plan.inputs;
  switch (f.pattern) {
    case 'webhook':
      return `${f.from.name} pushes signed webhooks, so nothing polls: the receiver verifies, enqueues and returns 2xx within a second; workers write to ${f.to.name} at its allowed rate.`;
    case 'event':
      return `${f.from.name} offers ${f.from.changeFeed}; a relay publishes each change and workers apply it to ${f.to.name}.`;
    case 'batch':
      return `At ${fmt(volumePerDay)} records/day with ${durS(latencySeconds)} allowed, bulk transfer is cheapest: a job extracts changes since the last checkpoint, stages them in object storage and loads chunks via ${f.to.name}'s bulk API.`;
    case 'request-response':
      return `At ${fmt(volumePerDay)} calls/day and a ${durS(latencySeconds)} target, ${f.from.name} calls ${f.to.name} directly with one fast retry; on failure the request goes to an outbox queue and completes asynchronously.`;
    case 'poll':
      return `${f.from.name} offers no webhooks or change feed, so, as a last resort, a poller reads changes every ${durS(f.pollSeconds ?? 300)} with an \`updated_since\` cursor and per-host jitter; switch to webhooks or an event export once available.`;
  }
}

function diagram(plan: Plan, f: FlowPlan): string {
  const q = queueName(plan);
  switch (f.pattern) {
    case 'webhook':
      return `${f.from.name} ──webhook──▶ Receiver (verify, dedupe) ──▶ ${q} ──▶ Worker (token bucket, breaker) ──REST──▶ ${f.to.name}   [failures ──▶ DLQ ──▶ replay]`;
    case 'event':
      return `${f.from.name} ──change feed──▶ Relay ──▶ ${q} ──▶ Worker (token bucket, breaker) ──REST──▶ ${f.to.name}   [failures ──▶ DLQ ──▶ replay]`;
    case 'batch':
      return `${f.from.name} ──scheduled extract──▶ Object storage (chunks) ──chunk refs──▶ ${q} ──▶ Loader (checkpoint, breaker) ──bulk API──▶ ${f.to.name}   [failed rows ──▶ DLQ]`;
    case 'request-response':
      return `${f.from.name} ──REST (timeout, 1 retry)──▶ ${f.to.name};  on failure: ${f.from.name} ──▶ Outbox (${q}) ──▶ Worker ──▶ ${f.to.name}`;
    case 'poll':
      return `Poller (cursor, every ${durS(f.pollSeconds ?? 300)}) ◀──REST── ${f.from.name};  Poller ──▶ ${q} ──▶ Worker ──REST──▶ ${f.to.name}`;
  }
}

function inboundProtocol(plan: Plan): string {
  const kinds = new Set(plan.flows.map((f) => f.pattern));
  const parts: string[] = [];
  if (kinds.has('webhook')) parts.push('HTTPS webhooks in');
  if (kinds.has('event')) parts.push('change events in');
  if (kinds.has('batch')) parts.push('bulk files in');
  if (kinds.has('poll')) parts.push('REST reads in');
  if (parts.length === 0) return 'REST/JSON calls out, with an outbox';
  return `${parts.join(', ')}; REST/JSON out`;
}

function rejected(plan: Plan, peak: number, budget: number): string {
  const options: string[] = [];
  if (plan.primary !== 'request-response') {
    options.push(
      budget > 0 && peak > budget && !plan.compact
        ? `synchronous calls (the ${rate(peak)} peak exceeds the ${rate(budget)} budget; outages would block)`
        : 'synchronous calls (outages would block callers)',
    );
  } else options.push('queue-first (adds latency; kept as the outbox)');
  options.push(plan.primary !== 'batch' ? `batch (misses ${durS(plan.inputs.latencySeconds)})` : 'per-event streaming (one call per record, no latency gain)');
  if (plan.primary === 'request-response') {
    options.push('high-frequency polling (never first; the caller pushes)');
    return `${options.join('; ')}.`;
  }
  if (plan.compact && plan.primary !== 'poll') {
    options.push('high-frequency polling (never first; only a daily cursor-based reconciliation reads the source)');
    return `${options.join('; ')}.`;
  }
  options.push(
    plan.primary === 'poll'
      ? 'high-frequency polling (the interval stays long and cursor-based)'
      : 'high-frequency polling (never first: burns quota, adds latency; only a daily cursor-based reconciliation reads the source)',
  );
  return `${options.join('; ')}.`;
}

export function writeAuthentication(plan: Plan): string {
  const authText = plan.inputs.auth;
  const stated = plan.inputs.assumptions.every((a) => !a.startsWith('Authentication'));
  const lines: string[] = stated && !plan.compact ? [`Given: "${authText}".`, ''] : [];
  const webhookSources = plan.flows.filter((x) => x.pattern === 'webhook').map((f) => f.from);
  const unique = webhookSources.filter((s, i) => webhookSources.findIndex((o) => o.slug === s.slug) === i);
  if (unique.length > 0) {
    const who = listing(unique.map((s) => (s.signatureHeader ? `${s.name} (\`${s.signatureHeader}\`)` : s.name)));
    lines.push(
      `- **${who} → receiver:** verify the signature: HMAC-SHA256 of timestamp + raw body (not re-serialized JSON), constant-time compare, ±5 min tolerance, two secrets during rotation.`,
    );
  }
  // Everything we call: destinations, and sources we read (reconciliation, extracts, polls); not our own caller.
  const weCall = (s: SystemProfile) =>
    plan.flows.some((f) => f.to.slug === s.slug || (f.from.slug === s.slug && f.pattern !== 'request-response'));
  const outbound = uniqueSystems(plan.flows.flatMap((f) => [f.from, f.to])).filter(weCall);
  // Systems sharing a credential scheme share one line.
  const groups = new Map<AuthKind, SystemProfile[]>();
  for (const s of outbound) groups.set(authKind(s, authText), [...(groups.get(authKind(s, authText)) ?? []), s]);
  for (const [kind, systems] of groups) {
    const label = listing(systems.map((s) => `${s.name}${plan.flows.some((f) => f.to.slug === s.slug) ? '' : ' (reads)'}`));
    lines.push(`- **${label}:** ${credential(kind)}`);
  }
  lines.push(
    `- **Secrets:** in ${plan.stack.secrets}, re-read on rotation; never in code, env files or logs.`,
    '- **Least privilege:** one credential per system and environment, minimal scopes.',
  );
  return lines.join('\n');
}

function credential(kind: AuthKind): string {
  switch (kind) {
    case 'oauth':
      return 'OAuth 2.0 client credentials or JWT bearer for a dedicated integration user; tokens cached, refreshed before expiry (once more on 401), rotated.';
    case 'api-key':
      return 'restricted API key, least access, rotated every 90 days (new key before the old is revoked).';
    case 'unknown':
      return 'OAuth 2.0 client credentials if offered, else a scoped API key rotated every 90 days.';
  }
}

/** The user's auth text wins over what we know about the system. */
function authKind(s: SystemProfile, authText: string): AuthKind {
  for (const sentence of authText.split(/[;.\n]/)) {
    if (!sentence.toLowerCase().includes(s.name.toLowerCase())) continue;
    if (/oauth|jwt|openid/i.test(sentence)) return 'oauth';
    if (/api[ -]?key|restricted key|token|secret key/i.test(sentence)) return 'api-key';
  }
  return s.auth;
}

function uniqueSystems(systems: SystemProfile[]): SystemProfile[] {
  return systems.filter((s, i) => systems.findIndex((o) => o.slug === s.slug) === i);
}

import type { EgressKind, FlowPlan, IngressKind, Plan } from '../plan/types.js';

/** One text diagram line per flow, drawn from the plan's ingress, queue, limits and egress. */

const IN: Record<IngressKind, [string, string]> = {
  webhook: ['webhook', 'Receiver (verify, dedupe)'],
  'webhook-assumed': ['webhook (confirm)', 'Receiver (verify, dedupe)'],
  subscription: ['notification', 'Receiver (validate, renew)'],
  'change-stream': ['change events', 'Relay (replay id)'],
  cdc: ['CDC (log)', 'Connector (position)'],
  outbox: ['outbox rows', 'Relay'],
  consumer: ['consumer group', 'Consumer (ack after write)'],
  file: ['files', 'Pickup (manifest, checksum)'],
  'object-events': ['object events', 'Loader (key + ETag)'],
  'ingest-api': ['HTTPS + Idempotency-Key', 'Ingest API (202)'],
  request: ['call', 'Client'],
  'batch-export': ['scheduled export', 'Extractor (watermark)'],
  poll: ['poll (cursor)', 'Poller (interval, jitter)'],
};

/** How a worker writes to the destination, per egress kind (the text diagram and the drawn graph share it). */
export const EGRESS_LABEL: Record<EgressKind, string> = {
  'api-upsert': 'upsert',
  'api-keyed': 'send with dedup key',
  'api-create-guarded': 'write by mapped id',
  'api-send': 'send once (intent recorded)',
  'api-bulk': 'bulk',
  'db-upsert': 'upsert',
  'stream-produce': 'produce',
  'queue-send': 'send',
  'warehouse-load': 'load + MERGE',
  'search-bulk': 'bulk index',
  'object-write': 'objects + manifest',
  'file-write': 'file + manifest',
  'service-call': 'API + key',
  'app-notify': 'push',
};

/** The queue's short name as a diagram label. */
export function queueLabel(plan: Plan): string {
  return plan.queue.short === 'the queue' ? 'Queue' : plan.queue.short;
}

/** How the flow's worker limits its calls to the destination: permits, a token bucket, or an adaptive limit. */
export function workerControl(plan: Plan, f: FlowPlan): string {
  const load = plan.loads.find((l) => l.system.slug === f.to.slug);
  return load?.permits != null ? `${load.permits} permits` : load?.bucket ? 'token bucket' : 'adaptive limit';
}

export function diagram(plan: Plan, f: FlowPlan): string {
  const q = queueLabel(plan);
  if (f.ingress === 'request') {
    return `${f.from.name} ──${EGRESS_LABEL[f.egress]} (timeout, 1 retry, breaker)──▶ ${f.to.name};  on failure: ${f.from.name} ──▶ Outbox (${q}) ──▶ Worker ──▶ ${f.to.name}   [DLQ ──▶ replay]`;
  }
  const [arrow, generic] = IN[f.ingress];
  const component = f.via && f.ingress === 'ingest-api' ? `${f.via.name} (202)` : generic;
  const control = workerControl(plan, f);
  const queue = f.ingress === 'consumer' ? '' : ` ──▶ ${q}`;
  return `${f.from.name} ──${arrow}──▶ ${component}${queue} ──▶ Worker (${control}, breaker) ──${EGRESS_LABEL[f.egress]}──▶ ${f.to.name}   [failures ──▶ DLQ ──▶ replay]`;
}

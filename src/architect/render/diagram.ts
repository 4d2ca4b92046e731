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

const OUT: Record<EgressKind, string> = {
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

export function diagram(plan: Plan, f: FlowPlan): string {
  const q = plan.queue.short === 'the queue' ? 'Queue' : plan.queue.short;
  if (f.ingress === 'request') {
    return `${f.from.name} ──${OUT[f.egress]} (timeout, 1 retry, breaker)──▶ ${f.to.name};  on failure: ${f.from.name} ──▶ Outbox (${q}) ──▶ Worker ──▶ ${f.to.name}   [DLQ ──▶ replay]`;
  }
  const [arrow, generic] = IN[f.ingress];
  const component = f.via && f.ingress === 'ingest-api' ? `${f.via.name} (202)` : generic;
  const load = plan.loads.find((l) => l.system.slug === f.to.slug);
  const control = load?.permits != null ? `${load.permits} permits` : load?.bucket ? 'token bucket' : 'adaptive limit';
  const queue = f.ingress === 'consumer' ? '' : ` ──▶ ${q}`;
  return `${f.from.name} ──${arrow}──▶ ${component}${queue} ──▶ Worker (${control}, breaker) ──${OUT[f.egress]}──▶ ${f.to.name}   [failures ──▶ DLQ ──▶ replay]`;
}

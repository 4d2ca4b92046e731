import type { IngressKind, Plan, SystemPlan } from '../plan/types.js';
import { EGRESS_LABEL, queueLabel, workerControl } from './diagram.js';

/**
 * The architecture as a Graphviz graph, drawn from the plan (never by the model): the systems, the components the
 * design adds, each flow with its direction and data, and where retries, the breaker and idempotency sit. Systems
 * we do not run are grey boxes outside; what the design builds sits in one blue cluster. Left to right, so it reads
 * like the flows do and stays legible at Slack's preview width.
 */

const INGRESS: Record<IngressKind, { edge: string; component: string }> = {
  webhook: { edge: 'webhook', component: 'Receiver\\nverify signature · dedupe' },
  'webhook-assumed': { edge: 'webhook (confirm)', component: 'Receiver\\nverify signature · dedupe' },
  subscription: { edge: 'notifications', component: 'Receiver\\nvalidate · renew' },
  'change-stream': { edge: 'change events', component: 'Relay\\nreplay id' },
  cdc: { edge: 'CDC (log)', component: 'CDC connector\\nlog position' },
  outbox: { edge: 'outbox rows', component: 'Outbox relay' },
  consumer: { edge: 'consume', component: 'Consumer group\\nack after write' },
  file: { edge: 'files', component: 'File pickup\\nmanifest · checksum' },
  'object-events': { edge: 'object events', component: 'Loader\\nkey + ETag' },
  'ingest-api': { edge: 'HTTPS + Idempotency-Key', component: 'Ingest API\\n202 Accepted' },
  request: { edge: 'call', component: 'Outbox\\nwhen the call fails' },
  'batch-export': { edge: 'scheduled export', component: 'Extractor\\nwatermark' },
  poll: { edge: 'poll (cursor)', component: 'Poller\\ncursor · jitter' },
};


/** Ingresses driven by our own clock. */
const SCHEDULED = new Set<IngressKind>(['poll', 'batch-export']);

function quote(text: string): string {
  return `"${text.replace(/\\(?!n)/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function short(text: string, max = 40): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

function needsTokenStore(systems: SystemPlan[]): boolean {
  return systems.some((s) => !s.owned && (s.provider?.auth?.recommended ?? '').startsWith('oauth'));
}

export interface ArchitectureGraph {
  /** Graphviz DOT source. */
  dot: string;
  /** Every system and component name drawn, for checks. */
  nodes: string[];
  /** One label per drawn flow edge: "from → to: data". */
  flows: string[];
}

export function architectureGraph(plan: Plan): ArchitectureGraph {
  const lines: string[] = [];
  const nodes = new Map<string, string>(); // id -> label
  const flows: string[] = [];
  const edges: string[] = [];
  /** Flows that share a source and an entry point share one edge, its label listing their data once each. */
  const entryEdges = new Map<string, { from: string; to: string; via: string; data: string[] }>();
  const systemId = (s: SystemPlan) => `sys_${s.slug.replace(/[^a-z0-9_]/gi, '_')}`;
  const queue = queueLabel(plan);

  const external: string[] = [];
  const addSystem = (s: SystemPlan) => {
    const id = systemId(s);
    if (nodes.has(id)) return id;
    nodes.set(id, s.name);
    const described = s.description && s.description.toLowerCase() !== s.name.toLowerCase() ? s.description : s.kind.replace(/-/g, ' ');
    const kind = short(described, 34);
    const style = s.owned ? 'fillcolor="#e8f0fe", color="#4a6fa5"' : 'fillcolor="#f1f3f4", color="#80868b"';
    external.push(`  ${id} [label=${quote(`${short(s.name, 32)}\\n${kind}`)}, shape=box, style="rounded,filled", ${style}];`);
    return id;
  };

  const ours: string[] = [];
  const component = (id: string, label: string, extra = '') => {
    if (nodes.has(id)) return id;
    nodes.set(id, label.replace(/\\n.*/, ''));
    ours.push(`    ${id} [label=${quote(label)}${extra}];`);
    return id;
  };

  const hasQueue = plan.flows.some((f) => f.ingress !== 'consumer');
  if (hasQueue) component('queue', `${short(queue, 28)}\\ndurable · ordered by key`, ', shape=cylinder');
  component('dlq', `Dead-letter queue\\n${plan.dlqRetentionDays} days · replay`, ', shape=cylinder, fillcolor="#fce8e6", color="#c5221f"');
  component('replay', 'Replay tool\\nby id or time range');
  edges.push('  dlq -> replay [style=dashed, color="#c5221f"];');
  if (needsTokenStore(plan.systems)) component('tokens', 'Token store\\nencrypted · refresh ahead', ', shape=note');
  if (plan.flows.some((f) => SCHEDULED.has(f.ingress))) component('scheduler', 'Scheduler\\nintervals · jitter', ', shape=component');

  for (const f of plan.flows) {
    const from = addSystem(f.from);
    const to = addSystem(f.to);
    const via = INGRESS[f.ingress];
    const ingressId = component(`in_${f.ingress.replace(/-/g, '_')}_${f.from.slug.replace(/[^a-z0-9]/gi, '_')}`, via.component);
    const control = workerControl(plan, f);
    const workerId = component(`worker_${f.to.slug.replace(/[^a-z0-9]/gi, '_')}`, `Worker → ${short(f.to.name, 24)}\\n${control} · breaker\\nretries: ${plan.retry.schedule.policy.maxAttempts} attempts, ${plan.retry.schedule.policy.jitter} jitter`);
    const data = short(f.data || f.entity, 30);
    flows.push(`${f.from.name} → ${f.to.name}: ${data}`);
    const entryKey = `${from}>${ingressId}`;
    const entry = entryEdges.get(entryKey) ?? { from, to: ingressId, via: via.edge, data: [] };
    if (!entry.data.includes(data)) entry.data.push(data);
    entryEdges.set(entryKey, entry);
    if (f.ingress === 'consumer') edges.push(`  ${ingressId} -> ${workerId};`);
    else edges.push(`  ${ingressId} -> queue [label=${quote(`key ${short(f.key, 28)}`)}, fontcolor="#1a73e8"];`, `  queue -> ${workerId};`);
    edges.push(`  ${workerId} -> ${to} [label=${quote(`${EGRESS_LABEL[f.egress]}\\nidempotent`)}, penwidth=1.6];`);
    edges.push(`  ${workerId} -> dlq [label="after ${plan.retry.schedule.policy.maxAttempts} attempts", style=dashed, color="#c5221f", fontcolor="#c5221f"];`);
    if (SCHEDULED.has(f.ingress)) edges.push(`  scheduler -> ${ingressId} [style=dotted, arrowhead=open];`);
    if (nodes.has('tokens') && !f.to.owned && (f.to.provider?.auth?.recommended ?? '').startsWith('oauth')) {
      edges.push(`  tokens -> ${workerId} [style=dotted, arrowhead=open, label="token"];`);
    }
    if (f.bidirectional) flows.push(`${f.to.name} → ${f.from.name}: ${data}`);
  }

  for (const e of entryEdges.values()) edges.unshift(`  ${e.from} -> ${e.to} [label=${quote(`${e.via}\\n${short(e.data.join(', '), 40)}`)}];`);

  lines.push(
    'digraph integration {',
    '  graph [rankdir=LR, fontname="DejaVu Sans", fontsize=12, pad=0.3, nodesep=0.35, ranksep=0.6, bgcolor="white"];',
    '  node [fontname="DejaVu Sans", fontsize=11, shape=box, style="rounded,filled", fillcolor="#e8f0fe", color="#1a73e8"];',
    '  edge [fontname="DejaVu Sans", fontsize=9, color="#5f6368"];',
    ...external,
    '  subgraph cluster_ours {',
    `    label=${quote('What this design builds')}; fontsize=12; style="rounded,dashed"; color="#1a73e8"; fontcolor="#1a73e8";`,
    ...ours,
    '  }',
    ...edges,
    '}',
  );
  return { dot: lines.join('\n'), nodes: [...nodes.values()], flows };
}

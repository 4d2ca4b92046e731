import type { Push } from '../../knowledge/schema.js';
import { durS, fmt, listing } from '../../prose.js';
import type { PlanContext, Rule } from '../context.js';
import type { FlowPlan, IngressKind, SystemPlan } from '../types.js';
import { cite } from './facts.js';
import { deliveryCadence } from '../cadence.js';

/**
 * How each flow learns about changes at its source: the provider's own push mechanism where it documents one
 * (signed webhooks, renewable subscriptions, change streams, queues it fills), the kind's natural mechanism for
 * systems that are not SaaS APIs (CDC or an outbox for databases, consumer groups for streams, file arrival for
 * drops), and incremental polling only when nothing pushes — never fast polling first.
 */

const SAYS_NO_PUSH =
  /\b(?:no|without|lacks?|doesn'?t (?:have|support|offer|send)|does not (?:have|support|offer|send))\s+(?:any\s+)?(?:webhooks?|events?|push|callbacks?|notifications?)\b|\b(?:rest\s+)?api only\b|\bonly (?:a |an )?(?:rest )?api\b|\bpoll(?:ing)? only\b/i;
const SAYS_PUSH = /\bwebhooks?\b|\bcallbacks?\b|\bemits? events\b|\bpushes\b|\bsends? (?:us )?events\b|\bnotifies\b/i;

/** A database we may only query: no log reader, no agent, no triggers. */
const NO_LOG_ACCESS = /\bno\s+(?:access\s+to\s+(?:the\s+)?)?(?:LogMiner|GoldenGate|Debezium|CDC|change\s+data\s+capture|binlogs?|WAL|redo\s+logs?|log\s+(?:access|mining)|replication)|\bnothing\s+(?:can\s+be\s+)?installed|\b(?:can'?t|cannot)\s+install\b|\bread[\s-]only\s+(?:user|account|access|login|credentials|role)\b|\b(?:won'?t|will\s+not|can'?t|cannot|don'?t|do\s+not)\s+(?:give|grant|allow|let)\s+us\b/i;

/** Flow data that is file content rather than a record. */
const FILE_CONTENT = /\b(?:pdfs?|attachments?|signed (?:documents?|copies|contracts?)|documents? (?:content|files?)|files? content|recordings?|scans?)\b/i;

/** A service another team owns and we cannot change. */
const OTHER_TEAM = /\b(?:another|other) team|owned by (?:the )?\w+ team|\w+ team(?:'s)? (?:service|api)|we (?:can'?t|cannot|don'?t|do not) (?:change|modify|touch)|not ours\b/i;

/**
 * The catalog lists a provider's push mechanisms in order of preference; an unsigned webhook drops behind any
 * alternative (a change stream or a signed subscription can be trusted without a fetch-back).
 */
function bestPush(system: SystemPlan): Push | null {
  const pushes = system.provider?.push ?? [];
  const unsigned = (p: Push) => p.type === 'webhook' && (!p.signature || ['none', 'basic-auth', 'shared-token'].includes(p.signature.scheme));
  return [...pushes].sort((a, b) => Number(unsigned(a)) - Number(unsigned(b)))[0] ?? null;
}

/** How often files are picked up: the flow's interval, or a third of the source's own delivery cadence if sooner. */
function pickupEvery(f: FlowPlan, cadence: number | null): number {
  const interval = f.intervalSeconds ?? 900;
  return cadence !== null ? Math.min(interval, Math.max(60, Math.round(cadence / 3))) : interval;
}

/** Poll or schedule interval: half the latency budget, between 1 and 15 minutes, never faster. */
export function pollInterval(latencySeconds: number): number {
  return Math.min(900, Math.max(60, Math.round(latencySeconds / 2)));
}

function decideIngress(ctx: PlanContext, f: FlowPlan): Pick<FlowPlan, 'ingress' | 'push' | 'sourceReadsPerEvent' | 'intervalSeconds'> {
  const src = f.from;
  const { latencySeconds, volumePerDay } = ctx.inputs;
  const push = bestPush(src);
  const loose = latencySeconds >= 3600 || (volumePerDay >= 1_000_000 && latencySeconds >= 900);
  const none = { push: null, sourceReadsPerEvent: 0, intervalSeconds: null };
  switch (src.kind) {
    case 'database':
      // No change log to read ("read-only user", "no LogMiner", "nothing installed"): query by a change column.
      if (NO_LOG_ACCESS.test(src.description)) return { ...none, ingress: 'poll', intervalSeconds: pollInterval(latencySeconds) };
      // Our own service's database: an outbox written in the same transaction is exact and keeps the schema
      // private; otherwise read the database's own change log.
      if (/\b(?:our|internal|own|in-house)\b/i.test(`${src.name} ${src.description}`) && /\b(?:app|service|monolith|backend|api)\b/i.test(`${src.name} ${src.description}`) && !push) {
        return { ...none, ingress: 'outbox' };
      }
      return { ...none, ingress: 'cdc', push };
    case 'event-stream':
    case 'queue':
      return { ...none, ingress: 'consumer', push };
    case 'file-drop':
      return { ...none, ingress: 'file', push, intervalSeconds: pollInterval(latencySeconds) };
    case 'object-store':
      return push ? { ...none, ingress: 'object-events', push } : { ...none, ingress: 'file', intervalSeconds: pollInterval(latencySeconds) };
    case 'warehouse':
    case 'search-index':
      return { ...none, ingress: 'batch-export', intervalSeconds: Math.max(pollInterval(latencySeconds), Math.min(latencySeconds, 3600)) };
    case 'client-app':
    case 'api-gateway':
      // An answer the caller waits for (a fraud score, a price) within seconds: call through, fall back on failure.
      if (latencySeconds <= 5) return { ...none, ingress: 'request' };
      return { ...none, ingress: 'ingest-api' };
    case 'internal-service':
      // Another team's service we cannot change: it is an API to us, like a vendor's.
      if (OTHER_TEAM.test(src.description)) {
        if (SAYS_PUSH.test(src.description) && !SAYS_NO_PUSH.test(src.description)) return { ...none, ingress: 'webhook' };
        return { ...none, ingress: 'poll', intervalSeconds: pollInterval(latencySeconds) };
      }
      // A tight latency at low volume from our own service: call directly, fall back to the outbox.
      if (latencySeconds <= 5 && volumePerDay <= 50_000) return { ...none, ingress: 'request' };
      return { ...none, ingress: 'outbox' };
    case 'saas-api': {
      // Hours of latency at volume: a scheduled export is cheaper than a call per event, unless the source only pushes.
      if (loose && (src.provider?.reads.bulkExport?.supported || !src.provider || (push === null && src.provider.push?.length !== 0))) {
        return { ...none, ingress: 'batch-export', intervalSeconds: Math.min(latencySeconds, 86_400) };
      }
      if (SAYS_NO_PUSH.test(src.description) || (src.provider?.push?.length === 0 && !SAYS_PUSH.test(src.description))) {
        return { ingress: 'poll', push: null, sourceReadsPerEvent: 0, intervalSeconds: pollInterval(latencySeconds) };
      }
      // The person says it pushes (a vendor the catalog does not know): take them at their word.
      if (!push && SAYS_PUSH.test(src.description)) return { ingress: 'webhook', push: null, sourceReadsPerEvent: 0, intervalSeconds: null };
      if (push) {
        const thin = push.payload === 'thin';
        const ingress: IngressKind = push.type === 'webhook' ? 'webhook' : push.type === 'subscription' ? 'subscription' : push.type === 'change-stream' ? 'change-stream' : push.type === 'consumer' ? 'consumer' : 'file';
        return { ingress, push, sourceReadsPerEvent: thin ? 1 : 0, intervalSeconds: null };
      }
      // Nobody says whether it can push: design for push, say so, keep polling as the named fallback.
      return { ingress: 'webhook-assumed', push: null, sourceReadsPerEvent: 0, intervalSeconds: pollInterval(latencySeconds) };
    }
  }
}

const LABEL: Record<IngressKind, string> = {
  webhook: 'webhook receiver + queue (event-driven)',
  'webhook-assumed': 'webhook receiver + queue (event-driven; push to be confirmed)',
  subscription: 'change-notification subscription + queue (event-driven)',
  'change-stream': 'change-event subscription + queue (event-driven)',
  cdc: 'change data capture + queue (event-driven)',
  outbox: 'transactional outbox + queue (event-driven)',
  consumer: 'consumer group + idempotent workers (event-driven)',
  file: 'file pickup + checksum-verified batch load',
  'object-events': 'object-created events + batch load (event-driven)',
  'ingest-api': 'ingest API + queue (event-driven)',
  request: 'request/response with an outbox fallback',
  'batch-export': 'scheduled incremental export (batch)',
  poll: 'incremental polling + queue (the source cannot push)',
};

export function ingressLabel(kind: IngressKind): string {
  return LABEL[kind];
}

/** The label for one flow: a queue a vendor fills for us is consumed, not read by a consumer group. */
function flowLabel(f: FlowPlan): string {
  if (f.ingress === 'poll' && f.from.kind === 'database') return 'incremental query by watermark + queue (no change-log access)';
  return f.ingress === 'consumer' && f.from.kind === 'saas-api' ? 'queue consumer + idempotent workers (event-driven)' : LABEL[f.ingress];
}

function rationale(ctx: PlanContext, f: FlowPlan): string {
  const src = f.from.name;
  const dst = f.to.name;
  const p = f.push;
  switch (f.ingress) {
    case 'webhook': {
      return `${src} pushes webhooks, so nothing polls: the receiver verifies the signature, enqueues and answers 2xx at once; workers write to ${dst} at its allowed rate.`;
    }
    case 'webhook-assumed':
      return `Assumed, to confirm: ${src} can push webhooks or an event export. The receiver verifies, enqueues and answers 2xx; if it cannot push, a cursor-based poll every ${durS(f.intervalSeconds ?? 300)} is the fallback, never faster.`;
    case 'subscription':
      return `${src} notifies through subscriptions that expire and must be renewed; a receiver validates, enqueues and answers at once, so nothing polls.`;
    case 'change-stream':
      return `${src} publishes change events (${p && 'name' in p ? p.name : 'its change stream'}) a subscriber can replay, so nothing polls; a relay forwards each change to ${ctx.queue.short}.`;
    case 'cdc':
      // "our API (Node, Postgres)": the service is not the database, its database is read.
      if (/\b(?:app|application|service|svc|api|backend|monolith)$/i.test(f.from.name)) {
        return `Change data capture on ${src}'s database (${p && 'name' in p ? p.name : 'its change log'}) reads each committed change without touching ${src}'s code, publishes it in order, and workers apply it to ${dst}.`;
      }
      return `${src} is a database: change data capture reads its ${p && 'name' in p ? p.name : 'change log'} (no triggers, no polling queries), publishes each committed change in order, and workers apply it to ${dst}.`;
    case 'outbox':
      return `${src} writes each change and an outbox row in one transaction; a relay publishes outbox rows to ${ctx.queue.short}, so no change is lost or sent without its commit.`;
    case 'consumer':
      // A vendor that fills a queue in our account (Amazon's notifications into SQS) is a queue we consume.
      if (f.from.kind === 'saas-api' && p && 'name' in p) {
        return `${src} delivers its events into ${p.name.replace(/\s*\([^)]*\)/g, '')}: workers consume it and acknowledge each message only after ${dst} accepted the write, so the queue is the buffer during an outage; nothing polls.`;
      }
      // One log feeding several destinations: a group each, so a slow or failing sink never holds back the others.
      if (ctx.flows.filter((g) => g.from === f.from && g.ingress === 'consumer').length > 1) {
        return `${src} already holds the events: ${dst} reads them with its own consumer group (one per destination, so a slow sink never holds back the others); its lag is the buffer during an outage, and offsets advance only after ${dst} accepted the write.`;
      }
      return `${src} already holds the events: a consumer group reads them, its lag is the buffer during an outage, and offsets (acks) advance only after ${dst} accepted the write.`;
    case 'file': {
      // A source that delivers on its own schedule ("every 15 min") sets the freshest its records can be.
      const cadence = deliveryCadence(f.from.description);
      const late = cadence !== null && cadence > ctx.inputs.latencySeconds;
      const pickup = pickupEvery(f, cadence);
      const base = `${src} delivers files${cadence !== null ? ` every ${durS(cadence)}` : ''}: a scheduled pickup every ${durS(pickup)} takes only complete files (manifest and checksum), loads them in chunks and archives them.`;
      return late
        ? `${base} A file every ${durS(cadence)} means ${src}'s records can be ${durS(cadence)} old before anyone can read them: the ${durS(ctx.inputs.latencySeconds)} target cannot hold for this source; agree ${durS(cadence + pickup)} for it, or ask ${src} for more frequent drops or an API.`
        : base;
    }
    case 'object-events':
      return `${src} emits an event per new object; workers load each object once (its key and ETag are the identity) into ${dst}.`;
    case 'ingest-api':
      return `${src} calls our ingest API${f.via ? ` at ${f.via.name}${f.via.description && !/^(?:api gateway|gateway)$/i.test(f.via.description) ? ` (${f.via.description})` : ''}` : ''}, which validates, stores with the client's idempotency key, enqueues and answers 202; workers deliver to ${dst}.`;
    case 'request':
      return f.from.kind === 'internal-service'
        ? `At ${fmt(ctx.inputs.volumePerDay)} calls a day with ${durS(ctx.inputs.latencySeconds)} allowed, ${src} calls ${dst} directly with a short timeout and one fast retry; on failure the request goes to an outbox and a worker completes it asynchronously.`
        : `${src} needs an answer within ${durS(ctx.inputs.latencySeconds)}: our API calls ${dst} synchronously with a short timeout and no more than one fast retry; when ${dst} is slow or down (breaker open), the API answers with the agreed fallback at once and queues the request for asynchronous completion.`;
    case 'batch-export': {
      const r = f.from.provider?.reads;
      const how = r?.incremental?.method ?? r?.bulkExport?.method;
      return `At ${fmt(ctx.inputs.volumePerDay)} records a day with ${durS(ctx.inputs.latencySeconds)} allowed, a scheduled incremental export from ${src} every ${durS(f.intervalSeconds ?? 3600)}${how ? ` through ${how}` : ' (high-water mark on the change timestamp)'} is cheapest and replayable; the cursor or watermark is stored after each committed page.`;
    }
    case 'poll':
      if (f.from.kind === 'database') {
        const oracle = /\boracle\b/i.test(`${f.from.name} ${f.from.description}`);
        return `${src} allows no change-log reader, so a poller queries rows changed since the stored watermark (a last-modified column${oracle ? ', or ORA_ROWSCN' : ''}) every ${durS(f.intervalSeconds ?? 300)}, re-reading a short overlap for late commits; a nightly key comparison finds deletes.`;
      }
      return `${src} cannot push changes, so, as the last resort, a poller reads what changed every ${durS(f.intervalSeconds ?? 300)} with an incremental cursor${f.from.provider?.reads.incremental ? ` (${f.from.provider.reads.incremental.method})` : ''} and per-host jitter.`;
  }
}

export const ingressRule: Rule = {
  id: 'ingress',
  shape(ctx) {
    for (const f of ctx.flows) {
      Object.assign(f, decideIngress(ctx, f));
      // Events and change records describe a document; its bytes come from a separate download, counted in the
      // source's limits like any other read.
      if (f.from.kind === 'saas-api' && FILE_CONTENT.test(f.data) && f.ingress !== 'batch-export') {
        f.downloads = true;
        f.sourceReadsPerEvent += 1;
      }
    }
  },
  write(ctx) {
    const kinds = [...new Set(ctx.flows.map((f) => f.ingress))];
    const primary = ctx.flows[0]!;
    const all = kinds.length === 1;
    ctx.decide({
      id: 'pattern:choice',
      section: 'pattern',
      order: 10,
      priority: 1,
      fixed: true,
      block: { kind: 'paragraph', text: `**Choice: ${flowLabel(primary)}.** ${rationale(ctx, primary)}` },
      facts: primary.push ? [cite(primary.from, primary.push.source)] : [],
    });
    for (const f of ctx.flows.slice(1)) {
      if (f.from === primary.from && f.ingress === primary.ingress && all) continue;
      ctx.decide({
        id: `pattern:flow:${f.index}`,
        section: 'pattern',
        order: 12,
        priority: 2,
        block: { kind: 'bullet', label: `${f.from.name} → ${f.to.name}`, text: `${flowLabel(f)}. ${rationale(ctx, f)}` },
        short: { kind: 'bullet', label: `${f.from.name} → ${f.to.name}`, text: `${flowLabel(f)}.` },
        facts: f.push ? [cite(f.from, f.push.source)] : [],
      });
    }
    for (const f of ctx.flows) {
      if (f.ingress === 'webhook-assumed') {
        ctx.toConfirm(f.from.name, 'whether it can push changes (webhooks or an event export), how they are signed and how long it retries', 'push, signing and retries');
        ctx.assume(`${f.from.name} can push changes (unconfirmed)`);
      }
      // A source that only delivers every so often cannot be fresher than that: said where the latency is.
      const cadence = f.ingress === 'file' ? deliveryCadence(f.from.description) : null;
      if (cadence !== null && cadence > ctx.inputs.latencySeconds) {
        ctx.decide({
          id: `requirements:cadence:${f.index}`,
          section: 'requirements',
          order: 31,
          priority: 1,
          fixed: true,
          block: {
            kind: 'bullet',
            label: `${f.from.name} cadence`,
            text: `it delivers a file every ${durS(cadence)}, so its records cannot meet ${durS(ctx.inputs.latencySeconds)}: agree about ${durS(cadence + pickupEvery(f, cadence))} for this source, or ask ${f.from.name} for more frequent drops or an API.`,
          },
        });
        ctx.expect({
          label: `${f.from.name} delivers too rarely for the latency`,
          section: 'requirements',
          near: f.from.name,
          all: [new RegExp(durS(cadence).replace(/\s/g, '\\s*'))],
          instruction: `${f.from.name} delivers every ${durS(cadence)}: say that it cannot meet ${durS(ctx.inputs.latencySeconds)} and what to agree instead.`,
          kind: 'constraint',
        });
      }
      if (f.ingress === 'poll') {
        ctx.expect({
          label: `Polling ${f.from.name} is incremental and not fast`,
          section: 'pattern',
          near: f.from.name,
          all: [/\bpoll/i, /cursor|incremental|since|updated|watermark|delta|page token/i],
          instruction: `${f.from.name} cannot push: say that it is polled incrementally (a cursor such as updated-since) every ${durS(f.intervalSeconds ?? 300)}, as the last resort, not high-frequency polling.`,
          kind: 'mechanic',
        });
        if ((f.intervalSeconds ?? 0) > ctx.inputs.latencySeconds) {
          ctx.decide({
            id: `pattern:poll-latency:${f.index}`,
            section: 'pattern',
            order: 13,
            priority: 1,
            block: {
              kind: 'bullet',
              label: 'Latency',
              text: `polling every ${durS(f.intervalSeconds!)} cannot meet ${durS(ctx.inputs.latencySeconds)}; only push from ${f.from.name} (ask the vendor) can.`,
            },
          });
        }
      }
    }
    const pushFlows = ctx.flows.filter((f) => ['webhook', 'subscription', 'webhook-assumed', 'change-stream', 'cdc', 'consumer', 'outbox', 'object-events', 'ingest-api'].includes(f.ingress));
    if (pushFlows.length > 0) {
      ctx.expect({
        label: 'Event-driven pattern where the source pushes',
        section: 'pattern',
        near: null,
        all: [/event-driven|webhook|subscription|change data capture|consumer|outbox|change event/i],
        instruction: `Choose an event-driven pattern for ${listing([...new Set(pushFlows.map((f) => f.from.name))])}: it pushes (or holds) its changes, so polling is not needed.`,
        kind: 'mechanic',
      });
    }
  },
};

/** What the chosen pattern was preferred to, and why, from the numbers of this design. */
export const tradeOffsRule: Rule = {
  id: 'trade-offs',
  write(ctx) {
    const { latencySeconds, volumePerDay, peakFactor } = ctx.inputs;
    const kinds = new Set(ctx.flows.map((f) => f.ingress));
    const rejected: string[] = [];
    const peak = (volumePerDay / 86_400) * peakFactor;
    const tightest = ctx.loads.map((l) => l.feasibility.capacityPerSecond).filter((c): c is number => c !== null).sort((a, b) => a - b)[0];
    rejected.push(
      tightest !== undefined && peak > tightest
        ? `synchronous calls (the ${fmt(peak)}/s peak exceeds the ${fmt(tightest)}/s the limits allow; an outage would block the caller)`
        : 'synchronous calls (an outage would block the caller)',
    );
    if (!kinds.has('batch-export') && !kinds.has('file')) rejected.push(`a nightly batch (misses the ${durS(latencySeconds)} target)`);
    else rejected.push(`per-event streaming (${durS(latencySeconds)} allows batches that cost far fewer calls)`);
    if (!kinds.has('poll')) rejected.push('high-frequency polling (burns quota, adds latency)');
    if (kinds.has('request')) rejected[0] = `queue-first delivery (adds latency the ${durS(latencySeconds)} budget cannot spare; kept as the outbox fallback)`;
    ctx.decide({
      id: 'pattern:trade-offs',
      section: 'pattern',
      order: 15,
      priority: 1,
      block: { kind: 'bullet', label: 'Trade-offs', text: `preferred to ${rejected.join('; ')}.` },
    });
  },
};

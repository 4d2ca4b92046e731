import { durS, listing, literal } from '../../prose.js';
import type { PlanContext, Rule } from '../context.js';
import type { FlowPlan } from '../types.js';
import { cite, cites } from './facts.js';

/**
 * Idempotency from the business identity of each flow: the provider's event id where it has one, the source
 * position for change logs, the commit SHA for deploys, the client's key for app requests; keys kept for the
 * provider's real redelivery window plus the dead-letter retention; side effects that cannot be repeated
 * named with their guard.
 */

export const DLQ_RETENTION_DAYS = 14;
/** Redelivery window assumed when a source does not document one (a stated assumption). */
const ASSUMED_REDELIVERY_SECONDS = 3 * 86_400;
/** Destinations whose writes act in the world (money moves, a message is sent): a repeat cannot be undone. */
const ACTING_CATEGORIES = new Set(['payments', 'email', 'communications', 'messaging']);
// A data phrase is usually a noun phrase ("issues as Jira tickets"): a leading verb counts when it cannot be a
// noun, or when a determiner or a person follows it ("email the customer", "page on-call").
const ACTION = /^\s*(?:send|charge|refund|pay|notify|trigger)\b|^\s*(?:page|text|email|ship|issue|place|book)\s+(?:a|an|the|each|every|our|their|customers?|users?|on-call)\b|\b(?:send(?:ing)?|charg(?:e|ing)|refund(?:ing)?|notif(?:y|ying|ication)s?|pag(?:e|ing) (?:on-call|someone)|sms|e-?mails? to|push notifications?)\b/i;

export function actsInTheWorld(f: FlowPlan): boolean {
  if (f.to.owned || ['database', 'warehouse', 'search-index', 'object-store', 'event-stream', 'queue'].includes(f.to.kind)) return false;
  return ACTION.test(f.data) || (f.to.provider !== null && ACTING_CATEGORIES.has(f.to.provider.category));
}

function eventId(f: FlowPlan): string | null {
  const d = f.push?.delivery;
  return d?.eventIdField ?? null;
}

/**
 * The field name in a vendor's description of an event id: "event `id` (evt_…)" → "id", "X-Shopify-Event-Id
 * header" → "X-Shopify-Event-Id", "eventId; order by occurredAt" → "eventId". Null when the text names no
 * single field ("topic, partition and offset", "shard ID + sequence number"): the key then comes from the record.
 */
function clean(field: string): string | null {
  const first = field.split(/[;]/)[0]!;
  // Fields that identify an event together ("pspReference + eventCode of each item") make one key.
  const parts = first.replace(/\([^)]*\)/g, '').split(/\s+\+\s+/);
  if (parts.length > 1) {
    const names = parts.map((p) => /\b([a-z]+[A-Z][A-Za-z]*|[a-z]+_[a-z_]+)\b/.exec(p)?.[1]);
    if (names.every(Boolean)) return names.join('}:{');
  }
  const code = /`([^`]+)`/.exec(first);
  if (code) return code[1]!;
  const header = /\bX-[A-Za-z0-9-]+|\b[A-Z][a-z]+(?:-[A-Z][a-z]+)+\b/.exec(first);
  if (header) return header[0];
  if (/[,+]|\band\b/.test(first)) return null;
  // A field inside the payload ("NotificationMetadata.NotificationId").
  const path = /\b[A-Za-z]+(?:\.[A-Za-z]+)+\b/.exec(first);
  if (path) return path[0];
  const token = /\b([a-z]+[A-Z][A-Za-z]*|[a-z]+_[a-z_]+)\b/.exec(first);
  if (token) return token[1]!;
  const named = /\b([a-z]+) id\b/i.exec(first);
  if (named) return `${named[1]!.toLowerCase()}_id`;
  return /\bid\b/.test(first) ? 'id' : null;
}

/** What a change log calls its position: "replay_id", "lsn", "resume_token" … */
export function positionName(replay: string | null): string {
  const r = replay ?? '';
  if (/replay[ _-]?id/i.test(r)) return 'replay_id';
  if (/\blsn\b/i.test(r)) return 'lsn';
  if (/resume token/i.test(r)) return 'resume_token';
  if (/gtid|binlog/i.test(r)) return 'binlog_position';
  if (/sequence/i.test(r)) return 'sequence_number';
  if (/offset/i.test(r)) return 'offset';
  return 'source_position';
}

/** The key template for one flow. */
export function keyFor(ctx: PlanContext, f: FlowPlan): string {
  const directional = f.bidirectional || ctx.flows.filter((g) => g.from === f.from).length > 1;
  const prefix = directional ? `${f.from.slug}->${f.to.slug}` : f.from.slug;
  const e = f.entity.replace(/\s+/g, '_');
  const pushedId = (f.ingress === 'webhook' || f.ingress === 'subscription') && eventId(f) ? clean(eventId(f)!) : null;
  if (pushedId) return `${prefix}:{${pushedId}}`;
  // A deploy or build is one per commit and environment, whichever event reports it ("#builds" is a channel).
  if (/\b(?:deploy\w*|commits?|pushes|builds?|releases?)\b/i.test(f.data.replace(/#[\w-]+/g, ''))) return `${prefix}:{commit_sha}:{environment}`;
  // A scheduled export into a file drop writes files, not records: the file is what must land once. Its name comes
  // from the run (the export's date and its part number), so a rerun writes the same name and is recognised.
  if (f.egress === 'file-write' && (f.ingress === 'batch-export' || f.ingress === 'poll')) return `${prefix}:{export_date}:{part}`;
  switch (f.ingress) {
    case 'webhook':
    case 'subscription':
      return `${prefix}:{${e}_id}:{${e}.updated_at}`;
    case 'change-stream':
    case 'cdc':
      return `${prefix}:{${e}_id}:{${positionName(f.push && 'replay' in f.push ? f.push.replay : null)}}`;
    case 'consumer': {
      // A log position changes when a producer retries; an id the producer puts in the record does not.
      const id = eventId(f) ? clean(eventId(f)!) : null;
      return id ? `${prefix}:{${id}}` : `${prefix}:{${e}_id}:{event_id set by the producer}`;
    }
    case 'outbox':
      return `${prefix}:{outbox_id}`;
    case 'request':
      return `${prefix}:{request_id}`;
    case 'ingest-api':
      return f.from.kind === 'client-app'
        ? `${prefix}:{client Idempotency-Key (a UUID the app makes once per action)}`
        : `${prefix}:{caller_id}:{Idempotency-Key (else the ${e}'s own id)}`;
    case 'file':
    case 'object-events':
      return `${prefix}:{file sha256}:{row}`;
    default:
      return `${prefix}:{${e}_id}:{${e}.updated_at}`;
  }
}

export const idempotencyRule: Rule = {
  id: 'idempotency',
  shape(ctx) {
    for (const f of ctx.flows) f.key = keyFor(ctx, f);
    const windows = ctx.flows
      .filter((f) => f.from.kind === 'saas-api' || f.push)
      .map((f) =>
        f.push?.type === 'consumer' || f.push?.type === 'change-stream'
          ? (f.push.retentionSeconds ?? 0)
          : (f.push?.delivery?.redeliveryWindowSeconds ?? (f.from.kind === 'saas-api' ? ASSUMED_REDELIVERY_SECONDS : 0)),
      );
    const longest = Math.max(ASSUMED_REDELIVERY_SECONDS, ...windows);
    ctx.set('keyRetentionDays', Math.ceil(longest / 86_400) + DLQ_RETENTION_DAYS);
  },
  write(ctx) {
    const days = ctx.get<number>('keyRetentionDays');
    const keys = [...new Set(ctx.flows.map((f) => `\`${f.key}\``))];
    const windows: string[] = [];
    const facts = [];
    for (const f of ctx.flows) {
      if ((f.push?.type === 'consumer' || f.push?.type === 'change-stream') && f.push.retentionSeconds) {
        const text = `${f.from.name} keeps ${durS(f.push.retentionSeconds)} that a reset can replay`;
        if (!windows.includes(text)) windows.push(text);
        continue;
      }
      const d = f.push?.delivery;
      if (!d) continue;
      if (d.eventIdSource && f.key.includes(clean(d.eventIdField ?? '') ?? '\u0000')) facts.push(cite(f.from, d.eventIdSource));
      const w = d.redeliveryWindowSeconds;
      const text = w === 0 ? `${f.from.name} does not redeliver` : w ? `${f.from.name} redelivers for ${durS(w)}` : null;
      if (text && !windows.includes(text)) {
        windows.push(text);
        facts.push(cite(f.from, d.source));
      }
      if (w === null && f.from.kind === 'saas-api') ctx.toConfirm(f.from.name, 'how long it keeps redelivering failed events', 'redelivery window');
    }
    const idemHeaders = [...new Set(ctx.flows.filter((f) => f.to.provider?.writes.idempotencyKey?.supported).map((f) => f.to))];
    const headerText = idemHeaders
      .map((s) => {
        const k = s.provider!.writes.idempotencyKey!;
        facts.push(cite(s, k.source));
        if (!k.header) return `${s.name} dedupes on its own field too: ${k.note ? k.note.split(/;\s*/)[0] : 'see its documentation'}`;
        return `${s.name} also gets it as \`${k.header}\`${k.retentionSeconds ? ` (kept ${durS(k.retentionSeconds)}, so older replays rely on our store)` : ''}`;
      })
      .join('; ');
    const text =
      `${keys.length > 1 ? 'keys' : 'key'} ${listing(keys)}, the same on every attempt and replay, claimed in a \`processed_keys\` table (unique; a stale in-progress claim expires) ` +
      `and kept ${days} days (${windows.length > 0 ? `${listing(windows)}, ` : ''}plus ${DLQ_RETENTION_DAYS} days of DLQ).` +
      (headerText ? ` ${headerText}.` : '');
    ctx.decide({
      id: 'idempotency',
      section: 'resilience',
      order: 30,
      priority: 1,
      block: { kind: 'paragraph', text: `**Idempotency:** ${text}` },
      short: {
        kind: 'paragraph',
        text: `**Idempotency:** ${keys.length > 1 ? 'keys' : 'key'} ${listing(keys)}, reused on every attempt and replay, claimed in a unique \`processed_keys\` table, kept ${days} days.${headerText ? ` ${headerText}.` : ''}`,
      },
      // Last resort for long multi-destination designs: the destinations' own dedupe is detail the keys already cover.
      ...(headerText
        ? { minimal: { kind: 'paragraph' as const, text: `**Idempotency:** ${keys.length > 1 ? 'keys' : 'key'} ${listing(keys)}, reused on every attempt and replay, claimed in a unique \`processed_keys\` table, kept ${days} days.` } }
        : {}),
      facts: cites(...facts),
    });
    ctx.expect({
      label: 'Idempotency key from the business identity',
      section: 'resilience',
      near: null,
      all: [/idempoten/i, literal(/\{([^}\s(]+)/.exec(ctx.flows[0]!.key)?.[1] ?? ctx.flows[0]!.entity)],
      instruction: `Define the idempotency key from the flow's identity: ${listing(keys)}, reused across retries and replays, kept ${days} days.`,
      kind: 'mechanic',
    });
    for (const f of ctx.flows) {
      if (!actsInTheWorld(f) || f.to.provider?.writes.idempotencyKey?.supported) continue;
      ctx.decide({
        id: `idempotency:side-effect:${f.index}`,
        section: 'resilience',
        order: 31,
        priority: 1,
        block: {
          kind: 'paragraph',
          text: `**Not idempotent at ${f.to.name}:** ${f.data} cannot be taken back. Record the intent (key + status) before the call; after a timeout, look the result up by our reference before any retry; never retry blind.`,
        },
      });
      ctx.expect({
        label: `Guard for the non-idempotent side effect at ${f.to.name}`,
        section: 'resilience',
        near: f.to.name,
        all: [/before (?:any |the )?retr|look (?:it |the result )?up|intent|reference/i],
        instruction: `${f.data} at ${f.to.name} is a side effect that cannot be repeated: record the intent first and check by reference before retrying after a timeout.`,
        kind: 'mechanic',
      });
    }
  },
};

import { durS, fmt, plural } from '../../prose.js';
import type { PlanContext, Rule } from '../context.js';
import type { EgressKind, FlowPlan, SystemPlan } from '../types.js';
import { cite, cites } from './facts.js';
import { actsInTheWorld } from './idempotency.js';

/**
 * How each flow writes to its destination, from what the destination is and what its vendor documents: an
 * upsert by external id where one exists, a guarded create where none is documented, a bulk or batch endpoint
 * only where the vendor documents one (batching is never invented), and each kind's own write path otherwise.
 */

/** Records per bulk call when a vendor documents bulk writes without a maximum (a stated assumption). */
const DEFAULT_BULK_RECORDS = 200;

function decideEgress(ctx: PlanContext, f: FlowPlan): Pick<FlowPlan, 'egress' | 'batchSize' | 'destinationCallsPerEvent'> {
  const dst = f.to;
  const writes = dst.provider?.writes;
  const bulkIngress = ['batch-export', 'file', 'object-events'].includes(f.ingress);
  switch (dst.kind) {
    case 'database':
      return { egress: 'db-upsert', batchSize: bulkIngress ? 500 : 1, destinationCallsPerEvent: 1 };
    case 'event-stream':
      return { egress: 'stream-produce', batchSize: 1, destinationCallsPerEvent: 1 };
    case 'queue':
      return { egress: 'queue-send', batchSize: 1, destinationCallsPerEvent: 1 };
    case 'warehouse':
      return { egress: 'warehouse-load', batchSize: Math.max(1, Math.round((ctx.inputs.volumePerDay / 86_400) * microBatchSeconds(ctx))), destinationCallsPerEvent: 1 };
    case 'search-index':
      return { egress: 'search-bulk', batchSize: 500, destinationCallsPerEvent: 1 };
    case 'object-store':
      return { egress: 'object-write', batchSize: Math.max(1, Math.round((ctx.inputs.volumePerDay / 86_400) * microBatchSeconds(ctx))), destinationCallsPerEvent: 1 };
    case 'file-drop':
      return { egress: 'file-write', batchSize: Math.max(1, Math.round((ctx.inputs.volumePerDay / 86_400) * microBatchSeconds(ctx))), destinationCallsPerEvent: 1 };
    case 'client-app':
      return { egress: 'app-notify', batchSize: 1, destinationCallsPerEvent: 1 };
    case 'internal-service':
    case 'api-gateway': {
      // "there's a bulk endpoint that takes up to 500 SKUs per call": batch loads use it.
      const stated = statedBulk(dst.description);
      return { egress: 'service-call', batchSize: stated && bulkIngress ? stated.records : 1, destinationCallsPerEvent: 1 };
    }
    case 'saas-api': {
      const bulk = bulkFor(f);
      if (bulkIngress && bulk) return { egress: 'api-bulk', batchSize: bulk.maxRecords ?? DEFAULT_BULK_RECORDS, destinationCallsPerEvent: 1 };
      if (upsertFor(f)) return { egress: 'api-upsert', batchSize: 1, destinationCallsPerEvent: 1 };
      // The destination dedupes on a key we send (an event's messageId, a dedup_key): no mapping needed.
      if (writes?.idempotencyKey?.supported) return { egress: 'api-keyed', batchSize: 1, destinationCallsPerEvent: 1 };
      // A text or an email is not a record to upsert: it is sent once, guarded by the intent we record first.
      if (actsInTheWorld(f)) return { egress: 'api-send', batchSize: 1, destinationCallsPerEvent: 1 };
      // No documented upsert: a map of our id → theirs makes every write one call (update by the stored id, or
      // create and record the id), without a lookup per event.
      return { egress: 'api-create-guarded', batchSize: 1, destinationCallsPerEvent: 1 };
    }
  }
}

const HALF_LOADED = /\bnever see a half-loaded set\b/i;

/** How a destination takes a whole new set at once, by what it is. */
function swapFor(dst: SystemPlan): string {
  const name = `${dst.name} ${dst.description}`;
  if (/\bredis\b/i.test(name)) return 'load each snapshot under a new versioned key prefix (features:v{n}:…), then switch readers with one write to a pointer key (SET current = v{n}); delete the old version after a grace period';
  if (dst.kind === 'search-index') return 'index each snapshot into a new index, then move the read alias to it in one atomic alias update; drop the old index after a grace period';
  if (dst.kind === 'warehouse' || dst.kind === 'database') return 'load each snapshot into a new table, then swap it in with one atomic rename (or a view switch) inside a transaction; keep the previous table for rollback';
  if (dst.kind === 'object-store') return 'write each snapshot under a new version prefix, then publish it by rewriting one pointer object (or manifest) last';
  return 'load each snapshot as a new version beside the live one and switch readers to it in one step (a pointer, alias or rename), keeping the previous version for rollback';
}

/** A bulk endpoint the person described for a service ("bulk endpoint: up to 500 SKUs per call"): records per call and what they are. */
export function statedBulk(description: string): { records: number; unit: string } | null {
  const m = /\bbulk endpoint: up to (\d[\d,]*) ([a-z-]+) per call/i.exec(description);
  const n = m ? Number(m[1]!.replace(/,/g, '')) : NaN;
  return Number.isFinite(n) && n > 1 ? { records: n, unit: m![2]! } : null;
}

/** Warehouse, object and file writes go in micro-batches: half the latency budget, at least a minute, at most 15. */
export function microBatchSeconds(ctx: PlanContext): number {
  return Math.min(900, Math.max(60, Math.round(ctx.inputs.latencySeconds / 2)));
}

/**
 * The destination's documented bulk endpoint, when it covers what this flow writes: an endpoint that names
 * other objects (".../users/create_many" for tickets) does not.
 */
export function bulkFor(f: FlowPlan): NonNullable<NonNullable<FlowPlan['to']['provider']>['writes']['bulk']> | null {
  const bulk = f.to.provider?.writes.bulk;
  if (!bulk?.supported) return null;
  // A path with a placeholder for the object ("/objects/{objectType}/batch") serves every object.
  if (/\{(?:object|type|entity|table|sobject|record)/i.test(bulk.endpoint ?? '')) return bulk;
  const objects = [...(bulk.endpoint ?? '').toLowerCase().matchAll(/\/([a-z_]+?)s?\//g)].map((m) => m[1]!).filter((w) => !['api', 'v1', 'v2', 'v3', 'services', 'rest', 'record', 'data', 'composite', 'sobject', 'batch', 'bulk', 'jobs', 'job'].includes(w));
  if (objects.length > 0 && !objects.some((o) => o.startsWith(f.targetEntity) || f.targetEntity.startsWith(o))) return null;
  return bulk;
}

/**
 * The destination's documented upsert, when it applies to what this flow writes: an upsert documented for
 * another object ("attachment url + issueId (attachments only)", "productSet: …") does not.
 */
export function upsertFor(f: FlowPlan): NonNullable<NonNullable<FlowPlan['to']['provider']>['writes']['upsert']> | null {
  const upsert = f.to.provider?.writes.upsert;
  if (!upsert?.supported || !upsert.key) return upsert?.supported ? upsert : null;
  const object =
    /\(([a-z]+?)s? only\)/i.exec(upsert.key)?.[1] ?? /^([a-z]+)(?:Set|Upsert|Create)\b/.exec(upsert.key)?.[1] ?? /^([a-z]+) (?:url|uri)\b/i.exec(upsert.key)?.[1];
  if (object && !f.targetEntity.startsWith(object.toLowerCase()) && !object.toLowerCase().startsWith(f.targetEntity)) return null;
  return upsert;
}

/** Switches a flow to the destination's documented bulk endpoint, if it has one. Used when limits require it. */
export function useBulk(f: FlowPlan, neededBatch: number): boolean {
  const bulk = bulkFor(f);
  if (!bulk) return false;
  f.egress = 'api-bulk';
  f.batchSize = Math.max(2, Math.min(bulk.maxRecords ?? DEFAULT_BULK_RECORDS, neededBatch));
  f.destinationCallsPerEvent = 1;
  return true;
}

/** The write in a few words, for a document over its length. */
function brief(f: FlowPlan): string | null {
  const dst = f.to.name;
  switch (f.egress) {
    case 'api-create-guarded':
      return `no documented upsert (confirm): before creating, look for an existing record in a mapping table of our id → ${dst}'s id, serialised per ${f.targetEntity}`;
    case 'api-upsert': {
      const k = upsertFor(f)?.key;
      // "users: email or external_id" names the object first; the key follows it.
      if (!k) return 'upsert by an external id';
      const example = /\(e\.g\. ([^,)]+)/.exec(k)?.[1];
      return `upsert by ${k.replace(/^[a-z]+s:\s+/, '').split(/\s+\(|;\s|:\s/)[0]}${example ? ` (e.g. ${example})` : ''}`;
    }
    case 'api-send':
      return `send each once; ${dst} documents no deduplication key, so the intent record below is the guard`;
    case 'api-keyed': {
      const k = f.to.provider?.writes.idempotencyKey;
      return k?.header ? `send each ${f.targetEntity} with our key as \`${k.header}\`` : null;
    }
    default:
      return null;
  }
}

function describe(ctx: PlanContext, f: FlowPlan): { text: string; facts: ReturnType<typeof cites> } {
  const dst = f.to;
  const w = dst.provider?.writes;
  const e = f.targetEntity;
  // The key's name without the vendor's explanation ("idProperty: a property with unique values (e.g. …)").
  const key = (k: string | null | undefined) => (k ? k.split(/\s+\(|;\s/)[0]! : 'an external-id field');
  const text: Record<EgressKind, () => string> = {
    'api-upsert': () => `upsert each ${e} by ${key(w?.upsert?.key)} (a repeat updates, never duplicates)`,
    'api-keyed': () =>
      `send each ${e} with our key as ${dst.name}'s deduplication key (${w?.idempotencyKey?.header ? `\`${w.idempotencyKey.header}\`` : (w?.idempotencyKey?.note ?? 'see its documentation').split(/;\s*/)[0]}), so a repeat is recognised${bulkFor(f) ? `; batch through ${bulkFor(f)!.endpoint ?? 'its batch endpoint'} when a backlog builds${bulkFor(f)!.note ? ` (${bulkFor(f)!.note!.split(/;\s*/)[0]})` : ''}` : ''}`,
    'api-create-guarded': () =>
      `${dst.name} documents no upsert (confirm): keep a mapping table of our ${e} id → ${dst.name}'s id, and check it for an existing record before creating; update by the stored id, or create and store the new id in the same step; writes per ${e} are serialised so two workers never create it twice`,
    'api-send': () =>
      `send each ${/\b(?:sms|mms|texts?|messages?)\b/i.test(f.data) ? 'message' : /\be-?mails?\b/i.test(f.data) ? 'email' : e} once: ${dst.name} documents no deduplication key (confirm), so the intent record below is the only guard against a second send`,
    'api-bulk': () =>
      `${f.batchSize} ${plural(e)} per call through ${w?.bulk?.endpoint ?? 'the bulk endpoint'}${w?.bulk?.async ? ' (an asynchronous job: submit, poll for completion, fetch per-record results, retry only failed rows)' : ''}${upsertFor(f) ? `, upserting by ${key(upsertFor(f)!.key)}` : ''}`,
    'db-upsert': () => {
      // Key-value and document stores write by key; only SQL databases get INSERT … ON CONFLICT.
      const what = `${dst.name} ${dst.description} ${dst.provider?.name ?? ''}`;
      const per = f.batchSize > 1 ? `${f.batchSize} ${plural(e)}` : e;
      if (/\bredis\b/i.test(what)) return `\`HSET\`/\`SET\` by the ${e} key in pipelined batches of ${f.batchSize > 1 ? f.batchSize : 100} (a write by key is idempotent), with the source version stored beside the value`;
      if (/\bmongo/i.test(what)) return `\`bulkWrite\` upserts by \`_id\` = ${e} id, ${per} per call, guarded by the source version`;
      if (/\bdynamo/i.test(what)) return `\`PutItem\` with a condition on the stored version (or \`BatchWriteItem\`, 25 items per call), keyed by ${e} id`;
      if (/\bcosmos/i.test(what)) return `upsert by id (\`x-ms-documentdb-is-upsert\`), guarded by the source version`;
      return `\`INSERT … ON CONFLICT (source_id) DO UPDATE\` (or the database's MERGE) in one transaction per ${f.batchSize > 1 ? `${f.batchSize} rows` : e}, guarded by the source version`;
    },
    'stream-produce': () => `produce to a topic keyed by ${e} id (per-key order), with the idempotent producer on and acks=all`,
    'queue-send': () => `send with a deduplication id of the ${e} key; consumers still dedupe (delivery is at least once)`,
    'warehouse-load': () =>
      `micro-batches every ${durS(microBatchSeconds(ctx))} (about ${fmt(f.batchSize)} rows): stage a file, load it, then \`MERGE\` into the target on the ${e} key, so a re-run never duplicates`,
    'search-bulk': () => `bulk-index up to ${f.batchSize} documents (a few MB) per request with \`_id\` = ${e} id and an external version, so replays overwrite instead of duplicating`,
    'object-write': () => {
      // The layout the person asked for ("stored as Parquet, partitioned by hour"), else a date partition.
      const layout = /stored as ([\w ]+?)(?:, partitioned by ([\w /,]+?))?(?:;|$)/.exec(dst.description);
      const store = dst.provider ? '' : /\b(?:S3|GCS|Azure Blob|ADLS)\b/i.exec(dst.description)?.[0];
      const partition = layout?.[2] ? `${layout[2]} partitions (e.g. \`dt=YYYY-MM-DD/${/hour/.test(layout[2]) ? 'hour=HH/' : ''}\`)` : 'a date partition';
      return `write one ${layout ? `${layout[1]} ` : ''}object per micro-batch (every ${durS(microBatchSeconds(ctx))})${store ? ` to ${store}` : ''} under a deterministic key (${partition} + batch id) with a checksum; a manifest lists complete batches`;
    },
    'file-write': () =>
      `write each batch to a temporary name, then rename when complete; a manifest (or .done marker) with row count and SHA-256 tells the reader the file is whole`,
    'service-call': () =>
      f.batchSize > 1
        ? `its bulk endpoint, ${fmt(f.batchSize)} ${statedBulk(dst.description)?.unit ?? plural(e)} per call, each call with an \`Idempotency-Key\` (the run id + batch number) that the service stores with the result, so a rerun repeats nothing`
        : `call its API with an \`Idempotency-Key\` header (the ${e} key) that the service stores with the result`,
    'app-notify': () => `notify devices through the platform push service; the app then fetches the ${e} from our API (the push carries no data)`,
  };
  return {
    text: text[f.egress](),
    facts: cites(
      w?.upsert && f.egress === 'api-upsert' ? cite(dst, w.upsert.source) : null,
      f.egress === 'api-bulk' ? cite(dst, w?.bulk?.source) : null,
      f.egress === 'api-keyed' ? cite(dst, w?.idempotencyKey?.source) : null,
    ),
  };
}

export const egressRule: Rule = {
  id: 'egress',
  shape(ctx) {
    for (const f of ctx.flows) Object.assign(f, decideEgress(ctx, f));
  },
  write(ctx) {
    const seen = new Set<string>();
    for (const f of ctx.flows) {
      const { text, facts } = describe(ctx, f);
      const dedupe = `${f.to.slug}:${f.egress}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      ctx.decide({
        id: `egress:${f.index}`,
        section: 'pattern',
        order: 20,
        priority: 1,
        block: { kind: 'bullet', label: `Writes to ${f.to.name}`, text: `${text}.` },
        ...(brief(f) ? { short: { kind: 'bullet' as const, label: `Writes to ${f.to.name}`, text: `${brief(f)}.` } } : {}),
        facts,
      });
      // Readers must never see a half-loaded set: each load goes in beside the live one and replaces it in one step.
      if (HALF_LOADED.test(f.to.description)) {
        ctx.decide({ id: `egress:swap:${f.index}`, section: 'pattern', order: 21, priority: 1, fixed: true, block: { kind: 'bullet', label: `Switching ${f.to.name} to a new load`, text: `${swapFor(f.to)}.` } });
        ctx.expect({
          label: `${f.to.name} is never read half-loaded`,
          section: 'pattern',
          near: f.to.name,
          all: [/alias|pointer|rename|swap|switch/i],
          instruction: `Readers of ${f.to.name} must never see a half-loaded set: load beside the live set and switch in one step.`,
          kind: 'constraint',
        });
      }
      if (f.egress === 'api-create-guarded') ctx.toConfirm(f.to.name, `whether it offers an upsert by an external id for ${plural(f.entity)}`, 'upsert');
      if (f.to.kind === 'saas-api' && f.to.provider && f.to.provider.writes.bulk === null && f.egress !== 'api-bulk') {
        ctx.toConfirm(f.to.name, 'whether a bulk or batch write endpoint exists (none is documented, so none is used)', 'bulk endpoint');
      }
      if (f.egress === 'api-bulk' && f.to.provider?.writes.bulk?.maxRecords == null) ctx.assume(`${f.to.name} bulk calls of ${f.batchSize} records (maximum not documented)`);
    }
    // Batching only where the destination documents it.
    for (const f of ctx.flows) {
      if (f.to.kind !== 'saas-api' || f.egress === 'api-bulk') continue;
      ctx.prohibit({
        label: `No invented batching for ${f.to.name}`,
        near: f.to.name,
        context: /\b(?:writes?|calls?|requests?|upserts?|per call|per request)\b/i,
        pattern: /\b(?:\d+|several|multiple) (?:records?|rows?|items?|objects?|events?) per (?:call|request)\b|\bbatch(?:es|ed)? of \d+/i,
        instruction: `${f.to.name} documents no bulk or batch write${f.to.provider?.writes.bulk?.supported === false ? '' : ' that this design relies on'}: write one ${f.entity} per call; do not promise batching it does not have.`,
      });
    }
  },
};

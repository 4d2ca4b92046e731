import { capitalize, durS, fmt, listing } from '../../prose.js';
import type { PlanContext, Rule } from '../context.js';
import type { FlowPlan } from '../types.js';
import { microBatchSeconds } from './egress.js';
import { positionName } from './idempotency.js';
import { timeoutsOf } from './retry.js';
import { cite, cites } from './facts.js';

/** The first clause of a vendor statement, for compact prose. */
function firstClause(text: string): string {
  return text.split(/;\s*/)[0]!.replace(/\.$/, '');
}

/** How to fetch what a thin notification points at, in the vendor's words without asides; its first clause when long. */
function followUpText(followUp: string): string {
  const plain = followUp.replace(/\s*\([^)]*\)/g, '').replace(/\.$/, '');
  // Sentences, not ";": a shortened bullet keeps everything before its first ";".
  return plain.split(/\s+/).length > 22 ? firstClause(plain) : plain.replace(/;\s*(\w)/g, (_m, c: string) => `. ${c.toUpperCase()}`);
}

/**
 * The mechanics each source and destination needs to work at all: answering within the provider's ack
 * timeout, renewing subscriptions before they expire, the validation handshake, a full resync when a sync token
 * or replay window runs out, fetching the object after a thin notification, extending a message's ack deadline,
 * watching a replication slot, verifying files — and, on the write side, each kind's own way of landing data.
 */

interface Mechanic {
  text: string;
  /** Essential wording that must not be shortened for length. */
  fixed?: boolean;
  failure?: [string, string, string];
  expect?: { all: RegExp[]; instruction: string };
  /** The vendor page behind a fact the mechanic states, when it is not the push mechanism's own. */
  source?: string;
  /** What must survive shortening, when that is more than the first clause. */
  short?: string;
}

function ingressMechanics(ctx: PlanContext, f: FlowPlan): Mechanic[] {
  const out: Mechanic[] = [];
  const src = f.from.name;
  const p = f.push;
  const d = p?.delivery;
  switch (f.ingress) {
    case 'webhook': {
      const ack = d?.ackTimeoutSeconds;
      const window = d?.redeliveryWindowSeconds;
      const retries = window === 0 ? `${src} does not redeliver` : window ? `${src} retries for ${durS(window)}` : null;
      const failing = d?.onPersistentFailure ? `; ${firstClause(d.onPersistentFailure)} (alert on it)` : '';
      out.push({
        text: `answer within ${ack ? durS(ack) : 'a second or two'}${ack ? ` (${src}'s timeout)` : ''}: verify, enqueue, 2xx; the work happens after.${retries ? ` ${retries}${failing}.` : failing ? ` ${capitalize(failing.slice(2))}.` : ''}`,
        // Whether the vendor redelivers decides how much rests on reconciliation: it stays when shortened.
        ...(retries ? { short: `answer within ${ack ? durS(ack) : 'a second or two'}${ack ? ` (${src}'s timeout)` : ''}: verify, enqueue, 2xx. ${retries}.` } : {}),
        failure: [
          'Receiver down or slow',
          'health check, 5xx rate',
          `${d?.redeliveryWindowSeconds === 0 ? `${src} will not redeliver: the daily reconciliation re-reads` : `${src} redelivers${d?.redeliveryWindowSeconds ? ` for ${durS(d.redeliveryWindowSeconds)}` : ''}; reconciliation closes gaps`}${d?.onPersistentFailure ? ` (${firstClause(d.onPersistentFailure)}: re-enable it)` : ''}`,
        ],
        ...(ack ? { expect: { all: [new RegExp(`\\b${ack}\\s*(?:s|sec|seconds?)\\b|${durS(ack)}`, 'i')], instruction: `${src} times out deliveries after ${durS(ack)}: answer within it and do the work asynchronously.` } } : {}),
      });
      if (p?.payload === 'thin' && f.coalesced) {
        const how = f.from.provider?.reads.incremental?.method;
        out.push({
          text: `notifications are thin, and one fetch per notification would exceed ${src}'s read limits: coalesce them — collect the changed ids and read those changes together every ${durS(f.intervalSeconds ?? 300)}${how ? ` (${how})` : ''}.`,
          fixed: true,
          expect: { all: [/coalesc|together|collect/i], instruction: `${src}'s notifications are thin and per-notification fetches exceed its limits: coalesce them into one incremental read per interval.` },
        });
      } else if (p?.payload === 'thin') {
        out.push({
          text: `notifications are thin, and each one costs a read counted in ${src}'s limits: ${followUpText(p.followUp ?? 'fetch the object by id')}.`,
          expect: { all: [/fetch|read|get|retrieve/i], instruction: `${src}'s notifications carry no data: fetch the object after each one (${p.followUp ?? 'by id'}) and budget those reads.` },
        });
      }
      break;
    }
    case 'subscription': {
      if (p?.type !== 'subscription') break;
      const life = p.maxLifetimeSeconds;
      const parts = [
        life ? `subscriptions last at most ${durS(life)}: a scheduler renews each at 75% of its lifetime and re-creates any that lapsed` : 'subscriptions expire: renew each before its expiry (read it from the subscription) and re-create any that lapsed',
      ];
      if (p.validation) parts.push(`creation handshake: ${firstClause(p.validation)}`);
      if (p.lifecycleEvents) parts.push(`handle lifecycle events (${firstClause(p.lifecycleEvents).replace(/^to [^:]+:\s*/, '')})`);
      if (p.payload === 'thin') parts.push(`notifications are thin, so fetch the change: ${followUpText(p.followUp ?? 'read it by id')}`);
      if (p.resync) parts.push(`when the cursor expires: ${firstClause(p.resync)}`);
      if (p.note) parts.push(p.note);
      if (p.delivery?.ackTimeoutSeconds) parts.push(`answer within ${durS(p.delivery.ackTimeoutSeconds)} (202, then work from the queue)`);
      out.push({
        fixed: true,
        text: `${parts.join('; ')}.`,
        failure: ['Subscription expired or removed', 'time to expiry, missing notifications', p.resync ? `re-create; ${p.resync}` : 're-create and run a full resync'],
        expect: { all: [/renew/i, /expir|lifetime/i], instruction: `${src}'s subscriptions expire${life ? ` (at most ${durS(life)})` : ''}: renew them before expiry, handle the validation handshake, and resync when the cursor expires.` },
      });
      break;
    }
    case 'change-stream': {
      if (p?.type !== 'change-stream') break;
      const r = p.retentionSeconds;
      out.push({
        // A follow-up on a full-payload stream is the exception the vendor documents (Salesforce's gap events).
        text: `store the ${positionName(p.replay).replace(/_/g, ' ')} after each processed event and resume from it${r ? `; events are kept ${durS(r)}, so a longer stop needs a full resync` : ''}${p.followUp ? `; ${p.payload === 'thin' ? 'events are thin: ' : ''}${firstClause(p.followUp)}` : ''}${p.note ? `; ${p.note.replace(/\.$/, '')}` : ''}.`,
        failure: ['Subscriber down longer than retention', 'replay position age', 'full resync from the source, then resume'],
        ...(r ? { expect: { all: [/replay|resume|position/i, new RegExp(durS(r).replace(/\s/g, '\\s*'), 'i')], instruction: `${src} keeps change events for ${durS(r)}: store the replay position and plan a full resync for longer gaps.` } } : {}),
      });
      break;
    }
    case 'cdc':
      out.push({
        text: `${f.from.provider?.id === 'postgresql' ? 'set wal_level=logical and give the connector a replication slot; ' : ''}alert on replication lag and on how much change log the connector holds back${f.from.provider?.id === 'postgresql' ? ' (an idle slot keeps WAL until the disk fills: cap it with max_slot_wal_keep_size)' : ''}; start with a consistent snapshot, then stream.`,
        fixed: true,
        failure: ['Connector stopped', 'replication lag, retained log (WAL/binlog) size', 'resume from the stored position; cap retained log so the disk never fills; snapshot again if the log was purged'],
        expect: { all: [/lag|retain|wal|binlog|slot|log/i], instruction: `Change data capture from ${src} holds back the database's change log while it is down: monitor replication lag and the retained log, and say how to recover (resume, or snapshot again).` },
      });
      break;
    case 'consumer': {
      const c = p?.type === 'consumer' ? p : null;
      const ack = c?.ackDeadlineSeconds;
      const stream = f.from.kind === 'event-stream';
      const parts: string[] = [];
      if (c?.name) parts.push(c.name);
      if (c?.delivery?.note) parts.push(c.delivery.note.replace(/\.$/, ''));
      else if (ack) parts.push(stream ? `a consumer that does not poll within ${durS(ack)} leaves the group and its partitions move` : `a message not acknowledged within ${durS(ack)} is delivered again`);
      const requestSeconds = timeoutsOf(ctx).requestMs / 1000;
      if (ack && !stream && requestSeconds >= ack / 2) parts.push(`calls may take up to ${durS(requestSeconds)}, so raise the ${durS(ack)} deadline well above that (or extend it per message while a call runs)`);
      parts.push(`${stream ? 'commit offsets (the checkpoint)' : 'acknowledge'} only after the write succeeded`);
      if (c?.replay) parts.push(`resume or replay: ${firstClause(c.replay)}`);
      parts.push(`lag is the buffer during an outage${c?.retentionSeconds ? ` (kept ${durS(c.retentionSeconds)}, which must exceed the longest outage)` : ''}`);
      if (c?.deadLetter) parts.push(`poison messages: ${firstClause(c.deadLetter)}`);
      // The short form keeps what the checks need (the deadline) and the rule that makes it safe.
      const brief = [
        ...(ack ? [stream ? `poll within ${durS(ack)} or leave the group` : `acknowledge within ${durS(ack)} or it is redelivered`] : []),
        `${stream ? 'commit offsets' : 'acknowledge'} only after the write succeeded`,
        `lag is the outage buffer${c?.retentionSeconds ? ` (kept ${durS(c.retentionSeconds)})` : ''}`,
      ];
      out.push({
        text: `${parts.join('; ')}.`,
        short: `${brief.join('; ')}.`,
        fixed: true,
        failure: ['Consumer lag grows', 'lag, oldest message age', 'scale workers up to the destination budget; alert before retention is reached'],
        ...(ack ? { expect: { all: [new RegExp(`${durS(ack).replace(/\s/g, '\\s*')}|${ack}\\s*s`, 'i')], instruction: `${src} redelivers or rebalances after ${durS(ack)}: say how the consumer stays within it.` } } : {}),
      });
      break;
    }
    case 'outbox':
      out.push({ text: 'the relay publishes outbox rows in commit order, marks them sent, and deletes them after 7 days; a unique outbox id dedupes republishing.' });
      break;
    case 'file':
      out.push({
        text: 'take a file only when its manifest (or .done marker) is present; verify row count and SHA-256; a file seen before (same checksum) is skipped; bad files go to quarantine with an alert; processed files are archived.',
        failure: ['Partial or duplicate file', 'checksum or row count mismatch', 'quarantine and alert; reprocess when complete'],
        expect: { all: [/checksum|sha-?256|manifest/i], instruction: `Files from ${src} must be verified (manifest, row count, checksum) before loading and deduplicated by checksum.` },
      });
      // EDI interchanges carry their own identity and expect an answer from the receiver.
      if (/\b(?:EDI|X12|EDIFACT)\b/i.test(f.data)) {
        out.push({
          text: 'X12 interchanges: validate the envelope (ISA/GS/ST) and dedupe on the sender id + interchange control number (ISA13); answer each functional group with a 997 (or 999) acknowledgement, rejecting what fails validation so the partner resends.',
          failure: ['Partner resends an interchange', 'the same sender id + ISA13 seen before', 'acknowledge again, load nothing twice'],
          expect: { all: [/\b99[79]\b|acknowledg/i, /ISA13|control number/i], instruction: `EDI files from ${src}: dedupe on the interchange control number and send 997/999 acknowledgements.` },
        });
      }
      break;
    case 'object-events':
      out.push({ text: 'notifications are at least once and can arrive late: dedupe on object key + ETag, and list the prefix daily to catch any missed object.' });
      break;
    case 'request':
      out.push({ text: `the synchronous call gets one fast retry within the ${durS(ctx.inputs.latencySeconds)} budget; after that only the outbox worker retries, so nothing multiplies.` });
      break;
    case 'ingest-api': {
      if (f.from.kind === 'client-app') {
        out.push({ text: 'the app retries with the same Idempotency-Key (kept on the device until acknowledged, also offline); the API answers 202 with a status URL.' });
        // Large files never go through the API: the app uploads them straight to object storage, resumably.
        if (/\b(?:photos?|images?|pictures?|videos?|attachments?|pdfs?|scans?|recordings?|media|files?)\b/i.test(f.data)) {
          out.push({
            text: 'photos and other files go up separately: the API returns a presigned, resumable (multipart) upload URL to object storage per file, keyed by the file\'s client-generated id; the record references the object keys and is accepted only once every file is stored.',
            expect: { all: [/presigned|resumable|multipart/i], instruction: `Files from ${src} go straight to object storage with presigned, resumable uploads, separately from the records.` },
          });
        }
        break;
      }
      const t = f.from.provider?.callTimeout;
      out.push({
        text: `callers retry with the same Idempotency-Key; the API validates, stores, enqueues and answers 202 with nothing downstream in the request path${t ? `, well inside ${src}'s ${durS(t.seconds)} ${/integration timeout/i.test(t.label) ? 'integration timeout' : 'request timeout'}` : ''}.`,
        ...(t ? { source: t.source, expect: { all: [new RegExp(`\\b${t.seconds}\\s*s\\b|${t.seconds}-second`, 'i')], instruction: `${src} cuts requests after ${durS(t.seconds)}: answer 202 well within it, doing the work from the queue.` } } : {}),
      });
      break;
    }
    case 'batch-export':
    case 'poll':
      out.push({ text: `keep the high-water mark after each committed page; re-read a ${durS(Math.min(300, (f.intervalSeconds ?? 300) / 2))} overlap to catch late commits (dedupe drops repeats); jitter each run.` });
      break;
    case 'webhook-assumed':
      break;
  }
  if (f.downloads) {
    out.push({
      text: `the event names the file but does not carry it: download it by id (one more read per event, counted in ${src}'s limits) and stream it to ${f.to.name}; queue messages carry only the id, never the bytes.`,
      expect: { all: [/download|fetch|retriev/i], instruction: `${src}'s events do not carry the file: download it per event (counted in ${src}'s limits) and keep bytes out of queue messages.` },
    });
  }
  return out;
}

function egressMechanics(ctx: PlanContext, f: FlowPlan): Mechanic[] {
  const dst = f.to.name;
  switch (f.egress) {
    case 'stream-produce':
      return [{ text: `topic retention must exceed the longest consumer outage; partitions ≥ the consumers' parallelism.` }];
    case 'warehouse-load': {
      const loads = Math.round(86_400 / microBatchSeconds(ctx));
      return [{ text: `${fmt(loads)} loads a day; check ${dst}'s load and DML quotas (confirm), and compact small files.` }];
    }
    case 'search-bulk':
      return [
        {
          text: `read each item's status in the bulk response and retry only failed items; on 429 (queue full) pause all indexing and resume with backoff; relax the refresh interval during backfills.`,
          expect: { all: [/bulk/i, /pause|back ?off|429|reject/i], instruction: `Index into ${dst} with the bulk API, retry only failed items, and pause and resume on 429 rejections.` },
        },
      ];
    case 'db-upsert':
      return [{ text: `size the worker pool below ${dst}'s connection limit; each transaction checks the stored version before writing.` }];
    case 'object-write':
    case 'file-write':
      return [{ text: 'readers see only complete batches (written under a temporary name or multipart, then committed); the manifest is written last.' }];
    case 'api-bulk':
      return f.to.provider?.writes.bulk?.async ? [{ text: `bulk jobs run asynchronously: poll each job until done, then retry only the failed records by key.` }] : [];
    default:
      return [];
  }
}

export const mechanicsRule: Rule = {
  id: 'mechanics',
  write(ctx) {
    const seen = new Set<string>();
    for (const f of ctx.flows) {
      const items = [
        ...ingressMechanics(ctx, f).map((m) => ({ m, system: f.from, side: 'in' })),
        ...egressMechanics(ctx, f).map((m) => ({ m, system: f.to, side: 'out' })),
      ];
      for (const { m, system, side } of items) {
        const id = `mechanics:${system.slug}:${side}:${m.text.slice(0, 40)}`;
        if (seen.has(id)) continue;
        seen.add(id);
        ctx.decide({
          id,
          section: 'pattern',
          order: 30,
          priority: m.expect || m.fixed ? 1 : 2,
          ...(m.fixed ? { fixed: true } : {}),
          block: { kind: 'bullet', label: `${system.name}${side === 'in' ? '' : ' writes'}`, text: m.text },
          ...(m.short ? { short: { kind: 'bullet' as const, label: `${system.name}${side === 'in' ? '' : ' writes'}`, text: m.short } } : {}),
          facts: cites(side === 'in' && f.push ? cite(system, f.push.source) : null, m.source ? cite(system, m.source) : null),
        });
        if (m.failure) ctx.decide({ id: `failure:${id}`, section: 'failure-modes', order: 30, priority: 1, block: { kind: 'row', cells: m.failure } });
        if (m.expect) ctx.expect({ label: `${system.name} mechanics`, section: 'any', near: system.name, all: m.expect.all, instruction: m.expect.instruction, kind: 'mechanic' });
      }
    }
    const pushes = ctx.flows.filter((f) => f.from.kind === 'saas-api' && ['webhook', 'subscription', 'change-stream', 'webhook-assumed', 'consumer'].includes(f.ingress));
    if (pushes.length > 0) {
      const sources = [...new Set(pushes.map((f) => f.from))];
      const how = sources.map((s) => `${s.name}${s.provider?.reads.incremental ? ` (${s.provider.reads.incremental.method})` : ''}`);
      // Where no redelivery of a day or more is documented, reconciliation is the only net under a lost event.
      const onlyNet = pushes.some((f) => (f.push?.delivery?.redeliveryWindowSeconds ?? 0) < 86_400 && f.push?.type !== 'change-stream');
      ctx.decide({
        id: 'mechanics:reconciliation',
        section: 'pattern',
        order: 35,
        priority: onlyNet ? 1 : 2,
        block: { kind: 'bullet', label: 'Reconciliation', text: `once a day, list what changed in ${listing(how)} since the last run and replay anything missing through the same idempotent path.` },
        short: {
          kind: 'bullet',
          label: 'Reconciliation',
          text: `daily, read what changed since the last run (${listing(sources.map((s) => `${s.name}${s.provider?.reads.incremental ? `: ${s.provider.reads.incremental.method.split(/[,(;]/)[0]!.split(/\s+/).slice(0, 5).join(' ').trim()}` : ''}`))}); replay what is missing.`,
        },
        facts: cites(...sources.map((s) => (s.provider?.reads.incremental ? cite(s, s.provider.reads.incremental.source) : null))),
      });
    }
  },
};

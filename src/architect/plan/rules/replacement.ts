import type { PlanContext, Rule } from '../context.js';

/**
 * Replacing a fragile integration: each symptom the person reports gets its root cause and the part of this
 * design that removes it, and the cut-over from today's setup is planned (side by side, backfill, switch,
 * rollback). Causes come from what the words report (a 429, a duplicate after a rerun, a half-written file,
 * statuses going backwards …), never invented: an unrecognised symptom is named with what to check.
 */

interface Diagnosis {
  /** What the person's words report. */
  symptom: RegExp;
  cause: string;
  /** How this design removes it; may use the plan (the key, the limiter, the queue). */
  fix: (ctx: PlanContext) => string;
  /** Words the document must then say, so the fix is not lost for length. */
  says: RegExp;
  /** Only when today's setup and this design match (a polling job replaced by pushed events). */
  when?: (ctx: PlanContext) => boolean;
}

const PUSHED: ReadonlySet<string> = new Set(['webhook', 'webhook-assumed', 'subscription', 'change-stream', 'cdc', 'outbox', 'object-events']);
/** Today's job polls and this design no longer does: the cause and the fix both follow from that. */
const pollingReplaced = (ctx: PlanContext) => /\bpoll(?:s|ed|ing)?\b|\bevery\s+\d+\s*(?:s|sec|seconds?|m|mins?|minutes?)\b/i.test(ctx.raw.today?.setup ?? '') && ctx.flows.some((f) => PUSHED.has(f.ingress));

const key = (ctx: PlanContext) => `\`${ctx.flows[0]?.key ?? 'idempotency key'}\``;

/** In order: the first match explains a symptom (specific causes before general ones). */
const DIAGNOSES: Diagnosis[] = [
  {
    symptom: /\bload\s+jobs?\b|quota\s+exceeded.*(?:imports?|appends?)/i,
    cause: 'one load job per table per run spends the daily load-job quota',
    fix: () => 'loads go in micro-batches counted against the quota, never one job per change',
    says: /micro-?batch|quota/i,
  },
  {
    symptom: /\b429s?\b|rate[\s-]?limit|too\s+many\s+requests|throttl/i,
    when: pollingReplaced,
    cause: 'polling on a timer spends the API budget whether or not anything changed, and each catch-up after a busy spell bursts past the limit',
    fix: (ctx) => `${ctx.flows.find((f) => PUSHED.has(f.ingress))?.from.name ?? 'the source'} pushes each change, so nothing polls; the calls that remain share one limiter with \`Retry-After\` honoured`,
    says: /nothing polls|webhook|push/i,
  },
  {
    symptom: /missing|missed|never\s+(?:show|arriv|appear)|\blost\b|go(?:es)?\s+missing|dropp|\bskip(?:s|ped|ping)?\b/i,
    when: pollingReplaced,
    cause: 'a poll that stops at the first page, or whose cursor moves to "now" instead of the last record read, skips what changed in between, most of all under load',
    fix: () => 'every change is pushed and queued before it is acknowledged, and a daily reconciliation by last-modified time catches anything a delivery missed',
    says: /reconcil/i,
  },
  {
    symptom: /\b429s?\b|rate[\s-]?limit|too\s+many\s+requests|throttl/i,
    cause: "calls go out as fast as the job can make them, with nothing sharing the provider's limit",
    fix: (ctx) => `one limiter shared by all workers sized to the limit, \`Retry-After\` honoured, and every retry carrying the same key (${key(ctx)})`,
    says: /429|rate[\s-]?limit|retry-after/i,
  },
  {
    symptom: /\bdeletes?\s+the\s+\S+\s+(?:message\s+)?as\s+soon\s+as|\backs?\s+before/i,
    cause: 'the message is deleted before the write it stands for succeeded, so a crash or deploy loses it',
    fix: () => 'a message is deleted only after the write succeeded; a failing one returns and ends in the DLQ',
    says: /delete\w*[^.\n]{0,60}only\s+after|only\s+after\s+the\s+write/i,
  },
  {
    symptom: /\bdeleted\b[^.]*\bnever\s+disappear|\bdeletes?\s+(?:are\s+)?(?:never|not)\b|hard\s+deletes?/i,
    cause: 'a query on updated_at cannot see rows that were deleted',
    fix: () => 'change data capture reads deletes from the database log and applies them as tombstones',
    says: /\bCDC\b|change data capture|tombstone/i,
  },
  {
    symptom: /\bupdates?\s+go\s+missing|updated\s+while\s+the\s+query/i,
    cause: 'a timestamp watermark skips rows committed after the query read past them',
    fix: () => 'positions in the change log (binlog/LSN) replace timestamps, so no committed change is skipped',
    says: /binlog|\bLSN\b|change log/i,
  },
  {
    symptom: /\btwice\b|duplicat|double[d\s-]|same\s+(?:file|usage|order|event)\s+(?:twice|again)/i,
    cause: 'a retry or rerun repeats work that already happened, and nothing recognises it',
    fix: (ctx) => `every write carries an idempotency key (${key(ctx)}), claimed before the call, so a rerun skips what is done${ctx.flows.some((f) => f.ingress === 'file') ? '; files are recognised by checksum' : ''}`,
    says: /idempot|checksum/i,
  },
  {
    symptom: /\bbackwards\b|out\s+of\s+order|older\s+status|after\s+it\s+was/i,
    cause: 'parallel workers apply changes in the order they finish, not the order they happened',
    fix: () => 'a change applies only when its version is newer than the stored one, so a status never moves backwards',
    says: /version|newer|backwards/i,
  },
  {
    symptom: /half[\s-](?:written|uploaded)|partial\s+(?:file|data)|picks?\s+up\s+(?:a|the)\s+half/i,
    cause: 'files are read before the writer has finished them',
    fix: () => 'only complete files load: a manifest or .done marker with row count and checksum, loaded in one transaction',
    says: /manifest|\.done|checksum/i,
  },
  {
    symptom: /wrong\s+for\s+(?:days|weeks)|(?:out\s+of|not\s+in)\s+sync\s+for/i,
    cause: 'nothing compares the two sides, so what was lost stays wrong until someone notices',
    fix: () => 'a daily reconciliation compares both sides (counts and checksums per day) and replays the differences',
    says: /reconcil/i,
  },
  {
    symptom: /\bzeroed\b|wrong\s+prices/i,
    cause: 'a bad file is applied without a sanity check',
    fix: () => 'each load is validated (row count, share of values changed) into a staging table before it replaces the live data',
    says: /validat|staging|sanity/i,
  },
  {
    symptom: /\betimedout\b|time[ds]?\s?outs?|timed\s+out|\b504\b|\bslow\b/i,
    cause: 'calls have no bound on time or on how many run at once, so they pile up against a slow or limited service',
    fix: (ctx) => `timeouts of ${Math.round(ctx.get<{ requestMs: number }>('timeouts').requestMs / 100) / 10} s from the latency budget, a bulkhead on concurrent calls and the circuit breaker${ctx.flows.some((f) => f.ingress === 'ingest-api') ? '; callers get 202 at once and the work continues from the queue' : ''}`,
    says: /time-?outs?|bulkhead|semaphore|202/i,
  },
  {
    symptom: /es_rejected|rejected\s+execution|thread\s?pool/i,
    cause: 'more bulk requests arrive at once than the index queue holds, and they are rejected',
    fix: () => 'bulk requests are bounded in number and size, with backoff on rejections',
    says: /bulk|back ?off/i,
  },
  {
    symptom: /\blags?\b|lagging|falls?\s+(?:way\s+)?behind|backlog|stale/i,
    cause: 'the consumer writes slower than the peak arrives',
    fix: () => 'writes are batched and sized for the peak, with lag watched and alerted on',
    says: /lag|batch/i,
  },
  {
    symptom: /poison|malformed|same\s+batch\s+over\s+and\s+over|stall|stuck/i,
    cause: 'one bad record blocks its partition while retries repeat it',
    fix: () => 'a record that keeps failing goes to the dead-letter queue after the last attempt, so the rest flows on',
    says: /dead-?letter|\bDLQ\b/i,
  },
  {
    symptom: /aged\s+out|retention/i,
    cause: "the stream's retention ran out before the consumer caught up",
    fix: () => 'lag alerts fire well inside the retention, and a resync path rebuilds what expired',
    says: /retention|resync/i,
  },
  {
    symptom: /\bdisk\b|\bWAL\b|replication\s+slot/i,
    cause: 'a replication slot nobody reads keeps WAL until the disk fills',
    fix: () => 'slot lag is alerted on and WAL kept per slot is capped (max_slot_wal_keep_size)',
    says: /WAL|slot/i,
  },
  {
    symptom: /overflow|hit\s+the\s+cap|dropped\s+the\s+oldest|max[\s-]?length/i,
    cause: 'a bounded queue with a drop policy discards work while the consumer is down',
    fix: () => 'the queue is durable and sized for the outage, with publisher confirms and no dropping; a reconciliation repairs anything lost',
    says: /durable|publisher confirm|reconcil/i,
  },
  {
    symptom: /drift|log\s+and\s+move\s+on|dual[\s-]?write/i,
    cause: 'two writes in one request: when the second fails, the systems diverge',
    fix: (ctx) => `${ctx.flows[0]?.to.name ?? 'the second system'} is fed from an outbox or the change log after the commit (deletes too), retried until done, and a reconciliation repairs drift`,
    says: /outbox|change log|CDC|reconcil/i,
  },
  {
    symptom: /missing|missed|never\s+(?:show|arriv|appear)|\blost\b|go(?:es)?\s+missing|dropp|\bskip(?:s|ped|ping)?\b/i,
    cause: 'failures are swallowed: a record that fails once is never retried or reported',
    fix: () => 'failed records retry, then land in the dead-letter queue with an alert, and a daily reconciliation finds any gap',
    says: /dead-?letter|reconcil/i,
  },
  {
    symptom: /silently|nobody\s+(?:notices|noticed|knows)|no\s+one\s+notice|before\s+anyone\s+noticed|until\s+(?:someone|finance|the\s+end)/i,
    cause: 'nothing watches the job, so failures are seen only in their effects',
    fix: () => 'alerts on success rate, oldest message, lag and dead-letter depth page someone within minutes',
    says: /alert/i,
  },
];

function short(symptom: string): string {
  const words = symptom.replace(/\s+/g, ' ').trim().split(' ');
  return words.length > 14 ? `${words.slice(0, 14).join(' ')}…` : words.join(' ');
}

export const replacementRule: Rule = {
  id: 'replacement',
  write(ctx) {
    const today = ctx.raw.today;
    if (!today) return;
    const seen = new Set<Diagnosis>();
    const lines: string[] = [];
    for (const symptom of today.symptoms) {
      // One diagnosis per trouble: the first that fits today's setup explains it.
      const found = DIAGNOSES.filter((d) => d.symptom.test(symptom) && !seen.has(d) && (!d.when || d.when(ctx)))
        .filter((d, k, all) => all.findIndex((o) => o.symptom.source === d.symptom.source) === k)
        .slice(0, 2);
      if (found.length === 0) {
        lines.push(`"${short(symptom)}": cause not clear from the report; the new path's logs and alerts will show it.`);
        continue;
      }
      for (const d of found) {
        seen.add(d);
        // One report, two troubles ("we keep hitting 429s and missed orders"): each is quoted with its own cause.
        const part = found.length > 1 ? symptom.split(/[,;]|\s+(?:and|but|plus)\s+/).find((x) => d.symptom.test(x))?.trim().replace(/[.!]+$/, '') : undefined;
        lines.push(`"${short(part || symptom)}": ${d.cause}; here ${d.fix(ctx)}.`);
        ctx.expect({
          label: `Today's "${short(symptom)}" is removed`,
          section: 'any',
          near: null,
          all: [d.says],
          instruction: `The person reports "${symptom}": name its cause (${d.cause}) and how the new design removes it (${d.fix(ctx)}).`,
          kind: 'constraint',
        });
      }
    }
    lines.forEach((text, i) => {
      // The cause and its fix are the point of the line: only a design that cannot fit otherwise drops the cause.
      const [head, fix] = text.split('; here ');
      ctx.decide({
        id: `replacement:symptom:${i}`,
        section: 'pattern',
        order: 11,
        priority: 1,
        fixed: true,
        block: { kind: 'bullet', label: i === 0 ? 'Replacing today' : null, text },
        ...(fix ? { short: { kind: 'bullet' as const, label: i === 0 ? 'Replacing today' : null, text: `${head!.split('": ')[0]}": ${fix}` } } : {}),
      });
    });
    ctx.decide({
      id: 'replacement:migration',
      section: 'pattern',
      order: 12,
      priority: 1,
      fixed: true,
      block: {
        kind: 'bullet',
        label: 'Migration',
        text: 'run the new path side by side with today\'s (its writes to a shadow target, counts compared daily), backfill what the old one missed, cut over per flow behind a switch, and keep the old job stoppable for rollback until a week of clean comparisons.',
      },
      short: { kind: 'bullet', label: 'Migration', text: 'side by side with today\'s path, backfill, cut over per flow behind a switch, old job kept for rollback.' },
    });
    ctx.expect({
      label: 'A migration path from today\'s setup',
      section: 'any',
      near: null,
      all: [/side by side|cut[\s-]?over|rollback|shadow/i],
      instruction: 'The design replaces a running integration: give the migration path (side by side, backfill, cut-over, rollback).',
      kind: 'mechanic',
    });
    ctx.decide({ id: 'replacement:checklist', section: 'checklist', order: 45, priority: 1, block: { kind: 'step', text: 'Cut over from today\'s setup flow by flow after a week of matching counts; keep the old job ready to switch back.' } });
  },
};

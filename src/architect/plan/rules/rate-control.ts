import type { LimitSpec } from '../../calculators/limits.js';
import { bytes, dur, durS, fmt, listing, numberPattern, plural, rate } from '../../prose.js';
import type { PlanContext, Rule } from '../context.js';
import type { EffectiveLimit, SystemLoad } from '../types.js';
import { ASSUMED_CALL_MS } from './load.js';
import { OUR_SHARE } from '../limits.js';
import { cite, cites } from './facts.js';

/**
 * Limits in the document: each system's binding limits in Requirements with what we may use of them and what
 * we need, the client-side controls in Error handling (token bucket, bulkhead, cost budget, daily quota
 * guard), the per-system table, and a plain statement when the volume cannot fit.
 */

function specNumber(spec: LimitSpec): number | null {
  switch (spec.type) {
    case 'rate':
      return spec.requests;
    case 'concurrency':
      return spec.max;
    case 'points':
      return spec.restorePerSecond;
    case 'quota':
      return spec.amount;
    case 'unknown':
      return null;
  }
}

function capacityPhrase(ctx: PlanContext, l: EffectiveLimit): string {
  if (!l.per) return keyPhrase(ctx, l, l.capacity);
  const total = l.capacity.sustainedPerSecond;
  return `per ${l.per.noun}, ${keyPhrase(ctx, l, l.perKey)}; × ${fmt(l.per.count)} ${plural(l.per.noun)}${total !== null ? ` = ${rate(total)} in all` : ''}`;
}

/** A limit that is a fixed compute size ("X-Small warehouse"), not a rate anyone publishes. */
const COMPUTE_SIZE = /\b(?:warehouse|cluster|instance|compute)\b/i;

/** The part of a limit we plan to spend: all of a share set aside for us, else 80% (room for other clients). */
function share(l: EffectiveLimit): number {
  return l.scope === OUR_SHARE ? 1 : 0.8;
}

/** What we may use of a limit, in a few words. */
function briefCapacity(ctx: PlanContext, l: EffectiveLimit): string {
  const c = l.capacity;
  const per = l.per ? ` over ${fmt(l.per.count)} ${plural(l.per.noun)}` : '';
  switch (l.spec.type) {
    case 'concurrency': {
      const latency = ctx.inputs.callLatencyMs ?? ASSUMED_CALL_MS;
      const full = l.spec.type === 'concurrency' ? (l.spec.max * 1000) / latency : null;
      return `${l.perKey.permits} permits${l.per ? ` per ${l.per.noun}` : ''} ≈ ${rate(c.sustainedPerSecond!)} at ${dur(latency)} a call${full ? ` (the limit itself: ${rate(full * (l.per?.count ?? 1))})` : ''}`;
    }
    case 'quota':
      return `${fmt(c.dailyCapacity! * share(l))} calls/day budget${per}`;
    case 'unknown':
      return COMPUTE_SIZE.test(l.label) ? 'measure a day\'s load on it' : 'size unknown';
    default:
      return `${rate(c.sustainedPerSecond!)} usable${per}`;
  }
}

function keyPhrase(ctx: PlanContext, l: EffectiveLimit, c: EffectiveLimit['capacity']): string {
  switch (l.spec.type) {
    case 'rate':
      return l.scope === OUR_SHARE ? `our share, used in full: ${rate(c.sustainedPerSecond!)}` : `we use 80%: ${rate(c.sustainedPerSecond!)}`;
    case 'concurrency': {
      const latency = (ctx.inputs.callLatencyMs ?? ASSUMED_CALL_MS) / 1000;
      const full = l.spec.type === 'concurrency' ? l.spec.max / latency : null;
      return `a bulkhead of ${c.permits} permits; at ${dur(latency * 1000)} a call that carries ${rate(c.sustainedPerSecond!)} (Little's law: permits ÷ latency${full ? `; the limit itself, ${rate(full)}` : ''})`;
    }
    case 'points':
      return `at ${fmt(c.costPerCall!)} point${c.costPerCall === 1 ? '' : 's'} a call${l.spec.costPerCall === null ? ' (assumed; read the real cost from each response)' : ''}, ${rate(c.sustainedPerSecond!)} sustained, bursts of ${fmt(c.burst!)} calls`;
    case 'quota':
      return l.scope === OUR_SHARE ? `our share, used in full: ${fmt(c.dailyCapacity!)} calls a day` : `we budget 80%: ${fmt(c.dailyCapacity! * 0.8)} calls a day`;
    case 'unknown':
      // A fixed compute size caps throughput without a published figure: it is measured, not asked for.
      return COMPUTE_SIZE.test(l.label) ? 'no request figure: measure a full day\'s load on that size in staging before go-live' : 'its size is not known';
  }
}

function verdict(load: SystemLoad, ctx: PlanContext): string {
  const f = load.feasibility;
  const need = `need ${rate(f.peakPerSecond)} at the ${fmt(ctx.inputs.peakFactor)}× peak, ${fmt(load.callsPerDay)} calls/day${load.reads > 0 && load.writes > 0 ? ` (${fmt(load.writes)} writes, ${fmt(load.reads)} reads)` : ''}`;
  if (f.capacityPerSecond === null) return `${need}.`;
  if (!f.fitsDaily) return `${need}: **does not fit** (${fmt(f.dailyOverload!)}× the capacity).`;
  if (!f.fitsPeak) {
    return `${need}: fits the day; the queue absorbs peaks.`;
  }
  return `${need}: fits.`;
}

function limitLine(ctx: PlanContext, load: SystemLoad): string {
  const name = load.system.name;
  if (load.incidental) return `${name}: only ${fmt(load.callsPerDay)} reads a day (reconciliation), far inside its documented limits.`;
  if (load.limits.length === 0) {
    // Our own database or broker with no product named ("our pricing DB") has no vendor to ask: its capacity is ours.
    const ours = load.system.owned || load.system.provider?.generic || (!load.system.provider && ['database', 'queue', 'event-stream'].includes(load.system.kind));
    if (ours) return `${name}: no vendor rate limit (our capacity); ${verdict(load, ctx)}`;
    return `${name}: no limit stated or documented for these calls (confirm with the vendor); ${verdict(load, ctx)}`;
  }
  const parts = load.limits.map((l) => `${l.label} (${l.origin}) → ${capacityPhrase(ctx, l)}`);
  return `${name}: ${parts.join('; ')}; ${verdict(load, ctx)}`;
}

function control(ctx: PlanContext, load: SystemLoad): string | null {
  const name = load.system.name;
  // A gateway in front of us throttles our callers, not our calls: share its allowance out per caller.
  if (load.system.kind === 'api-gateway' && load.writes === 0) {
    return `**${name}:** a usage plan per caller (API key) with its own rate, burst and daily quota, so one caller cannot spend the account-wide throttle; throttled callers get 429 and retry with backoff and the same Idempotency-Key.`;
  }
  const parts: string[] = [];
  if (load.bucket) {
    parts.push(
      load.bucket.per
        ? `one token bucket per ${load.bucket.per}, shared by all workers (refill ${rate(load.bucket.refillPerSecond)}, capacity ${fmt(load.bucket.capacity)} each)`
        : `one token bucket shared by all workers (refill ${rate(load.bucket.refillPerSecond)}, capacity ${fmt(load.bucket.capacity)})`,
    );
  }
  if (load.permits !== null) {
    parts.push(
      load.permitsPer
        ? `a semaphore of ${load.permits} permits per ${load.permitsPer}, keyed by its id, around every call (a bulkhead per ${load.permitsPer}: one busy ${load.permitsPer} never starves the others)`
        : `a semaphore of ${load.permits} permits around every call (a bulkhead: the ${load.permits + 1}th call waits, it is never sent)`,
    );
  }
  const points = load.limits.find((l) => l.spec.type === 'points');
  if (points) parts.push('each call charged its real cost from the response before the next is sent');
  const quota = load.limits.find((l) => l.spec.type === 'quota');
  if (quota) parts.push(`a daily counter that alerts at 80% and pauses non-urgent work at 95% of ${fmt(quota.capacity.dailyCapacity!)}`);
  const throttles = load.system.provider?.throttling !== null && load.system.provider?.throttling !== undefined;
  const unknown =
    load.limits.some((l) => l.spec.type === 'unknown') ||
    (load.limits.length === 0 && !load.system.owned && ((!load.system.provider?.generic && load.system.kind === 'saas-api') || throttles));
  if (unknown) parts.push(`an adaptive limit: start at the ${rate(load.feasibility.peakPerSecond)} we need, halve it on each 429, add 10% a minute while calls succeed`);
  if (parts.length === 0) return null;
  const t = load.system.provider?.throttling;
  const watch = t?.headers.find((h) => !/retry-after/i.test(h));
  const signal = t ? ` Throttled: ${throttleSignal(t.signal)}${t.retryAfterHeader ? '; wait for `Retry-After`' : ''}${watch ? `; watch \`${watch}\`` : ''}.` : '';
  // What the vendor does with work over the limit, when that loses it ("still queued after 10 hours fails"):
  // our queue, not the vendor's, must hold the backlog.
  const losses = [...new Set(load.limits.flatMap((l) => noteClauses(l.note, CONSEQUENCE)))];
  const loss = losses.length > 0 ? ` Never push past the limit into ${name}'s own queue: ${listing(losses)}.` : '';
  return `**${name}:** ${listing(parts)}.${signal}${loss}`;
}

export const rateControlRule: Rule = {
  id: 'rate-control',
  write(ctx) {
    for (const load of ctx.loads) {
      const facts = cites(...load.limits.map((l) => (l.source ? cite(load.system, l.source) : null)), load.system.provider?.throttling ? cite(load.system, load.system.provider.throttling.source) : null);
      const short =
        load.limits.length > 0 && !load.incidental
          ? `${load.limits.map((l) => `${l.label} (${l.origin}) → ${briefCapacity(ctx, l)}`).join('; ')}: ${load.feasibility.fitsDaily ? 'fits' : '**does not fit**'}.`
          : null;
      ctx.decide({
        id: `limits:${load.system.slug}`,
        section: 'requirements',
        order: 40,
        priority: load.incidental ? 2 : 1,
        block: { kind: 'bullet', label: `${load.system.name} limits`, text: limitLine(ctx, load).slice(load.system.name.length + 2) },
        ...(short ? { short: { kind: 'bullet' as const, label: `${load.system.name} limits`, text: short } } : {}),
        ...(short
          ? { minimal: { kind: 'bullet' as const, label: `${load.system.name} limits`, text: `${load.limits.map((l) => l.label.replace(/\s*\([^)]*\)/g, '')).join('; ')}: ${load.feasibility.fitsDaily ? 'fits' : '**does not fit**'}.` } }
          : {}),
        facts,
      });
      if (load.incidental) continue;
      const text = control(ctx, load);
      if (text) {
        const t = load.system.provider?.throttling;
        const signal = t ? ` Throttled: ${throttleSignal(t.signal)}.` : '';
        const per = (noun: string | null) => (noun ? ` per ${noun}` : '');
        const short =
          load.system.kind === 'api-gateway' && load.writes === 0
            ? text
            : load.permits !== null
            ? `**${load.system.name}:** a semaphore of ${load.permits} permits${per(load.permitsPer)}.${signal}`
            : load.bucket
              ? `**${load.system.name}:** a shared token bucket${per(load.bucket.per)}, ${rate(load.bucket.refillPerSecond)}, capacity ${fmt(load.bucket.capacity)}.${signal}`
              : text;
        ctx.decide({ id: `rate-control:${load.system.slug}`, section: 'resilience', order: 40, priority: 1, block: { kind: 'paragraph', text }, short: { kind: 'paragraph', text: short }, facts });
      }
      for (const l of load.limits) {
        // The number as the person or the vendor wrote it ("900 points per minute"), else the spec's.
        const written = /\d[\d,]*(?:\.\d+)?/.exec(l.label)?.[0];
        const n = written ? Number(written.replace(/,/g, '')) : specNumber(l.spec);
        if (n === null) continue;
        ctx.expect({
          label: `${load.system.name}'s ${l.spec.type} limit is stated where it belongs`,
          section: 'any',
          near: load.system.name,
          all: [numberPattern(n), /limit|allow|quota|concurren|in flight|per (?:second|minute|hour|day)|\/(?:s|min|h|day)\b|calls|requests|points/i],
          instruction: `On ${load.system.name}'s line (in Requirements), give its ${l.spec.type} limit "${l.label}" (${l.origin}) and size the design against it.`,
          kind: l.origin === 'stated' ? 'constraint' : 'fact',
        });
      }
      if (load.permits !== null) {
        ctx.expect({
          label: `${load.system.name}'s concurrency limit is enforced with a bulkhead`,
          section: 'resilience',
          near: load.system.name,
          all: [/semaphore|bulkhead|permits|in flight|concurren/i, new RegExp(`\\b${load.permits}\\b`), ...(load.permitsPer ? [new RegExp(`per ${load.permitsPer}`, 'i')] : [])],
          instruction: `${load.system.name} limits requests in flight: put a semaphore (bulkhead) of ${load.permits} permits in front of it and derive throughput from permits ÷ call latency.`,
          kind: 'constraint',
        });
      }
      if (load.limits.some((l) => l.spec.type === 'unknown' && !COMPUTE_SIZE.test(l.label))) ctx.toConfirm(load.system.name, 'the size of its rate limit (stated as unknown)', 'limit size');
      if (load.limits.length === 0 && load.system.kind === 'saas-api' && !load.system.owned) ctx.toConfirm(load.system.name, 'the rate limits that apply to these calls', 'rate limits');
    }
    const over = ctx.loads.filter((l) => !l.feasibility.fitsDaily);
    if (over.length > 0) {
      ctx.set('infeasible', over);
      for (const load of over) {
        ctx.decide({
          id: `infeasible:${load.system.slug}`,
          section: 'requirements',
          order: 41,
          priority: 1,
          block: { kind: 'bullet', label: 'Cannot fit', text: `${load.system.name}: ${fmt(load.callsPerDay)} calls a day are ${fmt(load.feasibility.dailyOverload!)}× what its limits allow. Options: ${listing(options(ctx, load), 'or')}.` },
        });
      }
    }
    const destinations = ctx.loads.filter((l) => l.backlog && l.breaker);
    if (destinations.length > 0) {
      ctx.decide({
        id: 'rate-control:table',
        section: 'resilience',
        order: 45,
        priority: 2,
        block: {
          kind: 'table',
          header: ['Destination', 'Budget', 'Control', 'Breaker window', `${durS(ctx.inputs.outageSeconds)} outage backlog`],
          rows: destinations.map((l) => [
            l.system.name,
            l.feasibility.capacityPerSecond === null ? 'not known' : rate(l.feasibility.capacityPerSecond),
            l.permits !== null ? `${l.permits} permits` : l.bucket ? `${fmt(l.bucket.capacity)} tokens` : 'adaptive',
            `${durS(l.breaker!.slidingWindowSeconds)}, ≥ ${l.breaker!.minimumCalls} calls`,
            `${fmt(l.backlog!.messages)} msgs (${bytes(l.backlog!.bytes)}), queue ${fmt(l.backlog!.queueCapacity)}, ${Number.isFinite(l.backlog!.drainSeconds) ? `drains in ${durS(Math.max(60, Math.ceil(l.backlog!.drainSeconds / 60) * 60))}` : 'never drains at this limit'}`,
          ]),
        },
      });
    }
  },
};

/** The vendor's throttling signal up to its first clause, parentheticals dropped. */
function throttleSignal(signal: string): string {
  return signal.split(/;\s*/)[0]!.replace(/\s*\([^)]*\)/g, '').trim();
}

const REMEDY = /\b(?:spreads?|raised?|increase[sd]?|upgrade|higher|several|more \w+ (?:numbers|senders|shards|partitions))\b/i;
const CONSEQUENCE = /\b(?:fails?|rejected|dropped|expires?|lost|discarded|deleted)\b/i;

/** Clauses of a vendor note that match a pattern, parentheticals dropped. */
function noteClauses(note: string | null, pattern: RegExp): string[] {
  if (!note) return [];
  return note
    .split(/;\s*/)
    .map((c) => c.replace(/\s*\([^)]*\)/g, '').replace(/\.$/, '').trim())
    .filter((c) => pattern.test(c));
}

/** What can be done when the volume does not fit: only options that exist for this system. */
function options(ctx: PlanContext, load: SystemLoad): string[] {
  const p = load.system.provider;
  const out: string[] = [];
  // Texts, emails and payments each have to happen: they cannot be aggregated or sampled.
  const acting = ctx.flows.some((f) => f.to === load.system && f.egress === 'api-send');
  if (p?.writes.bulk?.supported) out.push(`more records per call through ${p.writes.bulk.endpoint ?? 'its bulk endpoint'}`);
  if (!acting) out.push('send aggregates (per entity per interval) instead of every event');
  if (p?.writes.bulk?.supported && p.writes.bulk.async) out.push('a nightly file import of the full set');
  // A limit per sender, queue or warehouse: more of them carry more, in the number the volume needs.
  const funnel = load.limits.find((l) => l.funnel);
  if (funnel) out.push(`spread the load over at least ${Math.ceil(load.feasibility.dailyOverload! * 1.25)} ${plural(funnel.funnel!)}`);
  // The vendor's own way out, where its note on the limit names one ("a Messaging Service with several senders").
  for (const l of load.limits) for (const clause of noteClauses(l.note, REMEDY)) if (!out.includes(clause)) out.push(clause);
  if (!funnel) out.push(`buy or negotiate a higher limit with ${load.system.provider?.name ?? load.system.name}`);
  out.push(acting ? 'narrow the audience to the sends that must happen' : 'filter or sample to the events the destination really needs');
  return out;
}

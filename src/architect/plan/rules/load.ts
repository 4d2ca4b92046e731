import { computeBacklog } from '../../calculators/backlog.js';
import { deriveBreakerSettings } from '../../calculators/breaker.js';
import { checkFeasibility } from '../../calculators/limits.js';
import { findSystem } from '../../inputs.js';
import type { PlanContext, Rule } from '../context.js';
import { effectiveLimits } from '../limits.js';
import type { FlowPlan, SystemLoad, SystemPlan } from '../types.js';
import { useBulk } from './egress.js';
import { timeoutsOf } from './retry.js';

/**
 * The load the integration puts on every system it calls — writes, follow-up reads for thin notifications,
 * polls, the daily reconciliation — checked against every limit that binds those calls. When the volume does
 * not fit and the destination documents a bulk endpoint, writes move to it; when it still does not fit, the
 * plan says so plainly instead of promising delivery it cannot make.
 */

/** Call latency assumed for concurrency limits when none is stated (a stated assumption). */
export const ASSUMED_CALL_MS = 500;
const DAY = 86_400;

function pageSize(system: SystemPlan): number {
  return system.provider?.reads.pagination?.maxPageSize ?? 100;
}

/** Reads a flow makes on its source per day. */
export function sourceReadsPerDay(ctx: PlanContext, f: FlowPlan): number {
  const volume = ctx.inputs.volumePerDay;
  let reads = volume * f.sourceReadsPerEvent;
  // Every event is a request through a gateway in front of us, counted in its throttles.
  if (f.from.kind === 'api-gateway' && f.from.provider) reads += volume;
  if ((f.ingress === 'poll' || f.ingress === 'batch-export' || f.coalesced) && f.from.kind === 'saas-api') {
    const polls = DAY / (f.intervalSeconds ?? 300);
    reads += polls * Math.max(1, Math.ceil(volume / polls / pageSize(f.from)));
  }
  // A daily reconciliation pass over what changed catches anything a push missed.
  if (['webhook', 'webhook-assumed', 'subscription', 'change-stream', 'consumer'].includes(f.ingress) && f.from.kind === 'saas-api') {
    reads += Math.ceil(volume / pageSize(f.from));
  }
  return reads;
}

/** The catalog's names for what we call on a system: its incremental read, follow-up fetch, bulk endpoint, upsert. */
function methodsCalled(system: SystemPlan, into: FlowPlan[], from: FlowPlan[], reads: number): string {
  const p = system.provider;
  if (!p) return '';
  const out: string[] = [];
  if (reads > 0 && p.reads.incremental) out.push(p.reads.incremental.method);
  for (const f of from) if (f.sourceReadsPerEvent > 0 && f.push?.followUp) out.push(f.push.followUp);
  if (into.some((f) => f.egress === 'api-bulk') && p.writes.bulk?.endpoint) out.push(p.writes.bulk.endpoint);
  if (into.some((f) => f.egress === 'api-upsert') && p.writes.upsert?.key) out.push(p.writes.upsert.key);
  return out.join(' ');
}

function loadFor(ctx: PlanContext, system: SystemPlan): SystemLoad {
  const volume = ctx.inputs.volumePerDay;
  const into = ctx.flows.filter((f) => f.to === system);
  const from = ctx.flows.filter((f) => f.from === system);
  const writes = into.reduce((sum, f) => sum + (volume * f.destinationCallsPerEvent) / f.batchSize, 0);
  // Every event is a request through our gateway, counted in its throttles.
  const through = ctx.flows.filter((f) => f.via === system).length * volume;
  // A stated allowance of event deliveries ("our org gets 50k event deliveries per day") counts each pushed event.
  const stated = (ctx.inputs.rateLimits ?? []).filter((r) => findSystem([{ name: r.system }], system.name));
  const delivered = stated.some((r) => /\bdeliver|\bevents?\b/i.test(r.limit)) ? from.filter((f) => ['change-stream', 'subscription', 'webhook', 'consumer'].includes(f.ingress)).length * volume : 0;
  const reads = from.reduce((sum, f) => sum + sourceReadsPerDay(ctx, f), 0) + through + delivered;
  const callLatencySeconds = (ctx.inputs.callLatencyMs ?? ASSUMED_CALL_MS) / 1000;
  const limits = effectiveLimits(system, stated, {
    reads: reads > 0,
    writes: writes > 0,
    text: ctx.inputs.systems.map((s) => `${s.name} ${s.description}`).join(' '),
    context: system.description,
    exporting: from.some((f) => f.ingress === 'batch-export' || f.ingress === 'poll'),
    bulk: into.some((f) => f.egress === 'api-bulk'),
    methods: methodsCalled(system, into, from, reads),
    data: [...into, ...from].map((f) => f.data).join(' '),
    callLatencySeconds,
  });
  const callsPerDay = writes + reads;
  const feasibility = checkFeasibility({ callsPerDay, peakFactor: ctx.inputs.peakFactor }, limits.map((l) => l.capacity));
  const metered = limits.filter((l) => l.spec.type !== 'concurrency' && l.capacity.sustainedPerSecond !== null);
  const tightest = metered.sort((a, b) => a.capacity.sustainedPerSecond! - b.capacity.sustainedPerSecond!)[0];
  const concurrency = limits
    .filter((l) => l.spec.type === 'concurrency')
    .sort((a, b) => (a.capacity.permits ?? Infinity) - (b.capacity.permits ?? Infinity))[0];
  const t = timeoutsOf(ctx);
  const breaker = into.length > 0 && callsPerDay > 0
    ? deriveBreakerSettings({ volumePerDay: callsPerDay, peakFactor: ctx.inputs.peakFactor, outageSeconds: ctx.inputs.outageSeconds, requestTimeoutSeconds: t.requestMs / 1000 })
    : null;
  let backlog = null;
  if (into.length > 0) {
    const eventsPerSecond = (volume * into.length) / DAY;
    const perEventCalls = into.reduce((s, f) => s + f.destinationCallsPerEvent / f.batchSize, 0) / into.length;
    const capacityEvents = feasibility.capacityPerSecond === null ? eventsPerSecond * ctx.inputs.peakFactor * 2 : feasibility.capacityPerSecond / perEventCalls;
    backlog = computeBacklog({
      peakPerSecond: eventsPerSecond * ctx.inputs.peakFactor,
      outageSeconds: ctx.inputs.outageSeconds,
      drainPerSecond: Math.max(capacityEvents, 1e-9),
      arrivalPerSecond: eventsPerSecond,
      ...(ctx.inputs.recordBytes ? { messageBytes: ctx.inputs.recordBytes } : {}),
    });
  }
  // Only the daily reconciliation reads it: follow-up reads and polls are real load, however small.
  const reconciliationOnly = through === 0 && from.every((f) => f.sourceReadsPerEvent === 0 && !f.coalesced && f.ingress !== 'poll' && f.ingress !== 'batch-export');
  const incidental =
    reconciliationOnly && writes === 0 && limits.every((l) => l.origin === 'documented') && feasibility.capacityPerSecond !== null && feasibility.peakPerSecond < feasibility.capacityPerSecond * 0.05;
  return {
    incidental,
    system,
    callsPerDay,
    reads,
    writes,
    limits,
    feasibility,
    // Refill at the tightest sustained rate; never burst past any limit's own burst. A limit counted per mailbox
    // or user gets one bucket per key at that key's rate.
    bucket: tightest
      ? {
          capacity: Math.max(1, Math.min(...metered.map((l) => l.perKey.burst ?? Infinity))),
          refillPerSecond: tightest.perKey.sustainedPerSecond!,
          per: tightest.per?.noun ?? null,
        }
      : null,
    permits: concurrency?.perKey.permits ?? null,
    permitsPer: concurrency?.per?.noun ?? null,
    breaker,
    backlog,
  };
}

function systemsUnderLoad(ctx: PlanContext): SystemPlan[] {
  const stated = new Set((ctx.inputs.rateLimits ?? []).map((r) => r.system.toLowerCase()));
  return ctx.systems.filter(
    (s) => ctx.flows.some((f) => f.to === s || f.via === s || (sourceReadsPerDay(ctx, f) > 0 && f.from === s)) || stated.has(s.name.toLowerCase()),
  );
}

export const loadRule: Rule = {
  id: 'load',
  shape(ctx) {
    ctx.loads = systemsUnderLoad(ctx).map((s) => loadFor(ctx, s));
    // Over a destination's limits: move its writes to a documented bulk endpoint, sized to fit with headroom.
    let changed = false;
    for (const load of ctx.loads) {
      if (load.feasibility.fitsDaily || load.writes === 0 || load.feasibility.dailyOverload === null) continue;
      const needed = Math.ceil(load.feasibility.dailyOverload * 1.25 * (load.writes / load.callsPerDay) + 1);
      for (const f of ctx.flows.filter((x) => x.to === load.system && x.egress !== 'api-bulk')) changed = useBulk(f, needed) || changed;
    }
    // Thin notifications whose follow-up reads do not fit the source's limits: read what changed together, once
    // per interval, with the source's incremental read instead of one fetch per notification.
    for (const load of ctx.loads) {
      if (load.feasibility.fitsDaily || load.reads === 0) continue;
      for (const f of ctx.flows.filter((x) => x.from === load.system && x.sourceReadsPerEvent > 0 && x.from.provider?.reads.incremental)) {
        f.sourceReadsPerEvent = 0;
        f.coalesced = true;
        f.intervalSeconds = Math.min(900, Math.max(60, Math.round(ctx.inputs.latencySeconds / 2)));
        changed = true;
      }
    }
    if (changed) ctx.loads = systemsUnderLoad(ctx).map((s) => loadFor(ctx, s));
    if (!ctx.inputs.callLatencyMs && ctx.loads.some((l) => !l.incidental && l.limits.some((x) => x.spec.type === 'concurrency'))) {
      ctx.assume(`calls take about ${ASSUMED_CALL_MS} ms (measure it: it sizes the concurrency budget)`);
    }
  },
};

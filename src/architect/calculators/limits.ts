import { z } from 'zod';
import { parseRateLimit } from './rate-limit.js';

/**
 * Limits of every kind, as numbers a design can size against: a rate (n per window), a concurrency limit
 * (n in flight: throughput = n ÷ call latency, Little's law), a points or cost bucket (refill ÷ cost per call),
 * a quota (n per day or month). Each becomes a sustained calls-per-second capacity and a daily capacity, and a
 * demand is checked against all of them at once.
 */

export const LimitSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rate'), requests: z.number().positive(), windowSeconds: z.number().positive() }),
  z.object({ type: z.literal('concurrency'), max: z.number().int().positive() }),
  z.object({
    type: z.literal('points'),
    bucket: z.number().positive(),
    restorePerSecond: z.number().positive(),
    costPerCall: z.number().positive().nullable().describe('Points one call costs; null when unknown'),
  }),
  z.object({ type: z.literal('quota'), amount: z.number().positive(), periodSeconds: z.number().positive() }),
  z.object({ type: z.literal('unknown') }),
]);
export type LimitSpec = z.infer<typeof LimitSpecSchema>;

const DAY = 86_400;

/** Windows this long or longer read as an allowance per period (a quota), not a smoothing rate. */
const QUOTA_WINDOW_SECONDS = DAY;

const UNKNOWN = /\b(?:unknown|not sure|unsure|no idea|don'?t know|do not know|tbd|to be confirmed|undocumented|not documented|ask (?:the )?vendor|unclear|unspecified)\b/i;
const NUMBER = String.raw`(\d+(?:[.,]\d+)?)\s*(k|m)?`;
const CONCURRENCY = [
  new RegExp(String.raw`${NUMBER}\s*(?:concurrent|parallel|simultaneous|in[- ]flight|open|at (?:a|one) time|at once)\b`, 'i'),
  new RegExp(String.raw`(?:concurren\w*|in[- ]flight|parallel(?:ism)?|simultaneous)\s*(?:requests?|calls?|connections?|sessions?)?\s*(?:limit(?:ed)?)?\s*(?:of|is|=|:|to|at)?\s*(?:max(?:imum)?\s*)?${NUMBER}`, 'i'),
  new RegExp(String.raw`(?:max(?:imum)?|up to|only|no more than|at most)\s*${NUMBER}\s*(?:concurrent|parallel|simultaneous|in[- ]flight|open)?\s*(?:requests?|calls?|connections?|sessions?|threads?)?\s*(?:at (?:a|one) time|at once|in flight|in parallel|concurrently|simultaneously)`, 'i'),
];
const POINTS = new RegExp(
  String.raw`${NUMBER}\s*(?:-\s*)?(?:points?|cost(?: units?)?|credits?|units?)(?:\s*bucket)?\b[^.;]*?${NUMBER}\s*(?:points?|cost(?: units?)?|credits?|units?)?\s*(?:\/|per|a|each)\s*(?:second|sec|s)\b`,
  'i',
);
const COST = new RegExp(String.raw`(?:costs?|cost of|at)\s*${NUMBER}\s*(?:points?|units?|credits?)\s*(?:per|\/|a|each)\s*(?:call|request|query|mutation)`, 'i');

function num(digits: string, suffix: string | undefined): number {
  const n = Number(digits.replace(',', '.'));
  return suffix?.toLowerCase() === 'k' ? n * 1_000 : suffix?.toLowerCase() === 'm' ? n * 1_000_000 : n;
}

/**
 * Reads a limit as people state it: "100 requests per 10 seconds", "5 concurrent requests", "max 4 in flight",
 * "10k calls/day", "1000-point bucket refilling 50 points/s", "unknown, ask the vendor". Null when no limit can
 * be read at all.
 */
export function parseLimit(text: string): LimitSpec | null {
  const s = text.replace(/(\d),(?=\d{3}\b)/g, '$1');
  const points = POINTS.exec(s);
  if (points) {
    const cost = COST.exec(s);
    return {
      type: 'points',
      bucket: num(points[1]!, points[2]),
      restorePerSecond: num(points[3]!, points[4]),
      costPerCall: cost ? num(cost[1]!, cost[2]) : null,
    };
  }
  for (const re of CONCURRENCY) {
    const m = re.exec(s);
    if (m) return { type: 'concurrency', max: Math.max(1, Math.round(num(m[1]!, m[2]))) };
  }
  const rate = parseRateLimit(s);
  if (rate) {
    return rate.windowSeconds >= QUOTA_WINDOW_SECONDS
      ? { type: 'quota', amount: rate.requests, periodSeconds: rate.windowSeconds }
      : { type: 'rate', requests: rate.requests, windowSeconds: rate.windowSeconds };
  }
  if (UNKNOWN.test(s) || /\blimit|throttl|quota/i.test(s)) return { type: 'unknown' };
  return null;
}

export interface LimitCapacityOptions {
  /** Share of the limit we allow ourselves (default 0.8: headroom for other clients and for retries). */
  utilization?: number;
  /** Latency of one call, for concurrency limits (Little's law). */
  callLatencySeconds: number;
  /** Points a call costs when the limit does not say (a stated assumption). */
  assumedCostPerCall?: number;
}

export interface LimitCapacity {
  /** Calls per second we may make, sustained. */
  sustainedPerSecond: number | null;
  /** Calls the limit allows in 24 hours at the full limit. */
  dailyCapacity: number | null;
  /** Calls we may send at once before the sustained rate applies (token bucket capacity or permits). */
  burst: number | null;
  /** Concurrency limits: permits of the bulkhead (semaphore) in front of the API. */
  permits: number | null;
  /** Points limits: the cost per call used (stated, documented or assumed). */
  costPerCall: number | null;
}

export function limitCapacity(spec: LimitSpec, options: LimitCapacityOptions): LimitCapacity {
  const u = options.utilization ?? 0.8;
  switch (spec.type) {
    case 'rate': {
      const perSecond = spec.requests / spec.windowSeconds;
      const budget = perSecond * u;
      const burst = Math.max(1, Math.floor(Math.min(spec.requests - budget * spec.windowSeconds, budget * 60)));
      return { sustainedPerSecond: budget, dailyCapacity: perSecond * DAY, burst, permits: null, costPerCall: null };
    }
    case 'concurrency': {
      // A semaphore below the limit leaves room for other clients of the same account; never fewer than one.
      const permits = spec.max === 1 ? 1 : Math.max(1, Math.floor(spec.max * u));
      const perSecond = permits / options.callLatencySeconds;
      return { sustainedPerSecond: perSecond, dailyCapacity: (spec.max / options.callLatencySeconds) * DAY, burst: permits, permits, costPerCall: null };
    }
    case 'points': {
      const cost = spec.costPerCall ?? options.assumedCostPerCall ?? 1;
      const perSecond = (spec.restorePerSecond * u) / cost;
      return {
        sustainedPerSecond: perSecond,
        dailyCapacity: (spec.restorePerSecond / cost) * DAY,
        burst: Math.max(1, Math.floor(spec.bucket / cost)),
        permits: null,
        costPerCall: cost,
      };
    }
    case 'quota': {
      const daily = (spec.amount * DAY) / spec.periodSeconds;
      // Spread evenly: a minute of budget as the burst, so a daily quota is never spent in one rush.
      const perSecond = (daily / DAY) * u;
      return { sustainedPerSecond: perSecond, dailyCapacity: daily, burst: Math.max(1, Math.floor(perSecond * 60)), permits: null, costPerCall: null };
    }
    case 'unknown':
      return { sustainedPerSecond: null, dailyCapacity: null, burst: null, permits: null, costPerCall: null };
  }
}

export const DemandSchema = z.object({
  callsPerDay: z.number().nonnegative(),
  peakFactor: z.number().min(1),
});

export interface Feasibility {
  /** The daily volume fits every limit. */
  fitsDaily: boolean;
  /** The peak fits the sustained capacity without queueing. */
  fitsPeak: boolean;
  /** The binding (smallest) sustained capacity, calls/s, or null when no limit is known. */
  capacityPerSecond: number | null;
  averagePerSecond: number;
  peakPerSecond: number;
  /** How many times over capacity the daily volume is (1.0 = exactly at capacity). */
  dailyOverload: number | null;
}

/** Checks a demand (calls per day with a peak factor) against the capacities of the limits that apply. */
export function checkFeasibility(demand: z.infer<typeof DemandSchema>, capacities: LimitCapacity[]): Feasibility {
  const averagePerSecond = demand.callsPerDay / DAY;
  const peakPerSecond = averagePerSecond * demand.peakFactor;
  const sustained = capacities.map((c) => c.sustainedPerSecond).filter((v): v is number => v !== null);
  const capacityPerSecond = sustained.length > 0 ? Math.min(...sustained) : null;
  const daily = capacities.map((c) => c.dailyCapacity).filter((v): v is number => v !== null);
  const dailyCapacity = daily.length > 0 ? Math.min(...daily) : null;
  const fitsSustained = capacityPerSecond === null || averagePerSecond <= capacityPerSecond;
  const fitsDaily = (dailyCapacity === null || demand.callsPerDay <= dailyCapacity) && fitsSustained;
  return {
    fitsDaily,
    fitsPeak: capacityPerSecond === null || peakPerSecond <= capacityPerSecond,
    capacityPerSecond,
    averagePerSecond,
    peakPerSecond,
    dailyOverload: capacityPerSecond === null ? null : Math.max(averagePerSecond / capacityPerSecond, dailyCapacity ? demand.callsPerDay / dailyCapacity : 0),
  };
}

import { z } from 'zod';
import { formatNumber } from './format.js';
import type { ParsedRateLimit, RateBudget } from './types.js';

/**
 * Rate-limit arithmetic: parse a documented limit, then size our own budget and token bucket against it.
 * Rates are API calls (events × callsPerEvent), because calls are what the limit counts.
 */

const SECONDS_PER_DAY = 86_400;

const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001, millisecond: 0.001, milliseconds: 0.001,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86_400, day: 86_400, days: 86_400,
  w: 604_800, wk: 604_800, week: 604_800, weeks: 604_800,
  month: 2_592_000, months: 2_592_000,
};
const SHORTHAND_SECONDS: Record<string, number> = { rps: 1, qps: 1, rpm: 60, rph: 3600, rpd: 86_400 };
const ADVERB_SECONDS: Record<string, number> = { secondly: 1, minutely: 60, hourly: 3600, daily: 86_400, weekly: 604_800 };

const NUM = String.raw`(?<![\w.\-])(\d+(?:\.\d+)?)(k|m)?`;
const UNIT = `(${Object.keys(UNIT_SECONDS).sort((a, b) => b.length - a.length).join('|')})`;
/** "<n> [words] per|/|every|in|a|an [<w>] <unit>", e.g. "100 requests per 10 seconds", "5000/hour". */
const PER_RE = new RegExp(String.raw`${NUM}\s*(?:[a-z][a-z\-]*\s+){0,3}?[a-z\-]*\s*(?:\/|\bper\b|\bevery\b|\bin\b|\beach\b|\ban?\b)\s*(\d+(?:\.\d+)?)?\s*${UNIT}\b`);
/** "100 rps", "600 rpm". */
const SHORTHAND_RE = new RegExp(String.raw`${NUM}\s*(rps|qps|rpm|rph|rpd)\b`);
/** "15000 calls daily". */
const ADVERB_RE = new RegExp(String.raw`${NUM}\s*(?:[a-z][a-z\-]*\s+){0,3}?(secondly|minutely|hourly|daily|weekly)\b`);

function toNumber(digits: string, suffix: string | undefined): number {
  const n = Number(digits);
  if (suffix === 'k') return n * 1_000;
  if (suffix === 'm') return n * 1_000_000;
  return n;
}

/** Parses a documented limit such as "100 requests per 10 seconds" or "1k/min"; null when it is not a rate. */
export function parseRateLimit(text: string): ParsedRateLimit | null {
  const normalized = text
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  const result = matchRate(normalized);
  if (!result) return null;
  const { requests, windowSeconds } = result;
  if (!(requests > 0) || !(windowSeconds > 0) || !Number.isFinite(requests)) return null;
  return { requests, windowSeconds, perSecond: requests / windowSeconds, source: text };
}

function matchRate(s: string): { requests: number; windowSeconds: number } | null {
  const shorthand = SHORTHAND_RE.exec(s);
  if (shorthand) {
    return { requests: toNumber(shorthand[1]!, shorthand[2]), windowSeconds: SHORTHAND_SECONDS[shorthand[3]!]! };
  }
  const per = PER_RE.exec(s);
  if (per) {
    const count = per[3] === undefined ? 1 : Number(per[3]);
    return { requests: toNumber(per[1]!, per[2]), windowSeconds: count * UNIT_SECONDS[per[4]!]! };
  }
  const adverb = ADVERB_RE.exec(s);
  if (adverb) {
    return { requests: toNumber(adverb[1]!, adverb[2]), windowSeconds: ADVERB_SECONDS[adverb[3]!]! };
  }
  return null;
}

export const RateBudgetRequestSchema = z.object({
  volumePerDay: z.number().positive().max(1e11).describe('Expected events per day'),
  peakFactor: z.number().min(1).max(1000).optional().describe('Peak-to-average factor (default 5)'),
  limit: z.string().trim().min(1).max(200).optional().describe('Documented limit, e.g. "100 requests per 10 seconds"'),
  callsPerEvent: z.number().positive().max(1000).optional().describe('API calls per event (default 1)'),
  targetUtilization: z.number().gt(0).max(1).optional().describe('Share of the limit we allow ourselves (default 0.8)'),
});
export type RateBudgetInput = z.input<typeof RateBudgetRequestSchema>;

/**
 * Our share of a rate limit. The token bucket refills at the budget and its capacity is the burst the limit
 * window still allows on top of that refill (capacity + refill × window ≤ limit), never more than a minute of
 * budget: a daily quota does not mean the API accepts the whole day's calls in one burst.
 */
export function computeRateBudget(input: RateBudgetInput): RateBudget {
  const req = RateBudgetRequestSchema.parse(input);
  const peakFactor = req.peakFactor ?? 5;
  const callsPerEvent = req.callsPerEvent ?? 1;
  const utilization = req.targetUtilization ?? 0.8;
  const callsPerDay = req.volumePerDay * callsPerEvent;
  const averagePerSecond = callsPerDay / SECONDS_PER_DAY;
  const peakPerSecond = averagePerSecond * peakFactor;
  const limit = req.limit ? parseRateLimit(req.limit) : null;

  if (!limit) {
    return {
      averagePerSecond,
      peakPerSecond,
      callsPerDay,
      limit: null,
      dailyCapacity: null,
      budgetPerSecond: null,
      headroom: null,
      tokenBucket: null,
      needsSmoothing: false,
      needsBatching: false,
      warning: null,
    };
  }

  const budgetPerSecond = limit.perSecond * utilization;
  const dailyCapacity = limit.perSecond * SECONDS_PER_DAY;
  const burst = Math.min(limit.requests - budgetPerSecond * limit.windowSeconds, budgetPerSecond * 60);
  const warning =
    callsPerDay > dailyCapacity
      ? `${formatNumber(callsPerDay)} calls a day exceed the limit's daily capacity of ${formatNumber(dailyCapacity)} ` +
        `(${limit.source}): batch or bulk APIs, fewer calls per event, or a higher limit are required.`
      : null;
  return {
    averagePerSecond,
    peakPerSecond,
    callsPerDay,
    limit,
    dailyCapacity,
    budgetPerSecond,
    headroom: (budgetPerSecond - peakPerSecond) / budgetPerSecond,
    tokenBucket: { capacity: Math.max(1, Math.floor(burst)), refillPerSecond: budgetPerSecond },
    needsSmoothing: peakPerSecond > budgetPerSecond,
    needsBatching: averagePerSecond > budgetPerSecond,
    warning,
  };
}

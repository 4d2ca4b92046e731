import { z } from 'zod';
import { formatDuration, formatNumber } from './format.js';
import type { BreakerSettings } from './types.js';

/**
 * Circuit-breaker settings derived from traffic instead of copied from library defaults.
 *
 * - Window: time-based, 60 s, so one bad minute is judged on its own. When traffic is too thin to see
 *   2 × MIN_FLOOR calls a minute, the window grows until it would, but never beyond half the outage: a window
 *   longer than that could not open the breaker while the outage is still going on.
 * - Minimum calls: half the calls the window sees at the average rate, clamped to [3, 100]. resilience4j's
 *   default of 100 never trips at low volume; a floor of 3 stops one or two unlucky calls from tripping it, and at
 *   very thin traffic the breaker effectively opens after 3 consecutive failures.
 * - Failure rate: 50 %. A real outage fails ~100 % of calls and trips at once; isolated errors do not.
 * - Open duration: a tenth of the outage, clamped to [5 s, 60 s] (30 s for the 5-minute outage), so probes
 *   find the recovery within seconds instead of the 60 s resilience4j default.
 * - Half-open: 3 probes, enough to confirm recovery without flooding a service that is just coming back.
 * - Slow call: half the request timeout; calls slower than that count against the breaker before they time out.
 */

const WINDOW_SECONDS = 60;
const MIN_FLOOR = 3;
const MIN_CEILING = 100;

export const BreakerRequestSchema = z.object({
  volumePerDay: z.number().positive().max(1e11).describe('Calls per day through the protected dependency'),
  peakFactor: z.number().min(1).max(1000).optional().describe('Peak-to-average factor (default 5)'),
  outageSeconds: z.number().positive().max(7 * 24 * 3600).optional().describe('Outage to plan for (default 300 s)'),
  requestTimeoutSeconds: z.number().positive().max(600).optional().describe('Per-request timeout (default 10 s)'),
});
export type BreakerInput = z.input<typeof BreakerRequestSchema>;

export function deriveBreakerSettings(input: BreakerInput): BreakerSettings {
  const req = BreakerRequestSchema.parse(input);
  const outageSeconds = req.outageSeconds ?? 300;
  const timeoutSeconds = req.requestTimeoutSeconds ?? 10;
  const averagePerSecond = req.volumePerDay / 86_400;

  const windowCeiling = Math.max(WINDOW_SECONDS, Math.floor(outageSeconds / 2));
  const secondsToSeeFloor = Math.ceil((MIN_FLOOR * 2) / averagePerSecond);
  const slidingWindowSeconds = Math.min(windowCeiling, Math.max(WINDOW_SECONDS, secondsToSeeFloor));
  const callsPerWindow = averagePerSecond * slidingWindowSeconds;
  const minimumCalls = clamp(Math.floor(callsPerWindow / 2), MIN_FLOOR, MIN_CEILING);
  const failureRateThreshold = 50;
  const openSeconds = clamp(Math.round(outageSeconds / 10), 5, 60);
  const halfOpenProbes = 3;
  const slowCallSeconds = Math.max(1, timeoutSeconds / 2);

  const thin = callsPerWindow < minimumCalls;
  const rationale =
    `At about ${formatNumber(callsPerWindow)} calls per ${formatDuration(slidingWindowSeconds * 1000)} window, the breaker opens when ` +
    `${failureRateThreshold}% of at least ${minimumCalls} calls fail (resilience4j's default minimum of 100 would ` +
    `${callsPerWindow < MIN_CEILING ? 'never trip at this volume' : 'react more slowly'}), stays open ` +
    `${formatDuration(openSeconds * 1000)} so probes find recovery well inside a ${formatDuration(outageSeconds * 1000)} outage, ` +
    `and closes after ${halfOpenProbes} successful trial calls.` +
    (thin ? ` Traffic is thin, so in practice it opens after ${minimumCalls} consecutive failures.` : '');

  return {
    failureRateThreshold,
    slidingWindowSeconds,
    minimumCalls,
    openSeconds,
    halfOpenProbes,
    slowCallSeconds,
    rationale,
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

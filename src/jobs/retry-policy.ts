/**
 * Job-level retry settings, the schedule they produce, and the window it buys.
 *
 * The worker schedules each retry itself (see run-job.ts): retry k (k = 1..retryLimit) waits
 *   d_k / 2 + U * d_k / 2,  d_k = min(maxDelay, retryDelay * 2^(k-1)),  U uniform in [0, 1)
 * — capped exponential backoff with "equal jitter": half of each delay fixed, so the window has a floor,
 * half random, so jobs that failed together do not come back together. Without backoff every retry waits
 * exactly retryDelay. A job fails for good (dead letter) on the failure after retry number retryLimit.
 *
 * Attempts refused by the open model circuit breaker are not retries: the job is handed back until the
 * breaker's half-open time without counting an attempt. So the window below is spent only on real calls.
 */

export interface RetrySettings {
  /** Retries after the first attempt. */
  retryLimit: number;
  /** Base delay in seconds. */
  retryDelay: number;
  retryBackoff: boolean;
  /** Cap on one retry's delay before jitter, in seconds (backoff only). */
  maxDelay?: number;
}

/**
 * Production: 11 attempts whose waits add up to at least 435 s and at most 870 s. A 5-minute model outage is
 * outlasted by retry 8 at the latest (at least 315 s of waiting by then), leaving two retries to spare.
 */
export const JOB_RETRY: Readonly<Required<RetrySettings>> = Object.freeze({
  retryLimit: 10,
  retryDelay: 10,
  retryBackoff: true,
  maxDelay: 120,
});

/** A job stuck in `active` this long (a hung worker that still heartbeats) is failed by pg-boss and retried. */
export const JOB_EXPIRE_IN_SECONDS = 10 * 60;
/** How often pg-boss maintenance (expiry, archiving) runs. */
export const JOB_MAINTENANCE_INTERVAL_SECONDS = 60;
/** How often an idle worker polls for work. */
export const JOB_POLLING_INTERVAL_SECONDS = 2;
/** How often a process records that it is alive and looks for jobs whose process is not. */
export const WORKER_HEARTBEAT_SECONDS = 5;
/** A process silent this long is dead: its running jobs are handed to the living at once. */
export const WORKER_STALE_AFTER_SECONDS = 20;
/** How long a job waits before looking again when an earlier job of its conversation is unfinished. */
export const ORDER_WAIT_SECONDS = 1;

/** The outage the retry window must outlast (the design rule the bot preaches). */
export const OUTAGE_TO_SURVIVE_SECONDS = 5 * 60;

/** The base delay before jitter of retry k (1-based). */
function baseDelay(settings: RetrySettings, k: number): number {
  if (!settings.retryBackoff) return settings.retryDelay;
  const uncapped = settings.retryDelay * 2 ** Math.min(30, k - 1);
  return Math.min(settings.maxDelay ?? Number.POSITIVE_INFINITY, uncapped);
}

/** Seconds to wait before retry k, for a uniform random u in [0, 1). */
export function retryDelaySeconds(settings: RetrySettings, k: number, u: number = Math.random()): number {
  const d = baseDelay(settings, k);
  return settings.retryBackoff ? d / 2 + (u * d) / 2 : d;
}

export interface RetryWindow {
  /** Seconds of waiting before each retry, lowest possible (U = 0). */
  minDelays: number[];
  /** Upper bounds of each retry's wait (U -> 1; exclusive when backoff is on). */
  maxDelays: number[];
  minTotalSeconds: number;
  maxTotalSeconds: number;
  attempts: number;
}

/** The waits the worker will put between attempts for these settings (handler run time not included). */
export function retryWindow(settings: RetrySettings): RetryWindow {
  const minDelays: number[] = [];
  const maxDelays: number[] = [];
  for (let k = 1; k <= settings.retryLimit; k++) {
    minDelays.push(retryDelaySeconds(settings, k, 0));
    maxDelays.push(settings.retryBackoff ? baseDelay(settings, k) : settings.retryDelay);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return { minDelays, maxDelays, minTotalSeconds: sum(minDelays), maxTotalSeconds: sum(maxDelays), attempts: settings.retryLimit + 1 };
}

/** The retry by which an outage of `seconds` is over even with the least jitter (undefined: never). */
export function retriesToOutlast(settings: RetrySettings, seconds: number): number | undefined {
  const { minDelays } = retryWindow(settings);
  let waited = 0;
  for (let k = 0; k < minDelays.length; k++) {
    waited += minDelays[k]!;
    if (waited >= seconds) return k + 1;
  }
  return undefined;
}

/**
 * Job-level retry settings and the retry window they buy.
 *
 * pg-boss 10 (src/plans.js, failJobs) schedules the next attempt, when `retry_backoff` is true, at
 *   now() + (d * 2^min(16, c+1) / 2  +  d * 2^min(16, c+1) / 2 * random()) seconds
 * where d = retry_delay and c = retry_count at the moment of failure (c is 0 on the first failure and
 * is incremented each time the job is fetched again). So retry k (k = 1..retryLimit) waits
 *   d * 2^(min(16, k) - 1) * (1 + U),  U uniform in [0, 1)
 * — "equal jitter": half the delay fixed, half random. With backoff pg-boss also forces d >= 1.
 * Without backoff every retry waits exactly d. A job fails for good on the failure after retry
 * number retryLimit, i.e. after retryLimit + 1 attempts.
 */

export interface RetrySettings {
  /** Retries after the first attempt. */
  retryLimit: number;
  /** Base delay in whole seconds. */
  retryDelay: number;
  retryBackoff: boolean;
}

/**
 * Production settings: 6 attempts spread over at least 310 s and at most 620 s of waiting, so a model
 * outage of 5 minutes is ridden out before a job is dead-lettered.
 */
export const JOB_RETRY: Readonly<RetrySettings> = Object.freeze({
  retryLimit: 5,
  retryDelay: 10,
  retryBackoff: true,
});

/** A job stuck in `active` this long (a dead or hung worker) is failed by maintenance and retried. */
export const JOB_EXPIRE_IN_SECONDS = 10 * 60;
/** How often pg-boss maintenance (expiry, archiving) runs. */
export const JOB_MAINTENANCE_INTERVAL_SECONDS = 60;
/** How often an idle worker polls for work. */
export const JOB_POLLING_INTERVAL_SECONDS = 2;

/** The outage the retry window must outlast (the design rule the bot preaches). */
export const OUTAGE_TO_SURVIVE_SECONDS = 5 * 60;

export interface RetryWindow {
  /** Seconds of waiting before each retry, lowest possible (U = 0). */
  minDelays: number[];
  /** Upper bounds of each retry's wait (U -> 1; exclusive when backoff is on). */
  maxDelays: number[];
  minTotalSeconds: number;
  maxTotalSeconds: number;
  attempts: number;
}

/** The waits pg-boss will put between attempts for these settings (handler run time not included). */
export function retryWindow(settings: RetrySettings): RetryWindow {
  const { retryLimit, retryBackoff } = settings;
  const delay = retryBackoff ? Math.max(settings.retryDelay, 1) : settings.retryDelay;
  const minDelays: number[] = [];
  const maxDelays: number[] = [];
  for (let k = 1; k <= retryLimit; k++) {
    if (retryBackoff) {
      const half = (delay * 2 ** Math.min(16, k)) / 2;
      minDelays.push(half);
      maxDelays.push(2 * half);
    } else {
      minDelays.push(delay);
      maxDelays.push(delay);
    }
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    minDelays,
    maxDelays,
    minTotalSeconds: sum(minDelays),
    maxTotalSeconds: sum(maxDelays),
    attempts: retryLimit + 1,
  };
}

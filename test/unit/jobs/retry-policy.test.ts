import { describe, expect, it } from 'vitest';
import { JOB_RETRY, OUTAGE_TO_SURVIVE_SECONDS, retriesToOutlast, retryDelaySeconds, retryWindow } from '../../../src/jobs/retry-policy.js';

describe('the job retry schedule (capped exponential backoff, equal jitter)', () => {
  it('production settings outlast a 5-minute outage with the least jitter and keep retries to spare', () => {
    const w = retryWindow(JOB_RETRY);
    expect(w.attempts).toBe(11);
    expect(w.minTotalSeconds).toBe(435);
    expect(w.maxTotalSeconds).toBe(870);
    const needed = retriesToOutlast(JOB_RETRY, OUTAGE_TO_SURVIVE_SECONDS)!;
    expect(needed).toBe(8);
    expect(JOB_RETRY.retryLimit - needed).toBeGreaterThanOrEqual(2);
  });

  it('doubles the base delay per retry up to the cap; each wait lies in [d/2, d)', () => {
    const w = retryWindow({ retryLimit: 6, retryDelay: 10, retryBackoff: true, maxDelay: 120 });
    expect(w.maxDelays).toEqual([10, 20, 40, 80, 120, 120]);
    expect(w.minDelays).toEqual([5, 10, 20, 40, 60, 60]);
    expect(retryDelaySeconds({ retryLimit: 6, retryDelay: 10, retryBackoff: true, maxDelay: 120 }, 3, 0.5)).toBe(30);
  });

  it('uses a flat delay without backoff', () => {
    const w = retryWindow({ retryLimit: 3, retryDelay: 7, retryBackoff: false });
    expect(w.minDelays).toEqual([7, 7, 7]);
    expect(w.maxTotalSeconds).toBe(21);
    expect(retryDelaySeconds({ retryLimit: 3, retryDelay: 7, retryBackoff: false }, 2, 0.9)).toBe(7);
  });

  it('has no waits when there are no retries, and says when an outage is never outlasted', () => {
    const none = { retryLimit: 0, retryDelay: 10, retryBackoff: true };
    expect(retryWindow(none)).toMatchObject({ minTotalSeconds: 0, maxTotalSeconds: 0, attempts: 1 });
    expect(retriesToOutlast(none, 60)).toBeUndefined();
  });
});

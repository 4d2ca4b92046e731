import { describe, expect, it } from 'vitest';
import { JOB_RETRY, OUTAGE_TO_SURVIVE_SECONDS, retryWindow } from '../../../src/jobs/retry-policy.js';

describe('retryWindow (pg-boss 10 backoff: d * 2^min(16,k) / 2 * (1 + U))', () => {
  it('production settings wait out a 5-minute outage even with the least jitter', () => {
    const w = retryWindow(JOB_RETRY);
    expect(JOB_RETRY.retryBackoff).toBe(true);
    expect(w.minTotalSeconds).toBeGreaterThan(OUTAGE_TO_SURVIVE_SECONDS);
    expect(w.attempts).toBe(JOB_RETRY.retryLimit + 1);
    // Each retry's window is [d * 2^(k-1), d * 2^k): the minimum sum is d * (2^L - 1).
    expect(w.minTotalSeconds).toBe(JOB_RETRY.retryDelay * (2 ** JOB_RETRY.retryLimit - 1));
    expect(w.maxTotalSeconds).toBe(2 * w.minTotalSeconds);
  });

  it('doubles the base delay per retry', () => {
    const w = retryWindow({ retryLimit: 4, retryDelay: 3, retryBackoff: true });
    expect(w.minDelays).toEqual([3, 6, 12, 24]);
    expect(w.maxDelays).toEqual([6, 12, 24, 48]);
  });

  it('caps the exponent at 16 like pg-boss', () => {
    const w = retryWindow({ retryLimit: 18, retryDelay: 1, retryBackoff: true });
    expect(w.minDelays.at(15)).toBe(2 ** 15);
    expect(w.minDelays.at(16)).toBe(2 ** 15);
    expect(w.minDelays.at(17)).toBe(2 ** 15);
  });

  it('forces a 1 s base delay with backoff, as pg-boss does for retryDelay 0', () => {
    expect(retryWindow({ retryLimit: 2, retryDelay: 0, retryBackoff: true }).minDelays).toEqual([1, 2]);
  });

  it('uses a flat delay without backoff', () => {
    const w = retryWindow({ retryLimit: 3, retryDelay: 7, retryBackoff: false });
    expect(w.minDelays).toEqual([7, 7, 7]);
    expect(w.maxTotalSeconds).toBe(21);
  });

  it('has no waits when there are no retries', () => {
    const w = retryWindow({ retryLimit: 0, retryDelay: 10, retryBackoff: true });
    expect(w).toMatchObject({ minTotalSeconds: 0, maxTotalSeconds: 0, attempts: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { computeRetrySchedule, RetryPolicySchema, solveRetryPolicy } from '../../../src/architect/calculators/index.js';
import type { JitterStrategy, RetryPolicy } from '../../../src/architect/calculators/index.js';

const policy = (over: Partial<RetryPolicy> = {}): RetryPolicy => ({
  baseDelayMs: 1000,
  factor: 2,
  capMs: 60_000,
  maxAttempts: 6,
  jitter: 'full',
  ...over,
});
const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('computeRetrySchedule', () => {
  it('uses capped exponential terms min(cap, base × factor^(n−1)) for no jitter', () => {
    const s = computeRetrySchedule(policy({ jitter: 'none', capMs: 10_000, maxAttempts: 7 }));
    expect(s.delays.map((d) => d.maxMs)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(s.delays.map((d) => d.minMs)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(s.cumulativeMinMs).toBe(35_000);
    expect(s.cumulativeMaxMs).toBe(35_000);
    expect(s.cumulativeExpectedMs).toBe(35_000);
  });

  it('numbers retries from 1 and has maxAttempts − 1 delays', () => {
    const s = computeRetrySchedule(policy({ maxAttempts: 4 }));
    expect(s.delays.map((d) => d.retry)).toEqual([1, 2, 3]);
  });

  it('full jitter ranges from 0 to the exponential term, expected half of it', () => {
    const s = computeRetrySchedule(policy({ maxAttempts: 4 }));
    expect(s.delays).toEqual([
      { retry: 1, minMs: 0, maxMs: 1000 },
      { retry: 2, minMs: 0, maxMs: 2000 },
      { retry: 3, minMs: 0, maxMs: 4000 },
    ]);
    expect(s.cumulativeMinMs).toBe(0);
    expect(s.cumulativeMaxMs).toBe(7000);
    expect(s.cumulativeExpectedMs).toBe(3500);
  });

  it('equal jitter ranges from t/2 to t, expected 3t/4', () => {
    const s = computeRetrySchedule(policy({ jitter: 'equal', maxAttempts: 3 }));
    expect(s.delays.map((d) => [d.minMs, d.maxMs])).toEqual([
      [500, 1000],
      [1000, 2000],
    ]);
    expect(s.cumulativeExpectedMs).toBe(2250);
  });

  it('decorrelated jitter has the envelope [base, min(cap, 3^n × base)]', () => {
    const s = computeRetrySchedule(policy({ jitter: 'decorrelated', capMs: 20_000, maxAttempts: 5 }));
    expect(s.delays.map((d) => d.minMs)).toEqual([1000, 1000, 1000, 1000]);
    expect(s.delays.map((d) => d.maxMs)).toEqual([3000, 9000, 20_000, 20_000]);
    expect(s.cumulativeExpectedMs).toBeGreaterThan(s.cumulativeMinMs);
    expect(s.cumulativeExpectedMs).toBeLessThan(s.cumulativeMaxMs);
    // First retry: uniform(base, 3 × base) has mean 2 × base.
    const one = computeRetrySchedule(policy({ jitter: 'decorrelated', maxAttempts: 2 }));
    expect(one.cumulativeExpectedMs).toBe(2000);
  });

  it('ignores the factor for decorrelated jitter (Brooker fixes the multiplier at 3)', () => {
    const a = computeRetrySchedule(policy({ jitter: 'decorrelated', factor: 2 }));
    const b = computeRetrySchedule(policy({ jitter: 'decorrelated', factor: 5 }));
    expect(a.delays).toEqual(b.delays);
  });

  it('respects the cap for every strategy', () => {
    for (const jitter of ['none', 'full', 'equal', 'decorrelated'] as JitterStrategy[]) {
      const s = computeRetrySchedule(policy({ jitter, capMs: 5000, maxAttempts: 20 }));
      expect(Math.max(...s.delays.map((d) => d.maxMs))).toBe(5000);
    }
  });

  it('orders strategies by expected window: full < equal < none', () => {
    const exp = (jitter: JitterStrategy) => computeRetrySchedule(policy({ jitter })).cumulativeExpectedMs;
    expect(exp('full')).toBeLessThan(exp('equal'));
    expect(exp('equal')).toBeLessThan(exp('none'));
  });

  it('is monotonic in attempts, base and cap', () => {
    let prev = 0;
    for (let maxAttempts = 1; maxAttempts <= 15; maxAttempts++) {
      const s = computeRetrySchedule(policy({ maxAttempts }));
      expect(s.cumulativeMaxMs).toBeGreaterThanOrEqual(prev);
      prev = s.cumulativeMaxMs;
    }
    const byBase = [250, 500, 1000, 2000].map((b) => computeRetrySchedule(policy({ baseDelayMs: b })).cumulativeMaxMs);
    expect(byBase).toEqual([...byBase].sort((a, b) => a - b));
    const byCap = [2000, 4000, 8000, 60_000].map((c) => computeRetrySchedule(policy({ capMs: c })).cumulativeMaxMs);
    expect(byCap).toEqual([...byCap].sort((a, b) => a - b));
  });

  it('has no delays for a single attempt', () => {
    const s = computeRetrySchedule(policy({ maxAttempts: 1, minWindowMs: 300_000 }));
    expect(s.delays).toEqual([]);
    expect(s.cumulativeMinMs).toBe(0);
    expect(s.deadlineApplied).toBe(false);
    expect(s.formula).toContain('no retries');
  });

  it('holds the last retry back so the minimum window reaches the retry deadline', () => {
    const s = computeRetrySchedule(policy({ minWindowMs: 300_000 }));
    expect(s.deadlineApplied).toBe(true);
    expect(s.cumulativeMinMs).toBe(300_000);
    expect(total(s.delays.map((d) => d.minMs))).toBe(300_000);
    expect(s.delays.at(-1)!.minMs).toBe(300_000);
    expect(s.delays.at(-1)!.maxMs).toBeGreaterThanOrEqual(s.delays.at(-1)!.minMs);
    expect(s.cumulativeMaxMs).toBeGreaterThanOrEqual(300_000);
    expect(s.cumulativeExpectedMs).toBeGreaterThanOrEqual(300_000);
    expect(s.naturalExpectedMs).toBe(15_500);
    expect(s.delays.slice(0, -1).every((d) => d.minMs === 0)).toBe(true);
    expect(s.formula).toContain('at least 5 min after the first failure');
  });

  it('accounts for earlier floors when applying the deadline (equal jitter)', () => {
    const s = computeRetrySchedule(policy({ jitter: 'equal', maxAttempts: 4, minWindowMs: 10_000 }));
    // Natural floors: 500 + 1000 + 2000; the last one is raised so the floors sum to 10 s.
    expect(s.delays.map((d) => d.minMs)).toEqual([500, 1000, 8500]);
    expect(s.cumulativeMinMs).toBe(10_000);
  });

  it('leaves the schedule alone when the deadline is already met', () => {
    const plain = computeRetrySchedule(policy({ jitter: 'none' }));
    const withDeadline = computeRetrySchedule(policy({ jitter: 'none', minWindowMs: 1000 }));
    expect(withDeadline.delays).toEqual(plain.delays);
    expect(withDeadline.deadlineApplied).toBe(false);
  });

  it('keeps the expected window between the natural expectation and the maximum when a deadline applies', () => {
    const s = computeRetrySchedule(policy({ baseDelayMs: 5000, capMs: 300_000, maxAttempts: 8, minWindowMs: 300_000 }));
    expect(s.cumulativeExpectedMs).toBeGreaterThan(Math.max(s.naturalExpectedMs, 300_000));
    expect(s.cumulativeExpectedMs).toBeLessThan(s.cumulativeMaxMs);
  });

  it('writes a formula naming base, cap and the strategy', () => {
    expect(computeRetrySchedule(policy()).formula).toBe(
      'delay_n = random(0, min(1 min, 1 s × 2^(n−1))) for retries n = 1…5 (6 attempts in total)',
    );
    expect(computeRetrySchedule(policy({ jitter: 'decorrelated' })).formula).toContain('random(1 s, 3 × delay_(n−1))');
    expect(computeRetrySchedule(policy({ jitter: 'equal' })).formula).toContain('t/2 + random(0, t/2)');
  });

  it.each([
    [{ baseDelayMs: 0 }],
    [{ baseDelayMs: -1 }],
    [{ factor: 0.5 }],
    [{ capMs: 500 }],
    [{ maxAttempts: 0 }],
    [{ maxAttempts: 51 }],
    [{ maxAttempts: 2.5 }],
    [{ jitter: 'random' as JitterStrategy }],
    [{ minWindowMs: -5 }],
  ])('rejects an invalid policy %j', (over) => {
    expect(() => computeRetrySchedule(policy(over))).toThrow();
    expect(RetryPolicySchema.safeParse(policy(over)).success).toBe(false);
  });

  it('accepts the boundary policy values', () => {
    expect(RetryPolicySchema.safeParse(policy({ factor: 1, capMs: 1000, maxAttempts: 50 })).success).toBe(true);
    expect(RetryPolicySchema.safeParse(policy({ maxAttempts: 1 })).success).toBe(true);
  });
});

describe('solveRetryPolicy', () => {
  it.each([300, 60, 120, 600])('covers a %i s outage with the defaults', (outageSeconds) => {
    const s = solveRetryPolicy({ outageSeconds });
    expect(s.coversOutage).toBe(true);
    expect(s.schedule.cumulativeMinMs).toBeGreaterThanOrEqual(outageSeconds * 1000);
    expect(s.schedule.naturalExpectedMs).toBeGreaterThanOrEqual(outageSeconds * 1000);
    expect(s.schedule.cumulativeMaxMs).toBeLessThanOrEqual(1800 * 1000);
    expect(s.schedule.policy.maxAttempts).toBeLessThanOrEqual(12);
    expect(s.schedule.policy.minWindowMs).toBe(outageSeconds * 1000);
  });

  it('defaults to a 300 s outage, full jitter and at most 12 attempts', () => {
    const s = solveRetryPolicy();
    expect(s.schedule.policy.jitter).toBe('full');
    expect(s.coversOutage).toBe(true);
    expect(s.schedule.cumulativeMinMs).toBeGreaterThanOrEqual(300_000);
    expect(s.schedule.policy.maxAttempts).toBeLessThanOrEqual(12);
  });

  it('prefers the fewest attempts that fit', () => {
    const best = solveRetryPolicy({ outageSeconds: 300 });
    const fewer = best.schedule.policy.maxAttempts - 1;
    // No grid point with fewer attempts reaches an expected window of 300 s.
    for (const baseDelayMs of [500, 1000, 2000, 5000]) {
      for (const capMs of [30_000, 60_000, 120_000, 300_000]) {
        const s = computeRetrySchedule({ baseDelayMs, factor: 2, capMs, maxAttempts: fewer, jitter: 'full' });
        expect(s.naturalExpectedMs).toBeLessThan(300_000);
      }
    }
  });

  it('needs no more attempts for a shorter outage', () => {
    const attempts = [60, 120, 300, 600].map((o) => solveRetryPolicy({ outageSeconds: o }).schedule.policy.maxAttempts);
    expect(attempts).toEqual([...attempts].sort((a, b) => a - b));
  });

  it('keeps the first retry within its latency budget when possible', () => {
    const s = solveRetryPolicy({ firstRetryBudgetMs: 1000 });
    expect(s.coversOutage).toBe(true);
    expect(s.schedule.delays[0]!.maxMs).toBeLessThanOrEqual(1000);
    expect(s.rationale).toContain('inside the 1 s latency budget');
    const unconstrained = solveRetryPolicy();
    expect(s.schedule.policy.maxAttempts).toBeGreaterThanOrEqual(unconstrained.schedule.policy.maxAttempts);
  });

  it('says so when no policy keeps the first retry within an impossible budget', () => {
    const s = solveRetryPolicy({ firstRetryBudgetMs: 100 });
    expect(s.coversOutage).toBe(true);
    expect(s.rationale).toMatch(/No policy in the search kept the first retry within 100 ms/);
  });

  it('covers 900 s when the window budget allows it', () => {
    const s = solveRetryPolicy({ outageSeconds: 900, maxWindowSeconds: 3600 });
    expect(s.coversOutage).toBe(true);
    expect(s.schedule.cumulativeMinMs).toBeGreaterThanOrEqual(900_000);
    expect(s.schedule.naturalExpectedMs).toBeGreaterThanOrEqual(900_000);
  });

  it('reports a 900 s outage as not covered within the default 30-minute window, with the numbers', () => {
    const s = solveRetryPolicy({ outageSeconds: 900 });
    expect(s.coversOutage).toBe(false);
    expect(s.schedule.cumulativeMaxMs).toBeLessThanOrEqual(1_800_000);
    expect(s.rationale).toMatch(/^No policy covers the outage: .*short of the 15 min outage/);
  });

  it('reports an attempt budget that is too small', () => {
    const s = solveRetryPolicy({ outageSeconds: 300, maxAttempts: 3 });
    expect(s.coversOutage).toBe(false);
    expect(s.schedule.policy.maxAttempts).toBeLessThanOrEqual(3);
    expect(s.rationale).toContain('at most 3 attempts');
  });

  it('reports an outage longer than the maximum window', () => {
    const s = solveRetryPolicy({ outageSeconds: 600, maxWindowSeconds: 300 });
    expect(s.coversOutage).toBe(false);
    expect(s.schedule.cumulativeMaxMs).toBeLessThanOrEqual(300_000);
    expect(s.rationale).toContain('longer than the 5 min maximum retry window');
  });

  it.each(['decorrelated', 'none', 'equal'] as const)('solves for %s jitter when asked', (jitter) => {
    const s = solveRetryPolicy({ jitter });
    expect(s.schedule.policy.jitter).toBe(jitter);
    expect(s.coversOutage).toBe(true);
    expect(s.schedule.naturalExpectedMs).toBeGreaterThanOrEqual(300_000);
  });

  it('writes a plain rationale with the numbers', () => {
    const s = solveRetryPolicy();
    const p = s.schedule.policy;
    expect(s.rationale).toMatch(new RegExp(`^${p.maxAttempts} attempts \\(${p.maxAttempts - 1} retries\\) with full jitter`));
    expect(s.rationale).toContain('5 min outage');
    expect(s.rationale.endsWith('.')).toBe(true);
  });

  it('rejects invalid requests', () => {
    expect(() => solveRetryPolicy({ outageSeconds: -1 })).toThrow();
    expect(() => solveRetryPolicy({ maxAttempts: 1 })).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { computeRateBudget, parseRateLimit, RateBudgetRequestSchema } from '../../../src/architect/calculators/index.js';

describe('parseRateLimit', () => {
  it.each([
    ['100 requests per 10 seconds', 100, 10],
    ['100000 per 24 hours', 100_000, 86_400],
    ['100,000 API calls per 24 hours', 100_000, 86_400],
    ['25 req/s', 25, 1],
    ['5000/hour', 5000, 3600],
    ['1,000 requests per minute', 1000, 60],
    ['10 per second', 10, 1],
    ['2 requests per second per app', 2, 1],
    ['100 rps', 100, 1],
    ['15 requests/minute', 15, 60],
    ['1k/min', 1000, 60],
    ['40 calls per 20 seconds', 40, 20],
    ['15000 per day', 15_000, 86_400],
    ['15,000 API calls a day', 15_000, 86_400],
    ['600 rpm', 600, 60],
    ['1.5k requests per 5 minutes', 1500, 300],
    ['250 calls every 10 s', 250, 10],
    ['Up to 700 requests per minute per account', 700, 60],
    ['3 requests/sec', 3, 1],
    ['1m per day', 1_000_000, 86_400],
    ['100 requests/10s', 100, 10],
    ['10000 calls daily', 10_000, 86_400],
    ['40 per 20 secs', 40, 20],
    ['5 requests per 500 ms', 5, 0.5],
    ['  120   REQUESTS   PER   MINUTE ', 120, 60],
  ])('parses %j', (text, requests, windowSeconds) => {
    const parsed = parseRateLimit(text);
    expect(parsed).not.toBeNull();
    expect(parsed!.requests).toBe(requests);
    expect(parsed!.windowSeconds).toBe(windowSeconds);
    expect(parsed!.perSecond).toBeCloseTo(requests / windowSeconds, 10);
    expect(parsed!.source).toBe(text);
  });

  it.each([
    '',
    'lots',
    'unlimited',
    'no documented limit',
    'per second',
    '100',
    '100 apples',
    '0 per second',
    'fast enough',
    'requests per minute: depends on plan',
    '-5 per second',
  ])('returns null for %j', (text) => {
    expect(parseRateLimit(text)).toBeNull();
  });
});

describe('computeRateBudget', () => {
  it('computes average and peak call rates with the default peak factor', () => {
    const b = computeRateBudget({ volumePerDay: 86_400 });
    expect(b.averagePerSecond).toBe(1);
    expect(b.peakPerSecond).toBe(5);
    expect(b.callsPerDay).toBe(86_400);
  });

  it('returns no budget without a parseable limit', () => {
    for (const limit of [undefined, 'whatever the vendor allows']) {
      const b = computeRateBudget({ volumePerDay: 50_000, limit });
      expect(b.limit).toBeNull();
      expect(b.budgetPerSecond).toBeNull();
      expect(b.headroom).toBeNull();
      expect(b.tokenBucket).toBeNull();
      expect(b.needsSmoothing).toBe(false);
      expect(b.needsBatching).toBe(false);
      expect(b.warning).toBeNull();
    }
  });

  it('budgets 80% of the limit and reports headroom against the peak', () => {
    const b = computeRateBudget({ volumePerDay: 86_400, limit: '100 requests per 10 seconds' });
    expect(b.budgetPerSecond).toBeCloseTo(8, 10);
    expect(b.headroom).toBeCloseTo((8 - 5) / 8, 10);
    expect(b.needsSmoothing).toBe(false);
    expect(b.needsBatching).toBe(false);
  });

  it('sizes the token bucket so a full bucket plus a window of refill stays within the limit', () => {
    const b = computeRateBudget({ volumePerDay: 86_400, limit: '100 requests per 10 seconds' });
    const { capacity, refillPerSecond } = b.tokenBucket!;
    expect(refillPerSecond).toBeCloseTo(8, 10);
    expect(capacity + refillPerSecond * 10).toBeLessThanOrEqual(100);
    expect(capacity).toBe(20);
  });

  it('limits the burst of a daily quota to one minute of budget', () => {
    const b = computeRateBudget({ volumePerDay: 50_000, limit: '100000 API calls per 24 hours' });
    expect(b.tokenBucket!.capacity).toBe(Math.floor(b.budgetPerSecond! * 60));
    expect(b.dailyCapacity).toBe(100_000);
  });

  it('flags smoothing when the peak exceeds the budget (Stripe → Salesforce example)', () => {
    const b = computeRateBudget({ volumePerDay: 50_000, limit: '100000 API calls per 24 hours' });
    expect(b.budgetPerSecond).toBeCloseTo((100_000 / 86_400) * 0.8, 10);
    expect(b.needsSmoothing).toBe(true);
    expect(b.needsBatching).toBe(false);
    expect(b.headroom!).toBeLessThan(0);
    expect(b.warning).toBeNull();
  });

  it('flags batching when even the average exceeds the budget but the limit can still hold the day', () => {
    const b = computeRateBudget({ volumePerDay: 90_000, limit: '100000 per day' });
    expect(b.needsBatching).toBe(true);
    expect(b.warning).toBeNull();
  });

  it('warns when the daily call volume exceeds the limit’s daily capacity', () => {
    const b = computeRateBudget({ volumePerDay: 60_000, callsPerEvent: 2, limit: '100000 per day' });
    expect(b.callsPerDay).toBe(120_000);
    expect(b.needsBatching).toBe(true);
    expect(b.warning).toMatch(/120,000 calls a day exceed the limit's daily capacity of 100,000/);
  });

  it('scales with callsPerEvent, peakFactor and targetUtilization', () => {
    const base = computeRateBudget({ volumePerDay: 10_000, limit: '10 per second' });
    const doubled = computeRateBudget({ volumePerDay: 10_000, limit: '10 per second', callsPerEvent: 2 });
    expect(doubled.averagePerSecond).toBeCloseTo(base.averagePerSecond * 2, 10);
    const peaky = computeRateBudget({ volumePerDay: 10_000, limit: '10 per second', peakFactor: 10 });
    expect(peaky.peakPerSecond).toBeCloseTo(base.averagePerSecond * 10, 10);
    const full = computeRateBudget({ volumePerDay: 10_000, limit: '10 per second', targetUtilization: 1 });
    expect(full.budgetPerSecond).toBe(10);
  });

  it('headroom falls as volume grows', () => {
    const headrooms = [1000, 10_000, 100_000, 1_000_000].map(
      (v) => computeRateBudget({ volumePerDay: v, limit: '25 req/s' }).headroom!,
    );
    expect(headrooms).toEqual([...headrooms].sort((a, b) => b - a));
  });

  it('validates its request', () => {
    expect(RateBudgetRequestSchema.safeParse({ volumePerDay: 0 }).success).toBe(false);
    expect(RateBudgetRequestSchema.safeParse({ volumePerDay: 10, targetUtilization: 1.5 }).success).toBe(false);
    expect(RateBudgetRequestSchema.safeParse({ volumePerDay: 10, peakFactor: 0.5 }).success).toBe(false);
    expect(() => computeRateBudget({ volumePerDay: -1 })).toThrow();
  });
});

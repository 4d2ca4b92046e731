import { describe, expect, it } from 'vitest';
import { BacklogRequestSchema, computeBacklog, roundUpNice } from '../../../src/architect/calculators/index.js';

describe('computeBacklog', () => {
  it('accumulates peak × outage messages (default 300 s)', () => {
    const b = computeBacklog({ peakPerSecond: 3, drainPerSecond: 10 });
    expect(b.messages).toBe(900);
    expect(b.bytes).toBe(900 * 2048);
  });

  it('rounds partial messages up', () => {
    expect(computeBacklog({ peakPerSecond: 2.8935, drainPerSecond: 1, arrivalPerSecond: 0.5 }).messages).toBe(869);
  });

  it('recommends a queue capacity of twice the backlog, rounded up', () => {
    expect(computeBacklog({ peakPerSecond: 3, drainPerSecond: 10 }).queueCapacity).toBe(1800);
    expect(computeBacklog({ peakPerSecond: 57.87, drainPerSecond: 100 }).queueCapacity).toBe(35_000);
    expect(computeBacklog({ peakPerSecond: 3, drainPerSecond: 10, safetyFactor: 3 }).queueCapacity).toBe(2700);
  });

  it('drains with the spare capacity above ongoing arrivals', () => {
    const b = computeBacklog({ peakPerSecond: 3, drainPerSecond: 10, arrivalPerSecond: 1 });
    expect(b.drainSeconds).toBeCloseTo(900 / 9, 10);
  });

  it('assumes arrivals continue at the peak when not told otherwise', () => {
    expect(computeBacklog({ peakPerSecond: 3, drainPerSecond: 4 }).drainSeconds).toBe(900);
  });

  it('never drains when arrivals meet or exceed the drain rate', () => {
    expect(computeBacklog({ peakPerSecond: 3, drainPerSecond: 3 }).drainSeconds).toBe(Infinity);
    expect(computeBacklog({ peakPerSecond: 3, drainPerSecond: 2 }).drainSeconds).toBe(Infinity);
  });

  it('has nothing to drain with no traffic', () => {
    const b = computeBacklog({ peakPerSecond: 0, drainPerSecond: 1 });
    expect(b.messages).toBe(0);
    expect(b.drainSeconds).toBe(0);
    expect(b.queueCapacity).toBe(1);
  });

  it('grows with outage length and message size', () => {
    const short = computeBacklog({ peakPerSecond: 5, drainPerSecond: 10, outageSeconds: 60 });
    const long = computeBacklog({ peakPerSecond: 5, drainPerSecond: 10, outageSeconds: 600 });
    expect(long.messages).toBe(short.messages * 10);
    expect(computeBacklog({ peakPerSecond: 5, drainPerSecond: 10, messageBytes: 100 }).bytes).toBe(1500 * 100);
  });

  it('validates its request', () => {
    expect(BacklogRequestSchema.safeParse({ peakPerSecond: 1 }).success).toBe(false);
    expect(BacklogRequestSchema.safeParse({ peakPerSecond: 1, drainPerSecond: 0 }).success).toBe(false);
    expect(BacklogRequestSchema.safeParse({ peakPerSecond: -1, drainPerSecond: 1 }).success).toBe(false);
    expect(() => computeBacklog({ peakPerSecond: 1, drainPerSecond: 1, safetyFactor: 0.5 })).toThrow();
  });
});

describe('roundUpNice', () => {
  it.each([
    [7.2, 8],
    [87, 87],
    [100, 100],
    [101, 110],
    [1740, 1800],
    [34_722, 35_000],
    [35_000, 35_000],
    [1_000_001, 1_100_000],
  ])('%d → %d', (n, expected) => {
    expect(roundUpNice(n)).toBe(expected);
  });
});

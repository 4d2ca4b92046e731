import { describe, expect, it } from 'vitest';
import { BreakerRequestSchema, deriveBreakerSettings } from '../../../src/architect/calculators/index.js';

describe('deriveBreakerSettings', () => {
  it('derives settings for the 50,000/day example', () => {
    const b = deriveBreakerSettings({ volumePerDay: 50_000 });
    expect(b.failureRateThreshold).toBe(50);
    expect(b.slidingWindowSeconds).toBe(60);
    // 50,000 / 86,400 × 60 ≈ 34.7 calls a window; half of that.
    expect(b.minimumCalls).toBe(17);
    expect(b.openSeconds).toBe(30);
    expect(b.halfOpenProbes).toBe(3);
    expect(b.slowCallSeconds).toBe(5);
  });

  it('keeps the minimum number of calls below resilience4j’s 100 at low volume so the breaker can trip', () => {
    for (const volumePerDay of [100, 1000, 10_000, 50_000, 100_000]) {
      const b = deriveBreakerSettings({ volumePerDay });
      expect(b.minimumCalls).toBeLessThan(100);
      expect(b.minimumCalls).toBeGreaterThanOrEqual(3);
    }
  });

  it('widens the window for thin traffic, but never beyond half the outage', () => {
    const thin = deriveBreakerSettings({ volumePerDay: 500 });
    expect(thin.slidingWindowSeconds).toBe(150);
    expect(thin.minimumCalls).toBe(3);
    expect(thin.rationale).toContain('3 consecutive failures');
    const shortOutage = deriveBreakerSettings({ volumePerDay: 500, outageSeconds: 60 });
    expect(shortOutage.slidingWindowSeconds).toBe(60);
  });

  it('caps the minimum number of calls at 100 for high volume', () => {
    expect(deriveBreakerSettings({ volumePerDay: 5_000_000 }).minimumCalls).toBe(100);
  });

  it('is monotonic: more volume never lowers the minimum calls or widens the window', () => {
    const volumes = [10, 100, 1000, 5000, 20_000, 50_000, 200_000, 1_000_000, 10_000_000];
    const settings = volumes.map((v) => deriveBreakerSettings({ volumePerDay: v }));
    const mins = settings.map((s) => s.minimumCalls);
    const windows = settings.map((s) => s.slidingWindowSeconds);
    expect(mins).toEqual([...mins].sort((a, b) => a - b));
    expect(windows).toEqual([...windows].sort((a, b) => b - a));
  });

  it('keeps the open duration well under the outage so probes detect recovery', () => {
    for (const outageSeconds of [30, 60, 300, 900, 3600]) {
      const b = deriveBreakerSettings({ volumePerDay: 50_000, outageSeconds });
      expect(b.openSeconds).toBeGreaterThanOrEqual(5);
      expect(b.openSeconds).toBeLessThanOrEqual(60);
      if (outageSeconds >= 60) expect(b.openSeconds).toBeLessThanOrEqual(outageSeconds / 5);
    }
  });

  it('puts the slow-call threshold below the request timeout', () => {
    expect(deriveBreakerSettings({ volumePerDay: 1000, requestTimeoutSeconds: 30 }).slowCallSeconds).toBe(15);
    expect(deriveBreakerSettings({ volumePerDay: 1000, requestTimeoutSeconds: 1 }).slowCallSeconds).toBe(1);
  });

  it('explains itself with the numbers', () => {
    const b = deriveBreakerSettings({ volumePerDay: 50_000 });
    expect(b.rationale).toContain('50% of at least 17 calls');
    expect(b.rationale).toContain('30 s');
    expect(b.rationale).toContain('never trip at this volume');
    expect(b.rationale).not.toContain('consecutive');
  });

  it('validates its request', () => {
    expect(BreakerRequestSchema.safeParse({ volumePerDay: 0 }).success).toBe(false);
    expect(BreakerRequestSchema.safeParse({ volumePerDay: 10, peakFactor: 0 }).success).toBe(false);
    expect(() => deriveBreakerSettings({ volumePerDay: 10, outageSeconds: -1 })).toThrow();
  });
});

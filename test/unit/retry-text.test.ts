import { describe, expect, it } from 'vitest';
import { computeRetrySchedule, solveRetryPolicy } from '../../src/architect/calculators/index.js';
import type { JitterStrategy } from '../../src/architect/calculators/types.js';
import { parseRetryText } from '../../src/architect/retry-text.js';

describe('parseRetryText', () => {
  it('reads named parameters in prose', () => {
    const p = parseRetryText(
      'Max attempts: 8 (1 try + 7 retries). Base delay of 500 ms, doubling each time, capped at 2 minutes. Jitter: ±20%.',
    );
    expect(p).toMatchObject({ maxAttempts: 8, baseDelayMs: 500, factor: 2, capMs: 120_000, jitter: 'equal', statedWindowMs: null });
    expect(p.jitterRange).toContain('±20%');
  });

  it('reads a formula with base, factor and cap in it', () => {
    const p = parseRetryText('delay = random(0, min(30 s, 2 s × 3^n)); retry up to 6 times.');
    expect(p).toMatchObject({ maxAttempts: 7, baseDelayMs: 2000, factor: 3, capMs: 30_000, jitter: 'full' });
    expect(p.formula).toBe('2 s × 3^n');
  });

  it('reads a parameter table', () => {
    const table = [
      '| Parameter | Value |',
      '|---|---|',
      '| **Max attempts** | 8 |',
      '| Base delay | 2 s |',
      '| Multiplier | 3 |',
      '| Max delay | 120 s |',
      '| Jitter | Full jitter: `sleep = random(0, min(120, 2 × 3^attempt))` |',
      '| **Total retry window** | ~6.5 min |',
    ].join('\n');
    expect(parseRetryText(table)).toMatchObject({
      maxAttempts: 8,
      baseDelayMs: 2000,
      factor: 3,
      capMs: 120_000,
      jitter: 'full',
      formula: '2 × 3^attempt',
      statedWindowMs: 390_000,
    });
  });

  it('reads code-style parameters', () => {
    const p = parseRetryText('```ts\nconst policy = { maxAttempts: 9, baseDelayMs: 250, maxDelayMs: 60000, factor: 2 };\n```\nDecorrelated jitter.');
    expect(p).toMatchObject({ maxAttempts: 9, baseDelayMs: 250, capMs: 60_000, factor: 2, jitter: 'decorrelated' });
  });

  it.each<[string, number]>([
    ['total retry window ≥ 5 min', 300_000],
    ['Total retry window: 8 min', 480_000],
    ['a retry deadline of 6 minutes', 360_000],
    ['retries span about 5 min 30 s', 330_000],
    ['the last retry waits until at least 7 min after the first failure', 420_000],
    ['cumulative delay ≈ 400 s', 400_000],
  ])('reads the stated window in "%s"', (text, ms) => {
    expect(parseRetryText(text).statedWindowMs).toBe(ms);
  });

  it('counts retries as attempts minus the first try', () => {
    expect(parseRetryText('We make 5 retries.').maxAttempts).toBe(6);
    expect(parseRetryText('max retries = 4').maxAttempts).toBe(5);
    expect(parseRetryText('up to 10 attempts in total').maxAttempts).toBe(10);
  });

  it('does not take a peak factor or an HTTP status for retry parameters', () => {
    const p = parseRetryText('Peak factor 5 over the average. Retry on 429 and 503.');
    expect(p).toMatchObject({ factor: null, maxAttempts: null, jitter: null, formula: null });
  });

  it('tells jitter named without a range from jitter with one', () => {
    expect(parseRetryText('Exponential backoff with jitter.')).toMatchObject({ jitter: 'full', jitterRange: null });
    expect(parseRetryText('jitter: a random wait between 0 and the delay')).toMatchObject({ jitter: 'full' });
    expect(parseRetryText('No jitter.')).toMatchObject({ jitter: 'none', jitterRange: null });
  });
});

describe('parseRetryText reads back what the calculators write', () => {
  it.each<[JitterStrategy, number, number, number]>([
    ['full', 1000, 60_000, 10],
    ['equal', 500, 30_000, 8],
    ['none', 2000, 120_000, 6],
  ])('%s jitter, base %d ms, cap %d ms, %d attempts', (jitter, baseDelayMs, capMs, maxAttempts) => {
    const schedule = computeRetrySchedule({ baseDelayMs, factor: 2, capMs, maxAttempts, jitter });
    const p = parseRetryText(schedule.formula);
    // The calculator writes no jitter term for 'none'; unmentioned jitter reads as null (treated as none).
    expect(p).toMatchObject({ baseDelayMs, capMs, maxAttempts, factor: 2, jitter: jitter === 'none' ? null : jitter });
  });

  it('reads the solver rationale, deadline included', () => {
    const solution = solveRetryPolicy({ outageSeconds: 300 });
    const p = parseRetryText(`${solution.schedule.formula}. ${solution.rationale}`);
    const policy = solution.schedule.policy;
    expect(p).toMatchObject({ maxAttempts: policy.maxAttempts, baseDelayMs: policy.baseDelayMs, capMs: policy.capMs });
    expect(p.statedWindowMs).toBeGreaterThanOrEqual(300_000);
  });
});

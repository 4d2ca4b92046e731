import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber } from '../../../src/architect/calculators/index.js';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [450, '450 ms'],
    [999.6, '1000 ms'],
    [1000, '1 s'],
    [1500, '1.5 s'],
    [12_000, '12 s'],
    [59_400, '59 s'],
    [60_000, '1 min'],
    [330_000, '5 min 30 s'],
    [615_000, '10 min 15 s'],
    [3_600_000, '1 h'],
    [7_200_000, '2 h'],
    [3_900_000, '1 h 5 min'],
    [86_400_000, '1 d'],
    [3 * 86_400_000 + 4 * 3_600_000, '3 d 4 h'],
    [Infinity, 'never (∞)'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatNumber', () => {
  it.each([
    [1234.5, '1,235'],
    [100_000, '100,000'],
    [12.34, '12.3'],
    [2.8935, '2.89'],
    [0.5787, '0.58'],
    [0, '0'],
  ])('%d → %s', (n, text) => {
    expect(formatNumber(n)).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import {
  computeBacklog,
  computeRateBudget,
  computeRetrySchedule,
  deriveBreakerSettings,
  solveRetryPolicy,
} from '../../src/architect/calculators/index.js';
import { createToolSet } from '../../src/architect/engines/tools.js';
import { toToolJson } from '../../src/architect/engines/schema.js';

const tools = createToolSet();

describe('calculator tools', () => {
  it('exposes four tools with object input schemas generated from the zod schemas', () => {
    expect(tools.definitions.map((d) => d.name)).toEqual(['retry_schedule', 'rate_limit_budget', 'outage_backlog', 'circuit_breaker']);
    for (const d of tools.definitions) {
      expect(d.input_schema.type).toBe('object');
      expect(d.input_schema).not.toHaveProperty('$schema');
      expect(d.description!.length).toBeGreaterThan(40);
    }
    const budget = tools.definitions.find((d) => d.name === 'rate_limit_budget')!;
    expect(budget.input_schema.required).toEqual(['volumePerDay']);
    expect(Object.keys(budget.input_schema.properties as object)).toContain('limit');
  });

  it('returns exactly the calculators’ results as JSON', () => {
    const policy = { baseDelayMs: 1000, factor: 2, capMs: 60_000, maxAttempts: 6, jitter: 'full' as const };
    expect(tools.run('retry_schedule', {})).toEqual({ content: toToolJson(solveRetryPolicy({})), isError: false });
    expect(tools.run('retry_schedule', { solve: { outageSeconds: 120 } }).content).toBe(toToolJson(solveRetryPolicy({ outageSeconds: 120 })));
    const evaluated = JSON.parse(tools.run('retry_schedule', { policy }).content);
    expect(evaluated.schedule).toEqual(computeRetrySchedule(policy));
    expect(evaluated.coversOutage).toBe(computeRetrySchedule(policy).cumulativeMinMs >= 300_000);

    const budget = { volumePerDay: 2_000_000, limit: '100 requests per 10 seconds' };
    expect(tools.run('rate_limit_budget', budget).content).toBe(toToolJson(computeRateBudget(budget)));
    const breaker = { volumePerDay: 30_000 };
    expect(tools.run('circuit_breaker', breaker).content).toBe(toToolJson(deriveBreakerSettings(breaker)));
  });

  it('keeps Infinity readable for a backlog that never drains', () => {
    const input = { peakPerSecond: 5, drainPerSecond: 4 };
    expect(computeBacklog(input).drainSeconds).toBe(Infinity);
    expect(JSON.parse(tools.run('outage_backlog', input).content).drainSeconds).toBe('Infinity');
  });

  it('reports invalid input, with the path, as an error the model can correct', () => {
    const missing = tools.run('outage_backlog', { peakPerSecond: 5 });
    expect(missing.isError).toBe(true);
    expect(missing.content).toMatch(/^invalid input: drainPerSecond/);

    const refined = tools.run('retry_schedule', { policy: { baseDelayMs: 1000, factor: 2, capMs: 500, maxAttempts: 5, jitter: 'full' } });
    expect(refined).toEqual({ content: 'invalid input: policy.capMs: capMs must be ≥ baseDelayMs', isError: true });

    expect(tools.run('rate_limit_budget', 'not an object').isError).toBe(true);
  });

  it('reports unknown tools as errors', () => {
    const outcome = tools.run('weather', {});
    expect(outcome.isError).toBe(true);
    expect(outcome.content).toContain('retry_schedule');
    expect(tools.has('weather')).toBe(false);
    expect(tools.has('circuit_breaker')).toBe(true);
  });
});

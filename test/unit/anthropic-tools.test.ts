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
  it('exposes the calculators and the provider facts as tools with schemas generated from zod', () => {
    expect(tools.definitions.map((d) => d.name)).toEqual(['retry_schedule', 'rate_limit_budget', 'limit_budget', 'provider_facts', 'outage_backlog', 'circuit_breaker']);
    for (const d of tools.definitions) {
      expect(d.input_schema.type).toBe('object');
      expect(d.input_schema).not.toHaveProperty('$schema');
      expect(d.description!.length).toBeGreaterThan(40);
    }
    const budget = tools.definitions.find((d) => d.name === 'rate_limit_budget')!;
    expect(budget.input_schema.required).toEqual(['volumePerDay']);
    expect(Object.keys(budget.input_schema.properties as object)).toContain('limit');
  });

  it('sizes a concurrency limit with Little’s law and answers provider facts with their sources', () => {
    const budget = JSON.parse(
      tools.run('limit_budget', { limits: [{ type: 'concurrency', max: 5 }], callsPerDay: 20_000, callLatencySeconds: 0.8 }).content,
    ) as { capacities: { capacity: { permits: number; sustainedPerSecond: number } }[]; feasibility: { fitsDaily: boolean } };
    expect(budget.capacities[0]!.capacity).toMatchObject({ permits: 4, sustainedPerSecond: 5 });
    expect(budget.feasibility.fitsDaily).toBe(true);
    const shopify = JSON.parse(tools.run('provider_facts', { name: 'Shopify' }).content) as { found: boolean; sources: string[]; push: unknown[] };
    expect(shopify.found).toBe(true);
    expect(shopify.sources.every((u) => u.startsWith('https://'))).toBe(true);
    expect(JSON.stringify(shopify.push)).toContain('X-Shopify-Hmac-SHA256');
    expect(JSON.parse(tools.run('provider_facts', { name: 'Acme Widgets' }).content)).toMatchObject({ found: false });
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

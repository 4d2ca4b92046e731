import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { newCorrelationId, traceIdFromTraceparent, withCorrelation } from '../../src/observability/context.js';
import { createLogger } from '../../src/observability/logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  return { lines, logger: createLogger({ level: 'info' }, stream) };
}

describe('logger', () => {
  it('stamps the correlation id from the async context onto every line, across awaits', async () => {
    const { lines, logger } = capture();
    await withCorrelation({ correlationId: 'abc', teamId: 'T1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      logger.info('inside');
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside', correlation_id: 'abc', team_id: 'T1' });
    expect(lines[1]).not.toHaveProperty('correlation_id');
  });

  it('redacts secrets by key', () => {
    const { lines, logger } = capture();
    logger.info({ token: 'xoxb-secret', headers: { authorization: 'Bearer x' }, config: { engine: { apiKey: 'sk-ant' } } }, 'cfg');
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('xoxb-secret');
    expect(text).not.toContain('Bearer x');
    expect(text).not.toContain('sk-ant');
  });
});

describe('correlation ids', () => {
  it('are W3C trace-id shaped', () => {
    expect(newCorrelationId()).toMatch(/^[0-9a-f]{32}$/);
    expect(newCorrelationId()).not.toBe(newCorrelationId());
  });

  it('reads valid traceparent headers and ignores invalid ones', () => {
    expect(traceIdFromTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceIdFromTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(traceIdFromTraceparent('00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01')).toBeUndefined();
    expect(traceIdFromTraceparent('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBeUndefined();
    expect(traceIdFromTraceparent(undefined)).toBeUndefined();
  });
});

describe('instrumentEngine', () => {
  it('counts designs by outcome and totals model tokens', async () => {
    const { createMetrics } = await import('../../src/observability/metrics.js');
    const { instrumentEngine } = await import('../../src/observability/instrument-engine.js');
    const { createOfflineEngine } = await import('../../src/architect/engines/offline.js');
    const metrics = createMetrics();
    const base = createOfflineEngine();
    const usage = { inputTokens: 10, outputTokens: 20, cacheReadTokens: 5, cacheCreationTokens: 1, latencyMs: 1 };
    const lines: object[] = [];
    const logger = { info: (o: object) => void lines.push(o), warn: (o: object) => void lines.push(o) };
    const engine = instrumentEngine(
      { ...base, design: async (inputs, o) => ({ ...(await base.design(inputs, o)), usage }) },
      metrics,
      logger,
    );
    const inputs = {
      systems: [
        { name: 'Stripe', description: 'payments' },
        { name: 'Salesforce', description: 'CRM' },
      ],
      flows: [{ from: 'Stripe', to: 'Salesforce', data: 'payments' }],
    };
    await engine.design(inputs);
    await expect(instrumentEngine({ ...base, design: () => Promise.reject(new Error('x')) }, metrics).design(inputs)).rejects.toThrow('x');
    const text = await metrics.registry.metrics();
    expect(text).toContain('ia_designs_total{engine="offline",outcome="ok"} 1');
    expect(text).toContain('ia_designs_total{engine="offline",outcome="error"} 1');
    expect(text).toContain('ia_model_tokens_total{kind="cache_read"} 5');
    expect(text).toMatch(/ia_design_duration_seconds_count\{engine="offline"\} 2/);
    expect(lines[0]).toMatchObject({ engine: 'offline', operation: 'design', input_tokens: 10, cache_read_tokens: 5, quality_passed: true });
  });
});

describe('ia_backlog', () => {
  it('reads the work in flight when scraped, and is left out until there is something to read', async () => {
    const { createMetrics } = await import('../../src/observability/metrics.js');
    let backlog: { postAck: number; jobs: number } | undefined;
    const metrics = createMetrics({ backlog: async () => backlog });
    expect(await metrics.registry.metrics()).not.toMatch(/^ia_backlog\{/m);
    backlog = { postAck: 3, jobs: 12 };
    const text = await metrics.registry.metrics();
    expect(text).toContain('ia_backlog{kind="post_ack"} 3');
    expect(text).toContain('ia_backlog{kind="jobs"} 12');
    backlog = { postAck: 0, jobs: 1 };
    expect(await metrics.registry.metrics()).toContain('ia_backlog{kind="post_ack"} 0');
  });
});

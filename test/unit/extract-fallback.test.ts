import { describe, expect, it } from 'vitest';
import { withFallback } from '../../src/architect/engines/factory.js';
import { createHeuristicExtractor } from '../../src/architect/extract.js';

const text = 'sync Stripe payments into Salesforce';

describe('model extraction with the heuristic as fallback', () => {
  it('uses the model when it finds something', async () => {
    const extract = withFallback(async () => ({ volumePerDay: 5 }), createHeuristicExtractor());
    expect(await extract(text)).toEqual({ volumePerDay: 5 });
  });

  it('falls back when the model finds nothing or fails', async () => {
    const warnings: object[] = [];
    const logger = { info: () => undefined, warn: (o: object) => void warnings.push(o), error: () => undefined };
    const empty = withFallback(async () => ({}), createHeuristicExtractor());
    const failing = withFallback(() => Promise.reject(new Error('overloaded')), createHeuristicExtractor(), logger);
    for (const extract of [empty, failing]) {
      const found = await extract(text);
      expect(found.systems?.map((s) => s.name)).toEqual(['Stripe', 'Salesforce']);
    }
    expect(warnings).toHaveLength(1);
  });

  it('does not paper over a cancelled request', async () => {
    const controller = new AbortController();
    controller.abort();
    const extract = withFallback(() => Promise.reject(new Error('aborted')), createHeuristicExtractor());
    await expect(extract(text, { signal: controller.signal })).rejects.toThrow('aborted');
  });
});

import { describe, expect, it } from 'vitest';
import { readQuantities, type QuantityRole } from '../../src/architect/extract/quantities.js';

const read = (text: string) => readQuantities(text).map((q) => ({ role: q.role, value: q.value, ...(q.limit ? { limit: q.limit } : {}), owner: q.owner }));

describe('readQuantities: every number with its role', () => {
  it.each<[string, QuantityRole, number]>([
    ['~40k orders a day', 'volume', 40_000],
    ['about 10,000 events/day', 'volume', 10_000],
    ['20 events per second', 'volume', 1_728_000],
    ['around 200 per second at peak', 'peak', 17_280_000],
    ['peaks at 10x during Black Friday', 'peak-factor', 10],
    ['Black Friday is 20x normal', 'peak-factor', 20],
    ['needs to show up in Salesforce within 5 minutes', 'latency', 300],
    ['must survive a 2 hour outage of NetSuite', 'outage', 7200],
    ['the ERP has a 4 hour maintenance window every Sunday', 'outage', 14_400],
    ['each record is ~4 KB', 'record-size', 4000],
    ['backfill 3 million historical orders first', 'backfill', 3_000_000],
    ['each call takes about 800 ms', 'call-latency', 0.8],
    ['poll every 5 minutes', 'interval', 300],
  ])('%s → %s %d', (text, role, value) => {
    const q = read(text);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ role, value });
  });

  it('tells a daily API quota from the daily volume in one sentence, and whose it is', () => {
    expect(read('~40k orders a day, but their API only allows 25k calls per day')).toEqual([
      { role: 'volume', value: 40_000, owner: null },
      { role: 'limit', value: 25_000, limit: { limit: '25k calls per day', type: 'quota', amount: 25_000, periodSeconds: 86_400 }, owner: 'theirs' },
    ]);
    expect(read('vol 500k/day, sf limit 100k/day').map((q) => q.role)).toEqual(['volume', 'limit']);
  });

  it('types limits of every kind', () => {
    expect(read('hubspot limits us to 100 requests per 10 seconds')[0]!.limit).toEqual({ limit: '100 requests per 10 seconds', type: 'rate', requests: 100, windowSeconds: 10 });
    expect(read('5,000 requests per hour per user')[0]!.limit).toMatchObject({ type: 'rate', requests: 5000, windowSeconds: 3600, scope: 'per user' });
    expect(read('netsuite only allows 10 concurrent requests')[0]!.limit).toMatchObject({ type: 'concurrency', max: 10 });
    expect(read('the billing service can take max 20 requests at a time')[0]!.limit).toMatchObject({ type: 'concurrency', max: 20 });
    expect(read('a quota of 10 million calls per month')[0]!.limit).toMatchObject({ type: 'quota', amount: 10_000_000, periodSeconds: 2_592_000 });
    expect(read('Shopify GraphQL has a 1000 point bucket that restores 50 points per second')[0]!.limit).toMatchObject({ type: 'points', bucket: 1000, restorePerSecond: 50 });
    expect(read('rate limit unknown, ask the vendor')[0]!.limit).toMatchObject({ type: 'unknown' });
    expect(read("support won't say, we don't know their rate limit")[0]!.limit).toMatchObject({ type: 'unknown' });
  });

  it('reads no traffic from counts that are not traffic', () => {
    expect(read('we have 2,000 employees')).toEqual([{ role: 'population', value: 2000, owner: null }]);
    expect(read('retry 3 times')).toEqual([]);
    expect(read('the login endpoint allows 5 attempts per minute').filter((q) => q.role === 'volume')).toEqual([]);
  });

  it('counts requests we make as traffic, requests an API allows as a limit', () => {
    expect(read('we make about 5k calls a day')[0]).toMatchObject({ role: 'volume', value: 5000 });
    expect(read('their API gives us 5k calls a day')[0]).toMatchObject({ role: 'limit' });
  });
});

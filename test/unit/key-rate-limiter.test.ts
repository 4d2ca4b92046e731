import { describe, expect, it } from 'vitest';
import { createKeyRateLimiter } from '../../src/resilience/key-rate-limiter.js';

describe('createKeyRateLimiter', () => {
  it('allows a burst up to capacity, then says how long to wait, and refills evenly', () => {
    let t = 0;
    const limiter = createKeyRateLimiter({ capacity: 3, perMs: 3_600_000, now: () => t });
    expect([limiter.take('u'), limiter.take('u'), limiter.take('u')]).toEqual([0, 0, 0]);
    expect(limiter.take('u')).toBe(1_200_000); // one token every 20 minutes
    t += 1_200_000;
    expect(limiter.take('u')).toBe(0);
    expect(limiter.take('u')).toBeGreaterThan(0);
  });

  it('keeps keys apart and forgets the least recently used beyond maxKeys', () => {
    const limiter = createKeyRateLimiter({ capacity: 1, perMs: 1000, now: () => 0, maxKeys: 2 });
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('b')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
    limiter.take('c'); // evicts b (a was used more recently)
    expect(limiter.take('b')).toBe(0);
  });
});

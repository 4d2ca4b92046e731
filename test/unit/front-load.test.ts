import { describe, expect, it } from 'vitest';
import { countRequests, FrontLoad } from '../../src/http/front-load.js';

describe('FrontLoad', () => {
  it('holds waiters while requests are being answered and lets them go in the order they came', async () => {
    const load = new FrontLoad();
    const front = countRequests(load.buffer);
    const done = front.start();
    const order: number[] = [];
    const waits = [1, 2, 3].map((n) => load.quiet(5_000).then(() => order.push(n)));
    await new Promise((r) => setTimeout(r, 30));
    expect(order).toEqual([]);
    done();
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
  });

  it('puts a newcomer behind those already waiting, even once the requests are answered', async () => {
    const load = new FrontLoad();
    const done = countRequests(load.buffer).start();
    const order: string[] = [];
    const first = load.quiet(5_000).then(() => order.push('first'));
    done();
    // Quiet now, but 'first' has not been let go yet: the newcomer must not overtake it.
    const second = load.quiet(5_000).then(() => order.push('second'));
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });

  it('gives up waiting after maxMs, so a flood of requests delays work but never stops it', async () => {
    const load = new FrontLoad();
    countRequests(load.buffer).start();
    const started = Date.now();
    await load.quiet(40);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('counts deliveries forwarded and not yet handled', () => {
    const load = new FrontLoad();
    const front = countRequests(load.buffer);
    front.forwarded();
    front.forwarded();
    expect(load.undelivered).toBe(2);
    load.handled();
    expect(load.undelivered).toBe(1);
  });
});

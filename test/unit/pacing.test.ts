import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChannelPacer, createThrottle } from '../../src/slack/pacing.js';

describe('ChannelPacer', () => {
  it('keeps posts to one channel at least gapMs apart, in order, and other channels independent', async () => {
    let t = 0;
    const sleeps: number[] = [];
    const pacer = new ChannelPacer(1000, () => t, async (ms) => {
      sleeps.push(ms);
      t += ms;
    });
    const order: string[] = [];
    const post = (ch: string, id: string) => pacer.run(ch, async () => {
      order.push(`${id}@${t}`);
    });
    await Promise.all([post('C1', 'a'), post('C1', 'b'), post('C2', 'x'), post('C1', 'c')]);
    expect(order.filter((o) => !o.startsWith('x'))).toEqual(['a@0', 'b@1000', 'c@2000']);
    expect(order).toContain('x@0');
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('a failed post does not block the next one', async () => {
    const pacer = new ChannelPacer(0);
    await expect(pacer.run('C', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(pacer.run('C', async () => 'ok')).resolves.toBe('ok');
  });
});

describe('createThrottle', () => {
  afterEach(() => vi.useRealTimers());

  it('sends at most once per interval and always delivers the latest value', async () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const throttle = createThrottle<number>(async (v) => void sent.push(v), 1000, () => Date.now());
    throttle.push(1); // immediate
    throttle.push(2);
    throttle.push(3); // replaces 2
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([1, 3]);
    for (let i = 4; i < 30; i++) {
      throttle.push(i);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.at(-1)).toBe(29);
    expect(sent.length).toBeLessThanOrEqual(2 + 4); // ~2.6 s of pushes → at most one send a second
  });

  it('cancel drops pending values', async () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const throttle = createThrottle<number>(async (v) => void sent.push(v), 1000, () => Date.now());
    throttle.push(1);
    throttle.push(2);
    await throttle.cancel();
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toEqual([1]);
  });
});

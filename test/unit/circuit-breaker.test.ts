import { describe, expect, it } from 'vitest';
import { CircuitBreaker, CircuitOpenError, type BreakerState } from '../../src/resilience/circuit-breaker.js';

function setup(overrides: Partial<ConstructorParameters<typeof CircuitBreaker>[0]> = {}) {
  let t = 0;
  const states: BreakerState[] = [];
  const breaker = new CircuitBreaker({
    dependency: 'model',
    failureThreshold: 3,
    openMs: 1000,
    now: () => t,
    onStateChange: (s) => states.push(s),
    ...overrides,
  });
  return { breaker, states, advance: (ms: number) => (t += ms) };
}

const fail = () => Promise.reject(new Error('boom'));
const ok = () => Promise.resolve('ok');

describe('CircuitBreaker', () => {
  it('opens after consecutive failures and then fails fast without calling', async () => {
    const { breaker, states } = setup();
    for (let i = 0; i < 3; i++) await expect(breaker.run(fail)).rejects.toThrow('boom');
    expect(breaker.currentState).toBe('open');
    let called = false;
    await expect(
      breaker.run(async () => {
        called = true;
      }),
    ).rejects.toBeInstanceOf(CircuitOpenError);
    expect(called).toBe(false);
    expect(states).toEqual(['open']);
  });

  it('a success resets the consecutive count', async () => {
    const { breaker } = setup();
    await expect(breaker.run(fail)).rejects.toThrow();
    await expect(breaker.run(fail)).rejects.toThrow();
    await breaker.run(ok);
    await expect(breaker.run(fail)).rejects.toThrow();
    expect(breaker.currentState).toBe('closed');
  });

  it('half-opens after the open duration; a successful probe closes it', async () => {
    const { breaker, states, advance } = setup();
    for (let i = 0; i < 3; i++) await expect(breaker.run(fail)).rejects.toThrow();
    advance(999);
    expect(breaker.retryAfterMs).toBe(1);
    advance(1);
    expect(breaker.currentState).toBe('half-open');
    await expect(breaker.run(ok)).resolves.toBe('ok');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('a failed probe re-opens it and limits concurrent probes', async () => {
    const { breaker, advance } = setup();
    for (let i = 0; i < 3; i++) await expect(breaker.run(fail)).rejects.toThrow();
    advance(1000);
    let release!: () => void;
    const probe = breaker.run(() => new Promise<void>((_r, reject) => (release = () => reject(new Error('still down')))));
    await expect(breaker.run(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    release();
    await expect(probe).rejects.toThrow('still down');
    expect(breaker.currentState).toBe('open');
  });

  it('ignores errors that are not dependency failures', async () => {
    const { breaker } = setup({ isFailure: (e) => (e as Error).message !== 'bad request' });
    for (let i = 0; i < 5; i++) await expect(breaker.run(() => Promise.reject(new Error('bad request')))).rejects.toThrow();
    expect(breaker.currentState).toBe('closed');
  });

  it('supports manual force-open and reset', () => {
    const { breaker } = setup();
    breaker.forceOpen();
    expect(breaker.currentState).toBe('open');
    breaker.reset();
    expect(breaker.currentState).toBe('closed');
  });
});

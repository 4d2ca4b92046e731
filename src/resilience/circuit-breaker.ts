/**
 * A consecutive-failure circuit breaker for the bot's own dependency on the model. Closed → Open after
 * `failureThreshold` consecutive failures; Open fails fast for `openMs`; then Half-open admits up to
 * `halfOpenProbes` trial calls: one success closes it, any failure re-opens it.
 * Time comes from an injected clock so behaviour is testable without sleeping.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitOpenError extends Error {
  readonly code = 'circuit_open';
  constructor(
    public readonly dependency: string,
    public readonly retryAfterMs: number,
  ) {
    super(`${dependency} circuit is open; retry in ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'CircuitOpenError';
  }
}

export interface CircuitBreakerOptions {
  dependency: string;
  failureThreshold?: number;
  openMs?: number;
  halfOpenProbes?: number;
  /** Errors for which this returns false (e.g. bad requests) don't count as dependency failures. */
  isFailure?: (error: unknown) => boolean;
  now?: () => number;
  onStateChange?: (state: BreakerState, dependency: string) => void;
}

export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probesInFlight = 0;
  private readonly threshold: number;
  private readonly openMs: number;
  private readonly probes: number;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.threshold = options.failureThreshold ?? 5;
    this.openMs = options.openMs ?? 30_000;
    this.probes = options.halfOpenProbes ?? 1;
    this.now = options.now ?? Date.now;
  }

  get currentState(): BreakerState {
    if (this.state === 'open' && this.now() - this.openedAt >= this.openMs) this.transition('half-open');
    return this.state;
  }

  /** Milliseconds until an open breaker admits a probe (0 when closed or half-open). */
  get retryAfterMs(): number {
    return this.currentState === 'open' ? Math.max(0, this.openMs - (this.now() - this.openedAt)) : 0;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const state = this.currentState;
    if (state === 'open') throw new CircuitOpenError(this.options.dependency, this.retryAfterMs);
    if (state === 'half-open') {
      if (this.probesInFlight >= this.probes) throw new CircuitOpenError(this.options.dependency, this.openMs);
      this.probesInFlight++;
    }
    try {
      const result = await fn();
      this.onSuccess();
      return result;
    } catch (error) {
      if (this.options.isFailure?.(error) ?? true) this.onFailure();
      else this.onSuccess();
      throw error;
    } finally {
      if (state === 'half-open') this.probesInFlight--;
    }
  }

  /** Manual override for operators (force open), as the pattern recommends. */
  forceOpen(): void {
    this.openedAt = this.now();
    this.transition('open');
  }

  reset(): void {
    this.failures = 0;
    this.transition('closed');
  }

  private onSuccess(): void {
    this.failures = 0;
    if (this.state !== 'closed') this.transition('closed');
  }

  private onFailure(): void {
    this.failures++;
    if (this.state === 'half-open' || this.failures >= this.threshold) {
      this.openedAt = this.now();
      this.transition('open');
    }
  }

  private transition(next: BreakerState): void {
    if (this.state === next) return;
    this.state = next;
    this.options.onStateChange?.(next, this.options.dependency);
  }
}

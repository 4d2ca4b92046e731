/**
 * Contracts of the pure calculators. Engines (offline directly, Claude through tools) depend on these
 * shapes; the implementations live beside this file (retry.ts, rate-limit.ts, backlog.ts, breaker.ts).
 * All durations are milliseconds unless the name says otherwise.
 */

/** Brooker's strategies (AWS Architecture Blog, 2015), plus none for comparison. */
export type JitterStrategy = 'none' | 'full' | 'equal' | 'decorrelated';

export interface RetryPolicy {
  baseDelayMs: number;
  /** Exponential factor (2 = doubling). */
  factor: number;
  capMs: number;
  /** Total attempts including the first try. */
  maxAttempts: number;
  jitter: JitterStrategy;
  /**
   * Optional retry deadline: the last retry is held back until at least this long after the first failure,
   * so the minimum cumulative window is guaranteed even with full jitter (whose per-attempt floor is 0).
   */
  minWindowMs?: number;
}

export interface RetryDelay {
  /** 1 = the delay before the first retry (attempt 2). */
  retry: number;
  minMs: number;
  maxMs: number;
}

export interface RetrySchedule {
  policy: RetryPolicy;
  delays: RetryDelay[];
  cumulativeMinMs: number;
  cumulativeMaxMs: number;
  /** Expected cumulative wait (mean of the jitter distribution). */
  cumulativeExpectedMs: number;
  /** Expected cumulative wait of the jittered delays alone, before the retry deadline holds the last retry back. */
  naturalExpectedMs: number;
  /** True when minWindowMs raised the last delay's floor. */
  deadlineApplied: boolean;
  /** Human-readable formula, e.g. "delay_n = random(0, min(60 s, 1 s × 2^n))". */
  formula: string;
}

export interface RetrySolveRequest {
  /** Outage the minimum cumulative window must cover (default 300 s, the seed's). */
  outageSeconds?: number;
  /** Upper bound on total attempts including the first (default 12). */
  maxAttempts?: number;
  /** Upper bound on the maximum cumulative window (default 30 minutes). */
  maxWindowSeconds?: number;
  /** Latency budget for the first retry; the first retry's maximum delay stays within it when possible. */
  firstRetryBudgetMs?: number;
  jitter?: JitterStrategy;
}

export interface RetrySolution {
  schedule: RetrySchedule;
  coversOutage: boolean;
  /** Why these parameters: one or two sentences, usable in a document. */
  rationale: string;
}

export interface ParsedRateLimit {
  requests: number;
  windowSeconds: number;
  perSecond: number;
  /** The original text. */
  source: string;
}

export interface RateBudgetRequest {
  volumePerDay: number;
  /** Peak-to-average factor (default 5). */
  peakFactor?: number;
  /** The API's documented limit, e.g. "100 requests per 10 seconds" or "100000 per 24 hours". */
  limit?: string;
  /** API calls each event costs (default 1). */
  callsPerEvent?: number;
  /** Share of the limit we allow ourselves (default 0.8, leaving headroom for other clients and retries). */
  targetUtilization?: number;
}

export interface RateBudget {
  averagePerSecond: number;
  peakPerSecond: number;
  /** volumePerDay × callsPerEvent. */
  callsPerDay: number;
  limit: ParsedRateLimit | null;
  /** Calls the limit allows in 24 hours (limit.perSecond × 86 400), or null with no limit. */
  dailyCapacity: number | null;
  /** limit.perSecond × targetUtilization, or null with no limit. */
  budgetPerSecond: number | null;
  /** (budget − peak) / budget; negative when peak exceeds the budget. */
  headroom: number | null;
  tokenBucket: { capacity: number; refillPerSecond: number } | null;
  needsSmoothing: boolean;
  needsBatching: boolean;
  /** Set when the daily volume cannot fit the limit at all. */
  warning: string | null;
}

export interface BacklogRequest {
  peakPerSecond: number;
  outageSeconds?: number;
  /** Rate at which the backlog can drain after recovery (the API budget). */
  drainPerSecond: number;
  /** Rate at which new events keep arriving while draining (default: peakPerSecond). */
  arrivalPerSecond?: number;
  /** Average message size in bytes (default 2 KB). */
  messageBytes?: number;
  /** Multiplier on the outage backlog for the recommended queue capacity (default 2). */
  safetyFactor?: number;
}

export interface Backlog {
  messages: number;
  /** Recommended queue capacity (messages) with a safety factor. */
  queueCapacity: number;
  bytes: number;
  /** Seconds to drain after recovery; Infinity if arrivals meet or exceed the drain rate. */
  drainSeconds: number;
}

export interface BreakerRequest {
  volumePerDay: number;
  peakFactor?: number;
  outageSeconds?: number;
  /** Per-request timeout of the protected call (default 10 s); the slow-call threshold sits below it. */
  requestTimeoutSeconds?: number;
}

export interface BreakerSettings {
  /** Percentage (0–100) of failed calls in the window that opens the breaker. */
  failureRateThreshold: number;
  slidingWindowSeconds: number;
  minimumCalls: number;
  openSeconds: number;
  halfOpenProbes: number;
  slowCallSeconds: number;
  rationale: string;
}

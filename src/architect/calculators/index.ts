/** Pure calculators behind every number in a design; the Claude engine exposes them as tools. */
export { computeRetrySchedule, solveRetryPolicy, RetryPolicySchema, RetrySolveRequestSchema, JitterSchema } from './retry.js';
export type { RetrySolveInput } from './retry.js';
export { parseRateLimit, computeRateBudget, RateBudgetRequestSchema } from './rate-limit.js';
export type { RateBudgetInput } from './rate-limit.js';
export { computeBacklog, roundUpNice, BacklogRequestSchema } from './backlog.js';
export type { BacklogInput } from './backlog.js';
export { deriveBreakerSettings, BreakerRequestSchema } from './breaker.js';
export type { BreakerInput } from './breaker.js';
export { formatDuration, formatNumber } from './format.js';
export type * from './types.js';

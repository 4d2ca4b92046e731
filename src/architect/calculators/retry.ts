import { z } from 'zod';
import { formatDuration } from './format.js';
import type { JitterStrategy, RetryDelay, RetryPolicy, RetrySchedule, RetrySolution } from './types.js';

/**
 * Retry schedules for Brooker's backoff strategies ("Exponential Backoff And Jitter", AWS Architecture Blog,
 * 2015). Delays are described as ranges, not samples, so documents can state guaranteed and expected windows.
 * Retry n (1-based) uses the exponential term t_n = min(cap, base × factor^(n−1)).
 */

export const JitterSchema = z.enum(['none', 'full', 'equal', 'decorrelated']);

export const RetryPolicySchema = z
  .object({
    baseDelayMs: z.number().positive().finite().describe('Base delay in milliseconds (> 0)'),
    factor: z.number().min(1).max(10).describe('Exponential factor, ≥ 1 (2 = doubling)'),
    capMs: z.number().positive().finite().describe('Maximum single delay in milliseconds (≥ base)'),
    maxAttempts: z.number().int().min(1).max(50).describe('Total attempts including the first try (1–50)'),
    jitter: JitterSchema.describe('Jitter strategy: none, full, equal or decorrelated'),
    minWindowMs: z
      .number()
      .nonnegative()
      .finite()
      .optional()
      .describe('Retry deadline: the last retry waits until at least this long after the first failure'),
  })
  .refine((p) => p.capMs >= p.baseDelayMs, { message: 'capMs must be ≥ baseDelayMs', path: ['capMs'] });

export const RetrySolveRequestSchema = z.object({
  outageSeconds: z.number().positive().max(7 * 24 * 3600).optional().describe('Outage to ride out (default 300 s)'),
  maxAttempts: z.number().int().min(2).max(50).optional().describe('Upper bound on total attempts (default 12)'),
  maxWindowSeconds: z.number().positive().max(30 * 24 * 3600).optional().describe('Upper bound on the maximum cumulative window (default 1800 s)'),
  firstRetryBudgetMs: z.number().positive().optional().describe('Latency budget for the first retry delay'),
  jitter: JitterSchema.optional().describe('Jitter strategy (default full)'),
});

/** Decorrelated jitter's multiplier, fixed at 3 in Brooker's formula. */
const DECORRELATED_MULTIPLIER = 3;

interface Moments {
  min: number;
  max: number;
  mean: number;
  variance: number;
}

export function computeRetrySchedule(input: RetryPolicy): RetrySchedule {
  const policy = RetryPolicySchema.parse(input) as RetryPolicy;
  const retries = policy.maxAttempts - 1;
  const moments = policy.jitter === 'decorrelated' ? decorrelatedMoments(policy, retries) : exponentialMoments(policy, retries);

  const delays: RetryDelay[] = moments.map((m, i) => ({ retry: i + 1, minMs: m.min, maxMs: m.max }));
  const naturalMin = sum(moments.map((m) => m.min));
  const naturalMax = sum(moments.map((m) => m.max));
  const naturalExpected = sum(moments.map((m) => m.mean));
  const variance = sum(moments.map((m) => m.variance));

  // The retry deadline holds the last retry back until minWindowMs has elapsed, so only the last delay moves:
  // its floor becomes whatever the earlier floors leave uncovered, and its ceiling can never be below that floor.
  const floor = policy.minWindowMs ?? 0;
  const last = delays.at(-1);
  const deadlineApplied = last !== undefined && floor > naturalMin;
  if (last && deadlineApplied) {
    last.minMs += floor - naturalMin;
    last.maxMs = Math.max(last.maxMs, last.minMs);
  }
  const cumulativeMinMs = deadlineApplied ? floor : naturalMin;
  const cumulativeMaxMs = deadlineApplied ? Math.max(naturalMax, floor) : naturalMax;
  const cumulativeExpectedMs = deadlineApplied ? expectedMax(naturalExpected, variance, floor) : naturalExpected;

  return {
    policy,
    delays,
    cumulativeMinMs,
    cumulativeMaxMs,
    cumulativeExpectedMs,
    naturalExpectedMs: naturalExpected,
    deadlineApplied,
    formula: describeFormula(policy, retries),
  };
}

/** none / full / equal: each retry is independent, drawn from a range derived from t_n. */
function exponentialMoments(policy: RetryPolicy, retries: number): Moments[] {
  const out: Moments[] = [];
  for (let n = 1; n <= retries; n++) {
    const t = Math.min(policy.capMs, policy.baseDelayMs * policy.factor ** (n - 1));
    out.push(jitterRange(policy.jitter, t));
  }
  return out;
}

function jitterRange(jitter: JitterStrategy, t: number): Moments {
  switch (jitter) {
    case 'none':
      return { min: t, max: t, mean: t, variance: 0 };
    case 'full':
      return { min: 0, max: t, mean: t / 2, variance: (t * t) / 12 };
    case 'equal':
      return { min: t / 2, max: t, mean: (3 * t) / 4, variance: (t * t) / 48 };
    case 'decorrelated':
      throw new Error('decorrelated jitter depends on the previous delay; use decorrelatedMoments');
  }
}

/**
 * Decorrelated jitter: sleep_n = min(cap, random(base, 3 × sleep_{n−1})), sleep_0 = base. The worst-case
 * envelope of retry n is [base, min(cap, 3^n × base)]. The mean is propagated through the recursion using the
 * previous mean (an approximation: the cap makes the true mean slightly lower).
 */
function decorrelatedMoments(policy: RetryPolicy, retries: number): Moments[] {
  const { baseDelayMs: base, capMs: cap } = policy;
  const out: Moments[] = [];
  let envelope = base;
  let prevMean = base;
  for (let n = 1; n <= retries; n++) {
    envelope = Math.min(cap, envelope * DECORRELATED_MULTIPLIER);
    const hi = DECORRELATED_MULTIPLIER * prevMean;
    const mean = meanOfCappedUniform(base, hi, cap);
    const spread = Math.min(cap, hi) - base;
    out.push({ min: base, max: envelope, mean, variance: (spread * spread) / 12 });
    prevMean = mean;
  }
  return out;
}

/** E[min(cap, U(lo, hi))]. */
function meanOfCappedUniform(lo: number, hi: number, cap: number): number {
  if (hi <= cap) return (lo + hi) / 2;
  if (lo >= cap) return cap;
  const p = (cap - lo) / (hi - lo);
  return p * ((lo + cap) / 2) + (1 - p) * cap;
}

/**
 * E[max(S, floor)] for a sum S of independent delays with the given mean and variance, using a normal
 * approximation (accurate for the sums of several uniforms that retry schedules are).
 */
function expectedMax(mean: number, variance: number, floor: number): number {
  if (variance <= 0) return Math.max(mean, floor);
  const sd = Math.sqrt(variance);
  const z = (mean - floor) / sd;
  return floor + (mean - floor) * normalCdf(z) + sd * normalPdf(z);
}

function normalPdf(z: number): number {
  return Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI);
}

/** Abramowitz–Stegun 7.1.26 erf approximation (absolute error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function describeFormula(policy: RetryPolicy, retries: number): string {
  const base = formatDuration(policy.baseDelayMs);
  const cap = formatDuration(policy.capMs);
  const factor = String(policy.factor);
  const term = `min(${cap}, ${base} × ${factor}^(n−1))`;
  const core: Record<JitterStrategy, string> = {
    none: `delay_n = ${term}`,
    full: `delay_n = random(0, ${term})`,
    equal: `delay_n = t/2 + random(0, t/2), t = ${term}`,
    decorrelated: `delay_n = min(${cap}, random(${base}, 3 × delay_(n−1))), delay_0 = ${base}`,
  };
  const scope =
    retries === 0
      ? 'no retries (1 attempt)'
      : `for retries n = 1…${retries} (${policy.maxAttempts} attempts in total)`;
  const deadline =
    policy.minWindowMs && retries > 0
      ? `; the last retry waits until at least ${formatDuration(policy.minWindowMs)} after the first failure`
      : '';
  return `${core[policy.jitter]} ${scope}${deadline}`;
}

// ── Solver ────────────────────────────────────────────────────────────────────────────────────────────

export type RetrySolveInput = z.input<typeof RetrySolveRequestSchema>;

const BASES_MS = [500, 1000, 2000, 5000];
const CAPS_MS = [30_000, 60_000, 120_000, 300_000];
interface SolveParams {
  outageSeconds: number;
  maxAttempts: number;
  maxWindowSeconds: number;
  jitter: JitterStrategy;
  firstRetryBudgetMs?: number;
}
const DEFAULT_SOLVE: SolveParams = { outageSeconds: 300, maxAttempts: 12, maxWindowSeconds: 1800, jitter: 'full' };

interface Candidate {
  schedule: RetrySchedule;
  fits: boolean;
  firstRetryOk: boolean;
}

/**
 * Picks the cheapest policy from a small grid whose retries ride out the outage: a retry deadline makes the
 * minimum cumulative window cover it, and the expected (jittered) window must cover it too, so the deadline
 * is a backstop rather than the mechanism. Preference: first retry within its budget (when any policy allows
 * it), then fewest attempts, then the smallest maximum window.
 */
export function solveRetryPolicy(req: RetrySolveInput = {}): RetrySolution {
  const r: SolveParams = { ...DEFAULT_SOLVE, ...stripUndefined(RetrySolveRequestSchema.parse(req)) };
  const outageMs = r.outageSeconds * 1000;
  const maxWindowMs = r.maxWindowSeconds * 1000;
  const deadlineMs = Math.min(outageMs, maxWindowMs);

  const candidates: Candidate[] = [];
  for (const baseDelayMs of BASES_MS) {
    for (const capMs of CAPS_MS) {
      if (capMs < baseDelayMs) continue;
      for (let maxAttempts = 2; maxAttempts <= r.maxAttempts; maxAttempts++) {
        const schedule = computeRetrySchedule({ baseDelayMs, factor: 2, capMs, maxAttempts, jitter: r.jitter, minWindowMs: deadlineMs });
        const withinWindow = schedule.cumulativeMaxMs <= maxWindowMs;
        const fits = withinWindow && schedule.cumulativeMinMs >= outageMs && schedule.naturalExpectedMs >= outageMs;
        const firstRetryOk = r.firstRetryBudgetMs === undefined || (schedule.delays[0]?.maxMs ?? 0) <= r.firstRetryBudgetMs;
        if (withinWindow) candidates.push({ schedule, fits, firstRetryOk });
      }
    }
  }

  const fitting = candidates.filter((c) => c.fits);
  const preferred = fitting.some((c) => c.firstRetryOk) ? fitting.filter((c) => c.firstRetryOk) : fitting;
  const best = preferred.sort(byCost)[0];
  if (best) {
    return { schedule: best.schedule, coversOutage: true, rationale: fitRationale(best, r, outageMs) };
  }
  return bestEffort(candidates, r, outageMs, maxWindowMs);
}

function byCost(a: Candidate, b: Candidate): number {
  return (
    a.schedule.policy.maxAttempts - b.schedule.policy.maxAttempts ||
    a.schedule.cumulativeMaxMs - b.schedule.cumulativeMaxMs ||
    a.schedule.policy.capMs - b.schedule.policy.capMs
  );
}

function fitRationale(c: Candidate, r: SolveParams, outageMs: number): string {
  const s = c.schedule;
  const p = s.policy;
  const first = s.delays[0];
  const firstNote =
    r.firstRetryBudgetMs === undefined
      ? ''
      : c.firstRetryOk
        ? ` The first retry comes within ${formatDuration(first?.maxMs ?? 0)}, inside the ${formatDuration(r.firstRetryBudgetMs)} latency budget.`
        : ` No policy in the search kept the first retry within ${formatDuration(r.firstRetryBudgetMs)}, so it may take up to ${formatDuration(first?.maxMs ?? 0)}.`;
  return (
    `${p.maxAttempts} attempts (${p.maxAttempts - 1} retries) with ${p.jitter} jitter, base ${formatDuration(p.baseDelayMs)}, ` +
    `factor ${p.factor} and cap ${formatDuration(p.capMs)} spread the retries over an expected ${formatDuration(s.naturalExpectedMs)} ` +
    `(at most ${formatDuration(s.cumulativeMaxMs)}), and a retry deadline holds the last retry until at least ` +
    `${formatDuration(s.cumulativeMinMs)} after the first failure, so a ${formatDuration(outageMs)} outage is always ridden out.` +
    firstNote
  );
}

function bestEffort(candidates: Candidate[], r: SolveParams, outageMs: number, maxWindowMs: number): RetrySolution {
  // Largest expected window wins; among equals, the cheaper policy.
  const best = [...candidates].sort(
    (a, b) => b.schedule.naturalExpectedMs - a.schedule.naturalExpectedMs || byCost(a, b),
  )[0];
  const schedule =
    best?.schedule ??
    computeRetrySchedule({ baseDelayMs: BASES_MS[0]!, factor: 2, capMs: CAPS_MS[0]!, maxAttempts: 2, jitter: r.jitter, minWindowMs: Math.min(outageMs, maxWindowMs) });
  const p = schedule.policy;
  const why =
    outageMs > maxWindowMs
      ? `the ${formatDuration(outageMs)} outage is longer than the ${formatDuration(maxWindowMs)} maximum retry window`
      : `with at most ${r.maxAttempts} attempts and a ${formatDuration(maxWindowMs)} maximum window, the best expected window is ` +
        `${formatDuration(schedule.naturalExpectedMs)}, short of the ${formatDuration(outageMs)} outage`;
  const rationale =
    `No policy covers the outage: ${why}. Best effort is ${p.maxAttempts} attempts with ${p.jitter} jitter, base ` +
    `${formatDuration(p.baseDelayMs)}, factor ${p.factor} and cap ${formatDuration(p.capMs)} (minimum window ` +
    `${formatDuration(schedule.cumulativeMinMs)}, maximum ${formatDuration(schedule.cumulativeMaxMs)}); raise the attempt or ` +
    `window budget, or park failed messages in the dead-letter queue for replay.`;
  return { schedule, coversOutage: false, rationale };
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

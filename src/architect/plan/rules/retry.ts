import { solveRetryPolicy } from '../../calculators/retry.js';
import type { RetrySolution } from '../../calculators/types.js';
import { dur, durS, literal } from '../../prose.js';
import type { PlanContext, Rule } from '../context.js';
import type { Plan } from '../types.js';
import { retryClasses, writeFailureSources } from '../write-failures.js';

/**
 * Retries and timeouts. The retry schedule is solved so its window rides out the stated outage (the seed's
 * 5 minutes by default); outages longer than retries should cover (30 min) are ridden out by the breaker
 * pausing the workers while messages wait in the queue. Timeouts come from the stated call latency and the
 * latency budget, never from a fixed default when the person gave numbers.
 */

/** Longest outage per-message retries should span; beyond it, paused consumption and queue retention do. */
export const RETRY_HORIZON_SECONDS = 1800;

export function retryOf(ctx: PlanContext): RetrySolution {
  return ctx.get<RetrySolution>('retry');
}

export function timeoutsOf(ctx: PlanContext): Plan['timeouts'] {
  return ctx.get<Plan['timeouts']>('timeouts');
}

function timeouts(ctx: PlanContext): Plan['timeouts'] {
  const budgetMs = ctx.inputs.latencySeconds * 1000;
  const stated = ctx.inputs.callLatencyMs;
  if (stated !== undefined) {
    // A timeout near p99.9 (about 5× a typical call), never below 2× the typical call, and within a third of
    // the end-to-end budget so a retry still fits; slow calls are those over twice the typical latency.
    const requestMs = Math.round(Math.max(2 * stated, Math.min(Math.max(5 * stated, 2000), 30_000, budgetMs / 3)));
    return {
      connectMs: Math.min(3000, requestMs),
      requestMs,
      slowCallMs: Math.round(Math.max(2 * stated, 200)),
      basis: `the stated ${dur(stated)} call latency${requestMs < 5 * stated ? ` and the ${durS(ctx.inputs.latencySeconds)} budget` : ''}`,
    };
  }
  const requestMs = Math.round(Math.min(10_000, Math.max(2000, budgetMs / 3)));
  return { connectMs: Math.min(3000, requestMs), requestMs, slowCallMs: Math.round(requestMs / 2), basis: `the ${durS(ctx.inputs.latencySeconds)} budget` };
}

export const retryRule: Rule = {
  id: 'retry',
  shape(ctx) {
    const outage = ctx.inputs.outageSeconds;
    const covered = Math.min(outage, RETRY_HORIZON_SECONDS);
    const solution = solveRetryPolicy({
      outageSeconds: covered,
      maxWindowSeconds: Math.max(1800, covered * 2),
      firstRetryBudgetMs: Math.min(60_000, Math.max(500, (ctx.inputs.latencySeconds * 1000) / 3)),
      // The team's cap on attempts is kept; the plan says when it cannot ride out the outage with it.
      ...(ctx.inputs.maxAttempts ? { maxAttempts: Math.max(2, ctx.inputs.maxAttempts) } : {}),
    });
    ctx.set('retry', solution);
    ctx.set('timeouts', timeouts(ctx));
  },
  write(ctx) {
    const { schedule, coversOutage } = retryOf(ctx);
    const p = schedule.policy;
    const delays = schedule.delays;
    const mid = delays[Math.floor((delays.length - 1) / 2)]!;
    const last = delays.at(-1)!;
    const lastNatural = Math.min(p.capMs, p.baseDelayMs * p.factor ** (delays.length - 1));
    const t = timeoutsOf(ctx);
    const outage = ctx.inputs.outageSeconds;
    const long = outage > RETRY_HORIZON_SECONDS;
    ctx.decide({
      id: 'retry:attempts',
      section: 'resilience',
      fixed: true,
      order: 11,
      priority: 1,
      block: {
        kind: 'bullet',
        label: null,
        text:
          `Only the worker retries (client retries off, so nothing multiplies): max attempts ${p.maxAttempts}, ${p.jitter} jitter, base delay ${dur(p.baseDelayMs)}, factor ${p.factor}, cap ${dur(p.capMs)}: ` +
          `\`${schedule.formula.split(' for retries')[0]}\`, so retry 1 waits 0–${dur(delays[0]!.maxMs)}, retry ${mid.retry} 0–${dur(mid.maxMs)}, retry ${last.retry} 0–${dur(lastNatural)}.`,
      },
      short: {
        kind: 'bullet',
        label: null,
        text: `Only the worker retries: ${p.maxAttempts} attempts, ${p.jitter} jitter, base ${dur(p.baseDelayMs)}, factor ${p.factor}, cap ${dur(p.capMs)}: \`${schedule.formula.split(' for retries')[0]}\`.`,
      },
    });
    ctx.decide({
      id: 'retry:window',
      section: 'resilience',
      fixed: true,
      order: 13,
      priority: 1,
      block: {
        kind: 'bullet',
        label: null,
        text: !coversOutage && !long && ctx.inputs.maxAttempts !== undefined
          ? `Retry window: at most ${dur(schedule.cumulativeMaxMs)} with the ${schedule.policy.maxAttempts} attempts asked for, shorter than the ${durS(outage)} outage: the breaker opens and pauses the workers, messages wait in ${ctx.queue.short} and are retried when it closes, so none is spent on the outage.`
          : long
          ? `Retry window: expected ${dur(schedule.naturalExpectedMs)}; a retry deadline of ${dur(schedule.cumulativeMinMs)} holds the last retry. The stated ${durS(outage)} outage is longer than retries should run: the open breaker pauses the workers and messages wait in ${ctx.queue.short} (retention must exceed ${durS(outage)}), so no attempt is spent.`
          : `Retry window: expected ${dur(schedule.naturalExpectedMs)} (max ${dur(schedule.cumulativeMaxMs)}); a retry deadline of ${dur(schedule.cumulativeMinMs)} guarantees it outlasts a ${durS(outage)} outage.`,
      },
      ...(long || (!coversOutage && ctx.inputs.maxAttempts !== undefined)
        ? {}
        : { short: { kind: 'bullet' as const, label: null, text: `Retry window ${dur(schedule.naturalExpectedMs)} expected; a ${dur(schedule.cumulativeMinMs)} deadline outlasts a ${durS(outage)} outage.` } }),
    });
    ctx.decide({
      id: 'retry:classes',
      section: 'resilience',
      fixed: true,
      order: 14,
      priority: 1,
      // What to retry in the destination's own protocol: SQLSTATEs for a database, SFTP status codes for a file drop.
      block: {
        kind: 'bullet',
        label: null,
        text: `${retryClasses(ctx.flows)} Timeouts: connect ${dur(t.connectMs)}, request ${dur(t.requestMs)} (from ${t.basis}).`,
      },
      short: { kind: 'bullet', label: null, text: `${retryClasses(ctx.flows, { short: true })} Timeouts: connect ${dur(t.connectMs)}, request ${dur(t.requestMs)}.` },
      facts: writeFailureSources(ctx.flows),
    });
    if (ctx.inputs.outageSeconds !== 300) {
      ctx.expect({
        label: 'The stated outage length is designed for',
        section: 'any',
        near: null,
        all: [literal(durS(outage))],
        instruction: `The person stated an outage of ${durS(outage)}: size retries, breaker and backlog for it (not the default 5 minutes) and say so.`,
        kind: 'constraint',
      });
    }
    if (ctx.inputs.callLatencyMs !== undefined) {
      ctx.expect({
        label: 'Timeouts follow the stated call latency',
        section: 'resilience',
        near: null,
        all: [literal(dur(t.requestMs))],
        instruction: `Derive the request timeout from the stated ${dur(ctx.inputs.callLatencyMs)} call latency: ${dur(t.requestMs)}; slow calls above ${dur(t.slowCallMs)}.`,
        kind: 'constraint',
      });
    }
  },
};

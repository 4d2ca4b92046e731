import type { IntegrationInputs } from '../inputs.js';
import { PlanContext, type Rule } from './context.js';
import { DLQ_RETENTION_DAYS } from './rules/idempotency.js';
import { RULES } from './rules/index.js';
import { retryOf, timeoutsOf } from './rules/retry.js';
import type { Plan } from './types.js';

/** Inputs → Plan: every registered rule's shape pass, then every write pass. Pure and deterministic. */
export function buildPlan(inputs: IntegrationInputs, rules: readonly Rule[] = RULES): Plan {
  const ctx = new PlanContext(inputs);
  for (const rule of rules) if (rule.shape) ctx.as(rule.id, () => rule.shape!(ctx));
  for (const rule of rules) if (rule.write) ctx.as(rule.id, () => rule.write!(ctx));
  const over = ctx.loads.filter((l) => !l.feasibility.fitsDaily);
  return {
    inputs: ctx.inputs,
    title: ctx.title,
    systems: ctx.systems,
    flows: ctx.flows,
    loads: ctx.loads,
    retry: retryOf(ctx),
    timeouts: timeoutsOf(ctx),
    queue: ctx.queue,
    keyRetentionDays: ctx.get<number>('keyRetentionDays'),
    dlqRetentionDays: DLQ_RETENTION_DAYS,
    feasible: over.length === 0,
    infeasibility: over.length ? over.map((l) => `${l.system.name}: ${Math.round(l.callsPerDay)} calls/day`).join('; ') : null,
    decisions: ctx.decisions,
    expectations: ctx.expectations,
    prohibitions: ctx.prohibitions,
    confirm: ctx.confirm,
    assumptions: ctx.assumptions,
  };
}

export type { Plan } from './types.js';

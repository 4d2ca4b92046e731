import { z } from 'zod';
import type Anthropic from '@anthropic-ai/sdk';
import {
  BacklogRequestSchema,
  BreakerRequestSchema,
  RateBudgetRequestSchema,
  RetryPolicySchema,
  RetrySolveRequestSchema,
  computeBacklog,
  computeRateBudget,
  computeRetrySchedule,
  deriveBreakerSettings,
  solveRetryPolicy,
} from '../calculators/index.js';
import { checkFeasibility, limitCapacity, LimitSpecSchema } from '../calculators/limits.js';
import { findProvider } from '../knowledge/lookup.js';
import { formatZodError, toInputSchema, toToolJson } from './schema.js';

/**
 * The calculators exposed to the model as tools, so numbers in a design are computed rather than guessed.
 * Input schemas are generated from the calculators' zod schemas; inputs are validated with the same schemas
 * and a validation failure goes back to the model as an is_error result it can correct.
 */

export interface ToolOutcome {
  /** JSON text of the result, or the validation/calculation error message. */
  content: string;
  isError: boolean;
}

export interface ToolSet {
  definitions: Anthropic.Tool[];
  has(name: string): boolean;
  run(name: string, input: unknown): ToolOutcome;
}

interface ToolSpec<S extends z.ZodType> {
  name: string;
  description: string;
  schema: S;
  run(input: z.output<S>): unknown;
}

function spec<S extends z.ZodType>(s: ToolSpec<S>): ToolSpec<z.ZodType> {
  return s as unknown as ToolSpec<z.ZodType>;
}

const LimitBudgetSchema = z.object({
  limits: z.array(LimitSpecSchema).min(1).max(10).describe('Every limit on one system, typed: rate, concurrency, points, quota or unknown'),
  callsPerDay: z.number().nonnegative().describe('Calls per day the integration makes on that system'),
  peakFactor: z.number().min(1).max(1000).optional().describe('Peak-to-average factor (default 5)'),
  callLatencySeconds: z.number().positive().max(600).optional().describe('Latency of one call, for concurrency limits (default 0.5)'),
  costPerCall: z.number().positive().optional().describe('Points one call costs, for points limits that do not say'),
});

const ProviderFactsSchema = z.object({
  name: z.string().min(2).max(80).describe('A system name as the user wrote it, e.g. "Shopify", "MS Graph", "Postgres"'),
});

const RetryToolSchema = z.object({
  policy: RetryPolicySchema.optional().describe(
    'A specific policy to evaluate. Omit it to have the solver choose one that covers the outage.',
  ),
  solve: RetrySolveRequestSchema.optional().describe(
    'Solver constraints (outageSeconds defaults to 300). Ignored when policy is given.',
  ),
});

export const CALCULATOR_TOOLS: ToolSpec<z.ZodType>[] = [
  spec({
    name: 'retry_schedule',
    description:
      'Retry policy with capped exponential backoff and jitter. Without `policy`, solves for base delay, factor, cap and ' +
      'max attempts whose minimum cumulative retry window covers the outage (default 300 s). With `policy`, evaluates it. ' +
      'Returns the formula, per-retry delay ranges, cumulative min/expected/max window, and whether it covers the outage.',
    schema: RetryToolSchema,
    run: (input) => {
      if (input.policy) {
        const schedule = computeRetrySchedule(input.policy);
        const outageMs = (input.solve?.outageSeconds ?? 300) * 1000;
        return { schedule, coversOutage: schedule.cumulativeMinMs >= outageMs };
      }
      return solveRetryPolicy(input.solve ?? {});
    },
  }),
  spec({
    name: 'rate_limit_budget',
    description:
      'Average and peak request rate for a daily volume against a documented rate limit (e.g. "100 requests per 10 seconds"): ' +
      'the budget we allow ourselves, headroom, token-bucket settings, and whether smoothing or batching is needed.',
    schema: RateBudgetRequestSchema,
    run: (input) => computeRateBudget(input),
  }),
  spec({
    name: 'limit_budget',
    description:
      'Capacity of every kind of limit on one system and whether a daily volume fits: a rate (n per window → 80% budget), a ' +
      'concurrency limit (n in flight → a bulkhead of permits; throughput = permits ÷ call latency, Little’s law), a points bucket ' +
      '(restore rate ÷ cost per call), a quota (n per day or month). Returns per-limit capacity and the feasibility of the demand.',
    schema: LimitBudgetSchema,
    run: (input) => {
      const options = { callLatencySeconds: input.callLatencySeconds ?? 0.5, ...(input.costPerCall ? { assumedCostPerCall: input.costPerCall } : {}) };
      const capacities = input.limits.map((limit) => ({ limit, capacity: limitCapacity(limit, options) }));
      return { capacities, feasibility: checkFeasibility({ callsPerDay: input.callsPerDay, peakFactor: input.peakFactor ?? 5 }, capacities.map((c) => c.capacity)) };
    },
  }),
  spec({
    name: 'provider_facts',
    description:
      'The documented facts we hold about a provider or technology (webhook signature scheme, delivery and retries, ' +
      'subscriptions, authentication methods and token lifetimes, typed limits, throttling signals, upsert, idempotency keys, bulk ' +
      'endpoints, incremental reads), each with the vendor URL it comes from. A null field was not confirmed: tell the reader to ' +
      'confirm it with the vendor rather than guessing.',
    schema: ProviderFactsSchema,
    run: (input) => {
      const provider = findProvider(input.name);
      if (!provider) return { found: false, note: `no documented facts for "${input.name}": state what must be confirmed with the vendor` };
      const { aliases: _aliases, docs: _docs, ...facts } = provider;
      return { found: true, ...facts };
    },
  }),
  spec({
    name: 'outage_backlog',
    description:
      'Messages that pile up while the destination API is down (default 300 s) at the peak rate, the queue capacity to ' +
      'provision, the bytes involved, and the seconds needed to drain the backlog at the API budget after recovery.',
    schema: BacklogRequestSchema,
    run: (input) => computeBacklog(input),
  }),
  spec({
    name: 'circuit_breaker',
    description:
      'Circuit breaker settings sized to the traffic: failure-rate threshold, sliding window, minimum calls, open duration, ' +
      'half-open probes and slow-call threshold, with a rationale.',
    schema: BreakerRequestSchema,
    run: (input) => deriveBreakerSettings(input),
  }),
];

export function createToolSet(specs: ToolSpec<z.ZodType>[] = CALCULATOR_TOOLS): ToolSet {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const definitions: Anthropic.Tool[] = specs.map((s) => ({
    name: s.name,
    description: s.description,
    input_schema: toInputSchema(s.schema),
  }));
  return {
    definitions,
    has: (name) => byName.has(name),
    run(name, input) {
      const tool = byName.get(name);
      if (!tool) return { content: `unknown tool "${name}"; available: ${[...byName.keys()].join(', ')}`, isError: true };
      const parsed = tool.schema.safeParse(input ?? {});
      if (!parsed.success) return { content: `invalid input: ${formatZodError(parsed.error)}`, isError: true };
      try {
        return { content: toToolJson(tool.run(parsed.data)), isError: false };
      } catch (error) {
        // Calculators throw on inputs the schema cannot express (e.g. an unparseable limit); the model can fix those.
        return { content: `calculation failed: ${error instanceof Error ? error.message : String(error)}`, isError: true };
      }
    },
  };
}

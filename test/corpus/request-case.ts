import { z } from 'zod';
import { LIMIT_TYPES, SYSTEM_KIND_VALUES } from '../../src/architect/inputs.js';
import { DesignCaseSchema } from './design-case.js';

/**
 * A request case: a request as people type it in Slack, what a careful reader takes from it (systems and what
 * they are, flows and their direction, every quantity with its role, limits of every kind and whose they are,
 * what is truly missing), and, end to end, properties of the design it must lead to.
 *
 * Names in expectations are regular expressions matched case-insensitively against what the extractor names a
 * system ("shopify" matches "Shopify", "orders? (db|database)|mysql" matches "Orders DB (MySQL)").
 */

const Pattern = z.string().min(1);
const LimitExpect = z.strictObject({
  system: Pattern,
  type: z.enum(LIMIT_TYPES),
  requests: z.number().positive().optional(),
  windowSeconds: z.number().positive().optional(),
  max: z.number().int().positive().optional(),
  amount: z.number().positive().optional(),
  periodSeconds: z.number().positive().optional(),
});

export const RequestCaseSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/),
  why: z.string().min(10),
  /** Exactly as typed: terse or long, lower case, arrows, typos, pasted errors. */
  text: z.string().min(8),
  expect: z.strictObject({
    /** Every system the text names, with its kind when the text or the catalog makes it clear. */
    systems: z.array(z.strictObject({ name: Pattern, kind: z.enum(SYSTEM_KIND_VALUES).optional() })).min(1),
    /** Words that are product terms, data or abbreviations of a named system: never a system of their own. */
    notSystems: z.array(Pattern).default([]),
    /** Each flow with its direction; a flow in the opposite direction is wrong unless listed too. */
    flows: z.array(z.strictObject({ from: Pattern, to: Pattern })).default([]),
    /** Quantities with their roles; an absent key means the text states none (and none may be invented). */
    quantities: z
      .strictObject({
        volumePerDay: z.number().positive().optional(),
        peakFactor: z.number().min(1).optional(),
        latencySeconds: z.number().positive().optional(),
        outageSeconds: z.number().positive().optional(),
        callLatencyMs: z.number().positive().optional(),
        recordBytes: z.number().positive().optional(),
        backfillRecords: z.number().positive().optional(),
      })
      .default({}),
    /** Every limit the text states, typed, on the system it belongs to. */
    limits: z.array(LimitExpect).default([]),
    /** What the bot must ask for — only what is truly missing (empty: it designs straight away). */
    asks: z.array(z.enum(['systems', 'systemDescriptions', 'flows', 'flowData'])).default([]),
    /** An existing integration described with its symptoms: each pattern must appear in the design's text (root cause and fix). */
    symptoms: z.array(Pattern).default([]),
    /** End to end, when the request is complete: properties of the design (as in the design corpus). */
    design: DesignCaseSchema.shape.expect.optional(),
  }),
});
export type RequestCase = z.infer<typeof RequestCaseSchema>;

import { z } from 'zod';
import { IntegrationInputsSchema, LIMIT_TYPES } from '../../src/architect/inputs.js';

/**
 * A reply case: a person answers in the thread of a design. A change (volumes, limits of any kind, a new or
 * reverse flow, retry preferences, stack, latency, an outage length) must become a new revision that lists
 * each change and says plainly what it could not apply; a question gets an answer from the design; a what-if
 * gets the numbers for that case, not the design's defaults.
 *
 * Patterns are regular expressions, matched case-insensitively.
 */

const Pattern = z.string().min(1);

export const ReplyCaseSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/),
  why: z.string().min(10),
  /** The design being replied to. */
  inputs: IntegrationInputsSchema,
  /** The reply as typed. */
  reply: z.string().min(2),
  expect: z.strictObject({
    kind: z.enum(['change', 'question', 'what-if']),
    /** For changes: what the inputs must say afterwards (only the keys given are compared). */
    after: z
      .strictObject({
        volumePerDay: z.number().positive().optional(),
        peakFactor: z.number().min(1).optional(),
        latencySeconds: z.number().positive().optional(),
        outageSeconds: z.number().positive().optional(),
        stack: Pattern.optional(),
        /** Limits that must be present afterwards, typed, on their system. */
        limits: z
          .array(
            z.strictObject({
              system: Pattern,
              type: z.enum(LIMIT_TYPES),
              requests: z.number().positive().optional(),
              windowSeconds: z.number().positive().optional(),
              max: z.number().int().positive().optional(),
              amount: z.number().positive().optional(),
              periodSeconds: z.number().positive().optional(),
            }),
          )
          .default([]),
        /** Flows that must exist afterwards. */
        flows: z.array(z.strictObject({ from: Pattern, to: Pattern })).default([]),
        /** Retry preference: the most attempts allowed. */
        maxAttempts: z.number().int().positive().optional(),
      })
      .optional(),
    /** Each must appear in the what-changed message (changes) or in the answer (questions, what-ifs). */
    mentions: z.array(Pattern).default([]),
    /** Each must appear in the message saying what could not be applied. */
    unapplied: z.array(Pattern).default([]),
  }),
});
export type ReplyCase = z.infer<typeof ReplyCaseSchema>;

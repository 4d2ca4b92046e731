import { z } from 'zod';
import { IntegrationInputsSchema } from '../../src/architect/inputs.js';
import { SECTION_IDS } from '../../src/architect/types.js';

/**
 * A design case: inputs as JSON and the properties a correct design must have, written from the vendors'
 * documentation and architecture practice — never copied from what the engine happens to print.
 */

const Section = z.enum([...SECTION_IDS, 'any']);
const INGRESS = [
  'webhook',
  'webhook-assumed',
  'subscription',
  'change-stream',
  'cdc',
  'outbox',
  'consumer',
  'file',
  'object-events',
  'ingest-api',
  'request',
  'batch-export',
  'poll',
] as const;

export const DesignCaseSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/),
  /** What the case exercises: the system kinds, limit kinds or provider mechanics it is about. */
  why: z.string().min(10),
  inputs: IntegrationInputsSchema,
  expect: z.strictObject({
    /** false when the stated volume cannot fit the limits (the design must say so). */
    feasible: z.boolean().optional(),
    /** How each flow ("A → B") must learn about changes at its source. */
    ingress: z.record(z.string(), z.enum(INGRESS)).optional(),
    /** Each: on one line (list item, table row or paragraph) of the section that names `near`, every regex matches. */
    present: z
      .array(z.strictObject({ section: Section.default('any'), near: z.string().optional(), all: z.array(z.string()).min(1), why: z.string() }))
      .default([]),
    /** Each: no line of the section that names `near` matches the regex. */
    absent: z.array(z.strictObject({ section: Section.default('any'), near: z.string().optional(), pattern: z.string(), why: z.string() })).default([]),
  }),
});
export type DesignCase = z.infer<typeof DesignCaseSchema>;

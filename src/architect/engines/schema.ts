import { z } from 'zod';
import type Anthropic from '@anthropic-ai/sdk';

/** zod ⇄ tool plumbing shared by the calculator tools, the classifier and the extractor. */

/** Tool input JSON schema from a zod schema: the input side, without the $schema marker the API does not need. */
export function toInputSchema(schema: z.ZodType): Anthropic.Tool.InputSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return { ...json, type: 'object' } as Anthropic.Tool.InputSchema;
}

/** JSON that keeps Infinity (e.g. a backlog that never drains) instead of turning it into null. */
export function toToolJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity') : v,
  );
}

/** "path: message; path: message", short enough for a tool_result the model reads. */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

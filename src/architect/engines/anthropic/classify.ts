import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { PreviousDesign, ReplyKind } from '../../types.js';
import { toInputSchema } from '../schema.js';
import type { LoopLogger } from './loop.js';
import { classifyMessage, heuristicReplyKind } from './messages.js';

export const CLASSIFY_TOOL = 'classify_reply';

const ClassificationSchema = z.object({
  kind: z.enum(['question', 'change']).describe('question: asks about the design; change: asks for the design to change'),
  reason: z.string().max(300).optional().describe('One short sentence explaining the decision'),
});

const classifyTool: Anthropic.Tool = {
  name: CLASSIFY_TOOL,
  description: 'Record whether the thread reply is a question about the design or a request to change it.',
  input_schema: toInputSchema(ClassificationSchema),
};

export interface ClassifyDeps {
  client: Anthropic;
  model: string;
  system: string;
  logger?: LoopLogger | undefined;
}

/** A forced tool call, so the answer is structured; unusable output falls back to a heuristic, never throws. */
export async function classifyReply(
  deps: ClassifyDeps,
  previous: PreviousDesign,
  reply: string,
  signal?: AbortSignal,
): Promise<ReplyKind> {
  const message = await deps.client.messages.create(
    {
      model: deps.model,
      max_tokens: 256,
      system: deps.system,
      tools: [classifyTool],
      tool_choice: { type: 'tool', name: CLASSIFY_TOOL },
      messages: [{ role: 'user', content: classifyMessage(previous, reply) }],
    },
    { signal },
  );
  const use = message.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === CLASSIFY_TOOL);
  const parsed = ClassificationSchema.safeParse(use?.input);
  if (parsed.success) return parsed.data.kind;
  const fallback = heuristicReplyKind(reply);
  deps.logger?.warn({ fallback, input: use?.input ?? null }, 'unusable classification from the model; using the heuristic');
  return fallback;
}

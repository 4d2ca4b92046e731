import type Anthropic from '@anthropic-ai/sdk';
import { PartialInputsSchema, type PartialInputs } from './inputs.js';
import type { Prompts } from './prompts.js';
import { toEngineError } from './engines/errors.js';
import { formatZodError, toInputSchema } from './engines/schema.js';

/** Free text → partial integration inputs, by a forced tool call whose schema is the inputs schema itself. */

// Structurally identical to the Extractor type in extract.ts.
export type Extractor = (text: string, options?: { signal?: AbortSignal }) => Promise<PartialInputs>;

export const EXTRACT_TOOL = 'record_integration_inputs';

export interface ClaudeExtractorDeps {
  client: Anthropic;
  model: string;
  prompts: Pick<Prompts, 'extract'>;
  logger?: { warn(obj: object, msg?: string): void };
  maxTokens?: number;
}

const extractTool: Anthropic.Tool = {
  name: EXTRACT_TOOL,
  description:
    'Record the integration inputs stated in the request. Leave out every field the request does not state.',
  input_schema: toInputSchema(PartialInputsSchema),
};

/** Never throws for bad model output (returns {} and logs); throws EngineError for transport errors. */
export function createClaudeExtractor(deps: ClaudeExtractorDeps): Extractor {
  return async (text, options) => {
    let message: Anthropic.Message;
    try {
      message = await deps.client.messages.create(
        {
          model: deps.model,
          max_tokens: deps.maxTokens ?? 1024,
          system: deps.prompts.extract,
          tools: [extractTool],
          tool_choice: { type: 'tool', name: EXTRACT_TOOL },
          messages: [{ role: 'user', content: `<request>\n${text.trim()}\n</request>` }],
        },
        { signal: options?.signal },
      );
    } catch (error) {
      throw toEngineError(error, options?.signal);
    }
    const use = message.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === EXTRACT_TOOL);
    if (!use) {
      deps.logger?.warn({ stopReason: message.stop_reason }, 'extractor: the model did not call the tool');
      return {};
    }
    const parsed = PartialInputsSchema.safeParse(use.input);
    if (!parsed.success) {
      deps.logger?.warn({ error: formatZodError(parsed.error) }, 'extractor: tool input failed validation');
      return {};
    }
    return parsed.data;
  };
}

import type Anthropic from '@anthropic-ai/sdk';
import type { ToolSet } from '../tools.js';
import type { UsageMeter } from './usage.js';

/**
 * One streamed conversation with tool use: stream → run the requested calculators → send their results →
 * stream again, until the model ends its turn. Tool rounds are capped; after the cap the model is told to
 * answer without tools (tool_choice none) so a confused model cannot loop forever.
 */

export const DEFAULT_MAX_TOOL_ROUNDS = 8;

export interface LoopLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface LoopContext {
  client: Anthropic;
  model: string;
  maxTokens: number;
  tools: ToolSet;
  maxToolRounds: number;
  logger?: LoopLogger;
}

export interface LoopRequest {
  system: Anthropic.TextBlockParam[];
  messages: Anthropic.MessageParam[];
  usage: UsageMeter;
  signal?: AbortSignal;
  onText?: (delta: string) => void;
  onTools?: (names: string[]) => void;
}

export interface LoopResult {
  /** Text of every assistant turn, joined. */
  text: string;
  /** Text of the last assistant turn only (after the last tool round). */
  finalText: string;
  /** The conversation including tool rounds (without the final assistant turn). */
  messages: Anthropic.MessageParam[];
  stopReason: Anthropic.StopReason | null;
  toolCalls: number;
}

/** Prompt caching: the tool list is part of the cached prefix, marked on its last entry. */
export function cachedTools(definitions: Anthropic.Tool[]): Anthropic.Tool[] {
  return definitions.map((d, i) => (i === definitions.length - 1 ? { ...d, cache_control: { type: 'ephemeral' } } : d));
}

function toParam(block: Anthropic.ContentBlock): Anthropic.ContentBlockParam | null {
  if (block.type === 'text') return { type: 'text', text: block.text };
  if (block.type === 'tool_use') return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  return null;
}

export async function runToolLoop(ctx: LoopContext, req: LoopRequest): Promise<LoopResult> {
  const messages = [...req.messages];
  const texts: string[] = [];
  const tools = cachedTools(ctx.tools.definitions);
  let toolCalls = 0;

  for (let round = 0; ; round++) {
    const exhausted = round >= ctx.maxToolRounds;
    const stream = ctx.client.messages.stream(
      {
        model: ctx.model,
        max_tokens: ctx.maxTokens,
        system: req.system,
        messages,
        ...(tools.length > 0 ? { tools, tool_choice: exhausted ? { type: 'none' as const } : { type: 'auto' as const } } : {}),
      },
      { signal: req.signal },
    );
    if (req.onText) stream.on('text', req.onText);
    const message = await stream.finalMessage();
    req.usage.add(message.usage);

    const text = message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
    if (text) texts.push(text);
    const uses = message.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    if (exhausted && uses.length > 0) ctx.logger?.warn({ rounds: round }, 'tool rounds exhausted; ignoring further tool calls');
    if (message.stop_reason !== 'tool_use' || uses.length === 0 || exhausted) {
      return { text: texts.join('\n'), finalText: text, messages, stopReason: message.stop_reason, toolCalls };
    }

    req.onTools?.(uses.map((u) => u.name));
    const results: Anthropic.ToolResultBlockParam[] = uses.map((use) => {
      const outcome = ctx.tools.run(use.name, use.input);
      toolCalls += 1;
      if (outcome.isError) ctx.logger?.warn({ tool: use.name, error: outcome.content }, 'tool input rejected');
      return {
        type: 'tool_result',
        tool_use_id: use.id,
        content: outcome.content,
        ...(outcome.isError ? { is_error: true } : {}),
      };
    });
    messages.push(
      { role: 'assistant', content: message.content.map(toParam).filter((b): b is Anthropic.ContentBlockParam => b !== null) },
      { role: 'user', content: results },
    );
  }
}

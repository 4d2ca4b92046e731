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
  /**
   * Moving cache breakpoint on the conversation (default true). false leaves only the tools and system
   * breakpoints, so every tool round re-sends the conversation uncached: kept for measuring the saving.
   */
  cacheConversation?: boolean;
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

/**
 * Prompt caching: a copy of the conversation whose last content block carries a breakpoint, so the next
 * request (the next tool round, or the repair pass) reads everything up to here from the cache. Anthropic
 * looks back about 20 blocks from a breakpoint for an earlier cached prefix, so one moving breakpoint finds
 * the previous round's. The stored conversation is not changed: breakpoints must not pile up (at most 4 per
 * request: tools 1, system up to 2, this 1).
 */
export function withConversationBreakpoint(messages: readonly Anthropic.MessageParam[]): Anthropic.MessageParam[] {
  const last = messages.at(-1);
  if (!last) return [];
  const blocks: Anthropic.ContentBlockParam[] = typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : [...last.content];
  const tail = blocks.at(-1);
  // Thinking blocks cannot carry cache_control; none are sent today, so this only guards a future change.
  if (!tail || tail.type === 'thinking' || tail.type === 'redacted_thinking') return [...messages];
  blocks[blocks.length - 1] = { ...tail, cache_control: { type: 'ephemeral' } };
  // Sound for every role: the blocks are the message's own (or one text block), one of them with cache_control added.
  return [...messages.slice(0, -1), { ...last, content: blocks } as Anthropic.MessageParam];
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
  const cacheConversation = ctx.cacheConversation ?? true;
  let toolCalls = 0;

  for (let round = 0; ; round++) {
    const exhausted = round >= ctx.maxToolRounds;
    const stream = ctx.client.messages.stream(
      {
        model: ctx.model,
        max_tokens: ctx.maxTokens,
        system: req.system,
        messages: cacheConversation ? withConversationBreakpoint(messages) : messages,
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

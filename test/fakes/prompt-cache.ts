import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Anthropic's prompt cache as the fake server models it, after
 * https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching:
 *  - the prompt is a prefix in the order tools → system → messages, cut into blocks (one per tool, system block
 *    and message content block; string content counts as one text block);
 *  - a block with `cache_control` is a breakpoint: the prefix up to and including it is written to the cache
 *    when it is at least the minimum cacheable length (1,024 tokens; 2,048 for Haiku);
 *  - a request reads the longest prefix an earlier request wrote that ends at one of its breakpoints or at a block
 *    boundary up to 20 blocks before one, and is under 5 minutes old (a read refreshes the lifetime);
 *  - usage: cache_read = that prefix, cache_creation = up to the last breakpoint minus the read part,
 *    input_tokens = the rest (after the last breakpoint, or everything when nothing is cacheable);
 *  - the model is part of every prefix, and tool_choice of the messages part (changing it keeps tools and
 *    system cached but not the conversation).
 * Tokens are estimated as ceil(chars / 4) of each block (its text, or its JSON for other blocks): not a
 * tokenizer, but the same estimate for every request, which is all the shares need.
 */

export interface CacheUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface PromptCacheOptions {
  /** Minimum cacheable prefix in tokens; default 2,048 for Haiku models, 1,024 otherwise. */
  minTokens?: number;
  /** Lifetime of a cached prefix, refreshed on every read; default 5 minutes. */
  ttlMs?: number;
  /** Block boundaries checked before each breakpoint for an earlier cached prefix; default 20. */
  lookbackBlocks?: number;
  now?: () => number;
}

// The request body is an edge: only the parts that shape the prompt are read, the rest passes through.
const CacheControl = z.unknown().optional();
const ContentBlock = z.looseObject({ type: z.string(), cache_control: CacheControl });
const RequestSchema = z.looseObject({
  model: z.string().default(''),
  tools: z.array(z.looseObject({ cache_control: CacheControl })).default([]),
  tool_choice: z.unknown().optional(),
  system: z.union([z.string(), z.array(ContentBlock)]).default([]),
  messages: z.array(z.looseObject({ role: z.string(), content: z.union([z.string(), z.array(ContentBlock)]) })).default([]),
});

interface PromptBlock {
  /** What identifies the block in the prefix (cache_control left out: it marks, it is not content). */
  key: string;
  tokens: number;
  breakpoint: boolean;
}

/** JSON with sorted keys, so the same block always serialises the same way. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => k !== 'cache_control' && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const estimate = (chars: number) => Math.ceil(chars / 4);

function block(part: string, value: Record<string, unknown>): PromptBlock {
  const text = typeof value.text === 'string' ? value.text : typeof value.content === 'string' ? value.content : undefined;
  const key = `${part}:${stableJson(value)}`;
  return { key, tokens: estimate(text?.length ?? key.length), breakpoint: value.cache_control != null };
}

const asBlocks = (content: string | Record<string, unknown>[]) => (typeof content === 'string' ? [{ type: 'text', text: content }] : content);

/** The request's prompt as blocks in prefix order. */
export function promptBlocks(body: unknown): { blocks: PromptBlock[]; messagesFrom: number; model: string; toolChoice: string } {
  const req = RequestSchema.parse(body ?? {});
  const blocks = [
    ...req.tools.map((t) => block('tool', t)),
    ...asBlocks(req.system).map((b) => block('system', b)),
  ];
  const messagesFrom = blocks.length;
  for (const m of req.messages) blocks.push(...asBlocks(m.content).map((b) => block(m.role, b)));
  return { blocks, messagesFrom, model: req.model, toolChoice: stableJson(req.tool_choice ?? null) };
}

/** Cache breakpoints in a request body (tools, system blocks, message blocks). */
export const countBreakpoints = (body: unknown): number => promptBlocks(body).blocks.filter((b) => b.breakpoint).length;

export interface PromptCache {
  /** Usage of one request, recording what it writes and refreshing what it reads. */
  account(body: unknown): CacheUsage;
  clear(): void;
}

export function createPromptCache(options: PromptCacheOptions = {}): PromptCache {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const lookback = options.lookbackBlocks ?? 20;
  const now = options.now ?? Date.now;
  // Hash of a prefix → its length in tokens and when it was last written or read.
  const written = new Map<string, { tokens: number; at: number }>();

  return {
    account(body) {
      const { blocks, messagesFrom, model, toolChoice } = promptBlocks(body);
      const minTokens = options.minTokens ?? (/haiku/i.test(model) ? 2048 : 1024);
      const at = now();
      // Running hash and token count of every prefix: prefix i ends with block i.
      const hashes: string[] = [];
      const totals: number[] = [];
      let hash = createHash('sha256').update(`model:${model}`).digest('hex');
      let total = 0;
      blocks.forEach((b, i) => {
        const h = createHash('sha256').update(hash);
        if (i === messagesFrom) h.update(`tool_choice:${toolChoice}`);
        hash = h.update(b.key).digest('hex');
        total += b.tokens;
        hashes.push(hash);
        totals.push(total);
      });
      const breakpoints = blocks.flatMap((b, i) => (b.breakpoint ? [i] : []));

      let read = 0;
      let hit: string | undefined;
      for (const bp of breakpoints) {
        for (let i = bp; i >= Math.max(0, bp - lookback); i--) {
          const entry = written.get(hashes[i]!);
          if (!entry || at - entry.at >= ttlMs) continue;
          if (entry.tokens > read) {
            read = entry.tokens;
            hit = hashes[i];
          }
          break; // the longest match for this breakpoint is the first one found looking back
        }
      }
      if (hit) written.get(hit)!.at = at;

      const last = breakpoints.at(-1);
      const cacheable = last !== undefined && totals[last]! >= minTokens ? totals[last]! : 0;
      for (const bp of breakpoints) if (totals[bp]! >= minTokens) written.set(hashes[bp]!, { tokens: totals[bp]!, at });
      const creation = Math.max(0, cacheable - read);
      return { input_tokens: total - read - creation, cache_creation_input_tokens: creation, cache_read_input_tokens: read };
    },
    clear: () => written.clear(),
  };
}

import { describe, expect, it } from 'vitest';
import type Anthropic from '@anthropic-ai/sdk';
import { withConversationBreakpoint } from '../../src/architect/engines/anthropic/loop.js';
import { countBreakpoints, createPromptCache } from '../fakes/prompt-cache.js';

/** The loop's moving breakpoint, and the fake's model of Anthropic's prompt cache (test/fakes/prompt-cache.ts). */

const ephemeral = { type: 'ephemeral' } as const;
const words = (n: number, word = 'calc') => Array.from({ length: n }, () => word).join(' ');
// 4 chars per token: SYSTEM ≈ 1,500 tokens alone, above the 1,024 minimum; TINY is far below it.
const SYSTEM = words(1200, 'arch');
const TOOLS = [{ name: 'retry_schedule', description: 'Retry policy', input_schema: { type: 'object' }, cache_control: ephemeral }];

const first: Anthropic.MessageParam[] = [{ role: 'user', content: `Task: design\n\n${words(800, 'input')}` }];
const second: Anthropic.MessageParam[] = [
  ...first,
  { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'retry_schedule', input: {} }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: words(100, 'result') }] },
];

function request(messages: Anthropic.MessageParam[], options: { breakpoint?: boolean; system?: string; model?: string } = {}) {
  return {
    model: options.model ?? 'claude-sonnet-4-5',
    tools: TOOLS,
    tool_choice: { type: 'auto' },
    system: [{ type: 'text', text: options.system ?? SYSTEM, cache_control: ephemeral }],
    messages: options.breakpoint === false ? messages : withConversationBreakpoint(messages),
  };
}

describe('withConversationBreakpoint', () => {
  it('marks only the last block of the last message, on a copy', () => {
    const marked = withConversationBreakpoint(second);
    expect(marked.at(-1)!.content).toEqual([{ type: 'tool_result', tool_use_id: 'toolu_1', content: words(100, 'result'), cache_control: ephemeral }]);
    expect(marked.slice(0, -1)).toEqual(second.slice(0, -1));
    // The stored conversation is untouched, so the next round's copy carries exactly one conversation breakpoint.
    expect(JSON.stringify(second)).not.toContain('cache_control');
    expect(countBreakpoints({ messages: withConversationBreakpoint([...marked.slice(0, -1), second.at(-1)!]) })).toBe(1);
  });

  it('turns string content into one text block to mark it', () => {
    expect(withConversationBreakpoint([{ role: 'user', content: 'hello' }])).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hello', cache_control: ephemeral }] },
    ]);
    expect(withConversationBreakpoint([])).toEqual([]);
  });
});

describe('the fake prompt cache', () => {
  it('the second tool round reads the first round’s prefix with the moving breakpoint', () => {
    const cache = createPromptCache();
    const one = cache.account(request(first));
    expect(one.cache_read_input_tokens).toBe(0);
    expect(one.cache_creation_input_tokens).toBeGreaterThan(2000); // tools + system + the design message
    expect(one.input_tokens).toBe(0); // nothing after the last breakpoint

    const two = cache.account(request(second));
    expect(two.cache_read_input_tokens).toBe(one.cache_creation_input_tokens);
    // Written now: only the tool round (assistant tool_use + tool_result) beyond what was read.
    expect(two.cache_creation_input_tokens).toBeGreaterThan(100);
    expect(two.cache_creation_input_tokens).toBeLessThan(200);
    expect(two.input_tokens).toBe(0);
  });

  it('without the moving breakpoint only tools and system are read; the conversation is input every round', () => {
    const cache = createPromptCache();
    const one = cache.account(request(first, { breakpoint: false }));
    const two = cache.account(request(second, { breakpoint: false }));
    expect(two.cache_read_input_tokens).toBe(one.cache_creation_input_tokens);
    expect(two.cache_creation_input_tokens).toBe(0);
    expect(two.input_tokens).toBeGreaterThan(one.input_tokens);
    // The moving breakpoint's first round wrote the conversation too: it reads more on the second round.
    const moving = createPromptCache();
    moving.account(request(first));
    expect(moving.account(request(second)).cache_read_input_tokens).toBeGreaterThan(two.cache_read_input_tokens);
  });

  it('prefixes under the minimum are not cached (1,024 tokens; 2,048 for Haiku)', () => {
    const cache = createPromptCache();
    const tiny = request([{ role: 'user', content: 'hi' }], { system: 'You are terse.' });
    expect(cache.account(tiny)).toEqual({ input_tokens: expect.any(Number), cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    expect(cache.account(tiny).cache_read_input_tokens).toBe(0);

    // ≈ 1,700 tokens up to the system breakpoint: cacheable for Sonnet, not for Haiku.
    const mid = (model: string) => request([{ role: 'user', content: 'hi' }], { system: words(1350, 'arch'), breakpoint: false, model });
    expect(cache.account(mid('claude-sonnet-4-5')).cache_creation_input_tokens).toBeGreaterThan(1024);
    const haiku = cache.account(mid('claude-haiku-4-5'));
    expect(haiku.cache_creation_input_tokens + haiku.cache_read_input_tokens).toBe(0);
  });

  it('a different system prompt misses, and so does an expired entry', () => {
    let now = 0;
    const cache = createPromptCache({ now: () => now });
    cache.account(request(first));
    const other = cache.account(request(first, { system: words(1200, 'other') }));
    expect(other.cache_read_input_tokens).toBe(0);

    now = 4 * 60_000; // a read refreshes the 5-minute lifetime…
    expect(cache.account(request(first)).cache_read_input_tokens).toBeGreaterThan(0);
    now = 8 * 60_000;
    expect(cache.account(request(first)).cache_read_input_tokens).toBeGreaterThan(0);
    now = 14 * 60_000; // …an unused one expires
    expect(cache.account(request(first)).cache_read_input_tokens).toBe(0);
  });

  it('looks back at most 20 blocks from a breakpoint for an earlier prefix', () => {
    const cache = createPromptCache();
    cache.account(request(first));
    const rounds = (n: number): Anthropic.MessageParam[] => [
      ...first,
      { role: 'assistant', content: Array.from({ length: n }, (_, i) => ({ type: 'tool_use' as const, id: `toolu_${i}`, name: 'retry_schedule', input: {} })) },
      { role: 'user', content: Array.from({ length: n }, (_, i) => ({ type: 'tool_result' as const, tool_use_id: `toolu_${i}`, content: 'ok' })) },
    ];
    const within = cache.account(request(rounds(10))); // 20 blocks after the cached prefix: found
    // 22 blocks after: only the tools + system breakpoint still matches.
    const beyond = createPromptCache();
    const base = beyond.account(request(first));
    const far = beyond.account(request(rounds(11)));
    expect(within.cache_read_input_tokens).toBe(base.cache_creation_input_tokens);
    expect(far.cache_read_input_tokens).toBeLessThan(base.cache_creation_input_tokens);
    expect(far.cache_read_input_tokens).toBeGreaterThan(1024);
  });

  it('a different tool_choice keeps tools and system cached but not the conversation', () => {
    const cache = createPromptCache();
    const one = cache.account(request(first));
    const none = cache.account({ ...request(first), tool_choice: { type: 'none' } });
    expect(none.cache_read_input_tokens).toBeGreaterThan(1024);
    expect(none.cache_read_input_tokens).toBeLessThan(one.cache_creation_input_tokens);
  });
});

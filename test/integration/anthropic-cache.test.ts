import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicEngine } from '../../src/architect/engines/anthropic.js';
import { createClaudeExtractor } from '../../src/architect/extract-claude.js';
import { loadPrompts, type Prompts } from '../../src/architect/prompts.js';
import type { PreviousDesign } from '../../src/architect/types.js';
import { startFakeAnthropic, type FakeAnthropic, type FakeReply } from '../fakes/anthropic-server.js';
import { countBreakpoints } from '../fakes/prompt-cache.js';
import { BAD_DRAFT, GOOD_DESIGN, INPUTS, clientFor } from './anthropic-helpers.js';

/**
 * Prompt caching end to end: the real engine and SDK against the fake counting cached tokens like Anthropic
 * (test/fakes/prompt-cache.ts). Every request stays within Anthropic's 4 breakpoints.
 */

let fake: FakeAnthropic;
let prompts: Prompts;
beforeAll(async () => {
  fake = await startFakeAnthropic({ promptCache: true });
  prompts = await loadPrompts();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.clearCache();
  expect(fake.pending()).toBe(0);
});

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const engine = (options: { cacheConversation?: boolean; maxToolRounds?: number } = {}) =>
  createAnthropicEngine({ client: clientFor(fake.url), model: 'claude-test', maxTokens: 4096, prompts, logger: quiet, ...options });

const budget: FakeReply = { type: 'tool_use', calls: [{ name: 'rate_limit_budget', input: { volumePerDay: 30_000, limit: '100 requests per 20 seconds' } }] };
const retry: FakeReply = { type: 'tool_use', text: 'And the retry window.', calls: [{ name: 'retry_schedule', input: {} }] };

const usages = () => fake.requests.map((r) => r.usage!);
const written = (i: number) => usages()[i]!.cache_read_input_tokens + usages()[i]!.cache_creation_input_tokens;

describe('prompt caching with the moving conversation breakpoint', () => {
  it('each tool round reads the previous round’s whole prefix from the cache', async () => {
    fake.enqueue(budget, retry, { type: 'text', text: GOOD_DESIGN });
    await engine().design(INPUTS);

    const [one, two, three] = usages();
    expect(one!.cache_read_input_tokens).toBe(0);
    expect(one!.cache_creation_input_tokens).toBeGreaterThan(4000); // tools + architect prompt + the design message
    expect(two!.cache_read_input_tokens).toBe(written(0));
    expect(three!.cache_read_input_tokens).toBe(written(1));
    // Only the new tool round is written; nothing sits after the breakpoint.
    for (const u of [two!, three!]) {
      expect(u.cache_creation_input_tokens).toBeLessThan(600);
      expect(u.input_tokens).toBe(0);
    }
  });

  it('without it, tool rounds read only tools and system and re-send the conversation as input', async () => {
    fake.enqueue(budget, retry, { type: 'text', text: GOOD_DESIGN });
    await engine({ cacheConversation: false }).design(INPUTS);

    const [one, two, three] = usages();
    expect(two!.cache_read_input_tokens).toBe(one!.cache_creation_input_tokens); // tools + system only
    expect(three!.cache_read_input_tokens).toBe(one!.cache_creation_input_tokens);
    expect(two!.input_tokens).toBeGreaterThan(one!.input_tokens);
    expect(three!.input_tokens).toBeGreaterThan(two!.input_tokens);
    for (const r of fake.requests) expect(JSON.stringify(r.body.messages)).not.toContain('cache_control');
  });

  it('the repair pass reads the drafting conversation from the cache', async () => {
    fake.enqueue(budget, { type: 'text', text: BAD_DRAFT }, { type: 'text', text: GOOD_DESIGN });
    const result = await engine().design(INPUTS);
    expect(result.quality.repaired).toBe(true);

    const repair = usages()[2]!;
    expect(repair.cache_read_input_tokens).toBe(written(0) + usages()[1]!.cache_creation_input_tokens);
    expect(repair.input_tokens).toBe(0);
  });

  it('a different system prompt (revise vs design) reads only the tools', async () => {
    fake.enqueue({ type: 'text', text: GOOD_DESIGN });
    await engine().design(INPUTS);
    fake.enqueue({ type: 'text', text: `${GOOD_DESIGN}\n\n## What changed\n- Nothing.\n` });
    await engine().revise({ inputs: INPUTS, markdown: GOOD_DESIGN, revision: 1 }, 'Log retries.', []);
    // The architect block matches (its own breakpoint); the revise prompt and the message are new.
    const [design, revise] = usages();
    expect(revise!.cache_read_input_tokens).toBeGreaterThan(0);
    expect(revise!.cache_read_input_tokens).toBeLessThan(written(0));
    expect(design!.cache_read_input_tokens).toBe(0);
  });
});

describe('cache breakpoints per request', () => {
  it('no request the engine or the extractor sends carries more than 4', async () => {
    const previous: PreviousDesign = { inputs: INPUTS, markdown: GOOD_DESIGN, revision: 1 };
    const withChanges = `${GOOD_DESIGN}\n\n## What changed\n- Retries are logged.\n`;
    // design: a tool round, a failing draft past the cap (tool_choice none), the repair pass with its own tool round
    fake.enqueue(budget, { type: 'text', text: BAD_DRAFT }, retry, { type: 'text', text: GOOD_DESIGN });
    await engine({ maxToolRounds: 1 }).design(INPUTS);
    // revision with a tool round and a repair pass (system: architect + revise)
    fake.enqueue(retry, { type: 'text', text: BAD_DRAFT }, { type: 'text', text: withChanges });
    await engine().revise(previous, 'Log every retry.', []);
    // answer with a tool round
    fake.enqueue(budget, { type: 'text', text: 'The budget holds.' });
    await engine().answer(previous, 'Does the budget hold?', []);
    fake.enqueue({ type: 'tool_use', calls: [{ name: 'classify_reply', input: { kind: 'question' } }] });
    await engine().classifyReply(previous, 'Why?');
    fake.enqueue({ type: 'tool_use', calls: [{ name: 'record_integration_inputs', input: {} }] });
    await createClaudeExtractor({ client: clientFor(fake.url), model: 'claude-test', prompts })('sync Acme orders into Globex');

    const counts = fake.requests.map((r) => countBreakpoints(r.body));
    expect(counts).toHaveLength(11);
    expect(Math.max(...counts)).toBeLessThanOrEqual(4);
    // design rounds: tools + system + conversation; follow-ups use all four; classify and extract none.
    expect(counts).toEqual([3, 3, 3, 3, 4, 4, 4, 4, 4, 0, 0]);
    expect(fake.requests[1]!.body.tool_choice).toEqual({ type: 'none' });
  });
});

describe('fixed streaming rate', () => {
  it('paces deltas at tokensPerSecond (chars / 4) and records the time served', async () => {
    const paced = await startFakeAnthropic({ tokensPerSecond: 2000 });
    try {
      paced.enqueue({ type: 'text', text: 'x'.repeat(1600), chunkSize: 40 }); // 400 tokens: 200 ms
      const client = clientFor(paced.url);
      const started = performance.now();
      await client.messages.stream({ model: 'claude-test', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
      expect(performance.now() - started).toBeGreaterThanOrEqual(195);
      expect(paced.requests[0]!.servedMs).toBeGreaterThanOrEqual(195);
      expect(paced.requests[0]!.servedMs).toBeLessThan(1000);
    } finally {
      await paced.close();
    }
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Anthropic from '@anthropic-ai/sdk';
import { createAnthropicEngine, EngineError } from '../../src/architect/engines/anthropic.js';
import { loadPrompts, type Prompts } from '../../src/architect/prompts.js';
import { computeRateBudget, solveRetryPolicy } from '../../src/architect/calculators/index.js';
import { toToolJson } from '../../src/architect/engines/schema.js';
import type { Progress } from '../../src/architect/types.js';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic-server.js';
import {
  BAD_DRAFT,
  GOOD_DESIGN,
  INPUTS,
  clientFor,
  lastUserBlocks,
  lastUserText,
  rejectionOf,
  type Block,
} from './anthropic-helpers.js';

let fake: FakeAnthropic;
let prompts: Prompts;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  prompts = await loadPrompts();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  expect(fake.pending()).toBe(0);
});

const engine = (overrides: { maxRetries?: number; maxToolRounds?: number } = {}) =>
  createAnthropicEngine({
    client: clientFor(fake.url, overrides.maxRetries ?? 2),
    model: 'claude-test',
    maxTokens: 4096,
    prompts,
    ...(overrides.maxToolRounds !== undefined ? { maxToolRounds: overrides.maxToolRounds } : {}),
  });

const fastRetry = { 'retry-after': '0', 'retry-after-ms': '5' };

async function engineError(promise: Promise<unknown>): Promise<EngineError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe('Anthropic engine: design', () => {
  it('streams a design with a calculator round trip and returns the calculators’ output to the model', async () => {
    const budgetInput = { volumePerDay: 30_000, limit: '100 requests per 20 seconds' };
    const toolResults: { id: string | undefined; content: string | undefined }[] = [];
    fake.enqueue(
      {
        type: 'tool_use',
        text: 'Let me compute the numbers first.',
        calls: [
          { id: 'toolu_budget', name: 'rate_limit_budget', input: budgetInput },
          { id: 'toolu_retry', name: 'retry_schedule', input: {} },
        ],
        usage: { input_tokens: 900, cache_creation_input_tokens: 3000 },
      },
      (request) => {
        for (const block of lastUserBlocks(request)) {
          if (block.type === 'tool_result') toolResults.push({ id: block.tool_use_id, content: block.content });
        }
        return { type: 'text', text: GOOD_DESIGN, usage: { input_tokens: 1400, cache_read_input_tokens: 3000 } };
      },
    );
    const events: Progress[] = [];
    const result = await engine().design(INPUTS, { onProgress: (p) => events.push(p) });

    expect(toolResults).toEqual([
      { id: 'toolu_budget', content: toToolJson(computeRateBudget(budgetInput)) },
      { id: 'toolu_retry', content: toToolJson(solveRetryPolicy({})) },
    ]);
    // The assistant turn with the tool calls is sent back verbatim before the results.
    const history = fake.requests[1]!.body.messages as { role: string; content: Block[] }[];
    expect(history.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(history[1]!.content.map((b) => b.type)).toEqual(['text', 'tool_use', 'tool_use']);

    expect(result.markdown).toBe(GOOD_DESIGN.trim());
    expect(result.title).toBe('Integration design: Stripe → Salesforce');
    expect(result.sections.map((s) => s.id)).toEqual([
      'requirements',
      'pattern',
      'authentication',
      'resilience',
      'observability',
      'failure-modes',
      'checklist',
    ]);
    expect(result.quality.passed).toBe(true);
    expect(result.quality.repaired).toBe(false);
    expect(result.engine).toBe('anthropic');
    expect(result.model).toBe('claude-test');
    expect(result.usage.inputTokens).toBe(2300);
    expect(result.usage.cacheReadTokens).toBe(3000);
    expect(result.usage.cacheCreationTokens).toBe(3000);
    expect(result.usage.outputTokens).toBeGreaterThan(0);

    const stages = events.map((e) => e.stage);
    expect(stages).toContain('calculating');
    expect(stages.indexOf('calculating')).toBeLessThan(stages.lastIndexOf('writing'));
    expect(stages.at(-1)).toBe('done');
    const chars = events.filter((e) => e.stage === 'writing').map((e) => e.chars ?? 0);
    expect(chars.length).toBeGreaterThan(10);
    expect(chars).toEqual([...chars].sort((a, b) => a - b));
  });

  it('sends the system prompt and tools as a cached prefix, with the inputs and assumptions in the user turn', async () => {
    fake.enqueue({ type: 'text', text: GOOD_DESIGN });
    await engine().design(INPUTS);

    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0]!;
    expect(request.path).toBe('/v1/messages');
    // SDK 1.x sends the API key as a bearer token; older versions used x-api-key. Either carries our key.
    const credential = request.headers['x-api-key'] ?? request.headers.authorization?.replace(/^Bearer /, '');
    expect(credential).toBe('sk-ant-test-key');
    expect(request.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(request.body.stream).toBe(true);
    expect(request.body.model).toBe('claude-test');
    expect(request.body.max_tokens).toBe(4096);
    expect(request.body.system).toEqual([{ type: 'text', text: prompts.architect, cache_control: { type: 'ephemeral' } }]);

    const tools = request.body.tools as { name: string; input_schema: { type: string }; cache_control?: unknown }[];
    expect(tools.map((t) => t.name)).toEqual(['retry_schedule', 'rate_limit_budget', 'limit_budget', 'provider_facts', 'outage_backlog', 'circuit_breaker']);
    expect(tools.every((t) => t.input_schema.type === 'object')).toBe(true);
    expect(tools.at(-1)!.cache_control).toEqual({ type: 'ephemeral' });
    expect(tools.slice(0, -1).every((t) => t.cache_control === undefined)).toBe(true);

    const user = lastUserText(request);
    expect(user).toContain('"name": "Stripe"');
    expect(user).toContain('"limit": "100 requests per 20 seconds"');
    expect(user).toContain('Volume: moderate volume, tens of thousands of events a day');
    expect(user).toContain('Latency: near-real-time, within 30 seconds');
    // Grounded: the planner's brief carries the documented facts and what the gate will check.
    expect(user).toMatch(/<plan>[\s\S]*`Stripe-Signature`: HMAC-SHA256[\s\S]*<\/plan>/);
    expect(user).toContain('## The document must (checked by the quality gate)');
    expect(user).toContain('https://docs.stripe.com/');
  });

  it('runs one repair pass when the draft fails the quality gate, with the gate’s instructions in the request', async () => {
    let repairRequest = '';
    fake.enqueue({ type: 'text', text: BAD_DRAFT }, (request) => {
      repairRequest = lastUserText(request);
      return { type: 'text', text: GOOD_DESIGN };
    });
    const events: Progress[] = [];
    const result = await engine().design(INPUTS, { onProgress: (p) => events.push(p) });

    expect(fake.requests).toHaveLength(2);
    expect(repairRequest).toContain('failed these checks');
    expect(repairRequest).toMatch(/sections/i);
    const messages = fake.requests[1]!.body.messages as { role: string; content: unknown }[];
    expect(messages.at(-2)).toEqual({ role: 'assistant', content: BAD_DRAFT.trim() });
    expect(events.map((e) => e.stage)).toContain('repairing');
    expect(result.quality.repaired).toBe(true);
    expect(result.quality.passed).toBe(true);
    expect(result.markdown).toBe(GOOD_DESIGN.trim());
  });

  it('sends a draft that contradicts a documented fact back with the fact, and takes the corrected one', async () => {
    // Right structure and numbers, wrong signature scheme: Stripe signs with HMAC-SHA256, hex-encoded.
    const wrong = GOOD_DESIGN.replace('`Stripe-Signature` HMAC-SHA256 over the raw body', '`Stripe-Signature` HMAC-SHA1 over the raw body, base64-encoded,');
    expect(wrong).not.toBe(GOOD_DESIGN);
    let repairRequest = '';
    fake.enqueue({ type: 'text', text: wrong }, (request) => {
      repairRequest = lastUserText(request);
      return { type: 'text', text: GOOD_DESIGN };
    });
    const result = await engine().design(INPUTS);

    expect(repairRequest).toMatch(/"HMAC-SHA1" contradicts Stripe's documentation/);
    expect(repairRequest).toMatch(/"base64" contradicts Stripe's documentation/);
    expect(result.quality.repaired).toBe(true);
    expect(result.quality.passed).toBe(true);
    expect(result.markdown).toBe(GOOD_DESIGN.trim());
  });

  it('keeps the report honest when the repair still fails', async () => {
    fake.enqueue({ type: 'text', text: BAD_DRAFT }, { type: 'text', text: BAD_DRAFT });
    const result = await engine().design(INPUTS);
    expect(fake.requests).toHaveLength(2);
    expect(result.quality.repaired).toBe(true);
    expect(result.quality.passed).toBe(false);
    expect(result.quality.checks.some((c) => !c.passed)).toBe(true);
  });

  it('returns invalid tool input to the model as an is_error result it can correct', async () => {
    let errorBlock: Block | undefined;
    fake.enqueue(
      { type: 'tool_use', calls: [{ id: 'toolu_bad', name: 'circuit_breaker', input: { volumePerDay: -5 } }] },
      (request) => {
        errorBlock = lastUserBlocks(request).find((b) => b.type === 'tool_result');
        return { type: 'text', text: GOOD_DESIGN };
      },
    );
    await engine().design(INPUTS);
    expect(errorBlock?.tool_use_id).toBe('toolu_bad');
    expect(errorBlock?.is_error).toBe(true);
    expect(errorBlock?.content).toMatch(/volumePerDay/);
  });

  it('stops offering tools after the round cap (tool_choice none)', async () => {
    const call = { type: 'tool_use' as const, calls: [{ name: 'circuit_breaker', input: { volumePerDay: 30_000 } }] };
    fake.enqueue(call, call, { type: 'text', text: GOOD_DESIGN });
    await engine({ maxToolRounds: 2 }).design(INPUTS);
    expect(fake.requests.map((r) => r.body.tool_choice?.type)).toEqual(['auto', 'auto', 'none']);
  });
});

describe('Anthropic engine: errors', () => {
  it('rides out a 429 through the SDK’s own retry', async () => {
    fake.enqueue({ type: 'error', status: 429, errorType: 'rate_limit_error', headers: fastRetry }, { type: 'text', text: GOOD_DESIGN });
    const result = await engine().design(INPUTS);
    expect(fake.requests).toHaveLength(2);
    expect(result.quality.passed).toBe(true);
  });

  it('rides out a 529 overloaded_error through the SDK’s own retry', async () => {
    fake.enqueue({ type: 'error', status: 529, errorType: 'overloaded_error', headers: fastRetry }, { type: 'text', text: GOOD_DESIGN });
    const result = await engine().design(INPUTS);
    expect(fake.requests).toHaveLength(2);
    expect(result.markdown).toBe(GOOD_DESIGN.trim());
  });

  it('reports rate_limited (retryable) once the SDK’s retries are spent', async () => {
    const limited = { type: 'error' as const, status: 429, errorType: 'rate_limit_error', headers: fastRetry };
    fake.enqueue(limited, limited, limited);
    const error = await engineError(engine({ maxRetries: 2 }).design(INPUTS));
    expect(fake.requests).toHaveLength(3);
    expect(error.code).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.cause).toBeInstanceOf(Anthropic.RateLimitError);
  });

  it('maps a 400 to bad_request without retrying', async () => {
    fake.enqueue({ type: 'error', status: 400, errorType: 'invalid_request_error', message: 'max_tokens: too large' });
    const error = await engineError(engine().design(INPUTS));
    expect(fake.requests).toHaveLength(1);
    expect(error.code).toBe('bad_request');
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(400);
    expect(error.cause).toBeInstanceOf(Anthropic.BadRequestError);
  });

  it('maps a 401 to auth', async () => {
    fake.enqueue({ type: 'error', status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' });
    const error = await engineError(engine().design(INPUTS));
    expect(error.code).toBe('auth');
    expect(error.retryable).toBe(false);
  });

  it('maps an overloaded error event in the middle of a stream to overloaded', async () => {
    fake.enqueue({ type: 'stream_error', errorType: 'overloaded_error', textBefore: '# Integration design: Stripe' });
    const error = await engineError(engine().design(INPUTS));
    expect(error.code).toBe('overloaded');
    expect(error.retryable).toBe(true);
  });

  it('maps an unreachable API to unavailable', async () => {
    const closed = await startFakeAnthropic();
    const url = closed.url;
    await closed.close();
    const unreachable = createAnthropicEngine({ client: clientFor(url, 0), model: 'claude-test', maxTokens: 1024, prompts });
    const error = await engineError(unreachable.design(INPUTS));
    expect(error.code).toBe('unavailable');
    expect(error.retryable).toBe(true);
    expect(error.cause).toBeInstanceOf(Anthropic.APIConnectionError);
  });

  it('stops streaming and reports aborted when the caller’s signal fires', async () => {
    fake.enqueue({ type: 'hang', textBefore: '# Integration design: Stripe → Salesforce\n' });
    const controller = new AbortController();
    const pending = engine().design(INPUTS, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'writing') controller.abort();
      },
    });
    const error = await engineError(pending);
    expect(error.code).toBe('aborted');
    expect(error.retryable).toBe(false);
    expect(fake.requests).toHaveLength(1);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClaudeExtractor } from '../../src/architect/extract-claude.js';
import { EngineError } from '../../src/architect/engines/errors.js';
import { PartialInputsSchema } from '../../src/architect/inputs.js';
import type { Prompts } from '../../src/architect/prompts.js';
import type { FakeAnthropic } from '../fakes/anthropic-server.js';
import { clientFor, lastUserText, rejectionOf, useFakeAnthropic } from './anthropic-helpers.js';

const ctx = useFakeAnthropic();
const warnings = ctx.warnings;
let fake: FakeAnthropic;
let prompts: Prompts;
beforeEach(() => {
  ({ fake, prompts } = ctx);
});

const extractor = (maxRetries = 2) =>
  createClaudeExtractor({
    client: clientFor(fake.url, maxRetries),
    model: 'claude-test',
    prompts,
    logger: { warn: (obj) => void warnings.push(obj) },
  });

const TEXT = 'Sync Stripe payments into Salesforce opportunities, about 2k an hour. Salesforce allows 100 requests per 20 seconds.';

describe('Claude extractor', () => {
  it('returns the validated tool input and sends the schema generated from PartialInputsSchema', async () => {
    const input = {
      systems: [{ name: 'Stripe', description: 'payments platform' }, { name: 'Salesforce', description: 'CRM' }],
      flows: [{ from: 'Stripe', to: 'Salesforce', data: 'payments as opportunities' }],
      volumePerDay: 48_000,
      rateLimits: [{ system: 'Salesforce', limit: '100 requests per 20 seconds' }],
    };
    fake.enqueue({ type: 'tool_use', calls: [{ name: 'record_integration_inputs', input }] });
    const result = await extractor()(TEXT);

    expect(result).toEqual(input);
    expect(warnings).toHaveLength(0);
    const request = fake.requests[0]!;
    expect(request.body.system).toBe(prompts.extract);
    expect(request.body.tool_choice).toEqual({ type: 'tool', name: 'record_integration_inputs' });
    const { $schema: _ignored, ...expectedSchema } = z.toJSONSchema(PartialInputsSchema, { io: 'input' }) as Record<string, unknown>;
    expect(request.body.tools[0].input_schema).toEqual(expectedSchema);
    expect(lastUserText(request)).toBe(`<request>\n${TEXT}\n</request>`);
  });

  it('returns {} and warns when the tool input fails validation', async () => {
    fake.enqueue({
      type: 'tool_use',
      calls: [{ name: 'record_integration_inputs', input: { systems: 'Stripe and Salesforce', volumePerDay: -3 } }],
    });
    expect(await extractor()(TEXT)).toEqual({});
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0])).toMatch(/systems/);
  });

  it('returns {} and warns when the model does not call the tool', async () => {
    fake.enqueue({ type: 'text', text: 'Here are the inputs…' });
    expect(await extractor()(TEXT)).toEqual({});
    expect(warnings).toHaveLength(1);
  });

  it('throws an EngineError for transport errors, after the SDK’s retries', async () => {
    const overloaded = { type: 'error' as const, status: 529, errorType: 'overloaded_error', headers: { 'retry-after-ms': '5' } };
    fake.enqueue(overloaded, overloaded);
    const error = await rejectionOf(extractor(1)(TEXT));
    expect(fake.requests).toHaveLength(2);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('overloaded');
    expect((error as EngineError).retryable).toBe(true);
  });

  it('honours the abort signal', async () => {
    const controller = new AbortController();
    fake.enqueue(() => {
      controller.abort();
      return { type: 'hang' };
    });
    const pending = extractor()(TEXT, { signal: controller.signal });
    const error = await rejectionOf(pending);
    expect((error as EngineError).code).toBe('aborted');
  });
});

import { readFileSync } from 'node:fs';
import type Anthropic from '@anthropic-ai/sdk';
import { loadConfig } from '../../src/config.js';
import { createAnthropicClient } from '../../src/architect/engines/anthropic/client.js';
import type { IntegrationInputs } from '../../src/architect/inputs.js';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { loadPrompts, type Prompts } from '../../src/architect/prompts.js';
import { startFakeAnthropic, type FakeAnthropic, type RecordedRequest } from '../fakes/anthropic-server.js';

/** Shared set-up for the engine tests: the real SDK, built from a real config, pointed at the fake. */

export function clientFor(url: string, maxRetries = 2): Anthropic {
  const config = loadConfig({
    ANTHROPIC_API_KEY: 'sk-ant-test-key',
    ANTHROPIC_BASE_URL: url,
    ANTHROPIC_MAX_RETRIES: String(maxRetries),
    ANTHROPIC_TIMEOUT_MS: '10000',
    ANTHROPIC_MODEL: 'claude-test',
  });
  if (config.engine.mode !== 'anthropic') throw new Error('expected the anthropic engine mode');
  return createAnthropicClient(config.engine);
}

export const INPUTS: IntegrationInputs = {
  systems: [
    { name: 'Stripe', description: 'payments platform' },
    { name: 'Salesforce', description: 'CRM' },
  ],
  flows: [{ from: 'Stripe', to: 'Salesforce', data: 'successful payments and refunds as Opportunity updates' }],
  rateLimits: [{ system: 'Salesforce', limit: '100 requests per 20 seconds' }],
};

export const GOOD_DESIGN = readFileSync(new URL('../fakes/fixtures/design-stripe-salesforce.md', import.meta.url), 'utf8');

/** A draft that any reasonable gate rejects: no sections, no numbers. */
export const BAD_DRAFT = '# Integration design: Stripe → Salesforce\n\nUse webhooks and add retries with exponential backoff.\n';

export type Block = { type: string; text?: string; tool_use_id?: string; content?: string; is_error?: boolean };

/** The content blocks of the last user message of a recorded request. */
export function lastUserBlocks(request: RecordedRequest): Block[] {
  const messages = request.body.messages as { role: string; content: string | Block[] }[];
  const last = messages.at(-1)!;
  return typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content;
}

export function lastUserText(request: RecordedRequest): string {
  return lastUserBlocks(request)
    .map((b) => b.text ?? '')
    .join('\n');
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the promise to reject');
    },
    (error: unknown) => error,
  );
}

/**
 * One fake Anthropic server per test file, prompts loaded once, and a clean slate before each test
 * (recorded requests and logged warnings cleared; every scripted reply of the previous test consumed).
 */
export function useFakeAnthropic(): { fake: FakeAnthropic; prompts: Prompts; warnings: object[] } {
  const ctx = { warnings: [] as object[] } as { fake: FakeAnthropic; prompts: Prompts; warnings: object[] };
  beforeAll(async () => {
    ctx.fake = await startFakeAnthropic();
    ctx.prompts = await loadPrompts();
  });
  afterAll(() => ctx.fake.close());
  beforeEach(() => {
    ctx.fake.requests.length = 0;
    ctx.warnings.length = 0;
    expect(ctx.fake.pending()).toBe(0);
  });
  return ctx;
}

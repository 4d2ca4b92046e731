import { WebClient, type Logger, LogLevel } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSlackApiFake, type SlackApiFake } from '../../../src/sandbox/slack-api-fake.js';

/** The WebClient logs Slack's response_metadata messages; keep test output quiet without mocking anything. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

export const BOT_TOKEN = 'xoxb-sandbox-test-token';

/** The real WebClient pointed at the fake, with quick retries so failure tests stay short. */
export function clientFor(fake: SlackApiFake, token: string = BOT_TOKEN): WebClient {
  return new WebClient(token, {
    slackApiUrl: fake.url,
    logger: silentLogger,
    retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
  });
}

/** Runs `fn` and returns the Slack error code it failed with (or throws if it succeeded). */
export async function slackErrorOf(fn: () => Promise<unknown>): Promise<{ code: string; data: Record<string, unknown> }> {
  try {
    await fn();
  } catch (err) {
    const e = err as { code?: string; data?: Record<string, unknown> };
    if (e.code === 'slack_webapi_platform_error' && e.data) return { code: String(e.data.error), data: e.data };
    throw err;
  }
  throw new Error('expected the call to fail');
}

export const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** One Local Slack per test file, reset to its seeded state before each test. */
export function useSlackFake(): { fake: SlackApiFake } {
  const ctx = {} as { fake: SlackApiFake };
  beforeAll(async () => {
    ctx.fake = await startSlackApiFake();
  });
  afterAll(async () => {
    await ctx.fake.close();
  });
  beforeEach(() => ctx.fake.reset());
  return ctx;
}

import { loadConfig } from '../../src/config.js';
import { startRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.js';
import { createSlackDriver, type SlackDriver } from '../../src/sandbox/driver.js';
import { migratedPglite } from '../helpers/db.js';
import { SANDBOX_CHANNELS, SANDBOX_USERS, startSlackApiFake, type FakeMessage, type RecordedCall, type SlackApiFake } from '../../src/sandbox/slack-api-fake.js';

/**
 * The real bot (same wiring as `npm start`) configured for single-workspace HTTP mode, with its Web API base URL
 * pointed at the Local Slack and requests delivered by a driver that signs them like Slack.
 */

export const SIGNING_SECRET = 'e2e-signing-secret';
export const { alice, bob, carol } = SANDBOX_USERS;
export const { general, secret, random } = SANDBOX_CHANNELS;

export interface Bot {
  fake: SlackApiFake;
  driver: SlackDriver;
  runtime: Runtime;
  /** Messages the bot posted (chat.postMessage and chat.startStream calls that succeeded), optionally in one thread. */
  posts(threadTs?: string): RecordedCall[];
  /** The design header(s) in a thread as it reads now (the progress message turns into the header). */
  headers(channel: string, threadTs: string): FakeMessage[];
  waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs?: number): Promise<T>;
  /** Waits until the bot has nothing left to do (listeners, refreshes, jobs): assert absences after this. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBot(options: { env?: Record<string, string>; runtime?: RuntimeOptions; socketMode?: boolean } = {}): Promise<Bot> {
  const fake = await startSlackApiFake(options.socketMode ? { socketMode: { ackTimeoutMs: 2000, pingIntervalMs: 5000 } } : {});
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: ':memory:',
    SLACK_BOT_TOKEN: 'xoxb-e2e-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    // Tests and benchmarks start many designs as one user; the limit itself is tested on its own.
    DESIGNS_PER_USER_PER_HOUR: '100000',
    // Socket Mode (the manifest's default): deliveries come over the local Slack's WebSocket, not signed HTTP.
    ...(options.socketMode ? { SLACK_APP_TOKEN: 'xapp-1-A0SANDBOX1-1-e2e' } : {}),
    ...options.env,
  });
  let runtime: Runtime;
  try {
    runtime = await startRuntime(config, {
      // In memory and already migrated (once per test worker), unless a test points the bot at a real server.
      ...(config.database.mode === 'pglite' ? { database: await migratedPglite() } : {}),
      jobSettings: { pollingIntervalSeconds: 0.5, retry: { retryLimit: 2, retryDelay: 1, retryBackoff: false } },
      postGapMs: 20,
      progressIntervalMs: 50,
      slackRetryConfig: { retries: 3, factor: 1, minTimeout: 50, maxTimeout: 200 },
      ...options.runtime,
    });
  } catch (error) {
    await fake.close();
    throw error;
  }
  const driver = createSlackDriver({
    botUrl: `${runtime.url}/slack/events`,
    signingSecret: SIGNING_SECRET,
    teamId: fake.teamId,
    fake,
    transport: options.socketMode ? 'socket-mode' : 'http',
  });

  // A live draft is a message too: it starts with chat.startStream where the others start with chat.postMessage.
  const posts = (threadTs?: string) =>
    fake.calls
      .filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.startStream')
      .filter((c) => c.response.ok === true && (threadTs === undefined || c.args.thread_ts === threadTs));

  async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const headers = (channel: string, threadTs: string) =>
    fake.state.messages(channel, { threadTs }).filter((m) => JSON.stringify(m.blocks ?? []).includes('export_markdown'));

  return {
    fake,
    driver,
    runtime,
    posts,
    headers,
    waitFor,
    idle: () => runtime.idle(),
    async stop() {
      await runtime.stop();
      await fake.close();
    },
  };
}

/** All text a message carries: fallback text plus every string inside its blocks. */
export function messageText(call: RecordedCall): string {
  const strings: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(call.args.text);
  walk(call.args.blocks);
  // Streaming calls carry their text as markdown_text or chunks.
  walk(call.args.markdown_text);
  walk(call.args.chunks);
  return strings.join('\n');
}

/** The root message of the thread the bot opened for a command. */
export function rootOf(bot: Bot, channel: string): string | undefined {
  const root = bot
    .posts()
    .find((c) => c.args.channel === channel && c.args.thread_ts === undefined && String(c.args.text).includes('Integration design for'));
  return root ? String(root.response.ts) : undefined;
}

/** Runs the slash command as `user` in `channel` and returns the ts of the thread the bot opened for it. */
export async function startDesignThread(bot: Bot, text: string, options: { channel?: string; user?: string } = {}): Promise<string> {
  const channel = options.channel ?? general.id;
  const before = bot.posts().length;
  const res = await bot.driver.slashCommand({ command: '/integration-design', text, userId: options.user ?? alice.id, channelId: channel });
  if (res.status !== 200) throw new Error(`the command was answered with HTTP ${res.status}`);
  return bot.waitFor(() => {
    const root = bot.posts().slice(before).find((c) => c.args.channel === channel && c.args.thread_ts === undefined);
    return root ? String(root.response.ts) : undefined;
  }, 'the root message');
}

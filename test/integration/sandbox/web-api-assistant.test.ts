import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, Assistant, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackDriver, type SlackDriver } from '../../../src/sandbox/driver.js';
import {
  SANDBOX_CHANNELS,
  SANDBOX_USERS,
  startSlackApiFake,
  type FakeAssistantThread,
  type SlackApiFake,
} from '../../../src/sandbox/slack-api-fake.js';
import { BOT_TOKEN, clientFor, silentLogger, slackErrorOf, useSlackFake } from './helpers.js';

const GENERAL = SANDBOX_CHANNELS.general.id;
const { alice } = SANDBOX_USERS;
const SECRET = 'sandbox-signing-secret';

describe('Slack Web API fake — assistant.threads.* through the real WebClient', () => {
  const ctx = useSlackFake();
  let fake: SlackApiFake;
  beforeEach(() => {
    ({ fake } = ctx);
  });

  /** An assistant thread as the driver opens it: the person's IM with the bot, an app-owned root. */
  function assistantThread(): { channel: string; threadTs: string } {
    const channel = fake.state.openIm(alice.id).id;
    const threadTs = fake.state.addMessage({ channel, user: fake.botUserId, botId: 'B0BOT00001', text: 'New assistant thread' }).ts;
    fake.state.registerAssistantThread({ channel, threadTs, userId: alice.id });
    return { channel, threadTs };
  }

  it('sets status with loading messages, suggested prompts and title, and emits assistant events', async () => {
    const client = clientFor(fake);
    const { channel, threadTs } = assistantThread();
    const seen: FakeAssistantThread[] = [];
    const off = fake.on('event', (e) => e.type === 'assistant' && seen.push(structuredClone(e.thread)));
    await client.assistant.threads.setStatus({ channel_id: channel, thread_ts: threadTs, status: 'is thinking…', loading_messages: ['Reading', 'Designing'] });
    const prompts = [
      { title: 'Design', message: 'Design an integration from Shopify to NetSuite' },
      { title: 'Compare', message: 'Compare polling and webhooks' },
    ];
    await client.assistant.threads.setSuggestedPrompts({ channel_id: channel, thread_ts: threadTs, prompts, title: 'Try one of these' });
    await client.assistant.threads.setTitle({ channel_id: channel, thread_ts: threadTs, title: 'Orders sync' });
    off();
    expect(fake.state.assistantThread(channel, threadTs)).toMatchObject({
      userId: alice.id,
      status: 'is thinking…',
      loadingMessages: ['Reading', 'Designing'],
      prompts,
      promptsTitle: 'Try one of these',
      title: 'Orders sync',
    });
    expect(seen.map((t) => [t.status, t.prompts.length, t.title])).toEqual([
      ['is thinking…', 0, undefined],
      ['is thinking…', 2, undefined],
      ['is thinking…', 2, 'Orders sync'],
    ]);
    // Prompts arrive JSON-encoded in the form body; recorded as structures.
    expect(fake.callsTo('assistant.threads.setSuggestedPrompts')[0]?.args.prompts).toEqual(prompts);

    await client.assistant.threads.setStatus({ channel_id: channel, thread_ts: threadTs, status: '' });
    expect(fake.state.assistantThread(channel, threadTs)).toMatchObject({ status: '', loadingMessages: [] });
  });

  it('clears the status when the app replies in the thread (postMessage or a stream), not elsewhere', async () => {
    const client = clientFor(fake);
    const { channel, threadTs } = assistantThread();
    await client.assistant.threads.setStatus({ channel_id: channel, thread_ts: threadTs, status: 'is thinking…' });
    await client.chat.postMessage({ channel, text: 'elsewhere in the DM' });
    expect(fake.state.assistantThread(channel, threadTs)?.status).toBe('is thinking…');
    // A person's message does not clear it either.
    fake.state.addMessage({ channel, user: alice.id, text: 'and?', threadTs });
    expect(fake.state.assistantThread(channel, threadTs)?.status).toBe('is thinking…');
    await client.chat.postMessage({ channel, thread_ts: threadTs, text: 'Here you go' });
    expect(fake.state.assistantThread(channel, threadTs)?.status).toBe('');

    await client.assistant.threads.setStatus({ channel_id: channel, thread_ts: threadTs, status: 'is writing…' });
    await client.chat.startStream({ channel, thread_ts: threadTs, markdown_text: 'Streaming' });
    expect(fake.state.assistantThread(channel, threadTs)?.status).toBe('');
  });

  it("answers Slack's errors: channel not an IM with the bot, thread missing, malformed arguments", async () => {
    const client = clientFor(fake);
    const { channel, threadTs } = assistantThread();
    const channelRoot = fake.state.addMessage({ channel: GENERAL, user: alice.id, text: 'root' }).ts;
    expect((await slackErrorOf(() => client.assistant.threads.setTitle({ channel_id: GENERAL, thread_ts: channelRoot, title: 'x' }))).code).toBe(
      'channel_not_found',
    );
    expect((await slackErrorOf(() => client.assistant.threads.setTitle({ channel_id: 'D0NOPE0001', thread_ts: threadTs, title: 'x' }))).code).toBe(
      'channel_not_found',
    );
    const missing = await slackErrorOf(() => client.assistant.threads.setStatus({ channel_id: channel, thread_ts: '1.000001', status: 'x' }));
    expect(missing.code).toBe('invalid_thread_ts');
    expect(missing.data.detail).toBe('Thread not found');

    const five = Array.from({ length: 5 }, (_, i) => ({ title: `T${i}`, message: `M${i}` }));
    const invalidPrompts = [five, [], [{ title: 'no message' }]];
    for (const prompts of invalidPrompts) {
      const error = await slackErrorOf(() => client.assistant.threads.setSuggestedPrompts({ channel_id: channel, thread_ts: threadTs, prompts: prompts as never }));
      expect(error.code).toBe('invalid_arguments');
    }
    const eleven = Array.from({ length: 11 }, (_, i) => `loading ${i}`);
    expect(
      (await slackErrorOf(() => client.assistant.threads.setStatus({ channel_id: channel, thread_ts: threadTs, status: 'x', loading_messages: eleven }))).code,
    ).toBe('invalid_arguments');
    expect((await slackErrorOf(() => client.assistant.threads.setTitle({ channel_id: channel, thread_ts: threadTs, title: '' }))).code).toBe(
      'invalid_arguments',
    );
    expect((await slackErrorOf(() => client.assistant.threads.setStatus({ channel_id: channel, thread_ts: threadTs } as never))).code).toBe(
      'invalid_arguments',
    );
    // Nothing was stored by the refused calls.
    expect(fake.state.assistantThread(channel, threadTs)).toMatchObject({ status: '', prompts: [] });
    expect(fake.state.assistantThread(channel, threadTs)?.title).toBeUndefined();
  });

  it("keeps metadata set by chat.update on the thread root (Bolt's default thread context store)", async () => {
    const client = clientFor(fake);
    const { channel, threadTs } = assistantThread();
    const metadata = { event_type: 'assistant_thread_context', event_payload: { channel_id: GENERAL } };
    await client.chat.update({ channel, ts: threadTs, text: 'New assistant thread', blocks: [], metadata });
    const replies = await client.conversations.replies({ channel, ts: threadTs, oldest: threadTs, include_all_metadata: true, limit: 4 });
    expect(replies.messages?.[0]?.metadata).toEqual(metadata);
    expect((await slackErrorOf(() => client.chat.update({ channel, ts: threadTs, text: 'x', metadata: { event_type: '' } as never }))).code).toBe(
      'invalid_metadata_schema',
    );
  });

  it('a reply ts names its thread; a DM thread the driver did not open is adopted as an assistant thread', async () => {
    const client = clientFor(fake);
    const { channel, threadTs } = assistantThread();
    const reply = fake.state.addMessage({ channel, user: alice.id, text: 'hi', threadTs }).ts;
    await client.assistant.threads.setTitle({ channel_id: channel, thread_ts: reply, title: 'via reply' });
    expect(fake.state.assistantThread(channel, threadTs)?.title).toBe('via reply');

    const plain = fake.state.addMessage({ channel, user: alice.id, text: 'a plain DM' }).ts;
    await client.assistant.threads.setTitle({ channel_id: channel, thread_ts: plain, title: 'adopted' });
    expect(fake.state.assistantThread(channel, plain)).toMatchObject({ userId: alice.id, title: 'adopted' });
  });
});

/** A real Bolt app using Bolt's Assistant class, driven by the driver against the fake. */
describe('driver → real Bolt Assistant → Web API fake', () => {
  let fake: SlackApiFake;
  let app: App;
  let driver: SlackDriver;
  const seen: { started: unknown[]; messages: string[]; contextChanged: unknown[] } = { started: [], messages: [], contextChanged: [] };

  beforeAll(async () => {
    fake = await startSlackApiFake();
    app = new App({
      token: BOT_TOKEN,
      signingSecret: SECRET,
      logger: silentLogger,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    });
    app.assistant(
      new Assistant({
        threadStarted: async ({ event, setSuggestedPrompts, setTitle }) => {
          seen.started.push(event.assistant_thread);
          await setTitle('Integration design');
          await setSuggestedPrompts({
            title: 'Start with',
            prompts: [{ title: 'Orders', message: 'Sync Shopify orders to NetSuite' }],
          });
        },
        threadContextChanged: async ({ event }) => {
          seen.contextChanged.push(event.assistant_thread.context);
        },
        userMessage: async ({ message, setStatus, sayStream }) => {
          const text = 'text' in message ? (message.text ?? '') : '';
          seen.messages.push(text);
          await setStatus({ status: 'is designing…', loading_messages: ['Reading the systems'] });
          const streamer = sayStream({ buffer_size: 1 });
          await streamer.append({ markdown_text: `Design for: ${text}` });
          await streamer.stop();
        },
      }),
    );
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    const { port } = server.address() as AddressInfo;
    driver = createSlackDriver({ botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET, teamId: fake.teamId, fake });
  });
  afterAll(async () => {
    await app.stop();
    await fake.close();
  });

  it('assistant_thread_started reaches threadStarted, whose title and prompts land on the thread', async () => {
    const res = await driver.assistantThreadStarted({ user: alice.id, context: { channel_id: GENERAL } });
    expect(res.status).toBe(200);
    const { channel, threadTs } = res;
    expect(fake.state.channels.get(channel)).toMatchObject({ isIm: true, imUser: alice.id });
    expect(JSON.parse(res.requestBody)).toMatchObject({
      type: 'event_callback',
      event: {
        type: 'assistant_thread_started',
        assistant_thread: { user_id: alice.id, channel_id: channel, thread_ts: threadTs, context: { channel_id: GENERAL, team_id: fake.teamId, enterprise_id: null } },
      },
    });
    // Bolt acknowledges after the listener finished (processBeforeResponse is off, so wait for the calls).
    await waitFor(() => fake.state.assistantThread(channel, threadTs)?.prompts.length === 1);
    expect(seen.started).toHaveLength(1);
    expect(fake.state.assistantThread(channel, threadTs)).toMatchObject({
      userId: alice.id,
      title: 'Integration design',
      promptsTitle: 'Start with',
      prompts: [{ title: 'Orders', message: 'Sync Shopify orders to NetSuite' }],
      context: { channel_id: GENERAL },
    });

    await driver.assistantThreadContextChanged({ user: alice.id, channel, threadTs, context: { channel_id: SANDBOX_CHANNELS.random.id } });
    await waitFor(() => seen.contextChanged.length === 1);
    expect(fake.state.assistantThread(channel, threadTs)?.context).toMatchObject({ channel_id: SANDBOX_CHANNELS.random.id });
  });

  it("a person's message in the thread reaches userMessage; its status shows, then the streamed reply clears it", async () => {
    const { channel, threadTs } = await driver.assistantThreadStarted({ user: alice.id });
    const statuses: string[] = [];
    const off = fake.on('event', (e) => e.type === 'assistant' && e.thread.threadTs === threadTs && statuses.push(e.thread.status));
    const res = await driver.messageEvent({ channel, user: alice.id, text: 'Shopify to NetSuite', threadTs });
    expect(JSON.parse(res.requestBody).event).toMatchObject({ channel_type: 'im', thread_ts: threadTs });
    await waitFor(() => fake.state.messages(channel, { threadTs }).some((m) => m.text === 'Design for: Shopify to NetSuite' && m.streaming === false));
    off();
    expect(seen.messages).toContain('Shopify to NetSuite');
    expect(statuses).toContain('is designing…');
    expect(statuses.at(-1)).toBe('');
    expect(fake.callsTo('assistant.threads.setStatus').at(-1)?.args.loading_messages).toEqual(['Reading the systems']);
    // In the IM no recipient is needed, but Bolt's sayStream sends one anyway.
    expect(fake.callsTo('chat.startStream').at(-1)?.args).toMatchObject({ channel, thread_ts: threadTs, recipient_user_id: alice.id });
  });
});

async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out waiting for the condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}

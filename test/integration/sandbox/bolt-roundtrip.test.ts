import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackDriver, type SlackDriver } from '../../../src/sandbox/driver.js';
import {
  SANDBOX_CHANNELS,
  SANDBOX_USERS,
  startSlackApiFake,
  type FakeEvent,
  type SlackApiFake,
} from '../../../src/sandbox/slack-api-fake.js';
import { BOT_TOKEN, silentLogger } from './helpers.js';

const SECRET = 'sandbox-signing-secret';
const GENERAL = SANDBOX_CHANNELS.general.id;
const { alice } = SANDBOX_USERS;

/** Resolves with the first fake event matching the predicate (subscribe before triggering it). */
function nextEvent<T extends FakeEvent['type']>(
  fake: SlackApiFake,
  type: T,
  predicate: (e: Extract<FakeEvent, { type: T }>) => boolean = () => true,
): Promise<Extract<FakeEvent, { type: T }>> {
  return new Promise((resolve) => {
    const off = fake.on('event', (e) => {
      if (e.type === type && predicate(e as Extract<FakeEvent, { type: T }>)) {
        off();
        resolve(e as Extract<FakeEvent, { type: T }>);
      }
    });
  });
}

/**
 * A real Bolt app (HTTP receiver, signature verification on) wired to the fake, driven by the driver:
 * proves the driver's payloads are what Bolt expects and the fake answers what Bolt's client sends.
 */
describe('driver → real Bolt app → Web API fake', () => {
  let fake: SlackApiFake;
  let app: App;
  let server: Server;
  let driver: SlackDriver;
  const seen: { submissions: unknown[]; retryNums: (number | undefined)[] } = { submissions: [], retryNums: [] };

  beforeAll(async () => {
    fake = await startSlackApiFake();
    app = new App({
      token: BOT_TOKEN,
      signingSecret: SECRET,
      logger: silentLogger,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    });
    app.command('/integration-design', async ({ ack, command, client, respond }) => {
      await ack({ text: 'On it' });
      const root = await client.chat.postMessage({ channel: command.channel_id, text: `Design: ${command.text}` });
      await client.chat.postMessage({
        channel: command.channel_id,
        thread_ts: root.ts as string,
        text: 'Which systems?',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: 'Which systems?' } },
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: 'open_form', text: { type: 'plain_text', text: 'Open form' }, value: 'x' }],
          },
        ],
      });
      await respond({ text: 'Started a thread' });
    });
    app.message(async ({ message, say, context }) => {
      seen.retryNums.push(context.retryNum);
      if (message.subtype === undefined && 'thread_ts' in message && message.thread_ts) {
        await say({ text: `Noted: ${message.text ?? ''}`, thread_ts: message.thread_ts });
      }
    });
    app.action('open_form', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({
        trigger_id: (body as { trigger_id: string }).trigger_id,
        view: {
          type: 'modal',
          callback_id: 'inputs_form',
          private_metadata: 'thread-meta',
          title: { type: 'plain_text', text: 'Inputs' },
          submit: { type: 'plain_text', text: 'Save' },
          blocks: [
            {
              type: 'input',
              block_id: 'systems',
              label: { type: 'plain_text', text: 'Systems' },
              element: { type: 'plain_text_input', action_id: 'value' },
            },
          ],
        },
      });
    });
    app.view('inputs_form', async ({ ack, view }) => {
      seen.submissions.push({ metadata: view.private_metadata, values: view.state.values });
      await ack();
    });
    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({
        user_id: event.user,
        view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Recent designs' } }] },
      });
    });
    server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    const { port } = server.address() as AddressInfo;
    driver = createSlackDriver({
      botUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SECRET,
      teamId: fake.teamId,
      fake,
    });
  });
  afterAll(async () => {
    await app.stop();
    await fake.close();
  });
  beforeEach(() => {
    seen.submissions.length = 0;
    seen.retryNums.length = 0;
  });

  it('answers url_verification with the challenge', async () => {
    const res = await driver.urlVerification('c-123');
    expect(res.status).toBe(200);
    expect(res.body).toContain('c-123');
  });

  it('slash command → ack body, thread in the fake, response_url post recorded', async () => {
    const threadReply = nextEvent(fake, 'message', (e) => e.message.text === 'Which systems?');
    const responded = nextEvent(fake, 'ephemeral', (e) => e.ephemeral.via === 'response_url');
    const res = await driver.slashCommand({
      command: '/integration-design',
      text: 'Shopify orders to NetSuite',
      userId: alice.id,
      channelId: GENERAL,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ text: 'On it' });
    const reply = (await threadReply).message;
    expect(fake.state.messages(GENERAL, { threadTs: reply.thread_ts as string }).map((m) => m.text)).toEqual([
      'Design: Shopify orders to NetSuite',
      'Which systems?',
    ]);
    expect((await responded).ephemeral).toMatchObject({ user: alice.id, channel: GENERAL, text: 'Started a thread' });
  });

  it('thread reply → message event (recorded in history) → bot answers in the thread; retries carry retryNum', async () => {
    const root = fake.state.addMessage({ channel: GENERAL, user: fake.botUserId, botId: 'B0BOT00001', text: 'root' });
    const answered = nextEvent(fake, 'message', (e) => e.message.text === 'Noted: Shopify and NetSuite');
    const res = await driver.messageEvent({ channel: GENERAL, user: alice.id, text: 'Shopify and NetSuite', threadTs: root.ts });
    expect(res.status).toBe(200);
    await answered;
    expect(fake.state.messages(GENERAL, { threadTs: root.ts }).map((m) => [m.user, m.text])).toEqual([
      [fake.botUserId, 'root'],
      [alice.id, 'Shopify and NetSuite'],
      [fake.botUserId, 'Noted: Shopify and NetSuite'],
    ]);

    const again = nextEvent(fake, 'message', (e) => e.message.text === 'Noted: retry me');
    await driver.messageEvent({
      channel: GENERAL,
      user: alice.id,
      text: 'retry me',
      threadTs: root.ts,
      ts: res.ts,
      eventId: 'Ev0SAME',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    await again;
    expect(seen.retryNums).toEqual([undefined, 1]);
  });

  it('button → views.open with the minted trigger id → submission reaches the view listener', async () => {
    const opened = nextEvent(fake, 'view', (e) => e.action === 'opened');
    const res = await driver.blockAction({ userId: alice.id, channelId: GENERAL, actionId: 'open_form', value: 'x' });
    expect(res.status).toBe(200);
    const { view } = await opened;
    expect(view).toMatchObject({ user: alice.id, callback_id: 'inputs_form', private_metadata: 'thread-meta' });

    const values = { systems: { value: { type: 'plain_text_input', value: 'Shopify, NetSuite' } } };
    const submitted = await driver.viewSubmission({ userId: alice.id, callbackId: 'inputs_form', values });
    expect(submitted.status).toBe(200);
    expect(seen.submissions).toEqual([{ metadata: 'thread-meta', values }]);
  });

  it('app_home_opened → views.publish stores the home tab', async () => {
    const published = nextEvent(fake, 'view', (e) => e.action === 'published');
    expect((await driver.appHomeOpened({ user: alice.id })).status).toBe(200);
    await published;
    expect(fake.state.homeView(alice.id)?.blocks).toHaveLength(1);
  });

  it('Bolt rejects forged and stale requests from the driver', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'x' });
    expect((await driver.raw({ body })).status).toBe(200);
    expect((await driver.raw({ body, signature: 'forged' })).status).toBe(401);
    expect((await driver.raw({ body, timestampOffsetSeconds: -360 })).status).toBe(401);
  });
});

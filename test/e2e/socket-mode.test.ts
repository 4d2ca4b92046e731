import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/index.js';
import { alice, general, messageText, startBot, startDesignThread, type Bot } from './harness.js';

/**
 * The manifest's default transport, end to end: the real Bolt SocketModeReceiver (and @slack/socket-mode client)
 * connects to the local Slack through apps.connections.open and a WebSocket; commands, events and interactions
 * arrive as envelopes and are acknowledged by envelope id. Dropped connections, disconnect requests and
 * redeliveries of unacknowledged envelopes lose nothing and duplicate nothing.
 */

let bot: Bot;
beforeAll(async () => {
  bot = await startBot({ socketMode: true });
});
afterAll(async () => {
  await bot?.stop();
});

const repos = () => createRepositories(bot.runtime.database);

const designThread = (text: string) => startDesignThread(bot, text);

const revisionsOf = async (thread: string) => {
  const c = await repos().conversations.findConversationByThread(bot.fake.teamId, general.id, thread);
  return c ? repos().revisions.listRevisions(c.id) : [];
};
const waitForRevision = (thread: string, n: number) =>
  bot.waitFor(async () => {
    const revs = await revisionsOf(thread);
    return revs.length >= n ? revs : undefined;
  }, `revision ${n}`, 30_000);
const headersIn = (thread: string) => bot.headers(general.id, thread);

describe('Socket Mode end to end', () => {
  it('connects through apps.connections.open with the app token, gets hello, and acknowledges a command by envelope id', async () => {
    expect(bot.fake.callsTo('apps.connections.open').filter((c) => c.response.ok)).not.toHaveLength(0);
    expect(bot.fake.socketMode.connections().open).toBe(1);
    // Nothing is served over HTTP for Slack in Socket Mode.
    expect((await fetch(`${bot.runtime.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);

    const thread = await designThread('sync Stripe payments into Salesforce');
    const log = bot.fake.socketMode.log();
    const envelope = log.find((e) => e.type === 'envelope');
    expect(log.some((e) => e.type === 'ack' && e.envelopeId === envelope?.envelopeId)).toBe(true);
    await waitForRevision(thread, 1);
    await bot.waitFor(() => bot.posts(thread).some((c) => /Implementation checklist/i.test(messageText(c))), 'the whole design');
  });

  it('a thread reply (events_api) makes a revision; a button (interactive) exports it; a form submission is answered in the ack', async () => {
    const thread = await designThread('sync Zendesk tickets into Jira');
    await waitForRevision(thread, 1);
    await bot.driver.messageEvent({ channel: general.id, user: alice.id, text: 'use 250000 events per day instead', threadTs: thread });
    const revs = await waitForRevision(thread, 2);
    expect(revs[1]!.markdown).toMatch(/250,000/);

    const conversationId = (await repos().conversations.findConversationByThread(bot.fake.teamId, general.id, thread))!.id;
    await bot.driver.blockAction({ userId: alice.id, channelId: general.id, messageTs: thread, threadTs: thread, actionId: 'export_markdown', value: conversationId });
    await bot.waitFor(() => [...bot.fake.state.files.values()].find((f) => f.completed && f.filename.includes('rev2')), 'the exported file');

    await bot.driver.blockAction({ userId: alice.id, channelId: general.id, messageTs: thread, threadTs: thread, actionId: 'open_form', value: conversationId });
    await bot.waitFor(() => bot.fake.callsTo('views.open').find((c) => c.response.ok), 'the form');
    const res = await bot.driver.viewSubmission({ userId: alice.id, callbackId: 'design_form', privateMetadata: conversationId, values: { systems: { value: { type: 'plain_text_input', value: 'OnlyOne: lonely' } } } });
    // The view's errors travel back in the acknowledgement's payload, as Slack expects in Socket Mode.
    expect((res.json as { response_action?: string }).response_action).toBe('errors');
  });

  it('a connection dropped mid-design: the app reconnects, the reply sent meanwhile is delivered, nothing is lost or duplicated', async () => {
    const opened = bot.fake.socketMode.connections().opened;
    const thread = await designThread('sync HubSpot deals into NetSuite');
    bot.fake.socketMode.drop();
    // Sent while the app is offline: Slack holds the envelope and delivers it on the new connection.
    const reply = bot.driver.messageEvent({ channel: general.id, user: alice.id, text: 'use 90000 events per day instead', threadTs: thread });
    await bot.waitFor(() => bot.fake.socketMode.connections().opened > opened && bot.fake.socketMode.connections().open === 1, 'the reconnection', 30_000);
    expect((await reply).status).toBe(200);
    const revs = await waitForRevision(thread, 2);
    await bot.idle();
    expect(revs).toHaveLength(2);
    expect(headersIn(thread)).toHaveLength(2);
    expect(revs[1]!.markdown).toMatch(/90,000/);
  });

  it('Slack’s disconnect warning and refresh request: the app moves to a new connection and keeps working', async () => {
    const opened = bot.fake.socketMode.connections().opened;
    bot.fake.socketMode.requestDisconnect('warning');
    bot.fake.socketMode.requestDisconnect('refresh_requested');
    await bot.waitFor(() => bot.fake.socketMode.connections().opened > opened && bot.fake.socketMode.connections().open >= 1, 'a fresh connection', 30_000);
    const thread = await designThread('sync Shopify orders into QuickBooks');
    await waitForRevision(thread, 1);
  });

  it('an envelope on the wire when the connection drops is delivered again on the new connection and handled once', async () => {
    const thread = await designThread('sync GitHub issues into Linear');
    await waitForRevision(thread, 1);
    await bot.idle();
    const sentBefore = bot.fake.socketMode.log().length;
    const reply = bot.driver.messageEvent({ channel: general.id, user: alice.id, text: 'use 70000 events per day instead', threadTs: thread });
    const first = await bot.waitFor(() => bot.fake.socketMode.log().slice(sentBefore).find((e) => e.type === 'envelope'), 'the envelope on the wire');
    bot.fake.socketMode.drop();
    await reply;
    const deliveries = bot.fake.socketMode.log().filter((e) => e.type === 'envelope' && e.envelopeId === first.envelopeId);
    expect(deliveries.map((d) => d.retryAttempt)).toEqual([0, 1]);
    await waitForRevision(thread, 2);
    await bot.idle();
    expect(await revisionsOf(thread)).toHaveLength(2);
    expect(headersIn(thread)).toHaveLength(2);
  });

  it('envelopes with payloads of the wrong shape are acknowledged or dropped without harming the process', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const shapes: unknown[] = [null, [], 7, 'text', {}, { type: 'nonsense' }, { event: null }, { type: 'event_callback', event: [] }, { command: 5 }, { type: 'block_actions', actions: null }];
      for (const type of ['events_api', 'slash_commands', 'interactive'] as const) {
        for (const payload of shapes) {
          await Promise.race([bot.fake.socketMode.deliver(type, payload).catch(() => undefined), new Promise((r) => setTimeout(r, 500))]);
        }
      }
      expect((await fetch(`${bot.runtime.url}/healthz`)).status).toBe(200);
      const thread = await designThread('sync Stripe refunds into Xero');
      await waitForRevision(thread, 1);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

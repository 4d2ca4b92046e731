import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/index.js';
import { alice, general, startBot, startDesignThread, type Bot } from './harness.js';

/**
 * ACK_THREAD=on: Slack's requests are verified and answered by the ack thread, then handled on the main thread.
 * The bot must behave exactly as with the in-process receiver: designs, replies, buttons, form errors in the
 * HTTP answer, refusals, and the other paths passed through to the main thread's server.
 */

let bot: Bot;
beforeAll(async () => {
  bot = await startBot({ runtime: { ackThread: true } });
});
afterAll(async () => {
  await bot?.stop();
});

const repos = () => createRepositories(bot.runtime.database);

async function ready(thread: string, revisions: number) {
  const conversation = await bot.waitFor(() => repos().conversations.findConversationByThread(bot.fake.teamId, general.id, thread), 'the conversation');
  await bot.waitFor(async () => (await repos().revisions.listRevisions(conversation.id)).length === revisions, `revision ${revisions}`, 30_000);
  await bot.waitFor(async () => (await repos().conversations.getConversation(conversation.id))?.status === 'ready', 'ready');
  await bot.idle();
  return conversation;
}

describe('the ack thread', () => {
  it('acks a command at once and the main thread designs it; a reply in the thread revises it', async () => {
    const thread = await startDesignThread(bot, 'sync Shopify orders into NetSuite, 20k orders/day, within 5 min');
    await ready(thread, 1);
    expect(bot.headers(general.id, thread)).toHaveLength(1);
    await bot.driver.messageEvent({ channel: general.id, user: alice.id, text: 'use 60000 orders per day instead', threadTs: thread });
    await ready(thread, 2);
  });

  it('returns the form listener’s inline errors in the HTTP answer to a view submission', async () => {
    const thread = await startDesignThread(bot, 'sync QuickBooks invoices into HubSpot, 500 a day, within an hour');
    const conversation = await ready(thread, 1);
    const res = await bot.driver.viewSubmission({
      userId: alice.id,
      callbackId: 'design_form',
      privateMetadata: conversation.id,
      values: { systems: { systems: { type: 'plain_text_input', value: 'OnlyOne: lonely' } } },
    });
    expect(res.status).toBe(200);
    expect((res.json as { response_action?: string }).response_action).toBe('errors');
  });

  it('refuses forged, stale and malformed requests, and answers url_verification itself', async () => {
    const body = JSON.stringify({ type: 'event_callback', team_id: bot.fake.teamId, event_id: 'Ev0FRONT1', event: { type: 'app_home_opened', user: alice.id } });
    expect((await bot.driver.raw({ body, signature: 'forged' })).status).toBe(401);
    expect((await bot.driver.raw({ body, timestampOffsetSeconds: -360 })).status).toBe(401);
    expect((await bot.driver.raw({ body: '{"type":"event_callback","event":null}' })).status).toBe(400);
    expect((await bot.driver.raw({ body: 'not json' })).status).toBe(400);
    const challenge = await bot.driver.urlVerification('front-door');
    expect(challenge.json).toEqual({ challenge: 'front-door' });
  });

  it('passes every other path to the main thread’s server', async () => {
    expect((await fetch(`${bot.runtime.url}/readyz`)).status).toBe(200);
    const metrics = await fetch(`${bot.runtime.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('ia_');
    expect((await fetch(`${bot.runtime.url}/nowhere`)).status).toBe(404);
  });
});

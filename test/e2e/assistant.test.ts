import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/index.js';
import type { FakeMessage } from '../../src/sandbox/slack-api-fake.js';
import { SUGGESTED_PROMPTS } from '../../src/slack/listeners/assistant/design-assistant.js';
import { alice, bob, general, messageText, startBot, type Bot } from './harness.js';

/**
 * The assistant side panel: a thread in the person's DM with the app. Greeted with suggested prompts; the first
 * message is the request; then it is a design thread like any other (interview, live draft, revisions, storage),
 * titled after the design, and private to its author.
 */

let bot: Bot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot?.stop();
});

const repos = () => createRepositories(bot.runtime.database);
const botMessages = (channel: string, thread: string): FakeMessage[] =>
  bot.fake.state.messages(channel, { threadTs: thread }).filter((m) => m.bot_id && m.ts !== thread);
const isHeader = (m: FakeMessage) => JSON.stringify(m.blocks ?? []).includes('export_markdown');

async function openThread(user = alice.id) {
  const opened = await bot.driver.assistantThreadStarted({ user, context: { channel_id: general.id } });
  expect(opened.status).toBe(200);
  return opened;
}

async function say(user: string, channel: string, threadTs: string, text: string) {
  const sent = await bot.driver.messageEvent({ channel, user, text, threadTs });
  expect(sent.status).toBe(200);
  return sent;
}

async function readyRevisions(channel: string, thread: string, count: number) {
  const conversation = await bot.waitFor(() => repos().conversations.findConversationByThread(bot.fake.teamId, channel, thread), 'the conversation');
  await bot.waitFor(async () => (await repos().revisions.listRevisions(conversation.id)).length === count, `revision ${count}`, 30_000);
  await bot.waitFor(async () => (await repos().conversations.getConversation(conversation.id))?.status === 'ready', 'ready');
  await bot.idle();
  return { conversation, revisions: await repos().revisions.listRevisions(conversation.id) };
}

describe('the assistant panel', () => {
  it('greets a new thread with at most four suggested prompts, each a whole request', async () => {
    const { channel, threadTs } = await openThread();
    await bot.idle();
    const greeting = botMessages(channel, threadTs)[0];
    expect(greeting?.text).toMatch(/design robust integrations/i);
    const thread = bot.fake.state.assistantThread(channel, threadTs)!;
    expect(thread.prompts.length).toBeGreaterThan(0);
    expect(thread.prompts.length).toBeLessThanOrEqual(4);
    expect(thread.prompts.map((p) => p.message)).toEqual(SUGGESTED_PROMPTS.map((p) => p.message));
  });

  it('designs from the first message with the same interview and engine, streams it, titles the thread, and revises on a reply', async () => {
    const { channel, threadTs } = await openThread();
    await bot.idle();
    await say(alice.id, channel, threadTs, 'sync Shopify orders into NetSuite, 20k orders/day, within 5 min');
    // A status while it works (Slack clears it when the app next posts in the thread).
    await bot.waitFor(() => bot.fake.callsTo('assistant.threads.setStatus').find((c) => c.args.thread_ts === threadTs && String(c.args.status).length > 0), 'the working status');
    const first = await readyRevisions(channel, threadTs, 1);
    expect(first.conversation.channelIsPrivate).toBe(true);
    expect(first.conversation.userId).toBe(alice.id);

    // The document streamed into the assistant thread, and that message became the header.
    const start = bot.fake.callsTo('chat.startStream').find((c) => c.args.thread_ts === threadTs && c.response.ok === true);
    expect(start).toBeDefined();
    const messages = botMessages(channel, threadTs);
    expect(messages.filter(isHeader).map((m) => m.ts)).toEqual([String(start!.response.ts)]);
    expect(JSON.stringify(messages)).toContain('Implementation checklist');
    // Titled after the design, and the status is gone.
    const assistantThread = bot.fake.state.assistantThread(channel, threadTs)!;
    expect(assistantThread.title).toBe(first.revisions[0]!.title.replace(/\s+/g, ' ').trim());
    expect(assistantThread.status).toBe('');

    await say(alice.id, channel, threadTs, 'use 60000 orders per day instead');
    const second = await readyRevisions(channel, threadTs, 2);
    expect(second.revisions[1]!.markdown).toContain('60,000');
    expect(botMessages(channel, threadTs).filter(isHeader)).toHaveLength(2);
  });

  it('asks in the thread for what the request does not say', async () => {
    const { channel, threadTs } = await openThread();
    await bot.idle();
    await say(alice.id, channel, threadTs, 'sync Acme invoices into Salesforce');
    // After the greeting: the question.
    const question = await bot.waitFor(() => botMessages(channel, threadTs).slice(1).find((m) => /missing|need/i.test(JSON.stringify(m))), 'the question');
    expect(JSON.stringify(question)).toContain('Acme');
    await say(alice.id, channel, threadTs, 'Acme is our in-house billing platform');
    const done = await readyRevisions(channel, threadTs, 1);
    expect(done.revisions[0]!.systems).toEqual(expect.arrayContaining(['Acme', 'Salesforce']));
  });

  it('answers list and search there, and one word with how to ask', async () => {
    const listed = await openThread();
    await bot.idle();
    await say(alice.id, listed.channel, listed.threadTs, 'list');
    await bot.waitFor(() => botMessages(listed.channel, listed.threadTs).some((m) => /Shopify|NetSuite/.test(JSON.stringify(m))), 'the list');

    const searched = await openThread();
    await bot.idle();
    await say(alice.id, searched.channel, searched.threadTs, 'search netsuite');
    await bot.waitFor(() => botMessages(searched.channel, searched.threadTs).some((m) => /NetSuite/.test(JSON.stringify(m.blocks ?? []))), 'the search results');

    const vague = await openThread();
    await bot.idle();
    await say(alice.id, vague.channel, vague.threadTs, 'hello');
    await bot.waitFor(() => botMessages(vague.channel, vague.threadTs).some((m) => /Tell me a little more/.test(m.text)), 'how to ask');
    await bot.idle();
    expect(await repos().conversations.findConversationByThread(bot.fake.teamId, vague.channel, vague.threadTs)).toBeFalsy();
  });

  it("keeps a design made there private to its author: others don't find it", async () => {
    const { channel, threadTs } = await openThread();
    await bot.idle();
    await say(alice.id, channel, threadTs, 'sync Zendesk tickets into Jira, 2k tickets/day, within 10 min');
    await readyRevisions(channel, threadTs, 1);
    const before = bot.fake.state.responseUrlPosts.length;
    await bot.driver.slashCommand({ command: '/integration-design', text: 'search zendesk', userId: bob.id, channelId: general.id });
    const answer = await bot.waitFor(() => bot.fake.state.responseUrlPosts[before], 'the search answer');
    expect(JSON.stringify(answer.body)).not.toMatch(/Zendesk/);

    const own = await openThread();
    await bot.idle();
    await say(alice.id, own.channel, own.threadTs, 'search zendesk');
    await bot.waitFor(() => botMessages(own.channel, own.threadTs).some((m) => /Zendesk/.test(JSON.stringify(m.blocks ?? []))), 'her own results');
  });

  it('a message delivered twice (Slack retry) is handled once', async () => {
    const { channel, threadTs } = await openThread();
    await bot.idle();
    const sent = await bot.driver.messageEvent({ channel, user: alice.id, text: 'sync HubSpot contacts into Mailchimp, 1k/day, within 1 hour', threadTs, eventId: 'Ev0ASSIST1' });
    await bot.driver.messageEvent({ channel, user: alice.id, text: 'sync HubSpot contacts into Mailchimp, 1k/day, within 1 hour', threadTs, ts: sent.ts, eventId: 'Ev0ASSIST1', retryNum: 1 });
    await readyRevisions(channel, threadTs, 1);
    expect(await repos().conversations.findConversationByThread(bot.fake.teamId, channel, threadTs)).toBeTruthy();
    expect(botMessages(channel, threadTs).filter(isHeader)).toHaveLength(1);
    expect(bot.posts(threadTs).filter((c) => messageText(c).includes('HubSpot')).length).toBeGreaterThan(0);
  });
});

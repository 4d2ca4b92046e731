import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/index.js';
import type { FakeMessage, RecordedCall } from '../../src/sandbox/slack-api-fake.js';
import { alice, general, startBot, startDesignThread, type Bot } from './harness.js';

/**
 * The live draft: each revision's document streams into its thread as it is written (chat.startStream /
 * appendStream / stopStream), and that message becomes the design's header. Where Slack will not stream, or stops
 * a stream, the same thread reads as it did with a progress line; a stream Slack ends early, or one that runs past
 * our lifetime, continues in a new message and leaves no draft behind.
 */

let bot: Bot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot?.stop();
});
afterEach(() => {
  bot.fake.state.streamLifetimeMs = 300_000;
});

const repos = () => createRepositories(bot.runtime.database);
const REQUEST = 'sync Shopify orders into NetSuite, 20k orders/day, within 5 min';

async function designed(thread: string) {
  const conversation = await bot.waitFor(() => repos().conversations.findConversationByThread(bot.fake.teamId, general.id, thread), 'the conversation');
  await bot.waitFor(async () => (await repos().conversations.getConversation(conversation.id))?.status === 'ready', 'the design', 30_000);
  await bot.idle();
  const [revision] = await repos().revisions.listRevisions(conversation.id);
  return revision!;
}

const botMessages = (thread: string): FakeMessage[] => bot.fake.state.messages(general.id, { threadTs: thread }).filter((m) => m.bot_id && m.ts !== thread);
const isHeader = (m: FakeMessage) => JSON.stringify(m.blocks ?? []).includes('export_markdown');
const callsIn = (method: string, thread: string, streamTs: Set<string>) =>
  bot.fake.callsTo(method).filter((c) => c.args.thread_ts === thread || streamTs.has(String(c.args.ts)));
/** The markdown a stream call carried (the SDK's streamer sends chunks; a direct call may send markdown_text). */
const streamed = (c: RecordedCall): string => {
  const chunks = typeof c.args.chunks === 'string' ? (JSON.parse(c.args.chunks) as { text?: string }[]) : ((c.args.chunks as { text?: string }[] | undefined) ?? []);
  return `${typeof c.args.markdown_text === 'string' ? c.args.markdown_text : ''}${chunks.map((k) => k.text ?? '').join('')}`;
};

/** The thread's streams: their start calls, and every call made on them. */
function streamsOf(thread: string) {
  const starts = bot.fake.callsTo('chat.startStream').filter((c) => c.args.thread_ts === thread && c.response.ok === true);
  const ts = new Set(starts.map((c) => String(c.response.ts)));
  return {
    starts,
    ts,
    appends: callsIn('chat.appendStream', thread, ts),
    stops: callsIn('chat.stopStream', thread, ts),
    text: [...starts, ...callsIn('chat.appendStream', thread, ts).filter((c) => c.response.ok === true)].map(streamed).join(''),
  };
}

/** A finished first revision: one header, every section once, no draft or progress line left. */
function expectWholeDesign(thread: string, sections: number) {
  const messages = botMessages(thread);
  expect(messages.filter(isHeader)).toHaveLength(1);
  expect(messages.filter((m) => m.streaming === true)).toEqual([]);
  expect(messages.filter((m) => /Step \d of 5/.test(JSON.stringify(m.blocks ?? [])))).toEqual([]);
  expect(JSON.stringify(messages)).toContain('Implementation checklist');
  // Header plus the sections (the draft took the progress line's place: no extra message).
  expect(messages.length).toBe(1 + sections);
}

describe('the live draft', () => {
  let sectionsPosted = 0;

  it('streams the document to the person who asked as it is written, then becomes the header', async () => {
    const thread = await startDesignThread(bot, REQUEST);
    const revision = await designed(thread);
    const streams = streamsOf(thread);
    expect(streams.starts).toHaveLength(1);
    const start = streams.starts[0]!;
    expect(start.args).toMatchObject({ channel: general.id, recipient_user_id: alice.id, recipient_team_id: bot.fake.teamId });
    expect(streams.appends.length).toBeGreaterThan(0);
    // The draft carried the document as written, section by section, in order.
    const headings = revision.sections.map((s) => s.heading);
    let at = -1;
    for (const heading of headings) {
      const found = streams.text.indexOf(heading, at + 1);
      expect(found, heading).toBeGreaterThan(at);
      at = found;
    }
    // Stopped once (tagged as the revision's part), then turned into the header with the buttons.
    const draftTs = String(start.response.ts);
    expect(streams.stops.map((c) => c.args.ts)).toEqual([draftTs]);
    expect(JSON.stringify(streams.stops[0]!.args.metadata)).toContain('integration_design_part');
    const header = botMessages(thread).find(isHeader)!;
    expect(header.ts).toBe(draftTs);
    sectionsPosted = botMessages(thread).length - 1;
    expect(sectionsPosted).toBeGreaterThan(3);
    expectWholeDesign(thread, sectionsPosted);
  });

  it('where Slack will not stream, a progress line takes its place and the thread ends the same', async () => {
    bot.fake.failNext('chat.startStream', 'not_allowed_token_type');
    const thread = await startDesignThread(bot, REQUEST);
    await designed(thread);
    expect(streamsOf(thread).starts).toEqual([]);
    const progress = bot.posts(thread).find((c) => /Step \d of 5/.test(JSON.stringify(c.args.blocks ?? [])));
    expect(progress).toBeDefined();
    expect(botMessages(thread).find(isHeader)!.ts).toBe(progress!.response.ts);
    expectWholeDesign(thread, sectionsPosted);
  });

  it('when the person stops the stream, streaming ends there and that message still becomes the header', async () => {
    bot.fake.failNext('chat.appendStream', 'stopped_by_user');
    const thread = await startDesignThread(bot, REQUEST);
    await designed(thread);
    const streams = streamsOf(thread);
    expect(streams.starts).toHaveLength(1);
    const draftTs = String(streams.starts[0]!.response.ts);
    expect(streams.appends.filter((c) => c.response.ok === true)).toEqual([]);
    expect(botMessages(thread).find(isHeader)!.ts).toBe(draftTs);
    expectWholeDesign(thread, sectionsPosted);
  });

  it('a stream Slack ends early continues in a new message; the old one is removed and nothing is duplicated', async () => {
    bot.fake.state.streamLifetimeMs = 1;
    const thread = await startDesignThread(bot, REQUEST);
    const revision = await designed(thread);
    const streams = streamsOf(thread);
    expect(streams.starts.length).toBeGreaterThan(1);
    expect(streams.appends.some((c) => c.response.error === 'message_not_in_streaming_state')).toBe(true);
    // Every draft but the last was deleted; the last became the header.
    const deleted = new Set(bot.fake.callsTo('chat.delete').filter((c) => c.response.ok === true).map((c) => String(c.args.ts)));
    const last = String(streams.starts.at(-1)!.response.ts);
    for (const ts of streams.ts) if (ts !== last) expect(deleted.has(ts), ts).toBe(true);
    expect(botMessages(thread).find(isHeader)!.ts).toBe(last);
    expect(streams.text).toContain(revision.sections.at(-1)!.heading);
    expectWholeDesign(thread, sectionsPosted);
  });
});

describe('the live draft on a bot that moves its streams before Slack ends them', () => {
  let quick: Bot;
  beforeAll(async () => {
    quick = await startBot({ runtime: { streamLifetimeMs: 1 } });
  });
  afterAll(async () => {
    await quick?.stop();
  });

  it('moves to a new stream message when ours is older than its lifetime, leaving one header', async () => {
    const thread = await startDesignThread(quick, REQUEST);
    const conversation = await quick.waitFor(() => createRepositories(quick.runtime.database).conversations.findConversationByThread(quick.fake.teamId, general.id, thread), 'the conversation');
    await quick.waitFor(async () => (await createRepositories(quick.runtime.database).conversations.getConversation(conversation.id))?.status === 'ready', 'the design', 30_000);
    await quick.idle();
    const starts = quick.fake.callsTo('chat.startStream').filter((c) => c.args.thread_ts === thread && c.response.ok === true);
    expect(starts.length).toBeGreaterThan(1);
    // Moved before Slack refused anything.
    expect(quick.fake.callsTo('chat.appendStream').filter((c) => c.response.ok !== true)).toEqual([]);
    expect(starts.slice(1).every((c) => /continued/.test(streamed(c)))).toBe(true);
    const messages = quick.fake.state.messages(general.id, { threadTs: thread }).filter((m) => m.bot_id && m.ts !== thread);
    expect(messages.filter(isHeader).map((m) => m.ts)).toEqual([String(starts.at(-1)!.response.ts)]);
    expect(messages.filter((m) => m.streaming === true)).toEqual([]);
  });
});

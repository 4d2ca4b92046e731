import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/index.js';
import type { FakeMessage } from '../../src/sandbox/slack-api-fake.js';
import { alice, general, startBot, type Bot } from './harness.js';

/**
 * Revisions never interleave: change requests sent while revision 1 is still being posted wait their turn, and
 * each is applied on top of the one before. Posting is slowed down (one message per 250 ms in the channel) so the
 * replies really arrive mid-post.
 */

let bot: Bot;
beforeAll(async () => {
  bot = await startBot({ runtime: { postGapMs: 250 } });
});
afterAll(async () => {
  await bot?.stop();
});

const REQUEST = 'sync Shopify orders into NetSuite, 20k orders/day, within 5 min';
const revisionOf = (m: FakeMessage): number | undefined => {
  const match = JSON.stringify(m.blocks ?? []).match(/[Rr]evision (\d+)/);
  return match ? Number(match[1]) : undefined;
};

describe('order of revisions in a thread', () => {
  it('two change requests sent while revision 1 is posting become revisions 2 and 3, each posted whole (then compactly) after the one before', { timeout: 120_000 }, async () => {
    await bot.driver.slashCommand({ command: '/integration-design', text: REQUEST, userId: alice.id, channelId: general.id });
    const thread = await bot.waitFor(() => bot.fake.state.messages(general.id).find((m) => m.text.includes('Integration design for'))?.ts, 'the root message');
    const header = (n: number) => bot.fake.state.messages(general.id, { threadTs: thread }).find((m) => m.bot_id && JSON.stringify(m.blocks ?? []).includes('export_markdown') && revisionOf(m) === n);
    await bot.waitFor(() => header(1), 'revision 1 to start posting');

    await bot.driver.messageEvent({ channel: general.id, user: alice.id, text: 'use 60000 orders per day instead', threadTs: thread });
    await bot.driver.messageEvent({ channel: general.id, user: alice.id, text: 'the latency budget is 2 minutes', threadTs: thread });

    const repos = createRepositories(bot.runtime.database);
    const conversation = await bot.waitFor(() => repos.conversations.findConversationByThread(bot.fake.teamId, general.id, thread), 'the conversation');
    await bot.waitFor(async () => (await repos.revisions.listRevisions(conversation.id)).length === 3, 'three revisions', 90_000);
    await bot.waitFor(async () => (await repos.conversations.getConversation(conversation.id))?.status === 'ready', 'the thread to be ready', 30_000);
    await bot.idle();

    // Each revision's messages form one block in the thread, each block a whole document in order: its header, what
    // changed, then every section once. Interleaved posting shows up as a section repeated or missing in a block.
    const messages = bot.fake.state.messages(general.id, { threadTs: thread }).filter((m) => m.bot_id && m.ts !== thread);
    const blocks: string[][] = [];
    for (const m of messages) {
      if (JSON.stringify(m.blocks ?? []).includes('export_markdown')) blocks.push([`header ${revisionOf(m)}`]);
      else blocks.at(-1)?.push(/^Revision \d+:/.test(m.text) ? 'changes' : m.text.split(':')[0]!);
    }
    const sections = blocks[0]!.slice(1);
    expect(sections.length).toBeGreaterThanOrEqual(6);
    // Revision 1 in full; each later one compact (the canvas holds the whole document): header, what changed, and
    // the changed sections in one message.
    expect(blocks.map((b) => b.slice(0, 2))).toEqual([['header 1', sections[0]], ['header 2', 'changes'], ['header 3', 'changes']]);
    expect(blocks[0]).toEqual(['header 1', ...sections]);
    expect(blocks[1]).toHaveLength(3);
    expect(blocks[2]).toHaveLength(3);
    // Revision 3 was applied on top of revision 2: it keeps revision 2's volume and adds the new latency.
    const revisions = await repos.revisions.listRevisions(conversation.id);
    const third = revisions.find((r) => r.revision === 3)!;
    expect(third.markdown).toMatch(/60,000/);
    expect(third.markdown).toMatch(/2 min/);
    // The canvas was created once and now holds revision 3 in full.
    const canvases = [...bot.fake.state.canvases.values()];
    expect(canvases).toHaveLength(1);
    expect(canvases[0]!.markdown).toContain(third.markdown);
    expect(canvases[0]!.title).toMatch(/revision 3/);
  });
});

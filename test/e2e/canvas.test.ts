import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/index.js';
import type { FakeMessage } from '../../src/sandbox/slack-api-fake.js';
import { alice, bob, general, startBot, startDesignThread, type Bot } from './harness.js';

/**
 * One living document per design: a canvas created with the first revision and edited by each later one, so a
 * revision posts only what changed; Compare shows the diff; where Slack refuses canvases, everything is posted in
 * the thread as before and the thread is told why once.
 */

let bot: Bot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot?.stop();
});

const repos = () => createRepositories(bot.runtime.database);

const designThread = (text: string) => startDesignThread(bot, text);

async function ready(thread: string, revisions: number) {
  const conversation = await bot.waitFor(() => repos().conversations.findConversationByThread(bot.fake.teamId, general.id, thread), 'the conversation');
  await bot.waitFor(async () => (await repos().revisions.listRevisions(conversation.id)).length === revisions, `revision ${revisions}`, 30_000);
  await bot.waitFor(async () => (await repos().conversations.getConversation(conversation.id))?.status === 'ready', 'ready');
  await bot.idle();
  return { conversation, revisions: await repos().revisions.listRevisions(conversation.id) };
}

const botMessages = (thread: string): FakeMessage[] =>
  bot.fake.state.messages(general.id, { threadTs: thread }).filter((m) => m.bot_id && m.ts !== thread);
const isHeader = (m: FakeMessage) => JSON.stringify(m.blocks ?? []).includes('export_markdown');
/** The messages of the latest revision: from its header on. */
const lastRevisionMessages = (thread: string) => {
  const all = botMessages(thread);
  const start = all.map(isHeader).lastIndexOf(true);
  return all.slice(start);
};

describe('the canvas and compact revisions', () => {
  it('the first revision creates a canvas shared with the channel; the next edits it and posts header, what changed and the changed sections only', async () => {
    const thread = await designThread('sync Shopify orders into NetSuite, 20k orders/day, within 5 min');
    const first = await ready(thread, 1);
    const canvases = () => [...bot.fake.state.canvases.values()];
    expect(canvases()).toHaveLength(1);
    const canvas = canvases()[0]!;
    expect(canvas.title).toMatch(/\(revision 1\)$/);
    expect(canvas.markdown).toContain(first.revisions[0]!.markdown);
    expect(canvas.markdown).toMatch(/design thread\]\(/); // links back to the thread
    expect(canvas.channelIds).toEqual([general.id]);
    // The architecture diagram is uploaded with the design: shown in the header and at the top of the canvas.
    const diagram = [...bot.fake.state.files.values()].find((f) => f.filename === 'architecture-rev1.png' && f.completed);
    expect(diagram).toBeDefined();
    expect(diagram!.bytes!.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(canvas.markdown).toMatch(/!\[Architecture diagram\]\(\S+\)/);
    const header1 = botMessages(thread).find(isHeader)!;
    expect(JSON.stringify(header1.blocks)).toContain(`"slack_file":{"id":"${diagram!.id}"}`);
    expect(JSON.stringify(header1.blocks)).toContain(`/docs/${bot.fake.teamId}/${canvas.id}`);
    const firstCount = botMessages(thread).length;

    await bot.driver.messageEvent({ channel: general.id, user: alice.id, text: 'use 60000 orders per day instead', threadTs: thread });
    const second = await ready(thread, 2);
    expect(canvases()).toHaveLength(1);
    expect(canvas.edits).toBeGreaterThanOrEqual(1);
    expect(canvas.title).toMatch(/\(revision 2\)$/);
    expect(canvas.markdown).toContain(second.revisions[1]!.markdown);

    const revision2 = lastRevisionMessages(thread);
    expect(revision2.length).toBeLessThanOrEqual(3);
    expect(botMessages(thread).length - firstCount).toBe(revision2.length);
    const text = revision2.map((m) => JSON.stringify(m.blocks ?? [])).join('\n');
    expect(text).toContain('Revision 2');
    expect(text).toContain('60,000');
    expect(text).toMatch(/Unchanged: [^"]*Authentication and authorization/);
    expect(text).toContain('Compare with revision 1');
    console.info(`[canvas] revision 1: ${firstCount} messages; revision 2: ${revision2.length} messages (before this change: ${firstCount + 1})`);
  });

  it('Compare with revision N−1 shows the person who asked the lines that changed', async () => {
    const thread = bot.fake.state.messages(general.id).find((m) => m.text.includes('Shopify orders into NetSuite'))!.ts;
    const conversation = (await repos().conversations.findConversationByThread(bot.fake.teamId, general.id, thread))!;
    const before = bot.fake.state.responseUrlPosts.length;
    const header = lastRevisionMessages(thread)[0]!;
    await bot.driver.blockAction({ userId: alice.id, channelId: general.id, messageTs: header.ts, threadTs: thread, actionId: 'compare_revisions', value: JSON.stringify({ c: conversation.id, r: 2 }) });
    const post = await bot.waitFor(() => bot.fake.state.responseUrlPosts.slice(before)[0], 'the diff');
    const body = JSON.stringify(post.body);
    expect(body).toContain('ephemeral');
    expect(body).toContain('Revision 1 → 2');
    expect(body).toMatch(/\\n- [^"]*20,000/);
    expect(body).toMatch(/\\n\+ [^"]*60,000/);
  });

  it('`show <id>`, `list` and App Home open the canvas', async () => {
    const thread = bot.fake.state.messages(general.id).find((m) => m.text.includes('Shopify orders into NetSuite'))!.ts;
    const conversation = (await repos().conversations.findConversationByThread(bot.fake.teamId, general.id, thread))!;
    const canvasId = [...bot.fake.state.canvases.values()][0]!.id;
    const ephemeral = async (text: string) => {
      const before = bot.fake.state.responseUrlPosts.length;
      await bot.driver.slashCommand({ command: '/integration-design', text, userId: alice.id, channelId: general.id });
      return JSON.stringify((await bot.waitFor(() => bot.fake.state.responseUrlPosts.slice(before)[0], text)).body);
    };
    const shown = await ephemeral(`show ${conversation.id}`);
    expect(shown).toContain(`/docs/${bot.fake.teamId}/${canvasId}|Open canvas`);
    expect(shown).toContain('revision 2 of 2');
    expect(await ephemeral(`show ${conversation.id} 1`)).toContain('revision 1 of 2');
    expect(await ephemeral('show 00000000-0000-4000-8000-00000000dead')).toContain("can't find a design");
    expect(await ephemeral('list')).toContain(`/docs/${bot.fake.teamId}/${canvasId}|open canvas`);
    const publishes = bot.fake.callsTo('views.publish').length;
    await bot.driver.appHomeOpened({ user: alice.id });
    const home = await bot.waitFor(() => bot.fake.callsTo('views.publish').slice(publishes).find((c) => c.args.user_id === alice.id), 'Home');
    expect(JSON.stringify(home.args.view)).toContain(`/docs/${bot.fake.teamId}/${canvasId}|open canvas`);
  });

  it('feedback buttons under each revision: votes are stored with the revision and counted, a thumbs-down asks for an optional comment, and list shows the tally', async () => {
    const thread = bot.fake.state.messages(general.id).find((m) => m.text.includes('Shopify orders into NetSuite'))!.ts;
    const conversation = (await repos().conversations.findConversationByThread(bot.fake.teamId, general.id, thread))!;
    const header = lastRevisionMessages(thread)[0]!;
    const feedback = (header.blocks as { type: string; elements?: { type: string; action_id: string; positive_button: { value: string }; negative_button: { value: string } }[] }[]).find((b) => b.type === 'context_actions')!.elements![0]!;
    expect(feedback.type).toBe('feedback_buttons');
    const press = (userId: string, value: string) =>
      bot.driver.blockAction({ userId, channelId: general.id, messageTs: header.ts, threadTs: thread, actionId: feedback.action_id, value });
    const metrics = async () => (await fetch(`${bot.runtime.url}/metrics`)).text();

    await press(alice.id, feedback.positive_button.value);
    const opened = bot.fake.callsTo('views.open').length;
    await press(bob.id, feedback.negative_button.value);
    const modal = await bot.waitFor(() => bot.fake.callsTo('views.open').slice(opened).find((c) => c.response.ok), 'the comment modal');
    const view = modal.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('feedback_comment');
    await bot.driver.viewSubmission({ userId: bob.id, callbackId: 'feedback_comment', privateMetadata: view.private_metadata, values: { comment: { value: { type: 'plain_text_input', value: 'NetSuite concurrency limit is per account, not per integration' } } } });
    await bot.idle();

    const votes = await repos().feedback.feedbackFor(conversation.id, 2);
    expect(votes.map((v) => [v.userId, v.vote, v.comment]).sort()).toEqual(
      [[alice.id, 'up', null], [bob.id, 'down', 'NetSuite concurrency limit is per account, not per integration']].sort(),
    );
    const after = await metrics();
    expect(after).toMatch(/ia_design_feedback_total\{vote="up"\} 1/);
    expect(after).toMatch(/ia_design_feedback_total\{vote="down"\} 1/);

    const listed = bot.fake.state.responseUrlPosts.length;
    await bot.driver.slashCommand({ command: '/integration-design', text: 'list', userId: alice.id, channelId: general.id });
    const list = await bot.waitFor(() => bot.fake.state.responseUrlPosts.slice(listed)[0], 'list');
    expect(JSON.stringify(list.body)).toContain('👍 1 👎 1');
  });

  it('where canvases are switched off, each revision is posted in full and the thread is told why once', async () => {
    bot.fake.state.canvasesDisabled = true;
    try {
      const thread = await designThread('sync Zendesk tickets into Jira');
      await ready(thread, 1);
      const firstCount = botMessages(thread).length;
      await bot.driver.messageEvent({ channel: general.id, user: alice.id, text: 'use 400000 events per day instead', threadTs: thread });
      await ready(thread, 2);
      const notes = botMessages(thread).filter((m) => m.text.includes("couldn't keep this design in a canvas"));
      expect(notes).toHaveLength(1);
      expect(notes[0]!.text).toContain('canvas_disabled_user_team');
      // Revision 2 in full: header, what changed and every section (one more message than revision 1, which had the note instead).
      expect(lastRevisionMessages(thread).length).toBe(firstCount);
      expect(lastRevisionMessages(thread).some((m) => /Implementation checklist/.test(m.text))).toBe(true);
    } finally {
      bot.fake.state.canvasesDisabled = false;
    }
  });
});

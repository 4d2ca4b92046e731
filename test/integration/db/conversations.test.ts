import { sql } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { createConversationsRepository } from '../../../src/db/repositories/conversations.js';
import { createProcessedEventsRepository } from '../../../src/db/repositories/processed-events.js';
import { createRevisionsRepository } from '../../../src/db/repositories/revisions.js';
import { createThreadMessagesRepository } from '../../../src/db/repositories/thread-messages.js';
import { forEachBackend, revisionData } from '../../helpers/db.js';

const thread = { teamId: 'T1', channelId: 'C1', threadTs: '1700000000.000100', userId: 'U1' };

forEachBackend('conversations', (t) => {
  beforeEach(() => t.reset());
  const repo = () => createConversationsRepository(t.database);

  it('creates a conversation once per thread and returns the existing one afterwards', async () => {
    const first = await repo().createConversation({ ...thread, channelIsPrivate: true, inputs: { stack: 'Node' } });
    expect(first.created).toBe(true);
    expect(first.conversation).toMatchObject({ ...thread, channelIsPrivate: true, status: 'collecting', error: null });
    expect(first.conversation.createdAt).toBeInstanceOf(Date);

    const again = await repo().createConversation({ ...thread, userId: 'U2' });
    expect(again.created).toBe(false);
    expect(again.conversation.id).toBe(first.conversation.id);
    expect(again.conversation.userId).toBe('U1');
  });

  it('is idempotent under concurrent creation', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => repo().createConversation(thread)));
    expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('finds by thread, gets by id and updates status, inputs and error', async () => {
    const { conversation } = await repo().createConversation(thread);
    expect((await repo().findConversationByThread('T1', 'C1', thread.threadTs))?.id).toBe(conversation.id);
    expect(await repo().findConversationByThread('T2', 'C1', thread.threadTs)).toBeUndefined();
    expect(await repo().getConversation('00000000-0000-0000-0000-000000000000')).toBeUndefined();

    const updated = await repo().updateConversation(conversation.id, {
      status: 'failed',
      error: 'model unavailable',
      inputs: { systems: [{ name: 'Stripe' }] },
    });
    expect(updated).toMatchObject({ status: 'failed', error: 'model unavailable', inputs: { systems: [{ name: 'Stripe' }] } });
    expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(conversation.updatedAt.getTime());

    const cleared = await repo().updateConversation(conversation.id, { status: 'ready', error: null });
    expect(cleared).toMatchObject({ status: 'ready', error: null, inputs: { systems: [{ name: 'Stripe' }] } });
    expect((await repo().getConversation(conversation.id))?.status).toBe('ready');
    expect(await repo().updateConversation('00000000-0000-0000-0000-000000000000', { status: 'ready' })).toBeUndefined();
  });

  it('rejects an unknown status at the database', async () => {
    const { conversation } = await repo().createConversation(thread);
    await expect(
      t.database.db.execute(sql`UPDATE conversations SET status = 'bogus' WHERE id = ${conversation.id}`),
    ).rejects.toThrow();
  });

  it('lists a user\'s recent conversations in a team with their latest revision title', async () => {
    const revisions = createRevisionsRepository(t.database);
    const a = (await repo().createConversation({ ...thread, threadTs: '1.1' })).conversation;
    const b = (await repo().createConversation({ ...thread, threadTs: '1.2' })).conversation;
    await repo().createConversation({ ...thread, threadTs: '1.3', userId: 'U9' });
    await repo().createConversation({ ...thread, threadTs: '1.4', teamId: 'T2' });
    await revisions.saveRevision(a.id, revisionData({ title: 'First draft' }));
    await revisions.saveRevision(a.id, revisionData({ title: 'Second draft' }));

    const list = await repo().listRecentConversations({ teamId: 'T1', userId: 'U1', visiblePrivateChannelIds: [], limit: 10 });
    expect(list.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    // a was touched last (saving a revision bumps updated_at), so it comes first.
    expect(list[0]).toMatchObject({ id: a.id, latestRevision: 2, latestTitle: 'Second draft' });
    expect(list[1]).toMatchObject({ id: b.id, latestRevision: null, latestTitle: null });
    expect(await repo().listRecentConversations({ teamId: 'T1', userId: 'U1', visiblePrivateChannelIds: [], limit: 1 })).toHaveLength(1);
  });

  it('lists designs from private channels only for the private channels the user is still in', async () => {
    const open = (await repo().createConversation({ ...thread, threadTs: '2.1' })).conversation;
    const inG1 = (await repo().createConversation({ ...thread, threadTs: '2.2', channelId: 'G1', channelIsPrivate: true })).conversation;
    await repo().createConversation({ ...thread, threadTs: '2.3', channelId: 'G2', channelIsPrivate: true });
    const ids = async (visible: string[]) =>
      (await repo().listRecentConversations({ teamId: 'T1', userId: 'U1', visiblePrivateChannelIds: visible })).map((c) => c.id).sort();
    expect(await ids([])).toEqual([open.id]);
    expect(await ids(['G1'])).toEqual([open.id, inG1.id].sort());
  });

  it('deletes revisions and messages with their conversation', async () => {
    const { conversation } = await repo().createConversation(thread);
    await createRevisionsRepository(t.database).saveRevision(conversation.id, revisionData());
    await createThreadMessagesRepository(t.database).addThreadMessage({
      conversationId: conversation.id, slackTs: '2.0', author: 'U1', role: 'user', text: 'hi',
    });
    await t.database.db.execute(sql`DELETE FROM conversations WHERE id = ${conversation.id}`);
    const [counts] = rowsOf<{ r: string | number; m: string | number }>(
      await t.database.db.execute(sql`SELECT (SELECT count(*) FROM design_revisions) AS r, (SELECT count(*) FROM thread_messages) AS m`),
    );
    expect([Number(counts?.r), Number(counts?.m)]).toEqual([0, 0]);
  });
});

forEachBackend('thread messages', (t) => {
  beforeEach(() => t.reset());

  it('adds messages idempotently per slack ts and lists them in order', async () => {
    const { conversation } = await createConversationsRepository(t.database).createConversation(thread);
    const messages = createThreadMessagesRepository(t.database);
    const base = { conversationId: conversation.id, author: 'U1', role: 'user' as const };
    const first = await messages.addThreadMessage({ ...base, slackTs: '10.1', text: 'Stripe to Salesforce' });
    expect(first.created).toBe(true);
    const dup = await messages.addThreadMessage({ ...base, slackTs: '10.1', text: 'changed on redelivery' });
    expect(dup).toMatchObject({ created: false, message: { id: first.message.id, text: 'Stripe to Salesforce' } });
    await messages.addThreadMessage({ ...base, slackTs: '10.2', author: 'B1', role: 'assistant', text: 'What volume?' });
    await messages.addThreadMessage({ ...base, slackTs: '10.3', text: '5000 a day' });

    const all = await messages.listThreadMessages(conversation.id);
    expect(all.map((m) => [m.slackTs, m.role, m.text])).toEqual([
      ['10.1', 'user', 'Stripe to Salesforce'],
      ['10.2', 'assistant', 'What volume?'],
      ['10.3', 'user', '5000 a day'],
    ]);
    const recent = await messages.listThreadMessages(conversation.id, { limit: 2 });
    expect(recent.map((m) => m.slackTs)).toEqual(['10.2', '10.3']);
  });
});

forEachBackend('processed events', (t) => {
  beforeEach(() => t.reset());

  it('claims a key exactly once, also with 20 parallel claims', async () => {
    const events = createProcessedEventsRepository(t.database);
    expect(await events.claimOnce('Ev1')).toBe(true);
    expect(await events.claimOnce('Ev1')).toBe(false);

    const claims = await Promise.all(Array.from({ length: 20 }, () => events.claimOnce('Ev-parallel')));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('sweeps only keys older than the retention window and returns the count', async () => {
    const events = createProcessedEventsRepository(t.database);
    await events.claimOnce('old-1');
    await events.claimOnce('old-2');
    await events.claimOnce('fresh');
    await t.database.db.execute(
      sql`UPDATE processed_events SET created_at = now() - interval '25 hours' WHERE key LIKE 'old-%'`,
    );
    expect(await events.sweepProcessedEvents()).toBe(2);
    expect(await events.sweepProcessedEvents()).toBe(0);
    // Swept keys can be claimed again; the fresh one is still held.
    expect(await events.claimOnce('old-1')).toBe(true);
    expect(await events.claimOnce('fresh')).toBe(false);
    await t.database.db.execute(sql`UPDATE processed_events SET created_at = now() - interval '40 minutes' WHERE key = 'fresh'`);
    expect(await events.sweepProcessedEvents(0.5)).toBe(1);
    expect(await events.claimOnce('fresh')).toBe(true);
    await expect(events.sweepProcessedEvents(-1)).rejects.toThrow(RangeError);
  });
});

import { beforeEach, expect, it } from 'vitest';
import { NotFoundError, StaleRevisionError } from '../../../src/db/errors.js';
import { createConversationsRepository } from '../../../src/db/repositories/conversations.js';
import { createRevisionsRepository } from '../../../src/db/repositories/revisions.js';
import { forEachBackend, revisionData } from '../../helpers/db.js';

forEachBackend('revisions', (t) => {
  beforeEach(() => t.reset());

  const newConversation = async (threadTs = '1.0') =>
    (await createConversationsRepository(t.database).createConversation({ teamId: 'T1', channelId: 'C1', threadTs, userId: 'U1' }))
      .conversation;

  it('numbers revisions 1..n and reads the latest or a given one', async () => {
    const revisions = createRevisionsRepository(t.database);
    const c = await newConversation();
    const r1 = await revisions.saveRevision(c.id, revisionData({ title: 'v1', usage: { inputTokens: 100, latencyMs: 12.6 } }));
    expect(r1).toMatchObject({ conversationId: c.id, revision: 1, title: 'v1', inputTokens: 100, outputTokens: 0, latencyMs: 13 });
    expect(r1).not.toHaveProperty('search');
    expect(r1.createdAt).toBeInstanceOf(Date);
    const r2 = await revisions.saveRevision(c.id, revisionData({ title: 'v2', model: 'claude-x', engine: 'anthropic' }));
    expect(r2.revision).toBe(2);

    expect(await revisions.getRevision(c.id)).toMatchObject({ revision: 2, title: 'v2', model: 'claude-x' });
    expect(await revisions.getRevision(c.id, 1)).toMatchObject({ revision: 1, title: 'v1', systems: ['Stripe', 'Salesforce'] });
    expect(await revisions.getRevision(c.id, 3)).toBeUndefined();
    expect((await revisions.listRevisions(c.id)).map((r) => r.revision)).toEqual([1, 2]);

    const other = await newConversation('2.0');
    expect((await revisions.saveRevision(other.id, revisionData())).revision).toBe(1);
    expect(await revisions.getRevision(other.id, 2)).toBeUndefined();
  });

  it('saves a revision made from revision k only while k is the latest', async () => {
    const revisions = createRevisionsRepository(t.database);
    const c = await newConversation();
    await revisions.saveRevision(c.id, revisionData({ title: 'v1' }));
    // Two changes made concurrently from revision 1: the first lands as 2, the second is refused, not saved as 3.
    const results = await Promise.allSettled([
      revisions.saveRevision(c.id, revisionData({ title: 'change A' }), { basedOn: 1 }),
      revisions.saveRevision(c.id, revisionData({ title: 'change B' }), { basedOn: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(StaleRevisionError);
    expect(rejected.reason).toMatchObject({ basedOn: 1, latest: 2 });
    expect((await revisions.listRevisions(c.id)).map((r) => r.revision)).toEqual([1, 2]);
    // Redone on top of revision 2, it lands as 3.
    expect((await revisions.saveRevision(c.id, revisionData({ title: 'change B' }), { basedOn: 2 })).revision).toBe(3);
  });

  it('round-trips jsonb inputs, sections and quality', async () => {
    const revisions = createRevisionsRepository(t.database);
    const c = await newConversation();
    const data = revisionData({
      sections: [{ id: 'pattern', heading: 'Integration pattern', markdown: 'Webhooks → queue' }],
      quality: { passed: false, checks: [{ id: 'retry-window', passed: false, detail: 'too short' }], wordCount: 900, repaired: true },
    });
    const saved = await revisions.saveRevision(c.id, data);
    const read = await revisions.getRevision(c.id, saved.revision);
    expect(read?.sections).toEqual(data.sections);
    expect(read?.quality).toEqual(data.quality);
    expect(read?.inputs).toEqual(data.inputs);
  });

  it('gives concurrent saves distinct consecutive numbers and loses none', async () => {
    const revisions = createRevisionsRepository(t.database);
    const c = await newConversation();
    const saved = await Promise.all(
      Array.from({ length: 10 }, (_, i) => revisions.saveRevision(c.id, revisionData({ title: `parallel ${i}` }))),
    );
    expect(saved.map((r) => r.revision).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const stored = await revisions.listRevisions(c.id);
    expect(stored.map((r) => r.title).sort()).toEqual(saved.map((r) => r.title).sort());
  });

  it('refuses a revision for a missing conversation', async () => {
    const revisions = createRevisionsRepository(t.database);
    await expect(revisions.saveRevision('00000000-0000-0000-0000-000000000000', revisionData())).rejects.toBeInstanceOf(NotFoundError);
  });
});

import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { createConversationsRepository } from '../../../src/db/repositories/conversations.js';
import { createRevisionsRepository } from '../../../src/db/repositories/revisions.js';
import { refreshStatistics } from '../../../src/db/statistics.js';
import { forEachBackend, revisionData } from '../../helpers/db.js';

forEachBackend('refreshStatistics', (t) => {
  const documentStats = async () =>
    rowsOf<{ elems: string[] | null }>(
      await t.database.db.execute(sql`SELECT most_common_elems::text::text[] AS elems FROM pg_stats
                                      WHERE tablename = 'design_search' AND attname = 'document'`),
    )[0]?.elems ?? null;

  it('gathers the search document statistics where no autovacuum does it (PGlite), and leaves PostgreSQL to its own', async () => {
    await t.reset();
    const conversations = createConversationsRepository(t.database);
    const revisions = createRevisionsRepository(t.database);
    for (let i = 0; i < 5; i += 1) {
      const { conversation } = await conversations.createConversation({ teamId: 'T1', channelId: 'C1', threadTs: `${i}.1`, userId: 'U1' });
      await revisions.saveRevision(conversation.id, revisionData({ title: `Zendesk sync ${i}`, markdown: 'Zendesk tickets flow through a queue.' }));
    }
    const ran = await refreshStatistics(t.database);
    if (t.backend === 'pglite') {
      expect(ran).toBe(true);
      expect(await documentStats()).toEqual(expect.arrayContaining(['zendesk', 'queue']));
    } else {
      expect(ran).toBe(false);
    }
  });
});

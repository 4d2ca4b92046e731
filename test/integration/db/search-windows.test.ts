import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../../../src/db/client.js';
import { BUCKET_SHIFTS, createSearchRepository, scopeWord, SEARCH_CAP, searchWindows } from '../../../src/db/repositories/search.js';
import { forEachBackend } from '../../helpers/db.js';

/**
 * Search walks seq windows newest first (searchWindows) and stops at SEARCH_CAP + 1 matches. These tests place
 * designs at chosen seq values (setval) so that every window size, and the open-ended last window, holds some.
 */

/** Inserts `count` designs in one statement and indexes them; their seq values start right after `seqFrom`. */
async function insertDesigns(
  database: Database,
  opts: { count: number; seqFrom: number; tag: string; words: string; teamId?: string; private?: boolean },
): Promise<void> {
  await database.db.execute(sql`SELECT setval('design_search_seq', ${Math.max(1, opts.seqFrom)}, ${opts.seqFrom > 0})`);
  await database.db.execute(sql`
    WITH conv AS (
      INSERT INTO conversations (team_id, channel_id, thread_ts, user_id, channel_is_private, status)
      SELECT ${opts.teamId ?? 'T1'}, ${opts.private ? 'GPRIV' : 'CPUB'}, ${opts.tag} || '.' || g, 'U1', ${opts.private ?? false}, 'ready'
      FROM generate_series(1, ${opts.count}) AS g
      RETURNING id, thread_ts
    )
    INSERT INTO design_revisions (conversation_id, revision, title, systems, inputs, markdown, sections, quality, engine, created_by, created_at)
    SELECT id, 1, 'Design ' || thread_ts, ARRAY['Stripe'], '{}'::jsonb, '# Design\n\n' || ${opts.words}, '[]'::jsonb,
           '{"passed":true,"checks":[],"wordCount":0,"repaired":false}'::jsonb, 'offline', 'U1',
           now() - interval '1 day' + split_part(thread_ts, '.', 2)::int * interval '1 millisecond'
    FROM conv`);
  await database.db.execute(sql`
    SELECT ia_index_revisions(ARRAY(SELECT r.id FROM design_revisions r JOIN conversations c ON c.id = r.conversation_id
                                    WHERE c.thread_ts LIKE ${`${opts.tag}.%`}))`);
}

forEachBackend('search windows', (t) => {
  const search = () => createSearchRepository(t.database);
  const find = (query: string, extra: { limit?: number; offset?: number; visible?: string[] } = {}) =>
    search().searchDesigns({ teamId: 'T1', query, visiblePrivateChannelIds: extra.visible ?? [], limit: extra.limit, offset: extra.offset });

  describe('matches spread over every window', () => {
    // The last design saved gets seq TOP; one group of designs sits inside each window searchWindows(TOP) gives,
    // from the newest 2^10 to the open-ended last one, so a window whose scope words disagreed with the SQL would lose it.
    const TOP = 30_000_000;
    const STARTS = searchWindows(TOP).map((w) => (w.below === undefined ? TOP - 100 : Math.floor((w.from + w.below) / 2)));

    beforeAll(async () => {
      await t.reset();
      expect(STARTS.length).toBe(BUCKET_SHIFTS.length + 1);
      for (const [i, start] of STARTS.entries()) {
        await insertDesigns(t.database, { count: 3, seqFrom: start, tag: `rare${i}`, words: 'zorbexian filler words' });
        await insertDesigns(t.database, { count: 5, seqFrom: start + 3, tag: `plain${i}`, words: 'filler words only' });
      }
      // Another team's and a private channel's matches, newest of all: never counted.
      await insertDesigns(t.database, { count: 4, seqFrom: TOP - 10, tag: 'other', words: 'zorbexian filler', teamId: 'T2' });
      await insertDesigns(t.database, { count: 2, seqFrom: TOP - 2, tag: 'secret', words: 'zorbexian filler', private: true });
    });

    it('finds a rare word in every window, with an exact total', async () => {
      const page = await find('zorbexian', { limit: 50 });
      expect(page).toMatchObject({ total: STARTS.length * 3, capped: false });
      expect(new Set(page.results.map((r) => r.threadTs.split('.')[0]))).toEqual(new Set(STARTS.map((_, i) => `rare${i}`)));
    });

    it('counts every design of a word all of them share', async () => {
      expect(await find('filler', { limit: 1 })).toMatchObject({ total: STARTS.length * 8, capped: false });
    });

    it('counts a visible private channel in, and only then', async () => {
      expect((await find('zorbexian', { visible: ['GPRIV'] })).total).toBe(STARTS.length * 3 + 2);
    });

    it('finds the same once the document statistics exist (they only move where the first window ends)', async () => {
      const queries = ['zorbexian', 'filler', 'zorbexian words', '"filler words"', 'filler -zorbexian', 'zorbexian OR nothing'];
      const before = await Promise.all(queries.map((q) => find(q, { limit: 50 })));
      await t.database.db.execute(sql`ANALYZE design_search`);
      const [stats] = rowsOf<{ n: number | null }>(
        await t.database.db.execute(sql`SELECT array_length(most_common_elems::text::text[], 1) AS n FROM pg_stats
                                        WHERE tablename = 'design_search' AND attname = 'document'`),
      );
      expect(stats?.n).toBeGreaterThan(0);
      // The statistics name scope words as the database writes them; the estimate looks them up the same way.
      const [words] = rowsOf<{ t: string; s: string }>(
        await t.database.db.execute(sql`SELECT ia_search_key('t', 'T1') AS t, ia_search_key('s', lower('Google Sheets')) AS s`),
      );
      expect(words).toEqual({ t: scopeWord('t', 'T1'), s: scopeWord('s', 'google sheets') });
      expect(await Promise.all(queries.map((q) => find(q, { limit: 50 })))).toEqual(before);
    });

    it('ranks title and request matches first, then newest first', async () => {
      const page = await find('zorbexian', { limit: 50 });
      const seqs = rowsOf<{ conversation_id: string; seq: string | number }>(
        await t.database.db.execute(sql`SELECT conversation_id, seq FROM design_search`),
      );
      const seqOf = new Map(seqs.map((r) => [r.conversation_id, Number(r.seq)]));
      const order = page.results.map((r) => seqOf.get(r.conversationId)!);
      // Body-only matches all rank 0: newest first.
      expect(order).toEqual([...order].sort((a, b) => b - a));
    });
  });

  describe('more matches than are ranked', () => {
    beforeAll(async () => {
      await t.reset();
      await insertDesigns(t.database, { count: SEARCH_CAP + 150, seqFrom: 0, tag: 'old', words: 'ubiquitous retry' });
      await insertDesigns(t.database, { count: 40, seqFrom: 50_000, tag: 'new', words: 'ubiquitous retry' });
    });

    it('caps the total and ranks the newest matches only', async () => {
      const page = await find('ubiquitous', { limit: 50 });
      expect(page).toMatchObject({ total: SEARCH_CAP, capped: true });
      expect(page.results).toHaveLength(50);
      // Equal ranks: newest first, so the 40 designs saved last lead.
      expect(page.results.slice(0, 40).every((r) => r.threadTs.startsWith('new.'))).toBe(true);
    });

    it('pages through the ranked matches and stops at the cap', async () => {
      const last = await find('ubiquitous', { offset: SEARCH_CAP - 5, limit: 10 });
      expect(last.results).toHaveLength(5);
      expect(await find('ubiquitous', { offset: SEARCH_CAP })).toMatchObject({ results: [], total: SEARCH_CAP, capped: true });
    });

    it('counts a quoted phrase only where its words stand side by side, newest first, past the cap', async () => {
      // Newer than every match, with both words apart: read and turned down, never counted.
      await insertDesigns(t.database, { count: 30, seqFrom: 70_000, tag: 'apart', words: 'retry, then something ubiquitous' });
      const page = await find('"ubiquitous retry"', { limit: 50 });
      expect(page).toMatchObject({ total: SEARCH_CAP, capped: true });
      expect(page.results.filter((r) => r.threadTs.startsWith('apart.'))).toEqual([]);
      expect(page.results.slice(0, 40).every((r) => r.threadTs.startsWith('new.'))).toBe(true);
      expect(await find('"something ubiquitous"', { limit: 50 })).toMatchObject({ total: 30, capped: false });
      expect((await find('"retry ubiquitous"')).total).toBe(0);
      // A negated phrase keeps the designs whose words are merely apart.
      expect((await find('something -"ubiquitous retry"')).total).toBe(30);
    });

    it('counts exactly when a second word brings the matches under the cap', async () => {
      await insertDesigns(t.database, { count: 7, seqFrom: 60_000, tag: 'both', words: 'ubiquitous retry quixotic' });
      expect(await find('ubiquitous quixotic')).toMatchObject({ total: 7, capped: false });
    });
  });

  describe('revisions', () => {
    it('a new revision replaces the design\'s document and moves it to the newest window', async () => {
      await t.reset();
      await insertDesigns(t.database, { count: 1, seqFrom: 0, tag: 'moved', words: 'original wording' });
      const [row] = rowsOf<{ conversation_id: string }>(await t.database.db.execute(sql`SELECT conversation_id FROM design_search`));
      const id = row!.conversation_id;
      await t.database.db.execute(sql`SELECT setval('design_search_seq', 9000000)`);
      await t.database.db.execute(sql`
        INSERT INTO design_revisions (conversation_id, revision, title, systems, inputs, markdown, sections, quality, engine, created_by)
        VALUES (${id}, 2, 'Moved', ARRAY['Kafka'], '{}'::jsonb, 'replacement wording', '[]'::jsonb, '{}'::jsonb, 'offline', 'U9')`);
      await t.database.db.execute(sql`SELECT ia_index_revisions(ARRAY(SELECT id FROM design_revisions WHERE conversation_id = ${id}))`);
      // An older revision indexed again never replaces the newer one.
      await t.database.db.execute(sql`SELECT ia_index_revisions(ARRAY(SELECT id FROM design_revisions WHERE conversation_id = ${id} AND revision = 1))`);
      expect((await find('original')).total).toBe(0);
      expect(await find('replacement')).toMatchObject({ total: 1, results: [{ revision: 2, title: 'Moved', systems: ['Kafka'] }] });
      const [seq] = rowsOf<{ seq: string | number }>(await t.database.db.execute(sql`SELECT seq FROM design_search`));
      expect(Number(seq!.seq)).toBe(9_000_001);
    });
  });
});

forEachBackend('search time limit', (t) => {
  it('cancels a search past its time limit with a typed error, and the next search works', async () => {
    if (t.backend === 'pglite') return; // PGlite runs in this thread: it has no timer to cancel a statement with
    await t.reset();
    await insertDesigns(t.database, { count: 3, seqFrom: 0, tag: 'some', words: 'alpha beta' });
    // Another session holds the table: the search waits on the lock until its time limit cancels it.
    const locker = await t.database.pool!.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE design_search IN ACCESS EXCLUSIVE MODE');
      const limited = createSearchRepository(t.database, { timeoutMs: 200 });
      await expect(limited.searchDesigns({ teamId: 'T1', query: 'alpha', visiblePrivateChannelIds: [] })).rejects.toMatchObject({
        name: 'SearchTimeoutError',
        timeoutMs: 200,
      });
      await locker.query('ROLLBACK');
      expect((await limited.searchDesigns({ teamId: 'T1', query: 'alpha', visiblePrivateChannelIds: [] })).total).toBe(3);
    } finally {
      locker.release();
    }
  });
});

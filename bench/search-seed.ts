import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../src/db/client.js';
import { INTERNAL_PLACEHOLDER, type CorpusDoc } from './search-corpus.js';

/**
 * Loads `rows` designs for the search benchmark from a corpus of real offline-engine documents
 * (bench/search-corpus.ts): each design is one corpus document, its in-house system renamed to one of 3,375 made-up
 * names so that rare words exist as in real data. Two teams, 10% private channels, 300 authors, one design saved
 * every 30 seconds. Search documents are built by the app's own ia_index_revisions(), batch by batch.
 */

const SYLLABLES = ['ka', 'lo', 'mir', 'tes', 'vun', 'dra', 'pel', 'zor', 'qui', 'bex', 'nal', 'sut', 'gri', 'hov', 'jen'];

/** Made-up in-house system names (Kalotes, Zorbexnal, …): each is in about 1 design in 17,000. */
export const INTERNAL_NAMES = SYLLABLES.flatMap((a) => SYLLABLES.flatMap((b) => SYLLABLES.map((c) => `${a}${b}${c}`)));

const BATCH = 2_000;

/** Puts the corpus in a scratch table the seeder draws from. */
async function loadCorpus(database: Database, corpus: CorpusDoc[]): Promise<void> {
  await database.db.execute(sql`DROP TABLE IF EXISTS bench_corpus`);
  await database.db.execute(sql`CREATE TABLE bench_corpus (i int PRIMARY KEY, title text, systems text[], inputs jsonb, markdown text)`);
  for (let from = 0; from < corpus.length; from += 100) {
    const docs = corpus.slice(from, from + 100);
    await database.db.execute(sql`
      INSERT INTO bench_corpus (i, title, systems, inputs, markdown)
      SELECT ${from} + n - 1, d->>'title', ARRAY(SELECT jsonb_array_elements_text(d->'systems')), d->'inputs', d->>'markdown'
      FROM jsonb_array_elements(${JSON.stringify(docs)}::jsonb) WITH ORDINALITY AS t(d, n)`);
  }
}

/** Inserts designs `from..to` (inclusive) and indexes them. */
async function seedBatch(database: Database, from: number, to: number, rows: number, corpusSize: number): Promise<void> {
  const inserted = rowsOf<{ id: number | string }>(
    await database.db.execute(sql`
    WITH conv AS (
      INSERT INTO conversations (team_id, channel_id, thread_ts, user_id, channel_is_private, status, created_at, updated_at)
      SELECT CASE WHEN g % 2 = 0 THEN 'T1' ELSE 'T2' END,
             CASE WHEN g % 10 = 0 THEN 'G' ELSE 'C' END || (g % 40),
             g || '.000100', 'U' || (g % 300), g % 10 = 0, 'ready',
             now() - (${rows} - g) * interval '30 seconds', now() - (${rows} - g) * interval '30 seconds'
      FROM generate_series(${from}::int, ${to}::int) AS g
      RETURNING id, user_id, thread_ts, created_at
    ),
    picked AS (
      SELECT c.id, c.user_id, c.created_at, d.*,
             initcap((${sql.param(INTERNAL_NAMES)}::text[])[1 + floor(random() * ${INTERNAL_NAMES.length})::int]) AS name
      FROM conv c
      -- A hash, not g itself, picks the document: team and privacy are g's residues and must not follow the document.
      JOIN bench_corpus d ON d.i = abs(hashint4(split_part(c.thread_ts, '.', 1)::int)) % ${corpusSize}
    )
    INSERT INTO design_revisions (conversation_id, revision, title, systems, inputs, markdown, sections, quality, engine, created_by, created_at)
    SELECT id, 1, regexp_replace(title, ${INTERNAL_PLACEHOLDER}, name, 'gi'), array_replace(systems, ${INTERNAL_PLACEHOLDER}, name),
           regexp_replace(inputs::text, ${INTERNAL_PLACEHOLDER}, name, 'gi')::jsonb, regexp_replace(markdown, ${INTERNAL_PLACEHOLDER}, name, 'gi'),
           '[]'::jsonb, '{"passed":true,"checks":[],"wordCount":0,"repaired":false}'::jsonb, 'offline', user_id, created_at
    FROM picked
    RETURNING id`),
  );
  const ids = inserted.map((r) => Number(r.id));
  await database.db.execute(sql`SELECT ia_index_revisions(${sql.param(ids)}::bigint[])`);
}

/**
 * Loads `rows` designs; the search index is built once at the end, as for any bulk load. `lanes` batches run at
 * once (each on its own connection: PostgreSQL only). `onProgress` gets the number loaded so far.
 */
export async function seedDesigns(
  database: Database,
  rows: number,
  corpus: CorpusDoc[],
  options: { lanes?: number; onProgress?: (done: number) => void } = {},
): Promise<void> {
  const [index] = rowsOf<{ indexdef: string }>(
    await database.db.execute(sql`SELECT indexdef FROM pg_indexes WHERE indexname = 'design_search_document_idx'`),
  );
  if (!index) throw new Error('search index missing: run migrations first');
  await loadCorpus(database, corpus);
  await database.db.execute(sql`DROP INDEX design_search_document_idx`);
  let next = 1;
  let done = 0;
  const lane = async () => {
    while (next <= rows) {
      const from = next;
      const to = Math.min(rows, from + BATCH - 1);
      next = to + 1;
      await seedBatch(database, from, to, rows, corpus.length);
      done += to - from + 1;
      options.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.lanes ?? 1) }, lane));
  await database.db.execute(sql.raw(index.indexdef));
  await database.db.execute(sql`DROP TABLE bench_corpus`);
  // VACUUM as well: autovacuum would otherwise start on the freshly loaded tables during the measurements (the
  // first run after seeding 100,000 designs measured a p95 of 78 ms, the next one 40 ms).
  await database.db.execute(sql`VACUUM ANALYZE conversations`);
  await database.db.execute(sql`VACUUM ANALYZE design_revisions`);
  await database.db.execute(sql`VACUUM ANALYZE design_search`);
  // And the pages written so far go to disk now, not while the first run measures.
  await database.db.execute(sql`CHECKPOINT`);
}

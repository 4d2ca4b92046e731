import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createDatabase, rowsOf, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createSearchRepository } from '../src/db/repositories/search.js';
import { BODY_WORDS, SYSTEMS, TAIL_WORDS, seedDesigns } from './search-seed.js';

/**
 * `npm run bench:search [-- --rows 100000 --iterations 24 --backend all|pglite|postgres]`
 * Seeds N synthetic designs and compares, in one run, p50/p95 latency of the indexed full-text search (the real
 * searchDesigns: count + ranked page + headlines) against an unindexed ILIKE scan returning the same shape
 * (total + newest 10). Postgres runs in a throwaway database created through DATABASE_URL or TEST_DATABASE_URL.
 */

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    iterations: { type: 'string', default: '24' },
    backend: { type: 'string', default: 'all' },
  },
});
const ROWS = Number(args.rows);
const ITERATIONS = Number(args.iterations);
if (!Number.isInteger(ROWS) || ROWS < 100) throw new Error('--rows must be an integer >= 100');
if (!Number.isInteger(ITERATIONS) || ITERATIONS < 5) throw new Error('--iterations must be an integer >= 5');

// Single words of varied frequency: system names (~5% of rows each), technical words (~10-20%) and tail words (2-10%).
const TERMS = [SYSTEMS[0], SYSTEMS[12], BODY_WORDS[60], BODY_WORDS[120], TAIL_WORDS[10], TAIL_WORDS[200], TAIL_WORDS[800], TAIL_WORDS[1500]].filter(
  (t): t is string => Boolean(t),
);
const VISIBLE = ['G0', 'G10'];

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

async function measure(run: (term: string) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (const term of TERMS.slice(0, 3)) await run(term); // warm-up
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    const term = TERMS[i % TERMS.length]!;
    const start = performance.now();
    await run(term);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function ilikeScan(database: Database, term: string): Promise<void> {
  const pattern = `%${term}%`;
  const visible = sql`c.team_id = 'T1' AND (c.channel_is_private = false OR c.channel_id = ANY(${sql.param(VISIBLE)}::text[]))`;
  const match = sql`(r.title ILIKE ${pattern} OR r.markdown ILIKE ${pattern} OR array_to_string(r.systems, ' ') ILIKE ${pattern})`;
  await database.db.execute(sql`SELECT count(*) FROM design_revisions r JOIN conversations c ON c.id = r.conversation_id WHERE ${visible} AND ${match}`);
  await database.db.execute(sql`SELECT r.id, r.title FROM design_revisions r JOIN conversations c ON c.id = r.conversation_id
                                WHERE ${visible} AND ${match} ORDER BY r.created_at DESC LIMIT 10`);
}

async function usesIndex(database: Database, term: string): Promise<boolean> {
  const plan = rowsOf<Record<string, string>>(
    await database.db.execute(
      sql`EXPLAIN SELECT id FROM design_revisions WHERE search @@ websearch_to_tsquery('english', ${term})`,
    ),
  );
  return plan.some((row) => Object.values(row).some((line) => line.includes('design_revisions_search_idx')));
}

async function benchBackend(name: string, database: Database): Promise<void> {
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  await migrate(database);
  const seedStart = performance.now();
  let last = 0;
  await seedDesigns(database, ROWS, (done) => {
    if (done - last >= ROWS / 5 || done === ROWS) {
      process.stdout.write(`  [${name}] seeded ${done}/${ROWS}\n`);
      last = done;
    }
  });
  console.log(`  [${name}] seed + index build: ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const search = createSearchRepository(database);
  let hits = 0;
  const fts = await measure(async (term) => {
    const page = await search.searchDesigns({ teamId: 'T1', query: term, visiblePrivateChannelIds: VISIBLE });
    hits += page.total;
  });
  const ilike = await measure((term) => ilikeScan(database, term));
  const indexed = await usesIndex(database, TERMS[0]!);

  console.log(`\n${name}: ${ROWS.toLocaleString('en-US')} designs, ${ITERATIONS} queries each over ${TERMS.length} terms (avg ${Math.round(hits / ITERATIONS)} hits)`);
  console.log(`  full-text (GIN${indexed ? '' : ' — NOT used by the planner'}): p50 ${fmt(fts.p50)}  p95 ${fmt(fts.p95)}`);
  console.log(`  ILIKE scan:                p50 ${fmt(ilike.p50)}  p95 ${fmt(ilike.p95)}`);
  console.log(`  ratio ILIKE / full-text:   p50 ${(ilike.p50 / fts.p50).toFixed(1)}x  p95 ${(ilike.p95 / fts.p95).toFixed(1)}x\n`);
}

async function withPostgres(adminUrl: string, fn: (database: Database) => Promise<void>): Promise<void> {
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase({ mode: 'postgres', url: url.toString(), poolSize: 4 });
  try {
    await fn(database);
  } finally {
    await database.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const config = loadConfig();
// Benchmarks may borrow the test server's URL; the app itself only ever uses DATABASE_URL via config.
const postgresUrl = config.database.mode === 'postgres' ? config.database.url : process.env.TEST_DATABASE_URL;

if (args.backend === 'all' || args.backend === 'pglite') {
  const database = await createDatabase({ mode: 'pglite', dataDir: ':memory:' });
  try {
    await benchBackend('PGlite', database);
  } finally {
    await database.close();
  }
}
if (args.backend === 'all' || args.backend === 'postgres') {
  if (postgresUrl) await withPostgres(postgresUrl, (database) => benchBackend('Postgres', database));
  else console.log('Postgres: skipped (set DATABASE_URL or TEST_DATABASE_URL)');
}

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createDatabase, rowsOf, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createSearchRepository } from '../src/db/repositories/search.js';
import type { SearchInput } from '../src/db/repositories/search-input.js';
import { buildCorpus, wordCount, type CorpusDoc } from './search-corpus.js';
import { INTERNAL_NAMES, seedDesigns } from './search-seed.js';
import { adminQuery, isMain, ms, printTable, summarize } from './stats.js';

/**
 * `npm run bench:search [-- --rows 100000,1000000 --backend all|pglite|postgres --rounds 5 --fresh]`
 * (also part of `npm run bench`).
 *
 * Seeds designs made of real offline-engine documents (bench/search-seed.ts) and measures, in one run, the app's
 * own searchDesigns() (ranked page, capped total and excerpts, as Slack shows them) against an unindexed ILIKE
 * scan giving the same shape (total + newest 10) over the same rows. The queries are picked from the corpus by how
 * many documents hold them: a word in nearly every design, words in about half, a fifth, a twentieth and a
 * hundredth, a system name, a rare in-house name, two words, a phrase, and a common word with a system filter.
 *
 * Seeded databases are kept for the next run (PostgreSQL: a database named after the rows and a hash of the
 * migrations and seed code; PGlite: a data directory under node_modules/.cache), since a million real documents
 * take about ten minutes to index; --fresh seeds again.
 */

export type SearchBackend = 'pglite' | 'postgres';

export interface QueryFigure {
  label: string;
  input: Pick<SearchInput, 'query' | 'filters'>;
  matches: number;
  capped: boolean;
  p95: number;
}

export interface SearchFigures {
  backend: SearchBackend;
  rows: number;
  reused: boolean;
  seedSeconds: number;
  fts: { p50: number; p95: number; n: number };
  ilike: { p50: number; p95: number; n: number };
  queries: QueryFigure[];
  /** p95 target for this backend and size, ms. */
  target: number;
  /** p95 within the target. */
  fastEnough: boolean;
  /** ILIKE's p95 at least ILIKE_TARGET times full-text's. */
  beatsIlike: boolean;
  pass: boolean;
}

export interface SearchBenchOptions {
  backends?: SearchBackend[];
  rows?: Partial<Record<SearchBackend, number[]>>;
  postgresUrl?: string;
  rounds?: number;
  fresh?: boolean;
  corpusSize?: number;
}

const TEAM = 'T1';
const VISIBLE = ['G0', 'G10'];
const TARGETS: Record<SearchBackend, [rows: number, ms: number][]> = {
  postgres: [
    [100_000, 20],
    [1_000_000, 50],
  ],
  pglite: [[100_000, 100]],
};
/** Indexed search must be at least this many times faster than ILIKE at the same p95. */
export const ILIKE_TARGET = 10;

function targetFor(backend: SearchBackend, rows: number): number {
  const sorted = TARGETS[backend];
  return (sorted.find(([r]) => rows <= r) ?? sorted[sorted.length - 1]!)[1];
}

type BenchQuery = { label: string; input: Pick<SearchInput, 'query' | 'filters'> };

/** Adjacent word pairs within sentences, by how many documents hold them. */
function wordPairs(corpus: CorpusDoc[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const doc of corpus) {
    const pairs = new Set<string>();
    for (const clause of doc.markdown.toLowerCase().split(/[^a-z ]+/)) {
      const words = clause.split(' ').filter((w) => w.length >= 4);
      words.slice(1).forEach((w, i) => pairs.add(`${words[i]} ${w}`));
    }
    for (const pair of pairs) counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return [...counts];
}

/**
 * The benchmark's queries, chosen from the corpus by the share of documents Postgres's own parser finds them in
 * (an in-memory PGlite holding the corpus), so they are real words and stems: the same corpus gives the same queries.
 */
export async function pickQueries(corpus: CorpusDoc[]): Promise<BenchQuery[]> {
  const pglite = await createDatabase({ mode: 'pglite', dataDir: ':memory:' });
  try {
    const { db } = pglite;
    await db.execute(sql`CREATE TABLE corpus (markdown text, v tsvector)`);
    await db.execute(sql`INSERT INTO corpus (markdown) SELECT value FROM jsonb_array_elements_text(${JSON.stringify(corpus.map((d) => d.markdown))}::jsonb)`);
    await db.execute(sql`UPDATE corpus SET v = to_tsvector('english', markdown)`);
    // Lexemes a typed word stems to unchanged, by the share of documents holding them.
    const stats = rowsOf<{ word: string; share: number }>(
      await db.execute(sql`SELECT word, ndoc::float / ${corpus.length} AS share FROM ts_stat('SELECT v FROM corpus')
                           WHERE word ~ '^[a-z]{4,}$' AND websearch_to_tsquery('english', word)::text = quote_literal(word)`),
    );
    // Of the words within 3 points of the share (or else the nearest), the longest: a technical word, not "would".
    const typed = new Set(corpus.flatMap((d) => d.markdown.toLowerCase().match(/\b[a-z]{4,12}\b/g) ?? []));
    const near = (share: number, not: string[] = []) => {
      const pool = stats.filter((s) => typed.has(s.word) && !not.includes(s.word)).sort((a, b) => Math.abs(a.share - share) - Math.abs(b.share - share));
      const close = pool.filter((s) => Math.abs(s.share - share) <= 0.03);
      return (close.length > 0 ? close.sort((a, b) => b.word.length - a.word.length || a.word.localeCompare(b.word)) : pool)[0]!.word;
    };
    const phraseShare = async (phrase: string) => {
      const [row] = rowsOf<{ n: number | string }>(
        await db.execute(sql`SELECT count(*) AS n FROM corpus WHERE v @@ websearch_to_tsquery('english', ${`"${phrase}"`})`),
      );
      return Number(row?.n ?? 0) / corpus.length;
    };
    let phrase = 'dead letter';
    let phraseMiss = Math.abs((await phraseShare(phrase)) - 0.5);
    for (const [pair] of wordPairs(corpus).sort((a, b) => Math.abs(a[1] / corpus.length - 0.5) - Math.abs(b[1] / corpus.length - 0.5)).slice(0, 20)) {
      const miss = Math.abs((await phraseShare(pair)) - 0.5);
      if (miss < phraseMiss) [phrase, phraseMiss] = [pair, miss];
    }
    const systems = new Map<string, number>();
    for (const doc of corpus) for (const s of doc.systems) if (!INTERNAL_NAMES.includes(s.toLowerCase())) systems.set(s, (systems.get(s) ?? 0) + 1);
    const [system] = [...systems].sort((a, b) => b[1] - a[1]).find(([name]) => /^[A-Za-z]+$/.test(name)) ?? ['Stripe'];
    const common = near(0.97);
    const fifth = near(0.2, [common]);
    const twentieth = near(0.05, [common, fifth]);
    return [
      { label: 'in nearly every design', input: { query: common } },
      { label: 'in about half', input: { query: near(0.5, [common]) } },
      { label: 'in about a fifth', input: { query: fifth } },
      { label: 'in about a twentieth', input: { query: twentieth } },
      { label: 'in about a hundredth', input: { query: near(0.01, [common, fifth, twentieth]) } },
      { label: 'a system name', input: { query: system } },
      { label: 'a rare in-house name', input: { query: INTERNAL_NAMES[1234]! } },
      { label: 'two words', input: { query: `${fifth} ${twentieth}` } },
      { label: 'a phrase in about half', input: { query: `"${phrase}"` } },
      { label: 'common word, system: filter', input: { query: common, filters: { system } } },
    ];
  } finally {
    await pglite.close();
  }
}

/** Same rows, same visibility, same shape (total + newest 10), no index: what search would cost without one. */
async function ilikeScan(database: Database, query: string): Promise<void> {
  const pattern = `%${query.replace(/"/g, '')}%`;
  const scope = sql`c.team_id = ${TEAM} AND (c.channel_is_private = false OR c.channel_id = ANY(${sql.param(VISIBLE)}::text[]))
                    AND r.revision = (SELECT max(r2.revision) FROM design_revisions r2 WHERE r2.conversation_id = r.conversation_id)`;
  const match = sql`(r.title ILIKE ${pattern} OR r.markdown ILIKE ${pattern} OR array_to_string(r.systems, ' ') ILIKE ${pattern})`;
  await database.db.execute(sql`SELECT count(*) FROM design_revisions r JOIN conversations c ON c.id = r.conversation_id WHERE ${scope} AND ${match}`);
  await database.db.execute(sql`SELECT r.id, r.title FROM design_revisions r JOIN conversations c ON c.id = r.conversation_id
                                WHERE ${scope} AND ${match} ORDER BY r.created_at DESC LIMIT 10`);
}

/** A hash of everything that shapes a seeded database: a kept database is reused only while it matches. */
function seedVersion(corpusSize: number): string {
  const hash = createHash('sha256').update(String(corpusSize));
  const migrations = fileURLToPath(new URL('../migrations/', import.meta.url));
  for (const file of readdirSync(migrations).filter((f) => f.endsWith('.sql')).sort()) hash.update(readFileSync(join(migrations, file)));
  for (const file of ['search-seed.ts', 'search-corpus.ts']) hash.update(readFileSync(new URL(`./${file}`, import.meta.url)));
  return hash.digest('hex').slice(0, 10);
}

interface Seeded {
  database: Database;
  reused: boolean;
  seedSeconds: number;
}

/** PGlite opened as the app opens it: PGLITE_SHARED_BUFFERS_MB, or the app's default. */
function pgliteAt(dataDir: string): Promise<Database> {
  const sharedBuffersMiB = Number(process.env.PGLITE_SHARED_BUFFERS_MB) || undefined;
  return createDatabase({ mode: 'pglite', dataDir, ...(sharedBuffersMiB ? { sharedBuffersMiB } : {}) });
}

async function seeded(backend: SearchBackend, rows: number, opts: Required<Pick<SearchBenchOptions, 'fresh' | 'corpusSize'>> & { postgresUrl?: string }, corpus: CorpusDoc[]): Promise<Seeded> {
  const version = seedVersion(opts.corpusSize);
  const progress = (done: number) => {
    if (done % Math.max(10_000, rows / 10) < 2_000 || done === rows) process.stdout.write(`  [${backend} ${rows.toLocaleString('en-US')}] seeded ${done.toLocaleString('en-US')}\n`);
  };
  if (backend === 'pglite') {
    const dir = fileURLToPath(new URL(`../node_modules/.cache/ia-bench/search-pglite-${rows}-${version}`, import.meta.url));
    const marker = join(dir, 'seeded.json');
    if (opts.fresh || !existsSync(marker)) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const database = await pgliteAt(join(dir, 'pgdata'));
      await migrate(database);
      const started = performance.now();
      await seedDesigns(database, rows, corpus, { onProgress: progress });
      const seedSeconds = (performance.now() - started) / 1000;
      writeFileSync(marker, JSON.stringify({ rows, seedSeconds }));
      return { database, reused: false, seedSeconds };
    }
    const { seedSeconds } = JSON.parse(readFileSync(marker, 'utf8')) as { seedSeconds: number };
    return { database: await pgliteAt(join(dir, 'pgdata')), reused: true, seedSeconds };
  }
  const base = opts.postgresUrl!;
  const name = `ia_bench_search_${rows}_${version}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const existing = await adminQuery(base, `SELECT datname FROM pg_database WHERE datname LIKE 'ia_bench_search_${rows}_%'`);
  const names = existing.rows.map((r: { datname: string }) => r.datname);
  let ready = false;
  if (names.includes(name) && !opts.fresh) {
    const check = await adminQuery(url.toString(), `SELECT to_regclass('bench_seeded') IS NOT NULL AS ok`);
    ready = Boolean(check.rows[0]?.ok);
  }
  if (ready) {
    const marker = await adminQuery(url.toString(), 'SELECT seed_seconds FROM bench_seeded');
    return { database: await createDatabase({ mode: 'postgres', url: url.toString(), poolSize: 4 }), reused: true, seedSeconds: Number(marker.rows[0]?.seed_seconds ?? 0) };
  }
  // Stale versions of this size would only fill the disk.
  for (const old of names) await adminQuery(base, `DROP DATABASE IF EXISTS ${old} WITH (FORCE)`);
  await adminQuery(base, `CREATE DATABASE ${name}`);
  const database = await createDatabase({ mode: 'postgres', url: url.toString(), poolSize: 4 });
  await migrate(database);
  const started = performance.now();
  await seedDesigns(database, rows, corpus, { lanes: 2, onProgress: progress });
  const seedSeconds = (performance.now() - started) / 1000;
  await database.db.execute(sql`CREATE TABLE bench_seeded (rows int, seed_seconds real)`);
  await database.db.execute(sql`INSERT INTO bench_seeded VALUES (${rows}, ${seedSeconds})`);
  await database.db.execute(sql`VACUUM ANALYZE design_search`);
  return { database, reused: false, seedSeconds };
}

async function measure(database: Database, backend: SearchBackend, rows: number, queries: BenchQuery[], rounds: number): Promise<Omit<SearchFigures, 'reused' | 'seedSeconds'>> {
  const search = createSearchRepository(database);
  const run = (input: Pick<SearchInput, 'query' | 'filters'>) => search.searchDesigns({ teamId: TEAM, visiblePrivateChannelIds: VISIBLE, ...input });
  const perQuery = new Map<string, number[]>(queries.map((q) => [q.label, []]));
  const pages = new Map<string, { total: number; capped: boolean }>();
  for (const q of queries) pages.set(q.label, await run(q.input)); // warm-up, and the matches each query has
  for (let round = 0; round < rounds; round += 1) {
    for (const q of queries) {
      const started = performance.now();
      await run(q.input);
      perQuery.get(q.label)!.push(performance.now() - started);
    }
  }
  const fts = summarize([...perQuery.values()].flat());
  // One scan per query, and at a million designs (each scan reads gigabytes, about a minute) one per query kind:
  // a word in nearly every design, in a fifth, in a hundredth, and a rare name.
  const scanned = rows >= 500_000 ? [0, 2, 4, 6].map((i) => queries[i]!) : queries;
  const scans: number[] = [];
  for (const q of scanned) {
    const started = performance.now();
    await ilikeScan(database, q.input.query);
    scans.push(performance.now() - started);
  }
  const ilike = summarize(scans);
  const target = targetFor(backend, rows);
  const fastEnough = fts.p95 <= target;
  const beatsIlike = ilike.p95 / fts.p95 >= ILIKE_TARGET;
  return {
    backend,
    rows,
    fts: { p50: fts.p50, p95: fts.p95, n: fts.n },
    ilike: { p50: ilike.p50, p95: ilike.p95, n: ilike.n },
    queries: queries.map((q) => ({
      label: q.label,
      input: q.input,
      matches: pages.get(q.label)!.total,
      capped: pages.get(q.label)!.capped,
      p95: summarize(perQuery.get(q.label)!).p95,
    })),
    target,
    fastEnough,
    beatsIlike,
    pass: fastEnough && beatsIlike,
  };
}

async function usesIndexOnly(database: Database): Promise<boolean> {
  const [row] = rowsOf<{ n: number | string }>(await database.db.execute(sql`SELECT count(*) AS n FROM pg_indexes WHERE tablename = 'design_search'`));
  return Number(row?.n) === 2;
}

export async function runSearchBench(options: SearchBenchOptions = {}): Promise<SearchFigures[]> {
  const corpusSize = options.corpusSize ?? 400;
  const backends = options.backends ?? (options.postgresUrl ? ['pglite', 'postgres'] : ['pglite']);
  const docs = await buildCorpus(corpusSize);
  const words = summarize(docs.map((d) => wordCount(d.markdown)));
  console.log(`  corpus: ${docs.length} offline-engine documents, ${Math.round(words.p50)} words median (${Math.round(words.mean)} mean)`);
  const queries = await pickQueries(docs);
  const figures: SearchFigures[] = [];
  for (const backend of backends) {
    if (backend === 'postgres' && !options.postgresUrl) continue;
    for (const rows of options.rows?.[backend] ?? (backend === 'postgres' ? [100_000, 1_000_000] : [100_000])) {
      const { database, reused, seedSeconds } = await seeded(backend, rows, { fresh: options.fresh ?? false, corpusSize, postgresUrl: options.postgresUrl }, docs);
      try {
        if (!(await usesIndexOnly(database))) throw new Error('design_search has indexes besides its primary key and GIN index');
        const measured = await measure(database, backend, rows, queries, options.rounds ?? 5);
        figures.push({ ...measured, reused, seedSeconds });
        printTable(`Search: ${backend}, ${rows.toLocaleString('en-US')} designs${reused ? ' (kept from an earlier run)' : ''}`, searchDetailRows(figures.at(-1)!));
      } finally {
        await database.close();
      }
    }
  }
  return figures;
}

const label = (f: SearchFigures) => `${f.backend === 'postgres' ? 'PostgreSQL' : 'PGlite'} ${f.rows.toLocaleString('en-US')}`;

function searchDetailRows(f: SearchFigures): [string, string][] {
  return [
    ...f.queries.map((q): [string, string] => [
      `${q.label}: ${q.input.query}${q.input.filters?.system ? ` system:${q.input.filters.system}` : ''}`,
      `p95 ${ms(q.p95)}, ${q.capped ? `more than ${q.matches.toLocaleString('en-US')}` : q.matches.toLocaleString('en-US')} matches`,
    ]),
    ['full-text (all queries)', `p50 ${ms(f.fts.p50)}  p95 ${ms(f.fts.p95)}  (n=${f.fts.n})`],
    ['ILIKE scan (one per query, 4 queries from 500,000 designs)', `p50 ${ms(f.ilike.p50)}  p95 ${ms(f.ilike.p95)}  (n=${f.ilike.n})`],
    ['seeding (real documents, index included)', `${f.seedSeconds.toFixed(0)} s${f.reused ? ', kept from an earlier run' : ''}`],
  ];
}

/** Summary rows: each size's p95 against its target, and ILIKE ÷ full-text at the same p95. */
export function searchTargets(figures: SearchFigures[]): [string, string][] {
  return figures.flatMap((f): [string, string][] => {
    const common = f.queries[0]!;
    return [
      [`search ${label(f)}: p95 (10 queries)`, `${ms(f.fts.p95)}, target ≤ ${f.target} ms; nearly-every-design word p95 ${ms(common.p95)}: ${f.fastEnough ? 'PASS' : 'FALL SHORT'}`],
      [`search ${label(f)}: ILIKE ÷ full-text p95`, `${(f.ilike.p95 / f.fts.p95).toFixed(0)}x (${ms(f.ilike.p95, 0)} vs ${ms(f.fts.p95)}), target ≥ ${ILIKE_TARGET}x: ${f.beatsIlike ? 'PASS' : 'FALL SHORT'}`],
    ];
  });
}

if (isMain(import.meta.url)) {
  const { values: args } = parseArgs({
    options: {
      rows: { type: 'string' },
      backend: { type: 'string', default: 'all' },
      rounds: { type: 'string', default: '5' },
      fresh: { type: 'boolean', default: false },
    },
  });
  // Benchmarks may borrow the test server's URL; the app itself only ever uses DATABASE_URL via src/config.ts.
  const postgresUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const rows = args.rows?.split(',').map(Number);
  if (rows?.some((r) => !Number.isInteger(r) || r < 1_000)) throw new Error('--rows must be integers >= 1000, comma-separated');
  if (!['all', 'pglite', 'postgres'].includes(args.backend)) throw new Error('--backend must be all, pglite or postgres');
  if (args.backend === 'postgres' && !postgresUrl) throw new Error('--backend postgres needs DATABASE_URL or TEST_DATABASE_URL');
  const backends: SearchBackend[] = args.backend === 'all' ? ['pglite', 'postgres'] : [args.backend as SearchBackend];
  const figures = await runSearchBench({
    backends,
    ...(rows ? { rows: { pglite: rows, postgres: rows } } : {}),
    ...(postgresUrl ? { postgresUrl } : {}),
    rounds: Number(args.rounds),
    fresh: args.fresh,
  });
  printTable('Search targets', searchTargets(figures));
  if (figures.some((f) => !f.pass)) process.exitCode = 1;
}


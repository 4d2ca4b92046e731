import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { Database } from '../client.js';
import { rowsOf } from '../client.js';
import { SearchTimeoutError } from '../errors.js';
import { estimatedShare, lexemeStats, type LexemeStats } from './search-estimate.js';
import { parseSearchInput, type SearchInput, type ValidSearchInput } from './search-input.js';


/** Markers around matched words in `snippet`; the Slack layer turns them into bold. */
export const SNIPPET_START = '«';
export const SNIPPET_END = '»';

const HEADLINE_OPTIONS = `StartSel=${SNIPPET_START}, StopSel=${SNIPPET_END}, MaxWords=30, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;

export interface SearchResult {
  conversationId: string;
  revision: number;
  title: string;
  systems: string[];
  snippet: string;
  /** The user who started the design. */
  authorId: string;
  channelId: string;
  threadTs: string;
  /** When the latest revision was saved. */
  createdAt: Date;
  rank: number;
}

export interface SearchPage {
  results: SearchResult[];
  /** Matching designs the caller may see, across all pages; at most SEARCH_CAP. */
  total: number;
  /** True when more than SEARCH_CAP designs match: `total` is then SEARCH_CAP, and only the newest SEARCH_CAP are ranked. */
  capped: boolean;
}

/**
 * A search ranks at most this many matches: the newest ones. Counting and ranking every match of a common word
 * would cost more than the page; the results say "more than 1,000" instead.
 */
export const SEARCH_CAP = 1_000;

/**
 * Sizes (as powers of two) of the seq buckets each search document carries, one scope word per size
 * (`ia_search_scope()` in migration 0004 writes them; the two must agree). A search looks at the newest 2^10 to
 * 2^11 designs first, then up to 2^13, 2^15, … until it has SEARCH_CAP + 1 matches: a common word stops in the
 * first window, a rare one reads its few matches from every window. Each window is four times the last, so the
 * window that completes the matches visits at most about eight times the rows it needed (eightfold steps
 * measured 2.5 times slower for a word in a fifth of the designs). Where the column statistics say the newest
 * windows cannot hold that many matches, the first window starts further back (searchWindows' `firstRows`).
 */
export const BUCKET_SHIFTS = [10, 12, 14, 16, 18, 20, 22] as const;

/**
 * A search is cancelled after this long (PostgreSQL's statement_timeout). Single words stay in milliseconds at a
 * million designs; a quoted phrase of common words that are seldom adjacent has every document holding both words
 * re-read for positions, which grows with the number of designs.
 */
export const SEARCH_TIMEOUT_MS = 5_000;

/** How long the document column's statistics are used before they are read again. */
export const STATS_TTL_MS = 5 * 60_000;

/** Postgres's query_canceled, as the driver reports it (directly or as the cause of drizzle's error). */
function isCancelled(error: unknown): boolean {
  const codeOf = (e: unknown) => (e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : undefined);
  return codeOf(error) === '57014' || codeOf((error as { cause?: unknown } | null)?.cause) === '57014';
}

interface Window {
  /** Scope words of the two newest buckets at this size, as tsquery text; undefined for the window from seq 0. */
  buckets: string | undefined;
  /**
   * The newer window's bucket words, negated (`!( … )`): its buckets hold every seq above this window, so the GIN
   * scan leaves out what the newer windows already read instead of fetching those rows to drop them on `seq`.
   */
  notNewer: string | undefined;
  /** seq range of this window: [from, below). */
  from: number;
  below: number | undefined;
}

/**
 * Disjoint seq ranges, newest first, covering everything up to `top` (the sequence's last value). The first reaches
 * back at least `firstRows` designs: smaller windows are left out when they could not hold the matches expected
 * (each window is one more GIN scan, and a scan walks the query's whole posting list whatever the window's size).
 */
export function searchWindows(top: number, firstRows = 0): Window[] {
  const windows: Window[] = [];
  let below: number | undefined;
  let newer: string | undefined;
  const notNewer = () => (newer === undefined ? undefined : `!( ${newer} )`);
  for (const [level, shift] of BUCKET_SHIFTS.entries()) {
    const current = Math.floor(top / 2 ** shift);
    const from = Math.max(0, current - 1) * 2 ** shift;
    if (below !== undefined && from >= below) continue;
    if (below === undefined && from > 0 && top - from < firstRows) continue;
    const words = [current, current - 1].filter((b) => b >= 0).map((b) => `'ia:b${level}:${b}'`);
    // From seq 0 the buckets would name every design: one more GIN entry to check per match, narrowing nothing.
    windows.push({ buckets: from === 0 ? undefined : words.join(' | '), notNewer: notNewer(), from, below });
    below = from;
    newer = words.join(' | ');
    if (from === 0) return windows;
  }
  windows.push({ buckets: undefined, notNewer: notNewer(), from: 0, below });
  return windows;
}

/**
 * Where to cut the excerpt from: the query's lexemes as prefixes of the words they came from ("retri" comes from
 * "retry" and "retries": Snowball turns a final y into i). Negated terms are left out.
 */
export function snippetNeedles(tsquery: string): string[] {
  const needles = new Set<string>();
  for (const m of tsquery.matchAll(/(!?)\s*'((?:[^']|'')*)'/g)) {
    if (m[1]) continue;
    const lexeme = (m[2] ?? '').replace(/''/g, "'").toLowerCase();
    const needle = lexeme.length > 3 && lexeme.endsWith('i') ? lexeme.slice(0, -1) : lexeme;
    if (needle.length >= 2) needles.add(needle);
  }
  return [...needles].slice(0, 16);
}

/**
 * A phrase query with its phrase operators (`<->`, `<N>`) turned into `&`, or undefined when there are none or the
 * query negates something (`!('a' <-> 'b')` and `!('a' & 'b')` differ). GIN answers the `&` form exactly, without
 * reading documents; only candidates taken newest first are then read again for word positions, so a common
 * phrase stops reading once the page's matches are found instead of reading every candidate of a window.
 */
export function relaxedPhrase(tsquery: string): string | undefined {
  const parts = tsquery.split(/('(?:[^']|'')*')/);
  const operators = parts.filter((_, i) => i % 2 === 0).join(' ');
  if (!/<(?:-|\d+)>/.test(operators) || operators.includes('!')) return undefined;
  return parts.map((part, i) => (i % 2 === 0 ? part.replace(/<(?:-|\d+)>/g, '&') : part)).join('');
}

/** A regular expression matching any of the needles, literally; undefined when there are none. */
export function needlePattern(needles: string[]): string | undefined {
  return needles.length === 0 ? undefined : needles.map((n) => n.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')).join('|');
}

/** Characters of markdown the excerpt is cut from, starting a little before the first match. */
const EXCERPT_CHARS = 800;
const EXCERPT_LEAD = 160;

/** Conditions every candidate meets on top of the GIN match; visibility is part of the query, never a post-filter. */
function rowConditions(input: ValidSearchInput): SQL {
  const { teamId, visiblePrivateChannelIds, filters } = input;
  const visible =
    visiblePrivateChannelIds.length > 0
      ? sql`(s.channel_is_private = false OR s.channel_id = ANY(${sql.param(visiblePrivateChannelIds)}::text[]))`
      : sql`s.channel_is_private = false`;
  const parts: SQL[] = [sql`s.team_id = ${teamId}`, visible];
  if (filters.system !== undefined) {
    // One string operation per row: an EXISTS over unnest() ran as a subplan per candidate, a third of the search.
    parts.push(sql`lower(${filters.system}) = ANY (string_to_array(lower(array_to_string(s.systems, chr(31))), chr(31)))`);
  }
  if (filters.authorId !== undefined) parts.push(sql`(s.revised_by = ${filters.authorId} OR s.author_id = ${filters.authorId})`);
  if (filters.channelId !== undefined) parts.push(sql`s.channel_id = ${filters.channelId}`);
  if (filters.from !== undefined) parts.push(sql`s.created_at >= ${filters.from.toISOString()}::timestamptz`);
  if (filters.to !== undefined) parts.push(sql`s.created_at <= ${filters.to.toISOString()}::timestamptz`);
  return sql.join(parts, sql` AND `);
}

type ScopeKind = 't' | 's' | 'a' | 'c';

/** A scope word as ia_search_key() (migration 0004) writes it. */
export function scopeWord(kind: ScopeKind, value: string): string {
  return `ia:${kind}:${createHash('md5').update(value).digest('hex').slice(0, 16)}`;
}

/** The team and each filter that has a scope word, as (kind, value) pairs: what scopeQuery and scopeWords share. */
function scopeKeys(input: ValidSearchInput): [ScopeKind, string][] {
  const { teamId, filters } = input;
  const keys: [ScopeKind, string][] = [['t', teamId]];
  if (filters.system !== undefined) keys.push(['s', filters.system]);
  if (filters.authorId !== undefined) keys.push(['a', filters.authorId]);
  if (filters.channelId !== undefined) keys.push(['c', filters.channelId]);
  return keys;
}

/** The scope words scopeQuery matches, for looking them up in the column statistics (systems lower-cased here). */
function scopeWords(input: ValidSearchInput): string[] {
  return scopeKeys(input).map(([kind, value]) => scopeWord(kind, kind === 's' ? value.toLowerCase() : value));
}

/**
 * The scope words the GIN index intersects with the query: the team, and each filter that has one. The same
 * conditions are checked on the row too (rowConditions), so the words only ever narrow the scan.
 */
function scopeQuery(input: ValidSearchInput): SQL {
  // Hashed in SQL, as the documents were: systems lower-cased by the database's lower().
  const parts = scopeKeys(input).map(([kind, value]) =>
    kind === 's' ? sql`ia_search_key_query('s', lower(${value}))` : sql`ia_search_key_query(${kind}, ${value})`,
  );
  return sql.join(parts, sql` && `);
}

interface PageRow {
  total: number | string;
  conversation_id: string | null;
  revision: number;
  title: string;
  systems: string[];
  created_at: Date | string;
  author_id: string;
  channel_id: string;
  thread_ts: string;
  rank: number | string;
  snippet: string;
}

const dialect = new PgDialect();

/**
 * Statements prepared per connection, at most MAX_PREPARED: each keeps its plan in the server's backend, and a
 * statement's shape varies with the filters used. Past the bound a shape runs unprepared (planned each time).
 */
export const MAX_PREPARED = 32;
const preparedOn = new WeakMap<object, Set<string>>();

export function preparedName(connection: object, text: string): string | undefined {
  const name = `ia_search_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  const names = preparedOn.get(connection) ?? new Set<string>();
  preparedOn.set(connection, names);
  if (!names.has(name) && names.size >= MAX_PREPARED) return undefined;
  names.add(name);
  return name;
}

export function createSearchRepository(database: Database, options: { timeoutMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? SEARCH_TIMEOUT_MS;
  let statsCache: { at: number; stats: LexemeStats | undefined } | undefined;

  /**
   * The document column's lexeme statistics, kept by ANALYZE (autovacuum's, or refreshStatistics on PGlite); read
   * again every STATS_TTL_MS.
   */
  async function lexemeStatsOf(execute: (q: SQL) => Promise<unknown>): Promise<LexemeStats | undefined> {
    if (statsCache && Date.now() - statsCache.at < STATS_TTL_MS) return statsCache.stats;
    const [row] = rowsOf<{ elems: string[] | null; freqs: number[] | null }>(
      await execute(sql`SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs FROM pg_stats
                        WHERE schemaname = current_schema() AND tablename = 'design_search' AND attname = 'document'`),
    );
    statsCache = { at: Date.now(), stats: lexemeStats(row?.elems, row?.freqs?.map(Number)) };
    return statsCache.stats;
  }

  return {
    /**
     * Ranked full-text search over the latest revision of each design the caller may see: same team, and
     * private-channel designs only for channels in `visiblePrivateChannelIds`. Throws SearchValidationError for
     * bad input and SearchTimeoutError past SEARCH_TIMEOUT_MS; a query without searchable words returns no results.
     *
     * The newest SEARCH_CAP + 1 matches are found window by window (searchWindows) in one statement; they are
     * ranked on what the person asked for (`head`), ties newest first; excerpts are cut for the page's rows only.
     */
    async searchDesigns(raw: SearchInput): Promise<SearchPage> {
      const input = parseSearchInput(raw);
      try {
        return await run(input);
      } catch (error) {
        if (isCancelled(error)) throw new SearchTimeoutError(timeoutMs);
        throw error;
      }
    },
  };

  async function run(input: ValidSearchInput): Promise<SearchPage> {
    return database.pool ? onPostgres(database.pool, input) : database.db.transaction((tx) => pageOf(input, (q) => tx.execute(q)));
  }

  /**
   * PostgreSQL plans a statement of five to eight windows in about 2.5 ms, a sixth of a search at 100,000 designs.
   * Prepared under a name on each pooled connection and planned generically (the plan's shape is fixed by the
   * statement's text: windows, filters, phrase), it is planned once per connection instead of once per search.
   */
  async function onPostgres(pool: pg.Pool, input: ValidSearchInput): Promise<SearchPage> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const execute = async (q: SQL, prepared?: 'prepared') => {
        const { sql: text, params } = dialect.sqlToQuery(q);
        return client.query({ name: prepared ? preparedName(client, text) : undefined, text, values: params });
      };
      const page = await pageOf(input, execute, { genericPlans: true });
      // Read-only: the search has its answer, so it does not wait for the COMMIT. The connection goes back to the
      // pool with it in flight, and whoever takes the connection next queues behind it; a connection that dies
      // on the way is dropped by the pool.
      void client.query('COMMIT').catch(() => undefined);
      return page;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** One search in an open transaction; `execute` runs a statement in it, `'prepared'` marking the one worth keeping. */
  async function pageOf(
    input: ValidSearchInput,
    execute: (q: SQL, prepared?: 'prepared') => Promise<unknown>,
    options: { genericPlans?: boolean } = {},
  ): Promise<SearchPage> {
    // Only the GIN index can find matches without unpacking each document; a sequential scan that does
    // would take seconds at a million designs, whatever the planner estimates. JIT would only add to it.
    const [probe] = rowsOf<{ n: number | string; text: string; top: number | string }>(
      await execute(sql`
        SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true),
               set_config('max_parallel_workers_per_gather', '0', true),
               set_config('plan_cache_mode', ${options.genericPlans ? 'force_generic_plan' : 'auto'}, true),
               set_config('statement_timeout', ${String(timeoutMs)}, true),
               numnode(q) AS n, q::text AS text,
               (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM design_search_seq) AS top
        FROM websearch_to_tsquery('english', ${input.query}) AS q`),
    );
    if (!probe || Number(probe.n) === 0 || Number(probe.top) === 0) return { results: [], total: 0, capped: false };

    const query = sql`websearch_to_tsquery('english', ${input.query})`;
    const scope = scopeQuery(input);
    const conditions = rowConditions(input);
    const relaxed = relaxedPhrase(probe.text);
    // The least share among the query and its scope words bounds what the scope holds from above: the first window
    // may fall short of the matches (the next ones follow), never reach much further back than needed.
    const stats = await lexemeStatsOf(execute);
    const share = stats && estimatedShare(probe.text, stats);
    const scoped = share && Math.min(share, ...scopeWords(input).map((word) => stats.shares.get(word) ?? stats.below));
    const firstRows = scoped ? (SEARCH_CAP + 1) / scoped : 0;
    const branches = searchWindows(Number(probe.top), firstRows).map((w) => {
      const buckets = sql.join(
        [w.buckets, w.notNewer].filter((words) => words !== undefined).map((words) => sql` && ${words}::tsquery`),
      );
      const below = w.below === undefined ? sql`` : sql` AND s.seq < ${w.below}`;
      const inWindow = (gin: SQL) => sql`s.document @@ (${gin} && ${scope}${buckets}) AND ${conditions} AND s.seq >= ${w.from}${below}`;
      if (relaxed === undefined) {
        return sql`(SELECT s.conversation_id, s.seq, s.head FROM design_search s WHERE ${inWindow(query)} ORDER BY s.seq DESC)`;
      }
      // OFFSET 0 keeps the phrase check above the sort: it reads documents newest first, until LIMIT is met.
      return sql`(SELECT w.conversation_id, w.seq, w.head FROM (
                    SELECT s.conversation_id, s.seq, s.head, s.document FROM design_search s
                    WHERE ${inWindow(sql`${relaxed}::tsquery`)} ORDER BY s.seq DESC OFFSET 0) w
                  WHERE w.document @@ ${query})`;
    });
    // One case-insensitive pass over the markdown finds the first of the needles (a lower() copy per needle cost
    // 0.1 ms a row).
    const pattern = needlePattern(snippetNeedles(probe.text));
    const hit = pattern === undefined ? sql`0` : sql`regexp_instr(r.markdown, ${pattern}, 1, 1, 0, 'i')`;

    // Ranked on `head` alone: a head that does not match the query ranks 0 (ts_rank_cd finds no cover in it either),
    // and the match test is a third of ts_rank_cd's cost, which most of a thousand candidates would otherwise pay.
    const rows = rowsOf<PageRow>(
      await execute(sql`
        WITH query AS (SELECT ${query} AS q),
        candidates AS (${sql.join(branches, sql` UNION ALL `)} LIMIT ${SEARCH_CAP + 1}),
        counted AS (SELECT count(*) AS total FROM candidates),
        ranked AS (
          SELECT c.conversation_id, c.seq, CASE WHEN c.head @@ query.q THEN ts_rank_cd(c.head, query.q) ELSE 0 END AS rank
          FROM (SELECT * FROM candidates ORDER BY seq DESC LIMIT ${SEARCH_CAP}) c, query
        ),
        page AS (SELECT * FROM ranked ORDER BY rank DESC, seq DESC LIMIT ${input.limit} OFFSET ${input.offset})
        SELECT counted.total, p.*
        FROM counted
        LEFT JOIN LATERAL (
          SELECT page.conversation_id, page.seq, page.rank, s.revision, s.title, s.systems, s.created_at,
                 s.author_id, s.channel_id, conv.thread_ts,
                 ts_headline('english',
                   regexp_replace(substr(r.markdown, greatest(1, coalesce(nullif(${hit}, 0), 1) - ${EXCERPT_LEAD}), ${EXCERPT_CHARS}),
                                  '[#*\`|>~]+|-{2,}', ' ', 'g'),
                   query.q, ${HEADLINE_OPTIONS}) AS snippet
          FROM page
          JOIN design_search s ON s.conversation_id = page.conversation_id
          JOIN design_revisions r ON r.id = s.revision_id
          JOIN conversations conv ON conv.id = s.conversation_id
          CROSS JOIN query
        ) p ON true
        ORDER BY p.rank DESC, p.seq DESC`, 'prepared'),
    );
    const counted = Number(rows[0]?.total ?? 0);
    const results: SearchResult[] = rows
      .filter((r) => r.conversation_id !== null)
      .map((r) => ({
        conversationId: r.conversation_id!,
        revision: r.revision,
        title: r.title,
        systems: r.systems,
        snippet: r.snippet.replace(/\s+/g, ' ').trim(),
        authorId: r.author_id,
        channelId: r.channel_id,
        threadTs: r.thread_ts,
        createdAt: new Date(r.created_at),
        rank: Number(r.rank),
      }));
    return { results, total: Math.min(counted, SEARCH_CAP), capped: counted > SEARCH_CAP };
  }
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;

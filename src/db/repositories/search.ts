import { and, desc, eq, gte, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';
import { rowsOf } from '../client.js';
import { conversations, designRevisions } from '../schema.js';
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
  /** Matching designs the caller may see, across all pages. */
  total: number;
}

const tsQuery = (query: string) => sql`websearch_to_tsquery('english', ${query})`;

/** Every condition a row must meet; visibility is part of the query, never a post-filter. */
function conditions(input: ValidSearchInput): SQL {
  const { teamId, query, visiblePrivateChannelIds, filters } = input;
  const visible =
    visiblePrivateChannelIds.length > 0
      ? or(
          eq(conversations.channelIsPrivate, false),
          sql`${conversations.channelId} = ANY(${sql.param(visiblePrivateChannelIds)}::text[])`,
        )
      : eq(conversations.channelIsPrivate, false);
  const parts: (SQL | undefined)[] = [
    eq(conversations.teamId, teamId),
    visible,
    sql`${designRevisions.search} @@ ${tsQuery(query)}`,
    // Only a conversation's latest revision is a search hit (uses the (conversation_id, revision) unique index).
    sql`${designRevisions.revision} = (SELECT max(r2.revision) FROM design_revisions r2
                                       WHERE r2.conversation_id = ${designRevisions}.${sql.identifier('conversation_id')})`,
  ];
  if (filters.system !== undefined) {
    parts.push(sql`EXISTS (SELECT 1 FROM unnest(${designRevisions.systems}) AS s(name) WHERE lower(s.name) = lower(${filters.system}))`);
  }
  if (filters.authorId !== undefined) {
    parts.push(or(eq(designRevisions.createdBy, filters.authorId), eq(conversations.userId, filters.authorId)));
  }
  if (filters.channelId !== undefined) parts.push(eq(conversations.channelId, filters.channelId));
  if (filters.from !== undefined) parts.push(gte(designRevisions.createdAt, filters.from));
  if (filters.to !== undefined) parts.push(lte(designRevisions.createdAt, filters.to));
  const where = and(...parts);
  if (!where) throw new Error('unreachable: search has no conditions');
  return where;
}

export function createSearchRepository(database: Database) {
  const { db } = database;

  /** False when the query has no searchable words (only punctuation, emoji or stop words). */
  async function hasLexemes(query: string): Promise<boolean> {
    const [row] = rowsOf<{ n: number | string }>(await db.execute(sql`SELECT numnode(${tsQuery(query)}) AS n`));
    return Number(row?.n ?? 0) > 0;
  }

  return {
    /**
     * Ranked full-text search over the latest revision of each design the caller may see: same team, and
     * private-channel designs only for channels in `visiblePrivateChannelIds`. Throws SearchValidationError for
     * bad input; a query without searchable words returns no results.
     */
    async searchDesigns(raw: SearchInput): Promise<SearchPage> {
      const input = parseSearchInput(raw);
      if (!(await hasLexemes(input.query))) return { results: [], total: 0 };

      const where = conditions(input);
      const [counted] = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(designRevisions)
        .innerJoin(conversations, eq(conversations.id, designRevisions.conversationId))
        .where(where);
      const total = counted?.n ?? 0;
      if (total === 0 || input.offset >= total) return { results: [], total };

      const rank = sql<number>`ts_rank_cd(${designRevisions.search}, ${tsQuery(input.query)})`;
      const page = db
        .select({
          id: designRevisions.id,
          conversationId: designRevisions.conversationId,
          revision: designRevisions.revision,
          title: designRevisions.title,
          systems: designRevisions.systems,
          createdAt: designRevisions.createdAt,
          authorId: conversations.userId,
          channelId: conversations.channelId,
          threadTs: conversations.threadTs,
          rank: rank.mapWith(Number).as('rank'),
        })
        .from(designRevisions)
        .innerJoin(conversations, eq(conversations.id, designRevisions.conversationId))
        .where(where)
        .orderBy(desc(rank), desc(designRevisions.createdAt), desc(designRevisions.id))
        .limit(input.limit)
        .offset(input.offset)
        .as('page');

      // ts_headline is costly, so it runs only on the page's rows; markdown syntax is dropped from the excerpt.
      const rows = await db
        .select({
          conversationId: page.conversationId,
          revision: page.revision,
          title: page.title,
          systems: page.systems,
          createdAt: page.createdAt,
          authorId: page.authorId,
          channelId: page.channelId,
          threadTs: page.threadTs,
          rank: page.rank,
          snippet: sql<string>`ts_headline('english',
            regexp_replace(${designRevisions.markdown}, '[#*\`|>~]+|-{2,}', ' ', 'g'),
            ${tsQuery(input.query)}, ${HEADLINE_OPTIONS})`,
        })
        .from(page)
        .innerJoin(designRevisions, eq(designRevisions.id, page.id))
        .orderBy(desc(page.rank), desc(page.createdAt), desc(page.id));

      return { results: rows.map((r) => ({ ...r, snippet: r.snippet.replace(/\s+/g, ' ').trim() })), total };
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;

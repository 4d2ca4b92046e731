import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, rowsOf } from '../../../src/db/client.js';
import { createConversationsRepository } from '../../../src/db/repositories/conversations.js';
import { createRevisionsRepository } from '../../../src/db/repositories/revisions.js';
import { MAX_QUERY_CHARS, SearchValidationError } from '../../../src/db/repositories/search-input.js';
import { createSearchRepository, SNIPPET_END, SNIPPET_START, type SearchResult } from '../../../src/db/repositories/search.js';
import { forEachBackend, revisionData, type TestDb } from '../../helpers/db.js';

interface Seed {
  key: string;
  teamId: string;
  channelId: string;
  private?: boolean;
  userId?: string;
  revisions: { title: string; systems: string[]; markdown: string; createdBy?: string }[];
}

const SEEDS: Seed[] = [
  {
    key: 'payments',
    teamId: 'T1',
    channelId: 'CPUB',
    revisions: [
      { title: 'Stripe to Salesforce payment sync', systems: ['Stripe', 'Salesforce'], markdown: 'Opportunity updates via Salesforce bulk API.' },
      // The latest revision dropped Salesforce entirely: a "salesforce" search must not find this design.
      { title: 'Stripe to HubSpot payment sync', systems: ['Stripe', 'HubSpot'], markdown: 'Deal updates through HubSpot webhooks and a durable queue.', createdBy: 'U7' },
    ],
  },
  {
    key: 'orders',
    teamId: 'T1',
    channelId: 'CPUB',
    userId: 'U2',
    revisions: [{ title: 'Shopify to NetSuite order sync', systems: ['Shopify', 'NetSuite'], markdown: 'Orders flow through webhooks into NetSuite with idempotent upserts.' }],
  },
  {
    key: 'kafka-title',
    teamId: 'T1',
    channelId: 'COPS',
    revisions: [{ title: 'Kafka event backbone', systems: ['Kafka', 'Postgres'], markdown: 'Events are published for consumers.' }],
  },
  {
    key: 'kafka-body',
    teamId: 'T1',
    channelId: 'COPS',
    revisions: [{ title: 'Inventory replication', systems: ['ERP', 'Warehouse'], markdown: 'A long document. '.repeat(30) + 'Later we may add kafka.' }],
  },
  {
    key: 'private-ledger',
    teamId: 'T1',
    channelId: 'GSECRET',
    private: true,
    revisions: [{ title: 'Stripe webhooks into the private ledger', systems: ['Stripe', 'Ledger'], markdown: 'Payment sync with webhooks, retries and a dead letter queue.' }],
  },
  {
    key: 'other-team',
    teamId: 'T2',
    channelId: 'CPUB',
    revisions: [{ title: 'Stripe to Salesforce payment sync for team two', systems: ['Stripe', 'Salesforce'], markdown: 'Payment webhooks and sync.' }],
  },
];

/** A query that matches every seeded design. */
const BROAD = 'stripe OR sync OR webhooks OR kafka OR inventory';

async function seed(t: TestDb): Promise<Map<string, string>> {
  const conversations = createConversationsRepository(t.database);
  const revisions = createRevisionsRepository(t.database);
  const ids = new Map<string, string>();
  for (const [i, s] of SEEDS.entries()) {
    const { conversation } = await conversations.createConversation({
      teamId: s.teamId,
      channelId: s.channelId,
      threadTs: `${1000 + i}.0001`,
      userId: s.userId ?? 'U1',
      channelIsPrivate: s.private ?? false,
    });
    ids.set(s.key, conversation.id);
    for (const r of s.revisions) {
      await revisions.saveRevision(conversation.id, revisionData({ ...r, inputs: {}, createdBy: r.createdBy ?? s.userId ?? 'U1' }));
    }
  }
  return ids;
}

forEachBackend('searchDesigns', (t) => {
  let ids: Map<string, string>;
  const search = () => createSearchRepository(t.database);
  const keysOf = (results: SearchResult[]) => results.map((r) => [...ids.entries()].find(([, id]) => id === r.conversationId)?.[0]);
  const find = (query: string, extra: Partial<Parameters<ReturnType<typeof search>['searchDesigns']>[0]> = {}) =>
    search().searchDesigns({ teamId: 'T1', query, visiblePrivateChannelIds: [], ...extra });

  beforeAll(async () => {
    await t.reset();
    ids = await seed(t);
  });

  it('returns ranked hits with metadata and a highlighted snippet', async () => {
    const page = await find('netsuite');
    expect(page.total).toBe(1);
    const [hit] = page.results;
    expect(hit).toMatchObject({
      conversationId: ids.get('orders'),
      revision: 1,
      title: 'Shopify to NetSuite order sync',
      systems: ['Shopify', 'NetSuite'],
      authorId: 'U2',
      channelId: 'CPUB',
      threadTs: '1001.0001',
    });
    expect(hit!.createdAt).toBeInstanceOf(Date);
    expect(hit!.rank).toBeGreaterThan(0);
    expect(hit!.snippet).toContain(`${SNIPPET_START}NetSuite${SNIPPET_END}`);
  });

  it('ranks a title match above a body-only match and orders by rank', async () => {
    const page = await find('kafka');
    expect(keysOf(page.results)).toEqual(['kafka-title', 'kafka-body']);
    const broad = await find(BROAD, { limit: 50 });
    const ranks = broad.results.map((r) => r.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('searches only the latest revision of each design', async () => {
    expect(keysOf((await find('salesforce')).results)).toEqual([]);
    const hubspot = await find('hubspot');
    expect(keysOf(hubspot.results)).toEqual(['payments']);
    expect(hubspot.results[0]?.revision).toBe(2);
    const stripe = await find('stripe', { limit: 50 });
    expect(stripe.results.filter((r) => r.conversationId === ids.get('payments'))).toHaveLength(1);
  });

  it('supports web-search syntax: phrases, OR and exclusion', async () => {
    expect(keysOf((await find('"order sync"')).results)).toEqual(['orders']);
    expect(keysOf((await find('hubspot OR netsuite')).results).sort()).toEqual(['orders', 'payments']);
    expect(keysOf((await find('sync -shopify')).results)).toEqual(['payments']);
  });

  describe('visibility', () => {
    it('never shows another team\'s designs', async () => {
      const t2 = await search().searchDesigns({ teamId: 'T2', query: BROAD, visiblePrivateChannelIds: ['GSECRET'], limit: 50 });
      expect(keysOf(t2.results)).toEqual(['other-team']);
      expect(t2.total).toBe(1);
      const t1 = await find(BROAD, { limit: 50, visiblePrivateChannelIds: ['GSECRET'] });
      expect(keysOf(t1.results)).not.toContain('other-team');
    });

    it('shows a private-channel design only to members of that channel', async () => {
      expect(keysOf((await find('ledger')).results)).toEqual([]);
      expect((await find('ledger', { visiblePrivateChannelIds: ['GOTHER'] })).total).toBe(0);
      expect(keysOf((await find('ledger', { visiblePrivateChannelIds: ['GOTHER', 'GSECRET'] })).results)).toEqual(['private-ledger']);
    });

    it('keeps private designs hidden through every filter', async () => {
      const filters = [
        { channelId: 'GSECRET' },
        { system: 'ledger' },
        { authorId: 'U1' },
        { from: new Date(0), to: new Date(Date.now() + 86_400_000) },
      ];
      for (const f of filters) {
        const hidden = await find(BROAD, { filters: f, limit: 50 });
        expect(keysOf(hidden.results)).not.toContain('private-ledger');
        const shown = await find(BROAD, { filters: f, limit: 50, visiblePrivateChannelIds: ['GSECRET'] });
        expect(keysOf(shown.results)).toContain('private-ledger');
      }
    });

    it('keeps private designs hidden across all pages', async () => {
      const seen: SearchResult[] = [];
      let total = -1;
      for (let offset = 0; offset < 20; offset += 1) {
        const page = await find(BROAD, { limit: 1, offset });
        total = page.total;
        if (page.results.length === 0) break;
        seen.push(...page.results);
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen.map((r) => r.conversationId)).size).toBe(total);
      expect(keysOf(seen).sort()).toEqual(['kafka-body', 'kafka-title', 'orders', 'payments']);
    });

    it('accepts a large list of visible private channels', async () => {
      const many = Array.from({ length: 2000 }, (_, i) => `G${i}`).concat('GSECRET');
      expect(keysOf((await find('ledger', { visiblePrivateChannelIds: many })).results)).toEqual(['private-ledger']);
    });
  });

  describe('filters', () => {
    it('filters by system, case-insensitively', async () => {
      expect(keysOf((await find(BROAD, { filters: { system: 'KAFKA' } })).results)).toEqual(['kafka-title']);
      expect(keysOf((await find(BROAD, { filters: { system: 'salesforce' } })).results)).toEqual([]);
    });

    it('filters by author: the revision author or the conversation owner', async () => {
      expect(keysOf((await find(BROAD, { filters: { authorId: 'U2' } })).results)).toEqual(['orders']);
      expect(keysOf((await find(BROAD, { filters: { authorId: 'U7' } })).results)).toEqual(['payments']);
    });

    it('filters by channel', async () => {
      expect(keysOf((await find(BROAD, { filters: { channelId: 'COPS' } })).results).sort()).toEqual(['kafka-body', 'kafka-title']);
    });

    it('filters by date range', async () => {
      await t.database.db.execute(
        sql`UPDATE design_revisions SET created_at = '2024-01-15T12:00:00Z' WHERE conversation_id = ${ids.get('orders')!}`,
      );
      // The search document carries its revision's time.
      await t.database.db.execute(
        sql`UPDATE design_search SET created_at = '2024-01-15T12:00:00Z' WHERE conversation_id = ${ids.get('orders')!}`,
      );
      const inJan = await find(BROAD, { filters: { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2024-01-31T23:59:59Z') } });
      expect(keysOf(inJan.results)).toEqual(['orders']);
      const afterJan = await find(BROAD, { filters: { from: new Date('2024-02-01T00:00:00Z') }, limit: 50 });
      expect(keysOf(afterJan.results)).not.toContain('orders');
      expect(afterJan.total).toBe(3);
    });
  });

  it('paginates with a stable order and a total across pages', async () => {
    const all = await find(BROAD, { limit: 50 });
    const pages: SearchResult[] = [];
    for (let offset = 0; offset < all.total; offset += 2) {
      const page = await find(BROAD, { limit: 2, offset });
      expect(page.total).toBe(all.total);
      pages.push(...page.results);
    }
    expect(pages.map((r) => r.conversationId)).toEqual(all.results.map((r) => r.conversationId));
    expect(await find(BROAD, { offset: all.total })).toEqual({ results: [], total: all.total, capped: false });
  });

  describe('hostile and odd queries', () => {
    const expectValidationError = async (query: string) => {
      await expect(find(query)).rejects.toBeInstanceOf(SearchValidationError);
    };
    const expectEmpty = async (query: string) => {
      expect(await find(query)).toEqual({ results: [], total: 0, capped: false });
    };

    it('rejects empty, whitespace-only, control-only and over-long queries with a typed error', async () => {
      await expectValidationError('');
      await expectValidationError('   \t\n ');
      await expectValidationError('\u0000\u0000');
      await expectValidationError('x'.repeat(10_000));
      await expectValidationError('x'.repeat(MAX_QUERY_CHARS + 1));
      await expect(find('x'.repeat(MAX_QUERY_CHARS))).resolves.toMatchObject({ total: 0 });
    });

    it('returns empty results for queries without searchable words', async () => {
      for (const q of ['!!!', '-', '"', "'", '🔥🚀', 'the and of', '()&|!:*', '\\']) await expectEmpty(q);
    });

    it('treats SQL-looking input as text and leaves the tables alone', async () => {
      const page = await find("'; DROP TABLE conversations; --");
      expect(page.total).toBe(0);
      const [row] = rowsOf<{ n: string | number }>(await t.database.db.execute(sql`SELECT count(*) AS n FROM conversations`));
      expect(Number(row?.n)).toBe(SEEDS.length);
    });

    it('copes with unbalanced quotes, NUL bytes, lone surrogates and emoji around words', async () => {
      expect(keysOf((await find('"netsuite')).results)).toEqual(['orders']);
      expect(keysOf((await find("netsuite'")).results)).toEqual(['orders']);
      expect(keysOf((await find('net\u0000suite OR netsuite')).results)).toEqual(['orders']);
      expect(keysOf((await find('\uD800netsuite 🚀')).results)).toEqual(['orders']);
      expect(keysOf((await find('  NETSUITE\u0007 ')).results)).toEqual(['orders']);
    });

    it('validates the rest of the request', async () => {
      await expect(find('stripe', { limit: 0 })).rejects.toBeInstanceOf(SearchValidationError);
      await expect(find('stripe', { limit: 1000 })).rejects.toBeInstanceOf(SearchValidationError);
      await expect(find('stripe', { offset: -1 })).rejects.toBeInstanceOf(SearchValidationError);
      await expect(find('stripe', { teamId: '' })).rejects.toBeInstanceOf(SearchValidationError);
      await expect(
        find('stripe', { filters: { from: new Date('2025-01-02'), to: new Date('2025-01-01') } }),
      ).rejects.toThrow(/"from" must not be after "to"/);
      await expect(find('stripe', { filters: { from: new Date('nope') } })).rejects.toBeInstanceOf(SearchValidationError);
    });
  });
});

forEachBackend('search excerpts and plans', (t) => {
  beforeAll(async () => {
    const conversations = createConversationsRepository(t.database);
    const revisions = createRevisionsRepository(t.database);
    const { conversation } = await conversations.createConversation({ teamId: 'T3', channelId: 'CPUB', threadTs: '3000.0001', userId: 'U1' });
    // "apixexamplexcom" would match the host as a pattern with "." unescaped; the lowercase mention comes last.
    const markdown = `Intro: apixexamplexcom is a decoy. ${'Filler about queues and workers. '.repeat(120)}Calls go to API.Example.com over TLS. ${'More filler text. '.repeat(60)}Again api.example.com.`;
    await revisions.saveRevision(conversation.id, revisionData({ title: 'Host test', systems: ['X'], markdown, inputs: {}, createdBy: 'U1' }));
  });

  it('cuts the excerpt around the first match in a long document, matching its words literally and in any case', async () => {
    const page = await createSearchRepository(t.database).searchDesigns({ teamId: 'T3', query: 'api.example.com', visiblePrivateChannelIds: [] });
    expect(page.total).toBe(1);
    expect(page.results[0]!.snippet).toContain(`${SNIPPET_START}API.Example.com${SNIPPET_END}`);
    expect(page.results[0]!.snippet).not.toContain('decoy');
  });

  if (t.backend === 'postgres') {
    it('plans the page statement once per connection: prepared under a name, on a generic plan', async () => {
      const pool = t.database.pool!;
      const single = await createDatabase({ mode: 'postgres', url: String(pool.options.connectionString), poolSize: 1 });
      try {
        const repo = createSearchRepository(single);
        for (const query of ['queues', 'workers', 'filler']) await repo.searchDesigns({ teamId: 'T3', query, visiblePrivateChannelIds: [] });
        const statements = rowsOf<{ name: string; generic_plans: string; custom_plans: string }>(
          await single.db.execute(sql`SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE 'ia_search_%'`),
        );
        expect(statements).toHaveLength(1);
        expect(statements[0]).toMatchObject({ generic_plans: '3', custom_plans: '0' });
        // A filter changes the statement's shape: a second statement, prepared beside the first.
        await repo.searchDesigns({ teamId: 'T3', query: 'queues', visiblePrivateChannelIds: [], filters: { system: 'X' } });
        const after = rowsOf(await single.db.execute(sql`SELECT name FROM pg_prepared_statements WHERE name LIKE 'ia_search_%'`));
        expect(after).toHaveLength(2);
      } finally {
        await single.close();
      }
    });

    it('hands the connection back before its COMMIT is answered, and the next query runs after it, outside the transaction', async () => {
      const pool = t.database.pool!;
      const single = await createDatabase({ mode: 'postgres', url: String(pool.options.connectionString), poolSize: 1 });
      try {
        await createSearchRepository(single).searchDesigns({ teamId: 'T3', query: 'queues', visiblePrivateChannelIds: [] });
        // The same (only) connection, at once: the search's transaction-local settings are gone and no transaction is open.
        const [after] = rowsOf<{ seqscan: string; timeout: string; open: boolean }>(
          await single.db.execute(sql`SELECT current_setting('enable_seqscan') AS seqscan, current_setting('statement_timeout') AS timeout,
                                             now() <> statement_timestamp() OR pg_current_xact_id_if_assigned() IS NOT NULL AS open`),
        );
        expect(after).toEqual({ seqscan: 'on', timeout: '0', open: false });
      } finally {
        await single.close();
      }
    });
  }
});

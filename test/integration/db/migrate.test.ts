import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../../../src/db/client.js';
import { runMigrateCli } from '../../../src/db/migrate-cli.js';
import { migrate } from '../../../src/db/migrate.js';
import { backends } from '../../helpers/db.js';

const EXPECTED_COLUMNS: Record<string, string[]> = {
  installations: ['id', 'install_key', 'team_id', 'enterprise_id', 'bot_user_id', 'bot_token_encrypted', 'scopes', 'installed_at'],
  conversations: ['id', 'team_id', 'channel_id', 'thread_ts', 'user_id', 'channel_is_private', 'status', 'inputs', 'error', 'created_at', 'updated_at'],
  design_revisions: [
    'id', 'conversation_id', 'revision', 'title', 'systems', 'inputs', 'markdown', 'sections', 'quality', 'engine', 'model',
    'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_creation_tokens', 'latency_ms', 'created_by', 'created_at',
  ],
  design_search: [
    'conversation_id', 'revision_id', 'team_id', 'channel_id', 'channel_is_private', 'author_id', 'revised_by', 'revision', 'title',
    'systems', 'created_at', 'seq', 'head', 'document',
  ],
  thread_messages: ['id', 'conversation_id', 'slack_ts', 'author', 'role', 'text', 'created_at'],
  processed_events: ['key', 'created_at'],
};

async function query<T>(database: Database, q: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await database.db.execute(q));
}

for (const backend of backends()) {
  describe(`migrate [${backend.name}]`, () => {
    it('brings a fresh database to the latest schema, and a second run is a no-op', async () => {
      const { database, dispose } = await backend.openEmpty();
      try {
        const before = await query<{ n: string | number }>(
          database,
          sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`,
        );
        expect(Number(before[0]?.n)).toBe(0);

        const first = await migrate(database);
        expect(first.applied).toBeGreaterThanOrEqual(2);
        expect(first.total).toBe(first.applied);

        for (const [table, columns] of Object.entries(EXPECTED_COLUMNS)) {
          const rows = await query<{ column_name: string }>(
            database,
            sql`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table}`,
          );
          expect(rows.map((r) => r.column_name)).toEqual(expect.arrayContaining(columns));
        }

        const vectors = await query<{ attname: string; type: string }>(
          database,
          sql`SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute
              WHERE attrelid = 'design_search'::regclass AND attname IN ('head', 'document') ORDER BY attname`,
        );
        expect(vectors).toEqual([
          { attname: 'document', type: 'tsvector' },
          { attname: 'head', type: 'tsvector' },
        ]);

        const indexes = await query<{ indexname: string; indexdef: string }>(
          database,
          sql`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
        );
        const byName = new Map(indexes.map((i) => [i.indexname, i.indexdef]));
        expect(byName.get('design_search_document_idx')).toMatch(/USING gin \(document\)/);
        // No pending list: a search would scan it whole until the next vacuum.
        expect(byName.get('design_search_document_idx')).toMatch(/WITH \(fastupdate='?false'?\)/);
        // Only the GIN index reads design_search: a btree on seq or created_at would tempt the planner into a scan
        // that unpacks every document on the way.
        expect([...byName.keys()].filter((name) => name.startsWith('design_search'))).toEqual(
          expect.arrayContaining(['design_search_pkey', 'design_search_document_idx']),
        );
        expect([...byName.keys()].filter((name) => name.startsWith('design_search'))).toHaveLength(2);
        expect(byName.get('conversations_thread_uq')).toMatch(/UNIQUE INDEX .*\(team_id, channel_id, thread_ts\)/);
        expect(byName.get('design_revisions_conversation_revision_uq')).toMatch(/UNIQUE INDEX .*\(conversation_id, revision\)/);
        expect(byName.get('thread_messages_conversation_ts_uq')).toMatch(/UNIQUE INDEX/);

        const fks = await query<{ confdeltype: string; table: string }>(
          database,
          sql`SELECT confdeltype, conrelid::regclass::text AS table FROM pg_constraint
              WHERE contype = 'f' AND confrelid = 'conversations'::regclass ORDER BY 2`,
        );
        expect(fks).toEqual([
          { confdeltype: 'c', table: 'design_feedback' },
          { confdeltype: 'c', table: 'design_revisions' },
          { confdeltype: 'c', table: 'design_search' },
          { confdeltype: 'c', table: 'posted_messages' },
          { confdeltype: 'c', table: 'thread_messages' },
        ]);

        const second = await migrate(database);
        expect(second).toEqual({ applied: 0, total: first.total });
      } finally {
        await dispose();
      }
    });
  });
}

describe('db:migrate CLI', () => {
  it('exits non-zero with a clear message when the server is unreachable', async () => {
    const errors: string[] = [];
    const code = await runMigrateCli(
      // Port 1 on loopback: nothing listens there, so the connection is refused at once.
      { DATABASE_URL: 'postgres://someone:secret@127.0.0.1:1/nowhere' },
      { log: () => {}, error: (m) => errors.push(m) },
    );
    expect(code).toBe(1);
    expect(errors.join('\n')).toMatch(/cannot reach the database server \(ECONNREFUSED\)/);
    expect(errors.join('\n')).toContain('127.0.0.1:1/nowhere');
    expect(errors.join('\n')).not.toContain('secret');
  });

  it('exits non-zero on an invalid configuration', async () => {
    const errors: string[] = [];
    const code = await runMigrateCli({ DATABASE_URL: 'mysql://x' }, { log: () => {}, error: (m) => errors.push(m) });
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(/DATABASE_URL/);
  });

  it('migrates an embedded database and reports it up to date the second time', async () => {
    const logs: string[] = [];
    const out = { log: (m: string) => logs.push(m), error: (m: string) => logs.push(`ERR ${m}`) };
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'ia-migrate-'));
    try {
      expect(await runMigrateCli({ DATA_DIR: dir }, out)).toBe(0);
      expect(await runMigrateCli({ DATA_DIR: dir }, out)).toBe(0);
      expect(logs[0]).toMatch(/applied \d+ migration/);
      expect(logs[1]).toMatch(/up to date/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

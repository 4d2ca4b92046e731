import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createDatabase, pgliteLocation, wrapPglite, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import type { RevisionData } from '../../src/db/repositories/revisions.js';
import { pgliteDumps } from '../setup/pglite-template.js';

/**
 * Runs data-layer tests on every backend: PGlite in memory always, plus real Postgres when TEST_DATABASE_URL
 * is set. Each describe block gets a database of its own (`t_<random>` created through TEST_DATABASE_URL and
 * dropped afterwards), so parallel test files never share tables.
 */

export type BackendName = 'pglite' | 'postgres';

export interface OpenedDatabase {
  database: Database;
  dispose(): Promise<void>;
}

export interface Backend {
  name: BackendName;
  /** A fresh database (PGlite's comes migrated; the real server's is empty until migrated). */
  open(): Promise<OpenedDatabase>;
  /** A fresh database with no schema at all (for the migrator's own tests). */
  openEmpty(): Promise<OpenedDatabase>;
}

/** Test-only: the one place tests read the environment, for the optional real server. */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL?.trim();
  return url ? url : undefined;
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** What test/setup/pglite-template.ts made for this run; undefined outside vitest (benchmarks use these helpers too). */
function providedTemplate(): { emptyTar: string; tar: string; cluster: string } | undefined {
  try {
    return inject('pgliteTemplate');
  } catch {
    return undefined;
  }
}

const templates: { empty?: Promise<Blob>; migrated?: Promise<Blob> } = {};
let madeHere: ReturnType<typeof pgliteDumps> | undefined;

/** The run's data directory (after initdb, or migrated too), or one made here where there is none. */
async function loadTemplate(kind: 'empty' | 'migrated'): Promise<Blob> {
  const made = providedTemplate();
  if (made) return new Blob([await readFile(kind === 'empty' ? made.emptyTar : made.tar)]);
  madeHere ??= pgliteDumps();
  return (await madeHere)[kind];
}

/** A fresh in-memory PGlite without initdb's 5 s: loaded from the run's template, with no schema or migrated. */
export async function templatePglite(kind: 'empty' | 'migrated'): Promise<PGlite> {
  templates[kind] ??= loadTemplate(kind);
  return PGlite.create({ loadDataDir: await templates[kind] });
}

/** A fresh in-memory PGlite with the schema already applied. */
export async function migratedPglite(): Promise<Database> {
  return wrapPglite(await templatePglite('migrated'));
}

/**
 * A new DATA_DIR that already holds a migrated database, for tests of the real processes where a first start
 * (initdb, about 5 s) is not what they test. Removed with `dispose`.
 */
export function migratedDataDir(prefix: string): { dir: string; dispose(): void } {
  const made = providedTemplate();
  if (!made) throw new Error('migratedDataDir needs test/setup/global.ts in this project’s globalSetup');
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(made.cluster, pgliteLocation(dir), { recursive: true });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

const pgliteBackend: Backend = {
  name: 'pglite',
  async open() {
    const database = await migratedPglite();
    return { database, dispose: () => database.close() };
  },
  async openEmpty() {
    const database = wrapPglite(await templatePglite('empty'));
    return { database, dispose: () => database.close() };
  },
};

/** A fresh, empty database on the real server, as a connection URL, and a way to drop it. */
export async function freshPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function postgresBackend(adminUrl: string): Backend {
  const open = async (): Promise<OpenedDatabase> => {
    const fresh = await freshPostgresDatabase(adminUrl);
    const database = await createDatabase({ mode: 'postgres', url: fresh.url, poolSize: 8 });
    return {
      database,
      async dispose() {
        await database.close();
        await fresh.drop();
      },
    };
  };
  return { name: 'postgres', open, openEmpty: open };
}

export function backends(): Backend[] {
  const url = testDatabaseUrl();
  return url ? [pgliteBackend, postgresBackend(url)] : [pgliteBackend];
}

export interface TestDb {
  /** The migrated database of the current backend (available inside tests and hooks). */
  readonly database: Database;
  readonly backend: BackendName;
  /** Empties every table (between tests that need a clean slate). */
  reset(): Promise<void>;
}

/** Declares `describe(`${name} [backend]`)` per backend, with a fresh migrated database for its tests. */
export function forEachBackend(name: string, fn: (t: TestDb) => void): void {
  for (const backend of backends()) {
    describe(`${name} [${backend.name}]`, () => {
      let opened: OpenedDatabase | undefined;
      beforeAll(async () => {
        opened = await backend.open();
        await migrate(opened.database);
      });
      afterAll(async () => {
        await opened?.dispose();
      });
      const t: TestDb = {
        get database() {
          if (!opened) throw new Error('test database is not open yet: use it inside tests or hooks');
          return opened.database;
        },
        backend: backend.name,
        async reset() {
          await t.database.db.execute(
            sql`TRUNCATE conversations, design_revisions, design_search, design_feedback, thread_messages, posted_messages, processed_events, installations RESTART IDENTITY CASCADE`,
          );
        },
      };
      fn(t);
    });
  }
}

/** Plausible revision content for tests; override what a test cares about. */
export function revisionData(overrides: Partial<RevisionData> = {}): RevisionData {
  return {
    title: 'Stripe to Salesforce payment sync',
    systems: ['Stripe', 'Salesforce'],
    inputs: {
      systems: [
        { name: 'Stripe', description: 'payments platform' },
        { name: 'Salesforce', description: 'CRM' },
      ],
      flows: [{ from: 'Stripe', to: 'Salesforce', data: 'successful payments as opportunity updates' }],
    },
    markdown: '# Stripe to Salesforce\n\n## Integration pattern\nWebhooks with a durable queue and idempotent upserts.',
    sections: [],
    quality: { passed: true, checks: [], wordCount: 12, repaired: false },
    engine: 'offline',
    model: null,
    usage: { inputTokens: 10, outputTokens: 20, cacheReadTokens: 0, cacheCreationTokens: 0, latencyMs: 5 },
    createdBy: 'U1',
    ...overrides,
  };
}

import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { rowsOf, type Database } from './client.js';

/** The committed drizzle-kit output, resolved from this file so it works from any working directory. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Arbitrary constant: serialises concurrent migrators (several app instances starting at once) on one server. */
const MIGRATION_LOCK_ID = 7_114_301;

export interface MigrateOptions {
  migrationsFolder?: string;
}

export interface MigrateResult {
  /** Migrations applied by this call; 0 when the database was already current. */
  applied: number;
  /** Migrations recorded in the database after this call. */
  total: number;
}

async function countApplied(db: { execute(query: SQL): PromiseLike<unknown> }): Promise<number> {
  // Checked first and queried separately: a reference to a missing table fails at parse time.
  const [exists] = rowsOf<{ t: string | null }>(
    await db.execute(sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`),
  );
  if (!exists?.t) return 0;
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`),
  );
  return Number(row?.n ?? 0);
}

/** Brings the database to the latest schema with drizzle's migrator. Safe to call on every start-up. */
export async function migrate(database: Database, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS_FOLDER;

  if (database.kind === 'pglite') {
    const db = database.db;
    if (!(db instanceof PgliteDatabase)) throw new Error('pglite database handle expected');
    const before = await countApplied(db);
    await migratePglite(db, { migrationsFolder });
    const total = await countApplied(db);
    return { applied: total - before, total };
  }

  if (!database.pool) throw new Error('postgres database handle has no pool');
  // The advisory lock is per session, so the whole migration runs on one dedicated connection.
  const client = await database.pool.connect();
  try {
    const db = drizzlePg({ client });
    await db.execute(sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_ID})`);
    try {
      const before = await countApplied(db);
      await migratePg(db, { migrationsFolder });
      const total = await countApplied(db);
      return { applied: total - before, total };
    } finally {
      await db.execute(sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_ID})`);
    }
  } finally {
    client.release();
  }
}

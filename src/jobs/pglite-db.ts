import type { PGlite } from '@electric-sql/pglite';
import type PgBoss from 'pg-boss';

/**
 * The `db` contract pg-boss accepts in place of its own pg.Pool. pg-boss's own Db resolves
 * `undefined` once closed and every call site tolerates that, so we may too.
 */
export interface PgBossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] } | undefined>;
}

export interface PgliteBossDb extends PgBossDb {
  /** After close, statements resolve `undefined` instead of touching the database (see below). */
  close(): void;
}

/**
 * pg-boss over a single PGlite connection.
 *
 * - Parameterised statements go through `query` (extended protocol, one statement).
 * - Text without values goes through `exec` (simple protocol), because pg-boss's migrations and
 *   maintenance are multi-statement `BEGIN; … pg_advisory_xact_lock(…); …; COMMIT;` scripts.
 * - PGlite already runs every `query`/`exec` under its own transaction mutex, so a whole pg-boss
 *   script executes without interleaving, and an app transaction (`pglite.transaction`) holds off
 *   our statements until it ends. Advisory locks and SKIP LOCKED are trivially satisfied on one
 *   connection.
 * - If a script fails after its BEGIN the session would stay in an aborted transaction and poison
 *   every later statement on the shared connection (two instances installing the schema at once do
 *   exactly that: the loser's CREATE fails). So scripts run inside `pglite.transaction`, which
 *   rolls back on error while still holding the transaction mutex.
 * - After `close()` we answer `undefined`, as pg-boss's own Db does once its pool is closed: a
 *   stopped worker whose handler settles late must not complete or fail a job that another worker
 *   has taken over since.
 */
export function createPgliteBossDb(pglite: PGlite): PgliteBossDb {
  let closed = false;

  return {
    close() {
      closed = true;
    },
    async executeSql(text, values) {
      if (closed) return undefined;
      if (values && values.length > 0) {
        const result = await pglite.query(text, values);
        return { rows: result.rows };
      }
      // Inside pglite.transaction the script's own BEGIN/COMMIT only draw warnings, and a failure
      // anywhere is rolled back before PGlite lets the next statement in.
      const results = await pglite.transaction((tx) => tx.exec(text));
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}

/** pg-boss's Db type omits the `undefined` its own Db resolves after close; this is the one cast. */
export function asPgBossDb(db: PgBossDb): PgBoss.Db {
  return db as PgBoss.Db;
}

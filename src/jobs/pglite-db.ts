import type { PGlite } from '@electric-sql/pglite';

/** The `db` contract pg-boss accepts in place of its own pg.Pool. */
export interface PgBossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface PgliteBossDb extends PgBossDb {
  /** After close, statements resolve with no rows instead of touching the database (see below). */
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
 *   every later statement on the shared connection, so we roll it back.
 * - After `close()` we answer with empty rows, as pg-boss's own Db does once its pool is closed: a
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
      if (closed) return { rows: [] };
      if (values && values.length > 0) {
        const result = await pglite.query(text, values);
        return { rows: result.rows };
      }
      try {
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      } catch (err) {
        if (pglite.isInTransaction()) {
          await pglite.exec('ROLLBACK');
        }
        throw err;
      }
    },
  };
}

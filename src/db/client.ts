import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { DataDirDamagedError, DataDirInitError } from './errors.js';
import { DEFAULT_PGLITE_SHARED_BUFFERS_MIB, initialiseInChildProcess, isInitialised, pgliteStartParams } from './pglite-init.js';
import { schema, type Schema } from './schema.js';

/**
 * One database handle for both backends. Code above src/db/ only sees `Db` (the drizzle API common to the
 * node-postgres and PGlite drivers) and cannot tell which one it has.
 */

export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseConfig =
  | { mode: 'pglite'; dataDir: string; sharedBuffersMiB?: number }
  | { mode: 'postgres'; url: string; poolSize: number };

/** The slice of a pino logger the data layer uses. */
export interface DbLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Present when kind is 'pglite' (e.g. for pg-boss's adapter). */
  pglite?: PGlite;
  /** Present when kind is 'postgres'. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

/** ':memory:' keeps PGlite in memory (tests); any other dataDir persists under `<dataDir>/pglite`. */
export function pgliteLocation(dataDir: string): string {
  return dataDir === ':memory:' ? 'memory://' : path.join(dataDir, 'pglite');
}

export async function createDatabase(config: DatabaseConfig, logger?: DbLogger): Promise<Database> {
  if (config.mode === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize });
    // An idle client losing its connection emits 'error' on the pool; unhandled it would crash the process.
    pool.on('error', (err) => logger?.error({ err }, 'idle Postgres client error'));
    const db = drizzlePg({ client: pool, schema });
    let closed = false;
    return {
      db,
      kind: 'postgres',
      pool,
      close: async () => {
        if (closed) return;
        closed = true;
        await pool.end();
      },
    };
  }

  const location = pgliteLocation(config.dataDir);
  const startParams = pgliteStartParams(config.sharedBuffersMiB ?? DEFAULT_PGLITE_SHARED_BUFFERS_MIB);
  if (location === 'memory://') return wrapPglite(await PGlite.create(location, { startParams }));
  mkdirSync(location, { recursive: true });
  const lock = lockDataDir(config.dataDir);
  let pglite: PGlite;
  try {
    if (!isInitialised(location)) {
      logger?.info({ dataDir: location }, 'creating the embedded PGlite database');
      await initialiseInChildProcess(location, startParams);
    }
    pglite = await PGlite.create(location, { startParams });
  } catch (error) {
    lock.release();
    throw error instanceof DataDirInitError ? error : new DataDirDamagedError(location, error);
  }
  logger?.info({ dataDir: location }, 'using embedded PGlite database');
  return wrapPglite(pglite, () => lock.release());
}

/** A `Database` over an open PGlite instance (closing the database closes it, then runs `onClose`). */
export function wrapPglite(pglite: PGlite, onClose?: () => void): Database {
  return {
    db: drizzlePglite({ client: pglite, schema }),
    kind: 'pglite',
    pglite,
    close: async () => {
      if (!pglite.closed) await pglite.close();
      onClose?.();
    },
  };
}

/** Rows of a `db.execute()` result; both drivers return `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  const rows = (result as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new Error('unexpected driver result: no rows array');
  return rows as T[];
}

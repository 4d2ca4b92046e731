import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

/** How often the embedded database's planner statistics are gathered again. */
export const STATISTICS_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Gathers planner statistics on PGlite, which runs no autovacuum: without them the planner guesses every row count,
 * and search cannot size its first window by how common the query's words are. PostgreSQL's autovacuum already
 * analyzes tables as their rows change, so there this does nothing. Returns whether it ran.
 */
export async function refreshStatistics(database: Database): Promise<boolean> {
  if (database.kind !== 'pglite') return false;
  await database.db.execute(sql`ANALYZE`);
  return true;
}

import { lt, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { processedEvents } from '../schema.js';

export function createProcessedEventsRepository(database: Database) {
  const { db } = database;

  return {
    /**
     * True exactly once per key, also under concurrency: INSERT … ON CONFLICT DO NOTHING RETURNING yields a row
     * only for the one insert that won; every other (or later) claim of the key gets false.
     */
    async claimOnce(key: string): Promise<boolean> {
      const rows = await db
        .insert(processedEvents)
        .values({ key })
        .onConflictDoNothing({ target: processedEvents.key })
        .returning({ key: processedEvents.key });
      return rows.length === 1;
    },

    /** Deletes keys older than the retention window; returns how many were deleted. */
    async sweepProcessedEvents(olderThanHours = 24): Promise<number> {
      if (!Number.isFinite(olderThanHours) || olderThanHours < 0) {
        throw new RangeError(`olderThanHours must be a non-negative number, got ${olderThanHours}`);
      }
      const deleted = await db
        .delete(processedEvents)
        .where(lt(processedEvents.createdAt, sql`now() - make_interval(secs => ${olderThanHours * 3600})`))
        .returning({ key: processedEvents.key });
      return deleted.length;
    },
  };
}

export type ProcessedEventsRepository = ReturnType<typeof createProcessedEventsRepository>;

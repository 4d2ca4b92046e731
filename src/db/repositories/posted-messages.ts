import { and, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { postedMessages } from '../schema.js';

/** The ledger of what the bot posted for each revision (see postedMessages in schema.ts). */
export function createPostedMessagesRepository(database: Database) {
  const { db } = database;
  return {
    /** Part → Slack ts of everything recorded for this revision. */
    async postedParts(conversationId: string, revision: number): Promise<Map<string, string>> {
      const rows = await db
        .select({ part: postedMessages.part, slackTs: postedMessages.slackTs })
        .from(postedMessages)
        .where(and(eq(postedMessages.conversationId, conversationId), eq(postedMessages.revision, revision)));
      return new Map(rows.map((r) => [r.part, r.slackTs]));
    },

    async recordPosted(conversationId: string, revision: number, part: string, slackTs: string): Promise<void> {
      await db
        .insert(postedMessages)
        .values({ conversationId, revision, part, slackTs })
        .onConflictDoUpdate({ target: [postedMessages.conversationId, postedMessages.revision, postedMessages.part], set: { slackTs } });
    },

    async forgetPosted(conversationId: string, revision: number, part: string): Promise<void> {
      await db
        .delete(postedMessages)
        .where(and(eq(postedMessages.conversationId, conversationId), eq(postedMessages.revision, revision), eq(postedMessages.part, part)));
    },
  };
}

export type PostedMessagesRepository = ReturnType<typeof createPostedMessagesRepository>;

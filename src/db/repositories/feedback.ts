import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { designFeedback, type FeedbackVote } from '../schema.js';

export interface FeedbackTally {
  up: number;
  down: number;
}

/** Votes and comments on revisions (Slack's feedback buttons). */
export function createFeedbackRepository(database: Database) {
  const { db } = database;
  return {
    /** One vote per person and revision: voting again replaces the vote (and clears a comment given with the old one). */
    async recordVote(conversationId: string, revision: number, userId: string, vote: FeedbackVote): Promise<void> {
      await db
        .insert(designFeedback)
        .values({ conversationId, revision, userId, vote })
        .onConflictDoUpdate({
          target: [designFeedback.conversationId, designFeedback.revision, designFeedback.userId],
          set: { vote, comment: sql`CASE WHEN ${designFeedback.vote} = ${vote} THEN ${designFeedback.comment} ELSE NULL END`, createdAt: sql`now()` },
        });
    },

    async recordComment(conversationId: string, revision: number, userId: string, comment: string): Promise<void> {
      await db
        .update(designFeedback)
        .set({ comment })
        .where(and(eq(designFeedback.conversationId, conversationId), eq(designFeedback.revision, revision), eq(designFeedback.userId, userId)));
    },

    /** Votes per conversation, over all its revisions. */
    async tallies(conversationIds: string[]): Promise<Map<string, FeedbackTally>> {
      if (conversationIds.length === 0) return new Map();
      const rows = await db
        .select({ conversationId: designFeedback.conversationId, vote: designFeedback.vote, n: sql<number>`count(*)`.mapWith(Number) })
        .from(designFeedback)
        .where(inArray(designFeedback.conversationId, conversationIds))
        .groupBy(designFeedback.conversationId, designFeedback.vote);
      const out = new Map<string, FeedbackTally>();
      for (const r of rows) {
        const t = out.get(r.conversationId) ?? { up: 0, down: 0 };
        t[r.vote] += r.n;
        out.set(r.conversationId, t);
      }
      return out;
    },

    async feedbackFor(conversationId: string, revision: number) {
      return db
        .select()
        .from(designFeedback)
        .where(and(eq(designFeedback.conversationId, conversationId), eq(designFeedback.revision, revision)));
    },
  };
}

export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;

import { and, asc, desc, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { threadMessages, type MessageRole, type ThreadMessageRow } from '../schema.js';

export type ThreadMessage = ThreadMessageRow;

export interface NewThreadMessage {
  conversationId: string;
  slackTs: string;
  author: string;
  role: MessageRole;
  text: string;
}

export function createThreadMessagesRepository(database: Database) {
  const { db } = database;

  return {
    /** Idempotent on (conversation, slack_ts): a redelivered Slack event returns the stored message. */
    async addThreadMessage(input: NewThreadMessage): Promise<{ message: ThreadMessage; created: boolean }> {
      const [inserted] = await db
        .insert(threadMessages)
        .values(input)
        .onConflictDoNothing({ target: [threadMessages.conversationId, threadMessages.slackTs] })
        .returning();
      if (inserted) return { message: inserted, created: true };
      const [existing] = await db
        .select()
        .from(threadMessages)
        .where(and(eq(threadMessages.conversationId, input.conversationId), eq(threadMessages.slackTs, input.slackTs)));
      if (!existing) throw new Error('thread message insert conflicted but no existing row was found');
      return { message: existing, created: false };
    },

    /** Messages in the order they were recorded; with `limit`, only the most recent ones (still oldest first). */
    async listThreadMessages(conversationId: string, options: { limit?: number } = {}): Promise<ThreadMessage[]> {
      if (options.limit === undefined) {
        return db
          .select()
          .from(threadMessages)
          .where(eq(threadMessages.conversationId, conversationId))
          .orderBy(asc(threadMessages.createdAt), asc(threadMessages.id));
      }
      const recent = await db
        .select()
        .from(threadMessages)
        .where(eq(threadMessages.conversationId, conversationId))
        .orderBy(desc(threadMessages.createdAt), desc(threadMessages.id))
        .limit(Math.max(0, Math.trunc(options.limit)));
      return recent.reverse();
    },
  };
}

export type ThreadMessagesRepository = ReturnType<typeof createThreadMessagesRepository>;

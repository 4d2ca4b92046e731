import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { PartialInputs } from '../../architect/inputs.js';
import type { Database } from '../client.js';
import { conversations, type ConversationRow, type ConversationStatus } from '../schema.js';

export type Conversation = ConversationRow;

export interface NewConversation {
  teamId: string;
  channelId: string;
  threadTs: string;
  userId: string;
  channelIsPrivate?: boolean;
  status?: ConversationStatus;
  inputs?: PartialInputs;
}

export interface ConversationPatch {
  status?: ConversationStatus;
  inputs?: PartialInputs;
  /** null clears a previous error. */
  error?: string | null;
}

export interface ConversationSummary extends Conversation {
  latestRevision: number | null;
  latestTitle: string | null;
}

export function createConversationsRepository(database: Database) {
  const { db } = database;

  async function findConversationByThread(
    teamId: string,
    channelId: string,
    threadTs: string,
  ): Promise<Conversation | undefined> {
    const [row] = await db
      .select()
      .from(conversations)
      .where(and(eq(conversations.teamId, teamId), eq(conversations.channelId, channelId), eq(conversations.threadTs, threadTs)));
    return row;
  }

  return {
    /**
     * Idempotent on (team, channel, thread_ts): a redelivered command or a concurrent duplicate gets the existing
     * row back with `created: false` (ON CONFLICT waits for the competing insert, so the follow-up read sees it).
     */
    async createConversation(input: NewConversation): Promise<{ conversation: Conversation; created: boolean }> {
      const [inserted] = await db
        .insert(conversations)
        .values({
          teamId: input.teamId,
          channelId: input.channelId,
          threadTs: input.threadTs,
          userId: input.userId,
          channelIsPrivate: input.channelIsPrivate ?? false,
          status: input.status ?? 'collecting',
          inputs: input.inputs ?? {},
        })
        .onConflictDoNothing({ target: [conversations.teamId, conversations.channelId, conversations.threadTs] })
        .returning();
      if (inserted) return { conversation: inserted, created: true };
      const existing = await findConversationByThread(input.teamId, input.channelId, input.threadTs);
      if (!existing) throw new Error('conversation insert conflicted but no existing row was found');
      return { conversation: existing, created: false };
    },

    async getConversation(id: string): Promise<Conversation | undefined> {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
      return row;
    },

    findConversationByThread,

    /** Returns the updated row, or undefined when no conversation has that id. */
    async updateConversation(id: string, patch: ConversationPatch): Promise<Conversation | undefined> {
      const [row] = await db
        .update(conversations)
        .set({
          ...(patch.status !== undefined && { status: patch.status }),
          ...(patch.inputs !== undefined && { inputs: patch.inputs }),
          ...(patch.error !== undefined && { error: patch.error }),
          updatedAt: sql`now()`,
        })
        .where(eq(conversations.id, id))
        .returning();
      return row;
    },

    /**
     * A user's most recently touched conversations in a workspace, with their latest revision's title. Designs
     * made in private channels are listed only for channels in `visiblePrivateChannelIds` (the user's current ones).
     */
    async listRecentConversations(options: { teamId: string; userId: string; visiblePrivateChannelIds: string[]; limit?: number }): Promise<ConversationSummary[]> {
      // Spelled out: in a single-table select drizzle leaves columns unqualified, and a bare "id" inside the
      // subqueries would bind to design_revisions.id.
      const conversationId = sql`${conversations}.${sql.identifier('id')}`;
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? 10), 1), 100);
      return db
        .select({
          id: conversations.id,
          teamId: conversations.teamId,
          channelId: conversations.channelId,
          threadTs: conversations.threadTs,
          userId: conversations.userId,
          channelIsPrivate: conversations.channelIsPrivate,
          status: conversations.status,
          inputs: conversations.inputs,
          error: conversations.error,
          createdAt: conversations.createdAt,
          updatedAt: conversations.updatedAt,
          latestRevision: sql<number | null>`(SELECT max(r.revision) FROM design_revisions r
                                              WHERE r.conversation_id = ${conversationId})`.mapWith(Number),
          latestTitle: sql<string | null>`(SELECT r.title FROM design_revisions r
                                           WHERE r.conversation_id = ${conversationId}
                                           ORDER BY r.revision DESC LIMIT 1)`,
        })
        .from(conversations)
        .where(
          and(
            eq(conversations.teamId, options.teamId),
            eq(conversations.userId, options.userId),
            options.visiblePrivateChannelIds.length > 0
              ? or(eq(conversations.channelIsPrivate, false), inArray(conversations.channelId, options.visiblePrivateChannelIds))
              : eq(conversations.channelIsPrivate, false),
          ),
        )
        .orderBy(desc(conversations.updatedAt), desc(conversations.createdAt))
        .limit(limit);
    },
  };
}

export type ConversationsRepository = ReturnType<typeof createConversationsRepository>;

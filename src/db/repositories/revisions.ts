import { and, asc, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { PartialInputs } from '../../architect/inputs.js';
import type { DesignSection, QualityReport, Usage } from '../../architect/types.js';
import type { Database } from '../client.js';
import { NotFoundError, StaleRevisionError } from '../errors.js';
import { conversations, designRevisions, type DesignRevisionRow } from '../schema.js';

/** A stored revision. */
export type DesignRevision = DesignRevisionRow;

export interface RevisionData {
  title: string;
  systems: string[];
  inputs: PartialInputs;
  markdown: string;
  sections: DesignSection[];
  quality: QualityReport;
  engine: string;
  model: string | null;
  usage?: Partial<Usage>;
  createdBy: string;
}

const revisionColumns = getTableColumns(designRevisions);

export function createRevisionsRepository(database: Database) {
  const { db } = database;

  return {
    /**
     * Saves the next revision of a conversation. The conversation row is locked (SELECT … FOR UPDATE) before
     * max(revision)+1 is read, so concurrent saves queue on the lock and get n, n+1, … — never a duplicate
     * number, never a lost save. Under READ COMMITTED the max() after the lock sees the previous holder's commit.
     */
    async saveRevision(conversationId: string, data: RevisionData, options: { basedOn?: number } = {}): Promise<DesignRevision> {
      return db.transaction(async (tx) => {
        const locked = await tx
          .select({ id: conversations.id })
          .from(conversations)
          .where(eq(conversations.id, conversationId))
          .for('update');
        if (locked.length === 0) throw new NotFoundError('conversation', conversationId);

        const [next] = await tx
          .select({ n: sql<number>`coalesce(max(${designRevisions.revision}), 0) + 1`.mapWith(Number) })
          .from(designRevisions)
          .where(eq(designRevisions.conversationId, conversationId));
        // A revision made from revision k may only become k+1: otherwise it would silently drop a newer change.
        const latest = (next?.n ?? 1) - 1;
        if (options.basedOn !== undefined && latest !== options.basedOn) {
          throw new StaleRevisionError(conversationId, options.basedOn, latest);
        }

        const usage = data.usage ?? {};
        const [saved] = await tx
          .insert(designRevisions)
          .values({
            conversationId,
            revision: next?.n ?? 1,
            title: data.title,
            systems: data.systems,
            inputs: data.inputs,
            markdown: data.markdown,
            sections: data.sections,
            quality: data.quality,
            engine: data.engine,
            model: data.model,
            inputTokens: usage.inputTokens ?? 0,
            outputTokens: usage.outputTokens ?? 0,
            cacheReadTokens: usage.cacheReadTokens ?? 0,
            cacheCreationTokens: usage.cacheCreationTokens ?? 0,
            latencyMs: Math.round(usage.latencyMs ?? 0),
            createdBy: data.createdBy,
          })
          .returning(revisionColumns);
        if (!saved) throw new Error('revision insert returned no row');
        // The design's search document follows its latest revision, in the same transaction.
        await tx.execute(sql`SELECT ia_index_revisions(ARRAY[${saved.id}]::bigint[])`);

        await tx.update(conversations).set({ updatedAt: sql`now()` }).where(eq(conversations.id, conversationId));
        return saved;
      });
    },

    /** Revision `n`, or the latest when `n` is omitted; undefined when there is none. */
    async getRevision(conversationId: string, n?: number): Promise<DesignRevision | undefined> {
      const where =
        n === undefined
          ? eq(designRevisions.conversationId, conversationId)
          : and(eq(designRevisions.conversationId, conversationId), eq(designRevisions.revision, n));
      const [row] = await db
        .select(revisionColumns)
        .from(designRevisions)
        .where(where)
        .orderBy(desc(designRevisions.revision))
        .limit(1);
      return row;
    },

    /** All revisions of a conversation, oldest first. */
    async listRevisions(conversationId: string): Promise<DesignRevision[]> {
      return db
        .select(revisionColumns)
        .from(designRevisions)
        .where(eq(designRevisions.conversationId, conversationId))
        .orderBy(asc(designRevisions.revision));
    },
  };
}

export type RevisionsRepository = ReturnType<typeof createRevisionsRepository>;

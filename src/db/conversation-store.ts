import { sql } from 'drizzle-orm';
import type { IntegrationInputs } from '../architect/inputs.js';
import type { DesignResult } from '../architect/types.js';
import type { Conversation, ConversationStore, PostLedger, StoredRevision } from '../conversation/ports.js';
import type { DesignDirectory } from '../slack/deps.js';
import type { Database } from './client.js';
import type { Repositories } from './index.js';
import type { Conversation as ConversationRow } from './repositories/conversations.js';
import type { DesignRevision } from './repositories/revisions.js';

/** The data layer seen through the conversation layer's ports: rows in, domain objects out. */

function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    teamId: row.teamId,
    channelId: row.channelId,
    threadTs: row.threadTs,
    userId: row.userId,
    channelIsPrivate: row.channelIsPrivate,
    status: row.status,
    inputs: row.inputs ?? {},
    error: row.error ?? null,
  };
}

function toRevision(row: DesignRevision): StoredRevision {
  return {
    conversationId: row.conversationId,
    revision: row.revision,
    title: row.title,
    systems: row.systems,
    inputs: row.inputs as IntegrationInputs,
    markdown: row.markdown,
    sections: row.sections,
    quality: row.quality,
    engine: row.engine,
    model: row.model,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export function createConversationStore(repos: Repositories): ConversationStore & PostLedger {
  return {
    async createConversation(input) {
      const { conversation } = await repos.conversations.createConversation(input);
      return toConversation(conversation);
    },
    async getConversation(id) {
      // Ids come from Slack button values: anything that is not a uuid simply is not a conversation.
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const row = await repos.conversations.getConversation(id);
      return row ? toConversation(row) : null;
    },
    async findConversationByThread(teamId, channelId, threadTs) {
      const row = await repos.conversations.findConversationByThread(teamId, channelId, threadTs);
      return row ? toConversation(row) : null;
    },
    async updateConversation(id, patch) {
      await repos.conversations.updateConversation(id, patch);
    },
    async saveRevision(conversationId, design: DesignResult, inputs: IntegrationInputs, createdBy, options) {
      const row = await repos.revisions.saveRevision(conversationId, {
        title: design.title,
        systems: inputs.systems.map((s) => s.name),
        inputs,
        markdown: design.markdown,
        sections: design.sections,
        quality: design.quality,
        engine: design.engine,
        model: design.model,
        usage: design.usage,
        createdBy,
      }, options);
      return toRevision(row);
    },
    async getRevision(conversationId, revision) {
      const row = await repos.revisions.getRevision(conversationId, revision);
      return row ? toRevision(row) : null;
    },
    async addThreadMessage(conversationId, message) {
      await repos.threadMessages.addThreadMessage({ conversationId, ...message });
    },
    async listThreadMessages(conversationId) {
      const rows = await repos.threadMessages.listThreadMessages(conversationId);
      return rows.map((r) => ({ slackTs: r.slackTs, author: r.author, role: r.role, text: r.text }));
    },
    claimOnce: (key) => repos.processedEvents.claimOnce(key),
    postedParts: (conversationId, revision) => repos.postedMessages.postedParts(conversationId, revision),
    recordPosted: (conversationId, revision, part, ts) => repos.postedMessages.recordPosted(conversationId, revision, part, ts),
    forgetPosted: (conversationId, revision, part) => repos.postedMessages.forgetPosted(conversationId, revision, part),
  };
}

export function createDesignDirectory(repos: Repositories): DesignDirectory {
  return {
    async search(params) {
      const page = await repos.search.searchDesigns({
        teamId: params.teamId,
        query: params.query,
        visiblePrivateChannelIds: params.visiblePrivateChannelIds,
        filters: params.filters,
        limit: params.limit,
        offset: params.offset,
      });
      return { results: page.results, total: page.total, capped: page.capped };
    },
    async listRecent(params) {
      const rows = await repos.conversations.listRecentConversations(params);
      return rows.map((r) => ({
        conversationId: r.id,
        title: r.latestTitle,
        channelId: r.channelId,
        threadTs: r.threadTs,
        status: r.status,
        revision: r.latestRevision,
        updatedAt: r.updatedAt,
      }));
    },
  };
}

/** Readiness: the database answers a trivial query. */
export async function pingDatabase(database: Database): Promise<boolean> {
  try {
    await database.db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

import { sql, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PartialInputs } from '../architect/inputs.js';
import type { DesignSection, QualityReport } from '../architect/types.js';

/**
 * The drizzle schema: the single source for `npm run db:generate`. Migrations in ./migrations are generated from
 * it (plus one hand-written migration for the immutable helper the generated `search` column needs).
 */

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** Postgres tsvector; only ever written by the database (generated column), read in SQL. */
const tsvector = customType<{ data: string; driverData: string }>({
  dataType: () => 'tsvector',
});

export const CONVERSATION_STATUSES = ['collecting', 'generating', 'ready', 'revising', 'failed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const MESSAGE_ROLES = ['user', 'assistant', 'system'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export const installations = pgTable('installations', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** `team:<id>` for workspace installs, `enterprise:<id>` for org-wide installs: one unique, non-null key. */
  installKey: text('install_key').notNull().unique(),
  teamId: text('team_id'),
  enterpriseId: text('enterprise_id'),
  isEnterpriseInstall: boolean('is_enterprise_install').notNull().default(false),
  botUserId: text('bot_user_id').notNull(),
  /** AES-256-GCM, `iv.tag.ciphertext` in base64 (see crypto.ts). */
  botTokenEncrypted: text('bot_token_encrypted').notNull(),
  /** The full Bolt installation (it may hold user and refresh tokens), encrypted the same way. */
  installationEncrypted: text('installation_encrypted'),
  scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
  installedAt: timestamp('installed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
export type InstallationRow = InferSelectModel<typeof installations>;
export type NewInstallationRow = InferInsertModel<typeof installations>;

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    threadTs: text('thread_ts').notNull(),
    userId: text('user_id').notNull(),
    channelIsPrivate: boolean('channel_is_private').notNull().default(false),
    status: text('status').$type<ConversationStatus>().notNull().default('collecting'),
    inputs: jsonb('inputs').$type<PartialInputs>().notNull().default(sql`'{}'::jsonb`),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('conversations_thread_uq').on(t.teamId, t.channelId, t.threadTs),
    index('conversations_team_user_idx').on(t.teamId, t.userId, t.updatedAt),
    check(
      'conversations_status_check',
      sql.raw(`status IN (${CONVERSATION_STATUSES.map((s) => `'${s}'`).join(', ')})`),
    ),
  ],
);
export type ConversationRow = InferSelectModel<typeof conversations>;
export type NewConversationRow = InferInsertModel<typeof conversations>;

export const designRevisions = pgTable(
  'design_revisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    title: text('title').notNull(),
    systems: text('systems').array().notNull().default(sql`'{}'::text[]`),
    inputs: jsonb('inputs').$type<PartialInputs>().notNull(),
    markdown: text('markdown').notNull(),
    sections: jsonb('sections').$type<DesignSection[]>().notNull(),
    quality: jsonb('quality').$type<QualityReport>().notNull(),
    engine: text('engine').notNull(),
    model: text('model'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    cacheReadTokens: integer('cache_read_tokens').notNull().default(0),
    cacheCreationTokens: integer('cache_creation_tokens').notNull().default(0),
    latencyMs: integer('latency_ms').notNull().default(0),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    /**
     * Weighted full-text document: title A, systems B, input values + body C. `ia_array_to_string` is an IMMUTABLE
     * wrapper created in migration 0000 (array_to_string itself is only STABLE, which generated columns reject);
     * jsonb_to_tsvector indexes only the string values of the inputs, not their keys.
     */
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('english'::regconfig, ia_array_to_string(systems, ' ')), 'B') || setweight(jsonb_to_tsvector('english'::regconfig, coalesce(inputs, '{}'::jsonb), '["string"]'::jsonb) || to_tsvector('english'::regconfig, coalesce(markdown, '')), 'C')`,
    ),
  },
  (t) => [
    uniqueIndex('design_revisions_conversation_revision_uq').on(t.conversationId, t.revision),
    index('design_revisions_search_idx').using('gin', t.search),
    index('design_revisions_created_at_idx').on(t.createdAt),
  ],
);
export type DesignRevisionRow = InferSelectModel<typeof designRevisions>;
export type NewDesignRevisionRow = InferInsertModel<typeof designRevisions>;

export const threadMessages = pgTable(
  'thread_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    slackTs: text('slack_ts').notNull(),
    author: text('author').notNull(),
    role: text('role').$type<MessageRole>().notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('thread_messages_conversation_ts_uq').on(t.conversationId, t.slackTs),
    check('thread_messages_role_check', sql.raw(`role IN (${MESSAGE_ROLES.map((r) => `'${r}'`).join(', ')})`)),
  ],
);
export type ThreadMessageRow = InferSelectModel<typeof threadMessages>;
export type NewThreadMessageRow = InferInsertModel<typeof threadMessages>;

export const processedEvents = pgTable(
  'processed_events',
  {
    key: text('key').primaryKey(),
    createdAt: createdAt(),
  },
  (t) => [index('processed_events_created_at_idx').on(t.createdAt)],
);
export type ProcessedEventRow = InferSelectModel<typeof processedEvents>;

/**
 * Every message the bot posted for a revision, by part ('progress', 'header', 'changes', 'section:3'), recorded as it
 * is posted: a retried job continues where the last attempt stopped instead of posting the document again.
 */
export const postedMessages = pgTable(
  'posted_messages',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    part: text('part').notNull(),
    slackTs: text('slack_ts').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.revision, t.part] })],
);
export type PostedMessageRow = InferSelectModel<typeof postedMessages>;

export const FEEDBACK_VOTES = ['up', 'down'] as const;
export type FeedbackVote = (typeof FEEDBACK_VOTES)[number];

/** What people thought of a revision (Slack's feedback buttons): one vote per person and revision, the latest counts. */
export const designFeedback = pgTable(
  'design_feedback',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    userId: text('user_id').notNull(),
    vote: text('vote').$type<FeedbackVote>().notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.revision, t.userId] }),
    check('design_feedback_vote_check', sql.raw(`vote IN (${FEEDBACK_VOTES.map((v) => `'${v}'`).join(', ')})`)),
  ],
);

export const schema = { installations, conversations, designRevisions, threadMessages, processedEvents, postedMessages, designFeedback };
export type Schema = typeof schema;

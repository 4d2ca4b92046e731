import { sql, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgSequence,
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
 * it, plus hand-written SQL functions: the immutable array helper (0000) and the search document's builders (0004).
 */

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** Postgres tsvector; only ever written and read by SQL in the database. */
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
  },
  (t) => [
    uniqueIndex('design_revisions_conversation_revision_uq').on(t.conversationId, t.revision),
    index('design_revisions_created_at_idx').on(t.createdAt),
  ],
);
export type DesignRevisionRow = InferSelectModel<typeof designRevisions>;
export type NewDesignRevisionRow = InferInsertModel<typeof designRevisions>;

/** Orders search documents newest first: each save of a design takes the next value. */
export const designSearchSeq = pgSequence('design_search_seq', { startWith: 1, increment: 1 });

/**
 * One search document per design: its latest revision, with what search filters on copied from the
 * conversation. Written only by `ia_index_revision()` (migration 0004), in the transaction that saves the revision.
 *  - `head`: what the person asked for (title A, systems B, their inputs C), small enough to stay in the row; the
 *    rank is computed on it.
 *  - `document`: head, the whole markdown, and scope words no typed query can form (team, channel, authors,
 *    systems, and `seq` buckets at seven sizes) so the GIN index alone narrows a search to one team's newest designs.
 * Deliberately no btree on `seq` or `created_at`: the planner would walk it newest first and unpack every
 * document's tsvector on the way, which is what made a search of a common word slow.
 */
export const designSearch = pgTable(
  'design_search',
  {
    conversationId: uuid('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    revisionId: bigint('revision_id', { mode: 'number' })
      .notNull()
      .references(() => designRevisions.id, { onDelete: 'cascade' }),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    channelIsPrivate: boolean('channel_is_private').notNull(),
    /** The person who started the design (conversations.user_id). */
    authorId: text('author_id').notNull(),
    /** Who made the latest revision. */
    revisedBy: text('revised_by').notNull(),
    revision: integer('revision').notNull(),
    title: text('title').notNull(),
    systems: text('systems').array().notNull(),
    /** When the latest revision was saved. */
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    head: tsvector('head').notNull(),
    document: tsvector('document').notNull(),
  },
  // No pending list (fastupdate): with one, every search also scans up to 4 MB of unmerged entries until the next
  // vacuum (200 new designs at 100,000 added 3 ms to each search); merging on insert costs a save about 4 ms.
  (t) => [index('design_search_document_idx').using('gin', t.document).with({ fastupdate: false })],
);

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

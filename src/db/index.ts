import type { Database } from './client.js';
import { createConversationsRepository } from './repositories/conversations.js';
import { createInstallationsRepository } from './repositories/installations.js';
import { createFeedbackRepository } from './repositories/feedback.js';
import { createPostedMessagesRepository } from './repositories/posted-messages.js';
import { createProcessedEventsRepository } from './repositories/processed-events.js';
import { createRevisionsRepository } from './repositories/revisions.js';
import { createSearchRepository } from './repositories/search.js';
import { createThreadMessagesRepository } from './repositories/thread-messages.js';

/** The data layer's public surface: import from here rather than from individual files. */

export { createDatabase, pgliteLocation, type Database, type DatabaseConfig, type DatabaseKind, type Db, type DbLogger } from './client.js';
export { migrate, MIGRATIONS_FOLDER, type MigrateOptions, type MigrateResult } from './migrate.js';
export { encrypt, decrypt, DecryptionError } from './crypto.js';
export { DataDirDamagedError, DataDirInitError, NotFoundError, StaleRevisionError } from './errors.js';
export { DataDirLockedError } from './data-dir-lock.js';
export { refreshStatistics, STATISTICS_INTERVAL_MS } from './statistics.js';
export * from './schema.js';
export * from './repositories/conversations.js';
export * from './repositories/revisions.js';
export * from './repositories/thread-messages.js';
export * from './repositories/processed-events.js';
export * from './repositories/posted-messages.js';
export * from './repositories/feedback.js';
export * from './repositories/installations.js';
export * from './repositories/installation-store.js';
export * from './repositories/search.js';
export * from './repositories/search-input.js';

export function createRepositories(database: Database, options: { encryptionKey?: Buffer } = {}) {
  return {
    conversations: createConversationsRepository(database),
    revisions: createRevisionsRepository(database),
    threadMessages: createThreadMessagesRepository(database),
    processedEvents: createProcessedEventsRepository(database),
    postedMessages: createPostedMessagesRepository(database),
    feedback: createFeedbackRepository(database),
    search: createSearchRepository(database),
    /** Only with an encryption key (OAuth mode); single-workspace mode takes its token from the environment. */
    installations: options.encryptionKey ? createInstallationsRepository(database, { encryptionKey: options.encryptionKey }) : undefined,
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

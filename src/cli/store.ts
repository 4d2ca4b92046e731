import type { Config } from '../config.js';
import type { ConversationStore } from '../conversation/ports.js';
import { createConversationStore, createDesignDirectory } from '../db/conversation-store.js';
import { createDatabase, createRepositories, migrate, type Repositories } from '../db/index.js';
import type { DesignDirectory } from '../slack/deps.js';

/** Opens the configured database (PGlite or Postgres), migrated, for the length of one CLI command. */
export async function withStore<T>(
  config: Config,
  fn: (ctx: { store: ConversationStore; directory: DesignDirectory; repos: Repositories }) => Promise<T>,
): Promise<T> {
  const database = await createDatabase(config.database);
  try {
    await migrate(database);
    const repos = createRepositories(database);
    return await fn({ store: createConversationStore(repos), directory: createDesignDirectory(repos), repos });
  } finally {
    await database.close();
  }
}

import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createDatabase, pgliteLocation } from './client.js';
import { migrate } from './migrate.js';

/**
 * `npm run db:migrate`: applies pending migrations to the configured database and exits non-zero, with a
 * message saying why, whenever it could not (bad config, server unreachable, failing migration).
 */

interface Output {
  log(message: string): void;
  error(message: string): void;
}

/** The database location without credentials, for messages. */
export function describeTarget(database: Config['database']): string {
  if (database.mode === 'pglite') return `PGlite at ${pgliteLocation(database.dataDir)}`;
  try {
    const url = new URL(database.url);
    return `Postgres at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'Postgres (unparseable DATABASE_URL)';
  }
}

function explain(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN') {
    return `cannot reach the database server (${String(code)}): ${message}`;
  }
  if (code === '28P01' || code === '28000') return `authentication failed: ${message}`;
  if (code === '3D000') return `database does not exist: ${message}`;
  const cause = err instanceof Error && err.cause instanceof Error ? ` (cause: ${err.cause.message})` : '';
  return `${message}${cause}`;
}

/** Returns the process exit code. */
export async function runMigrateCli(
  env: Record<string, string | undefined> = process.env,
  out: Output = console,
): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    out.error(err instanceof ConfigError ? err.message : `cannot load configuration: ${explain(err)}`);
    return 2;
  }

  const target = describeTarget(config.database);
  let database;
  try {
    database = await createDatabase(config.database);
    const { applied, total } = await migrate(database);
    out.log(
      applied === 0
        ? `${target}: schema is up to date (${total} migrations applied earlier)`
        : `${target}: applied ${applied} migration(s), ${total} in total`,
    );
    return 0;
  } catch (err) {
    out.error(`db:migrate failed for ${target}: ${explain(err)}`);
    return 1;
  } finally {
    await database?.close().catch((err: unknown) => out.error(`closing the database failed: ${explain(err)}`));
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  process.exitCode = await runMigrateCli();
}

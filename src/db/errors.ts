/**
 * Data-layer errors, caught by class. Codes follow `${kind}:${surface}`; the message is safe to log, and
 * the conversation/Slack layers decide what the user sees.
 */
export class NotFoundError extends Error {
  readonly code: `not_found:${string}`;
  constructor(
    readonly entity: 'conversation' | 'installation' | 'revision',
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
    this.name = 'NotFoundError';
    this.code = `not_found:${entity}`;
  }
}

/** A revision was made from an older revision than the latest: saving it would drop the newer one's changes. */
export class StaleRevisionError extends Error {
  readonly code = 'conflict:revision';
  constructor(
    readonly conversationId: string,
    readonly basedOn: number,
    readonly latest: number,
  ) {
    super(`revision based on ${basedOn} is stale: conversation ${conversationId} is at revision ${latest}`);
    this.name = 'StaleRevisionError';
  }
}

/** The start of a cause's message, for an operator-facing error that names it. */
function briefCause(cause: unknown): string {
  return (cause instanceof Error ? cause.message : String(cause)).slice(0, 200);
}

/** PGlite could not create a database in an empty directory: not writable, the disk full, or the like. */
export class DataDirInitError extends Error {
  readonly code = 'failed:data_dir_init';
  constructor(
    readonly location: string,
    cause: unknown,
  ) {
    super(
      `The embedded database could not be created in ${location} (${briefCause(cause)}). ` +
        'Check that the directory is empty or holds an earlier database of this app, is writable and has disk space; point DATA_DIR elsewhere, ' +
        'or set DATABASE_URL to use PostgreSQL.',
      { cause },
    );
    this.name = 'DataDirInitError';
  }
}

/** PGlite could not open its directory: damaged files, or files from an incompatible version. */
export class DataDirDamagedError extends Error {
  readonly code = 'damaged:data_dir';
  constructor(
    readonly location: string,
    cause: unknown,
  ) {
    super(
      `The embedded database in ${location} could not be opened (${briefCause(cause)}). ` +
        `Its files look damaged or were written by an incompatible version. Move the directory aside ` +
        `(for example: mv ${location} ${location}.broken) to start with an empty database, restore it from a backup, ` +
        'or set DATABASE_URL to use PostgreSQL.',
      { cause },
    );
    this.name = 'DataDirDamagedError';
  }
}

/** A search ran past its time limit (SEARCH_TIMEOUT_MS): it was cancelled instead of holding a connection. */
export class SearchTimeoutError extends Error {
  readonly code = 'timeout:search';
  constructor(readonly timeoutMs: number) {
    super(`search cancelled after ${timeoutMs} ms`);
    this.name = 'SearchTimeoutError';
  }
}

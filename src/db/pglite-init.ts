import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DataDirInitError } from './errors.js';

/**
 * PGlite's memory and first start.
 *
 * - `shared_buffers` is PGlite's largest fixed cost: its WASM heap holds the whole buffer pool, and the
 *   upstream default (128 MB) made the process's resident memory about 300 MiB idle. The data directory's
 *   files are read through the operating system's page cache anyway, so a small pool costs search little
 *   (figures in README, "Benchmarks").
 * - On an empty directory PGlite runs initdb in a second PGlite instance plus the initdb WASM module, inside
 *   the process. Those heaps outlive `close()` until a garbage collection that may never come, which left
 *   about 800 MiB resident after a first start. A short-lived child process runs initdb instead, and its
 *   memory goes back to the system when it exits.
 */

export const DEFAULT_PGLITE_SHARED_BUFFERS_MIB = 16;

export function pgliteStartParams(sharedBuffersMiB: number): string[] {
  return [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffersMiB}MB`];
}

/** The directory holds a cluster once initdb has written PG_VERSION (damaged clusters fail later, on open). */
export function isInitialised(location: string): boolean {
  return existsSync(path.join(location, 'PG_VERSION'));
}

// CommonJS so the child needs no loader (tsx, vitest) and resolves PGlite by absolute path, whatever its cwd.
const CHILD_SCRIPT = `
const [pglitePath, location, params] = process.argv.slice(1);
const { PGlite } = require(pglitePath);
PGlite.create(location, { startParams: JSON.parse(params) })
  .then((pg) => pg.close())
  .catch((error) => {
    // Emscripten's file-system errors carry a name and an errno but no message.
    const e = error || {};
    console.error(e.message || (e.name ? e.name + (e.errno !== undefined ? ' (errno ' + e.errno + ')' : '') : String(error)));
    process.exit(1);
  });
`;

const INIT_TIMEOUT_MS = 120_000;

/** Creates the cluster in `location` in a child process; throws DataDirInitError with the child's reason. */
export async function initialiseInChildProcess(location: string, startParams: string[]): Promise<void> {
  const pglitePath = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', CHILD_SCRIPT, pglitePath, location, JSON.stringify(startParams)],
      { timeout: INIT_TIMEOUT_MS, maxBuffer: 1024 * 1024, env: { PATH: process.env.PATH ?? '' } },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const reason = stderr.trim().split('\n').filter(Boolean).at(-1) ?? error.message;
        reject(new DataDirInitError(location, new Error(reason, { cause: error })));
      },
    );
  });
}

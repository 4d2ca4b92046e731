import { linkSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * One process per PGlite data directory. PGlite is an in-process Postgres with no shared-memory locking:
 * two processes on one directory both start, both write, and corrupt each other's data. The lock is a
 * file created atomically (link(2) fails if it exists) holding the owner's pid and host, and touched
 * every few seconds so that a lock whose owner died on another host (a shared volume) goes stale too.
 *
 * A lock is stale when its process is gone on this host, when it names this very pid (a container
 * restarted after a crash is pid 1 again), or when it has not been touched for STALE_AFTER_MS.
 */

export const LOCK_FILE = 'pglite.lock';
const TOUCH_EVERY_MS = 5_000;
const STALE_AFTER_MS = 30_000;

export class DataDirLockedError extends Error {
  readonly code = 'conflict:data_dir';
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `Another Integration Architect process (pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}) is using the embedded database in ${dataDir}. ` +
        'PGlite allows one process per data directory: stop that process, give this one its own DATA_DIR, ' +
        'or set DATABASE_URL to run several processes against one PostgreSQL.',
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  token: string;
}

/** Locks this process holds: a second open of the same directory in one process is refused too. */
const held = new Set<string>();

export interface DataDirLock {
  release(): void;
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt ?? 'unknown'), token: String(parsed.token ?? '') };
  } catch {
    return undefined; // missing, half-written or not ours: treated as stale below
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function isStale(file: string, owner: LockOwner | undefined, now: number): boolean {
  if (!owner) return true;
  let touched = 0;
  try {
    touched = statSync(file).mtimeMs;
  } catch {
    return true;
  }
  if (now - touched > STALE_AFTER_MS) return true;
  if (owner.host !== hostname()) return false;
  return owner.pid === process.pid || !processAlive(owner.pid);
}

/** Takes the directory's lock or throws DataDirLockedError naming the live owner. */
export function lockDataDir(dataDir: string, now: () => number = Date.now): DataDirLock {
  const file = path.resolve(dataDir, LOCK_FILE);
  if (held.has(file)) {
    throw new DataDirLockedError(dataDir, { pid: process.pid, host: hostname(), startedAt: 'earlier in this process', token: '' });
  }
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date(now()).toISOString(), token: `${process.pid}-${now()}-${Math.random()}` };
  const temp = `${file}.${me.token}`;
  writeFileSync(temp, JSON.stringify(me));
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temp, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = readOwner(file);
        if (attempt >= 2 || !isStale(file, owner, now())) throw new DataDirLockedError(dataDir, owner ?? { pid: -1, host: 'unknown', startedAt: 'unknown', token: '' });
        try {
          unlinkSync(file);
        } catch {
          // another process removed it first; the next link decides who owns it
        }
      }
    }
  } finally {
    unlinkSync(temp);
  }

  held.add(file);
  const timer = setInterval(() => {
    try {
      const t = new Date(now());
      utimesSync(file, t, t);
    } catch {
      // the directory went away; nothing to keep fresh
    }
  }, TOUCH_EVERY_MS);
  timer.unref();
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      held.delete(file);
      // Only remove the lock if it is still ours (a stale-lock takeover may have replaced it).
      if (readOwner(file)?.token === me.token) unlinkSync(file);
    },
  };
}

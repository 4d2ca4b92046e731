import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, DataDirDamagedError, DataDirLockedError } from '../../../src/db/index.js';
import { LOCK_FILE, lockDataDir } from '../../../src/db/data-dir-lock.js';
import { ROOT, bareEnv, exited, freePort, waitForOk } from '../../e2e/processes.js';
import { migratedDataDir } from '../../helpers/db.js';

/** One owner per PGlite directory, proven with real processes: a live owner refuses a second, a killed one does not block. */

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ia-lock-'));
  dirs.push(dir);
  return dir;
}

/** A directory that already holds a database: these tests are about its owner, not about creating it. */
function databaseDir(): string {
  const { dir } = migratedDataDir('ia-lock-');
  dirs.push(dir);
  return dir;
}

function startBot(dataDir: string, port: number): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: ROOT, env: bareEnv({ PORT: String(port), DATA_DIR: dataDir }), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

describe('one process per PGlite data directory', () => {
  it('a second bot on the same DATA_DIR refuses to start with a clear message; after kill -9 of the first, a restart is not blocked', { timeout: 120_000 }, async () => {
    const dataDir = databaseDir();
    const firstPort = await freePort();
    const first = startBot(dataDir, firstPort);
    await waitForOk(`http://127.0.0.1:${firstPort}/readyz`, first.child, 60_000);

    const second = startBot(dataDir, await freePort());
    const { code } = await exited(second.child, 60_000);
    expect(code).toBe(1);
    expect(second.output()).toContain(`is using the embedded database in ${dataDir}`);
    expect(second.output()).toContain('DATABASE_URL');
    expect(second.output()).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(first.child.exitCode).toBeNull(); // the owner is untouched

    first.child.kill('SIGKILL');
    await exited(first.child, 10_000);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true); // left behind by the killed process

    const port = await freePort();
    const restarted = startBot(dataDir, port);
    await waitForOk(`http://127.0.0.1:${port}/readyz`, restarted.child, 60_000);
    restarted.child.kill('SIGTERM');
    expect((await exited(restarted.child, 20_000)).code).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false); // a clean stop releases it
  });

  it('refuses a second open in the same process, and frees the directory on close', async () => {
    const dataDir = databaseDir();
    const db = await createDatabase({ mode: 'pglite', dataDir });
    await expect(createDatabase({ mode: 'pglite', dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    await db.close();
    const again = await createDatabase({ mode: 'pglite', dataDir });
    await again.close();
  });

  it('a lock held by a live process on another host is respected until it stops being touched', () => {
    const dataDir = tempDir();
    const file = join(dataDir, LOCK_FILE);
    writeFileSync(file, JSON.stringify({ pid: 4242, host: 'another-host', startedAt: '2026-12-01T00:00:00Z', token: 'x' }));
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    const old = new Date(Date.now() - 120_000);
    utimesSync(file, old, old);
    const lock = lockDataDir(dataDir);
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('a damaged directory fails with a message that names it and says what to do, and leaves no lock behind', async () => {
    const dataDir = databaseDir();
    for (const f of ['global/pg_control', 'PG_VERSION']) writeFileSync(join(dataDir, 'pglite', f), 'garbage');
    const error = await createDatabase({ mode: 'pglite', dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirDamagedError);
    expect((error as Error).message).toContain(join(dataDir, 'pglite'));
    expect((error as Error).message).toMatch(/mv .*pglite\.broken/);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('a directory that is not a database at all is reported the same way', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'pglite'));
    writeFileSync(join(dataDir, 'pglite', 'PG_VERSION'), 'not a version');
    await expect(createDatabase({ mode: 'pglite', dataDir })).rejects.toBeInstanceOf(DataDirDamagedError);
  });
});

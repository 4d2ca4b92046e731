import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, DataDirInitError } from '../../../src/db/index.js';
import { LOCK_FILE } from '../../../src/db/data-dir-lock.js';
import { initialiseInChildProcess, isInitialised, pgliteStartParams } from '../../../src/db/pglite-init.js';

/** PGlite's first start (initdb in a child process) and its buffer pool. */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ia-pglite-init-'));
  dirs.push(dir);
  return dir;
}

const sharedBuffers = async (dataDir: string, sharedBuffersMiB?: number) => {
  const database = await createDatabase({ mode: 'pglite', dataDir, ...(sharedBuffersMiB ? { sharedBuffersMiB } : {}) });
  try {
    return (await database.pglite!.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0]?.shared_buffers;
  } finally {
    await database.close();
  }
};

describe('PGlite data directory', () => {
  it('a child process creates the cluster, which this process then opens and keeps', async () => {
    const location = join(tempDir(), 'pglite');
    mkdirSync(location);
    expect(isInitialised(location)).toBe(false);
    await initialiseInChildProcess(location, pgliteStartParams(8));
    expect(isInitialised(location)).toBe(true);
  });

  it('opens a new directory and then the same directory again with the buffer pool it is given (16 MB unless told)', async () => {
    const dataDir = tempDir();
    expect(await sharedBuffers(dataDir)).toBe('16MB');
    expect(isInitialised(join(dataDir, 'pglite'))).toBe(true);
    expect(await sharedBuffers(dataDir, 48)).toBe('48MB');
    const memory = await createDatabase({ mode: 'pglite', dataDir: ':memory:', sharedBuffersMiB: 8 });
    expect((await memory.pglite!.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0]?.shared_buffers).toBe('8MB');
    await memory.close();
  });

  it('a directory initdb cannot fill fails with a message that names it and says what to do, and leaves no lock behind', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'pglite'));
    // initdb must create these as directories.
    for (const f of ['global', 'base']) writeFileSync(join(dataDir, 'pglite', f), 'not a directory');
    const error = await createDatabase({ mode: 'pglite', dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirInitError);
    expect((error as Error).message).toContain(join(dataDir, 'pglite'));
    expect((error as Error).message).toMatch(/writable.*DATA_DIR.*DATABASE_URL/);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });
});

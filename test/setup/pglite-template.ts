import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite data directories made once per run (see pglite-template.ts). */
    pgliteTemplate: { emptyTar: string; tar: string; cluster: string };
  }
}

/**
 * One migrated PGlite, made once per test run instead of once per test file: PGlite's initdb costs about 5 s
 * (in memory or in a child process) and every file runs in a fresh worker. It is kept two ways: the data
 * directory as a tar (also as it was before the migrations), which in-memory test databases load (under 1 s),
 * and as a cluster on disk, which tests of the real processes copy into a DATA_DIR where a first start is not
 * what they test.
 * Both projects that use it call this from their global setup; the run's main process builds it once for both.
 */
export interface Template {
  /** Right after initdb, with no schema (for the migrator's tests and pg-boss's). */
  emptyTar: string;
  tar: string;
  cluster: string;
  dir: string;
}

const shared = globalThis as { iaPgliteTemplate?: Promise<Template>; iaPgliteTemplateUsers?: number };

/** A new in-memory PGlite's data directory right after initdb, and again once migrated. */
export async function pgliteDumps(): Promise<{ empty: Blob; migrated: Blob }> {
  const database = await createDatabase({ mode: 'pglite', dataDir: ':memory:' });
  try {
    const empty = await database.pglite!.dumpDataDir('none');
    await migrate(database);
    return { empty, migrated: await database.pglite!.dumpDataDir('none') };
  } finally {
    await database.close();
  }
}

async function build(): Promise<Template> {
  const dir = mkdtempSync(join(tmpdir(), 'ia-pglite-template-'));
  const dumps = await pgliteDumps();
  const emptyTar = join(dir, 'empty.tar');
  writeFileSync(emptyTar, Buffer.from(await dumps.empty.arrayBuffer()));
  const tar = join(dir, 'migrated.tar');
  writeFileSync(tar, Buffer.from(await dumps.migrated.arrayBuffer()));
  const cluster = join(dir, 'pglite');
  mkdirSync(cluster);
  await (await PGlite.create(cluster, { loadDataDir: dumps.migrated })).close();
  return { emptyTar, tar, cluster, dir };
}

/** The run's template, made on the first call. */
export function templateOnce(): Promise<Template> {
  shared.iaPgliteTemplate ??= build();
  return shared.iaPgliteTemplate;
}

/** Removes the template once the last project that used it is done. */
export function releaseTemplate(template: Template): void {
  shared.iaPgliteTemplateUsers = (shared.iaPgliteTemplateUsers ?? 1) - 1;
  if (shared.iaPgliteTemplateUsers === 0) rmSync(template.dir, { recursive: true, force: true });
}

/** Counts a project that uses the template, so the first to finish does not remove it under the other. */
export function useTemplate(): void {
  shared.iaPgliteTemplateUsers = (shared.iaPgliteTemplateUsers ?? 0) + 1;
}

import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { asPgBossDb, createJobQueue, createPgliteBossDb, type JobQueue, type JobQueueSettings } from '../../../src/jobs/index.js';
import { templatePglite } from '../../helpers/db.js';

/** Short timings so retries, expiry and maintenance happen within seconds. */
export const FAST: JobQueueSettings = {
  retry: { retryLimit: 2, retryDelay: 0, retryBackoff: false },
  expireInSeconds: 2,
  maintenanceIntervalSeconds: 1,
  pollingIntervalSeconds: 0.5,
};

export interface Fixture {
  schema: string;
  /** A JobQueue on this test's schema; stopped by `cleanup()`. */
  makeQueue(settings?: JobQueueSettings): JobQueue;
  /** Runs app SQL on the same database (inside a transaction on PGlite, as the app's store would). */
  sql(text: string, params?: unknown[]): Promise<unknown[]>;
  /** A bare pg-boss on the same schema, for looking at jobs and for playing a crashed worker. */
  rawBoss(): Promise<PgBoss>;
  cleanup(): Promise<void>;
}

export interface BackendUnderTest {
  name: 'pglite' | 'postgres';
  /** Called once per file. */
  open(): Promise<void>;
  /** A fresh pg-boss schema per test. */
  fixture(): Fixture;
  close(): Promise<void>;
}

const uniqueSchema = () => `boss_${randomBytes(6).toString('hex')}`;

function fixtureOn(
  make: (schema: string, settings: JobQueueSettings) => JobQueue,
  raw: (schema: string) => PgBoss,
  sql: Fixture['sql'],
): Fixture {
  const schema = uniqueSchema();
  const queues: JobQueue[] = [];
  const raws: PgBoss[] = [];
  return {
    schema,
    sql,
    makeQueue(settings = FAST) {
      const q = make(schema, settings);
      queues.push(q);
      return q;
    },
    async rawBoss() {
      const boss = raw(schema);
      boss.on('error', (err) => console.error('raw pg-boss error', err));
      await boss.start();
      raws.push(boss);
      return boss;
    },
    async cleanup() {
      await Promise.all(queues.map((q) => q.stop({ graceful: false })));
      await Promise.all(raws.map((b) => b.stop({ graceful: false })));
    },
  };
}

const rawOptions = { schedule: false, supervise: false, migrate: false } as const;

export function pgliteBackend(): BackendUnderTest {
  let pglite: PGlite | undefined;
  return {
    name: 'pglite',
    async open() {
      pglite = await templatePglite('empty');
    },
    fixture() {
      const db = pglite!;
      return fixtureOn(
        (schema, settings) => createJobQueue({ backend: { kind: 'pglite', pglite: db }, schema, settings }),
        (schema) => new PgBoss({ ...rawOptions, schema, db: asPgBossDb(createPgliteBossDb(db)) }),
        async (text, params) => db.transaction(async (tx) => (await tx.query(text, params)).rows),
      );
    },
    async close() {
      await pglite?.close();
    },
  };
}

export function postgresBackend(url: string): BackendUnderTest {
  const schemas: string[] = [];
  let pool: pg.Pool | undefined;
  return {
    name: 'postgres',
    async open() {
      pool = new pg.Pool({ connectionString: url, max: 4 });
    },
    fixture() {
      const f = fixtureOn(
        (schema, settings) =>
          createJobQueue({ backend: { kind: 'postgres', connectionString: url, poolSize: 3 }, schema, settings }),
        (schema) => new PgBoss({ ...rawOptions, schema, connectionString: url, max: 2 }),
        async (text, params) => (await pool!.query(text, params)).rows,
      );
      schemas.push(f.schema);
      return f;
    },
    async close() {
      await pool?.end();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ nspname: string }>(
          "SELECT nspname FROM pg_namespace WHERE nspname = ANY($1::text[])",
          [schemas],
        );
        for (const { nspname } of rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

export function backendsUnderTest(): BackendUnderTest[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [pgliteBackend(), postgresBackend(url)] : [pgliteBackend()];
}

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

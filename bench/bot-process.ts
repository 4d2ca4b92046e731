import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createDatabase, rowsOf } from '../src/db/client.js';

/**
 * The production build (`node dist/main.js`, as the image runs it) in a process of its own, for the benchmarks
 * that measure the bot as it is deployed: its entry point lowers the main thread's CPU priority under the ack
 * thread, which only a process of its own may do (bare Bolt, in the benchmark's process, must not share it).
 * PGlite on a data directory of its own, or the PostgreSQL database at `databaseUrl`; the offline engine; Slack at
 * `slackUrl`. Needs `npm run build` first (`npm run bench` builds).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BotProcessOptions {
  slackUrl: string;
  signingSecret: string;
  /** PostgreSQL (a database of the benchmark's); PGlite in a temporary directory otherwise. */
  databaseUrl?: string;
  /** More environment (JOB_CONCURRENCY, …). */
  env?: Record<string, string>;
}

export interface BotProcess {
  url: string;
  pid: number;
  /** Spawn → /readyz answered 200. */
  readyMs: number;
  /** Resident memory now (VmRSS). */
  rssMiB(): number;
  /** One sample's value from /metrics (0 when absent): `metric('ia_jobs_total', { queue: 'generate', outcome: 'completed' })`. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  /** Resolves once /metrics shows no backlog twice in a row (no listener work after an ack, no job queued or running). */
  idle(timeoutMs: number): Promise<void>;
  /** Resolves once every delivery acked has been handled (jobs may still be queued). */
  drained(timeoutMs: number): Promise<void>;
  /** SIGTERM (the bot finishes listener work already acked), then counts conversations of `teamId` with channels starting `channelPrefix`, then removes PGlite's directory. */
  stop(count?: { teamId: string; channelPrefix: string }): Promise<number>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function requireBuild(what: string): void {
  if (!existsSync(path.join(ROOT, 'dist/main.js'))) throw new Error(`${what} measures the production build: run \`npm run build\` first`);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function startBotProcess(options: BotProcessOptions): Promise<BotProcess> {
  requireBuild('bench/bot-process.ts');
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ia-bench-bot-'));
  const started = Date.now();
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: options.signingSecret,
      SLACK_API_URL: options.slackUrl,
      DESIGNS_PER_USER_PER_HOUR: '100000',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const metric = async (name: string, labels: Record<string, string> = {}) => {
    const text = await (await fetch(`${url}/metrics`)).text();
    const wanted = Object.entries(labels).map(([k, v]) => `(?=[^}]*${k}="${escapeRe(v)}")`).join('');
    const line = new RegExp(`^${escapeRe(name)}(?:\\{${wanted}[^}]*\\})? (\\S+)$`, 'm').exec(text);
    return Number(line?.[1] ?? 0);
  };
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`the bot exited with code ${child.exitCode} before /readyz`);
      return (await fetch(`${url}/readyz`)).ok ? true : undefined;
    }, 60_000, '/readyz');
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    removeDataDir();
    throw error;
  }
  const readyMs = Date.now() - started;
  return {
    url,
    pid: child.pid!,
    readyMs,
    rssMiB: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    metric,
    async idle(timeoutMs) {
      let quiet = 0;
      await until(
        async () => {
          const busy = (await metric('ia_backlog', { kind: 'post_ack' })) + (await metric('ia_backlog', { kind: 'jobs' }));
          quiet = busy > 0 ? 0 : quiet + 1;
          return quiet >= 2 ? true : undefined;
        },
        timeoutMs,
        'the bot to be idle',
        250,
      );
    },
    async drained(timeoutMs) {
      await until(async () => ((await metric('ia_backlog', { kind: 'post_ack' })) === 0 ? true : undefined), timeoutMs, 'the post-ack queue to drain', 250);
    },
    async stop(count) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      try {
        if (!count) return 0;
        const database = await createDatabase(options.databaseUrl ? { mode: 'postgres', url: options.databaseUrl, poolSize: 1 } : { mode: 'pglite', dataDir });
        try {
          const [row] = rowsOf<{ n: number }>(
            await database.db.execute(
              sql`SELECT count(*)::int AS n FROM conversations WHERE team_id = ${count.teamId} AND channel_id LIKE ${`${count.channelPrefix}%`} AND status IN ('generating', 'ready')`,
            ),
          );
          return Number(row?.n ?? 0);
        } finally {
          await database.close();
        }
      } finally {
        removeDataDir();
      }
    },
  };
}

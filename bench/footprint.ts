import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scratchDatabase, startSlackSide } from './ack-burst.js';
import { isMain, printTable } from './stats.js';

/**
 * `npx tsx bench/footprint.ts [--designs 1000]` (part of `npm run bench`).
 *
 * The production build (`node dist/main.js`, as the image runs it) in a process of its own, against the Local
 * Slack (in a worker thread here) and the offline engine, on PGlite (on disk) and on PostgreSQL when DATABASE_URL
 * or TEST_DATABASE_URL is set: time from spawn to /readyz, resident memory (VmRSS) idle, and after `designs`
 * designs were written and posted (JOB_CONCURRENCY 32, see below). Needs `npm run build` first.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIGNING_SECRET = 'footprint-signing-secret';

export interface FootprintFigures {
  database: 'pglite' | 'postgres';
  readyMs: number;
  idleRssMiB: number;
  afterRssMiB: number;
  designs: number;
  designsMs: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const rssMiB = (child: ChildProcess) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Generate jobs completed (the design written and posted), from /metrics. */
async function designsDone(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = /^ia_jobs_total\{(?=[^}]*queue="generate")(?=[^}]*outcome="completed")[^}]*\} (\d+)/m.exec(text);
  return Number(line?.[1] ?? 0);
}

async function measure(database: FootprintFigures['database'], designs: number, slackUrl: string, sender: ReturnType<typeof startSlackSide>, databaseUrl?: string): Promise<FootprintFigures> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ia-footprint-'));
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
      SLACK_BOT_TOKEN: 'xoxb-footprint',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackUrl,
      DESIGNS_PER_USER_PER_HOUR: '100000',
      // Each design's posts are paced at about one a second in its channel: with the default 4 jobs at a time,
      // 1,000 designs would take over half an hour; 32 keep the run to minutes (and the memory figure honest
      // about designs in flight).
      JOB_CONCURRENCY: '32',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await until(async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined), 60_000, '/readyz');
    const readyMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, 3000));
    const idleRssMiB = rssMiB(child);
    const t0 = Date.now();
    await sender.burst(`${base}/slack/events`, 20, designs, 600_000);
    await until(async () => ((await designsDone(base)) >= designs ? true : undefined), 900_000, `${designs} designs`);
    const designsMs = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 3000));
    return { database, readyMs, idleRssMiB, afterRssMiB: rssMiB(child), designs, designsMs };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runFootprintBench(options: { designs?: number; postgresUrl?: string } = {}): Promise<FootprintFigures[]> {
  if (!existsSync(path.join(ROOT, 'dist/main.js'))) throw new Error('bench/footprint.ts measures the production build: run `npm run build` first');
  const designs = options.designs ?? 1000;
  // 200 channels: Slack's pacing is per channel (about one post a second), so designs spread over many post in parallel.
  const slack = startSlackSide({ role: 'slack', signingSecret: SIGNING_SECRET, channels: 200 });
  const { url, teamId } = await slack.started;
  const sender = startSlackSide({ role: 'sender', signingSecret: SIGNING_SECRET, channels: 200, teamId });
  await sender.started;
  const figures: FootprintFigures[] = [];
  try {
    figures.push(await measure('pglite', designs, url, sender));
    if (options.postgresUrl) {
      const scratch = await scratchDatabase(options.postgresUrl);
      try {
        figures.push(await measure('postgres', designs, url, sender, scratch.url));
      } finally {
        await scratch.drop();
      }
    }
  } finally {
    await sender.close();
    await slack.close();
  }
  return figures;
}

export function footprintRows(figures: FootprintFigures[]): [string, string][] {
  return figures.flatMap((f): [string, string][] => [
    [`start ${f.database}: spawn → /readyz`, `${(f.readyMs / 1000).toFixed(1)} s`],
    [`memory ${f.database}: RSS idle → after ${f.designs} designs`, `${f.idleRssMiB.toFixed(0)} MiB → ${f.afterRssMiB.toFixed(0)} MiB  (${f.designs} designs in ${(f.designsMs / 1000).toFixed(0)} s)`],
  ]);
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { designs: { type: 'string', default: '1000' } } });
  const postgresUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const figures = await runFootprintBench({ designs: Number(values.designs), ...(postgresUrl ? { postgresUrl } : {}) });
  printTable('Start and memory (node dist/main.js)', footprintRows(figures));
}

import { parseArgs } from 'node:util';
import { scratchDatabase, startSlackSide } from './ack-burst.js';
import { requireBuild, startBotProcess, until } from './bot-process.js';
import { isMain, printTable } from './stats.js';

/**
 * `npx tsx bench/footprint.ts [--designs 1000]` (part of `npm run bench`).
 *
 * The production build (`node dist/main.js`, as the image runs it: bench/bot-process.ts), against the Local
 * Slack (in a worker thread here) and the offline engine, on PGlite (on disk) and on PostgreSQL when DATABASE_URL
 * or TEST_DATABASE_URL is set: time from spawn to /readyz, resident memory (VmRSS) idle, and after `designs`
 * designs were written and posted (JOB_CONCURRENCY 32, see below). Needs `npm run build` first.
 */

const SIGNING_SECRET = 'footprint-signing-secret';

export interface FootprintFigures {
  database: 'pglite' | 'postgres';
  readyMs: number;
  idleRssMiB: number;
  afterRssMiB: number;
  designs: number;
  designsMs: number;
}

async function measure(database: FootprintFigures['database'], designs: number, slackUrl: string, sender: ReturnType<typeof startSlackSide>, databaseUrl?: string): Promise<FootprintFigures> {
  const bot = await startBotProcess({
    slackUrl,
    signingSecret: SIGNING_SECRET,
    ...(databaseUrl ? { databaseUrl } : {}),
    // Each design's posts are paced at about one a second in its channel: with the default 4 jobs at a time,
    // 1,000 designs would take over half an hour; 32 keep the run to minutes (and the memory figure honest
    // about designs in flight).
    env: { JOB_CONCURRENCY: '32' },
  });
  try {
    await new Promise((r) => setTimeout(r, 3000));
    const idleRssMiB = bot.rssMiB();
    const t0 = Date.now();
    await sender.burst(`${bot.url}/slack/events`, 20, designs, 600_000);
    await until(async () => ((await bot.metric('ia_jobs_total', { queue: 'generate', outcome: 'completed' })) >= designs ? true : undefined), 900_000, `${designs} designs`, 1000);
    const designsMs = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 3000));
    return { database, readyMs: bot.readyMs, idleRssMiB, afterRssMiB: bot.rssMiB(), designs, designsMs };
  } finally {
    await bot.stop();
  }
}

export async function runFootprintBench(options: { designs?: number; postgresUrl?: string } = {}): Promise<FootprintFigures[]> {
  requireBuild('bench/footprint.ts');
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

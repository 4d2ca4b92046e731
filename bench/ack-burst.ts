import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { rowsOf } from '../src/db/client.js';
import { startRuntime, type Runtime } from '../src/runtime.js';
import type { BurstResult, SlackSideConfig, SlackSideReply, SlackSideRequest } from './slack-side.js';
import { adminQuery, isMain, ms, printTable, summarize, tsWorker } from './stats.js';

/**
 * `npx tsx bench/ack-burst.ts [--connections 200 --commands 1000 --trials 5]` (part of `npm run bench`).
 *
 * Slack gives a slash command 3 s for its HTTP answer. This sends `commands` signed commands over `connections`
 * connections at once, to bare Bolt (an app that only acks) and to the bot (same wiring as `npm start`: PGlite in
 * memory, and PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set), alternating in each trial so both see
 * the same machine. The Local Slack and the sender each run in a worker thread of their own (bench/slack-side.ts),
 * so the bot's threads do only the bot's work and the sender's timing is not delayed by Slack's. Figures are medians over the trials; targets are ratios to bare Bolt measured
 * in the same run (the median of each trial's ratio). After each bot burst it checks that every accepted command became a design being written.
 */

const SIGNING_SECRET = 'burst-signing-secret';
const DEADLINE_MS = 3000;
const WARMUP = 20;

export type BurstDatabase = 'pglite' | 'postgres';

export interface BurstBenchOptions {
  connections?: number;
  commands?: number;
  trials?: number;
  postgresUrl?: string;
  /** The bot with its ack thread (the default) or acking on its main thread. */
  ackThread?: boolean;
  log?: (line: string) => void;
}

export interface BurstFigures {
  database: BurstDatabase;
  /** Median over trials of each side's p99 ack. */
  bareP99: number;
  botP99: number;
  ratio: number;
  /** Worst trial: acks over 3 s, and requests without a 200. */
  overDeadline: number;
  failed: number;
  /** Accepted commands that did not become a design (must be 0). */
  lost: number;
  target: number;
  pass: boolean;
  trials: { bareP99: number; botP99: number; over: number }[];
}

/** bench/slack-side.ts in a worker thread: the Local Slack, or a sender of bursts. */
export function startSlackSide(config: SlackSideConfig) {
  const worker = tsWorker(new URL('./slack-side.ts', import.meta.url), config);
  const waiting = new Map<number, (reply: SlackSideReply) => void>();
  let nextId = 0;
  let ready: (reply: SlackSideReply & { kind: 'ready' }) => void;
  const started = new Promise<SlackSideReply & { kind: 'ready' }>((resolve) => (ready = resolve));
  worker.on('message', (reply: SlackSideReply) => {
    if (reply.kind === 'ready') ready(reply);
    else waiting.get(reply.id)?.(reply);
  });
  worker.on('error', (error) => {
    throw error;
  });
  const ask = (request: SlackSideRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never) =>
    new Promise<SlackSideReply>((resolve) => {
      const id = (nextId += 1);
      waiting.set(id, resolve);
      worker.postMessage({ ...request, id });
    });
  return {
    started,
    async burst(botUrl: string, connections: number, commands: number, withinMs = 120_000): Promise<BurstResult> {
      const reply = await ask({ kind: 'burst', botUrl, connections, commands, deadlineEpochMs: Date.now() + withinMs });
      return (reply as { result: BurstResult }).result;
    },
    async close() {
      await ask({ kind: 'close' });
      await worker.terminate();
    },
  };
}

const quietLogger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

/** Bolt with nothing but an ack: the floor any Slack app on this machine can reach. */
async function startBare(slackUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events', logger: quietLogger });
  const app = new App({ receiver, token: 'xoxb-bare', botId: 'B0BARE', botUserId: 'U0BOT00001', tokenVerificationEnabled: false, logger: quietLogger, clientOptions: { slackApiUrl: slackUrl } });
  app.command('/integration-design', async ({ ack }) => {
    await ack();
  });
  const server: Server = createServer(receiver.requestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function startBot(slackUrl: string, database: BurstDatabase, ackThread: boolean, postgresUrl?: string): Promise<Runtime> {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: ':memory:',
    SLACK_BOT_TOKEN: 'xoxb-burst',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackUrl,
    DESIGNS_PER_USER_PER_HOUR: '100000',
    ACK_THREAD: ackThread ? 'on' : 'off',
    ...(database === 'postgres' ? { DATABASE_URL: postgresUrl! } : {}),
  });
  return startRuntime(config, { postGapMs: 20 });
}

const p99 = (r: BurstResult) => summarize(r.acks.map((a) => a.ms)).p99;

async function designsStarted(runtime: Runtime, teamId: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await runtime.database.db.execute(sql`SELECT count(*)::int AS n FROM conversations WHERE team_id = ${teamId} AND channel_id LIKE 'C0BURST%' AND status IN ('generating', 'ready')`),
  );
  return Number(row?.n ?? 0);
}

/**
 * A database of its own for each trial's bot on the server at `url`, dropped afterwards: earlier runs' unfinished
 * jobs would otherwise keep the bot busy (and its queue larger than one burst's).
 */
export async function scratchDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_${Date.now()}_${process.pid}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    async drop() {
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export async function runBurstBench(options: BurstBenchOptions = {}): Promise<BurstFigures[]> {
  const connections = options.connections ?? 200;
  const commands = options.commands ?? 1000;
  const trials = options.trials ?? 5;
  const log = options.log ?? ((line: string) => console.log(line));
  const databases: BurstDatabase[] = options.postgresUrl ? ['pglite', 'postgres'] : ['pglite'];
  const slackSide = startSlackSide({ role: 'slack', signingSecret: SIGNING_SECRET, channels: connections });
  const { url: slackUrl, teamId } = await slackSide.started;
  const slack = startSlackSide({ role: 'sender', signingSecret: SIGNING_SECRET, channels: connections, teamId });
  await slack.started;
  const figures: BurstFigures[] = [];
  try {
    for (const database of databases) {
      const runs: BurstFigures['trials'] = [];
      let worstOver = 0;
      let worstFailed = 0;
      let lost = 0;
      for (let trial = 0; trial < trials; trial += 1) {
        const bare = await startBare(slackUrl);
        await slack.burst(bare.url, 10, WARMUP);
        const bareResult = await slack.burst(bare.url, connections, commands);
        await bare.stop();

        const scratch = database === 'postgres' ? await scratchDatabase(options.postgresUrl!) : undefined;
        const bot = await startBot(slackUrl, database, options.ackThread ?? true, scratch?.url);
        const before = await designsStarted(bot, teamId);
        await slack.burst(`${bot.url}/slack/events`, 10, WARMUP);
        // The burst starts on an idle bot, as bare Bolt's does.
        await bot.idle(120_000);
        const botResult = await slack.burst(`${bot.url}/slack/events`, connections, commands);
        const accepted = botResult.acks.filter((a) => a.status === 200).length;
        // Every accepted command must become a design: the post-ack queue drains into the job queue.
        const deadline = Date.now() + 180_000;
        let started = 0;
        while (Date.now() < deadline) {
          started = (await designsStarted(bot, teamId)) - before - WARMUP;
          if (started >= accepted) break;
          await new Promise((r) => setTimeout(r, 250));
        }
        lost += Math.max(0, accepted - started);
        await bot.stop();
        await scratch?.drop();

        const over = botResult.acks.filter((a) => a.ms > DEADLINE_MS).length;
        worstOver = Math.max(worstOver, over);
        worstFailed = Math.max(worstFailed, botResult.acks.length - accepted + botResult.skipped);
        runs.push({ bareP99: p99(bareResult), botP99: p99(botResult), over });
        log(`  ${database} trial ${trial + 1}/${trials}: bare p99 ${ms(p99(bareResult))}, bot p99 ${ms(p99(botResult))}, over 3 s ${over}, designs started ${started}/${accepted}`);
      }
      const median = (xs: number[]) => summarize(xs).p50;
      const bareP99 = median(runs.map((r) => r.bareP99));
      const botP99 = median(runs.map((r) => r.botP99));
      const target = database === 'postgres' ? 1.5 : 2;
      // Each trial's ratio compares two bursts a few seconds apart on the same machine; their median is steadier
      // than a ratio of medians taken across trials the machine ran at different speeds.
      const ratio = median(runs.map((r) => r.botP99 / r.bareP99));
      figures.push({ database, bareP99, botP99, ratio, overDeadline: worstOver, failed: worstFailed, lost, target, pass: ratio <= target && worstOver === 0 && worstFailed === 0 && lost === 0, trials: runs });
    }
  } finally {
    await slack.close();
    await slackSide.close();
  }
  return figures;
}

export function burstRows(figures: BurstFigures[], connections: number, commands: number): [string, string][] {
  return figures.flatMap((f): [string, string][] => [
    [`acks ${f.database}: p99 bare Bolt / bot`, `${ms(f.bareP99)} / ${ms(f.botP99)}  (medians of ${f.trials.length} trials, ${commands} commands over ${connections} connections)`],
    [`acks ${f.database}: bot ÷ bare p99 (median of trials)`, `${f.ratio.toFixed(2)}x  (target ≤ ${f.target}x; over 3 s: ${f.overDeadline}, failed: ${f.failed}, lost: ${f.lost})  ${f.pass ? 'PASS' : 'FALL SHORT'}`],
  ]);
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { connections: { type: 'string', default: '200' }, commands: { type: 'string', default: '1000' }, trials: { type: 'string', default: '5' }, 'ack-thread': { type: 'string', default: 'on' } },
  });
  const postgresUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const connections = Number(values.connections);
  const commands = Number(values.commands);
  const figures = await runBurstBench({ connections, commands, trials: Number(values.trials), ackThread: values['ack-thread'] !== 'off', ...(postgresUrl ? { postgresUrl } : {}) });
  printTable('Acks under a burst', burstRows(figures, connections, commands));
  if (figures.some((f) => !f.pass)) process.exitCode = 1;
}

import { parseArgs } from 'node:util';
import { startBare } from './bare-bolt.js';
import { startBotProcess, type BotProcess } from './bot-process.js';
import type { BurstResult, SlackSideConfig, SlackSideReply, SlackSideRequest } from './slack-side.js';
import { adminQuery, isMain, ms, printTable, summarize, tsWorker } from './stats.js';

/**
 * `npx tsx bench/ack-burst.ts [--connections 200 --commands 1000 --trials 5 --database all|pglite|postgres]` (part of `npm run bench`).
 *
 * Slack gives a slash command 3 s for its HTTP answer. This sends `commands` signed commands over `connections`
 * connections at once, to bare Bolt (an app that only acks, in this process) and to the bot as deployed (`node
 * dist/main.js` in a process of its own, bench/bot-process.ts: PGlite on disk, and PostgreSQL when DATABASE_URL or
 * TEST_DATABASE_URL is set), alternating in each trial so both see the same machine. The Local Slack and the sender
 * each run in a worker thread of their own (bench/slack-side.ts), so the sender's timing is not delayed by Slack's.
 * Figures are medians over the trials; targets are ratios to bare Bolt measured in the same run (the median of each
 * trial's ratio). After each bot burst it checks that every accepted command became a design.
 */

const SIGNING_SECRET = 'burst-signing-secret';
/** Slack's limit for an answer. */
export const DEADLINE_MS = 3000;
/** Warm-up commands before each burst: `help`, which takes the same path to its ack and starts no design. */
const WARMUP = 20;
export const warmUp = (sender: ReturnType<typeof startSlackSide>, botUrl: string | string[]) => sender.burst(botUrl, 10, WARMUP, 60_000, 'help');

export type BurstDatabase = 'pglite' | 'postgres';

export interface BurstBenchOptions {
  connections?: number;
  commands?: number;
  trials?: number;
  postgresUrl?: string;
  /** The bot with its ack thread (the default) or acking on its main thread. */
  ackThread?: boolean;
  /** MAIN_THREAD_NICE for the bot (its default when absent; 0 leaves the main thread's priority alone). */
  mainThreadNice?: number;
  /** Which databases to burst (both when a PostgreSQL URL is given, unless narrowed here). */
  databases?: BurstDatabase[];
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
    /** `botUrl`: one bot, or replicas that share the connections in turn. `text`: the command's, a design unless given. */
    async burst(botUrl: string | string[], connections: number, commands: number, withinMs = 120_000, text?: string): Promise<BurstResult> {
      const botUrls = Array.isArray(botUrl) ? botUrl : [botUrl];
      const reply = await ask({ kind: 'burst', botUrls, connections, commands, deadlineEpochMs: Date.now() + withinMs, ...(text ? { text } : {}) });
      return (reply as { result: BurstResult }).result;
    },
    async close() {
      await ask({ kind: 'close' });
      await worker.terminate();
    },
  };
}

export const p99 = (r: BurstResult) => summarize(r.acks.map((a) => a.ms)).p99;

/** The bot as deployed (bench/bot-process.ts), on PGlite or on a scratch PostgreSQL database. */
function startBot(slackUrl: string, ackThread: boolean, mainThreadNice: number | undefined, databaseUrl?: string): Promise<BotProcess> {
  return startBotProcess({
    slackUrl,
    signingSecret: SIGNING_SECRET,
    ...(databaseUrl ? { databaseUrl } : {}),
    env: { ACK_THREAD: ackThread ? 'on' : 'off', ...(mainThreadNice !== undefined ? { MAIN_THREAD_NICE: String(mainThreadNice) } : {}) },
  });
}

/**
 * Accepted commands that became designs: once every delivery is handled after its ack, the bot is stopped and
 * its conversations counted.
 */
export async function designsAfter(bot: BotProcess, teamId: string, withinMs = 180_000): Promise<number> {
  await bot.drained(withinMs);
  return bot.stop({ teamId, channelPrefix: 'C0BURST' });
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
  const databases = (options.databases ?? ['pglite', 'postgres']).filter((d) => d === 'pglite' || options.postgresUrl);
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
        const bare = await startBare(slackUrl, SIGNING_SECRET);
        await warmUp(slack, bare.url);
        const bareResult = await slack.burst(bare.url, connections, commands);
        await bare.stop();

        const scratch = database === 'postgres' ? await scratchDatabase(options.postgresUrl!) : undefined;
        const bot = await startBot(slackUrl, options.ackThread ?? true, options.mainThreadNice, scratch?.url);
        let botResult: BurstResult;
        let started = 0;
        try {
          await warmUp(slack, `${bot.url}/slack/events`);
          // The burst starts on an idle bot, as bare Bolt's does.
          await bot.idle(180_000);
          botResult = await slack.burst(`${bot.url}/slack/events`, connections, commands);
          // Every accepted command must become a design: the post-ack queue drains into the job queue.
          started = await designsAfter(bot, teamId);
        } finally {
          await bot.stop();
          await scratch?.drop();
        }
        const accepted = botResult.acks.filter((a) => a.status === 200).length;
        lost += Math.max(0, accepted - started);

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
    options: {
      connections: { type: 'string', default: '200' },
      commands: { type: 'string', default: '1000' },
      trials: { type: 'string', default: '5' },
      'ack-thread': { type: 'string', default: 'on' },
      'main-thread-nice': { type: 'string' },
      database: { type: 'string', default: 'all' },
    },
  });
  const postgresUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const connections = Number(values.connections);
  const commands = Number(values.commands);
  const figures = await runBurstBench({ connections, commands, trials: Number(values.trials), ackThread: values['ack-thread'] !== 'off', ...(values['main-thread-nice'] !== undefined ? { mainThreadNice: Number(values['main-thread-nice']) } : {}), ...(values.database !== 'all' ? { databases: [values.database as BurstDatabase] } : {}), ...(postgresUrl ? { postgresUrl } : {}) });
  printTable('Acks under a burst', burstRows(figures, connections, commands));
  if (figures.some((f) => !f.pass)) process.exitCode = 1;
}

import { parseArgs } from 'node:util';
import { DEADLINE_MS, p99, scratchDatabase, startSlackSide, warmUp } from './ack-burst.js';
import { startBareThread, type Bare } from './bare-bolt.js';
import { startBotProcess, until, type BotProcess } from './bot-process.js';
import type { BurstResult } from './slack-side.js';
import { isMain, ms, printTable, summarize } from './stats.js';

/**
 * `npx tsx bench/scale-out.ts [--connections 200 --commands 1000 --trials 3]` (part of `npm run bench` when
 * DATABASE_URL or TEST_DATABASE_URL is set).
 *
 * Replicas of the bot as deployed (`node dist/main.js` each, bench/bot-process.ts) on one PostgreSQL database:
 * one replica takes `commands` over `connections`, two take twice that over twice the connections, spread over
 * both like a load balancer. Bare Bolt is measured the same way in the same trial (one bare replica, then two, each
 * on an event loop of its own), so each ratio compares the bot with bare Bolt under the same load on the same
 * machine. Target: two replicas at twice the burst keep the bound one replica has (p99 ≤ 1.5× bare Bolt's, none
 * over Slack's 3 s), every accepted command becomes exactly one design, and both replicas write designs (the job
 * queue in PostgreSQL is theirs to share). On one machine the replicas share its cores, so absolute latencies grow
 * with the load for bare Bolt and bot alike; on separate machines each replica brings its own.
 */

const SIGNING_SECRET = 'scale-out-signing-secret';
const TARGET = 1.5;

export interface ReplicaFigures {
  replicas: number;
  commands: number;
  bareP99: number;
  botP99: number;
  /** Median over trials of each trial's bot ÷ bare p99. */
  ratio: number;
  overDeadline: number;
  /** Accepted commands that did not become a design, and designs beyond the accepted commands (both must be 0). */
  lost: number;
  extra: number;
  /** Fewest designs any replica finished in a trial (must be > 0: the replicas share the jobs). */
  fewestPerReplica: number;
  pass: boolean;
}

const completed = (bot: BotProcess) => bot.metric('ia_jobs_total', { queue: 'generate', outcome: 'completed' });

export async function runScaleOutBench(options: { postgresUrl: string; connections?: number; commands?: number; trials?: number; log?: (line: string) => void }): Promise<ReplicaFigures[]> {
  const connections = options.connections ?? 200;
  const commands = options.commands ?? 1000;
  const trials = options.trials ?? 3;
  const log = options.log ?? ((line: string) => console.log(line));
  const slackSide = startSlackSide({ role: 'slack', signingSecret: SIGNING_SECRET, channels: 2 * connections });
  const { url: slackUrl, teamId } = await slackSide.started;
  const sender = startSlackSide({ role: 'sender', signingSecret: SIGNING_SECRET, channels: 2 * connections, teamId });
  await sender.started;

  const burstBare = async (replicas: number): Promise<BurstResult> => {
    const bares: Bare[] = [];
    try {
      for (let i = 0; i < replicas; i += 1) bares.push(await startBareThread(slackUrl, SIGNING_SECRET));
      const urls = bares.map((b) => b.url);
      await warmUp(sender, urls);
      return await sender.burst(urls, replicas * connections, replicas * commands);
    } finally {
      for (const bare of bares) await bare.stop();
    }
  };

  const burstBots = async (replicas: number) => {
    const scratch = await scratchDatabase(options.postgresUrl);
    const bots: BotProcess[] = [];
    try {
      // One after another: the second finds the migrations done (they take a lock in any case).
      for (let i = 0; i < replicas; i += 1) bots.push(await startBotProcess({ slackUrl, signingSecret: SIGNING_SECRET, databaseUrl: scratch.url }));
      const urls = bots.map((b) => `${b.url}/slack/events`);
      await warmUp(sender, urls);
      for (const bot of bots) await bot.idle(180_000);
      const before = await Promise.all(bots.map(completed));
      const result = await sender.burst(urls, replicas * connections, replicas * commands);
      // Every delivery handled after its ack on every replica, then a few designs finished on each.
      for (const bot of bots) await bot.drained(180_000);
      const perReplica = await until(
        async () => {
          const done = (await Promise.all(bots.map(completed))).map((n, i) => n - before[i]!);
          return done.every((n) => n >= 5) ? done : undefined;
        },
        180_000,
        'designs on every replica',
        500,
      );
      for (const bot of bots.slice(1)) await bot.stop();
      const designs = await bots[0]!.stop({ teamId, channelPrefix: 'C0BURST' });
      return { result, designs, perReplica };
    } finally {
      for (const bot of bots) await bot.stop();
      await scratch.drop();
    }
  };

  const runs = new Map<number, { bareP99: number; botP99: number; over: number; lost: number; extra: number; fewest: number }[]>([
    [1, []],
    [2, []],
  ]);
  try {
    for (let trial = 0; trial < trials; trial += 1) {
      for (const replicas of [1, 2]) {
        const bare = await burstBare(replicas);
        const { result, designs, perReplica } = await burstBots(replicas);
        const accepted = result.acks.filter((a) => a.status === 200).length;
        const run = {
          bareP99: p99(bare),
          botP99: p99(result),
          over: result.acks.filter((a) => a.ms > DEADLINE_MS).length + result.skipped + (result.acks.length - accepted),
          lost: Math.max(0, accepted - designs),
          extra: Math.max(0, designs - accepted),
          fewest: Math.min(...perReplica),
        };
        runs.get(replicas)!.push(run);
        log(
          `  trial ${trial + 1}/${trials}, ${replicas} replica${replicas > 1 ? 's' : ''}, ${replicas * commands} commands: bare p99 ${ms(run.bareP99)}, bot p99 ${ms(run.botP99)}, ` +
            `over 3 s or failed ${run.over}, designs ${designs}/${accepted}, finished per replica ${perReplica.join(' / ')}`,
        );
      }
    }
  } finally {
    await sender.close();
    await slackSide.close();
  }
  const median = (xs: number[]) => summarize(xs).p50;
  return [1, 2].map((replicas): ReplicaFigures => {
    const r = runs.get(replicas)!;
    const ratio = median(r.map((x) => x.botP99 / x.bareP99));
    const overDeadline = Math.max(...r.map((x) => x.over));
    const lost = r.reduce((n, x) => n + x.lost, 0);
    const extra = r.reduce((n, x) => n + x.extra, 0);
    const fewestPerReplica = Math.min(...r.map((x) => x.fewest));
    return {
      replicas,
      commands: replicas * commands,
      bareP99: median(r.map((x) => x.bareP99)),
      botP99: median(r.map((x) => x.botP99)),
      ratio,
      overDeadline,
      lost,
      extra,
      fewestPerReplica,
      pass: ratio <= TARGET && overDeadline === 0 && lost === 0 && extra === 0 && fewestPerReplica > 0,
    };
  });
}

export function scaleOutRows(figures: ReplicaFigures[]): [string, string][] {
  return figures.map((f): [string, string] => [
    `scale-out: ${f.replicas} replica${f.replicas > 1 ? 's' : ''} on one PostgreSQL, ${f.commands.toLocaleString('en-US')} commands`,
    `bot ÷ bare p99 ${f.ratio.toFixed(2)}x (${ms(f.botP99)} vs ${ms(f.bareP99)}), target ≤ ${TARGET}x; over 3 s or failed ${f.overDeadline}, lost ${f.lost}, duplicated ${f.extra}, fewest designs on a replica ${f.fewestPerReplica}: ${f.pass ? 'PASS' : 'FALL SHORT'}`,
  ]);
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { connections: { type: 'string', default: '200' }, commands: { type: 'string', default: '1000' }, trials: { type: 'string', default: '3' } } });
  const postgresUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!postgresUrl) throw new Error('bench/scale-out.ts needs PostgreSQL: set DATABASE_URL or TEST_DATABASE_URL');
  const figures = await runScaleOutBench({ postgresUrl, connections: Number(values.connections), commands: Number(values.commands), trials: Number(values.trials) });
  printTable('Scale-out: replicas on one PostgreSQL', scaleOutRows(figures));
  if (figures.some((f) => !f.pass)) process.exitCode = 1;
}

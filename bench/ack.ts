import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/client.js';
import { createRepositories } from '../src/db/index.js';
import { channelName, responseUrl, userName, type DriverIdentity } from '../src/sandbox/driver-payloads.js';
import type { RecordedCall } from '../src/sandbox/slack-api-fake.js';
import { alice, bob, general, SIGNING_SECRET, startBot, type Bot } from '../test/e2e/harness.js';
import type { SendResult, SenderConfig, SenderMessage, SenderReply, SenderRequest } from './ack-sender.js';
import { isMain, ms, printTable, ratio, summarize, summaryLine, tsWorker, type Summary } from './stats.js';

/**
 * `npx tsx bench/ack.ts [--baseline 50 --requests 200 --concurrency 20 --drain 20]` (also part of `npm run bench`).
 *
 * Starts the real bot exactly as test/e2e/harness.ts does (single-workspace HTTP mode, PGlite in memory, offline
 * engine, Web API pointed at the Local Slack), then sends signed `/integration-design sync Stripe payments into
 * Salesforce` commands from a worker thread that plays Slack:
 *  - baseline: one command at a time on an otherwise idle bot (each design is awaited before the next command),
 *    which also gives the end-to-end time from command to the design's last section in the thread;
 *  - loaded: `concurrency` senders, each in its own channel, send `requests` commands in total while the job
 *    worker generates and posts the designs those commands queued.
 * Slack drops a command whose HTTP response takes more than 3 s, so "over 3 s" must be 0. Ratios compare the two
 * phases of the same run; absolute numbers depend on the machine. Posts are paced 20 ms apart per channel and jobs
 * polled every 0.5 s (the e2e harness settings), so e2e here is not what users see with Slack's ~1 post/s pacing.
 */

const COMMAND = '/integration-design';
const TEXT = 'sync Stripe payments into Salesforce';
const SLACK_ACK_DEADLINE_MS = 3000;
const WARMUP = 3;

export interface AckBenchOptions {
  baseline?: number;
  requests?: number;
  concurrency?: number;
  /** After the loaded phase, how long to keep watching the queued designs complete. */
  drainSeconds?: number;
  /** Upper bound for the whole baseline phase and for the loaded phase each. */
  phaseLimitSeconds?: number;
  log?: (line: string) => void;
}

export interface AckBenchResult {
  baseline: Summary;
  loaded: Summary;
  /** Loaded p95 / baseline p95. */
  p95Ratio: number;
  overDeadline: number;
  /** Non-200 responses or requests without a response, both phases. */
  failed: number;
  skipped: number;
  /** Command sent → bot's thread opened, and → last section of the design posted (baseline phase). */
  threadOpen: Summary;
  e2e: Summary;
  postsPerDesign: number;
  /** The bot's event-loop delay (its thread is busy with something else) during each phase. */
  loop: { baseline: { p99: number; max: number }; loaded: { p99: number; max: number } };
  load: {
    wallMs: number;
    commandsPerSecond: number;
    /** Designs finished while the burst was being sent (the backlog keeps the worker busy from the start). */
    designsDuringLoad: number;
    /** Of the backlog plus the burst's designs, how many were finished when the drain window closed. */
    designsAfterDrain: number;
    queued: number;
    designsPerSecond: number;
  };
}

/** The form Slack posts for a slash command; the same fields as SlackDriver.slashCommand, built here so the sending
 * thread only signs and times. Trigger ids and response_urls are minted by the Local Slack, so each is distinct. */
function commandBody(bot: Bot, channelId: string, userId: string): string {
  const fake = bot.fake;
  const id: DriverIdentity = {
    teamId: fake.teamId,
    teamDomain: fake.state.identity.teamDomain,
    apiAppId: fake.state.identity.appId,
    botUserId: fake.botUserId,
    verificationToken: 'sandbox-verification-token',
    fake,
  };
  return new URLSearchParams({
    token: id.verificationToken,
    team_id: id.teamId,
    team_domain: id.teamDomain,
    channel_id: channelId,
    channel_name: channelName(id, channelId),
    user_id: userId,
    user_name: userName(id, userId),
    command: COMMAND,
    text: TEXT,
    api_app_id: id.apiAppId,
    is_enterprise_install: 'false',
    response_url: responseUrl(id, { channel: channelId, user: userId }),
    trigger_id: fake.state.issueTriggerId(userId),
  }).toString();
}

function startSender(config: SenderConfig) {
  const worker = tsWorker(new URL('./ack-sender.ts', import.meta.url), config);
  const pending = new Map<number, { resolve: (reply: SenderReply) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;
  worker.on('message', (reply: SenderReply) => {
    pending.get(reply.id)?.resolve(reply);
    pending.delete(reply.id);
  });
  // A dead sender must fail the benchmark, not leave it waiting for replies that will never come.
  const fail = (error: Error) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(new Error('the sender thread failed', { cause: failure }));
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the sender thread exited (code ${code})`)));
  const request = (message: SenderMessage): Promise<SenderReply> => {
    if (failure) return Promise.reject(new Error('the sender thread failed', { cause: failure }));
    const id = (nextId += 1);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id } as SenderRequest);
    });
  };
  return {
    one: async (body: string): Promise<SendResult> => (await request({ kind: 'one', body })).results[0]!,
    burst: (lanes: string[][], deadlineEpochMs: number) => request({ kind: 'burst', lanes, deadlineEpochMs }),
    stop: () => worker.terminate(),
  };
}

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function runAckBench(options: AckBenchOptions = {}): Promise<AckBenchResult> {
  const baselineCount = options.baseline ?? 50;
  const requests = options.requests ?? 200;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 20, requests));
  const drainMs = (options.drainSeconds ?? 20) * 1000;
  const phaseLimitMs = (options.phaseLimitSeconds ?? 60) * 1000;
  const log = options.log ?? ((line: string) => console.log(line));

  const bot = await startBot();
  const sender = startSender({ botUrl: `${bot.runtime.url}/slack/events`, signingSecret: SIGNING_SECRET, teamId: bot.fake.teamId });
  const repos = createRepositories(bot.runtime.database);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });

  // Thread roots per channel and the time of the last post in each thread, straight from the Local Slack.
  const roots = new Map<string, { ts: string; at: number }[]>();
  const lastPost = new Map<string, { at: number; count: number }>();
  bot.fake.on('call', (call: RecordedCall) => {
    if (call.method !== 'chat.postMessage' || call.response.ok !== true) return;
    const threadTs = call.args.thread_ts;
    if (typeof threadTs === 'string') {
      lastPost.set(threadTs, { at: call.at, count: (lastPost.get(threadTs)?.count ?? 0) + 1 });
    } else if (String(call.args.text).includes('Integration design for')) {
      const list = roots.get(String(call.args.channel)) ?? [];
      list.push({ ts: String(call.response.ts), at: call.at });
      roots.set(String(call.args.channel), list);
    }
  });

  const readyCount = async (channelPrefix: string): Promise<number> => {
    const [row] = rowsOf<{ n: number }>(
      await bot.runtime.database.db.execute(
        sql`SELECT count(*)::int AS n FROM conversations WHERE status = 'ready' AND channel_id LIKE ${`${channelPrefix}%`}`,
      ),
    );
    return Number(row?.n ?? 0);
  };

  try {
    // One command at a time; each design is awaited so every ack is measured on an idle bot.
    const designOne = async () => {
      const before = roots.get(general.id)?.length ?? 0;
      const sent = await sender.one(commandBody(bot, general.id, alice.id));
      const root = await until(() => roots.get(general.id)?.[before], 10_000, 'the thread root');
      await until(
        async () => ((await repos.conversations.findConversationByThread(bot.fake.teamId, general.id, root.ts))?.status === 'ready' ? true : undefined),
        15_000,
        'the design to complete',
      );
      const last = lastPost.get(root.ts);
      return { sent, threadOpenMs: root.at - sent.sentAt, e2eMs: (last?.at ?? NaN) - sent.sentAt, posts: last?.count ?? 0 };
    };
    for (let i = 0; i < WARMUP; i += 1) await designOne();

    log(`  ack: baseline, ${baselineCount} commands one at a time…`);
    const baseline: Awaited<ReturnType<typeof designOne>>[] = [];
    const baselineDeadline = Date.now() + phaseLimitMs;
    loopDelay.enable();
    while (baseline.length < baselineCount && Date.now() < baselineDeadline) baseline.push(await designOne());
    loopDelay.disable();
    const idle = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
    loopDelay.reset();

    // Loaded: one channel per sender, as many teams' channels would be; the pacer is per channel.
    const channelOf = (lane: number) => `C0BENCH${String(lane + 1).padStart(3, '0')}`;
    for (let lane = 0; lane < concurrency; lane += 1) {
      bot.fake.addChannel({ id: channelOf(lane), name: `bench-${lane + 1}`, members: [bot.fake.botUserId, alice.id, bob.id] });
    }
    // A backlog first (unmeasured), so the worker is busy generating and posting designs for the whole burst.
    for (let lane = 0; lane < concurrency; lane += 1) await sender.one(commandBody(bot, channelOf(lane), alice.id));
    await until(async () => ((await readyCount('C0BENCH')) > 0 ? true : undefined), 15_000, 'the first backlog design');
    const lanes: string[][] = Array.from({ length: concurrency }, () => []);
    for (let i = 0; i < requests; i += 1) {
      const lane = i % concurrency;
      lanes[lane]!.push(commandBody(bot, channelOf(lane), i % 2 === 0 ? alice.id : bob.id));
    }

    log(`  ack: loaded, ${requests} commands from ${concurrency} concurrent senders…`);
    const readyBefore = await readyCount('C0BENCH');
    const loadStart = Date.now();
    loopDelay.enable();
    const burst = await sender.burst(lanes, loadStart + phaseLimitMs);
    loopDelay.disable();
    const loadWallMs = Date.now() - loadStart;
    const loaded = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
    const designsDuringLoad = (await readyCount('C0BENCH')) - readyBefore;

    // Keep watching (bounded) while the queued designs are generated and posted.
    const queued = concurrency + burst.results.length;
    let done = readyBefore + designsDuringLoad;
    let lastDoneAt = Date.now();
    const drainDeadline = Date.now() + drainMs;
    while (done < queued && Date.now() < drainDeadline) {
      await new Promise((r) => setTimeout(r, 250));
      const now = await readyCount('C0BENCH');
      if (now > done) lastDoneAt = Date.now();
      done = now;
    }

    const baselineAcks = baseline.map((b) => b.sent);
    const all = [...baselineAcks, ...burst.results];
    const baselineSummary = summarize(baselineAcks.map((r) => r.ms));
    const loadedSummary = summarize(burst.results.map((r) => r.ms));
    return {
      baseline: baselineSummary,
      loaded: loadedSummary,
      p95Ratio: loadedSummary.p95 / baselineSummary.p95,
      overDeadline: all.filter((r) => r.ms > SLACK_ACK_DEADLINE_MS).length,
      failed: all.filter((r) => r.status !== 200).length,
      skipped: burst.skipped,
      threadOpen: summarize(baseline.map((b) => b.threadOpenMs)),
      e2e: summarize(baseline.map((b) => b.e2eMs)),
      postsPerDesign: summarize(baseline.map((b) => b.posts)).p50,
      loop: { baseline: idle, loaded },
      load: {
        wallMs: loadWallMs,
        commandsPerSecond: burst.results.length / (loadWallMs / 1000),
        designsDuringLoad,
        designsAfterDrain: done,
        queued,
        designsPerSecond: (done - readyBefore) / ((lastDoneAt - loadStart) / 1000),
      },
    };
  } finally {
    await sender.stop();
    await bot.stop();
  }
}

export function ackRows(r: AckBenchResult): [string, string][] {
  return [
    ['ack baseline (1 at a time)', summaryLine(r.baseline)],
    ['ack loaded', summaryLine(r.loaded)],
    ['ack p95 loaded / baseline', ratio(r.loaded.p95, r.baseline.p95)],
    ['acks over 3 s (must be 0)', `${r.overDeadline}${r.failed > 0 ? `  (non-200 or no response: ${r.failed})` : ''}${r.skipped > 0 ? `  (not sent, time limit: ${r.skipped})` : ''}`],
    ['bot event-loop delay p99/max', `baseline ${ms(r.loop.baseline.p99)} / ${ms(r.loop.baseline.max)}  loaded ${ms(r.loop.loaded.p99)} / ${ms(r.loop.loaded.max)}`],
    ['command → thread opened', summaryLine(r.threadOpen)],
    ['command → last section (e2e)', `${summaryLine(r.e2e)}  (${r.postsPerDesign} posts per design)`],
    ['ack : design-complete (p50)', `1 : ${(r.e2e.p50 / r.baseline.p50).toFixed(0)}  (ack is ${((100 * r.baseline.p50) / r.e2e.p50).toFixed(1)}% of e2e)`],
    ['loaded commands / s', `${r.load.commandsPerSecond.toFixed(1)}  (${r.loaded.n} in ${(r.load.wallMs / 1000).toFixed(1)} s)`],
    [
      'designs completed (loaded)',
      `${r.load.designsDuringLoad} during the burst, ${r.load.designsAfterDrain}/${r.load.queued} when the drain window closed (${r.load.designsPerSecond.toFixed(2)} designs/s)`,
    ],
  ];
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      baseline: { type: 'string', default: '50' },
      requests: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '20' },
      drain: { type: 'string', default: '20' },
    },
  });
  const result = await runAckBench({
    baseline: Number(values.baseline),
    requests: Number(values.requests),
    concurrency: Number(values.concurrency),
    drainSeconds: Number(values.drain),
  });
  printTable('Slack ack latency', ackRows(result));
  if (result.overDeadline > 0 || result.failed > 0) process.exitCode = 1;
}

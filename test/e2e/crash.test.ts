import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createSlackDriver } from '../../src/sandbox/driver.js';
import { startSlackApiFake, type FakeMessage, type SlackApiFake } from '../../src/sandbox/slack-api-fake.js';
import { freshPostgresDatabase, migratedDataDir, testDatabaseUrl } from '../helpers/db.js';
import { alice, general } from './harness.js';
import { startScriptedModel, type ScriptedModel } from './model-fake.js';
import { ROOT, bareEnv, exited, freePort, until, waitForOk } from './processes.js';

/**
 * Fault drills with real processes: the production command is killed with SIGKILL at a chosen point of a design
 * and started again (or left to a second replica). The thread must end up with the whole design exactly once
 * (one header, each section once, no progress line left behind), within 60 s of the restart.
 */

const SIGNING_SECRET = 'crash-drill-secret';
// Complete as typed, so the design is written at once without questions.
const REQUEST =
  'we need to push new orders from our storefront app (Postgres) into NetSuite. ~40k orders/day, 5x peak on Black Friday. NetSuite only gives us 5 concurrent requests, and orders must land within 10 min';

interface Bot {
  child: ChildProcess;
  port: number;
  output: () => string;
}

// Every process a drill started, in case one is left when the file ends (each drill also stops its own).
const everyChild: ChildProcess[] = [];
afterAll(() => {
  for (const child of everyChild) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

type Cleanup = () => Promise<void> | void;

/**
 * What one drill starts (processes, fakes, directories), stopped when that drill finishes. The drills run side
 * by side, since most of each is waiting for a restart or a lease to go stale, so they share nothing.
 */
function drillKit(onTestFinished: (fn: Cleanup) => void) {
  const children: ChildProcess[] = [];
  const cleanups: Cleanup[] = [];
  onTestFinished(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const fn of cleanups.reverse()) await fn();
  });

  return {
    cleanup: (fn: Cleanup) => void cleanups.push(fn),

    async startBot(env: Record<string, string>): Promise<Bot> {
      const port = await freePort();
      const child = spawn(process.execPath, ['dist/main.js'], {
        cwd: ROOT,
        // The drills are about recovery, not priorities: a main thread at nice 10 (the default) waits behind the test
        // suite's own workers on a busy 2-core machine, and once took over 20 s to post a design's first message.
        env: bareEnv({ NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), SLACK_BOT_TOKEN: 'xoxb-crash-drill', SLACK_SIGNING_SECRET: SIGNING_SECRET, MAIN_THREAD_NICE: '0', ...env }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      everyChild.push(child);
      let output = '';
      child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
      try {
        await waitForOk(`http://127.0.0.1:${port}/readyz`, child, 60_000);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- output ---\n${output}`);
      }
      return { child, port, output: () => output };
    },

    /** A DATA_DIR that already holds a database: the drills are about the restart, not about a first start. */
    dataDir(): string {
      const { dir, dispose } = migratedDataDir('ia-crash-');
      cleanups.push(dispose);
      return dir;
    },

    async slackFake(): Promise<SlackApiFake> {
      const fake = await startSlackApiFake();
      cleanups.push(() => fake.close());
      return fake;
    },

    async scriptedModel(): Promise<ScriptedModel> {
      const model = await startScriptedModel();
      cleanups.push(() => model.close());
      return model;
    },
  };
}

async function kill(bot: Bot): Promise<void> {
  bot.child.kill('SIGKILL');
  await exited(bot.child, 10_000);
}

/** Starts a design from the slash command and returns its thread. */
async function startDesign(fake: SlackApiFake, bot: Bot): Promise<string> {
  const driver = createSlackDriver({ botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, teamId: fake.teamId, fake });
  const res = await driver.slashCommand({ command: '/integration-design', text: REQUEST, userId: alice.id, channelId: general.id });
  expect(res.status).toBe(200);
  let thread: string | undefined;
  try {
    await until(() => {
      thread = fake.state.messages(general.id).find((m) => m.text.includes('Integration design for'))?.ts;
      return thread !== undefined;
    }, 60_000, 'the root message');
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- bot output ---\n${bot.output().slice(-4000)}`);
  }
  return thread!;
}

const botMessages = (fake: SlackApiFake, thread: string): FakeMessage[] =>
  fake.state.messages(general.id, { threadTs: thread }).filter((m) => m.bot_id !== undefined && m.ts !== thread);
const headers = (messages: FakeMessage[]) => messages.filter((m) => JSON.stringify(m.blocks ?? []).includes('export_markdown'));
/**
 * A live draft still streaming, or a progress line (its context reads "Step n of 5"); the header takes its place
 * when the design is posted.
 */
const isProgress = (m: FakeMessage) => m.streaming === true || /Step \d of 5/.test(JSON.stringify(m.blocks ?? []));
const isChecklist = (m: FakeMessage) => /Implementation checklist/i.test(JSON.stringify(m.blocks ?? []) + m.text);

/** What a finished thread must look like after any crash: everything once, nothing left over. */
function expectWholeDesignOnce(fake: SlackApiFake, thread: string): { messages: number } {
  const messages = botMessages(fake, thread);
  const texts = messages.map((m) => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`);
  const duplicates = texts.filter((t, i) => texts.indexOf(t) !== i);
  expect(headers(messages)).toHaveLength(1);
  expect(duplicates.map((d) => d.slice(0, 120))).toEqual([]);
  expect(messages.filter(isProgress).map((m) => m.text)).toEqual([]);
  expect(messages.filter(isChecklist)).toHaveLength(1);
  return { messages: messages.length };
}

describe.concurrent('crash drills on PGlite (kill -9, then restart on the same DATA_DIR)', () => {
  it('killed during the model call: the design arrives within 60 s of the restart, once, with no progress line left', { timeout: 180_000 }, async ({ onTestFinished }) => {
    const drill = drillKit(onTestFinished);
    const fake = await drill.slackFake();
    const model = await drill.scriptedModel();
    let release: () => void = () => {};
    const hold = new Promise<undefined>((resolve) => (release = () => resolve(undefined)));
    let designCalls = 0;
    model.route((call) => (call.task === 'design' && ++designCalls === 1 ? hold : undefined));
    drill.cleanup(() => release());
    const env = { DATA_DIR: drill.dataDir(), SLACK_API_URL: fake.url, ...model.env };

    const first = await drill.startBot(env);
    const thread = await startDesign(fake, first);
    await until(() => designCalls >= 1, 30_000, 'the design call to reach the model');
    await until(() => botMessages(fake, thread).some(isProgress), 10_000, 'the progress message');
    await kill(first);
    release();

    const restartedAt = Date.now();
    await drill.startBot(env);
    await until(() => botMessages(fake, thread).some(isChecklist), 60_000, 'the design after the restart');
    const recoveredMs = Date.now() - restartedAt;
    await new Promise((r) => setTimeout(r, 1500)); // anything still on its way would show up as a duplicate
    expectWholeDesignOnce(fake, thread);
    expect(recoveredMs).toBeLessThan(60_000);
    console.info(`[drill] killed during the model call: design complete ${Math.round(recoveredMs / 100) / 10} s after the restart`);
  });

  it('killed between sections: the restart posts only what is missing', { timeout: 180_000 }, async ({ onTestFinished }) => {
    const drill = drillKit(onTestFinished);
    const fake = await drill.slackFake();
    const env = { DATA_DIR: drill.dataDir(), SLACK_API_URL: fake.url };
    const first = await drill.startBot(env);
    const thread = await startDesign(fake, first);
    await until(() => {
      const messages = botMessages(fake, thread);
      return headers(messages).length === 1 && messages.length >= 3;
    }, 30_000, 'the header and a couple of sections');
    first.child.kill('SIGKILL');
    await exited(first.child, 10_000);
    const before = botMessages(fake, thread).length;
    expect(botMessages(fake, thread).some(isChecklist)).toBe(false);

    const restartedAt = Date.now();
    await drill.startBot(env);
    await until(() => botMessages(fake, thread).some(isChecklist), 60_000, 'the rest of the design after the restart');
    const recoveredMs = Date.now() - restartedAt;
    await new Promise((r) => setTimeout(r, 1500));
    const { messages } = expectWholeDesignOnce(fake, thread);
    expect(messages).toBeGreaterThan(before);
    console.info(`[drill] killed between sections (${before} messages posted): rest posted ${Math.round(recoveredMs / 100) / 10} s after the restart, ${messages} messages, no duplicates`);
  });
});

const adminUrl = testDatabaseUrl();

describe.skipIf(!adminUrl).concurrent('crash drill on PostgreSQL: two replicas, one killed', () => {
  it('the surviving replica finishes the dead one’s design within 60 s, once', { timeout: 180_000 }, async ({ onTestFinished }) => {
    const drill = drillKit(onTestFinished);
    const fake = await drill.slackFake();
    const model = await drill.scriptedModel();
    const db = await freshPostgresDatabase(adminUrl!);
    drill.cleanup(() => db.drop());
    let release: () => void = () => {};
    const hold = new Promise<undefined>((resolve) => (release = () => resolve(undefined)));
    let designCalls = 0;
    model.route((call) => (call.task === 'design' && ++designCalls === 1 ? hold : undefined));
    drill.cleanup(() => release());
    const env = { DATABASE_URL: db.url, SLACK_API_URL: fake.url, ...model.env };

    const replicas = [await drill.startBot(env), await drill.startBot(env)];
    const thread = await startDesign(fake, replicas[0]!);
    await until(() => designCalls >= 1, 30_000, 'the design call to reach the model');
    // Kill the replica that holds the job (its lease names its pid).
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ worker_id: string }>('SELECT worker_id FROM pgboss.ia_job_lease');
    await client.end();
    const holder = replicas.find((r) => rows.some((row) => row.worker_id.split(':')[1] === String(r.child.pid)));
    expect(holder).toBeDefined();
    const killedAt = Date.now();
    await kill(holder!);
    release();

    await until(() => botMessages(fake, thread).some(isChecklist), 60_000, 'the surviving replica to finish the design');
    const recoveredMs = Date.now() - killedAt;
    await new Promise((r) => setTimeout(r, 1500));
    expectWholeDesignOnce(fake, thread);
    expect(recoveredMs).toBeLessThan(60_000);
    console.info(`[drill] PostgreSQL replica killed during the model call: the other finished ${Math.round(recoveredMs / 100) / 10} s later`);
  });
});

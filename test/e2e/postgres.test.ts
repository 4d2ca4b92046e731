import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createRepositories } from '../../src/db/index.js';
import { startRuntime, type Runtime } from '../../src/runtime.js';
import { createSlackDriver } from '../../src/sandbox/driver.js';
import { startSlackApiFake, type SlackApiFake } from '../../src/sandbox/slack-api-fake.js';
import { freshPostgresDatabase, testDatabaseUrl } from '../helpers/db.js';
import { alice, general, SIGNING_SECRET } from './harness.js';

/**
 * The whole app on a real PostgreSQL server (DATABASE_URL: pg pool, native pg-boss), run as two instances
 * behind one Slack — the way it is deployed for availability. Runs when TEST_DATABASE_URL is set (CI sets it).
 */
const adminUrl = testDatabaseUrl();

describe.skipIf(!adminUrl)('two bot instances on one PostgreSQL server', () => {
  let fake: SlackApiFake;
  let db: { url: string; drop(): Promise<void> };
  const instances: Runtime[] = [];

  beforeAll(async () => {
    fake = await startSlackApiFake();
    db = await freshPostgresDatabase(adminUrl!);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '4',
      SLACK_BOT_TOKEN: 'xoxb-pg-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      JOB_CONCURRENCY: '2',
    });
    const options = {
      jobSettings: { pollingIntervalSeconds: 0.5, retry: { retryLimit: 2, retryDelay: 1, retryBackoff: false } },
      postGapMs: 20,
      progressIntervalMs: 50,
    };
    // Started together: migrations and pg-boss setup must tolerate a concurrent start.
    instances.push(...(await Promise.all([startRuntime(config, options), startRuntime(config, options)])));
  }, 60_000);

  afterAll(async () => {
    for (const r of instances) await r.stop();
    await fake?.close();
    await db?.drop();
  });

  it('designs, revises and searches with each design made exactly once, whichever instance Slack reaches', async () => {
    const [a, b] = instances as [Runtime, Runtime];
    const driverA = createSlackDriver({ botUrl: `${a.url}/slack/events`, signingSecret: SIGNING_SECRET, teamId: fake.teamId, fake });
    const driverB = createSlackDriver({ botUrl: `${b.url}/slack/events`, signingSecret: SIGNING_SECRET, teamId: fake.teamId, fake });
    const repos = createRepositories(a.database);
    const waitFor = async <T>(probe: () => Promise<T | undefined | null | false>, what: string): Promise<T> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const v = await probe();
        if (v) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    // The same command reaching both instances (a Slack retry landing on the other one) is one design.
    const command = { command: '/integration-design', text: 'sync Stripe payments into Salesforce', userId: alice.id, channelId: general.id, triggerId: 'pg-trigger-1' };
    await Promise.all([driverA.slashCommand(command), driverB.slashCommand({ ...command, retryNum: 1 })]);
    const root = await waitFor(async () => fake.callsTo('chat.postMessage').find((c) => c.response.ok && c.args.thread_ts === undefined), 'the root');
    const thread = String(root.response.ts);
    const conversation = await waitFor(() => repos.conversations.findConversationByThread(fake.teamId, general.id, thread), 'the conversation');
    await waitFor(() => repos.revisions.getRevision(conversation.id), 'revision 1');

    // A change request delivered to the other instance builds revision 2.
    await driverB.messageEvent({ channel: general.id, user: alice.id, text: 'Change the volume to 3 million events per day', threadTs: thread });
    await waitFor(async () => (await repos.revisions.getRevision(conversation.id, 2)) ?? undefined, 'revision 2');
    await Promise.all([a.idle(), b.idle()]);

    const roots = fake.callsTo('chat.postMessage').filter((c) => c.response.ok && c.args.thread_ts === undefined);
    expect(roots).toHaveLength(1);
    expect((await repos.revisions.listRevisions(conversation.id)).map((r) => r.revision)).toEqual([1, 2]);
    const headers = fake.state.messages(general.id, { threadTs: thread }).filter((m) => JSON.stringify(m.blocks ?? []).includes('export_markdown'));
    expect(headers).toHaveLength(2); // one header per revision: no job ran twice

    const found = await repos.search.searchDesigns({ teamId: fake.teamId, query: 'stripe salesforce', visiblePrivateChannelIds: [] });
    expect(found.results.map((r) => [r.conversationId, r.revision])).toEqual([[conversation.id, 2]]);
  });
});

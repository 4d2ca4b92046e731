import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/index.js';
import { createSlackDriver } from '../../src/sandbox/driver.js';
import { alice, bob, general, SIGNING_SECRET, startBot, type Bot } from './harness.js';

/** The less-travelled surfaces: other workspaces, DMs, subcommands, the form, paging, and OAuth install mode. */

let bot: Bot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot?.stop();
});

const OTHER_TEAM = 'T0OTHERTEAM';

async function ephemeralAfter(before: number) {
  return bot.waitFor(() => bot.fake.state.responseUrlPosts.slice(before)[0], 'an ephemeral answer');
}

async function designAndWait(driver: ReturnType<typeof createSlackDriver>, teamId: string, text: string) {
  const repos = createRepositories(bot.runtime.database);
  const before = bot.posts().length;
  await driver.slashCommand({ command: '/integration-design', text, userId: alice.id, channelId: general.id });
  const root = await bot.waitFor(() => bot.posts().slice(before).find((c) => c.args.thread_ts === undefined), 'root');
  return bot.waitFor(async () => {
    const conv = await repos.conversations.findConversationByThread(teamId, general.id, String(root.response.ts));
    return conv && (await repos.revisions.getRevision(conv.id)) ? conv : undefined;
  }, 'the design');
}

describe('workspaces never see each other', () => {
  it("a design made in another workspace never shows up in this one's search, and vice versa", async () => {
    const other = createSlackDriver({ botUrl: `${bot.runtime.url}/slack/events`, signingSecret: SIGNING_SECRET, teamId: OTHER_TEAM, fake: bot.fake });
    await designAndWait(other, OTHER_TEAM, 'sync Shopify orders into Xero');
    await designAndWait(bot.driver, bot.fake.teamId, 'sync Stripe invoices into Xero');

    let before = bot.fake.state.responseUrlPosts.length;
    await bot.driver.slashCommand({ command: '/integration-design', text: 'search xero', userId: alice.id, channelId: general.id });
    const mine = JSON.stringify((await ephemeralAfter(before)).body);
    expect(mine).toContain('Stripe');
    expect(mine).not.toContain('Shopify');

    before = bot.fake.state.responseUrlPosts.length;
    await other.slashCommand({ command: '/integration-design', text: 'search xero', userId: alice.id, channelId: general.id });
    const theirs = JSON.stringify((await ephemeralAfter(before)).body);
    expect(theirs).toContain('Shopify');
    expect(theirs).not.toContain('Stripe invoices');
  });

  it('the next-page button repeats the same search as the same caller', async () => {
    const before = bot.fake.state.responseUrlPosts.length;
    await bot.driver.blockAction({ userId: alice.id, channelId: general.id, messageTs: '1.000001', actionId: 'search_page', value: JSON.stringify({ query: 'xero system:Stripe', offset: 0 }) });
    const page = await ephemeralAfter(before);
    expect(page.body.replace_original).toBe(true);
    expect(JSON.stringify(page.body)).toContain('Stripe');
    expect(JSON.stringify(page.body)).not.toContain('Shopify');
  });

  it('a button value naming another workspace\'s conversation does nothing', async () => {
    const repos = createRepositories(bot.runtime.database);
    const theirs = (await repos.conversations.listRecentConversations({ teamId: OTHER_TEAM, userId: alice.id, visiblePrivateChannelIds: [] }))[0]!;
    const uploads = bot.fake.callsTo('files.completeUploadExternal').length;
    await bot.driver.blockAction({ userId: alice.id, channelId: general.id, messageTs: '1.000002', actionId: 'export_markdown', value: theirs.id });
    await bot.idle();
    expect(bot.fake.callsTo('files.completeUploadExternal')).toHaveLength(uploads);
  });
});

describe('subcommands and places', () => {
  it('in a DM it explains to run the command in a channel instead', async () => {
    const dm = bot.fake.state.openIm(alice.id);
    const before = bot.fake.state.responseUrlPosts.length;
    await bot.driver.slashCommand({ command: '/integration-design', text: 'sync Stripe into Salesforce', userId: alice.id, channelId: dm.id });
    const answer = JSON.stringify((await ephemeralAfter(before)).body);
    expect(answer).toMatch(/channel/);
    expect(answer).toContain('/invite');
  });

  it('a direct message to the bot gets a how-to pointing at channels, once per delivery', async () => {
    const dm = bot.fake.state.openIm(alice.id);
    const delivery = { channel: dm.id, user: alice.id, text: 'hi, can you design something?', eventId: 'Ev0DMHELLO1' };
    await bot.driver.messageEvent(delivery);
    await bot.driver.messageEvent({ ...delivery, retryNum: 1, retryReason: 'http_timeout' });
    const reply = await bot.waitFor(() => bot.posts().find((c) => c.args.channel === dm.id), 'the DM reply');
    expect(JSON.stringify(reply.args)).toContain('/invite');
    await bot.idle();
    expect(bot.posts().filter((c) => c.args.channel === dm.id)).toHaveLength(1);
  });

  it('the message shortcut designs from a message, in that message’s thread; a second use there is refused', async () => {
    const request =
      'we need to push new orders from our storefront app (Postgres) into NetSuite. ~40k orders/day, 5x peak on Black Friday. NetSuite only gives us 5 concurrent requests, and orders must land within 10 min';
    const { ts } = await bot.driver.messageEvent({ channel: general.id, user: bob.id, text: request });
    const res = await bot.driver.messageShortcut({ userId: alice.id, callbackId: 'design_from_message', channelId: general.id, messageTs: ts });
    expect(res.status).toBe(200);
    const repos = createRepositories(bot.runtime.database);
    const conversation = await bot.waitFor(() => repos.conversations.findConversationByThread(bot.fake.teamId, general.id, ts), 'the conversation on that message');
    expect(conversation.userId).toBe(alice.id);
    const revision = await bot.waitFor(() => repos.revisions.getRevision(conversation.id), 'the design', 30_000);
    expect(revision.markdown).toContain('40,000');
    const inThread = () => bot.fake.state.messages(general.id, { threadTs: ts }).filter((m) => m.bot_id);
    await bot.waitFor(() => inThread().some((m) => JSON.stringify(m.blocks ?? []).includes('export_markdown')), 'the design in the thread');
    expect(inThread()[0]!.text).toContain('from this message');

    const before = bot.fake.state.responseUrlPosts.length;
    await bot.driver.messageShortcut({ userId: alice.id, callbackId: 'design_from_message', channelId: general.id, messageTs: ts });
    expect(JSON.stringify((await ephemeralAfter(before)).body)).toContain('already has a design');
  });

  it('an unknown subcommand gets help', async () => {
    const before = bot.fake.state.responseUrlPosts.length;
    await bot.driver.slashCommand({ command: '/integration-design', text: 'frobnicate', userId: alice.id, channelId: general.id });
    const answer = JSON.stringify((await ephemeralAfter(before)).body);
    expect(answer).toContain('frobnicate');
    expect(answer).toContain('search');
  });

  it('`form` opens the modal; submitting it starts a design thread in the channel', async () => {
    const repos = createRepositories(bot.runtime.database);
    await bot.driver.slashCommand({ command: '/integration-design', text: 'form', userId: alice.id, channelId: general.id });
    const opened = await bot.waitFor(() => bot.fake.callsTo('views.open').filter((c) => c.response.ok).at(-1), 'views.open');
    const view = opened.args.view as { private_metadata: string };
    expect(view.private_metadata).toBe(`new:${general.id}`);
    const before = bot.posts().length;
    const res = await bot.driver.viewSubmission({
      userId: alice.id,
      callbackId: 'design_form',
      privateMetadata: view.private_metadata,
      values: {
        systems: { value: { type: 'plain_text_input', value: 'Pipedrive: sales CRM\nMailchimp: email marketing' } },
        flows: { value: { type: 'plain_text_input', value: 'Pipedrive -> Mailchimp: won deals become audience members' } },
      },
    });
    expect(res.status).toBe(200);
    const root = await bot.waitFor(() => bot.posts().slice(before).find((c) => c.args.thread_ts === undefined), 'the root message');
    expect(String(root.args.text)).toContain('Pipedrive');
    const conv = await bot.waitFor(
      () => repos.conversations.findConversationByThread(bot.fake.teamId, general.id, String(root.response.ts)),
      'the conversation',
    );
    const rev = await bot.waitFor(() => repos.revisions.getRevision(conv.id), 'the design');
    expect(rev.systems).toEqual(['Pipedrive', 'Mailchimp']);
  });
});

describe('per-person limit on new designs', () => {
  it('answers a person over the limit ephemerally with when to retry; others are unaffected', async () => {
    const limited = await startBot({ env: { DESIGNS_PER_USER_PER_HOUR: '2' } });
    try {
      const start = (user: string, text: string) =>
        limited.driver.slashCommand({ command: '/integration-design', text, userId: user, channelId: general.id });
      await start(alice.id, 'sync Stripe payments into Salesforce');
      await start(alice.id, 'sync Shopify orders into NetSuite');
      await start(alice.id, 'sync Zendesk tickets into Jira');
      const refusal = await limited.waitFor(
        () => limited.fake.state.responseUrlPosts.find((p) => JSON.stringify(p.body).includes('started a lot of designs')),
        'the slow-down answer',
      );
      expect(refusal.body.response_type ?? 'ephemeral').toBe('ephemeral');
      expect(JSON.stringify(refusal.body)).toMatch(/about \d+ min/);
      await start(bob.id, 'sync GitHub issues into Jira');
      await limited.waitFor(() => limited.posts().filter((c) => c.args.thread_ts === undefined).length === 3, 'three roots');
      await limited.idle();
      // Commands acked at once are worked on concurrently, so which of Alice's three is refused is not fixed: one is.
      const roots = limited.posts().filter((c) => c.args.thread_ts === undefined).map((c) => String(c.args.text));
      expect(roots.filter((t) => /Stripe|Shopify|Zendesk/.test(t))).toHaveLength(2);
      expect(roots.some((t) => t.includes('GitHub'))).toBe(true);
    } finally {
      await limited.stop();
    }
  });
});

describe('OAuth (multi-workspace) mode', () => {
  it('serves /slack/install with the manifest scopes, and ignores workspaces that never installed it', async () => {
    const oauthBot = await startBot({
      env: {
        SLACK_BOT_TOKEN: '',
        SLACK_CLIENT_ID: '123.456',
        SLACK_CLIENT_SECRET: 'client-secret',
        SLACK_STATE_SECRET: 'state-secret',
        ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      },
    });
    try {
      const res = await fetch(`${oauthBot.runtime.url}/slack/install`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get('location')!);
      expect(location.pathname).toBe('/oauth/v2/authorize');
      expect(location.searchParams.get('client_id')).toBe('123.456');
      expect(location.searchParams.get('scope')?.split(',')).toEqual(
        expect.arrayContaining(['commands', 'chat:write', 'channels:history', 'files:write']),
      );
      // Bolt acks but calls no listener when no installation authorizes the workspace.
      const command = await oauthBot.driver.slashCommand({ command: '/integration-design', text: 'sync Stripe into HubSpot', userId: alice.id, channelId: general.id });
      expect(command.status).toBe(200);
      await oauthBot.idle();
      expect(oauthBot.fake.state.responseUrlPosts).toHaveLength(0);
      expect(oauthBot.fake.callsTo('chat.postMessage')).toHaveLength(0);
      const repos = createRepositories(oauthBot.runtime.database, { encryptionKey: Buffer.alloc(32, 9) });
      expect(await repos.conversations.listRecentConversations({ teamId: oauthBot.fake.teamId, userId: alice.id, visiblePrivateChannelIds: [] })).toHaveLength(0);

      // An admin installs: /slack/install sets a state cookie and sends them to Slack, which redirects back
      // with a code; the callback exchanges it (oauth.v2.access) and stores the installation encrypted.
      const state = location.searchParams.get('state')!;
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      const callback = await fetch(`${oauthBot.runtime.url}/slack/oauth_redirect?code=code-1&state=${encodeURIComponent(state)}`, {
        headers: { cookie },
        redirect: 'manual',
      });
      expect(callback.status).toBe(200);
      expect(await callback.text()).toContain('Integration Architect is installed');
      expect(oauthBot.fake.callsTo('oauth.v2.access').map((c) => c.response.ok)).toEqual([true]);
      const installed = await repos.installations!.getInstallation(oauthBot.fake.teamId);
      expect(installed?.botToken).toMatch(/^xoxb-installed-/);
      const raw = await oauthBot.runtime.database.db.execute(sql`select * from installations`);
      expect(JSON.stringify(raw)).not.toContain(installed!.botToken);

      // The same code again (a replayed redirect) installs nothing new.
      const replay = await fetch(`${oauthBot.runtime.url}/slack/oauth_redirect?code=code-1&state=${encodeURIComponent(state)}`, {
        headers: { cookie },
        redirect: 'manual',
      });
      expect(replay.status).toBe(400);
      expect(await replay.text()).toContain('start the installation again');
      expect(oauthBot.fake.callsTo('oauth.v2.access').filter((c) => c.response.ok)).toHaveLength(1);

      // Now the workspace's own stored token is used.
      await oauthBot.driver.slashCommand({ command: '/integration-design', text: 'sync Stripe payments into HubSpot', userId: alice.id, channelId: general.id });
      const root = await oauthBot.waitFor(() => oauthBot.fake.callsTo('chat.postMessage').find((c) => c.response.ok), 'the root message');
      expect(String(root.args.text)).toContain('Integration design');
      await oauthBot.waitFor(async () => (await repos.conversations.listRecentConversations({ teamId: oauthBot.fake.teamId, userId: alice.id, visiblePrivateChannelIds: [] }))[0]?.status === 'ready', 'the design');
    } finally {
      await oauthBot.stop();
    }
  });
});

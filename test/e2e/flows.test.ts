import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/index.js';
import { alice, bob, general, messageText, random, rootOf, secret, startBot, startDesignThread, type Bot } from './harness.js';

/** Full flows through the real Bolt app over signed HTTP, with the Web API calls landing in the Local Slack. */

let bot: Bot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot?.stop();
});

const repos = () => createRepositories(bot.runtime.database);

async function revisionsOf(threadTs: string, channel: string = general.id, teamId: string = bot.fake.teamId) {
  const conversation = await repos().conversations.findConversationByThread(teamId, channel, threadTs);
  return conversation ? repos().revisions.listRevisions(conversation.id) : [];
}

const designThread = (text: string, channel: string = general.id, user: string = alice.id) => startDesignThread(bot, text, { channel, user });

const waitForRevision = (threadTs: string, n: number, channel: string = general.id) =>
  bot.waitFor(async () => {
    const revs = await revisionsOf(threadTs, channel);
    return revs.length >= n ? revs : undefined;
  }, `revision ${n}`);

describe('interview → design', () => {
  it('asks for what is missing in the thread, then posts the design in sections and saves revision 1', async () => {
    const thread = await designThread('sync Acme invoices into Salesforce');
    const question = await bot.waitFor(
      () => bot.posts(thread).find((c) => /missing|need/i.test(messageText(c))),
      'the question in the thread',
    );
    const asked = messageText(question);
    expect(asked).toContain('Acme');
    expect(asked).toMatch(/e\.g\.|example/i);
    expect(asked).toMatch(/tens of thousands|30 seconds/); // the defaults it will assume
    expect(JSON.stringify(question.args.blocks)).toContain('open_form');
    expect(await revisionsOf(thread)).toHaveLength(0);

    await bot.driver.messageEvent({ channel: general.id, user: alice.id, text: 'Acme is our in-house billing platform', threadTs: thread });
    const [rev] = await waitForRevision(thread, 1);
    expect(rev!.revision).toBe(1);
    expect(rev!.systems).toEqual(expect.arrayContaining(['Acme', 'Salesforce']));

    await bot.waitFor(() => bot.posts(thread).some((c) => /Implementation checklist/i.test(messageText(c))), 'the last section');
    const texts = bot.posts(thread).map(messageText).join('\n');
    for (const heading of ['Integration pattern', 'Authentication', 'Error handling', 'Monitoring', 'Failure modes', 'Implementation checklist']) {
      expect(texts).toContain(heading);
    }
    // The live draft (streamed while the design was written) was replaced by the result: it is now the header,
    // with the buttons.
    const [header] = bot.headers(general.id, thread);
    expect(header).toBeDefined();
    expect(bot.fake.callsTo('chat.update').some((c) => c.args.ts === header!.ts && JSON.stringify(c.args.blocks).includes('export_markdown'))).toBe(true);
    expect(bot.fake.callsTo('chat.startStream').some((c) => c.args.thread_ts === thread && c.response.ts === header!.ts)).toBe(true);
  });

  it('says what to do in a channel the bot is not in, and records nothing', async () => {
    const before = bot.fake.calls.length;
    const res = await bot.driver.slashCommand({ command: '/integration-design', text: 'sync Stripe into HubSpot', userId: alice.id, channelId: random.id });
    expect(res.status).toBe(200);
    const notice = await bot.waitFor(
      () => bot.fake.state.responseUrlPosts.find((p) => JSON.stringify(p.body).includes('/invite')),
      'the invite instructions',
    );
    expect(notice.body.response_type ?? 'ephemeral').toBe('ephemeral');
    expect(bot.fake.calls.slice(before).some((c) => c.method === 'chat.postMessage' && c.args.channel === random.id && c.response.ok)).toBe(false);
  });
});

describe('iterating in the thread', () => {
  let thread: string;
  beforeAll(async () => {
    thread = await designThread('sync Stripe payments into Salesforce');
    await waitForRevision(thread, 1);
  });

  it('a change request makes revision 2 and says what changed', async () => {
    const before = bot.posts(thread).length;
    await bot.driver.messageEvent({ channel: general.id, user: alice.id, text: 'Change the volume to 2 million events per day', threadTs: thread });
    const revs = await waitForRevision(thread, 2);
    expect(revs.map((r) => r.revision)).toEqual([1, 2]);
    expect(JSON.stringify(revs[1]!.inputs)).toContain('2000000');
    const changed = await bot.waitFor(
      () => bot.posts(thread).slice(before).find((c) => /what changed|revision 2/i.test(messageText(c))),
      'the what-changed message',
    );
    expect(messageText(changed)).toMatch(/volume|2,000,000|2 million/i);
  });

  it('a question is answered in the thread without a new revision', async () => {
    const revsBefore = (await revisionsOf(thread)).length;
    const before = bot.posts(thread).length;
    await bot.driver.messageEvent({ channel: general.id, user: bob.id, text: 'Why did you choose these retry parameters?', threadTs: thread });
    const answer = await bot.waitFor(() => bot.posts(thread).slice(before).find((c) => /retr/i.test(messageText(c))), 'the answer');
    expect(messageText(answer).length).toBeGreaterThan(20);
    await bot.idle();
    expect(await revisionsOf(thread)).toHaveLength(revsBefore);
  });

  it('ignores edits, deletions, bot messages and its own posts', async () => {
    const before = bot.posts(thread).length;
    await bot.driver.messageEvent({ channel: general.id, user: alice.id, text: 'edited', threadTs: thread, subtype: 'message_changed' });
    await bot.driver.messageEvent({ channel: general.id, user: alice.id, text: 'deleted', threadTs: thread, subtype: 'message_deleted' });
    await bot.driver.messageEvent({ channel: general.id, user: 'U0OTHERBOT', text: 'beep', threadTs: thread, botId: 'B0OTHER' });
    await bot.driver.messageEvent({ channel: general.id, user: bot.fake.botUserId, text: 'my own words', threadTs: thread });
    await bot.idle();
    expect(bot.posts(thread)).toHaveLength(before);
  });
});

describe('delivery guarantees', () => {
  it('the same command delivered three times (Slack retries) makes one design', async () => {
    const command = { command: '/integration-design', text: 'sync Shopify orders into NetSuite', userId: alice.id, channelId: general.id, triggerId: 'trig-dup-1' };
    const responses = [
      await bot.driver.slashCommand(command),
      await bot.driver.slashCommand({ ...command, retryNum: 1 }),
      await bot.driver.slashCommand({ ...command, retryNum: 2 }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    const thread = await bot.waitFor(
      () => bot.posts().find((c) => c.args.thread_ts === undefined && String(c.args.text).includes('Shopify')),
      'the root',
    );
    await waitForRevision(String(thread.response.ts), 1);
    await bot.idle();
    const roots = bot.posts().filter((c) => c.args.thread_ts === undefined && String(c.args.text).includes('Shopify orders into NetSuite'));
    expect(roots).toHaveLength(1);
    expect(await revisionsOf(String(thread.response.ts))).toHaveLength(1);
  });

  it('a thread reply delivered twice (same event id) is processed once', async () => {
    const thread = await designThread('sync Zendesk tickets into Jira');
    await waitForRevision(thread, 1);
    const before = (await revisionsOf(thread)).length;
    const reply = { channel: general.id, user: alice.id, text: 'Use 500000 events per day instead', threadTs: thread, eventId: 'Ev0DUPLICATE1' };
    await bot.driver.messageEvent(reply);
    await bot.driver.messageEvent({ ...reply, retryNum: 1, retryReason: 'http_timeout' });
    await waitForRevision(thread, before + 1);
    await bot.idle();
    expect(await revisionsOf(thread)).toHaveLength(before + 1);
  });

  it('forged signatures and 6-minute-old timestamps are rejected with 401 and nothing is recorded', async () => {
    // Work left over from earlier tests (a Home refresh, a retried post) must not be counted against these requests.
    await bot.idle();
    const callsBefore = bot.fake.calls.length;
    const body = new URLSearchParams({
      command: '/integration-design',
      text: 'sync Stripe into Salesforce',
      team_id: bot.fake.teamId,
      channel_id: general.id,
      user_id: alice.id,
      trigger_id: 'forged-1',
    }).toString();
    const forged = await bot.driver.raw({ body, contentType: 'application/x-www-form-urlencoded', signature: 'forged' });
    const stale = await bot.driver.raw({ body, contentType: 'application/x-www-form-urlencoded', timestampOffsetSeconds: -360 });
    const unsigned = await bot.driver.raw({ body, contentType: 'application/x-www-form-urlencoded', signature: 'missing' });
    expect([forged.status, stale.status, unsigned.status]).toEqual([401, 401, 401]);
    await bot.idle();
    expect(bot.fake.calls.length).toBe(callsBefore);
    expect(await repos().processedEvents.claimOnce(`probe-${Date.now()}`)).toBe(true);
  });

  it('oversized and malformed payloads are refused', async () => {
    const huge = `payload=${'x'.repeat(1024 * 1024 + 10)}`;
    const tooBig = await bot.driver.raw({ body: huge, contentType: 'application/x-www-form-urlencoded' });
    expect(tooBig.status).toBe(413);
    const malformed = await bot.driver.raw({ body: '{"type":"event_callback",', contentType: 'application/json' });
    expect(malformed.status).toBe(400);
  });

  it('a rate-limited chat.postMessage is retried after Retry-After and nothing is lost', async () => {
    bot.fake.rateLimitNext('chat.postMessage', 1, 2);
    const thread = await designThread('sync GitHub issues into Jira');
    await waitForRevision(thread, 1);
    await bot.waitFor(() => bot.posts(thread).some((c) => /Implementation checklist/i.test(messageText(c))), 'all sections');
    const limited = bot.fake.callsTo('chat.postMessage').filter((c) => c.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(2);
  });
});

describe('buttons, search and App Home', () => {
  let thread: string;
  let conversationId: string;
  beforeAll(async () => {
    thread = await designThread('sync Stripe refunds into QuickBooks');
    await waitForRevision(thread, 1);
    conversationId = (await repos().conversations.findConversationByThread(bot.fake.teamId, general.id, thread))!.id;
  });

  it('Export Markdown uploads the document as a .md file into the thread', async () => {
    const header = await bot.waitFor(() => bot.headers(general.id, thread)[0], 'the design header with its buttons');
    await bot.driver.blockAction({
      userId: alice.id,
      channelId: general.id,
      messageTs: header.ts,
      threadTs: thread,
      actionId: 'export_markdown',
      value: conversationId,
    });
    const file = await bot.waitFor(() => [...bot.fake.state.files.values()].find((f) => f.completed && f.filename.endsWith('.md')), 'the file');
    const [rev] = await revisionsOf(thread);
    const exported = file.bytes?.toString('utf8') ?? '';
    expect(exported.startsWith(rev!.markdown.trimEnd())).toBe(true);
    // The diagram's Graphviz source travels with the document.
    expect(exported).toMatch(/```dot\ndigraph integration \{[\s\S]*QuickBooks[\s\S]*\}\n```/);
    expect(file.shares.some((s) => s.channel === general.id)).toBe(true);
  });

  it('Regenerate writes a new revision', async () => {
    await bot.driver.blockAction({ userId: alice.id, channelId: general.id, messageTs: thread, threadTs: thread, actionId: 'regenerate', value: conversationId });
    const revs = await waitForRevision(thread, 2);
    expect(revs).toHaveLength(2);
  });

  it('search shows only what the caller may see', async () => {
    const privateThread = await designThread('sync Stripe disputes into Zendesk', secret.id, alice.id);
    await waitForRevision(privateThread, 1, secret.id);

    const search = async (user: string, query: string, teamId?: string) => {
      const before = bot.fake.state.responseUrlPosts.length;
      const driver = teamId ? { ...bot.driver } : bot.driver;
      await driver.slashCommand({ command: '/integration-design', text: `search ${query}`, userId: user, channelId: general.id, ...(teamId ? { teamId } : {}) });
      const post = await bot.waitFor(() => bot.fake.state.responseUrlPosts.slice(before)[0], 'search results');
      return JSON.stringify(post.body);
    };
    const forAlice = await search(alice.id, 'stripe');
    expect(forAlice).toContain('Zendesk');
    expect(forAlice).toContain('QuickBooks');
    const forBob = await search(bob.id, 'stripe');
    expect(forBob).toContain('QuickBooks');
    expect(forBob).not.toContain('Zendesk');
  });

  it('someone removed from a private channel stops finding its designs at once: search, list and App Home', async () => {
    const ephemeral = async (text: string) => {
      const before = bot.fake.state.responseUrlPosts.length;
      await bot.driver.slashCommand({ command: '/integration-design', text, userId: alice.id, channelId: general.id });
      return JSON.stringify((await bot.waitFor(() => bot.fake.state.responseUrlPosts.slice(before)[0], text)).body);
    };
    // The private design's title (alice also has a public Zendesk → Jira design).
    const inSecret = 'Stripe → Zendesk';
    // Seen (and cached) while alice is a member.
    expect(await ephemeral('search zendesk')).toContain(inSecret);
    expect(await ephemeral('list')).toContain(inSecret);

    // Home refreshes still in flight from earlier designs must not be mistaken for the one under test.
    await bot.idle();
    const members = bot.fake.state.channels.get(secret.id)!.members;
    members.delete(alice.id);
    const publishes = bot.fake.callsTo('views.publish').length;
    try {
      await bot.driver.eventCallback({ type: 'member_left_channel', user: alice.id, channel: secret.id, channel_type: 'G', team: bot.fake.teamId });
      const home = await bot.waitFor(() => bot.fake.callsTo('views.publish').slice(publishes).find((c) => c.args.user_id === alice.id), 'Home republished');
      expect(JSON.stringify(home.args.view)).not.toContain(inSecret);
      expect(await ephemeral('search zendesk')).not.toContain(inSecret);
      expect(await ephemeral('list')).not.toContain(inSecret);
    } finally {
      members.add(alice.id);
      await bot.driver.eventCallback({ type: 'member_joined_channel', user: alice.id, channel: secret.id, channel_type: 'G', team: bot.fake.teamId });
    }
    expect(await ephemeral('search zendesk')).toContain(inSecret);
  });

  it('the author\'s App Home is refreshed when a design is posted, without reopening it', async () => {
    const publishes = bot.fake.callsTo('views.publish').filter((c) => c.args.user_id === bob.id).length;
    const thread = await designThread('sync Stripe disputes into Jira', general.id, bob.id);
    await waitForRevision(thread, 1);
    const refreshed = await bot.waitFor(
      () => bot.fake.callsTo('views.publish').filter((c) => c.args.user_id === bob.id).slice(publishes)[0],
      'the refreshed Home',
    );
    expect(JSON.stringify(refreshed.args.view)).toContain('Jira');
  });

  it('App Home lists the user\'s recent designs', async () => {
    await bot.driver.appHomeOpened({ user: alice.id });
    const publish = await bot.waitFor(() => bot.fake.callsTo('views.publish').find((c) => c.args.user_id === alice.id), 'views.publish');
    expect(JSON.stringify(publish.args.view)).toMatch(/QuickBooks|Salesforce/);
    expect(bot.fake.state.homeView(alice.id)).toBeDefined();
  });

  it('Open form opens a modal prefilled with the inputs; a bad submission gets inline errors', async () => {
    await bot.driver.blockAction({ userId: alice.id, channelId: general.id, messageTs: thread, threadTs: thread, actionId: 'open_form', value: conversationId });
    const opened = await bot.waitFor(() => bot.fake.callsTo('views.open').find((c) => c.response.ok), 'views.open');
    expect(JSON.stringify(opened.args.view)).toContain('QuickBooks');
    const res = await bot.driver.viewSubmission({
      userId: alice.id,
      callbackId: 'design_form',
      privateMetadata: conversationId,
      values: { systems: { systems: { type: 'plain_text_input', value: 'OnlyOne: lonely' } } },
    });
    expect(res.status).toBe(200);
    expect((res.json as { response_action?: string }).response_action).toBe('errors');
  });

  it('help, list and unknown subcommands answer ephemerally', async () => {
    const before = bot.fake.state.responseUrlPosts.length;
    await bot.driver.slashCommand({ command: '/integration-design', text: 'help', userId: alice.id, channelId: general.id });
    await bot.driver.slashCommand({ command: '/integration-design', text: 'list', userId: alice.id, channelId: general.id });
    const posts = await bot.waitFor(() => {
      const p = bot.fake.state.responseUrlPosts.slice(before);
      return p.length >= 2 ? p : undefined;
    }, 'two ephemeral answers');
    expect(JSON.stringify(posts[0]!.body)).toContain('search');
    expect(JSON.stringify(posts[1]!.body)).toMatch(/QuickBooks|Salesforce/);
  });
});

void rootOf;

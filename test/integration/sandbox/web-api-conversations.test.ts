import { beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CHANNELS, SANDBOX_USERS, type SlackApiFake } from '../../../src/sandbox/slack-api-fake.js';
import { clientFor, slackErrorOf, useSlackFake } from './helpers.js';

const { alice, bob, carol } = SANDBOX_USERS;

describe('Slack Web API fake — conversations.* and users.*', () => {
  const ctx = useSlackFake();
  let fake: SlackApiFake;
  beforeEach(() => {
    ({ fake } = ctx);
  });

  it('conversations.info tells private from public and whether the bot is a member', async () => {
    const client = clientFor(fake);
    const general = await client.conversations.info({ channel: SANDBOX_CHANNELS.general.id });
    expect(general.channel).toMatchObject({ is_private: false, is_im: false, is_member: true, name: 'general' });
    const secret = await client.conversations.info({ channel: SANDBOX_CHANNELS.secret.id });
    expect(secret.channel).toMatchObject({ is_private: true, is_member: true });
    const random = await client.conversations.info({ channel: SANDBOX_CHANNELS.random.id });
    expect(random.channel?.is_member).toBe(false);
    const dm = await client.conversations.open({ users: alice.id });
    const im = await client.conversations.info({ channel: dm.channel?.id as string });
    expect(im.channel).toMatchObject({ is_im: true, user: alice.id });
    expect((await slackErrorOf(() => client.conversations.info({ channel: 'C0MISSING1' }))).code).toBe('channel_not_found');
  });

  it('conversations.members paginates with cursors, and the WebClient paginator walks every page', async () => {
    const client = clientFor(fake);
    const members = Array.from({ length: 7 }, (_, i) => `U0MEMBER0${i}`);
    fake.addChannel({ id: 'C0BIG00001', name: 'big', members: [fake.botUserId, ...members] });
    const first = await client.conversations.members({ channel: 'C0BIG00001', limit: 3 });
    expect(first.members).toHaveLength(3);
    expect(first.response_metadata?.next_cursor).toBeTruthy();
    const all: string[] = [];
    for await (const page of client.paginate('conversations.members', { channel: 'C0BIG00001', limit: 3 })) {
      all.push(...((page as { members?: string[] }).members ?? []));
    }
    expect(all).toEqual([fake.botUserId, ...members]);
  });

  it('users.conversations lists the private channels a user is in (for search visibility)', async () => {
    const client = clientFor(fake);
    const ofAlice = await client.users.conversations({ user: alice.id, types: 'public_channel,private_channel' });
    expect(ofAlice.channels?.map((c) => c.id).sort()).toEqual(
      [SANDBOX_CHANNELS.general.id, SANDBOX_CHANNELS.random.id, SANDBOX_CHANNELS.secret.id].sort(),
    );
    const privateOfBob = await client.users.conversations({ user: bob.id, types: 'private_channel' });
    expect(privateOfBob.channels).toEqual([]);
    const privateOfAlice = await client.users.conversations({ user: alice.id, types: 'private_channel' });
    expect(privateOfAlice.channels?.map((c) => c.id)).toEqual([SANDBOX_CHANNELS.secret.id]);
    // Membership changes are visible at once.
    fake.state.channels.get(SANDBOX_CHANNELS.secret.id)?.members.add(carol.id);
    const privateOfCarol = await client.users.conversations({ user: carol.id, types: 'private_channel' });
    expect(privateOfCarol.channels?.map((c) => c.id)).toEqual([SANDBOX_CHANNELS.secret.id]);
    expect((await slackErrorOf(() => client.users.conversations({ user: 'U0NOBODY01' }))).code).toBe('user_not_found');
  });

  it('users.info returns profiles; unknown users fail', async () => {
    const client = clientFor(fake);
    const res = await client.users.info({ user: alice.id });
    expect(res.user).toMatchObject({ id: alice.id, name: 'alice', real_name: alice.realName, is_bot: false });
    fake.addUser({ id: 'U0DAVE0001', name: 'dave', realName: 'Dave', isBot: false });
    expect((await client.users.info({ user: 'U0DAVE0001' })).user?.real_name).toBe('Dave');
    expect((await slackErrorOf(() => client.users.info({ user: 'U0NOBODY01' }))).code).toBe('user_not_found');
  });

  it('conversations.replies and history see messages added by people through the state', async () => {
    const client = clientFor(fake);
    const general = SANDBOX_CHANNELS.general.id;
    const root = fake.state.addMessage({ channel: general, user: alice.id, text: 'design me a sync' });
    const bot = await client.chat.postMessage({ channel: general, thread_ts: root.ts, text: 'which systems?' });
    fake.state.addMessage({ channel: general, user: alice.id, text: 'Shopify and NetSuite', threadTs: root.ts });
    const replies = await client.conversations.replies({ channel: general, ts: bot.ts as string });
    expect(replies.messages?.map((m) => m.text)).toEqual(['design me a sync', 'which systems?', 'Shopify and NetSuite']);
    const history = await client.conversations.history({ channel: general });
    expect(history.messages?.map((m) => m.ts)).toEqual([root.ts]);
    expect((await slackErrorOf(() => client.conversations.replies({ channel: general, ts: '1.000001' }))).code).toBe(
      'thread_not_found',
    );
  });
});

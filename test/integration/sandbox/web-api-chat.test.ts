import { beforeEach, describe, expect, it } from 'vitest';
import { WebClientEvent } from '@slack/web-api';
import { SANDBOX_CHANNELS, SANDBOX_USERS, startSlackApiFake, type SlackApiFake } from '../../../src/sandbox/slack-api-fake.js';
import { BOT_TOKEN, clientFor, section, slackErrorOf, useSlackFake } from './helpers.js';

const GENERAL = SANDBOX_CHANNELS.general.id;

describe('Slack Web API fake — chat.* through the real WebClient', () => {
  const ctx = useSlackFake();
  let fake: SlackApiFake;
  beforeEach(() => {
    ({ fake } = ctx);
  });

  it('posts a root message and thread replies, and conversations.replies returns the thread in order', async () => {
    const client = clientFor(fake);
    const root = await client.chat.postMessage({ channel: GENERAL, text: 'Design: Orders → ERP' });
    expect(root.ok).toBe(true);
    expect(root.channel).toBe(GENERAL);
    const rootTs = root.ts as string;
    const blocks = [section('*Retries* with full jitter')];
    const r1 = await client.chat.postMessage({ channel: GENERAL, thread_ts: rootTs, text: 'first reply', blocks });
    const r2 = await client.chat.postMessage({ channel: GENERAL, thread_ts: rootTs, text: 'second <@U0ALICE001>' });
    expect(r1.message?.thread_ts).toBe(rootTs);

    const replies = await client.conversations.replies({ channel: GENERAL, ts: rootTs });
    expect(replies.messages?.map((m) => m.ts)).toEqual([rootTs, r1.ts, r2.ts]);
    expect(replies.messages?.[0]?.reply_count).toBe(2);
    // Blocks arrive JSON-encoded in a form body; the fake records and renders them as structures.
    expect(replies.messages?.[1]?.blocks).toEqual(blocks);
    const recorded = fake.callsTo('chat.postMessage')[1];
    expect(recorded?.args.blocks).toEqual(blocks);
    expect(recorded?.args.token).toBeUndefined();
    // Mentions are recorded exactly as the bot sent them.
    expect(fake.callsTo('chat.postMessage')[2]?.args.text).toBe('second <@U0ALICE001>');

    expect(fake.state.messages(GENERAL).map((m) => m.ts)).toEqual([rootTs]);
    expect(fake.state.messages(GENERAL, { threadTs: rootTs })).toHaveLength(3);
  });

  it('keeps message metadata, returns it only with include_all_metadata, and refuses malformed metadata like Slack', async () => {
    const client = clientFor(fake);
    const root = await client.chat.postMessage({ channel: GENERAL, text: 'root' });
    const metadata = { event_type: 'integration_design_part', event_payload: { part: 'header', revision: 1 } };
    const posted = await client.chat.postMessage({ channel: GENERAL, thread_ts: root.ts!, text: 'tagged', metadata });
    expect(posted.message?.metadata).toEqual(metadata);
    const withMetadata = await client.conversations.replies({ channel: GENERAL, ts: root.ts!, include_all_metadata: true });
    expect(withMetadata.messages?.[1]?.metadata).toEqual(metadata);
    const plain = await client.conversations.replies({ channel: GENERAL, ts: root.ts! });
    expect(plain.messages?.[1]?.metadata).toBeUndefined();
    const bad = await slackErrorOf(() => client.chat.postMessage({ channel: GENERAL, text: 'x', metadata: { event_type: '' } as never }));
    expect(bad.code).toBe('invalid_metadata_schema');
  });

  it('emits message and message_changed events for the sandbox page', async () => {
    const client = clientFor(fake);
    const seen: string[] = [];
    const off = fake.on('event', (e) => seen.push(e.type));
    const { ts } = await client.chat.postMessage({ channel: GENERAL, text: 'working…' });
    await client.chat.update({ channel: GENERAL, ts: ts as string, text: 'done' });
    off();
    await client.chat.postMessage({ channel: GENERAL, text: 'after unsubscribe' });
    expect(seen).toEqual(['message', 'message_changed']);
    expect(fake.state.findMessage(GENERAL, ts as string)?.text).toBe('done');
    expect(fake.state.findMessage(GENERAL, ts as string)?.edited).toBeDefined();
  });

  it('refuses channels the bot is not in: not_in_channel for public, channel_not_found for private', async () => {
    const client = clientFor(fake);
    expect((await slackErrorOf(() => client.chat.postMessage({ channel: SANDBOX_CHANNELS.random.id, text: 'hi' }))).code).toBe(
      'not_in_channel',
    );
    fake.addChannel({ id: 'C0HIDDEN01', name: 'hidden', isPrivate: true, members: [SANDBOX_USERS.alice.id] });
    expect((await slackErrorOf(() => client.chat.postMessage({ channel: 'C0HIDDEN01', text: 'hi' }))).code).toBe(
      'channel_not_found',
    );
    expect((await slackErrorOf(() => client.chat.postMessage({ channel: 'C0NOPE0001', text: 'hi' }))).code).toBe(
      'channel_not_found',
    );
    await client.conversations.join({ channel: SANDBOX_CHANNELS.random.id });
    const ok = await client.chat.postMessage({ channel: SANDBOX_CHANNELS.random.id, text: 'hi' });
    expect(ok.ok).toBe(true);
  });

  it('enforces Block Kit limits: 50 blocks, 3,000-char sections, 150-char headers, 12,000 cumulative', async () => {
    const client = clientFor(fake);
    const fifty = Array.from({ length: 50 }, (_, i) => section(`block ${i}`));
    expect((await client.chat.postMessage({ channel: GENERAL, text: 'ok', blocks: fifty })).ok).toBe(true);

    const tooMany = await slackErrorOf(() =>
      client.chat.postMessage({ channel: GENERAL, text: 'x', blocks: [...fifty, section('one more')] }),
    );
    expect(tooMany.code).toBe('invalid_blocks');
    expect(tooMany.data.response_metadata).toBeDefined();

    expect((await client.chat.postMessage({ channel: GENERAL, text: 'x', blocks: [section('a'.repeat(3000))] })).ok).toBe(true);
    expect((await slackErrorOf(() => client.chat.postMessage({ channel: GENERAL, text: 'x', blocks: [section('a'.repeat(3001))] }))).code).toBe(
      'invalid_blocks',
    );
    const context = { type: 'context', elements: [{ type: 'mrkdwn', text: 'c'.repeat(3001) }] };
    expect((await slackErrorOf(() => client.chat.postMessage({ channel: GENERAL, text: 'x', blocks: [context] }))).code).toBe(
      'invalid_blocks',
    );
    const header = { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } };
    expect((await slackErrorOf(() => client.chat.postMessage({ channel: GENERAL, text: 'x', blocks: [header] }))).code).toBe(
      'invalid_blocks',
    );
    const markdown = { type: 'markdown', text: 'm'.repeat(12_001) };
    expect((await slackErrorOf(() => client.chat.postMessage({ channel: GENERAL, text: 'x', blocks: [markdown] }))).code).toBe(
      'invalid_blocks',
    );

    // Five sections of 2,500 chars each are individually valid but add up to 12,500.
    const cumulative = Array.from({ length: 5 }, () => section('b'.repeat(2500)));
    expect((await slackErrorOf(() => client.chat.postMessage({ channel: GENERAL, text: 'x', blocks: cumulative }))).code).toBe(
      'msg_blocks_too_long',
    );
    const fourOk = Array.from({ length: 4 }, () => section('b'.repeat(2500)));
    expect((await client.chat.postMessage({ channel: GENERAL, text: 'x', blocks: fourOk })).ok).toBe(true);

    const duplicateIds = [
      { ...section('a'), block_id: 'same' },
      { ...section('b'), block_id: 'same' },
    ];
    expect((await slackErrorOf(() => client.chat.postMessage({ channel: GENERAL, text: 'x', blocks: duplicateIds }))).code).toBe(
      'invalid_blocks',
    );
  });

  it('rejects empty and oversized text', async () => {
    const client = clientFor(fake);
    expect((await slackErrorOf(() => client.chat.postMessage({ channel: GENERAL, text: '' }))).code).toBe('no_text');
    expect((await slackErrorOf(() => client.chat.postMessage({ channel: GENERAL, text: 'x'.repeat(40_001) }))).code).toBe(
      'msg_too_long',
    );
  });

  it('chat.update needs an existing message and validates blocks the same way', async () => {
    const client = clientFor(fake);
    expect((await slackErrorOf(() => client.chat.update({ channel: GENERAL, ts: '1.000001', text: 'x' }))).code).toBe(
      'message_not_found',
    );
    const { ts } = await client.chat.postMessage({ channel: GENERAL, text: 'v1' });
    const tooMany = Array.from({ length: 51 }, (_, i) => section(`b${i}`));
    expect((await slackErrorOf(() => client.chat.update({ channel: GENERAL, ts: ts as string, text: 'v2', blocks: tooMany }))).code).toBe(
      'invalid_blocks',
    );
    expect(fake.state.findMessage(GENERAL, ts as string)?.text).toBe('v1');
  });

  it('ephemeral messages reach channel members only', async () => {
    const client = clientFor(fake);
    const ok = await client.chat.postEphemeral({ channel: GENERAL, user: SANDBOX_USERS.bob.id, text: 'only you' });
    expect(ok.message_ts).toBeTruthy();
    expect(fake.state.ephemerals).toMatchObject([{ channel: GENERAL, user: SANDBOX_USERS.bob.id, text: 'only you' }]);
    const err = await slackErrorOf(() =>
      client.chat.postEphemeral({ channel: GENERAL, user: SANDBOX_USERS.carol.id, text: 'not a member' }),
    );
    expect(err.code).toBe('user_not_in_channel');
  });

  it('permalinks point at the message, with thread_ts for replies', async () => {
    const client = clientFor(fake);
    const root = await client.chat.postMessage({ channel: GENERAL, text: 'root' });
    const reply = await client.chat.postMessage({ channel: GENERAL, text: 'reply', thread_ts: root.ts as string });
    const rootLink = await client.chat.getPermalink({ channel: GENERAL, message_ts: root.ts as string });
    const replyLink = await client.chat.getPermalink({ channel: GENERAL, message_ts: reply.ts as string });
    expect(rootLink.permalink).toContain(`/archives/${GENERAL}/p${(root.ts as string).replace('.', '')}`);
    expect(replyLink.permalink).toContain(`thread_ts=${root.ts}`);
  });

  it('honours Retry-After: the WebClient waits, retries and succeeds; both calls are recorded', async () => {
    const client = clientFor(fake);
    const rateLimited: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (seconds: number) => rateLimited.push(seconds));
    fake.rateLimitNext('chat.postMessage', 1);
    const res = await client.chat.postMessage({ channel: GENERAL, text: 'eventually' });
    expect(res.ok).toBe(true);
    expect(rateLimited).toEqual([1]);
    const calls = fake.callsTo('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[0]?.response).toEqual({ ok: false, error: 'ratelimited' });
    // A lower bound only: the retry cannot come before the advertised second has passed.
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(fake.state.messages(GENERAL)).toHaveLength(1);
  });

  it('failNext injects API errors and HTTP failures', async () => {
    const client = clientFor(fake);
    fake.failNext('chat.postMessage', 'fatal_error');
    expect((await slackErrorOf(() => client.chat.postMessage({ channel: GENERAL, text: 'x' }))).code).toBe('fatal_error');
    // A 500 is retried by the WebClient's own policy (2 retries here), so the third attempt lands.
    fake.failNext('chat.postMessage', 'internal_error', { status: 500, times: 2 });
    expect((await client.chat.postMessage({ channel: GENERAL, text: 'after 500s' })).ok).toBe(true);
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([200, 500, 500, 200]);
  });

  it('checks tokens and unknown methods', async () => {
    expect((await slackErrorOf(() => clientFor(fake, 'not-a-token').auth.test())).code).toBe('invalid_auth');
    const strict = await startSlackApiFake({ tokens: [BOT_TOKEN] });
    try {
      expect((await slackErrorOf(() => clientFor(strict, 'xoxb-other').auth.test())).code).toBe('invalid_auth');
      const me = await clientFor(strict).auth.test();
      expect(me.user_id).toBe(strict.botUserId);
      expect(me.team_id).toBe(strict.teamId);
      const noToken = await fetch(`${strict.url}auth.test`, { method: 'POST' });
      expect(await noToken.json()).toEqual({ ok: false, error: 'not_authed' });
    } finally {
      await strict.close();
    }
    expect((await slackErrorOf(() => clientFor(fake).apiCall('chat.fly', {}))).code).toBe('unknown_method');
  });

  it('accepts JSON bodies as Slack does', async () => {
    const blocks = [section('json body')];
    const res = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${BOT_TOKEN}` },
      body: JSON.stringify({ channel: GENERAL, text: 'from json', blocks }),
    });
    const body = (await res.json()) as { ok: boolean; ts: string };
    expect(body.ok).toBe(true);
    expect(fake.state.findMessage(GENERAL, body.ts)?.blocks).toEqual(blocks);
  });
});

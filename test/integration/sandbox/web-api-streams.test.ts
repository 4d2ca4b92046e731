import { beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CHANNELS, SANDBOX_USERS, type SlackApiFake } from '../../../src/sandbox/slack-api-fake.js';
import { clientFor, section, slackErrorOf, useSlackFake } from './helpers.js';

const GENERAL = SANDBOX_CHANNELS.general.id;
const { alice } = SANDBOX_USERS;

describe('Slack Web API fake — chat.startStream/appendStream/stopStream through the real WebClient', () => {
  const ctx = useSlackFake();
  let fake: SlackApiFake;
  beforeEach(() => {
    ({ fake } = ctx);
  });

  const recipient = () => ({ recipient_user_id: alice.id, recipient_team_id: fake.teamId });

  async function threadRoot(channel: string = GENERAL): Promise<string> {
    return fake.state.addMessage({ channel, user: alice.id, text: 'How do I sync orders?' }).ts;
  }

  it('starts, appends and stops a stream with the raw methods; the thread shows the finished reply', async () => {
    const client = clientFor(fake);
    const root = await threadRoot();
    const seen: string[] = [];
    const off = fake.on('event', (e) => seen.push(e.type));
    const started = await client.chat.startStream({ channel: GENERAL, thread_ts: root, markdown_text: '**Plan**', ...recipient() });
    expect(started).toMatchObject({ ok: true, channel: GENERAL });
    const ts = started.ts!;
    expect(fake.state.findMessage(GENERAL, ts)).toMatchObject({ text: '**Plan**', streaming: true, thread_ts: root, user: fake.botUserId, bot_id: 'B0BOT00001' });
    expect(fake.state.streamFor(GENERAL, ts)).toMatchObject({ recipientUserId: alice.id, recipientTeamId: fake.teamId });

    await client.chat.appendStream({ channel: GENERAL, ts, markdown_text: '\n1. Poll' });
    await client.chat.appendStream({ channel: GENERAL, ts, chunks: [{ type: 'markdown_text', text: '\n2. Push' }] });
    const stopped = await client.chat.stopStream({ channel: GENERAL, ts, markdown_text: '\nDone.' });
    off();
    expect(stopped).toMatchObject({ ok: true, channel: GENERAL, ts });
    expect(stopped.message?.text).toBe('**Plan**\n1. Poll\n2. Push\nDone.');
    // The sandbox's streaming marker never leaks into Web API answers.
    expect(stopped.message).not.toHaveProperty('streaming');
    expect(fake.state.findMessage(GENERAL, ts)?.streaming).toBe(false);
    expect(seen).toEqual(['message', 'message_changed', 'message_changed', 'message_changed']);

    const replies = await client.conversations.replies({ channel: GENERAL, ts: root });
    expect(replies.messages?.map((m) => m.text)).toEqual(['How do I sync orders?', '**Plan**\n1. Poll\n2. Push\nDone.']);
    expect(replies.messages?.[1]).not.toHaveProperty('streaming');
    // Form posts carry chunks as JSON; the fake records them as structures.
    expect(fake.callsTo('chat.appendStream')[1]?.args.chunks).toEqual([{ type: 'markdown_text', text: '\n2. Push' }]);
  });

  it('streams through the SDK helper client.chatStream() (buffered markdown, chunks on append and stop)', async () => {
    const client = clientFor(fake);
    const root = await threadRoot();
    const streamer = client.chatStream({ channel: GENERAL, thread_ts: root, ...recipient(), buffer_size: 10 });
    expect(await streamer.append({ markdown_text: 'Hi' })).toBeNull(); // still buffered
    await streamer.append({ markdown_text: ' there, designing…' }); // flushes: chat.startStream with chunks
    await streamer.append({ markdown_text: ' step 1' });
    await streamer.append({ chunks: [{ type: 'task_update', id: 't1', title: 'Read ERP docs', status: 'in_progress' }] });
    const stopped = await streamer.stop({ blocks: [section('Was this helpful?')] });
    expect(stopped.ok).toBe(true);
    const ts = streamer.ts!;
    const message = fake.state.findMessage(GENERAL, ts);
    expect(message).toMatchObject({ text: 'Hi there, designing… step 1', streaming: false, blocks: [section('Was this helpful?')] });
    expect(message?.streamChunks).toEqual([{ type: 'task_update', id: 't1', title: 'Read ERP docs', status: 'in_progress' }]);
    expect(fake.callsTo('chat.startStream')[0]?.args.chunks).toEqual([{ type: 'markdown_text', text: 'Hi there, designing…' }]);
    // stop() with nothing buffered sends an empty chunks array, which Slack accepts.
    expect(fake.callsTo('chat.stopStream')[0]?.args.chunks).toEqual([]);
  });

  it('a helper stream stopped before any flush starts with no text, then stops with the buffer', async () => {
    const client = clientFor(fake);
    const root = await threadRoot();
    const streamer = client.chatStream({ channel: GENERAL, thread_ts: root, ...recipient() });
    await streamer.append({ markdown_text: 'short' });
    await streamer.stop();
    expect(fake.state.findMessage(GENERAL, streamer.ts!)).toMatchObject({ text: 'short', streaming: false });
  });

  it('needs the recipient in channels but not in the IM; thread and channel are checked like postMessage', async () => {
    const client = clientFor(fake);
    const root = await threadRoot();
    expect((await slackErrorOf(() => client.chat.startStream({ channel: GENERAL, thread_ts: root }))).code).toBe('missing_recipient_user_id');
    expect(
      (await slackErrorOf(() => client.chat.startStream({ channel: GENERAL, thread_ts: root, recipient_user_id: alice.id }))).code,
    ).toBe('missing_recipient_team_id');
    expect((await slackErrorOf(() => client.chat.startStream({ channel: GENERAL, thread_ts: '1.000001', ...recipient() }))).code).toBe(
      'thread_not_found',
    );
    expect((await slackErrorOf(() => client.chat.startStream({ channel: SANDBOX_CHANNELS.random.id, thread_ts: root, ...recipient() }))).code).toBe(
      'not_in_channel',
    );
    expect((await slackErrorOf(() => client.chat.startStream({ channel: GENERAL } as never))).code).toBe('invalid_arguments');

    const im = fake.state.openIm(alice.id);
    const imRoot = await threadRoot(im.id);
    const started = await client.chat.startStream({ channel: im.id, thread_ts: imRoot, markdown_text: 'in the DM' });
    expect(started.ok).toBe(true);
  });

  it('a stream expires after streamLifetimeMs from its start, appends notwithstanding', async () => {
    const client = clientFor(fake);
    fake.state.streamLifetimeMs = 400;
    const root = await threadRoot();
    const { ts } = await client.chat.startStream({ channel: GENERAL, thread_ts: root, markdown_text: 'a', ...recipient() });
    await new Promise((r) => setTimeout(r, 100));
    await client.chat.appendStream({ channel: GENERAL, ts: ts!, markdown_text: 'b' });
    // Just past the start's deadline: the append above was far more recent than the lifetime, yet the stream is over.
    const { expiresAt } = fake.state.streamFor(GENERAL, ts!)!;
    await new Promise((r) => setTimeout(r, expiresAt - Date.now() + 10));
    expect((await slackErrorOf(() => client.chat.appendStream({ channel: GENERAL, ts: ts!, markdown_text: 'c' }))).code).toBe(
      'message_not_in_streaming_state',
    );
    expect((await slackErrorOf(() => client.chat.stopStream({ channel: GENERAL, ts: ts! }))).code).toBe('message_not_in_streaming_state');
    expect(fake.state.findMessage(GENERAL, ts!)).toMatchObject({ text: 'ab', streaming: false });
    expect(fake.state.streamFor(GENERAL, ts!)?.ended).toBe('expired');
  });

  it('answers stopped_by_user after the person pressed stop; stopping twice fails', async () => {
    const client = clientFor(fake);
    const root = await threadRoot();
    const first = await client.chat.startStream({ channel: GENERAL, thread_ts: root, markdown_text: 'a', ...recipient() });
    fake.state.stopStreamByUser(GENERAL, first.ts!);
    expect(fake.state.findMessage(GENERAL, first.ts!)?.streaming).toBe(false);
    expect((await slackErrorOf(() => client.chat.appendStream({ channel: GENERAL, ts: first.ts!, markdown_text: 'b' }))).code).toBe(
      'stopped_by_user',
    );

    const second = await client.chat.startStream({ channel: GENERAL, thread_ts: root, ...recipient() });
    await client.chat.stopStream({ channel: GENERAL, ts: second.ts! });
    expect((await slackErrorOf(() => client.chat.stopStream({ channel: GENERAL, ts: second.ts! }))).code).toBe('message_not_in_streaming_state');
    expect((await slackErrorOf(() => client.chat.appendStream({ channel: GENERAL, ts: second.ts!, markdown_text: 'x' }))).code).toBe(
      'message_not_in_streaming_state',
    );
    // An ordinary message was never a stream; an unknown ts is not a message.
    expect((await slackErrorOf(() => client.chat.appendStream({ channel: GENERAL, ts: root, markdown_text: 'x' }))).code).toBe(
      'message_not_in_streaming_state',
    );
    expect((await slackErrorOf(() => client.chat.appendStream({ channel: GENERAL, ts: '1.000001', markdown_text: 'x' }))).code).toBe(
      'message_not_found',
    );
  });

  it('refuses markdown over 12,000 characters, bad chunks and appends without content', async () => {
    const client = clientFor(fake);
    const root = await threadRoot();
    const long = 'x'.repeat(12_001);
    expect((await slackErrorOf(() => client.chat.startStream({ channel: GENERAL, thread_ts: root, markdown_text: long, ...recipient() }))).code).toBe(
      'msg_too_long',
    );
    const { ts } = await client.chat.startStream({ channel: GENERAL, thread_ts: root, ...recipient() });
    expect((await slackErrorOf(() => client.chat.appendStream({ channel: GENERAL, ts: ts!, markdown_text: long }))).code).toBe('msg_too_long');
    expect((await slackErrorOf(() => client.chat.appendStream({ channel: GENERAL, ts: ts!, chunks: [{ type: 'markdown_text', text: long }] }))).code).toBe(
      'msg_too_long',
    );
    const bad = [
      [{ type: 'image', url: 'x' }],
      [{ type: 'task_update', id: 't', title: 'T', status: 'done' }],
      [{ type: 'markdown_text' }],
      { type: 'markdown_text', text: 'not an array' },
    ];
    for (const chunks of bad) {
      expect((await slackErrorOf(() => client.chat.appendStream({ channel: GENERAL, ts: ts!, chunks: chunks as never }))).code).toBe('invalid_chunks');
    }
    expect((await slackErrorOf(() => client.chat.appendStream({ channel: GENERAL, ts: ts! } as never))).code).toBe('invalid_arguments');
    await client.chat.appendStream({
      channel: GENERAL,
      ts: ts!,
      chunks: [
        { type: 'plan_update', title: 'Designing' },
        { type: 'task_update', id: 't1', title: 'Fetch', status: 'complete', sources: [{ type: 'url', url: 'https://example.com', text: 'Docs' }] },
      ],
    });
    expect(fake.state.findMessage(GENERAL, ts!)?.streamChunks).toHaveLength(2);
  });

  it('stop keeps blocks (validated) and metadata, visible in conversations.replies', async () => {
    const client = clientFor(fake);
    const root = await threadRoot();
    const { ts } = await client.chat.startStream({ channel: GENERAL, thread_ts: root, markdown_text: 'answer', ...recipient() });
    const badBlocks = await slackErrorOf(() => client.chat.stopStream({ channel: GENERAL, ts: ts!, blocks: [{ type: 'section' }] as never }));
    expect(badBlocks.code).toBe('invalid_blocks');
    const badMetadata = await slackErrorOf(() => client.chat.stopStream({ channel: GENERAL, ts: ts!, metadata: { event_type: '' } as never }));
    expect(badMetadata.code).toBe('invalid_metadata_schema');
    // Failed stops leave the stream open.
    expect(fake.state.findMessage(GENERAL, ts!)?.streaming).toBe(true);

    const metadata = { event_type: 'design_answer', event_payload: { revision: 2 } };
    const blocks = [section('Rate this answer')];
    await client.chat.stopStream({ channel: GENERAL, ts: ts!, blocks, metadata });
    const withMetadata = await client.conversations.replies({ channel: GENERAL, ts: root, include_all_metadata: true });
    expect(withMetadata.messages?.[1]).toMatchObject({ text: 'answer', blocks, metadata });
    const plain = await client.conversations.replies({ channel: GENERAL, ts: root });
    expect(plain.messages?.[1]?.metadata).toBeUndefined();
  });

  it('chat.update and chat.delete work on streamed messages, during and after the stream', async () => {
    const client = clientFor(fake);
    const root = await threadRoot();
    const { ts } = await client.chat.startStream({ channel: GENERAL, thread_ts: root, markdown_text: 'draft', ...recipient() });
    await client.chat.update({ channel: GENERAL, ts: ts!, text: 'rewritten' });
    await client.chat.appendStream({ channel: GENERAL, ts: ts!, markdown_text: ' more' });
    await client.chat.stopStream({ channel: GENERAL, ts: ts! });
    await client.chat.update({ channel: GENERAL, ts: ts!, text: 'final' });
    expect(fake.state.findMessage(GENERAL, ts!)?.text).toBe('final');

    const other = await client.chat.startStream({ channel: GENERAL, thread_ts: root, ...recipient() });
    await client.chat.delete({ channel: GENERAL, ts: other.ts! });
    expect((await slackErrorOf(() => client.chat.appendStream({ channel: GENERAL, ts: other.ts!, markdown_text: 'x' }))).code).toBe(
      'message_not_found',
    );
  });

  it('failNext injects errors into the stream methods', async () => {
    const client = clientFor(fake);
    const root = await threadRoot();
    fake.failNext('chat.startStream', 'ratelimited_stream');
    expect((await slackErrorOf(() => client.chat.startStream({ channel: GENERAL, thread_ts: root, ...recipient() }))).code).toBe(
      'ratelimited_stream',
    );
    const { ts } = await client.chat.startStream({ channel: GENERAL, thread_ts: root, ...recipient() });
    fake.failNext('chat.appendStream', 'internal_error');
    fake.failNext('chat.stopStream', 'fatal_error');
    expect((await slackErrorOf(() => client.chat.appendStream({ channel: GENERAL, ts: ts!, markdown_text: 'x' }))).code).toBe('internal_error');
    expect((await slackErrorOf(() => client.chat.stopStream({ channel: GENERAL, ts: ts! }))).code).toBe('fatal_error');
    // The injected failures changed nothing: the stream is still open.
    await client.chat.stopStream({ channel: GENERAL, ts: ts! });
  });
});

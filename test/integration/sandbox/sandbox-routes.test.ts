import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackDriver } from '../../../src/sandbox/driver.js';
import { createSandboxRoutes } from '../../../src/sandbox/routes.js';
import { SANDBOX_CHANNELS, SANDBOX_USERS, startSlackApiFake, type SlackApiFake } from '../../../src/sandbox/slack-api-fake.js';
import { clientFor } from './helpers.js';

const { alice } = SANDBOX_USERS;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** The sandbox page's routes for assistant chats and streamed messages; the "bot" here only acknowledges. */
describe('sandbox page routes — assistant chats and streaming messages', () => {
  let fake: SlackApiFake;
  let bot: Server;
  let page: Server;
  let base: string;
  const delivered: string[] = [];

  beforeAll(async () => {
    fake = await startSlackApiFake();
    bot = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        delivered.push((JSON.parse(body) as { event: { type: string } }).event.type);
        res.writeHead(200).end();
      });
    });
    const botUrl = `${await listen(bot)}/slack/events`;
    const routes = createSandboxRoutes({ fake, driver: createSlackDriver({ botUrl, signingSecret: 's', teamId: fake.teamId, fake }) });
    page = createServer((req, res) => void routes(req, res, new URL(req.url ?? '/', 'http://page.invalid')));
    base = await listen(page);
  });
  afterAll(async () => {
    await fake.close();
    bot.close();
    page.close();
  });

  const post = async (path: string, body: unknown) =>
    (await fetch(`${base}/sandbox/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<
      Record<string, unknown>
    >;

  it('starts an assistant chat, shows its title, status and prompts, and a prompt click posts into the thread', async () => {
    const started = await post('assistant', { user: alice.id, contextChannel: SANDBOX_CHANNELS.general.id });
    expect(started).toMatchObject({ ok: true });
    const channel = started.channel as string;
    const threadTs = started.threadTs as string;
    expect(delivered).toContain('assistant_thread_started');

    const client = clientFor(fake);
    await client.assistant.threads.setTitle({ channel_id: channel, thread_ts: threadTs, title: 'Orders sync' });
    await client.assistant.threads.setStatus({ channel_id: channel, thread_ts: threadTs, status: 'is thinking…' });
    await client.assistant.threads.setSuggestedPrompts({ channel_id: channel, thread_ts: threadTs, prompts: [{ title: 'Orders', message: 'Sync orders' }] });
    const { ts } = await client.chat.startStream({ channel, thread_ts: threadTs, markdown_text: 'Working on it' });

    const state = (await (await fetch(`${base}/sandbox/api/state?user=${alice.id}`)).json()) as {
      assistant: { threadTs: string; title: string; status: string; prompts: unknown[]; context: unknown; messages: { ts: string; streaming?: boolean }[] }[];
    };
    expect(state.assistant).toHaveLength(1);
    // The stream cleared the status, as Slack does when the app replies.
    expect(state.assistant[0]).toMatchObject({ threadTs, title: 'Orders sync', status: '', prompts: [{ title: 'Orders', message: 'Sync orders' }], context: { channel_id: SANDBOX_CHANNELS.general.id } });
    expect(state.assistant[0]?.messages.find((m) => m.ts === ts)?.streaming).toBe(true);

    // What the page sends for a prompt click: the person's message in the thread, delivered to the bot.
    expect(await post('reply', { channel, user: alice.id, threadTs, text: 'Sync orders' })).toMatchObject({ ok: true });
    expect(fake.state.messages(channel, { threadTs }).map((m) => m.text)).toContain('Sync orders');
    expect(delivered.at(-1)).toBe('message');

    const html = await (await fetch(`${base}/sandbox`)).text();
    expect(html).toContain('assistant-tab');
    expect(html).toContain('streaming…');
  });
});

import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson, type RouteHandler } from '../http/server.js';
import type { SlackDriver } from './driver.js';
import { SANDBOX_CHANNELS, SANDBOX_USERS, type SlackApiFake } from './slack-api-fake.js';
import { SANDBOX_PAGE_HTML } from './page.js';

/**
 * The sandbox page's server side: renders the Local Slack's state as JSON, streams changes, and turns what a
 * person does on the page into signed Slack requests to the bot — the same path real Slack takes.
 */

const BODY_LIMIT = 64 * 1024;

const CommandBody = z.object({ channel: z.string().min(1), user: z.string().min(1), text: z.string().max(4000) });
const ReplyBody = z.object({ channel: z.string().min(1), user: z.string().min(1), threadTs: z.string().min(1), text: z.string().min(1).max(4000) });
const ActionBody = z.object({
  channel: z.string().min(1),
  user: z.string().min(1),
  messageTs: z.string().min(1),
  threadTs: z.string().optional(),
  actionId: z.string().min(1),
  value: z.string().max(2000),
});
const ViewBody = z.object({ user: z.string().min(1), viewId: z.string().min(1), values: z.record(z.string(), z.record(z.string(), z.unknown())) });
const HomeBody = z.object({ user: z.string().min(1) });
const AssistantBody = z.object({ user: z.string().min(1), contextChannel: z.string().min(1).optional() });

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new BadRequest('request too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new BadRequest('malformed JSON');
  }
}

class BadRequest extends Error {}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new BadRequest(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

export function createSandboxRoutes(options: { fake: SlackApiFake; driver: SlackDriver }): RouteHandler {
  const { fake, driver } = options;

  function snapshot(user: string) {
    const state = fake.state;
    const channels = Object.values(SANDBOX_CHANNELS).map((c) => ({
      id: c.id,
      name: c.name,
      isPrivate: state.channels.get(c.id)?.isPrivate ?? false,
      botIsMember: state.isMember(c.id, fake.botUserId),
      userIsMember: state.isMember(c.id, user),
    }));
    const messages = Object.fromEntries(
      channels.map((c) => {
        const roots = state.messages(c.id);
        return [c.id, roots.map((m) => ({ ...m, replies: state.messages(c.id, { threadTs: m.ts }).filter((r) => r.ts !== m.ts) }))];
      }),
    );
    const ephemerals = state.ephemerals.filter((e) => e.user === user);
    const modal = state.openModal(user);
    const home = state.homeView(user);
    // Files by id (image blocks reference them) and canvases, served by the Local Slack itself.
    const files = Object.fromEntries([...state.files.values()].map((f) => [f.id, { url: `${fake.origin}/files/${f.id}`, name: f.filename }]));
    const canvases = [...state.canvases.values()].filter((c) => c.channelIds.some((id) => state.isMember(id, user)) || c.owner === user);
    // The person's assistant threads (their IM with the bot), newest first, each with its messages.
    const assistant = [...state.assistantThreads.values()]
      .filter((t) => t.userId === user)
      .sort((a, b) => Number(b.threadTs) - Number(a.threadTs))
      .map((t) => ({ ...t, messages: state.messages(t.channel, { threadTs: t.threadTs }) }));
    return { bot: fake.botUserId, users: Object.values(SANDBOX_USERS), channels, messages, ephemerals, modal, home, files, canvases, assistant };
  }

  function stream(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    const off = fake.on('event', (event) => res.write(`event: change\ndata: ${JSON.stringify({ type: event.type })}\n\n`));
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      off();
      clearInterval(ping);
    });
  }

  return async (req, res, url) => {
    const path = url.pathname.replace(/\/+$/, '') || '/sandbox';
    try {
      if (req.method === 'GET' && path === '/sandbox') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(SANDBOX_PAGE_HTML);
        return;
      }
      if (req.method === 'GET' && path === '/sandbox/api/state') {
        const user = url.searchParams.get('user') ?? SANDBOX_USERS.alice.id;
        return sendJson(res, 200, snapshot(user));
      }
      if (req.method === 'GET' && path === '/sandbox/api/events') return stream(req, res);
      if (req.method !== 'POST') return sendJson(res, 404, { ok: false, error: 'not_found' });

      const body = await readJson(req);
      switch (path) {
        case '/sandbox/api/command': {
          const b = parse(CommandBody, body);
          const r = await driver.slashCommand({ command: '/integration-design', text: b.text, userId: b.user, channelId: b.channel });
          return sendJson(res, 200, { ok: r.status === 200, status: r.status });
        }
        case '/sandbox/api/reply': {
          const b = parse(ReplyBody, body);
          const r = await driver.messageEvent({ channel: b.channel, user: b.user, text: b.text, threadTs: b.threadTs });
          return sendJson(res, 200, { ok: r.status === 200, status: r.status, ts: r.ts });
        }
        case '/sandbox/api/action': {
          const b = parse(ActionBody, body);
          const r = await driver.blockAction({
            userId: b.user,
            channelId: b.channel,
            messageTs: b.messageTs,
            ...(b.threadTs ? { threadTs: b.threadTs } : {}),
            actionId: b.actionId,
            value: b.value,
          });
          return sendJson(res, 200, { ok: r.status === 200, status: r.status });
        }
        case '/sandbox/api/view': {
          const b = parse(ViewBody, body);
          const view = fake.state.openModal(b.user);
          if (!view || view.id !== b.viewId) return sendJson(res, 409, { ok: false, error: 'view_not_open' });
          const r = await driver.viewSubmission({
            userId: b.user,
            callbackId: view.callback_id,
            privateMetadata: view.private_metadata,
            values: b.values,
            viewId: view.id,
          });
          const answer = (r.json ?? {}) as { response_action?: string; errors?: Record<string, string> };
          if (answer.response_action !== 'errors') fake.state.closeModal(b.user);
          return sendJson(res, 200, { ok: r.status === 200, status: r.status, errors: answer.errors ?? null });
        }
        case '/sandbox/api/home': {
          const b = parse(HomeBody, body);
          const r = await driver.appHomeOpened({ user: b.user });
          return sendJson(res, 200, { ok: r.status === 200, status: r.status });
        }
        case '/sandbox/api/assistant': {
          const b = parse(AssistantBody, body);
          const r = await driver.assistantThreadStarted({ user: b.user, ...(b.contextChannel ? { context: { channel_id: b.contextChannel } } : {}) });
          return sendJson(res, 200, { ok: r.status === 200, status: r.status, channel: r.channel, threadTs: r.threadTs });
        }
        case '/sandbox/api/close-modal': {
          const b = parse(HomeBody, body);
          fake.state.closeModal(b.user);
          return sendJson(res, 200, { ok: true });
        }
        default:
          return sendJson(res, 404, { ok: false, error: 'not_found' });
      }
    } catch (error) {
      if (error instanceof BadRequest) return sendJson(res, 400, { ok: false, error: error.message });
      throw error;
    }
  };
}

import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import getRawBody from 'raw-body';
import { judgeSlackRequest, type KnownInteractions } from '../slack/request-guard.js';
import { countRequests } from './front-load.js';

/**
 * The ack thread (a worker thread): the HTTP front door. Slack gives every request 3 s; here each one is checked
 * (timestamp, signature, shape: the same judge as the in-process guard) and answered at once, so acks never wait
 * behind the work of earlier requests, PGlite, the engine or rendering, which all run on the main thread. The
 * verified body then goes to the main thread, where Bolt handles it as if it had just been acked.
 *
 * View submissions are the exception: their answer (inline form errors) comes from the listener, so the front
 * waits for the main thread's reply. Every other path (health, metrics, the sandbox page, OAuth pages) is passed
 * to the main thread's own server on 127.0.0.1.
 */

export interface AckThreadConfig {
  port: number;
  host: string;
  signingSecret: string;
  bodyLimit: number;
  known: KnownInteractions;
  /** The main thread's server for everything but /slack/events, e.g. http://127.0.0.1:PORT. */
  inner: string;
  /** Where the requests being answered are counted for the main thread (see front-load.ts). */
  load: SharedArrayBuffer;
}

/** A verified request for the main thread; `reply` is set when the front waits for the answer (view submissions). */
export interface Delivery {
  rawBody: string;
  contentType: string;
  retryNum?: number;
  retryReason?: string;
  reply?: number;
}

export type FrontMessage = { kind: 'listening'; port: number } | { kind: 'delivery'; delivery: Delivery } | { kind: 'closed' };
export type MainMessage = { kind: 'reply'; id: number; status: number; body: string; contentType?: string } | { kind: 'close' };

const config = workerData as AckThreadConfig;
const port = parentPort!;
const load = countRequests(config.load);
const waiting = new Map<number, ServerResponse>();
let nextReply = 0;

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function answer(res: ServerResponse, status: number, body = '', contentType?: string): void {
  if (res.headersSent) return;
  res.writeHead(status, contentType ? { 'content-type': contentType } : {});
  res.end(body);
}

async function slackEvents(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let raw: string;
  try {
    raw = (await getRawBody(req, { limit: config.bodyLimit })).toString('utf8');
  } catch (error) {
    const e = error as { type?: string; status?: number };
    return answer(res, e.type === 'entity.too.large' || e.status === 413 ? 413 : 400);
  }
  const contentType = header(req, 'content-type') ?? '';
  const verdict = judgeSlackRequest({ rawBody: raw, contentType, signature: header(req, 'x-slack-signature'), timestamp: header(req, 'x-slack-request-timestamp') }, config.signingSecret, Date.now(), config.known);
  if (!verdict.ok) return answer(res, verdict.status);

  const form = contentType.split(';')[0]?.trim() === 'application/x-www-form-urlencoded';
  const params = form ? new URLSearchParams(raw) : undefined;
  if (params?.get('ssl_check') === '1') return answer(res, 200);
  const payload = params ? params.get('payload') : undefined;
  const parsed = (payload ? JSON.parse(payload) : params ? undefined : JSON.parse(raw)) as { type?: string; challenge?: string } | undefined;
  if (parsed?.type === 'url_verification') return answer(res, 200, JSON.stringify({ challenge: parsed.challenge }), 'application/json');

  const retry = header(req, 'x-slack-retry-num');
  const delivery: Delivery = {
    rawBody: raw,
    contentType,
    ...(retry !== undefined && /^\d+$/.test(retry) ? { retryNum: Number(retry) } : {}),
    ...(header(req, 'x-slack-retry-reason') ? { retryReason: header(req, 'x-slack-retry-reason')! } : {}),
  };
  if (parsed?.type === 'view_submission') {
    const id = (nextReply += 1);
    waiting.set(id, res);
    // Slack closes the modal on an empty answer; if the listener cannot answer in time, that is what happens.
    setTimeout(() => {
      if (waiting.delete(id)) answer(res, 200);
    }, 2_500).unref();
    load.forwarded();
    port.postMessage({ kind: 'delivery', delivery: { ...delivery, reply: id } } satisfies FrontMessage);
    return;
  }
  // Counted before it is answered, so nobody sees the bot idle between the answer and the main thread's handling.
  load.forwarded();
  answer(res, 200);
  port.postMessage({ kind: 'delivery', delivery } satisfies FrontMessage);
}

/** Everything else is the main thread's: passed through as a stream (the sandbox page's event stream included). */
function passThrough(req: IncomingMessage, res: ServerResponse): void {
  const target = new URL(req.url ?? '/', config.inner);
  const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (reply) => {
    res.writeHead(reply.statusCode ?? 502, reply.headers);
    reply.pipe(res);
  });
  upstream.on('error', () => answer(res, 502));
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/slack/events' && req.method === 'POST') {
    const done = load.start();
    res.on('close', done);
    slackEvents(req, res).catch(() => answer(res, 400));
    return;
  }
  passThrough(req, res);
});

port.on('message', (message: MainMessage) => {
  if (message.kind === 'reply') {
    const res = waiting.get(message.id);
    waiting.delete(message.id);
    if (res) answer(res, message.status, message.body, message.contentType);
    return;
  }
  server.closeAllConnections?.();
  server.close(() => port.postMessage({ kind: 'closed' } satisfies FrontMessage));
});

server.listen(config.port, config.host, () => {
  port.postMessage({ kind: 'listening', port: (server.address() as AddressInfo).port } satisfies FrontMessage);
});

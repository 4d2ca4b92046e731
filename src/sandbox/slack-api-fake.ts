import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseBody, readBody } from './fake/args.js';
import { SlackApiError } from './fake/errors.js';
import { CLIENT_CREDENTIAL_METHODS, METHODS } from './fake/methods/index.js';
import { createSocketModeServer, type SocketModeOptions, type SocketModeServer } from './fake/socket-mode.js';
import { storeUpload } from './fake/methods/files.js';
import { handleResponseUrlPost } from './fake/response-url.js';
import { seedState } from './fake/seed.js';
import { SlackState, type AddChannelInput, type AddUserInput } from './fake/state.js';
import type { FakeChannel, FakeEvent, FakeUser, RecordedCall } from './fake/types.js';

export { SANDBOX_CHANNELS, SANDBOX_USERS } from './fake/seed.js';
export { SANDBOX_TRIGGER_PREFIX } from './fake/ids.js';
export { LIMITS as SLACK_LIMITS } from './fake/blocks.js';
export type { SlackState } from './fake/state.js';
export type * from './fake/types.js';

export interface SlackApiFakeOptions {
  port?: number;
  host?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  teamId?: string;
  teamDomain?: string;
  /** Accept only these tokens; by default any `xoxb-`/`xoxp-` token is accepted. */
  tokens?: string[];
  /** Start with the SANDBOX_USERS / SANDBOX_CHANNELS; default true. */
  seed?: boolean;
  /** Socket Mode timings (acknowledgement timeout, redeliveries, ping interval). */
  socketMode?: SocketModeOptions;
}

export interface FailOptions {
  /** Answer HTTP 429 with this Retry-After (seconds) instead of a 200 error. */
  retryAfter?: number;
  /** HTTP status for the failure (default 200, as Slack does for API errors). */
  status?: number;
  /** How many consecutive calls fail (default 1). */
  times?: number;
  /** Extra fields merged into the error body. */
  extra?: Record<string, unknown>;
}

export interface SlackApiFake {
  /** Base Web API URL, ending with `/api/` (pass as the WebClient's slackApiUrl). */
  url: string;
  /** http://HOST:PORT without a trailing slash. */
  origin: string;
  botUserId: string;
  teamId: string;
  calls: RecordedCall[];
  state: SlackState;
  /** Socket Mode: `apps.connections.open` (with an `xapp-` token) and the WebSocket it points to. */
  socketMode: SocketModeServer;
  callsTo(method: string): RecordedCall[];
  failNext(method: string, error: string, options?: FailOptions): void;
  rateLimitNext(method: string, retryAfterSeconds: number, times?: number): void;
  reset(): void;
  addChannel(input: AddChannelInput): FakeChannel;
  addUser(input: AddUserInput): FakeUser;
  /** 'call' after every Web API call; 'event' for every state change (messages, updates, views, files...). */
  on(event: 'call', listener: (call: RecordedCall) => void): () => void;
  on(event: 'event', listener: (event: FakeEvent) => void): () => void;
  close(): Promise<void>;
}

interface QueuedFailure {
  error: string;
  status: number;
  retryAfter?: number;
  extra: Record<string, unknown>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function bearer(req: IncomingMessage, fields: Record<string, unknown>): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim() || undefined;
  return typeof fields.token === 'string' && fields.token !== '' ? fields.token : undefined;
}

/** Starts the Local Slack Web API on 127.0.0.1 (port 0 unless told otherwise). */
export async function startSlackApiFake(options: SlackApiFakeOptions = {}): Promise<SlackApiFake> {
  const botUserId = options.botUserId ?? 'U0BOT00001';
  const teamId = options.teamId ?? 'T0SANDBOX1';
  const state = new SlackState({
    teamId,
    teamDomain: options.teamDomain ?? 'sandbox',
    botUserId,
    botId: options.botId ?? 'B0BOT00001',
    appId: options.appId ?? 'A0SANDBOX1',
  });
  const seed = options.seed ?? true;
  if (seed) seedState(state);
  const calls: RecordedCall[] = [];
  const failures = new Map<string, QueuedFailure[]>();
  const emitter = new EventEmitter();
  emitter.setMaxListeners(100);
  let origin = '';

  const tokenIsValid = (token: string) =>
    options.tokens ? options.tokens.includes(token) : /^xox[bp]-[A-Za-z0-9-]+$/.test(token);

  const takeFailure = (method: string): QueuedFailure | undefined => {
    for (const key of [method, '*']) {
      const queue = failures.get(key);
      if (queue && queue.length > 0) return queue.shift();
    }
    return undefined;
  };

  const record = (method: string, args: Record<string, unknown>, status: number, response: Record<string, unknown>) => {
    const call: RecordedCall = { method, args, at: Date.now(), status, response };
    calls.push(call);
    emitter.emit('call', call);
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, query: URLSearchParams) {
    let args: Record<string, unknown> = Object.fromEntries(query);
    let status = 200;
    let response: Record<string, unknown>;
    const headers: Record<string, string> = {};
    try {
      const { fields } = await parseBody(req.headers['content-type'], await readBody(req));
      args = { ...args, ...fields };
      const token = bearer(req, args);
      delete args.token; // never keep credentials in the recording
      delete args.client_secret;
      if (method === 'apps.connections.open') {
        // App-level tokens only, as in Slack; the URL is single-use.
        if (!token) throw new SlackApiError('not_authed');
        if (!token.startsWith('xapp-')) throw new SlackApiError('not_allowed_token_type');
        response = { ok: true, url: socketMode.connectionUrl(origin) };
        record(method, args, status, response);
        sendJson(res, status, response, headers);
        return;
      }
      if (!CLIENT_CREDENTIAL_METHODS.has(method)) {
        if (!token) throw new SlackApiError('not_authed');
        if (!tokenIsValid(token)) throw new SlackApiError('invalid_auth');
      }
      const handler = METHODS[method];
      if (!handler) throw new SlackApiError('unknown_method');
      const failure = takeFailure(method);
      if (failure) {
        status = failure.status;
        if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter);
        throw new SlackApiError(failure.error, failure.extra);
      }
      response = { ok: true, ...(await handler(args, { state, botUserId, origin })) };
    } catch (cause) {
      if (cause instanceof SlackApiError) {
        response = { ok: false, error: cause.code, ...cause.extra };
      } else {
        status = 500;
        response = { ok: false, error: 'internal_error', detail: (cause as Error).message };
      }
    }
    record(method, args, status, response);
    sendJson(res, status, response, headers);
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, fileId: string) {
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    let bytes = raw;
    if (contentType.startsWith('multipart/form-data')) {
      const { binaries, fields } = await parseBody(contentType, raw);
      const first = binaries.values().next();
      bytes = first.done ? Buffer.from(String(fields.body ?? fields.file ?? ''), 'utf8') : first.value;
    }
    const file = storeUpload(state, fileId, bytes);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('file not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
  }

  async function handleResponseUrl(req: IncomingMessage, res: ServerResponse, id: string) {
    try {
      const { fields } = await parseBody(req.headers['content-type'] ?? 'application/json', await readBody(req));
      // Bolt's respond() sends JSON; some clients send form-encoded `payload=`.
      const body =
        typeof fields.payload === 'string' ? (JSON.parse(fields.payload) as Record<string, unknown>) : fields;
      handleResponseUrlPost(state, id, body);
      sendJson(res, 200, { ok: true });
    } catch (cause) {
      const error = cause instanceof SlackApiError ? cause.code : 'invalid_payload';
      sendJson(res, cause instanceof SlackApiError && cause.code === 'expired_url' ? 404 : 400, { ok: false, error });
    }
  }

  function handleDownload(res: ServerResponse, fileId: string) {
    const file = state.files.get(fileId);
    if (!file?.bytes) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('file not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.bytes.length) });
    res.end(file.bytes);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const [, first, second, third] = url.pathname.split('/');
    const route = async () => {
      if (first === 'api' && second && (req.method === 'POST' || req.method === 'GET')) {
        return handleApi(req, res, second, url.searchParams);
      }
      if (req.method === 'POST' && first === 'upload' && second === 'v1' && third) return handleUpload(req, res, third);
      if (req.method === 'POST' && first === 'response_url' && second) return handleResponseUrl(req, res, second);
      if (req.method === 'GET' && first === 'files' && second) return handleDownload(res, second);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    };
    route().catch((cause: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error', detail: String(cause) });
      else res.destroy(cause instanceof Error ? cause : new Error(String(cause)));
    });
  });

  const socketMode = createSocketModeServer({ appId: state.identity.appId }, options.socketMode);
  server.on('upgrade', (req, socket, head) => {
    if (!socketMode.handleUpgrade(req, socket, head)) socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const fake: SlackApiFake = {
    url: `${origin}/api/`,
    origin,
    botUserId,
    teamId,
    calls,
    state,
    socketMode,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext(method, error, failOptions = {}) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < (failOptions.times ?? 1); i++) {
        queue.push({
          error,
          status: failOptions.status ?? (failOptions.retryAfter !== undefined ? 429 : 200),
          ...(failOptions.retryAfter !== undefined ? { retryAfter: failOptions.retryAfter } : {}),
          extra: failOptions.extra ?? {},
        });
      }
      failures.set(method, queue);
    },
    rateLimitNext(method, retryAfterSeconds, times = 1) {
      fake.failNext(method, 'ratelimited', { retryAfter: retryAfterSeconds, times });
    },
    reset() {
      calls.length = 0;
      failures.clear();
      state.clear();
      if (seed) seedState(state);
    },
    addChannel: (input) => state.addChannel(input),
    addUser: (input) => state.addUser(input),
    on(event: 'call' | 'event', listener: ((call: RecordedCall) => void) | ((event: FakeEvent) => void)) {
      if (event === 'event') return state.on(listener as (e: FakeEvent) => void);
      const onCall = listener as (call: RecordedCall) => void;
      emitter.on('call', onCall);
      return () => emitter.off('call', onCall);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        socketMode.close();
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets from fetch would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
  return fake;
}

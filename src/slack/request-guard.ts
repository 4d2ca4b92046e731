import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import getRawBody from 'raw-body';
import { z } from 'zod';
import { hasValidSlackSignature } from './signing.js';

/**
 * Checks every POST to /slack/events before Bolt sees it, so that no signed body can reach code that
 * assumes a shape: Bolt's HTTP receiver reads `body.ssl_check` of whatever JSON.parse returned, and a
 * signed `null` used to kill the process there. Order matters: the signature and the timestamp are
 * checked first (401, nothing about the body is revealed to an unsigned caller), then the envelope's
 * shape (400). Bolt also accepts timestamps from the future; Slack's rule is ±5 minutes.
 */

export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

const id = z.string().min(1).max(255);
const url = z.string().regex(/^https?:\/\/\S+$/);
const str = z.string().optional();
/** Fields Slack always sends as strings when present (or as an object with an id, for `user` and `channel`). */
const ref = z.union([z.string(), z.object({ id })]).optional();
const team = z.object({ id }).nullable().optional();

/** The outer shapes Slack sends over HTTP, as far as Bolt and our listeners read them before their own checks. */
const slashCommand = (known: KnownInteractions) => z.object({ command: z.enum(known.commands as [string, ...string[]]), team_id: id, user_id: id, channel_id: id, text: z.string(), trigger_id: id, response_url: url });
/** Bolt's Assistant reads these two of every assistant event and throws on a thread without them. */
const assistantThread = z.object({ channel_id: id, thread_ts: id, user_id: str, context: z.record(z.string(), z.unknown()).optional() });
const EVENT = z
  .object({ type: z.string().min(1), subtype: str, channel: ref, user: ref, text: str, ts: str, thread_ts: str, event_ts: str, bot_id: str, tab: str, assistant_thread: assistantThread.optional() })
  .refine((e) => !e.type.startsWith('assistant_thread_') || e.assistant_thread !== undefined, { message: 'an assistant event without its thread' });
const EVENT_CALLBACK = z.object({ type: z.literal('event_callback'), team_id: id.optional(), event_id: str, event: EVENT });
const URL_VERIFICATION = z.object({ type: z.literal('url_verification'), challenge: z.string().min(1) });
const APP_RATE_LIMITED = z.object({ type: z.literal('app_rate_limited'), team_id: id });
const JSON_ENVELOPE = z.union([EVENT_CALLBACK, URL_VERIFICATION, APP_RATE_LIMITED]);

const interactive = <T extends z.ZodRawShape>(type: string, shape: T) =>
  z.object({ type: z.literal(type), user: z.object({ id }), team, trigger_id: str, response_url: url.optional(), ...shape });
const view = z.object({ id, callback_id: z.string(), private_metadata: str, state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ type: z.string() }))) }).optional() });

export interface KnownInteractions {
  commands: readonly string[];
  /** callback_ids of the app's message shortcuts. */
  shortcuts: readonly string[];
  actionIds: readonly string[];
  callbackIds: readonly string[];
}

/** Commands and interactions are only accepted for what this app registers and renders; anything else is not ours. */
function interactiveSchema(known: KnownInteractions) {
  const action = z.object({ action_id: z.enum(known.actionIds as [string, ...string[]]), block_id: str, type: z.string(), value: str });
  return z.union([
    interactive('block_actions', { actions: z.array(action).min(1), channel: z.object({ id }).nullable().optional(), message: z.object({ ts: z.string() }).optional(), container: z.object({}).optional() }),
    interactive('view_submission', { view: view.extend({ callback_id: z.enum(known.callbackIds as [string, ...string[]]) }) }),
    interactive('view_closed', { view }),
    interactive('message_action', {
      callback_id: z.enum(known.shortcuts as [string, ...string[]]),
      channel: z.object({ id }),
      message: z.object({ ts: z.string(), text: z.string().optional(), thread_ts: z.string().optional() }),
    }),
  ]);
}

/** Built once per app: building a zod schema per request cost more than checking the signature. */
const schemaCache = new WeakMap<KnownInteractions, { command: ReturnType<typeof slashCommand>; interactive: ReturnType<typeof interactiveSchema> }>();
function schemasFor(known: KnownInteractions) {
  let schemas = schemaCache.get(known);
  if (!schemas) {
    schemas = { command: slashCommand(known), interactive: interactiveSchema(known) };
    schemaCache.set(known, schemas);
  }
  return schemas;
}

export type Verdict = { ok: true } | { ok: false; status: 400 | 401 | 413; reason: string };

interface Request {
  rawBody: string;
  contentType: string | undefined;
  signature: string | undefined;
  timestamp: string | undefined;
}

/** The decision for one request, pure so it can be fuzzed without a server. */
export function judgeSlackRequest(req: Request, signingSecret: string, nowMs: number, known: KnownInteractions): Verdict {
  const form = req.contentType?.split(';')[0]?.trim() === 'application/x-www-form-urlencoded';
  const query = form ? parseQuery(req.rawBody) : undefined;
  // Slack's SSL check is unsigned by design; Bolt answers it and strips anything else in the body.
  if (query?.ssl_check === '1') return { ok: true };

  const ts = Number(req.timestamp);
  if (!req.timestamp || !/^\d{1,12}$/.test(req.timestamp) || Math.abs(nowMs / 1000 - ts) > TIMESTAMP_TOLERANCE_SECONDS) {
    return { ok: false, status: 401, reason: 'timestamp missing or more than 5 minutes from now' };
  }
  if (!req.signature || !hasValidSlackSignature(signingSecret, req.rawBody, ts, req.signature)) {
    return { ok: false, status: 401, reason: 'signature mismatch' };
  }

  let body: unknown;
  try {
    if (query) body = typeof query.payload === 'string' ? JSON.parse(query.payload) : query;
    else body = JSON.parse(req.rawBody);
  } catch {
    return { ok: false, status: 400, reason: 'body is not valid JSON or form data' };
  }
  const schema = query ? (typeof query.payload === 'string' ? schemasFor(known).interactive : schemasFor(known).command) : JSON_ENVELOPE;
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, reason: `unexpected payload shape (${parsed.error.issues[0]?.path.join('.') || 'root'})` };
  return { ok: true };
}

/** The same check for a Socket Mode envelope's payload (the envelope replaces the signature: the socket is ours). */
export function judgeEnvelopePayload(type: unknown, payload: unknown, known: KnownInteractions): Verdict {
  const schema = type === 'slash_commands' ? schemasFor(known).command : type === 'interactive' ? schemasFor(known).interactive : type === 'events_api' ? EVENT_CALLBACK : undefined;
  if (!schema) return { ok: false, status: 400, reason: `unknown envelope type ${String(type).slice(0, 40)}` };
  const parsed = schema.safeParse(payload);
  return parsed.success ? { ok: true } : { ok: false, status: 400, reason: `unexpected payload shape (${parsed.error.issues[0]?.path.join('.') || 'root'})` };
}

interface SocketModeClientLike {
  emit(event: string | symbol, ...args: unknown[]): boolean;
}

/**
 * Socket Mode's client reads `payload.event.type` of every events_api envelope before anyone can check it, and a
 * throw there is an unhandled rejection that ends the process. So envelopes are checked as they come off the
 * socket: one of the wrong shape is acknowledged (Slack must not redeliver it) and dropped.
 */
export function guardSocketModeEnvelopes(client: SocketModeClientLike, known: KnownInteractions, logger: SlackRequestGuardOptions['logger']): void {
  const emit = client.emit.bind(client);
  const ack = (envelopeId: string) => (client as unknown as { send(id: string, payload?: unknown): Promise<void> }).send(envelopeId);
  client.emit = (event, ...args) => {
    if (event !== 'ws_message') return emit(event, ...args);
    const [data, isBinary] = args;
    let message: { envelope_id?: unknown; type?: unknown; payload?: unknown } | undefined;
    try {
      const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : new TextDecoder().decode(data as ArrayBuffer);
      message = isBinary ? undefined : (JSON.parse(text) as typeof message);
    } catch {
      message = undefined; // the client ignores what it cannot parse
    }
    if (message && typeof message === 'object' && typeof message.envelope_id === 'string') {
      const verdict = judgeEnvelopePayload(message.type, message.payload, known);
      if (!verdict.ok) {
        logger.warn({ reason: verdict.reason, envelopeType: String(message.type).slice(0, 40) }, 'refused a Socket Mode envelope');
        void ack(message.envelope_id).catch((err: unknown) => logger.warn({ err }, 'could not acknowledge a refused envelope'));
        return false;
      }
    }
    return emit(event, ...args);
  };
}

export interface SlackRequestGuardOptions {
  signingSecret: string;
  bodyLimit: number;
  known: KnownInteractions;
  now?: () => number;
  logger: { warn: (obj: object, msg: string) => void };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

/** Wraps Bolt's request listener; requests other than POSTs with a body (OAuth pages) pass straight through. */
export function guardSlackRequests(next: RequestListener, options: SlackRequestGuardOptions): RequestListener {
  const now = options.now ?? Date.now;
  return (req, res) => {
    if (req.method !== 'POST') return next(req, res);
    getRawBody(req, { limit: options.bodyLimit })
      .then((buffer) => {
        const verdict = judgeSlackRequest(
          { rawBody: buffer.toString('utf8'), contentType: header(req, 'content-type'), signature: header(req, 'x-slack-signature'), timestamp: header(req, 'x-slack-request-timestamp') },
          options.signingSecret,
          now(),
          options.known,
        );
        if (!verdict.ok) {
          options.logger.warn({ status: verdict.status, reason: verdict.reason, path: req.url }, 'refused a Slack request');
          return refuse(res, verdict.status);
        }
        // Bolt reuses a body that was already read (BufferedIncomingMessage) instead of reading the stream again.
        (req as IncomingMessage & { rawBody: Buffer }).rawBody = buffer;
        return next(req, res);
      })
      .catch((err: { type?: string; status?: number }) => {
        const tooLarge = err.type === 'entity.too.large' || err.status === 413;
        options.logger.warn({ err, path: req.url }, tooLarge ? 'Slack request body over the limit' : 'could not read a Slack request body');
        refuse(res, tooLarge ? 413 : 400);
      });
  };
}

import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Socket Mode as Slack speaks it (https://docs.slack.dev/apis/events-api/using-socket-mode): `apps.connections.open`
 * hands out a single-use WebSocket URL; each connection gets `hello`; deliveries are envelopes
 * `{ envelope_id, type, payload, accepts_response_payload, retry_attempt, retry_reason }` that the app acknowledges
 * by sending `{ envelope_id, payload? }`; an envelope not acknowledged in time is sent again (retry_attempt + 1),
 * on any open connection, up to a limit; `disconnect` messages warn of or request a reconnect. The server pings
 * every few seconds, as Slack does (the SDK disconnects when pings stop).
 */

export type EnvelopeType = 'slash_commands' | 'events_api' | 'interactive';

export interface SocketModeAck {
  envelopeId: string;
  /** What the app put in the acknowledgement (a command's response, a view's response_action). */
  payload: unknown;
  /** 0 when the first delivery was acknowledged. */
  retryAttempt: number;
}

export interface SocketModeOptions {
  /** How long to wait for an acknowledgement before delivering again (Slack: a few seconds). */
  ackTimeoutMs?: number;
  /** Deliveries after the first before giving up (Slack retries up to 3 times). */
  maxRetries?: number;
  pingIntervalMs?: number;
}

interface Pending {
  envelope: { envelope_id: string; type: EnvelopeType; payload: unknown; accepts_response_payload: boolean; retry_attempt: number; retry_reason: string };
  resolve(ack: SocketModeAck): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
  /** Sent on a connection and waiting for its acknowledgement (false: waiting for a connection). */
  inFlight: boolean;
}

export class SocketModeNotAcknowledged extends Error {
  constructor(readonly envelopeId: string, readonly attempts: number) {
    super(`envelope ${envelopeId} was not acknowledged after ${attempts} deliveries`);
    this.name = 'SocketModeNotAcknowledged';
  }
}

export function createSocketModeServer(identity: { appId: string }, options: SocketModeOptions = {}) {
  const ackTimeoutMs = options.ackTimeoutMs ?? 3000;
  const maxRetries = options.maxRetries ?? 3;
  const pingIntervalMs = options.pingIntervalMs ?? 10_000;
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  const tickets = new Set<string>();
  const pending = new Map<string, Pending>();
  const log: { type: string; envelopeId?: string; retryAttempt?: number; at: number }[] = [];
  let opened = 0;

  const open = (): WebSocket | undefined => [...sockets].find((s) => s.readyState === s.OPEN);

  function send(p: Pending): void {
    const socket = open();
    if (!socket) {
      p.inFlight = false; // delivered when an app connects again
      return;
    }
    p.inFlight = true;
    socket.send(JSON.stringify(p.envelope));
    log.push({ type: 'envelope', envelopeId: p.envelope.envelope_id, retryAttempt: p.envelope.retry_attempt, at: Date.now() });
    clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      if (p.envelope.retry_attempt >= maxRetries) {
        pending.delete(p.envelope.envelope_id);
        p.reject(new SocketModeNotAcknowledged(p.envelope.envelope_id, p.envelope.retry_attempt + 1));
        return;
      }
      p.envelope = { ...p.envelope, retry_attempt: p.envelope.retry_attempt + 1, retry_reason: 'timeout' };
      send(p);
    }, ackTimeoutMs);
  }

  function onMessage(raw: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(raw) as typeof message;
    } catch {
      return; // Slack ignores what it cannot parse
    }
    if (typeof message.envelope_id !== 'string') return;
    const p = pending.get(message.envelope_id);
    if (!p) return; // a late or duplicate acknowledgement
    clearTimeout(p.timer);
    pending.delete(message.envelope_id);
    log.push({ type: 'ack', envelopeId: message.envelope_id, retryAttempt: p.envelope.retry_attempt, at: Date.now() });
    p.resolve({ envelopeId: message.envelope_id, payload: message.payload, retryAttempt: p.envelope.retry_attempt });
  }

  function onConnection(socket: WebSocket): void {
    sockets.add(socket);
    opened++;
    socket.send(JSON.stringify({ type: 'hello', num_connections: sockets.size, debug_info: { host: 'local-slack', approximate_connection_time: 3600 }, connection_info: { app_id: identity.appId } }));
    const ping = setInterval(() => socket.readyState === socket.OPEN && socket.ping(), pingIntervalMs);
    socket.on('message', (data) => onMessage(data.toString()));
    socket.on('close', () => {
      clearInterval(ping);
      sockets.delete(socket);
    });
    socket.on('error', () => socket.terminate());
    // Whatever waited for a connection (or was in flight on a connection that dropped) goes out now.
    for (const p of pending.values()) if (!p.inFlight) send(p);
  }

  return {
    /** The single-use URL `apps.connections.open` returns. */
    connectionUrl(origin: string): string {
      const ticket = randomBytes(12).toString('hex');
      tickets.add(ticket);
      return `${origin.replace(/^http/, 'ws')}/socket-mode/link?ticket=${ticket}`;
    },

    /** Takes over an HTTP upgrade to /socket-mode/link; false when the request is not ours. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      if (url.pathname !== '/socket-mode/link') return false;
      const ticket = url.searchParams.get('ticket') ?? '';
      if (!tickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
      return true;
    },

    /** Delivers one envelope and resolves with the app's acknowledgement (redelivering until it comes). */
    deliver(type: EnvelopeType, payload: unknown): Promise<SocketModeAck> {
      return new Promise<SocketModeAck>((resolve, reject) => {
        const envelope_id = randomUUID();
        const p: Pending = {
          envelope: { envelope_id, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' },
          resolve,
          reject,
          inFlight: false,
        };
        pending.set(envelope_id, p);
        send(p);
      });
    },

    /** Slack's "disconnect" message: 'warning' ahead of a refresh, or 'refresh_requested' to move now. */
    requestDisconnect(reason: 'warning' | 'refresh_requested' | 'link_disabled'): void {
      for (const socket of sockets) socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'local-slack' } }));
    },

    /** Drops every connection without a word, like a network failure; envelopes in flight are delivered again. */
    drop(): void {
      for (const socket of sockets) socket.terminate();
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        // An envelope that was on the wire may or may not have reached the app: it goes out again, marked as a retry.
        if (p.inFlight) p.envelope = { ...p.envelope, retry_attempt: p.envelope.retry_attempt + 1, retry_reason: 'connection_lost' };
        p.inFlight = false;
      }
    },

    /** Open connections right now, and connections opened so far. */
    connections: () => ({ open: [...sockets].filter((s) => s.readyState === s.OPEN).length, opened }),
    /** Envelopes sent (with their retry attempt) and acknowledgements received, in order. */
    log: () => log.slice(),

    close(): void {
      for (const p of pending.values()) clearTimeout(p.timer);
      pending.clear();
      for (const socket of sockets) socket.terminate();
      wss.close();
    },
  };
}

export type SocketModeServer = ReturnType<typeof createSocketModeServer>;

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPromptCache, type CacheUsage, type PromptCacheOptions } from './prompt-cache.js';

/**
 * A fake Anthropic Messages API on 127.0.0.1 (port 0): POST /v1/messages answered from a queue of scripted
 * replies, as JSON or as the exact SSE stream the SDK parses. Every request is recorded (headers and body)
 * so tests can assert on what the real SDK sent. Opt-in: prompt-cache token accounting like Anthropic's
 * (prompt-cache.ts) and a fixed streaming rate.
 */

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  // The request body as the SDK sent it (parsed JSON).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** The usage reported for a text or tool_use reply. */
  usage?: FakeUsage;
  /** From the request read to the end of the reply: the time the "model" took, streaming included. */
  servedMs?: number;
}

export type FakeReply =
  | { type: 'text'; text: string; stopReason?: 'end_turn' | 'max_tokens' | 'refusal'; usage?: Partial<FakeUsage>; chunkSize?: number }
  | { type: 'tool_use'; calls: { name: string; input: unknown; id?: string }[]; text?: string; usage?: Partial<FakeUsage> }
  | { type: 'error'; status: number; errorType: string; message?: string; headers?: Record<string, string> }
  /** An SSE `error` event after the stream has started (e.g. overloaded mid-stream). */
  | { type: 'stream_error'; errorType: string; message?: string; textBefore?: string }
  /** Starts streaming, then never finishes: for cancellation tests. */
  | { type: 'hang'; textBefore?: string }
  /** A raw SSE body, e.g. a fixture file. */
  | { type: 'sse'; body: string };

export type FakeHandler = FakeReply | ((request: RecordedRequest) => FakeReply | Promise<FakeReply>);

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  enqueue(...handlers: FakeHandler[]): void;
  /** Handlers not yet consumed. */
  pending(): number;
  /** Forgets every cached prefix (no-op without promptCache). */
  clearCache(): void;
  close(): Promise<void>;
}

export function loadSseFixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

const DEFAULT_USAGE: FakeUsage = {
  input_tokens: 120,
  output_tokens: 0,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
};

type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

function blocksOf(reply: Extract<FakeReply, { type: 'text' | 'tool_use' }>): Block[] {
  if (reply.type === 'text') return [{ type: 'text', text: reply.text }];
  const blocks: Block[] = reply.text ? [{ type: 'text', text: reply.text }] : [];
  for (const call of reply.calls) {
    blocks.push({ type: 'tool_use', id: call.id ?? `toolu_${randomUUID().replace(/-/g, '').slice(0, 24)}`, name: call.name, input: call.input });
  }
  return blocks;
}

/** Scripted usage wins field by field; input fields come from the prompt cache when it is on. */
function usageOf(reply: Extract<FakeReply, { type: 'text' | 'tool_use' }>, blocks: Block[], input: CacheUsage = DEFAULT_USAGE): FakeUsage {
  const chars = blocks.reduce((n, b) => n + (b.type === 'text' ? b.text.length : JSON.stringify(b.input).length), 0);
  const measured = {
    input_tokens: input.input_tokens,
    cache_creation_input_tokens: input.cache_creation_input_tokens,
    cache_read_input_tokens: input.cache_read_input_tokens,
  };
  return { ...measured, output_tokens: Math.max(1, Math.ceil(chars / 4)), ...reply.usage };
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [''];
}

function sse(res: ServerResponse, event: string, data: unknown): void {
  if (res.destroyed) return; // the client went away during a paced stream
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function messageShell(model: string, usage: FakeUsage) {
  return {
    id: `msg_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { ...usage, output_tokens: 1 },
  };
}

function startStream(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'request-id': `req_${randomUUID()}`,
  });
}

/** Waits before each delta so output goes out at a fixed rate (chars / 4 tokens); on schedule, so no drift. */
type Pace = (chars: number) => Promise<void>;
const unpaced: Pace = () => Promise.resolve();

function pacer(tokensPerSecond: number | undefined): Pace {
  if (!tokensPerSecond) return unpaced;
  const start = performance.now();
  let tokens = 0;
  return async (chars) => {
    tokens += Math.ceil(chars / 4);
    const wait = start + (tokens / tokensPerSecond) * 1000 - performance.now();
    if (wait > 0) await sleep(wait);
  };
}

async function streamText(res: ServerResponse, index: number, text: string, size: number, pace: Pace = unpaced): Promise<void> {
  sse(res, 'content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
  for (const part of chunks(text, size)) {
    await pace(part.length);
    sse(res, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: part } });
  }
  sse(res, 'content_block_stop', { type: 'content_block_stop', index });
}

async function writeStream(res: ServerResponse, model: string, reply: Extract<FakeReply, { type: 'text' | 'tool_use' }>, blocks: Block[], usage: FakeUsage, pace: Pace): Promise<void> {
  const size = reply.type === 'text' ? (reply.chunkSize ?? 40) : 40;
  startStream(res);
  sse(res, 'message_start', { type: 'message_start', message: messageShell(model, usage) });
  sse(res, 'ping', { type: 'ping' });
  for (const [index, block] of blocks.entries()) {
    if (block.type === 'text') {
      await streamText(res, index, block.text, size, pace);
      continue;
    }
    sse(res, 'content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
    });
    for (const part of chunks(JSON.stringify(block.input), 17)) {
      await pace(part.length);
      sse(res, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } });
    }
    sse(res, 'content_block_stop', { type: 'content_block_stop', index });
  }
  const stopReason = reply.type === 'tool_use' ? 'tool_use' : (reply.stopReason ?? 'end_turn');
  sse(res, 'message_delta', {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: {
      output_tokens: usage.output_tokens,
      input_tokens: usage.input_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
    },
  });
  sse(res, 'message_stop', { type: 'message_stop' });
  res.end();
}

function writeJson(res: ServerResponse, model: string, reply: Extract<FakeReply, { type: 'text' | 'tool_use' }>, blocks: Block[], usage: FakeUsage): void {
  const body = {
    ...messageShell(model, usage),
    content: blocks,
    stop_reason: reply.type === 'tool_use' ? 'tool_use' : (reply.stopReason ?? 'end_turn'),
    usage,
  };
  res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${randomUUID()}` });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export interface FakeAnthropicOptions {
  /** Answers requests when the scripted queue is empty (end-to-end tests route by request content). */
  fallback?: FakeHandler;
  /**
   * Input usage counted like Anthropic's prompt cache (prompt-cache.ts) instead of fixed figures; a reply's
   * scripted usage still overrides any field it sets.
   */
  promptCache?: boolean | PromptCacheOptions;
  /** Streams deltas at this many output tokens (chars / 4) per second instead of as fast as possible. */
  tokensPerSecond?: number;
}

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const queue: FakeHandler[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const cache = options.promptCache ? createPromptCache(options.promptCache === true ? {} : options.promptCache) : undefined;

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      // Served time starts once the request is in: the client's serialising and sending it is not the model's.
      const received = performance.now();
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      let body: any = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, headers: headersOf(req), body };
      requests.push(recorded);

      if (recorded.method !== 'POST' || recorded.path !== '/v1/messages') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `fake: no route ${recorded.path}` } }));
        return;
      }
      const next = queue.shift() ?? options.fallback;
      // 418 is not retried by the SDK, so a missing script fails the test at once instead of being retried.
      const reply: FakeReply = next === undefined
        ? { type: 'error', status: 418, errorType: 'invalid_request_error', message: 'fake: no scripted response left' }
        : typeof next === 'function' ? await next(recorded) : next;
      const model = typeof body?.model === 'string' ? body.model : 'claude-test';
      const streaming = body?.stream === true;

      switch (reply.type) {
        case 'error':
          res.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': `req_${randomUUID()}`, ...reply.headers });
          res.end(JSON.stringify({ type: 'error', error: { type: reply.errorType, message: reply.message ?? reply.errorType } }));
          return;
        case 'sse':
          startStream(res);
          res.end(reply.body);
          return;
        case 'stream_error':
          startStream(res);
          sse(res, 'message_start', { type: 'message_start', message: messageShell(model, DEFAULT_USAGE) });
          if (reply.textBefore) await streamText(res, 0, reply.textBefore, 40);
          sse(res, 'error', { type: 'error', error: { type: reply.errorType, message: reply.message ?? reply.errorType } });
          res.end();
          return;
        case 'hang':
          startStream(res);
          sse(res, 'message_start', { type: 'message_start', message: messageShell(model, DEFAULT_USAGE) });
          if (reply.textBefore) {
            sse(res, 'content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
            sse(res, 'content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: reply.textBefore } });
          }
          // Left open until the client goes away (or close() destroys the socket).
          return;
        default: {
          const blocks = blocksOf(reply);
          const usage = usageOf(reply, blocks, cache?.account(body));
          recorded.usage = usage;
          if (streaming) await writeStream(res, model, reply, blocks, usage, pacer(options.tokensPerSecond));
          else writeJson(res, model, reply, blocks, usage);
          recorded.servedMs = performance.now() - received;
        }
      }
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json', 'x-should-retry': 'false' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: `fake crashed: ${String(error)}` } }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...handlers) => void queue.push(...handlers),
    pending: () => queue.length,
    clearCache: () => cache?.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

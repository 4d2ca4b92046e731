import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/**
 * Correlation context carried through Slack deliveries, jobs and model calls via AsyncLocalStorage, so every
 * log line can name the delivery that caused it without threading an id through every signature.
 */
export interface CorrelationContext {
  correlationId: string;
  teamId?: string;
  conversationId?: string;
  jobId?: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

export function withCorrelation<T>(context: CorrelationContext, fn: () => T): T {
  const parent = storage.getStore();
  return storage.run({ ...parent, ...context }, fn);
}

export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}

/** A W3C trace-id shaped id (32 lowercase hex, never all zeros) so it can double as a traceparent trace-id. */
export function newCorrelationId(): string {
  let id = randomBytes(16).toString('hex');
  while (/^0+$/.test(id)) id = randomBytes(16).toString('hex');
  return id;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Reads the trace-id from a W3C traceparent header; invalid headers are ignored, as the spec requires. */
export function traceIdFromTraceparent(header: string | undefined): string | undefined {
  const m = header ? TRACEPARENT.exec(header.trim()) : null;
  if (!m) return undefined;
  const [, version, traceId, parentId] = m;
  if (version === 'ff' || /^0+$/.test(traceId!) || /^0+$/.test(parentId!)) return undefined;
  return traceId;
}

import { createHash } from 'node:crypto';
import type { WorkQueueName } from './payloads.js';

/**
 * One job per conversation revision and request: the singleton key pg-boss sees. A thread reply adds its
 * Slack ts (two replies on the same revision are two jobs; the same reply twice is one), and a Regenerate
 * click adds its request key (a new click after a failed attempt must not be swallowed by the old job).
 */
export function singletonKeyFor(payload: { conversationId: string; revision: number; replyTs?: string; requestKey?: string }): string {
  const request = payload.replyTs ?? payload.requestKey;
  return request ? `${payload.conversationId}:${payload.revision}:${request}` : `${payload.conversationId}:${payload.revision}`;
}

/**
 * A deterministic job id (RFC 9562 version-8 UUID from a SHA-256 of queue + key). The job table's
 * primary key makes a second insert with the same id a no-op in every state — created, active,
 * completed, failed — which no pg-boss queue policy covers on its own.
 */
export function jobIdFor(queue: WorkQueueName, singletonKey: string): string {
  const bytes = createHash('sha256').update(`${queue}\u0000${singletonKey}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

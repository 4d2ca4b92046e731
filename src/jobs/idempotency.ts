import { createHash } from 'node:crypto';
import type { WorkQueueName } from './payloads.js';

/** One job per conversation revision: the singleton key pg-boss sees. */
export function singletonKeyFor(payload: { conversationId: string; revision: number }): string {
  return `${payload.conversationId}:${payload.revision}`;
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

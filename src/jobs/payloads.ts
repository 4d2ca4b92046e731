import { z } from 'zod';

/** The work queues the app enqueues into; each has a dead-letter queue named `${queue}-dlq`. */
export const WORK_QUEUES = ['generate', 'revise'] as const;
export type WorkQueueName = (typeof WORK_QUEUES)[number];

export const deadLetterQueueOf = (queue: WorkQueueName): `${WorkQueueName}-dlq` => `${queue}-dlq`;

const id = z.string().trim().min(1).max(200);

export const GeneratePayloadSchema = z.strictObject({
  conversationId: id,
  revision: z.number().int().min(1),
  correlationId: id,
  /** Distinguishes deliberate re-runs of the same revision (a Regenerate click) from duplicates. */
  requestKey: id.optional(),
});

export const RevisePayloadSchema = z.strictObject({
  conversationId: id,
  revision: z.number().int().min(1),
  /** The user's change request, as typed in the thread. */
  request: z.string().trim().min(1).max(40_000),
  /** Slack ts of the reply that asked for the change. */
  replyTs: z.string().regex(/^\d+\.\d+$/, 'must be a Slack message ts'),
  /** Who asked (the live draft streams to them); absent in jobs queued before it was recorded. */
  userId: id.optional(),
  correlationId: id,
});

export type GeneratePayload = z.infer<typeof GeneratePayloadSchema>;
export type RevisePayload = z.infer<typeof RevisePayloadSchema>;

export interface PayloadByQueue {
  generate: GeneratePayload;
  revise: RevisePayload;
}

export const PAYLOAD_SCHEMAS: { [Q in WorkQueueName]: z.ZodType<PayloadByQueue[Q]> } = {
  generate: GeneratePayloadSchema,
  revise: RevisePayloadSchema,
};

/** Thrown by enqueue when a payload does not match its schema; nothing is written. */
export class InvalidJobPayloadError extends Error {
  constructor(
    public readonly queue: WorkQueueName,
    public readonly issues: string[],
  ) {
    super(`Invalid ${queue} job payload: ${issues.join('; ')}`);
    this.name = 'InvalidJobPayloadError';
  }
}

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

export function parsePayload<Q extends WorkQueueName>(queue: Q, data: unknown): PayloadByQueue[Q] {
  const parsed = PAYLOAD_SCHEMAS[queue].safeParse(data);
  if (!parsed.success) throw new InvalidJobPayloadError(queue, formatIssues(parsed.error));
  return parsed.data;
}

import { z } from 'zod';
import type { Backlog } from './types.js';

/** What piles up while a downstream is unavailable, how big the queue must be, and how long it takes to drain. */

export const BacklogRequestSchema = z.object({
  peakPerSecond: z.number().nonnegative().finite().describe('Peak arrival rate during the outage (events/s)'),
  outageSeconds: z.number().positive().max(30 * 24 * 3600).optional().describe('Outage length (default 300 s)'),
  drainPerSecond: z.number().positive().finite().describe('Rate the backlog can drain at after recovery (the API budget)'),
  arrivalPerSecond: z.number().nonnegative().finite().optional().describe('Arrivals while draining (default: peakPerSecond)'),
  messageBytes: z.number().positive().max(1e9).optional().describe('Average message size in bytes (default 2048)'),
  safetyFactor: z.number().min(1).max(100).optional().describe('Queue capacity multiplier (default 2)'),
});
export type BacklogInput = z.input<typeof BacklogRequestSchema>;

export function computeBacklog(input: BacklogInput): Backlog {
  const req = BacklogRequestSchema.parse(input);
  const outageSeconds = req.outageSeconds ?? 300;
  const arrival = req.arrivalPerSecond ?? req.peakPerSecond;
  const messages = Math.ceil(req.peakPerSecond * outageSeconds);
  const spare = req.drainPerSecond - arrival;
  return {
    messages,
    queueCapacity: roundUpNice(Math.max(1, messages * (req.safetyFactor ?? 2))),
    bytes: messages * (req.messageBytes ?? 2048),
    // Only the spare capacity above ongoing arrivals works the backlog down.
    drainSeconds: messages === 0 ? 0 : spare <= 0 ? Infinity : messages / spare,
  };
}

/** Rounds up to two significant digits (34,722 → 35,000; 87 → 87; 7.2 → 8), a size people can configure. */
export function roundUpNice(n: number): number {
  if (n <= 100) return Math.ceil(n);
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.ceil(n / step - 1e-9) * step;
}

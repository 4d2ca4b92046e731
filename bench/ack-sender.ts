import { parentPort, workerData } from 'node:worker_threads';
import { createSlackDriver } from '../src/sandbox/driver.js';
import { runLanes } from './stats.js';

/**
 * Worker-thread entry for bench/ack.ts: plays Slack. It signs and POSTs pre-built slash-command bodies and times
 * each HTTP response on its own event loop, so the bot's CPU work (engine, PGlite, all on the main thread) shows
 * up in the measured latency the way Slack would see it, not as delay in the measuring code.
 */

export interface SenderConfig {
  botUrl: string;
  signingSecret: string;
  teamId: string;
}

export type SenderMessage =
  | { kind: 'one'; body: string }
  /** One list of bodies per concurrent sender; each sender sends its list one after another. */
  | { kind: 'burst'; lanes: string[][]; deadlineEpochMs: number };

export type SenderRequest = SenderMessage & { id: number };

export interface SendResult {
  /** HTTP status, or 0 when the request failed without a response. */
  status: number;
  /** Request start to full response body, in milliseconds. */
  ms: number;
  /** Wall-clock (epoch ms) when the request started, comparable with the Local Slack's call timestamps. */
  sentAt: number;
  error?: string;
}

export interface SenderReply {
  id: number;
  results: SendResult[];
  /** Burst only: bodies not sent because the deadline passed. */
  skipped: number;
}

const config = workerData as SenderConfig;
const driver = createSlackDriver({ botUrl: config.botUrl, signingSecret: config.signingSecret, teamId: config.teamId });

async function sendOne(body: string): Promise<SendResult> {
  const start = performance.now();
  const sentAt = performance.timeOrigin + start;
  try {
    const res = await driver.raw({ body, contentType: 'application/x-www-form-urlencoded' });
    return { status: res.status, ms: performance.now() - start, sentAt };
  } catch (error) {
    return { status: 0, ms: performance.now() - start, sentAt, error: String((error as Error).message ?? error) };
  }
}

parentPort!.on('message', (request: SenderRequest) => {
  const work =
    request.kind === 'one'
      ? sendOne(request.body).then((r) => ({ results: [r], skipped: 0 }))
      : runLanes(request.lanes, request.deadlineEpochMs, sendOne);
  void work.then(({ results, skipped }) => parentPort!.postMessage({ id: request.id, results, skipped } satisfies SenderReply));
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { tsWorker } from './stats.js';

/**
 * Bolt with nothing but an ack: the floor any Slack app on this machine can reach (bench/ack-burst.ts,
 * bench/scale-out.ts). In the caller's thread, or in a worker thread of its own (`startBareThread`), where it
 * stands for one bare replica with an event loop of its own.
 */

export interface Bare {
  url: string;
  stop(): Promise<void>;
}

const quietLogger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

export async function startBare(slackUrl: string, signingSecret: string): Promise<Bare> {
  const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events', logger: quietLogger });
  const app = new App({ receiver, token: 'xoxb-bare', botId: 'B0BARE', botUserId: 'U0BOT00001', tokenVerificationEnabled: false, logger: quietLogger, clientOptions: { slackApiUrl: slackUrl } });
  app.command('/integration-design', async ({ ack }) => {
    await ack();
  });
  const server: Server = createServer(receiver.requestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface BareThreadData {
  role: 'bare-bolt';
  slackUrl: string;
  signingSecret: string;
}

export async function startBareThread(slackUrl: string, signingSecret: string): Promise<Bare> {
  const worker = tsWorker(new URL(import.meta.url), { role: 'bare-bolt', slackUrl, signingSecret } satisfies BareThreadData);
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { url: string }) => resolve(message.url));
  });
  return {
    url,
    async stop() {
      const stopped = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}

const data = workerData as BareThreadData | undefined;
if (!isMainThread && data?.role === 'bare-bolt') {
  const bare = await startBare(data.slackUrl, data.signingSecret);
  parentPort!.postMessage({ url: bare.url });
  parentPort!.once('message', () => void bare.stop().then(() => parentPort!.postMessage('stopped')));
}

import { Worker } from 'node:worker_threads';
import type { AckThreadConfig, Delivery, FrontMessage, MainMessage } from './ack-thread.js';

/**
 * Starts the ack thread (see ack-thread.ts) and hands each verified delivery to `deliver` on this thread. For a
 * delivery the front waits on (a view submission), the answer `deliver` resolves with is sent back as the HTTP
 * response; for the rest the front has already answered.
 */

export interface AckAnswer {
  status: number;
  body: string;
  contentType?: string;
}

export interface AckFrontOptions extends AckThreadConfig {
  deliver: (delivery: Delivery) => Promise<AckAnswer>;
  logger: { error: (obj: object, msg: string) => void };
}

export interface AckFront {
  port: number;
  close(): Promise<void>;
}

/** The worker's entry: compiled JavaScript in production; from source (through tsx) in tests and `npm run dev`. */
function ackThreadWorker(config: AckThreadConfig): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('./ack-thread.ts', here).href;
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(boot, { eval: true, workerData: config });
  }
  return new Worker(new URL('./ack-thread.js', here), { workerData: config });
}

export async function startAckFront(options: AckFrontOptions): Promise<AckFront> {
  const { deliver, logger, ...config } = options;
  const worker = ackThreadWorker(config);
  let closed: () => void = () => undefined;
  const whenClosed = new Promise<void>((resolve) => (closed = resolve));
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: FrontMessage) => {
      if (message.kind === 'listening') {
        worker.off('error', reject);
        resolve(message.port);
      } else if (message.kind === 'closed') {
        closed();
      } else {
        const { delivery } = message;
        deliver(delivery)
          .then((answer) => {
            if (delivery.reply !== undefined) worker.postMessage({ kind: 'reply', id: delivery.reply, ...answer } satisfies MainMessage);
          })
          .catch((error: unknown) => {
            logger.error({ err: error }, 'a delivery from the ack thread failed');
            if (delivery.reply !== undefined) worker.postMessage({ kind: 'reply', id: delivery.reply, status: 200, body: '' } satisfies MainMessage);
          });
      }
    });
  });
  worker.on('error', (error) => logger.error({ err: error }, 'the ack thread failed'));
  return {
    port,
    async close() {
      worker.postMessage({ kind: 'close' } satisfies MainMessage);
      await Promise.race([whenClosed, new Promise((r) => setTimeout(r, 5_000))]);
      await worker.terminate();
    },
  };
}

import type { App, Receiver, ReceiverEvent } from '@slack/bolt';

/**
 * Slack wants every request acknowledged within 3 s; what a listener does after its ack (database writes, input
 * extraction, Web API calls) can wait its turn. Unbounded, a burst of commands starts all of that work at once and
 * saturates the event loop that has to send the next acks (p99 ack 9.6 s for 1,000 commands on PGlite).
 *
 * The gate sends every ack at once, then holds the listener at its `await ack()` until one of `limit` slots is
 * free: post-ack work runs in arrival order, `limit` at a time, and none is dropped. Events, which Bolt acks
 * before any middleware, wait the same way.
 */
export class PostAckGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  /**
   * `first`: what work after an ack waits for before taking a slot (acks still being sent, see front-load.ts),
   * except for deliveries that must not wait (see mustNotWait).
   */
  constructor(
    readonly limit: number,
    private readonly first?: () => Promise<void>,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`post-ack limit must be a positive integer, got ${limit}`);
  }

  /** Listeners working after their ack right now. */
  get inFlight(): number {
    return this.active;
  }

  /** Listeners acked and waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next in line, so `active` never drops below the queue's demand.
    if (next) next();
    else this.active--;
  }

  /** Bolt's delivery with its ack wrapped: the ack goes out at once; the listener resumes once it holds a slot. */
  async process(app: Pick<App, 'processEvent'>, event: ReceiverEvent): Promise<void> {
    let slot: Promise<void> | undefined;
    const ack: ReceiverEvent['ack'] = async (response) => {
      await event.ack(response);
      slot ??= (this.first && !mustNotWait(event.body) ? this.first() : Promise.resolve()).then(() => this.acquire());
      await slot;
    };
    try {
      await app.processEvent({ ...event, ack });
    } finally {
      if (slot) {
        await slot;
        this.release();
      }
    }
  }
}

/**
 * Deliveries whose work must not wait for other acks: interactions (a button, a shortcut or a form may open a
 * modal, and a trigger_id is valid for 3 s) and the `form` command, which opens one.
 */
export function mustNotWait(body: unknown): boolean {
  const b = body as { type?: unknown; command?: unknown; text?: unknown } | null;
  if (!b || typeof b !== 'object') return false;
  if (typeof b.command === 'string') return typeof b.text === 'string' && b.text.trim().toLowerCase() === 'form';
  return typeof b.type === 'string' && b.type !== 'event_callback';
}

/** The receiver as Bolt sees it, with every delivery passing through the gate (installer kept for OAuth). */
export function gatedReceiver(inner: Receiver & { installer?: unknown }, gate: PostAckGate): Receiver {
  return {
    init(app: App) {
      inner.init({ processEvent: (event: ReceiverEvent) => gate.process(app, event) } as unknown as App);
    },
    start: (...args: unknown[]) => inner.start(...args),
    stop: (...args: unknown[]) => inner.stop(...args),
    ...(inner.installer !== undefined ? { installer: inner.installer } : {}),
  } as Receiver;
}

/**
 * Slack allows about one message a second per channel (and chat.update is rate-limited too), so posts to one
 * channel go through a queue that keeps them at least `gapMs` apart, and progress updates are coalesced.
 */
export class ChannelPacer {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly last = new Map<string, number>();

  constructor(
    private readonly gapMs = 1000,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Runs `fn` after every earlier post to the same channel, and no sooner than `gapMs` after the last one. */
  run<T>(channel: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(channel) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const wait = (this.last.get(channel) ?? -Infinity) + this.gapMs - this.now();
        if (wait > 0) await this.sleep(wait);
        try {
          return await fn();
        } finally {
          this.last.set(channel, this.now());
        }
      });
    this.tails.set(channel, next);
    // Forget idle channels; the derived promise must not surface the post's own rejection a second time.
    next.then(
      () => this.forget(channel, next),
      () => this.forget(channel, next),
    );
    return next;
  }

  private forget(channel: string, tail: Promise<unknown>): void {
    if (this.tails.get(channel) === tail) this.tails.delete(channel);
  }
}

/**
 * Calls `send` with the latest value at most once per `intervalMs`; values arriving in between replace each
 * other, so the last one is always delivered (by `flush`, at the latest).
 */
export function createThrottle<T>(send: (value: T) => Promise<unknown>, intervalMs = 1000, now: () => number = Date.now) {
  let lastSent = -Infinity;
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<unknown> = Promise.resolve();

  const fire = () => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    lastSent = now();
    inFlight = inFlight.then(() => send(value)).catch(() => undefined);
  };

  return {
    push(value: T): void {
      pending = { value };
      if (timer) return;
      const wait = lastSent + intervalMs - now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    /** Drops any pending value and waits for sends in flight, so a final message can't be overwritten. */
    async cancel(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
      await inFlight;
    },
  };
}

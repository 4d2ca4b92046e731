/**
 * How many requests the ack thread is answering right now, shared with the main thread through memory (no
 * messages). On a machine with few cores the main thread's work (the designs, the database) competes with the ack
 * thread for CPU; work that can wait (post-ack work, the next job) waits while acks are being sent, for at most
 * `maxMs`, so a flood of requests delays designs a little instead of delaying acks past Slack's 3 s.
 */
export class FrontLoad {
  /** [0]: requests being answered; [1]: deliveries sent to the main thread and not handled yet. */
  readonly buffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  private readonly view = new Int32Array(this.buffer);
  /** Everyone waiting, checked by one timer (a burst queues hundreds of waiters; one poll each would be a load itself). */
  private readonly waiters: { until: number; resolve: () => void }[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;

  get inFlight(): number {
    return Atomics.load(this.view, 0);
  }

  /** Deliveries on their way to (or in) the main thread: work the bot has accepted but not finished. */
  get undelivered(): number {
    return Atomics.load(this.view, 1);
  }

  /** The main thread finished handling one delivery. */
  handled(): void {
    Atomics.sub(this.view, 1, 1);
  }

  /** Resolves once no request is being answered, or after `maxMs`. */
  quiet(maxMs = 3_000): Promise<void> {
    // Behind anyone already waiting, even if the ack thread just went quiet: work keeps its arrival order.
    if (this.inFlight === 0 && this.waiters.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ until: Date.now() + maxMs, resolve });
      this.timer ??= setInterval(() => this.check(), 5);
    });
  }

  private check(): void {
    const idle = this.inFlight === 0;
    const now = Date.now();
    // In the order they started waiting, so the work behind them keeps its arrival order.
    const due = this.waiters.filter((w) => idle || now >= w.until);
    if (due.length === 0) return;
    this.waiters.splice(0, this.waiters.length, ...this.waiters.filter((w) => !due.includes(w)));
    for (const waiter of due) waiter.resolve();
    if (this.waiters.length === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

/** The ack thread's side: counts a request from its first byte to its answer, and each delivery it forwards. */
export function countRequests(buffer: SharedArrayBuffer): { start(): () => void; forwarded(): void } {
  const view = new Int32Array(buffer);
  return {
    forwarded() {
      Atomics.add(view, 1, 1);
    },
    start() {
      Atomics.add(view, 0, 1);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        Atomics.sub(view, 0, 1);
      };
    },
  };
}

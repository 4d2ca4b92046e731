/**
 * Counts work that runs after Slack has been answered (listener bodies, fire-and-forget refreshes), so shutdown
 * and tests can wait for it to finish instead of guessing with sleeps.
 */
export interface WorkTracker {
  /** Runs `fn`, counting it as in flight until it settles; the result or error passes through. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  readonly inFlight: number;
  /** Resolves once nothing is in flight (immediately when nothing is). */
  whenIdle(): Promise<void>;
}

export function createWorkTracker(): WorkTracker {
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    inFlight--;
    if (inFlight === 0) {
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
    }
  };
  return {
    async run(fn) {
      inFlight++;
      try {
        return await fn();
      } finally {
        settle();
      }
    },
    get inFlight() {
      return inFlight;
    },
    whenIdle() {
      return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
  };
}

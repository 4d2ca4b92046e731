/**
 * A token bucket per key (e.g. workspace + user): `capacity` actions at once, refilled evenly over `perMs`.
 * In memory, so each process limits on its own; it bounds spend from one person, it is not an accounting system.
 */
export interface KeyRateLimiter {
  /** Takes one token; returns 0 when allowed, otherwise how many ms until one is available. */
  take(key: string): number;
}

export function createKeyRateLimiter(options: { capacity: number; perMs: number; now?: () => number; maxKeys?: number }): KeyRateLimiter {
  const now = options.now ?? Date.now;
  const refillPerMs = options.capacity / options.perMs;
  const maxKeys = options.maxKeys ?? 100_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: options.capacity, at: t };
      b.tokens = Math.min(options.capacity, b.tokens + (t - b.at) * refillPerMs);
      b.at = t;
      buckets.delete(key); // re-insert: the map's order doubles as least-recently-used
      buckets.set(key, b);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - b.tokens) / refillPerMs);
    },
  };
}

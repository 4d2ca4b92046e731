import { randomBytes } from 'node:crypto';

/** Trigger ids the driver mints carry this prefix, so views.open can tell them from made-up ones. */
export const SANDBOX_TRIGGER_PREFIX = '10000000001.sandbox.';

/** Slack-looking ids: a type letter then upper-case alphanumerics. */
export function slackId(prefix: string, length = 10): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** Mints a trigger id that names the user who "clicked", so views.open can tell whose modal it opens. */
export function newTriggerId(userId: string): string {
  return `${SANDBOX_TRIGGER_PREFIX}${userId}.${randomBytes(8).toString('hex')}`;
}

export function triggerIdUser(triggerId: string): string | undefined {
  if (!triggerId.startsWith(SANDBOX_TRIGGER_PREFIX)) return undefined;
  const user = triggerId.slice(SANDBOX_TRIGGER_PREFIX.length).split('.')[0];
  return user || undefined;
}

/**
 * Message timestamps: "seconds.micros", unique and strictly increasing, like Slack's. Derived from the clock
 * but bumped when two messages land in the same microsecond.
 */
export function createTsClock(): () => string {
  let last = 0n;
  return () => {
    let micros = BigInt(Date.now()) * 1000n;
    if (micros <= last) micros = last + 1n;
    last = micros;
    const seconds = micros / 1_000_000n;
    const fraction = (micros % 1_000_000n).toString().padStart(6, '0');
    return `${seconds}.${fraction}`;
  };
}

/** Comparable value of a Slack ts ("1700000000.000123"). */
export function tsValue(ts: string): bigint {
  const [s = '0', f = '0'] = ts.split('.');
  return BigInt(s) * 1_000_000n + BigInt(f.padEnd(6, '0').slice(0, 6));
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Slack's v0 request signature (https://docs.slack.dev/authentication/verifying-requests-from-slack): hex
 * HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed by the signing secret. Kept free of Bolt so the ack thread
 * can check requests without loading the whole framework.
 */
export function computeSlackSignature(signingSecret: string, body: string, timestamp: number): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Compared in constant time; the timestamp's freshness is the caller's check. */
export function hasValidSlackSignature(signingSecret: string, body: string, timestamp: number, signature: string): boolean {
  const expected = Buffer.from(computeSlackSignature(signingSecret, body, timestamp));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

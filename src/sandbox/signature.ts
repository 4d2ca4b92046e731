import { createHmac } from 'node:crypto';

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** Slack's v0 request signature: hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed by the signing secret. */
export function computeSlackSignature(signingSecret: string, body: string, timestamp: number): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Headers Slack would attach to a request carrying `body`; timestamp in Unix seconds. */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  return {
    'x-slack-signature': computeSlackSignature(signingSecret, body, timestamp),
    'x-slack-request-timestamp': String(timestamp),
  };
}

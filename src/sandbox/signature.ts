import { computeSlackSignature } from '../slack/signing.js';

export { computeSlackSignature };

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
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

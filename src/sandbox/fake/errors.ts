/** A Slack API error: answered as HTTP 200 `{ ok: false, error: code, ...extra }`, as Slack does. */
export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'SlackApiError';
  }
}

/** Slack's shape for argument problems: the code plus `[ERROR]` lines in response_metadata.messages. */
export function withMessages(code: string, messages: string[]): SlackApiError {
  return new SlackApiError(code, {
    errors: messages,
    response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) },
  });
}

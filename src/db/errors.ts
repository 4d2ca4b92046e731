/**
 * Data-layer errors, caught by class. Codes follow `${kind}:${surface}`; the message is safe to log, and
 * the conversation/Slack layers decide what the user sees.
 */
export class NotFoundError extends Error {
  readonly code: `not_found:${string}`;
  constructor(
    readonly entity: 'conversation' | 'installation' | 'revision',
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
    this.name = 'NotFoundError';
    this.code = `not_found:${entity}`;
  }
}

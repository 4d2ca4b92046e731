import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino';
import { currentCorrelation } from './context.js';

export type { Logger };

/** Paths whose values never reach the logs, whatever the caller logs. */
export const REDACTED_PATHS = [
  'token',
  'botToken',
  'bot_token',
  'apiKey',
  'api_key',
  'authorization',
  'password',
  'secret',
  'signingSecret',
  'clientSecret',
  '*.token',
  '*.botToken',
  '*.apiKey',
  '*.authorization',
  '*.password',
  '*.secret',
  'headers.authorization',
  'headers["x-api-key"]',
  'req.headers.authorization',
  'config.slack.botToken',
  'config.slack.signingSecret',
  'config.slack.clientSecret',
  'config.engine.apiKey',
];

export function createLogger(options: { level: LoggerOptions['level']; name?: string }, destination?: DestinationStream): Logger {
  return pino(
    {
      name: options.name ?? 'integration-architect',
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      // Correlation fields come from AsyncLocalStorage so listeners, jobs and engines needn't pass them around.
      mixin() {
        const ctx = currentCorrelation();
        if (!ctx) return {};
        return {
          correlation_id: ctx.correlationId,
          ...(ctx.teamId ? { team_id: ctx.teamId } : {}),
          ...(ctx.conversationId ? { conversation_id: ctx.conversationId } : {}),
          ...(ctx.jobId ? { job_id: ctx.jobId } : {}),
        };
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

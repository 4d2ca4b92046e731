import type PgBoss from 'pg-boss';
import { formatIssues, PAYLOAD_SCHEMAS, type WorkQueueName } from './payloads.js';
import type { DeadLetter, DeadLetterHandler, JobHandler, JobLogger } from './types.js';

/** What a worker returns to pg-boss as the job's output when it refuses a malformed payload. */
export interface RejectedJobOutput {
  rejected: 'invalid payload';
  issues: string[];
}

/** Handlers still running; a non-graceful stop aborts their signals. */
export type ActiveJobs = Set<AbortController>;

/**
 * Runs one fetched job: validates the payload, hands it to the handler with a signal that aborts at
 * the job's expiry, and rethrows handler errors so pg-boss schedules the retry.
 *
 * A payload that fails validation is completed with a "rejected" output rather than failed: retrying
 * cannot fix it, and burning the retry window would only delay the error. Enqueue validates too, so
 * this only happens with rows written by something else or after a schema change.
 */
export async function runJob<Q extends WorkQueueName>(
  queue: Q,
  job: PgBoss.JobWithMetadata<unknown>,
  handler: JobHandler<Q>,
  active: ActiveJobs,
  logger: JobLogger,
): Promise<RejectedJobOutput | undefined> {
  const parsed = PAYLOAD_SCHEMAS[queue].safeParse(job.data);
  if (!parsed.success) {
    const issues = formatIssues(parsed.error);
    logger.error({ queue, jobId: job.id, issues }, 'job payload is invalid; rejecting it without retry');
    return { rejected: 'invalid payload', issues };
  }
  const payload = parsed.data;
  const attempt = job.retryCount + 1;
  const log = { queue, jobId: job.id, attempt, correlationId: payload.correlationId };

  const controller = new AbortController();
  const expireMs = Number(job.expireInSeconds) * 1000;
  const expiry = setTimeout(() => controller.abort(new Error(`job expired after ${expireMs} ms`)), expireMs);
  expiry.unref();
  active.add(controller);

  logger.debug(log, 'job started');
  try {
    await handler(payload, {
      jobId: job.id,
      queue,
      attempt,
      retryLimit: job.retryLimit,
      isFinalAttempt: job.retryCount >= job.retryLimit,
      signal: controller.signal,
    });
    logger.info(log, 'job completed');
    return undefined;
  } catch (err) {
    const final = job.retryCount >= job.retryLimit;
    logger.warn({ ...log, err, final }, final ? 'job failed for good' : 'job failed; will retry');
    throw err;
  } finally {
    clearTimeout(expiry);
    active.delete(controller);
  }
}

/** The message of the last failure, as pg-boss stored it in the job's output. */
export function failureMessage(output: unknown): string | undefined {
  if (!output || typeof output !== 'object') return undefined;
  const o = output as { message?: unknown; value?: unknown };
  if (typeof o.message === 'string') return o.message;
  if (o.value && typeof o.value === 'object') return failureMessage(o.value);
  return typeof o.value === 'string' ? o.value : undefined;
}

/** Validates a dead-lettered job and passes it to the app's handler; errors make pg-boss retry it. */
export async function runDeadLetter(
  queue: WorkQueueName,
  job: PgBoss.JobWithMetadata<unknown>,
  handler: DeadLetterHandler,
  logger: JobLogger,
): Promise<void> {
  const error = failureMessage(job.output);
  const letter = toDeadLetter(queue, job.id, job.data, error);
  if (!letter) {
    logger.error({ queue, jobId: job.id, error }, 'dead-lettered job has an invalid payload; dropping it');
    return;
  }
  logger.error(
    { queue, jobId: job.id, conversationId: letter.payload.conversationId, correlationId: letter.payload.correlationId, error },
    'job exhausted its retries',
  );
  await handler(letter);
}

function toDeadLetter(queue: WorkQueueName, jobId: string, data: unknown, error: string | undefined): DeadLetter | undefined {
  switch (queue) {
    case 'generate': {
      const parsed = PAYLOAD_SCHEMAS.generate.safeParse(data);
      return parsed.success ? { queue, jobId, payload: parsed.data, error } : undefined;
    }
    case 'revise': {
      const parsed = PAYLOAD_SCHEMAS.revise.safeParse(data);
      return parsed.success ? { queue, jobId, payload: parsed.data, error } : undefined;
    }
  }
}

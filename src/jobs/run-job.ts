import type PgBoss from 'pg-boss';
import type { JobControl } from '../db/job-control.js';
import { CircuitOpenError } from '../resilience/circuit-breaker.js';
import { formatIssues, PAYLOAD_SCHEMAS, WORK_QUEUES, type WorkQueueName } from './payloads.js';
import { ORDER_WAIT_SECONDS, retryDelaySeconds, type RetrySettings } from './retry-policy.js';
import type { DeadLetter, DeadLetterHandler, JobHandler, JobLogger } from './types.js';

/** What a worker returns to pg-boss as the job's output when it refuses a malformed payload. */
export interface RejectedJobOutput {
  rejected: 'invalid payload';
  issues: string[];
}

/** Handlers still running; a non-graceful stop aborts their signals. */
export type ActiveJobs = Set<AbortController>;

/** What runJob needs besides the job: where to record leases and reschedule, and the retry schedule. */
export interface RunContext {
  control: JobControl;
  workerId: string;
  retry: RetrySettings;
  logger: JobLogger;
  active: ActiveJobs;
}

/**
 * Runs one fetched job:
 * - a malformed payload is completed with a "rejected" output (retrying cannot fix it; enqueue validates
 *   too, so this only happens with rows written by something else or after a schema change);
 * - a job whose conversation has earlier unfinished work is handed back without counting an attempt, so one
 *   conversation is worked on by one job at a time, in the order the work was queued, across processes;
 * - the job is leased to this process (a dead process's jobs are reclaimed by the others, see queue.ts);
 * - an open circuit breaker hands the job back until its half-open time, again without counting an attempt;
 * - any other failure schedules the next attempt by our retry policy, or, on the last attempt, is rethrown
 *   so pg-boss fails the job into its dead-letter queue.
 */
export async function runJob<Q extends WorkQueueName>(
  queue: Q,
  job: PgBoss.JobWithMetadata<unknown>,
  handler: JobHandler<Q>,
  run: RunContext,
): Promise<RejectedJobOutput | undefined> {
  const { control, logger } = run;
  const parsed = PAYLOAD_SCHEMAS[queue].safeParse(job.data);
  if (!parsed.success) {
    const issues = formatIssues(parsed.error);
    logger.error({ queue, jobId: job.id, issues }, 'job payload is invalid; rejecting it without retry');
    return { rejected: 'invalid payload', issues };
  }
  const payload = parsed.data;
  const attempt = job.retryCount + 1;
  const log = { queue, jobId: job.id, attempt, correlationId: payload.correlationId };

  const earlier = await control.earlierWork(WORK_QUEUES, payload.conversationId, job.id);
  if (earlier) {
    await control.defer(queue, job.id, ORDER_WAIT_SECONDS);
    logger.debug({ ...log, waitingFor: earlier }, 'earlier work on this conversation is unfinished; waiting for it');
    return undefined;
  }

  const controller = new AbortController();
  const expireMs = Number(job.expireInSeconds) * 1000;
  const expiry = setTimeout(() => controller.abort(new Error(`job expired after ${expireMs} ms`)), expireMs);
  expiry.unref();
  run.active.add(controller);
  await control.lease(job.id, run.workerId, payload.conversationId);

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
    if (err instanceof CircuitOpenError) {
      const seconds = Math.max(1, Math.ceil(err.retryAfterMs / 1000));
      await control.defer(queue, job.id, seconds);
      logger.info({ ...log, deferSeconds: seconds }, 'model circuit is open; job handed back until it half-opens (no attempt spent)');
      return undefined;
    }
    if (job.retryCount >= job.retryLimit) {
      logger.warn({ ...log, err }, 'job failed for good');
      throw err;
    }
    const seconds = retryDelaySeconds(run.retry, attempt);
    await control.retryIn(queue, job.id, seconds, { message: (err as Error | undefined)?.message ?? String(err) });
    logger.warn({ ...log, err, retryInSeconds: Math.round(seconds * 10) / 10 }, 'job failed; will retry');
    return undefined;
  } finally {
    clearTimeout(expiry);
    run.active.delete(controller);
    await control.unlease(job.id, run.workerId).catch((error: unknown) => logger.warn({ err: error, jobId: job.id }, 'could not release a job lease'));
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

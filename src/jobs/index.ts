export { createJobQueue, type JobBackend, type JobQueueDeps, type JobQueueSettings } from './queue.js';
export type {
  DeadLetter,
  DeadLetterHandler,
  JobContext,
  JobHandler,
  JobLogger,
  JobQueue,
  StopOptions,
  WorkOptions,
} from './types.js';
export {
  GeneratePayloadSchema,
  InvalidJobPayloadError,
  RevisePayloadSchema,
  WORK_QUEUES,
  deadLetterQueueOf,
  type GeneratePayload,
  type PayloadByQueue,
  type RevisePayload,
  type WorkQueueName,
} from './payloads.js';
export {
  JOB_EXPIRE_IN_SECONDS,
  JOB_MAINTENANCE_INTERVAL_SECONDS,
  JOB_POLLING_INTERVAL_SECONDS,
  JOB_RETRY,
  OUTAGE_TO_SURVIVE_SECONDS,
  retryWindow,
  type RetrySettings,
  type RetryWindow,
} from './retry-policy.js';
export { jobIdFor, singletonKeyFor } from './idempotency.js';
export { asPgBossDb, createPgliteBossDb, type PgBossDb, type PgliteBossDb } from './pglite-db.js';
export { toJobSink } from './sink.js';

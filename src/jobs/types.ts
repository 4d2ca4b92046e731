import type { GeneratePayload, PayloadByQueue, RevisePayload, WorkQueueName } from './payloads.js';

/** The log methods the queue uses; pino's logger fits. */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface JobContext {
  jobId: string;
  queue: WorkQueueName;
  /** 1 on the first run, incremented on each retry (including retries after an expiry). */
  attempt: number;
  /** Retries allowed after the first attempt. */
  retryLimit: number;
  /** True when a failure now sends the job to the dead-letter queue. */
  isFinalAttempt: boolean;
  /**
   * Aborted when the job's expiry passes (pg-boss then fails it and may hand it to another worker)
   * or on a non-graceful stop. Long handlers should pass it on to the model call.
   */
  signal: AbortSignal;
}

export type JobHandler<Q extends WorkQueueName> = (payload: PayloadByQueue[Q], ctx: JobContext) => Promise<void>;

export type DeadLetter =
  | { queue: 'generate'; jobId: string; payload: GeneratePayload; error: string | undefined }
  | { queue: 'revise'; jobId: string; payload: RevisePayload; error: string | undefined };

export type DeadLetterHandler = (letter: DeadLetter) => Promise<void>;

export interface WorkOptions {
  /** Parallel polling loops for this queue in this process (default 1). */
  concurrency?: number;
  /** Overrides the queue's polling interval for these loops (pg-boss minimum: 0.5 s). */
  pollingIntervalSeconds?: number;
}

export interface StopOptions {
  /** true: wait up to `timeoutMs` for running handlers; false: fail running jobs now so they retry. */
  graceful?: boolean;
  timeoutMs?: number;
}

/** What the app depends on; free of pg-boss types. */
export interface JobQueue {
  /** Installs/migrates the pg-boss schema, creates the queues and starts registered workers. */
  start(): Promise<void>;
  stop(options?: StopOptions): Promise<void>;
  /** Returns the job id, or null when a job for this conversation revision already exists. */
  enqueueGenerate(payload: GeneratePayload): Promise<string | null>;
  /** Returns the job id, or null when a job for this conversation revision already exists. */
  enqueueRevise(payload: RevisePayload): Promise<string | null>;
  /** Registers a worker; before start() it is held and started with the queue. */
  work<Q extends WorkQueueName>(queue: Q, handler: JobHandler<Q>, options?: WorkOptions): Promise<void>;
  /** Called once per job that exhausted its retries. Register before start(). */
  onDeadLetter(handler: DeadLetterHandler): void;
  /** Jobs not yet finished (queued, waiting to retry, or running) across the work and dead-letter queues. */
  unfinished(): Promise<number>;
}

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import { createJobControl, type JobControl } from '../db/job-control.js';
import { jobIdFor, singletonKeyFor } from './idempotency.js';
import { deadLetterQueueOf, parsePayload, WORK_QUEUES, type WorkQueueName } from './payloads.js';
import { asPgBossDb, createPgliteBossDb, type PgliteBossDb } from './pglite-db.js';
import {
  JOB_EXPIRE_IN_SECONDS,
  JOB_MAINTENANCE_INTERVAL_SECONDS,
  JOB_POLLING_INTERVAL_SECONDS,
  JOB_RETRY,
  WORKER_HEARTBEAT_SECONDS,
  WORKER_STALE_AFTER_SECONDS,
  type RetrySettings,
} from './retry-policy.js';
import { runDeadLetter, runJob, type ActiveJobs, type RunContext } from './run-job.js';
import type { DeadLetterHandler, JobHandler, JobLogger, JobQueue, StopOptions, WorkOptions } from './types.js';

export type JobBackend =
  | { kind: 'postgres'; connectionString: string; poolSize?: number }
  | { kind: 'pglite'; pglite: PGlite };

/** Production values come from retry-policy.ts; tests shrink them. */
export interface JobQueueSettings {
  retry?: Partial<RetrySettings>;
  expireInSeconds?: number;
  maintenanceIntervalSeconds?: number;
  pollingIntervalSeconds?: number;
  /** How often this process heartbeats and looks for jobs whose process died. */
  heartbeatSeconds?: number;
  /** Silence after which a process counts as dead and its running jobs are retried elsewhere. */
  staleAfterSeconds?: number;
}

export interface JobQueueDeps {
  backend: JobBackend;
  logger?: JobLogger;
  /** pg-boss schema (default `pgboss`). */
  schema?: string;
  settings?: JobQueueSettings;
}

const DEADLOCK = '40P01';
const UNIQUE_VIOLATION = '23505';
const noop = () => {};
const silentLogger: JobLogger = { info: noop, warn: noop, error: noop, debug: noop };

interface Registration {
  queue: WorkQueueName;
  handler: JobHandler<WorkQueueName>;
  options: WorkOptions;
}

export function createJobQueue(deps: JobQueueDeps): JobQueue {
  const logger = deps.logger ?? silentLogger;
  const settings = deps.settings ?? {};
  const retry: RetrySettings = { ...JOB_RETRY, ...settings.retry };
  const expireInSeconds = settings.expireInSeconds ?? JOB_EXPIRE_IN_SECONDS;
  const heartbeatSeconds = settings.heartbeatSeconds ?? WORKER_HEARTBEAT_SECONDS;
  const staleAfterSeconds = settings.staleAfterSeconds ?? WORKER_STALE_AFTER_SECONDS;
  const workerId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const schema = deps.schema ?? 'pgboss';

  const common = {
    schema,
    // No cron schedules: the timekeeper would add an internal queue and a clock-skew poller for nothing.
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds ?? JOB_MAINTENANCE_INTERVAL_SECONDS,
    pollingIntervalSeconds: settings.pollingIntervalSeconds ?? JOB_POLLING_INTERVAL_SECONDS,
  };
  let pgliteDb: PgliteBossDb | undefined;
  const boss =
    deps.backend.kind === 'postgres'
      ? new PgBoss({
          ...common,
          connectionString: deps.backend.connectionString,
          max: deps.backend.poolSize ?? 10,
          application_name: 'integration-architect-jobs',
        })
      : new PgBoss({ ...common, db: asPgBossDb((pgliteDb = createPgliteBossDb(deps.backend.pglite))) });

  // pg-boss reports fetch/maintenance failures as events; an unhandled 'error' event would crash.
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));

  let state: 'idle' | 'starting' | 'started' | 'stopped' = 'idle';
  let starting: Promise<void> | undefined;
  const pending: Registration[] = [];
  const workerIds = new Map<WorkQueueName, string[]>();
  const active: ActiveJobs = new Set();
  let deadLetterHandler: DeadLetterHandler | undefined;
  const control: JobControl = createJobControl(boss.getDb(), schema);
  const run: RunContext = { control, workerId, retry, logger, active };
  let monitor: NodeJS.Timeout | undefined;

  /** Keeps this process's heartbeat fresh and hands jobs of dead processes back to the queue at once. */
  async function superviseWorkers(): Promise<void> {
    await control.heartbeat(workerId);
    const reclaimed = await control.reclaimOrphans(WORK_QUEUES, staleAfterSeconds);
    if (reclaimed.length > 0) {
      logger.warn({ jobIds: reclaimed }, 'reclaimed jobs whose worker process died; they run again now');
      for (const ids of workerIds.values()) for (const id of ids) boss.notifyWorker(id);
    }
  }

  /**
   * Instances starting together can deadlock inside pg-boss's create_queue (it attaches a partition
   * to the shared job table); Postgres aborts one of them, which simply tries again.
   */
  async function ensureQueues(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await createQueues();
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (attempt >= 5 || (code !== DEADLOCK && code !== UNIQUE_VIOLATION)) throw err;
        logger.warn({ err, attempt }, 'queue creation raced another instance; retrying');
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
      }
    }
  }

  async function createQueues(): Promise<void> {
    for (const queue of WORK_QUEUES) {
      const dlq = deadLetterQueueOf(queue);
      // Checking first keeps ordinary restarts out of create_queue and its locks.
      if (!(await boss.getQueue(dlq))) await boss.createQueue(dlq, { name: dlq, policy: 'standard' });
      // 'stately' allows one job per key in each of created/retry/active; the deterministic job id
      // (see idempotency.ts) extends that to completed and failed jobs. The worker schedules retries itself
      // (run-job.ts); pg-boss's own delay only applies to jobs it fails, i.e. after an expiry.
      const options: PgBoss.Queue = {
        name: queue,
        policy: 'stately',
        retryLimit: retry.retryLimit,
        retryDelay: retry.retryBackoff ? (retry.maxDelay ?? retry.retryDelay) : retry.retryDelay,
        retryBackoff: false,
        expireInSeconds,
        deadLetter: dlq,
      };
      // An existing queue keeps its old settings through createQueue; update them to this release's.
      if (await boss.getQueue(queue)) await boss.updateQueue(queue, options);
      else await boss.createQueue(queue, options);
    }
  }

  async function startWorkers({ queue, handler, options }: Registration): Promise<void> {
    const loops = Math.max(1, options.concurrency ?? 1);
    const workOptions = {
      includeMetadata: true as const,
      batchSize: 1,
      ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
    };
    for (let i = 0; i < loops; i++) {
      const id = await boss.work<unknown>(queue, workOptions, async (jobs) => {
        const [job] = jobs;
        return job ? await runJob(queue, job, handler, run) : undefined;
      });
      workerIds.set(queue, [...(workerIds.get(queue) ?? []), id]);
    }
  }

  async function startDeadLetterWorkers(handler: DeadLetterHandler): Promise<void> {
    for (const queue of WORK_QUEUES) {
      await boss.work<unknown>(deadLetterQueueOf(queue), { includeMetadata: true, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await runDeadLetter(queue, job, handler, logger);
      });
    }
  }

  async function enqueue(queue: WorkQueueName, payload: unknown): Promise<string | null> {
    if (state !== 'started') throw new Error(`job queue is ${state}; cannot enqueue ${queue}`);
    const data = parsePayload(queue, payload);
    const singletonKey = singletonKeyFor(data);
    const id = await boss.send(queue, data, { id: jobIdFor(queue, singletonKey), singletonKey });
    const log = { queue, singletonKey, correlationId: data.correlationId };
    if (id === null) {
      logger.info(log, 'job already enqueued for this revision; ignoring duplicate');
      return null;
    }
    logger.debug({ ...log, jobId: id }, 'job enqueued');
    // Workers in this process can skip their polling wait.
    for (const workerId of workerIds.get(queue) ?? []) boss.notifyWorker(workerId);
    return id;
  }

  async function startOnce(): Promise<void> {
    try {
      await boss.start();
      await ensureQueues();
      await control.install();
      // Nobody else can be running on the embedded database (its directory is locked): whatever was active
      // belonged to a process that is gone.
      if (deps.backend.kind === 'pglite') await control.retireOthers(workerId);
      await superviseWorkers();
      monitor = setInterval(() => {
        superviseWorkers().catch((err: unknown) => logger.warn({ err }, 'worker supervision failed; trying again'));
      }, heartbeatSeconds * 1000);
      monitor.unref();
      if (deadLetterHandler) await startDeadLetterWorkers(deadLetterHandler);
      // work() calls made meanwhile land in `pending` too; nothing awaits between the last shift
      // and the state change, so none is left behind.
      for (let reg = pending.shift(); reg; reg = pending.shift()) await startWorkers(reg);
      state = 'started';
    } catch (err) {
      // pg-boss cannot be started twice, so a failed start is final: build a new queue to retry.
      state = 'stopped';
      clearInterval(monitor);
      await boss.stop({ graceful: false, close: true }).catch((stopErr: unknown) => {
        logger.warn({ err: stopErr }, 'could not stop job queue after a failed start');
      });
      throw err;
    }
    logger.info({ retry, expireInSeconds, heartbeatSeconds, staleAfterSeconds, workerId, backend: deps.backend.kind }, 'job queue started');
  }

  return {
    start() {
      if (state !== 'idle') return Promise.reject(new Error(`job queue is ${state}; start() runs once`));
      state = 'starting';
      starting = startOnce();
      return starting;
    },

    async stop(options: StopOptions = {}) {
      const graceful = options.graceful ?? true;
      if (state === 'starting') {
        // Let start finish (or fail) so there is a definite pg-boss to stop.
        await starting?.catch((err: unknown) => logger.debug({ err }, 'stop() after a failed start'));
      }
      if (state !== 'started') {
        state = 'stopped';
        return;
      }
      state = 'stopped';
      clearInterval(monitor);
      if (!graceful) {
        for (const controller of active) controller.abort(new Error('job queue stopping'));
      }
      // Jobs still running when the wait ends are failed by pg-boss, so they retry elsewhere.
      await boss.stop({ graceful, timeout: options.timeoutMs ?? 30_000, wait: true, close: true });
      pgliteDb?.close();
      logger.info({ graceful }, 'job queue stopped');
    },

    enqueueGenerate: (payload) => enqueue('generate', payload),
    enqueueRevise: (payload) => enqueue('revise', payload),

    async work(queue, handler, options = {}) {
      if (state === 'stopped') throw new Error('job queue is stopped');
      const reg: Registration = { queue, handler: handler as JobHandler<WorkQueueName>, options };
      if (state === 'started') await startWorkers(reg);
      else pending.push(reg);
    },

    async unfinished() {
      if (state !== 'started') return 0;
      const queues = WORK_QUEUES.flatMap((q) => [q, deadLetterQueueOf(q)]);
      const sizes = await Promise.all(queues.map((q) => boss.getQueueSize(q, { before: 'completed' })));
      return sizes.reduce((sum, n) => sum + (n ?? 0), 0);
    },

    onDeadLetter(handler) {
      if (state !== 'idle') throw new Error('register the dead-letter handler before start()');
      if (deadLetterHandler) throw new Error('a dead-letter handler is already registered');
      deadLetterHandler = handler;
    },
  };
}

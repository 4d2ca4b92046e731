/**
 * The statements the job queue runs next to pg-boss (src/jobs/), kept here with the rest of the SQL.
 *
 * pg-boss 10 has no way to hand a job back without counting an attempt, no per-key ordering across
 * queues, and finds a job whose worker died only when the job's expiry passes. These fill the gaps, on
 * pg-boss's own job table (its schema is stable within a major version) plus two small tables of ours
 * in the same schema:
 * - `ia_worker`: one row per running process, with a heartbeat;
 * - `ia_job_lease`: which process runs which active job, so a dead process's jobs are found at once.
 */

export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] } | undefined>;
}

const ident = (schema: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  return schema;
};

const rows = <T>(result: { rows: unknown[] } | undefined): T[] => (result?.rows ?? []) as T[];

export function createJobControl(db: SqlExecutor, schemaName: string) {
  const s = ident(schemaName);
  return {
    async install(): Promise<void> {
      // IF NOT EXISTS is not safe against a concurrent CREATE (two replicas starting together): serialise on a lock.
      await db.executeSql(
        `BEGIN;
         SELECT pg_advisory_xact_lock(hashtext('${s}.ia_job_control'));
         CREATE TABLE IF NOT EXISTS ${s}.ia_worker (id text PRIMARY KEY, heartbeat_at timestamptz NOT NULL DEFAULT now(), started_at timestamptz NOT NULL DEFAULT now());
         CREATE TABLE IF NOT EXISTS ${s}.ia_job_lease (job_id uuid PRIMARY KEY, worker_id text NOT NULL, conversation_id text, leased_at timestamptz NOT NULL DEFAULT now());
         CREATE INDEX IF NOT EXISTS ia_job_lease_worker_idx ON ${s}.ia_job_lease (worker_id);
         COMMIT;`,
      );
    },

    async heartbeat(workerId: string): Promise<void> {
      await db.executeSql(
        `INSERT INTO ${s}.ia_worker (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`,
        [workerId],
      );
    },

    async retire(workerId: string): Promise<void> {
      await db.executeSql(`DELETE FROM ${s}.ia_worker WHERE id = $1`, [workerId]);
    },

    /** Every other worker is dead (this process owns the embedded database): forget them so their jobs are reclaimed now. */
    async retireOthers(workerId: string): Promise<void> {
      await db.executeSql(`DELETE FROM ${s}.ia_worker WHERE id <> $1`, [workerId]);
    },

    async lease(jobId: string, workerId: string, conversationId: string | undefined): Promise<void> {
      await db.executeSql(
        `INSERT INTO ${s}.ia_job_lease (job_id, worker_id, conversation_id) VALUES ($1, $2, $3)
         ON CONFLICT (job_id) DO UPDATE SET worker_id = EXCLUDED.worker_id, leased_at = now()`,
        [jobId, workerId, conversationId ?? null],
      );
    },

    async unlease(jobId: string, workerId: string): Promise<void> {
      await db.executeSql(`DELETE FROM ${s}.ia_job_lease WHERE job_id = $1 AND worker_id = $2`, [jobId, workerId]);
    },

    /**
     * Whether another unfinished job of the same conversation was queued before this one (pg-boss stamps
     * created_on with the database's clock, so replicas agree on the order).
     */
    async earlierWork(queues: readonly string[], conversationId: string, jobId: string): Promise<string | undefined> {
      const found = rows<{ id: string }>(
        await db.executeSql(
          `SELECT o.id FROM ${s}.job o, ${s}.job me
            WHERE me.id = $3 AND me.name = ANY($1::text[])
              AND o.name = ANY($1::text[]) AND o.id <> me.id
              AND o.data->>'conversationId' = $2
              AND o.state IN ('created', 'retry', 'active')
              AND (o.created_on, o.id) < (me.created_on, me.id)
            LIMIT 1`,
          [queues, conversationId, jobId],
        ),
      );
      return found[0]?.id;
    },

    /**
     * Hands an active job back to the queue for later without counting an attempt: pg-boss counts one
     * only when it fetches a job that has started before (started_on set). The worker then returns
     * normally; pg-boss's complete() only touches active jobs, so it leaves this one alone.
     */
    async defer(queue: string, jobId: string, seconds: number): Promise<boolean> {
      const done = rows(
        await db.executeSql(
          `UPDATE ${s}.job SET state = 'created', started_on = NULL, start_after = now() + $3 * interval '1 second'
            WHERE name = $1 AND id = $2 AND state = 'active' RETURNING id`,
          [queue, jobId, seconds],
        ),
      );
      return done.length > 0;
    },

    /** Schedules the next attempt ourselves (pg-boss counts it when it fetches the job again). */
    async retryIn(queue: string, jobId: string, seconds: number, output: unknown): Promise<boolean> {
      const done = rows(
        await db.executeSql(
          `UPDATE ${s}.job SET state = 'retry', start_after = now() + $3 * interval '1 second', output = $4::jsonb
            WHERE name = $1 AND id = $2 AND state = 'active' RETURNING id`,
          [queue, jobId, seconds, JSON.stringify(output)],
        ),
      );
      return done.length > 0;
    },

    /**
     * Active jobs whose worker is gone (its heartbeat older than `staleSeconds`, or never leased and started that
     * long ago) go back to retry at once, instead of waiting for their expiry. Returns their ids.
     */
    async reclaimOrphans(queues: readonly string[], staleSeconds: number): Promise<string[]> {
      const reclaimed = rows<{ id: string }>(
        await db.executeSql(
          `WITH dead AS (
             SELECT j.id FROM ${s}.job j
               LEFT JOIN ${s}.ia_job_lease l ON l.job_id = j.id
               LEFT JOIN ${s}.ia_worker w ON w.id = l.worker_id
              WHERE j.name = ANY($1::text[]) AND j.state = 'active'
                AND CASE WHEN l.job_id IS NULL THEN j.started_on < now() - $2 * interval '1 second'
                         ELSE w.id IS NULL OR w.heartbeat_at < now() - $2 * interval '1 second' END
           )
           UPDATE ${s}.job j SET state = 'retry', start_after = now(), output = '{"message":"worker died while running this job"}'::jsonb
             FROM dead WHERE j.id = dead.id AND j.state = 'active'
           RETURNING j.id`,
          [queues, staleSeconds],
        ),
      );
      if (reclaimed.length > 0) {
        await db.executeSql(`DELETE FROM ${s}.ia_job_lease WHERE job_id = ANY($1::uuid[])`, [reclaimed.map((r) => r.id)]);
      }
      await db.executeSql(`DELETE FROM ${s}.ia_worker WHERE heartbeat_at < now() - $1 * interval '10 second'`, [staleSeconds]);
      return reclaimed.map((r) => r.id);
    },
  };
}

export type JobControl = ReturnType<typeof createJobControl>;

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  singletonKeyFor,
  jobIdFor,
  toJobSink,
  type DeadLetter,
  type GeneratePayload,
  type JobContext,
  type RevisePayload,
} from '../../../src/jobs/index.js';
import { CircuitOpenError } from '../../../src/resilience/circuit-breaker.js';
import { backendsUnderTest, FAST, sleep, waitFor, type Fixture } from './helpers.js';

const generate = (conversationId: string, revision = 1): GeneratePayload => ({
  conversationId,
  revision,
  correlationId: `corr-${conversationId}-${revision}`,
});

// The backends run side by side, since most of each test is waiting on pg-boss's clock; within a backend the
// tests run one at a time.
describe.each(backendsUnderTest())('job queue on $name', { concurrent: true }, (backend) => {
  describe.sequential('one test at a time', () => {
    let f: Fixture;

    beforeAll(() => backend.open());
    afterAll(() => backend.close());
    afterEach(async () => {
      await f.cleanup();
    });

    const setup = () => {
      f = backend.fixture();
      return f;
    };

    async function stateOf(queue: string, id: string): Promise<string | undefined> {
      const raw = await f.rawBoss();
      const job = await raw.getJobById(queue, id);
      return job?.state;
    }

    it('runs an enqueued job once with the validated payload', async () => {
      setup();
      const q = f.makeQueue();
      const calls: Array<{ payload: RevisePayload; ctx: JobContext }> = [];
      await q.work('revise', async (payload, ctx) => {
        calls.push({ payload, ctx });
      });
      await q.start();

      const payload: RevisePayload = {
        conversationId: 'conv-1',
        revision: 2,
        request: 'Use a webhook instead of polling',
        replyTs: '1712345678.000200',
        correlationId: 'corr-1',
      };
      const id = await q.enqueueRevise(payload);
      expect(id).toBe(jobIdFor('revise', singletonKeyFor(payload)));

      await waitFor(async () => (await stateOf('revise', id!)) === 'completed', 'job completion');
      expect(calls).toHaveLength(1);
      expect(calls[0]!.payload).toEqual(payload);
      expect(calls[0]!.ctx).toMatchObject({ jobId: id, queue: 'revise', attempt: 1, retryLimit: 2, isFinalAttempt: false });
    });

    it('enforces its lifecycle', async () => {
      setup();
      const q = f.makeQueue();
      await expect(q.enqueueGenerate(generate('early'))).rejects.toThrow(/idle/);
      const startup = q.start();
      await expect(q.start()).rejects.toThrow(/start\(\) runs once/);
      expect(() => q.onDeadLetter(async () => {})).toThrow(/before start/);
      await q.stop(); // waits for the start in flight, then stops
      await startup;
      await expect(q.enqueueGenerate(generate('late'))).rejects.toThrow(/stopped/);
      await expect(q.work('generate', async () => {})).rejects.toThrow(/stopped/);
      await q.stop();
    });

    it('refuses an invalid payload at enqueue and writes nothing', async () => {
      setup();
      const q = f.makeQueue();
      await q.start();
      await expect(q.enqueueGenerate({ conversationId: '', revision: 1, correlationId: 'c' })).rejects.toThrow(/conversationId/);
      const raw = await f.rawBoss();
      expect(await raw.getQueueSize('generate')).toBe(0);
    });

    it('rejects a malformed job written behind its back without calling the handler or retrying', async () => {
      setup();
      const q = f.makeQueue();
      const calls: GeneratePayload[] = [];
      await q.work('generate', async (p) => {
        calls.push(p);
      });
      await q.start();

      const raw = await f.rawBoss();
      const id = await raw.send('generate', { conversationId: 'x', revision: 'one' });
      await waitFor(async () => (await stateOf('generate', id!)) === 'completed', 'rejection');
      const job = await raw.getJobById('generate', id!);
      expect(job?.output).toMatchObject({ rejected: 'invalid payload' });
      expect(job?.retryCount).toBe(0);
      expect(calls).toEqual([]);
    });

    it('turns duplicate enqueues of the same conversation revision into one job', async () => {
      setup();
      const q = f.makeQueue();
      await q.start();

      const results = await Promise.all(Array.from({ length: 5 }, () => q.enqueueGenerate(generate('dup'))));
      const ids = results.filter((r): r is string => r !== null);
      expect(ids).toEqual([jobIdFor('generate', 'dup:1')]);

      const raw = await f.rawBoss();
      expect(await raw.getQueueSize('generate')).toBe(1);

      // Through the conversation layer's port a duplicate reads as `false`.
      const sink = toJobSink(q);
      expect(await sink.enqueueGenerate(generate('dup'))).toBe(false);

      // A new revision of the same conversation is a new job.
      expect(await q.enqueueGenerate(generate('dup', 2))).toBe(jobIdFor('generate', 'dup:2'));

      const seen: string[] = [];
      await q.work('generate', async (p) => {
        seen.push(`${p.conversationId}:${p.revision}`);
      });
      await waitFor(() => seen.length === 2, 'both revisions');
      await waitFor(async () => (await stateOf('generate', ids[0]!)) === 'completed', 'completion');

      // Still a no-op once the job has completed.
      expect(await q.enqueueGenerate(generate('dup'))).toBeNull();
      await waitFor(async () => (await q.unfinished()) === 0, 'the queue to drain');
      expect(seen.sort()).toEqual(['dup:1', 'dup:2']);
    });

    it('retries a failing handler and dead-letters the job after retryLimit', async () => {
      setup();
      const q = f.makeQueue();
      const attempts: JobContext[] = [];
      const letters: DeadLetter[] = [];
      q.onDeadLetter(async (letter) => {
        letters.push(letter);
      });
      await q.work('generate', async (_p, ctx) => {
        attempts.push(ctx);
        throw new Error(`model unavailable (attempt ${ctx.attempt})`);
      });
      await q.start();

      const payload = generate('failing');
      const id = await q.enqueueGenerate(payload);

      await waitFor(() => letters.length === 1, 'dead letter', 20_000);
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
      expect(attempts.map((a) => a.isFinalAttempt)).toEqual([false, false, true]);
      expect(letters[0]).toMatchObject({ queue: 'generate', payload, error: 'model unavailable (attempt 3)' });
      expect(await stateOf('generate', id!)).toBe('failed');

      await waitFor(async () => (await q.unfinished()) === 0, 'the queue and its dead letters to drain');
      expect(letters).toHaveLength(1);
      expect(attempts).toHaveLength(3);
    });

    it('hands a job held by a stopped worker to a new instance, which completes it once', async () => {
      setup();
      const first = f.makeQueue();
      let started = 0;
      let firstSignal: AbortSignal | undefined;
      await first.work('generate', (_p, ctx) => {
        started++;
        firstSignal = ctx.signal;
        return new Promise<void>(() => {}); // never settles: the worker is stuck mid-job
      });
      await first.start();
      const id = await first.enqueueGenerate(generate('stuck'));
      await waitFor(() => started === 1, 'first worker to take the job');
      await first.stop({ graceful: false });
      expect(firstSignal?.aborted).toBe(true);

      const second = f.makeQueue();
      const completions: JobContext[] = [];
      await second.work('generate', async (_p, ctx) => {
        completions.push(ctx);
      });
      await second.start();

      await waitFor(async () => (await stateOf('generate', id!)) === 'completed', 'completion by the new instance');
      // Outlive the stuck handler's expiry: its late failure must not touch the job any more.
      await sleep((FAST.expireInSeconds! + 1) * 1000);
      expect(await stateOf('generate', id!)).toBe('completed');
      expect(completions).toHaveLength(1);
      expect(completions[0]!.attempt).toBe(2);
      expect(started).toBe(1);
    });

    it('expires a job left active by a crashed worker and completes it exactly once', async () => {
      setup();
      const producer = f.makeQueue();
      await producer.start();
      const id = await producer.enqueueGenerate(generate('crashed'));
      await producer.stop();

      // The crashed process: it fetched the job (now active) and died without completing or failing it.
      const crashed = await f.rawBoss();
      const [taken] = await crashed.fetch('generate');
      expect(taken?.id).toBe(id);
      expect(await stateOf('generate', id!)).toBe('active');

      const survivor = f.makeQueue();
      const runs: JobContext[] = [];
      await survivor.work('generate', async (_p, ctx) => {
        runs.push(ctx);
      });
      await survivor.start();

      await waitFor(async () => (await stateOf('generate', id!)) === 'completed', 'recovery after expiry', 20_000);
      await waitFor(async () => (await survivor.unfinished()) === 0, 'the queue to drain');
      expect(runs).toHaveLength(1);
      expect(runs[0]!.attempt).toBe(2);
    });

    it('never completes the same job twice across two instances on one queue', async () => {
      setup();
      const a = f.makeQueue();
      const b = f.makeQueue();
      const runsByKey = new Map<string, string[]>();
      const record = (who: string) => async (p: GeneratePayload) => {
        const key = `${p.conversationId}:${p.revision}`;
        runsByKey.set(key, [...(runsByKey.get(key) ?? []), who]);
        await f.sql(`INSERT INTO ${f.schema}.side_effect (job_key, worker) VALUES ($1, $2)`, [key, who]);
      };
      await a.work('generate', record('a'), { concurrency: 3 });
      await b.work('generate', record('b'), { concurrency: 3 });
      await Promise.all([a.start(), b.start()]);
      // The side effect goes to a table with a unique key, written the way the app's store will
      // (workers are idle until the first enqueue below).
      await f.sql(`CREATE TABLE ${f.schema}.side_effect (job_key text PRIMARY KEY, worker text NOT NULL)`);

      const total = 30;
      const ids = await Promise.all(
        Array.from({ length: total }, (_, i) => (i % 2 ? a : b).enqueueGenerate(generate(`many-${i}`))),
      );
      expect(ids.every((id) => id !== null)).toBe(true);

      await waitFor(() => runsByKey.size === total, `all ${total} jobs`, 25_000);
      const raw = await f.rawBoss();
      await waitFor(async () => (await raw.getQueueSize('generate', { before: 'completed' })) === 0, 'all jobs completed');

      const duplicates = [...runsByKey].filter(([, who]) => who.length !== 1);
      expect(duplicates).toEqual([]);
      const rows = await f.sql(`SELECT count(*)::int AS n FROM ${f.schema}.side_effect`);
      expect(rows).toEqual([{ n: total }]);
      for (const id of ids) expect(await stateOf('generate', id!)).toBe('completed');
    });

    const revise = (conversationId: string, replyTs: string): RevisePayload => ({
      conversationId,
      revision: 1,
      request: `change ${replyTs}`,
      replyTs,
      correlationId: `corr-${replyTs}`,
    });

    it('works on one conversation with one job at a time, in the order queued across both queues; other conversations go on meanwhile', async () => {
      setup();
      const a = f.makeQueue();
      const b = f.makeQueue();
      const events: string[] = [];
      const running = new Set<string>();
      let overlapped = false;
      const handler = (who: string) => async (p: GeneratePayload | RevisePayload) => {
        const label = 'replyTs' in p ? `${p.conversationId}:reply ${p.replyTs}` : `${p.conversationId}:generate`;
        if (running.has(p.conversationId)) overlapped = true;
        running.add(p.conversationId);
        events.push(`start ${label} on ${who}`);
        await sleep(p.conversationId === 'busy' ? 400 : 50);
        events.push(`end ${label}`);
        running.delete(p.conversationId);
      };
      for (const q of [a, b]) {
        await q.work('generate', handler(q === a ? 'a' : 'b'), { concurrency: 2 });
        await q.work('revise', handler(q === a ? 'a' : 'b'), { concurrency: 2 });
      }
      await Promise.all([a.start(), b.start()]);
      await a.enqueueGenerate(generate('busy'));
      await sleep(20); // created_on order is the database's clock: keep the enqueues apart
      await b.enqueueRevise(revise('busy', '1.000001'));
      await sleep(20);
      await a.enqueueRevise(revise('busy', '1.000002'));
      await b.enqueueGenerate(generate('other'));

      await waitFor(() => events.filter((e) => e.startsWith('end')).length === 4, 'all four jobs', 30_000);
      expect(overlapped).toBe(false);
      const busy = events.filter((e) => e.startsWith('start busy')).map((e) => e.replace(/ on [ab]$/, ''));
      expect(busy).toEqual(['start busy:generate', 'start busy:reply 1.000001', 'start busy:reply 1.000002']);
      // The other conversation did not wait for the busy one to finish all its work.
      expect(events.indexOf('end other:generate')).toBeLessThan(events.indexOf('end busy:reply 1.000002'));
    });

    it('hands a job back while the model circuit is open without spending an attempt', async () => {
      setup();
      const q = f.makeQueue({ ...FAST, retry: { retryLimit: 1, retryDelay: 0, retryBackoff: false } });
      const attempts: number[] = [];
      let refusals = 0;
      await q.work('generate', async (_p, ctx) => {
        attempts.push(ctx.attempt);
        if (refusals < 3) {
          refusals++;
          throw new CircuitOpenError('model', 500);
        }
      });
      await q.start();
      const id = await q.enqueueGenerate(generate('breaker'));
      await waitFor(async () => (await stateOf('generate', id!)) === 'completed', 'completion after the breaker closes', 20_000);
      // Four runs with a retry limit of 1: the three refused by the open breaker did not count.
      expect(attempts).toEqual([1, 1, 1, 1]);
    });

    it('retries a job whose worker process died within seconds, not at its 10-minute expiry; a live worker keeps its job', async () => {
      setup();
      const settings = { ...FAST, expireInSeconds: 600, heartbeatSeconds: 0.5, staleAfterSeconds: 2 };
      const producer = f.makeQueue(settings);
      await producer.start();
      const deadId = await producer.enqueueGenerate(generate('orphan'));
      await producer.stop();

      // A process that leased the job and died: its heartbeat stopped long ago.
      const crashed = await f.rawBoss();
      const [taken] = await crashed.fetch('generate');
      expect(taken?.id).toBe(deadId);
      await f.sql(`INSERT INTO ${f.schema}.ia_worker (id, heartbeat_at) VALUES ('dead-worker', now() - interval '1 minute')`);
      await f.sql(`INSERT INTO ${f.schema}.ia_job_lease (job_id, worker_id, conversation_id) VALUES ($1, 'dead-worker', 'orphan')`, [deadId]);

      const survivor = f.makeQueue(settings);
      const runs: string[] = [];
      let release: () => void = () => {};
      const slowDone = new Promise<void>((resolve) => (release = resolve));
      await survivor.work('generate', async (p) => {
        runs.push(p.conversationId);
        if (p.conversationId === 'slow') await slowDone;
      });
      const started = Date.now();
      await survivor.start();
      await waitFor(async () => (await stateOf('generate', deadId!)) === 'completed', 'the orphan to be retried and completed', 15_000);
      expect(Date.now() - started).toBeLessThan(10_000);

      // A job that runs longer than the stale threshold on a live (heartbeating) worker is not taken from it.
      const slowId = await survivor.enqueueGenerate(generate('slow'));
      await waitFor(() => runs.includes('slow'), 'the slow job to start');
      await sleep(3_000);
      expect(await stateOf('generate', slowId!)).toBe('active');
      release();
      await waitFor(async () => (await stateOf('generate', slowId!)) === 'completed', 'the slow job to finish');
      expect(runs.filter((r) => r === 'slow')).toHaveLength(1);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { createOfflineEngine } from '../../src/architect/engines/offline.js';
import { createHeuristicExtractor } from '../../src/architect/extract.js';
import type { Engine } from '../../src/architect/types.js';
import { trimHistory } from '../../src/conversation/history.js';
import { createRunner, RetryLater, Superseded } from '../../src/conversation/runner.js';
import { createConversationService } from '../../src/conversation/service.js';
import { withCorrelation } from '../../src/observability/context.js';
import { CircuitBreaker } from '../../src/resilience/circuit-breaker.js';
import { memoryJobs, memoryStore, recordingPublisher } from '../fakes/memory-store.js';

function setup(engine: Engine = createOfflineEngine()) {
  const store = memoryStore();
  const jobs = memoryJobs();
  const publisher = recordingPublisher();
  const extract = createHeuristicExtractor();
  const service = createConversationService({ store, jobs, publisher, extract: (t) => extract(t) });
  const breaker = new CircuitBreaker({ dependency: 'model', failureThreshold: 2, openMs: 60_000 });
  const runner = createRunner({ store, engine, publisher, breaker });
  return { store, jobs, publisher, service, runner, breaker };
}

const where = { teamId: 'T1', channelId: 'C1', userId: 'U1', channelIsPrivate: false };

describe('conversation state machine', () => {
  it('collects missing inputs from replies, then queues generation of revision 1', async () => {
    const t = setup();
    const started = await t.service.start({ ...where, threadTs: '1.0', text: 'sync Acme invoices into Salesforce' });
    expect(started.kind).toBe('asking');
    expect(t.publisher.events).toEqual([['ask', 'systemDescriptions']]);
    expect(t.jobs.generate).toHaveLength(0);

    const replied = await t.service.reply({ ...where, threadTs: '1.0', ts: '1.1', text: 'Acme is our billing platform' });
    expect(replied).toMatchObject({ kind: 'generating', revision: 1 });
    expect(t.jobs.generate).toEqual([expect.objectContaining({ revision: 1 })]);
    expect([...t.store.conversations.values()][0]!.status).toBe('generating');
  });

  it('jobs carry the correlation id of the Slack delivery that caused them', async () => {
    const t = setup();
    await withCorrelation({ correlationId: 'delivery-123' }, () =>
      t.service.start({ ...where, threadTs: '2.0', text: 'sync Stripe payments into Salesforce' }),
    );
    expect(t.jobs.generate[0]!.correlationId).toBe('delivery-123');
  });

  it('redacts secrets before storing and tells the user', async () => {
    const t = setup();
    const key = ['sk', 'live', 'a1B2c3D4e5F6g7H8i9J0k1L2'].join('_');
    await t.service.start({ ...where, threadTs: '3.0', text: `sync Stripe payments into Salesforce, key ${key}` });
    const stored = [...t.store.messages.values()].flat();
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(JSON.stringify([...t.store.conversations.values()])).not.toContain(key);
    expect(t.publisher.events.some(([kind, text]) => kind === 'notice' && /secrets/i.test(text))).toBe(true);
  });

  it('ignores replies in threads it does not own', async () => {
    const t = setup();
    expect(await t.service.reply({ ...where, threadTs: '9.9', ts: '9.10', text: 'hello' })).toEqual({ kind: 'ignored' });
  });

  it('runs the generate job, saves the revision, publishes it; a replay of the job publishes nothing new', async () => {
    const t = setup();
    await t.service.start({ ...where, threadTs: '4.0', text: 'sync Stripe payments into Salesforce' });
    const job = t.jobs.generate[0]!;
    await t.runner.generate(job);
    expect(t.store.revisions).toHaveLength(1);
    expect(t.publisher.events.filter(([k]) => k === 'design')).toEqual([['design', '1']]);
    await t.runner.generate(job);
    expect(t.store.revisions).toHaveLength(1);
    expect(t.publisher.events.filter(([k]) => k === 'design')).toHaveLength(1);
  });

  it('routes replies on a ready design to the revise job: questions answered, changes make a revision', async () => {
    const t = setup();
    await t.service.start({ ...where, threadTs: '5.0', text: 'sync Stripe payments into Salesforce' });
    await t.runner.generate(t.jobs.generate[0]!);

    await t.service.reply({ ...where, threadTs: '5.0', ts: '5.1', text: 'How does the circuit breaker work?' });
    await t.runner.revise(t.jobs.revise[0]!);
    expect(t.store.revisions).toHaveLength(1);
    expect(t.publisher.events.some(([k, v]) => k === 'answer' && /breaker/i.test(v))).toBe(true);

    await t.service.reply({ ...where, threadTs: '5.0', ts: '5.2', text: 'Change the volume to 2 million events per day' });
    await t.runner.revise(t.jobs.revise[1]!);
    expect(t.store.revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(t.store.revisions[1]!.inputs.volumePerDay).toBe(2_000_000);
    expect(t.publisher.events.at(-1)![0]).toBe('design');
    expect(t.publisher.events.at(-1)![1]).toMatch(/^2:.*volume/i);

    // The same reply job again (a queue retry after a crash) is not answered twice.
    const before = t.publisher.events.length;
    await t.runner.revise(t.jobs.revise[1]!);
    expect(t.publisher.events.length).toBe(before);
  });

  it('a change made from a revision that was superseded meanwhile is redone on the newer one, not saved stale', async () => {
    const t = setup();
    await t.service.start({ ...where, threadTs: '10.0', text: 'sync Stripe payments into Salesforce' });
    await t.runner.generate(t.jobs.generate[0]!);
    await t.service.reply({ ...where, threadTs: '10.0', ts: '10.1', text: 'Change the volume to 2 million events per day' });
    await t.service.reply({ ...where, threadTs: '10.0', ts: '10.2', text: 'Change the latency to 5 minutes' });
    // Both jobs read revision 1 before either saved.
    const [a, b] = await Promise.allSettled([t.runner.revise(t.jobs.revise[0]!), t.runner.revise(t.jobs.revise[1]!)]);
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    const failed = [a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(Superseded);
    expect(t.publisher.events.filter(([k]) => k === 'notice')).toHaveLength(0);
    // The queue runs the superseded job again: it now builds on revision 2, so both changes survive.
    await t.runner.revise(failed === a ? t.jobs.revise[0]! : t.jobs.revise[1]!);
    const latest = t.store.revisions.at(-1)!;
    expect(latest.revision).toBe(3);
    expect(latest.inputs.volumePerDay).toBe(2_000_000);
    expect(latest.inputs.latencySeconds).toBe(300);
  });

  it('a reply before the first revision exists waits (the job asks to be retried later)', async () => {
    const t = setup();
    await t.service.start({ ...where, threadTs: '6.0', text: 'sync Stripe payments into Salesforce' });
    await t.service.reply({ ...where, threadTs: '6.0', ts: '6.1', text: 'Why a queue?' });
    await expect(t.runner.revise(t.jobs.revise[0]!)).rejects.toBeInstanceOf(RetryLater);
  });

  it('tells the user once when the model is unavailable, and lets the queue retry', async () => {
    const failing: Engine = {
      ...createOfflineEngine(),
      name: 'anthropic',
      design: () => Promise.reject(Object.assign(new Error('overloaded'), { retryable: true })),
    };
    const t = setup(failing);
    await t.service.start({ ...where, threadTs: '7.0', text: 'sync Stripe payments into Salesforce' });
    const job = t.jobs.generate[0]!;
    await expect(t.runner.generate(job)).rejects.toThrow('overloaded');
    await expect(t.runner.generate(job)).rejects.toThrow(); // breaker now open: fails fast
    expect(t.breaker.currentState).toBe('open');
    expect(t.publisher.events.filter(([k]) => k === 'notice')).toHaveLength(1);

    expect(t.publisher.events.filter(([k]) => k === 'progress-discarded')).toHaveLength(2);
    expect(t.publisher.events.filter(([k]) => k === 'progress-done')).toHaveLength(0);

    await t.runner.deadLettered(job.conversationId, 'gave up');
    expect([...t.store.conversations.values()][0]!.status).toBe('failed');
    expect(t.publisher.events.at(-1)).toEqual(['failure', 'gave up:true']);
  });

  it('a reply that could not be handled leaves the design standing and asks to reply again', async () => {
    const t = setup();
    await t.service.start({ ...where, threadTs: '8.0', text: 'sync Stripe payments into Salesforce' });
    await t.runner.generate(t.jobs.generate[0]!);
    const id = t.jobs.generate[0]!.conversationId;
    await t.runner.replyDeadLettered(id, 'Why this breaker?', 'model unavailable');
    expect(t.store.conversations.get(id)!.status).toBe('ready');
    const [kind, text] = t.publisher.events.at(-1)!;
    expect(kind).toBe('notice');
    expect(text).toContain('Why this breaker?');
    expect(text).toContain('Revision 1 still stands');
  });
});

describe('trimHistory', () => {
  const msg = (n: number, chars: number) => ({ slackTs: String(n), author: 'U', role: 'user' as const, text: 'x'.repeat(chars) });

  it('keeps the newest messages within the token budget, dropping the oldest first', () => {
    const history = [msg(1, 400), msg(2, 400), msg(3, 400)]; // 100 tokens each
    expect(trimHistory(history, 250).map((m) => m.text.length)).toEqual([400, 400]);
    expect(trimHistory(history, 1000)).toHaveLength(3);
  });

  it('truncates a single oversized message instead of dropping everything', () => {
    const kept = trimHistory([msg(1, 10_000)], 100);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.text.length).toBeLessThanOrEqual(401);
  });

  it('leaves out system messages', () => {
    expect(trimHistory([{ slackTs: '1', author: 'bot', role: 'system', text: 'x' }], 100)).toEqual([]);
  });
});

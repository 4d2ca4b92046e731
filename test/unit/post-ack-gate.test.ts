import type { ReceiverEvent } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { mustNotWait, PostAckGate } from '../../src/slack/post-ack-gate.js';

/** A delivery as a receiver hands it to Bolt: records when its ack was sent. */
function delivery(log: string[], name: string): ReceiverEvent {
  return { body: { name }, ack: async () => void log.push(`ack ${name}`) } as unknown as ReceiverEvent;
}

/** What a listener does: ack, then work until told to finish. */
function listener(log: string[], finishers: Map<string, () => void>, options: { fail?: boolean } = {}) {
  return {
    async processEvent(event: ReceiverEvent) {
      const name = (event.body as { name: string }).name;
      await event.ack();
      log.push(`work ${name}`);
      await new Promise<void>((resolve) => finishers.set(name, resolve));
      if (options.fail) throw new Error(`listener ${name} failed`);
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('PostAckGate', () => {
  it('sends every ack at once but lets only `limit` listeners work after theirs, the rest in arrival order', async () => {
    const gate = new PostAckGate(2);
    const log: string[] = [];
    const finishers = new Map<string, () => void>();
    const app = listener(log, finishers);
    const runs = ['a', 'b', 'c', 'd'].map((n) => gate.process(app, delivery(log, n)));
    await tick();
    expect(log.filter((l) => l.startsWith('ack'))).toEqual(['ack a', 'ack b', 'ack c', 'ack d']);
    expect(log.filter((l) => l.startsWith('work'))).toEqual(['work a', 'work b']);
    expect([gate.inFlight, gate.queued]).toEqual([2, 2]);

    finishers.get('b')!();
    await tick();
    expect(log.filter((l) => l.startsWith('work'))).toEqual(['work a', 'work b', 'work c']);
    finishers.get('a')!();
    await tick();
    finishers.get('c')!();
    await tick();
    finishers.get('d')!();
    await Promise.all(runs);
    expect(log.filter((l) => l.startsWith('work'))).toEqual(['work a', 'work b', 'work c', 'work d']);
    expect([gate.inFlight, gate.queued]).toEqual([0, 0]);
  });

  it('frees the slot of a listener that fails, and of one that never acks', async () => {
    const gate = new PostAckGate(1);
    const log: string[] = [];
    const finishers = new Map<string, () => void>();
    const failing = gate.process(listener(log, finishers, { fail: true }), delivery(log, 'a'));
    const silent = gate.process({ processEvent: async () => undefined }, delivery(log, 'quiet'));
    const next = gate.process(listener(log, finishers), delivery(log, 'b'));
    await tick();
    expect([...log].sort()).toEqual(['ack a', 'ack b', 'work a']);
    finishers.get('a')!();
    await expect(failing).rejects.toThrow('listener a failed');
    await silent;
    await tick();
    expect(log).toContain('work b');
    finishers.get('b')!();
    await next;
    expect(gate.inFlight).toBe(0);
  });

  it('refuses a limit that would stop all work', () => {
    expect(() => new PostAckGate(0)).toThrow(RangeError);
  });
});

describe('mustNotWait', () => {
  it('lets interactions and the form command through at once (their trigger_id lasts 3 s); events and design commands may wait', () => {
    expect(mustNotWait({ type: 'block_actions', trigger_id: '1.2.3' })).toBe(true);
    expect(mustNotWait({ type: 'message_action', trigger_id: '1.2.3' })).toBe(true);
    expect(mustNotWait({ type: 'view_submission' })).toBe(true);
    expect(mustNotWait({ command: '/integration-design', text: ' Form ' })).toBe(true);
    expect(mustNotWait({ command: '/integration-design', text: 'sync Stripe into Salesforce' })).toBe(false);
    expect(mustNotWait({ type: 'event_callback', event: { type: 'message' } })).toBe(false);
    expect(mustNotWait(null)).toBe(false);
  });

  it('holds a waiting delivery behind `first`, but not one that must not wait', async () => {
    let release: () => void = () => undefined;
    const gate = new PostAckGate(4, () => new Promise<void>((r) => (release = r)));
    const log: string[] = [];
    const app = {
      async processEvent(event: ReceiverEvent) {
        await event.ack();
        log.push((event.body as { name: string }).name);
      },
    };
    const held = gate.process(app, { body: { name: 'event', type: 'event_callback' }, ack: async () => undefined } as unknown as ReceiverEvent);
    const button = gate.process(app, { body: { name: 'button', type: 'block_actions' }, ack: async () => undefined } as unknown as ReceiverEvent);
    await button;
    expect(log).toEqual(['button']);
    release();
    await held;
    expect(log).toEqual(['button', 'event']);
  });
});

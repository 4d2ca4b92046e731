import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CHANNELS, SANDBOX_USERS, startSlackApiFake, type SlackApiFake } from '../../../src/sandbox/slack-api-fake.js';
import { openLiveDraft, type LiveDraftOptions } from '../../../src/slack/live-draft.js';
import { clientFor } from '../sandbox/helpers.js';

/**
 * The live draft against the Local Slack through the real WebClient: what reaches Slack is redacted and inert
 * even when a secret or a mention arrives split across the model's deltas, and appends are paced.
 */

let fake: SlackApiFake;
let thread: string;
beforeAll(async () => {
  fake = await startSlackApiFake();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  thread = fake.state.addMessage({ channel: SANDBOX_CHANNELS.general.id, user: SANDBOX_USERS.alice.id, text: 'design please' }).ts;
});

const options = (overrides: Partial<LiveDraftOptions> = {}): LiveDraftOptions => ({
  client: clientFor(fake),
  channel: SANDBOX_CHANNELS.general.id,
  threadTs: thread,
  recipient: { teamId: fake.teamId, userId: SANDBOX_USERS.alice.id },
  intervalMs: 0,
  onMoved: async () => undefined,
  ...overrides,
});
const streamCalls = () => fake.calls.filter((c) => c.method.startsWith('chat.') && c.method.endsWith('Stream'));

describe('live draft', () => {
  it('never sends a secret or a live mention, even split across deltas', async () => {
    const draft = (await openLiveDraft(options(), '_Writing…_\n\n'))!;
    const secret = ['sk_live_', '51Hx9aQ2', 'bC3dE4fG5hJ6kL7mN8pQ9rS0'];
    for (const delta of ['Keys: ', ...secret, ' rotate it.\n', 'Page <!chan', 'nel> and <@U0ALI', 'CE001> now.\n', 'Last line without end']) {
      draft.push({ stage: 'writing', message: 'Writing', text: delta });
      await new Promise((r) => setImmediate(r));
    }
    await draft.close();
    const sent = JSON.stringify(streamCalls().map((c) => c.args));
    expect(sent).not.toContain(secret.join(''));
    expect(sent).not.toContain(secret[1]! + secret[2]!);
    expect(sent).not.toMatch(/<!channel|<@U0ALICE001>/);
    expect(sent).toContain('rotate it');
    expect(sent).toContain('Last line without end'); // the tail is sent when the draft closes
    const message = fake.state.findMessage(SANDBOX_CHANNELS.general.id, draft.ts)!;
    expect(message.streaming).toBeFalsy();
  });

  it('sends at most one append per interval however fast the text comes', async () => {
    const before = fake.callsTo('chat.appendStream').length;
    const draft = (await openLiveDraft(options({ intervalMs: 300 }), 'start\n'))!;
    const started = Date.now();
    while (Date.now() - started < 650) {
      draft.push({ stage: 'writing', message: 'Writing', text: 'a short line\n' });
      await new Promise((r) => setTimeout(r, 5));
    }
    await draft.close();
    const appends = fake.callsTo('chat.appendStream').length - before;
    // 650 ms at one per 300 ms: the first at once, then at 300 and 600, and the tail when it closes (a busy
    // machine only makes fewer); about 130 pushes arrived.
    expect(appends).toBeGreaterThanOrEqual(2);
    expect(appends).toBeLessThanOrEqual(4);
  });

  it('is undefined where Slack will not stream, so the caller posts a progress line', async () => {
    fake.failNext('chat.startStream', 'not_allowed_token_type');
    expect(await openLiveDraft(options(), 'start\n')).toBeUndefined();
  });

  it('a repair pass starts a new message; the old one is recorded away and deleted', async () => {
    const moved: string[] = [];
    const draft = (await openLiveDraft(options({ onMoved: async (ts) => void moved.push(ts) }), 'start\n'))!;
    const first = draft.ts;
    draft.push({ stage: 'writing', message: 'Writing', text: 'first draft\n' });
    draft.push({ stage: 'repairing', message: 'Repairing: word-count' });
    draft.push({ stage: 'writing', message: 'Writing', text: 'second draft\n' });
    await draft.close();
    expect(moved).toEqual([draft.ts]);
    expect(draft.ts).not.toBe(first);
    expect(fake.state.findMessage(SANDBOX_CHANNELS.general.id, first)).toBeUndefined();
    const text = fake.state.findMessage(SANDBOX_CHANNELS.general.id, draft.ts)!.text;
    expect(text).toContain('Repairing: word-count');
    expect(text).toContain('second draft');
    expect(text).not.toContain('first draft');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActionPayload, eventEnvelope, viewSubmissionPayload, type DriverIdentity } from '../../src/sandbox/driver-payloads.js';
import { ACTION_IDS, DESIGN_FORM_CALLBACK_ID, FORM_ACTION_ID, FORM_BLOCK_IDS } from '../../src/slack/blocks/ids.js';
import { createRepositories } from '../../src/db/index.js';
import { alice, general, rootOf, startBot, type Bot } from './harness.js';
import { prng } from '../helpers/prng.js';

/**
 * Signed requests of every wrong shape: each is answered (4xx where the envelope is wrong), and the process keeps
 * serving. A crash shows up here as an unhandled rejection, a refused connection or a health check that fails.
 */

let bot: Bot;
let id: DriverIdentity;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  bot = await startBot();
  id = { teamId: bot.fake.teamId, teamDomain: 'sandbox', apiAppId: bot.fake.state.identity.appId, botUserId: bot.fake.botUserId, verificationToken: 'v', fake: bot.fake };
});

afterAll(async () => {
  await bot?.stop();
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
});

const FORM = 'application/x-www-form-urlencoded';
const json = (body: unknown) => bot.driver.raw({ body: JSON.stringify(body), contentType: 'application/json' });
const interaction = (payload: unknown) => bot.driver.raw({ body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM });

async function healthy(): Promise<boolean> {
  const res = await fetch(`${bot.runtime.url}/healthz`);
  return res.status === 200;
}

describe('signed bodies of the wrong shape', () => {
  it('null, arrays, scalars and unknown payload types get a 400 and the process stays up', async () => {
    const bodies: unknown[] = [null, [], [1, 2], 0, 'text', true, {}, { type: 'nonsense' }, { type: 'event_callback' }, { type: 'event_callback', event: null }, { type: 'event_callback', event: [] }];
    for (const body of bodies) expect((await json(body)).status, JSON.stringify(body)).toBe(400);
    for (const payload of [null, [], 7, 'x', { type: 'block_actions' }, { type: 'made_up', user: { id: alice.id } }]) {
      expect((await interaction(payload)).status, JSON.stringify(payload)).toBe(400);
    }
    expect((await bot.driver.raw({ body: 'payload=null', contentType: FORM })).status).toBe(400);
    expect((await bot.driver.raw({ body: 'command=%2Fintegration-design', contentType: FORM })).status).toBe(400);
    expect((await bot.driver.raw({ body: 'null', contentType: 'text/plain' })).status).toBe(400);
    expect(await healthy()).toBe(true);
    expect(unhandled).toEqual([]);
  });

  it('timestamps more than 5 minutes away in either direction are refused; within it they are served', async () => {
    const body = new URLSearchParams({ command: '/integration-design', text: 'help', team_id: bot.fake.teamId, channel_id: general.id, user_id: alice.id, trigger_id: 't', response_url: `${bot.fake.origin}/response_url/none` }).toString();
    const future = await bot.driver.raw({ body, contentType: FORM, timestampOffsetSeconds: 360 });
    const past = await bot.driver.raw({ body, contentType: FORM, timestampOffsetSeconds: -360 });
    const nearFuture = await bot.driver.raw({ body, contentType: FORM, timestampOffsetSeconds: 240 });
    expect([future.status, past.status, nearFuture.status]).toEqual([401, 401, 200]);
  });

  it('a thread reply carrying NUL characters is stored without them (PostgreSQL text cannot hold NUL)', async () => {
    await bot.driver.slashCommand({ command: '/integration-design', text: 'sync Stripe payments into NetSuite', userId: alice.id, channelId: general.id });
    const thread = await bot.waitFor(() => rootOf(bot, general.id), 'root message');
    const conversation = await bot.waitFor(() => createRepositories(bot.runtime.database).conversations.findConversationByThread(bot.fake.teamId, general.id, thread), 'conversation');
    const res = await bot.driver.messageEvent({ channel: general.id, user: alice.id, text: 'volume is\u0000 5000 a day\u0000', threadTs: thread });
    expect(res.status).toBe(200);
    await bot.idle();
    const messages = await createRepositories(bot.runtime.database).threadMessages.listThreadMessages(conversation.id);
    expect(messages.map((m) => m.text)).toContain('volume is 5000 a day');
  });

  it('Slack’s unsigned SSL check is still answered', async () => {
    const res = await bot.driver.raw({ body: 'ssl_check=1&token=x', contentType: FORM, signature: 'missing' });
    expect(res.status).toBe(200);
  });
});

function randomValue(rand: () => number, depth = 0): unknown {
  const pick = Math.floor(rand() * (depth > 1 ? 7 : 9));
  switch (pick) {
    case 0: return null;
    case 1: return Math.floor(rand() * 2e9) - 1e9;
    case 2: return rand() < 0.5;
    case 3: return '';
    case 4: return ['<@U123>', '<!channel>', '\u0000', 'x'.repeat(5000), '{"a":1}', '💥', 'xoxb-123-456-abcdefghij'][Math.floor(rand() * 7)];
    case 5: return 1.5e308;
    case 6: return 'C0NOTACHANNEL';
    case 7: return Array.from({ length: 1 + Math.floor(rand() * 3) }, () => randomValue(rand, depth + 1));
    default: return Object.fromEntries(Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => [`k${i}`, randomValue(rand, depth + 1)]));
  }
}

/** Replaces or deletes a few randomly chosen fields anywhere in the payload, keeping its envelope recognisable. */
function mutate(template: Record<string, unknown>, rand: () => number): Record<string, unknown> {
  const copy = structuredClone(template);
  const paths: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => { paths.push([v, i]); walk(x); });
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { paths.push([v as Record<string, unknown>, k]); walk(x); }
  };
  walk(copy);
  const changes = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < changes && paths.length > 0; i++) {
    const [parent, key] = paths[Math.floor(rand() * paths.length)]!;
    if (rand() < 0.2 && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key as string];
    else (parent as Record<string | number, unknown>)[key] = randomValue(rand);
  }
  return copy;
}

describe('fuzzing every listener with random shapes', () => {
  it('200 mutated payloads for commands, messages, App Home, each button and the form: no 5xx, no crash, still serving', async () => {
    const thread = await (async () => {
      await bot.driver.slashCommand({ command: '/integration-design', text: 'sync Stripe payments into NetSuite', userId: alice.id, channelId: general.id });
      return bot.waitFor(() => rootOf(bot, general.id), 'root message');
    })();
    const command = { token: 'v', team_id: bot.fake.teamId, channel_id: general.id, user_id: alice.id, command: '/integration-design', text: 'search stripe', trigger_id: 't', response_url: `${bot.fake.origin}/response_url/none` };
    const templates: Array<{ kind: 'json' | 'interaction' | 'form'; body: Record<string, unknown> }> = [
      { kind: 'form', body: command },
      { kind: 'json', body: eventEnvelope(id, { type: 'message', channel: general.id, user: alice.id, text: 'use 5k/day', ts: '1.000001', thread_ts: thread, channel_type: 'channel' }) },
      { kind: 'json', body: eventEnvelope(id, { type: 'app_home_opened', user: alice.id, channel: 'D1', tab: 'home' }) },
      { kind: 'json', body: eventEnvelope(id, { type: 'member_left_channel', user: alice.id, channel: general.id }) },
      ...Object.values(ACTION_IDS).map((actionId) => ({
        kind: 'interaction' as const,
        body: blockActionPayload(id, { userId: alice.id, actionId, value: actionId === ACTION_IDS.searchPage ? '{"query":"stripe","offset":5}' : 'c0ffee', channelId: general.id, messageTs: thread, threadTs: thread }),
      })),
      {
        kind: 'interaction',
        body: viewSubmissionPayload(id, {
          userId: alice.id,
          callbackId: DESIGN_FORM_CALLBACK_ID,
          privateMetadata: JSON.stringify({ channelId: general.id }),
          values: { [FORM_BLOCK_IDS.systems]: { [FORM_ACTION_ID]: { type: 'plain_text_input', value: 'Stripe, NetSuite' } } },
        }),
      },
    ];
    const rand = prng(20261202);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const template = templates[i % templates.length]!;
      const body = mutate(template.body, rand);
      const res =
        template.kind === 'json'
          ? await json(body)
          : template.kind === 'interaction'
            ? await interaction(body)
            : await bot.driver.raw({ body: new URLSearchParams(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString(), contentType: FORM });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `case ${i}: ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
    }
    await bot.idle();
    expect(unhandled).toEqual([]);
    expect(await healthy()).toBe(true);
    // Both kinds of answer occurred: the fuzzer reached the listeners, not only the envelope check.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(20);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(20);
    // And the bot still does its job afterwards.
    const res = await bot.driver.slashCommand({ command: '/integration-design', text: 'sync HubSpot contacts into Mailchimp', userId: alice.id, channelId: general.id });
    expect(res.status).toBe(200);
  }, 120_000);
});

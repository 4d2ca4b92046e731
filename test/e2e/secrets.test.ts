import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/client.js';
import { createLogger } from '../../src/observability/logger.js';
import { alice, general, startBot, type Bot } from './harness.js';
import { startScriptedModel, type ScriptedModel } from './model-fake.js';

/**
 * Every common secret format, typed into every path in (command, thread reply, form, search query, unknown
 * subcommand), must not reach any sink: what the bot sends to Slack (messages, ephemeral replies, views,
 * files), the database, the logs, or the model. Each (format, path) pair gets its own secret so a leak names both.
 */

// Assembled at run time, varied per path: nothing here is a real credential or trips a secret scanner.
const ALPHABET = 'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz';
const b64 = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ALPHABET[(i * 7 + seed * 5) % ALPHABET.length]).join('');
const hex = (n: number, seed: number) => Array.from({ length: n }, (_, i) => '0123456789abcdef'[(i * 3 + seed) % 16]).join('');

interface Format {
  name: string;
  /** The text a person types, and the part of it that must never come out again. */
  make(seed: number): { text: string; secret: string };
  /** One token, so it can also be typed as a (mistaken) subcommand. */
  oneWord: boolean;
}

const FORMATS: Format[] = [
  { name: 'AWS secret access key on its own', oneWord: true, make: (s) => ({ text: b64(40, s), secret: b64(40, s) }) },
  { name: 'AWS access key id', oneWord: true, make: (s) => ({ text: 'AKIA' + b64(16, s).toUpperCase().replace(/[^A-Z0-9]/g, 'Q'), secret: b64(16, s).toUpperCase().replace(/[^A-Z0-9]/g, 'Q') }) },
  { name: 'password in prose', oneWord: false, make: (s) => ({ text: `the admin password is Pw-${hex(10, s)}!`, secret: `Pw-${hex(10, s)}` }) },
  { name: 'password key=value', oneWord: true, make: (s) => ({ text: `password=Zq${hex(10, s)}`, secret: `Zq${hex(10, s)}` }) },
  { name: 'connection string', oneWord: true, make: (s) => ({ text: `postgres://app:Cs${hex(10, s)}@db.internal:5432/app`, secret: `Cs${hex(10, s)}` }) },
  { name: 'JWT', oneWord: true, make: (s) => { const t = `eyJ${b64(20, s)}.eyJ${b64(30, s)}.${b64(40, s + 1)}`; return { text: t, secret: t.slice(0, 40) }; } },
  { name: 'PEM private key', oneWord: false, make: (s) => ({ text: `-----BEGIN PRIVATE KEY-----\n${b64(64, s)}\n-----END PRIVATE KEY-----`, secret: b64(64, s) }) },
  { name: 'Slack bot token', oneWord: true, make: (s) => ({ text: `xoxb-1234567890-${b64(24, s)}`, secret: b64(24, s) }) },
  { name: 'Stripe secret key', oneWord: true, make: (s) => ({ text: `sk_live_${b64(24, s)}`, secret: b64(24, s) }) },
  { name: 'GitHub token', oneWord: true, make: (s) => ({ text: `ghp_${b64(36, s)}`, secret: b64(36, s) }) },
  { name: 'Shopify admin token', oneWord: true, make: (s) => ({ text: `shpat_${hex(32, s)}`, secret: hex(32, s) }) },
];

type PathName = 'command' | 'reply' | 'form' | 'search' | 'subcommand';
const PATHS: PathName[] = ['command', 'reply', 'form', 'search', 'subcommand'];

let model: ScriptedModel;
let bot: Bot;
const logLines: string[] = [];

beforeAll(async () => {
  model = await startScriptedModel();
  const logger = createLogger(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  );
  bot = await startBot({ env: model.env, runtime: { logger, breaker: { failureThreshold: 100, openMs: 1000 } } });
});

afterAll(async () => {
  await bot?.stop();
  await model?.close();
});

const command = (text: string) => bot.driver.slashCommand({ command: '/integration-design', text, userId: alice.id, channelId: general.id });

async function newThread(text: string): Promise<string> {
  const before = bot.posts().length;
  await command(text);
  return bot.waitFor(() => {
    const root = bot.posts().slice(before).find((c) => c.args.channel === general.id && c.args.thread_ts === undefined);
    return root ? String(root.response.ts) : undefined;
  }, 'the root message');
}

async function typeInto(path: PathName, text: string): Promise<void> {
  switch (path) {
    case 'command':
      await newThread(`sync orders from our shop into the ERP; ${text}`);
      return;
    case 'reply': {
      const thread = await newThread('sync orders from our shop into the ERP');
      await bot.driver.messageEvent({ channel: general.id, user: alice.id, text: `auth: ${text}`, threadTs: thread });
      return;
    }
    case 'form': {
      const before = bot.fake.callsTo('views.open').length;
      await command('form');
      const opened = await bot.waitFor(() => bot.fake.callsTo('views.open').slice(before).find((c) => c.response.ok), 'views.open');
      await bot.driver.viewSubmission({
        userId: alice.id,
        callbackId: 'design_form',
        privateMetadata: (opened.args.view as { private_metadata: string }).private_metadata,
        values: {
          systems: { value: { type: 'plain_text_input', value: `Shopify ${text}\nNetSuite: ERP` } },
          flows: { value: { type: 'plain_text_input', value: `Shopify -> NetSuite: orders, key ${text}` } },
          auth: { value: { type: 'plain_text_input', value: text } },
        },
      });
      return;
    }
    case 'search':
      await command(`search ${text}`);
      return;
    case 'subcommand':
      await command(text);
      return;
  }
}

async function databaseText(): Promise<string> {
  const tables = ['conversations', 'design_revisions', 'thread_messages', 'processed_events', 'pgboss.job'];
  const parts: string[] = [];
  for (const table of tables) {
    const rows = rowsOf<{ row: string }>(await bot.runtime.database.db.execute(sql.raw(`select row_to_json(t)::text as row from ${table} t`)));
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

describe('secrets never come out again', () => {
  it('each format through each path: absent from Slack output, ephemeral replies, files, the database, the logs and the model', { timeout: 240_000 }, async () => {
    const typed: { format: string; path: PathName; secret: string }[] = [];
    let seed = 1;
    for (const format of FORMATS) {
      for (const path of PATHS) {
        if (path === 'subcommand' && !format.oneWord) continue;
        const { text, secret } = format.make(seed++);
        typed.push({ format: format.name, path, secret });
        await typeInto(path, text);
      }
    }
    await bot.idle();
    // Export every design made, so files are a sink too.
    for (const call of bot.posts().filter((c) => JSON.stringify(c.args.blocks ?? []).includes('export_markdown'))) {
      const conversationId = JSON.stringify(call.args.blocks).match(/"action_id":"export_markdown"[^}]*"value":"([^"]+)"/)?.[1];
      if (conversationId) await bot.driver.blockAction({ userId: alice.id, actionId: 'export_markdown', value: conversationId, channelId: general.id, messageTs: String(call.response.ts) });
    }
    await bot.idle();

    const files = [...bot.fake.state.files.values()].map((f) => (f.bytes ? Buffer.from(f.bytes).toString('utf8') : '')).join('\n');
    const sinks: Record<string, string> = {
      // What the bot sent (its calls' arguments); responses are Slack's own copy of what people typed.
      'Slack Web API calls (messages, updates, ephemerals, views, uploads)': JSON.stringify(bot.fake.calls.map((c) => [c.method, c.args])),
      'response_url replies': JSON.stringify(bot.fake.state.snapshot().ephemerals),
      files,
      database: await databaseText(),
      logs: logLines.join(''),
      model: JSON.stringify(model.fake.requests),
    };
    const leaks = typed.flatMap(({ format, path, secret }) =>
      Object.entries(sinks)
        .filter(([, text]) => text.includes(secret))
        .map(([sink]) => `${format} typed into the ${path} reached ${sink}`),
    );
    expect(leaks).toEqual([]);

    // The paths were really exercised: designs were written, the model was asked, and people were told what was removed.
    expect(model.fake.requests.length).toBeGreaterThan(0);
    expect(sinks.database).toContain('[REDACTED:');
    expect(sinks['Slack Web API calls (messages, updates, ephemerals, views, uploads)']).toContain('I removed what looked like secrets');
    expect(typed.length).toBeGreaterThanOrEqual(50);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { countWords } from '../../src/architect/document.js';
import { createOfflineEngine } from '../../src/architect/engines/offline.js';
import { createRepositories } from '../../src/db/index.js';
import type { RecordedCall } from '../../src/sandbox/slack-api-fake.js';
import { alice, bob, general, messageText, startBot, startDesignThread, type Bot } from './harness.js';
import { blockText, liveMentions, liveMentionsSent } from './inert.js';
import { bigDocument, MENTION_TOKENS, withMentions, mentionMarkdown } from './model-documents.js';
import { inputsOf, OVERLOADED, startScriptedModel, tagged, type ModelCall, type ScriptedModel } from './model-fake.js';

/**
 * The real bot with the Claude engine (the real @anthropic-ai/sdk) talking to a fake Messages API, driven
 * through signed Slack requests: what model output and model failures look like to people in Slack.
 */

let model: ScriptedModel;
let bot: Bot;
beforeAll(async () => {
  model = await startScriptedModel();
  // Job retries from the harness: 3 attempts, 1 s apart. The breaker is kept out of the way (its own tests
  // cover it) so that each scenario sees exactly the job retries it scripts.
  bot = await startBot({ env: model.env, runtime: { breaker: { failureThreshold: 100, openMs: 1000 } } });
});
afterAll(async () => {
  await bot?.stop();
  await model?.close();
});

const repos = () => createRepositories(bot.runtime.database);
const offline = createOfflineEngine();
const isDesign = (call: ModelCall, system: string) => (call.task === 'design' || call.task === 'repair') && call.text.includes(`"name": "${system}"`);

const designThread = (text: string, user: string = alice.id) => startDesignThread(bot, text, { user });

async function conversationOf(thread: string) {
  const conversation = await repos().conversations.findConversationByThread(bot.fake.teamId, general.id, thread);
  if (!conversation) throw new Error(`no conversation for thread ${thread}`);
  return conversation;
}

/** The runner marks a conversation ready right after its last section is posted: wait for that, don't race it. */
const readyConversation = (thread: string) =>
  bot.waitFor(async () => {
    const c = await conversationOf(thread);
    return c.status === 'ready' ? c : undefined;
  }, 'the conversation to be ready');

const waitForRevision = (thread: string, n: number) =>
  bot.waitFor(async () => {
    const conversation = await repos().conversations.findConversationByThread(bot.fake.teamId, general.id, thread);
    const revisions = conversation ? await repos().revisions.listRevisions(conversation.id) : [];
    return revisions.length >= n ? revisions : undefined;
  }, `revision ${n}`);

const waitForChecklist = (thread: string) =>
  bot.waitFor(() => bot.posts(thread).some((c) => /Implementation checklist/i.test(messageText(c))), 'the last section of the design');

/** Everything the bot sent into a thread: its posts and every update to them (the progress message becomes the header). */
const sentInThread = (thread: string) => {
  const posts = bot.posts(thread);
  const tss = new Set(posts.map((c) => String(c.response.ts)));
  const updates = bot.fake.callsTo('chat.update').filter((c) => c.response.ok === true && tss.has(String(c.args.ts)));
  return [...posts, ...updates].map(messageText).join('\n');
};

describe('the mention checker', () => {
  it('finds every live token and accepts the neutralised forms', () => {
    for (const token of MENTION_TOKENS) expect(liveMentions(`before ${token} after`), token).not.toEqual([]);
    expect(liveMentions('@HERE and ＠channel')).toHaveLength(2);
    expect(liveMentions('<https://example.com/@here|docs> label <https://x.io|@here>')).toHaveLength(1);
    expect(liveMentions('@\u200Bchannel @\u200Bhere #\u200Bgeneral @\u200BU0ALICE001 &lt;!here&gt; user@example.com')).toEqual([]);
  });
});

describe('model output is posted inert', () => {
  let thread: string;

  it('design path: a document full of mentions reaches Slack without one live mention', async () => {
    model.route(async (call) =>
      isDesign(call, 'Wonka')
        ? { type: 'text', text: withMentions((await offline.design(inputsOf(call))).markdown, 'DESIGNMARK'), chunkSize: 500 }
        : undefined,
    );
    thread = await designThread('sync Wonka chocolate orders into Oompa');
    await waitForRevision(thread, 1);
    await waitForChecklist(thread);
    await bot.waitFor(() => sentInThread(thread).includes('DESIGNMARK'), 'the notes section');

    const [revision] = await repos().revisions.listRevisions((await conversationOf(thread)).id);
    expect(revision!.markdown).toContain('<!channel>'); // the model really did write live tokens
    const sent = sentInThread(thread);
    expect(sent).toContain('Summary for');
    expect(sent).toContain('escalate to');
    expect(sent).toContain('notify(');
    expect(liveMentionsSent(bot.fake.calls)).toEqual([]);
  });

  it('answer path: a model answer full of mentions is posted inert', async () => {
    model.route((call) =>
      call.task === 'answer' && (tagged(call.text, 'reply') ?? '').includes('Who gets paged')
        ? { type: 'text', text: `Short answer.\n\n${mentionMarkdown('ANSWERMARK')}` }
        : undefined,
    );
    const before = bot.posts(thread).length;
    await bot.driver.messageEvent({ channel: general.id, user: bob.id, text: 'Who gets paged when the breaker opens?', threadTs: thread });
    const answer = await bot.waitFor(
      () => bot.posts(thread).slice(before).find((c) => messageText(c).includes('ANSWERMARK')),
      'the answer in the thread',
    );
    expect(messageText(answer)).toContain('escalate to');
    expect(model.calls('answer').some((c) => c.text.includes('Who gets paged'))).toBe(true);
    expect(liveMentionsSent(bot.fake.calls)).toEqual([]);
  });
});

describe('a 20,000-word model design', () => {
  it('is split into messages Slack accepts, within 50 blocks each, with every word in order', async () => {
    let big: ReturnType<typeof bigDocument> | undefined;
    model.route((call) => {
      if (!isDesign(call, 'Hooli')) return undefined;
      big = bigDocument(inputsOf(call));
      return { type: 'text', text: big.markdown, chunkSize: 4000 };
    });
    const callsBefore = bot.fake.calls.length;
    const chatCalls = () => bot.fake.calls.slice(callsBefore).filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update');
    const refusals = () => chatCalls().filter((c) => c.response.ok !== true).map((c) => `${c.method}: ${String(c.response.error)}`);
    const thread = await designThread('sync Hooli search events into Piper');
    // Done when the last sentinel is posted; a refused post would make the job fail and retry, so stop at the first.
    await bot.waitFor(
      () => refusals().length > 0 || bot.posts(thread).some((c) => blockText(c).includes(big?.sentinels.at(-1) ?? '\u0000')),
      'the last sentinel, or a refused message',
    );
    expect(refusals()).toEqual([]);
    const [revision] = await waitForRevision(thread, 1);
    expect(countWords(big!.markdown)).toBeGreaterThanOrEqual(20_000);
    expect(revision!.markdown).toBe(big!.markdown.trim());

    const calls = chatCalls();
    const posts: RecordedCall[] = calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === thread);
    expect(posts.length).toBeGreaterThan(10); // too long for one message per section
    for (const post of posts) expect((post.args.blocks as unknown[] | undefined)?.length ?? 0).toBeLessThanOrEqual(50);

    const text = posts.map(blockText).join('\n');
    let at = 0;
    const missing: string[] = [];
    for (const word of big!.sentinels) {
      const found = text.indexOf(word, at);
      if (found === -1) missing.push(word);
      else at = found + word.length;
    }
    expect(missing).toEqual([]);
    expect(big!.sentinels.length).toBeGreaterThan(300);
  });
});

describe('secrets pasted by a user', () => {
  const alnum = (n: number) => randomBytes(n * 2).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, n);
  // Built at run time so no scanner flags the repository.
  const makeSecrets = () => {
    const stripeKey = ['sk', 'live', alnum(24)].join('_');
    const bearer = `tok${alnum(28)}7`;
    const password = `Pw${alnum(14)}9`;
    return {
      values: [stripeKey, bearer, password],
      text: `Stripe key ${stripeKey}, header Authorization: Bearer ${bearer}, db postgres://svc:${password}@db.internal:5432/billing`,
    };
  };
  const NOTICE = /removed what looked like secrets/i;
  let thread: string;

  const leaksOf = (secrets: string[], value: unknown) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return secrets.filter((s) => text.includes(s));
  };

  /** Secrets found anywhere in the database, by table: the app's tables and the job queue's alike. */
  async function databaseLeaks(secrets: string[]): Promise<string[]> {
    const { rows: tables } = await bot.runtime.database.pglite!.query<{ name: string }>(
      "select format('%I.%I', table_schema, table_name) as name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')",
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['public.conversations', 'public.thread_messages']));
    const found: string[] = [];
    for (const { name } of tables) {
      const result = await bot.runtime.database.db.execute(sql.raw(`select t::text as row from ${name} t`));
      const rows = (result as unknown as { rows: { row: string }[] }).rows;
      found.push(...leaksOf(secrets, rows.map((r) => r.row).join('\n')).map((secret) => `${name}: ${secret.slice(0, 6)}…`));
    }
    return found;
  }

  const sentToModel = () => model.fake.requests.map((r) => JSON.stringify(r.body)).join('\n');
  const sentToSlack = () => bot.fake.calls.filter((c) => c.method.startsWith('chat.')).map((c) => JSON.stringify(c.args)).join('\n');

  it('in the command and in a thread reply never reach the model or the database, and the user is told', async () => {
    const secrets = makeSecrets();
    // The fake model echoes what it was given into the inputs, so anything it saw would be stored.
    model.route((call) => {
      if (call.task !== 'extract' || !call.text.includes('Acme')) return undefined;
      const request = tagged(call.text, 'request') ?? '';
      return {
        type: 'tool_use',
        calls: [
          {
            name: 'record_integration_inputs',
            input: {
              systems: [
                { name: 'Acme', description: 'billing platform' },
                { name: 'Globex', description: 'ERP' },
              ],
              flows: [{ from: 'Acme', to: 'Globex', data: 'invoices' }],
              auth: request.slice(0, 600),
            },
          },
        ],
      };
    });
    model.route((call) =>
      call.task === 'answer' && call.text.includes('ops script')
        ? { type: 'text', text: `You asked: ${tagged(call.text, 'reply') ?? ''}` }
        : undefined,
    );

    thread = await designThread(`sync Acme invoices into Globex. ${secrets.text}`);
    await waitForRevision(thread, 1);
    await waitForChecklist(thread);
    await bot.driver.messageEvent({
      channel: general.id,
      user: alice.id,
      threadTs: thread,
      text: `Is it fine that our ops script uses ${secrets.text.replace(/Stripe/g, 'the')}?`,
    });
    await bot.waitFor(() => bot.posts(thread).some((c) => messageText(c).includes('You asked')), 'the answer');

    // The model saw the messages, with the secrets replaced.
    expect(sentToModel()).toContain('ops script');
    for (const kind of ['stripe_key', 'bearer_token', 'url_password']) expect(sentToModel()).toContain(`[REDACTED:${kind}]`);
    expect(leaksOf(secrets.values, sentToModel())).toEqual([]);

    // Nothing in the database: the conversation, its thread messages, revisions, and every other table (jobs too).
    const conversation = await conversationOf(thread);
    expect(JSON.stringify(conversation.inputs)).toContain('[REDACTED:stripe_key]');
    expect(leaksOf(secrets.values, conversation)).toEqual([]);
    const messages = await repos().threadMessages.listThreadMessages(conversation.id);
    expect(messages.filter((m) => m.role === 'user')).toHaveLength(2);
    expect(leaksOf(secrets.values, messages)).toEqual([]);
    expect(leaksOf(secrets.values, await repos().revisions.listRevisions(conversation.id))).toEqual([]);
    expect(await databaseLeaks(secrets.values)).toEqual([]);

    // Told in the thread (once per message that carried secrets), and the bot never repeats them.
    const notices = bot.posts(thread).filter((c) => NOTICE.test(messageText(c)));
    expect(notices).toHaveLength(2);
    expect(messageText(notices[0]!)).toMatch(/stripe_key/);
    expect(messageText(notices[0]!)).toMatch(/rotate/i);
    expect(leaksOf(secrets.values, sentToSlack())).toEqual([]);
  });

  it('typed into the form never reach the model or the database either', async () => {
    const secrets = makeSecrets();
    const conversation = await conversationOf(thread);
    const revisions = (await repos().revisions.listRevisions(conversation.id)).length;
    const noticesBefore = bot.posts(thread).filter((c) => NOTICE.test(messageText(c))).length;
    const field = (value: string) => ({ value: { type: 'plain_text_input', value } });
    const res = await bot.driver.viewSubmission({
      userId: alice.id,
      callbackId: 'design_form',
      privateMetadata: conversation.id,
      values: {
        systems: field('Acme: billing platform\nGlobex: ERP'),
        flows: field('Acme -> Globex: invoices'),
        auth: field(`OAuth 2.0; ${secrets.text}`),
      },
    });
    expect(res.status).toBe(200);
    const all = await waitForRevision(thread, revisions + 1);

    expect(JSON.stringify(all.at(-1)!.inputs)).toContain('OAuth 2.0');
    expect(sentToModel()).toContain('[REDACTED:stripe_key]');
    expect(leaksOf(secrets.values, sentToModel())).toEqual([]);
    expect(leaksOf(secrets.values, await conversationOf(thread))).toEqual([]);
    expect(await databaseLeaks(secrets.values)).toEqual([]);
    expect(leaksOf(secrets.values, sentToSlack())).toEqual([]);
    expect(bot.posts(thread).filter((c) => NOTICE.test(messageText(c))).length).toBe(noticesBefore + 1);
  });
});

describe('model failures', () => {
  const QUEUED = /queued and will be retried/i;

  it('a transient outage: told once that the design is queued, retried by the job queue, then posted', async () => {
    let failures = 0;
    model.route((call) => {
      if (!isDesign(call, 'Initech') || failures >= 4) return undefined;
      failures += 1;
      return OVERLOADED;
    });
    const thread = await designThread('sync Initech tickets into Umbrella');
    const [revision] = await waitForRevision(thread, 1);
    await waitForChecklist(thread);

    // 4 overloaded answers with one SDK retry per call: two job attempts failed, the third succeeded.
    const designCalls = model.calls().filter((c) => isDesign(c, 'Initech'));
    expect(designCalls).toHaveLength(5);
    // Each attempt opened its live draft (or progress line), and removed it when the model failed.
    const attempts = bot.posts(thread).filter((c) => /Analyzing requirements/.test(messageText(c)));
    expect(attempts).toHaveLength(3);
    expect(bot.posts(thread).filter((c) => QUEUED.test(messageText(c)))).toHaveLength(1);
    expect(revision!.engine).toBe('anthropic');
    const conversation = await readyConversation(thread);
    expect(conversation.status).toBe('ready');
    expect(conversation.error).toBeNull();
    expect(bot.headers(general.id, thread).length).toBeGreaterThan(0);
  });

  it('a lasting outage: dead letter → failed, a Try again button that produces the design once the model is back', async () => {
    let down = true;
    model.route((call) => (isDesign(call, 'Soylent') && down ? OVERLOADED : undefined));
    const thread = await designThread('sync Soylent orders into Tyrell');
    const failure = await bot.waitFor(
      () => bot.posts(thread).find((c) => /couldn't finish this design/i.test(messageText(c))),
      'the failure message',
    );
    const conversation = await conversationOf(thread);
    expect(conversation.status).toBe('failed');
    expect(await repos().revisions.listRevisions(conversation.id)).toHaveLength(0);
    // Every job attempt (3) made one call plus one SDK retry.
    expect(model.calls().filter((c) => isDesign(c, 'Soylent'))).toHaveLength(6);
    expect(bot.posts(thread).filter((c) => QUEUED.test(messageText(c)))).toHaveLength(1);

    const buttons = ((failure.args.blocks ?? []) as { type: string; elements?: { type: string; action_id: string; value: string; text: { text: string } }[] }[])
      .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
      .filter((e) => e.type === 'button');
    const retry = buttons.find((b) => /try again|regenerate/i.test(b.text.text));
    expect(retry).toBeDefined();
    expect(retry!.value).toBe(conversation.id);

    down = false;
    const res = await bot.driver.blockAction({
      userId: alice.id,
      channelId: general.id,
      messageTs: String(failure.response.ts),
      threadTs: thread,
      actionId: retry!.action_id,
      value: retry!.value,
    });
    expect(res.status).toBe(200);
    const [revision] = await waitForRevision(thread, 1);
    await waitForChecklist(thread);
    expect(revision!.revision).toBe(1);
    const after = await readyConversation(thread);
    expect(after.status).toBe('ready');
    expect(after.error).toBeNull();
  });
});

describe('everything the bot sent in this run', () => {
  it('was accepted by Slack and carried no live mention', () => {
    const chat = bot.fake.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update');
    expect(chat.length).toBeGreaterThan(50);
    expect(chat.filter((c) => c.response.ok !== true).map((c) => `${c.method}: ${String(c.response.error)}`)).toEqual([]);
    expect(liveMentionsSent(chat)).toEqual([]);
  });
});

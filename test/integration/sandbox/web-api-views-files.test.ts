import { beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CHANNELS, SANDBOX_USERS, type SlackApiFake } from '../../../src/sandbox/slack-api-fake.js';
import { clientFor, section, slackErrorOf, useSlackFake } from './helpers.js';

const GENERAL = SANDBOX_CHANNELS.general.id;
const { alice } = SANDBOX_USERS;

const modal = (title = 'Integration inputs') => ({
  type: 'modal' as const,
  callback_id: 'inputs_form',
  private_metadata: '{"thread":"1"}',
  title: { type: 'plain_text' as const, text: title },
  submit: { type: 'plain_text' as const, text: 'Save' },
  blocks: [section('Tell me about the systems')],
});

describe('Slack Web API fake — views.* and files', () => {
  const ctx = useSlackFake();
  let fake: SlackApiFake;
  beforeEach(() => {
    ({ fake } = ctx);
  });

  it('views.open needs a trigger id the sandbox issued, once', async () => {
    const client = clientFor(fake);
    const trigger = fake.state.issueTriggerId(alice.id);
    const opened = await client.views.open({ trigger_id: trigger, view: modal() });
    expect(opened.view).toMatchObject({ type: 'modal', callback_id: 'inputs_form', private_metadata: '{"thread":"1"}' });
    const stored = fake.state.views.get(opened.view?.id as string);
    expect(stored?.user).toBe(alice.id);
    expect((await slackErrorOf(() => client.views.open({ trigger_id: trigger, view: modal() }))).code).toBe(
      'exchanged_trigger_id',
    );
    expect((await slackErrorOf(() => client.views.open({ trigger_id: '123.456.abc', view: modal() }))).code).toBe(
      'invalid_trigger_id',
    );
    expect((await slackErrorOf(() => client.views.open({ trigger_id: '', view: modal() }))).code).toBe('invalid_trigger_id');
    const longTitle = await slackErrorOf(() =>
      client.views.open({ trigger_id: fake.state.issueTriggerId(alice.id), view: modal('t'.repeat(25)) }),
    );
    expect(longTitle.code).toBe('invalid_arguments');
  });

  it('views.update replaces a view and checks the hash', async () => {
    const client = clientFor(fake);
    const opened = await client.views.open({ trigger_id: fake.state.issueTriggerId(alice.id), view: modal() });
    const id = opened.view?.id as string;
    const updated = await client.views.update({ view_id: id, hash: opened.view?.hash as string, view: modal('Step 2') });
    expect(updated.view?.id).toBe(id);
    expect(fake.state.views.get(id)?.title).toEqual({ type: 'plain_text', text: 'Step 2' });
    expect((await slackErrorOf(() => client.views.update({ view_id: id, hash: 'stale', view: modal() }))).code).toBe(
      'hash_conflict',
    );
    expect((await slackErrorOf(() => client.views.update({ view_id: 'V0NOPE', view: modal() }))).code).toBe('not_found');
  });

  it('views.publish stores the App Home per user', async () => {
    const client = clientFor(fake);
    const home = { type: 'home' as const, blocks: [section('Your recent designs')] };
    const res = await client.views.publish({ user_id: alice.id, view: home });
    expect(res.view?.type).toBe('home');
    expect(fake.state.homeView(alice.id)?.blocks).toEqual(home.blocks);
    const again = await client.views.publish({ user_id: alice.id, view: { ...home, blocks: [section('v2')] } });
    expect(again.view?.id).toBe(res.view?.id);
    expect((await slackErrorOf(() => client.views.publish({ user_id: alice.id, view: modal() }))).code).toBe(
      'invalid_arguments',
    );
  });

  it('filesUploadV2 uploads bytes to the fake and shares the file into the thread', async () => {
    const client = clientFor(fake);
    const root = await client.chat.postMessage({ channel: GENERAL, text: 'Design ready' });
    const content = '# Orders → ERP\n\nRetries: 8 attempts, full jitter.\n';
    const result = await client.filesUploadV2({
      channel_id: GENERAL,
      thread_ts: root.ts as string,
      content,
      filename: 'design.md',
      title: 'Design (Markdown)',
      initial_comment: 'Markdown export',
    });
    expect(result.ok).toBe(true);

    const methods = fake.calls.map((c) => c.method);
    expect(methods).toEqual(['chat.postMessage', 'files.getUploadURLExternal', 'files.completeUploadExternal']);
    const [file] = [...fake.state.files.values()];
    expect(file?.bytes?.toString('utf8')).toBe(content);
    expect(file).toMatchObject({ filename: 'design.md', title: 'Design (Markdown)', completed: true, mimetype: 'text/markdown' });

    const thread = fake.state.messages(GENERAL, { threadTs: root.ts as string });
    const shared = thread.find((m) => m.files !== undefined);
    expect(shared?.text).toBe('Markdown export');
    expect(shared?.files?.[0]).toMatchObject({ id: file?.id, name: 'design.md', size: Buffer.byteLength(content) });

    const download = await fetch(shared?.files?.[0]?.url_private as string);
    expect(await download.text()).toBe(content);

    // The sandbox page renders from a JSON snapshot: sets become arrays, bytes stay out.
    const snapshot = JSON.parse(JSON.stringify(fake.state.snapshot())) as ReturnType<typeof fake.state.snapshot>;
    expect(snapshot.files[0]).toMatchObject({ id: file?.id, size: Buffer.byteLength(content) });
    expect(snapshot.files[0]).not.toHaveProperty('bytes');
    expect(snapshot.channels.find((c) => c.id === GENERAL)?.members).toContain(alice.id);
    expect(snapshot.messages[GENERAL]).toHaveLength(2);
  });

  it('completeUploadExternal refuses files that were never uploaded', async () => {
    const client = clientFor(fake);
    const url = await client.files.getUploadURLExternal({ filename: 'x.md', length: 3 });
    const err = await slackErrorOf(() =>
      client.files.completeUploadExternal({ files: [{ id: url.file_id as string }], channel_id: GENERAL }),
    );
    expect(err.code).toBe('file_not_found');
  });

  it('records response_url posts and renders them ephemeral or in channel', async () => {
    const id = fake.state.registerResponseUrl({ channel: GENERAL, user: alice.id });
    const post = (body: unknown) =>
      fetch(`${fake.origin}/response_url/${id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ text: 'Searching…' })).status).toBe(200);
    expect((await post({ text: 'Posted for all', response_type: 'in_channel' })).status).toBe(200);
    expect(fake.state.responseUrlPosts.map((p) => p.body.text)).toEqual(['Searching…', 'Posted for all']);
    expect(fake.state.ephemerals.map((e) => [e.user, e.text, e.via])).toEqual([[alice.id, 'Searching…', 'response_url']]);
    expect(fake.state.messages(GENERAL).map((m) => m.text)).toEqual(['Posted for all']);
    const unknown = await fetch(`${fake.origin}/response_url/nope`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
  });

  it('response_url replace_original and delete_original act on the message the button sat on', async () => {
    const { ts } = await clientFor(fake).chat.postMessage({ channel: GENERAL, text: 'with buttons' });
    const id = fake.state.registerResponseUrl({ channel: GENERAL, user: alice.id, messageTs: ts as string });
    const post = (body: unknown) =>
      fetch(`${fake.origin}/response_url/${id}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    await post({ replace_original: true, text: 'Regenerating…' });
    expect(fake.state.findMessage(GENERAL, ts as string)?.text).toBe('Regenerating…');
    await post({ delete_original: true });
    expect(fake.state.findMessage(GENERAL, ts as string)).toBeUndefined();
  });
});

import { readFile } from 'node:fs/promises';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineEngine } from '../../src/architect/engines/offline.js';
import { completeInputs } from '../../src/architect/inputs.js';
import type { Conversation, PostLedger, StoredRevision } from '../../src/conversation/ports.js';
import { SANDBOX_CHANNELS, startSlackApiFake, type SlackApiFake } from '../../src/sandbox/slack-api-fake.js';
import { ChannelPacer } from '../../src/slack/pacing.js';
import { createSlackPublisher, memoryLedger } from '../../src/slack/publisher.js';

/**
 * The publisher against the local Slack over real HTTP: parts of a revision are posted once even when the process
 * died after Slack accepted a message but before the ledger recorded it (the message's metadata names its part).
 */

const example = JSON.parse(await readFile(new URL('../fixtures/example-inputs.json', import.meta.url), 'utf8'));
let fake: SlackApiFake;
let client: WebClient;

beforeAll(async () => {
  fake = await startSlackApiFake();
  client = new WebClient('xoxb-publisher-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
});
afterAll(async () => {
  await fake?.close();
});

async function revisionAndThread(): Promise<{ conversation: Conversation; revision: StoredRevision }> {
  const channel = SANDBOX_CHANNELS.general.id;
  const root = await client.chat.postMessage({ channel, text: 'Integration design for someone' });
  const inputs = completeInputs(example);
  if (!inputs.success) throw new Error('example inputs are incomplete');
  const design = await createOfflineEngine().design(inputs.data, {});
  const conversation: Conversation = { id: '00000000-0000-4000-8000-000000000001', teamId: fake.teamId, channelId: channel, threadTs: root.ts!, userId: 'U1', channelIsPrivate: false, status: 'generating', inputs: inputs.data, error: null };
  const revision: StoredRevision = { conversationId: conversation.id, revision: 1, title: design.title, systems: [], inputs: inputs.data, markdown: design.markdown, sections: design.sections, quality: design.quality, engine: 'offline', model: null, createdBy: 'U1', createdAt: new Date() };
  return { conversation, revision };
}

/** A ledger whose write of one part fails once: the process "dies" after Slack answered, before the record. */
function ledgerDyingAt(part: string): PostLedger & { died: boolean } {
  const inner = memoryLedger();
  const ledger = {
    died: false,
    postedParts: inner.postedParts,
    forgetPosted: inner.forgetPosted,
    async recordPosted(c: string, r: number, p: string, ts: string) {
      if (p === part && !ledger.died) {
        ledger.died = true;
        throw new Error('process died');
      }
      await inner.recordPosted(c, r, p, ts);
    },
  };
  return ledger;
}

describe('publishing a revision across a crash between Slack and the ledger', () => {
  for (const part of ['progress', 'header', 'section:2']) {
    it(`dies right after posting ${part}: the retry posts every part exactly once`, async () => {
      const { conversation, revision } = await revisionAndThread();
      const ledger = ledgerDyingAt(part);
      const publisher = createSlackPublisher({ clientFor: async () => client, pacer: new ChannelPacer(0), ledger });
      const attempt = async () => {
        const progress = await publisher.startProgress(conversation, { stage: 'analyzing', message: 'Analyzing requirements…' }, 1);
        await publisher.publishDesign(conversation, revision, { progress });
      };
      await expect(attempt()).rejects.toThrow('process died');
      expect(ledger.died).toBe(true);
      await attempt();

      const messages = fake.state.messages(conversation.channelId, { threadTs: conversation.threadTs }).filter((m) => m.ts !== conversation.threadTs);
      const texts = messages.map((m) => m.text);
      expect(texts.filter((t, i) => texts.indexOf(t) !== i)).toEqual([]);
      expect(messages.filter((m) => JSON.stringify(m.blocks ?? []).includes('export_markdown'))).toHaveLength(1);
      expect(messages.filter((m) => /Step \d of 5/.test(JSON.stringify(m.blocks ?? [])))).toEqual([]);
      expect(messages.some((m) => /Implementation checklist/.test(m.text))).toBe(true);
    });
  }

  it('the thread tells which part each message is, only to a caller that asks for metadata', async () => {
    const { conversation, revision } = await revisionAndThread();
    const publisher = createSlackPublisher({ clientFor: async () => client, pacer: new ChannelPacer(0) });
    await publisher.publishDesign(conversation, revision, {});
    const withMetadata = await client.conversations.replies({ channel: conversation.channelId, ts: conversation.threadTs, include_all_metadata: true });
    const parts = (withMetadata.messages ?? []).map((m) => (m.metadata?.event_payload as { part?: string } | undefined)?.part).filter(Boolean);
    expect(parts).toContain('header');
    expect(parts).toContain('section:0');
    const plain = await client.conversations.replies({ channel: conversation.channelId, ts: conversation.threadTs });
    expect((plain.messages ?? []).some((m) => m.metadata)).toBe(false);
  });
});

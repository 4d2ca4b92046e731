import type { WebClient } from '@slack/web-api';
import type { MissingInput } from '../architect/inputs.js';
import { parseDocument } from '../architect/document.js';
import type { Progress } from '../architect/types.js';
import type { Conversation, ProgressHandle, Publisher, StoredRevision } from '../conversation/ports.js';
import {
  answerMessage,
  changesMessage,
  defaultAssumptionLines,
  designHeaderMessage,
  designSectionMessages,
  failureMessage,
  missingInputsMessage,
  progressMessage,
} from './blocks/index.js';
import { neutralizeMentions } from './format.js';
import { ChannelPacer, createThrottle } from './pacing.js';

/** Posts conversation results into the Slack thread: paced per channel, progress updates throttled. */

export type ClientFor = (teamId: string) => Promise<WebClient>;

export interface SlackPublisherOptions {
  clientFor: ClientFor;
  pacer?: ChannelPacer;
  /** chat.update is rate-limited: at most one progress edit per interval. */
  progressIntervalMs?: number;
  /** Called after a design is posted (e.g. to refresh the author's App Home); failures are only logged. */
  onDesignPublished?: (conversation: Conversation) => Promise<void>;
  logger?: { warn: (obj: object, msg: string) => void };
}

type Payload = { text: string; blocks?: unknown[] };

export function createSlackPublisher(options: SlackPublisherOptions): Publisher {
  const pacer = options.pacer ?? new ChannelPacer(1000);
  const interval = options.progressIntervalMs ?? 1000;
  // Which Slack message each progress handle drives, so the result can take its place.
  const progressMessages = new WeakMap<ProgressHandle, { ts: string; cancel: () => Promise<void> }>();

  async function post(conversation: Conversation, payload: Payload): Promise<string | undefined> {
    const client = await options.clientFor(conversation.teamId);
    const res = await pacer.run(conversation.channelId, () =>
      client.chat.postMessage({
        channel: conversation.channelId,
        thread_ts: conversation.threadTs,
        text: payload.text,
        ...(payload.blocks ? { blocks: payload.blocks as never } : {}),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    return res.ts;
  }

  return {
    async askForInputs(conversation: Conversation, missing: MissingInput[]) {
      await post(conversation, missingInputsMessage({ missing, defaults: defaultAssumptionLines(conversation.inputs), conversationId: conversation.id }));
    },

    async notice(conversation, text) {
      await post(conversation, { text: neutralizeMentions(text) });
    },

    async startProgress(conversation, initial): Promise<ProgressHandle> {
      const client = await options.clientFor(conversation.teamId);
      const ts = await post(conversation, progressMessage(initial));
      const update = (p: Progress) =>
        client.chat.update({ channel: conversation.channelId, ts: ts!, ...(progressMessage(p) as { text: string; blocks: never }) });
      const throttle = createThrottle(update, interval);
      const handle: ProgressHandle = {
        update: (p) => {
          if (ts) throttle.push(p);
        },
        async finish(text) {
          await throttle.cancel();
          if (ts) await client.chat.update({ channel: conversation.channelId, ts, text: neutralizeMentions(text), blocks: [] });
        },
        async discard() {
          await throttle.cancel();
          if (ts) await client.chat.delete({ channel: conversation.channelId, ts }).catch(() => undefined);
        },
      };
      if (ts) progressMessages.set(handle, { ts, cancel: () => throttle.cancel() });
      return handle;
    },

    async publishDesign(conversation, revision: StoredRevision, { changes, progress }) {
      const doc = parseDocument(revision.markdown);
      const header = designHeaderMessage({
        title: revision.title,
        summary: doc.preamble,
        revision: revision.revision,
        engine: revision.engine === 'anthropic' ? 'anthropic' : 'offline',
        quality: revision.quality,
        conversationId: conversation.id,
        assumptions: [],
      });
      // The progress message is replaced by the result: it becomes the design's header, buttons included.
      const slot = progress ? progressMessages.get(progress) : undefined;
      if (slot) {
        await slot.cancel();
        const client = await options.clientFor(conversation.teamId);
        await pacer.run(conversation.channelId, () =>
          client.chat.update({ channel: conversation.channelId, ts: slot.ts, text: header.text, blocks: header.blocks as never }),
        );
      } else {
        await post(conversation, header);
      }
      if (changes && changes.length > 0) await post(conversation, changesMessage({ revision: revision.revision, changes }));
      for (const payload of designSectionMessages(revision.sections)) await post(conversation, payload);
      // Not awaited: refreshing Home must not hold up the conversation becoming ready.
      void options.onDesignPublished?.(conversation).catch((error: unknown) => options.logger?.warn({ err: error }, 'after-publish hook failed'));
    },

    async publishAnswer(conversation, markdown) {
      for (const payload of answerMessage(markdown)) await post(conversation, payload);
    },

    async publishFailure(conversation, reason, retryable) {
      await post(conversation, failureMessage({ reason, retryable, conversationId: conversation.id }));
    },
  };
}

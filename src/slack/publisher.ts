import type { WebClient } from '@slack/web-api';
import type { MissingInput } from '../architect/inputs.js';
import { parseDocument } from '../architect/document.js';
import type { Progress } from '../architect/types.js';
import type { Conversation, PostLedger, ProgressHandle, Publisher, StoredRevision } from '../conversation/ports.js';
import {
  answerMessage,
  changesMessage,
  defaultAssumptionLines,
  designHeaderMessage,
  changedSectionsMessages,
  designSectionMessages,
  failureMessage,
  missingInputsMessage,
  progressMessage,
} from './blocks/index.js';
import { createCanvasKeeper } from './canvas.js';
import { openLiveDraft, type LiveDraft } from './live-draft.js';
import { renderDiagramPng } from './diagram.js';
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
  /** Where posted parts are recorded; in memory when not given (enough within one process, e.g. in unit tests). */
  ledger?: PostLedger;
  /** How long a live draft streams before it moves to a new message (tests shorten it). */
  streamLifetimeMs?: number;
}

export const CANVAS_UNAVAILABLE = (reason: string) =>
  `:information_source: I couldn't keep this design in a canvas here (Slack said \`${reason}\`), so each revision is posted in full in this thread.`;

/** The sections of a revision that differ from the previous one (by heading and text), and the names of the rest. */
function compactSections(revision: StoredRevision, previous: StoredRevision): ReturnType<typeof changedSectionsMessages> {
  const before = new Map(previous.sections.map((s) => [s.heading.trim(), s.markdown.trim()]));
  const changed = revision.sections.filter((s) => before.get(s.heading.trim()) !== s.markdown.trim());
  const unchanged = revision.sections.filter((s) => !changed.includes(s)).map((s) => s.heading.trim());
  return changedSectionsMessages(changed, unchanged);
}

/** A ledger that lives as long as the process: tests and tools without a database. */
export function memoryLedger(): PostLedger {
  const parts = new Map<string, Map<string, string>>();
  const key = (c: string, r: number) => `${c}:${r}`;
  return {
    async postedParts(c, r) {
      return new Map(parts.get(key(c, r)) ?? []);
    },
    async recordPosted(c, r, part, ts) {
      parts.set(key(c, r), (parts.get(key(c, r)) ?? new Map()).set(part, ts));
    },
    async forgetPosted(c, r, part) {
      parts.get(key(c, r))?.delete(part);
    },
  };
}

type Payload = { text: string; blocks?: unknown[] };

/** Designs in a DM come from the assistant panel (the app's DM is where its assistant threads live). */
const inDirectMessage = (conversation: Conversation) => conversation.channelId.startsWith('D');

/** Message metadata naming the part of a revision a message is (see postedParts below). */
const PART_EVENT = 'integration_design_part';
type PartTag = { event_type: string; event_payload: { conversation_id: string; revision: number; part: string } };

function partTag(conversation: Conversation, revision: number, part: string): PartTag {
  return { event_type: PART_EVENT, event_payload: { conversation_id: conversation.id, revision, part } };
}

function taggedPart(metadata: unknown, conversationId: string, revision: number): string | undefined {
  const m = metadata as { event_type?: unknown; event_payload?: { conversation_id?: unknown; revision?: unknown; part?: unknown } } | undefined;
  if (m?.event_type !== PART_EVENT) return undefined;
  const p = m.event_payload;
  return p?.conversation_id === conversationId && p.revision === revision && typeof p.part === 'string' ? p.part : undefined;
}

export function createSlackPublisher(options: SlackPublisherOptions): Publisher {
  const pacer = options.pacer ?? new ChannelPacer(1000);
  const interval = options.progressIntervalMs ?? 1000;
  const ledger = options.ledger ?? memoryLedger();
  const canvases = createCanvasKeeper({ clientFor: options.clientFor, ledger, ...(options.logger ? { logger: options.logger } : {}) });
  // Which Slack message each progress handle drives (a live draft may move), so the result can take its place.
  const progressMessages = new WeakMap<ProgressHandle, { ts: () => string; cancel: () => Promise<void> }>();

  async function update(conversation: Conversation, ts: string, payload: Payload): Promise<void> {
    const client = await options.clientFor(conversation.teamId);
    await pacer.run(conversation.channelId, () =>
      client.chat.update({ channel: conversation.channelId, ts, text: payload.text, blocks: (payload.blocks ?? []) as never }),
    );
  }

  /** Posts one part of a revision unless an earlier attempt already did (then it is brought up to date instead). */
  async function postPart(conversation: Conversation, revision: number, part: string, payload: Payload, posted: Map<string, string>): Promise<void> {
    const ts = posted.get(part);
    if (ts) {
      await update(conversation, ts, payload).catch((error: unknown) => options.logger?.warn({ err: error, part }, 'could not refresh a part posted by an earlier attempt'));
      return;
    }
    const newTs = await post(conversation, payload, partTag(conversation, revision, part));
    if (newTs) await ledger.recordPosted(conversation.id, revision, part, newTs);
  }

  /**
   * The parts of a revision recorded in the ledger, plus any the thread shows that the ledger missed: a process
   * that died between Slack's answer and the ledger write left a message tagged with its part (message metadata).
   */
  async function postedParts(conversation: Conversation, revision: number): Promise<Map<string, string>> {
    const posted = await ledger.postedParts(conversation.id, revision);
    try {
      const client = await options.clientFor(conversation.teamId);
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const res = await client.conversations.replies({
          channel: conversation.channelId,
          ts: conversation.threadTs,
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        for (const m of res.messages ?? []) {
          const part = taggedPart(m.metadata, conversation.id, revision);
          if (part && m.ts && !posted.has(part)) {
            posted.set(part, m.ts);
            await ledger.recordPosted(conversation.id, revision, part, m.ts);
          }
        }
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
    } catch (error) {
      // Reading the thread is a safety net; without it the ledger alone decides.
      options.logger?.warn({ err: error }, 'could not read the thread to find parts posted by an earlier attempt');
    }
    return posted;
  }

  /**
   * The revision's architecture diagram as a PNG file (recorded as part 'diagram', so a retry reuses it). A diagram
   * that cannot be drawn or uploaded is logged and left out: the document stands without it.
   */
  async function diagramFile(conversation: Conversation, revision: StoredRevision, dot: string, posted: Map<string, string>): Promise<{ id: string; permalink?: string } | undefined> {
    const recorded = posted.get('diagram');
    if (recorded) return { id: recorded };
    try {
      const png = await renderDiagramPng(dot);
      const client = await options.clientFor(conversation.teamId);
      const res = await client.filesUploadV2({
        file: png,
        filename: `architecture-rev${revision.revision}.png`,
        title: `Architecture — revision ${revision.revision}`,
        alt_text: `Architecture diagram of ${revision.title}: systems, the components this design adds, and the flows between them`,
      });
      const file = (res as { files?: { files?: { id?: string; permalink?: string }[] }[] }).files?.[0]?.files?.[0];
      if (!file?.id) return undefined;
      await ledger.recordPosted(conversation.id, revision.revision, 'diagram', file.id);
      return { id: file.id, ...(file.permalink ? { permalink: file.permalink } : {}) };
    } catch (error) {
      options.logger?.warn({ err: error }, 'could not render or upload the architecture diagram');
      return undefined;
    }
  }

  /** The assistant panel lists threads by title: each revision's design title names its thread. */
  async function titleAssistantThread(conversation: Conversation, title: string): Promise<void> {
    const client = await options.clientFor(conversation.teamId);
    const flat = title.replace(/\s+/g, ' ').trim();
    await client.assistant.threads
      .setTitle({ channel_id: conversation.channelId, thread_ts: conversation.threadTs, title: flat.length > 120 ? `${flat.slice(0, 119)}…` : flat })
      .catch((error: unknown) => options.logger?.warn({ err: error }, 'could not title the assistant thread'));
  }

  async function post(conversation: Conversation, payload: Payload, metadata?: PartTag): Promise<string | undefined> {
    const client = await options.clientFor(conversation.teamId);
    const res = await pacer.run(conversation.channelId, () =>
      client.chat.postMessage({
        channel: conversation.channelId,
        thread_ts: conversation.threadTs,
        text: payload.text,
        ...(payload.blocks ? { blocks: payload.blocks as never } : {}),
        unfurl_links: false,
        unfurl_media: false,
        ...(metadata ? { metadata } : {}),
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

    async startProgress(conversation, initial, revision, requestedBy): Promise<ProgressHandle> {
      const client = await options.clientFor(conversation.teamId);
      // An attempt that died left its progress message behind (perhaps mid-stream): take it over as a progress
      // line instead of adding another.
      const posted = await postedParts(conversation, revision);
      let ts = posted.get('header') ? undefined : posted.get('progress');
      if (ts) {
        await client.chat.stopStream({ channel: conversation.channelId, ts }).catch(() => undefined);
        await update(conversation, ts, progressMessage(initial)).catch(() => (ts = undefined));
      }
      let draft: LiveDraft | undefined;
      // The document streams into the thread as it is written (see live-draft.ts); where Slack will not stream,
      // the throttled progress line is shown instead.
      if (!ts) {
        draft = await pacer.run(conversation.channelId, () =>
          openLiveDraft(
            {
              client,
              channel: conversation.channelId,
              threadTs: conversation.threadTs,
              recipient: { teamId: conversation.teamId, userId: requestedBy ?? conversation.userId },
              intervalMs: interval,
              ...(options.streamLifetimeMs ? { lifetimeMs: options.streamLifetimeMs } : {}),
              onMoved: (moved) => ledger.recordPosted(conversation.id, revision, 'progress', moved),
              ...(options.logger ? { logger: options.logger } : {}),
            },
            `_${neutralizeMentions(initial.message)}_\n\n`,
          ),
        );
        if (draft) await ledger.recordPosted(conversation.id, revision, 'progress', draft.ts);
      }
      if (!ts && !draft) {
        ts = await post(conversation, progressMessage(initial), partTag(conversation, revision, 'progress'));
        if (ts) await ledger.recordPosted(conversation.id, revision, 'progress', ts);
      }
      const current = () => draft?.ts ?? ts;
      const throttle = createThrottle(
        (p: Progress) => client.chat.update({ channel: conversation.channelId, ts: current()!, ...(progressMessage(p) as { text: string; blocks: never }) }),
        interval,
      );
      const stop = async () => {
        await draft?.close(partTag(conversation, revision, 'progress'));
        await throttle.cancel();
      };
      const handle: ProgressHandle = {
        update: (p) => {
          // A draft Slack stopped streaming shows the progress line in the same message from then on.
          if (draft?.live) draft.push(p);
          else if (current()) throttle.push(p);
        },
        async finish(text) {
          await stop();
          const at = current();
          if (at) await client.chat.update({ channel: conversation.channelId, ts: at, text: neutralizeMentions(text), blocks: [] });
          await ledger.forgetPosted(conversation.id, revision, 'progress');
        },
        async discard() {
          await stop();
          const at = current();
          if (at) await client.chat.delete({ channel: conversation.channelId, ts: at }).catch(() => undefined);
          await ledger.forgetPosted(conversation.id, revision, 'progress');
        },
      };
      if (current()) progressMessages.set(handle, { ts: () => current()!, cancel: stop });
      return handle;
    },

    async publishDesign(conversation, revision: StoredRevision, { changes, progress, previous, diagram }) {
      const doc = parseDocument(revision.markdown);
      const posted = await postedParts(conversation, revision.revision);
      // The diagram is uploaded first (not shared on its own): the header shows it and the canvas embeds it, so a
      // revision still posts no more messages than before.
      const picture = diagram ? await diagramFile(conversation, revision, diagram.dot, posted) : undefined;
      const canvas = await canvases.sync(conversation, revision, picture?.permalink);
      const header = designHeaderMessage({
        title: revision.title,
        summary: doc.preamble,
        revision: revision.revision,
        engine: revision.engine === 'anthropic' ? 'anthropic' : 'offline',
        quality: revision.quality,
        conversationId: conversation.id,
        assumptions: [],
        ...(canvas.ok ? { canvasUrl: canvas.url } : {}),
        ...(picture ? { diagramFileId: picture.id } : {}),
      });
      // The progress message becomes the design's header (buttons included): this attempt's, or one left by an
      // attempt that died before turning it into the header.
      const slot = progress ? progressMessages.get(progress) : undefined;
      if (slot) await slot.cancel();
      const progressTs = slot?.ts() ?? posted.get('progress');
      if (!slot && progressTs) {
        // A live draft left by an attempt that died may still be streaming: end it before it becomes the header.
        const client = await options.clientFor(conversation.teamId);
        await client.chat.stopStream({ channel: conversation.channelId, ts: progressTs }).catch(() => undefined);
      }
      if (!posted.has('header') && progressTs) {
        await update(conversation, progressTs, header);
        await ledger.recordPosted(conversation.id, revision.revision, 'header', progressTs);
        await ledger.forgetPosted(conversation.id, revision.revision, 'progress');
      } else {
        await postPart(conversation, revision.revision, 'header', header, posted);
        // The header is already there: a progress line started since has nothing left to become.
        if (progressTs && progressTs !== posted.get('header')) {
          const client = await options.clientFor(conversation.teamId);
          await client.chat.delete({ channel: conversation.channelId, ts: progressTs }).catch(() => undefined);
          await ledger.forgetPosted(conversation.id, revision.revision, 'progress');
        }
      }
      if (changes && changes.length > 0) await postPart(conversation, revision.revision, 'changes', changesMessage({ revision: revision.revision, changes }), posted);
      if (!canvas.ok && canvas.firstTime) {
        await postPart(conversation, revision.revision, 'canvas-note', { text: neutralizeMentions(CANVAS_UNAVAILABLE(canvas.reason)) }, posted);
      }
      // With the canvas holding the whole document, a revision posts only what changed; without it, everything.
      const sections = canvas.ok && previous ? compactSections(revision, previous) : designSectionMessages(revision.sections);
      for (const [i, payload] of sections.entries()) {
        // Parts already there from an earlier attempt are left as they are: a document is written once per revision.
        if (posted.has(`section:${i}`)) continue;
        await postPart(conversation, revision.revision, `section:${i}`, payload, posted);
      }
      if (inDirectMessage(conversation)) await titleAssistantThread(conversation, revision.title);
      // Not awaited: refreshing Home must not hold up the conversation becoming ready.
      void options.onDesignPublished?.(conversation).catch((error: unknown) => options.logger?.warn({ err: error }, 'after-publish hook failed'));
    },

    async publishAnswer(conversation, markdown, replyTs) {
      // Answers belong to no revision (0); keyed by the reply they answer, so a retried job does not answer twice.
      const posted = await postedParts(conversation, 0);
      for (const [i, payload] of answerMessage(markdown).entries()) {
        const part = `answer:${replyTs}:${i}`;
        if (!posted.has(part)) await postPart(conversation, 0, part, payload, posted);
      }
    },

    async publishFailure(conversation, reason, retryable) {
      await post(conversation, failureMessage({ reason, retryable, conversationId: conversation.id }));
    },
  };
}

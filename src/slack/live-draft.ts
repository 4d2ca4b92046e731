import type { ChatStopStreamArguments, ChatStreamer, WebClient } from '@slack/web-api';
import type { Progress } from '../architect/types.js';
import { redactSecrets } from '../conversation/redact.js';
import { neutralizeMentions } from './format.js';

/**
 * The live draft: a revision's document streamed into its thread as it is written, with Slack's chat streaming
 * (chat.startStream / appendStream / stopStream, through the SDK's chat streamer). It takes the progress line's
 * place; when the design is done, that message becomes the design's header like the progress line did.
 *
 * - Appends go out at most once per interval (appendStream is rate-limited) and only in whole lines: secrets are
 *   redacted and mentions neutralised line by line before anything reaches Slack, as for every model output.
 * - Slack ends a stream about five minutes after it started (later appends answer message_not_in_streaming_state),
 *   so a draft that runs long moves to a new stream before then, as does one that grows too long for a message
 *   or one the model rewrites (a repair pass). The new message is recorded (onMoved) before the old is removed.
 * - When Slack refuses an append for any other reason (stopped_by_user, errors), the draft stops being live and
 *   the caller shows the throttled progress line on the same message instead.
 */

export interface LiveDraftOptions {
  client: WebClient;
  channel: string;
  threadTs: string;
  /** Slack streams to one person in a channel: the one who asked. */
  recipient: { teamId: string; userId: string };
  /** At most one append per interval. */
  intervalMs: number;
  /** A stream older than this moves to a new one (Slack ends them at about 5 minutes). */
  lifetimeMs?: number;
  /** A draft message longer than this continues in a new one. */
  maxChars?: number;
  /** The draft continues in a new message (recorded before the old one is deleted). */
  onMoved: (ts: string) => Promise<void>;
  logger?: { warn: (obj: object, msg: string) => void };
  now?: () => number;
}

export interface LiveDraft {
  /** The message the draft is in now. */
  readonly ts: string;
  /** False once Slack refused the stream: the caller shows progress on the same message instead. */
  readonly live: boolean;
  push(progress: Progress): void;
  /** Sends what is left of the draft and ends the stream. Never throws. */
  close(metadata?: ChatStopStreamArguments['metadata']): Promise<void>;
}

const DEFAULT_LIFETIME_MS = 240_000;
const DEFAULT_MAX_CHARS = 30_000;
/** Sent without waiting for the interval, so a fast writer never builds a backlog larger than this. */
const FLUSH_AT_CHARS = 3_000;
/** Slack's limit for markdown_text in one call is 12,000 characters. */
const MAX_CALL_CHARS = 10_000;
/** A line longer than this is sent without waiting for its end. */
const MAX_HELD_CHARS = 1_500;
const STAGE_NOTES: ReadonlySet<Progress['stage']> = new Set(['calculating', 'checking']);

const slackError = (error: unknown): string | undefined => (error as { data?: { error?: string } } | null)?.data?.error;

/** Opens the stream with its first line; undefined when Slack will not stream here (the caller posts a progress line). */
export async function openLiveDraft(options: LiveDraftOptions, firstLine: string): Promise<LiveDraft | undefined> {
  const now = options.now ?? Date.now;
  const lifetime = options.lifetimeMs ?? DEFAULT_LIFETIME_MS;
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;

  async function begin(text: string): Promise<{ streamer: ChatStreamer; ts: string }> {
    // buffer_size 1: every append is sent at once; pacing and line-buffering happen here.
    const streamer = options.client.chatStream({
      channel: options.channel,
      thread_ts: options.threadTs,
      recipient_team_id: options.recipient.teamId,
      recipient_user_id: options.recipient.userId,
      buffer_size: 1,
    });
    await streamer.append({ markdown_text: text });
    if (!streamer.ts) throw new Error('chat.startStream returned no ts');
    return { streamer, ts: streamer.ts };
  }

  let current: { streamer: ChatStreamer; ts: string; startedAt: number; length: number };
  try {
    const first = await begin(firstLine);
    current = { ...first, startedAt: now(), length: firstLine.length };
  } catch (error) {
    options.logger?.warn({ err: error, slack_error: slackError(error) }, 'Slack would not stream here; showing a progress line instead');
    return undefined;
  }

  let live = true;
  let closed = false;
  let pending = '';
  let lastStage: Progress['stage'] | undefined;
  let lastSent = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();

  const stopQuietly = (streamer: ChatStreamer, ts: string, metadata?: Parameters<LiveDraft['close']>[0]) =>
    (metadata ? streamer.stop({ metadata }) : streamer.stop()).then(
      () => undefined,
      // Already over (expired, or stopped by the person): nothing to end.
      (error: unknown) => {
        if (slackError(error) !== 'message_not_in_streaming_state' && slackError(error) !== 'stopped_by_user') {
          options.logger?.warn({ err: error, ts }, 'could not stop a live draft stream');
        }
      },
    );

  function giveUp(error: unknown): void {
    live = false;
    pending = '';
    options.logger?.warn({ err: error, slack_error: slackError(error) }, 'live draft stopped streaming; showing the progress line instead');
  }

  /** Continues the draft in a new stream message; the old one is removed once the new one is recorded. */
  async function move(firstText: string): Promise<void> {
    const old = current;
    const next = await begin(firstText);
    current = { ...next, startedAt: now(), length: firstText.length };
    await options.onMoved(next.ts);
    await stopQuietly(old.streamer, old.ts);
    await options.client.chat.delete({ channel: options.channel, ts: old.ts }).catch((error: unknown) => options.logger?.warn({ err: error }, 'could not remove the previous live draft message'));
  }

  async function append(text: string): Promise<void> {
    if (!live) return;
    try {
      if (now() - current.startedAt >= lifetime || current.length + text.length > maxChars) await move('_…continued_\n\n');
      for (let i = 0; i < text.length; i += MAX_CALL_CHARS) {
        const piece = text.slice(i, i + MAX_CALL_CHARS);
        try {
          await current.streamer.append({ markdown_text: piece });
        } catch (error) {
          // Ended by Slack before we expected (its lifetime is not documented): carry on in a new one, once.
          if (slackError(error) !== 'message_not_in_streaming_state') throw error;
          await move(`_…continued_\n\n${piece}`);
        }
        current.length += piece.length;
      }
    } catch (error) {
      giveUp(error);
    }
  }

  function send(final = false): void {
    timer = null;
    if (!live) return;
    // Whole lines only, so a secret or a mention is never split across two appends.
    const cut = final || pending.length > MAX_HELD_CHARS ? pending.length : pending.lastIndexOf('\n') + 1;
    if (cut <= 0) return;
    const text = neutralizeMentions(redactSecrets(pending.slice(0, cut)).text);
    pending = pending.slice(cut);
    lastSent = now();
    chain = chain.then(() => append(text));
  }

  function schedule(): void {
    if (timer || !pending || closed) return;
    const wait = lastSent + options.intervalMs - now();
    if (wait <= 0 || pending.length >= FLUSH_AT_CHARS) send();
    else timer = setTimeout(send, wait);
  }

  return {
    get ts() {
      return current.ts;
    },
    get live() {
      return live;
    },
    push(progress) {
      if (!live || closed) return;
      if (progress.stage === 'repairing' && lastStage !== 'repairing') {
        // The model rewrites the document: its new draft starts in a fresh message.
        pending = '';
        chain = chain.then(() => move(`_${neutralizeMentions(progress.message)}…_\n\n`).catch(giveUp));
      } else if (progress.stage !== lastStage && STAGE_NOTES.has(progress.stage)) {
        pending += `\n\n_${progress.message}…_\n\n`;
      }
      if (progress.text) pending += progress.text;
      lastStage = progress.stage;
      schedule();
    },
    async close(metadata) {
      if (closed) return chain;
      closed = true;
      if (timer) clearTimeout(timer);
      send(true);
      await chain;
      // Also after Slack refused an append: a stream left open would show as still being written.
      await stopQuietly(current.streamer, current.ts, metadata);
    },
  };
}

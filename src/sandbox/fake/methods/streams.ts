import { z } from 'zod';
import { optionalString, parseArgs, withMessagesFrom } from '../args.js';
import { LIMITS, validateBlocks } from '../blocks.js';
import { SlackApiError, withMessages } from '../errors.js';
import type { FakeMessage, FakeStream } from '../types.js';
import { parseMetadata, renderMessage, writableChannel } from './chat.js';
import type { MethodContext, MethodHandler } from './context.js';

/**
 * chat.startStream / chat.appendStream / chat.stopStream (https://docs.slack.dev/reference/methods/chat.startStream).
 * A stream is a bot reply in a thread whose text grows with each append until it is stopped, the person presses
 * stop in Slack, or its absolute lifetime (state.streamLifetimeMs, about 5 minutes in Slack) runs out.
 */

const Source = z.looseObject({ type: z.literal('url'), url: z.string().min(1), text: z.string() });

/** Slack's chunk objects; `blocks` chunks are in @slack/types (changelog 2026-04-16) though the method pages list three kinds. */
const Chunk = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('markdown_text'), text: z.string() }),
  z.looseObject({
    type: z.literal('task_update'),
    id: z.string().min(1),
    title: z.string(),
    status: z.enum(['pending', 'in_progress', 'complete', 'error']),
    details: z.string().optional(),
    output: z.string().optional(),
    sources: z.array(Source).optional(),
  }),
  z.looseObject({ type: z.literal('plan_update'), title: z.string() }),
  z.looseObject({ type: z.literal('blocks'), blocks: z.array(z.unknown()) }),
]);

interface StreamContent {
  markdown: string;
  /** Task and plan updates, kept for the sandbox page. */
  updates: unknown[];
  blocks: unknown[];
}

/** markdown_text plus chunks, as one call's addition to the message. */
function streamContent(markdownText: string | undefined, rawChunks: unknown): StreamContent {
  let value = rawChunks;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new SlackApiError('invalid_chunks');
    }
  }
  const chunks = value === undefined ? { success: true as const, data: [] } : z.array(Chunk).safeParse(value);
  if (!chunks.success) {
    throw withMessagesFrom('invalid_chunks', chunks.error, 'chunks');
  }
  const content: StreamContent = { markdown: markdownText ?? '', updates: [], blocks: [] };
  for (const chunk of chunks.data) {
    if (chunk.type === 'markdown_text') content.markdown += chunk.text;
    else if (chunk.type === 'blocks') content.blocks.push(...validateBlocks(chunk.blocks));
    else content.updates.push(chunk);
  }
  // The documented 12,000-character limit is per call; chunks count like markdown_text.
  if (content.markdown.length > LIMITS.markdownText) throw new SlackApiError('msg_too_long');
  return content;
}

function addContent(message: FakeMessage, content: StreamContent): void {
  message.text += content.markdown;
  if (content.updates.length > 0) message.streamChunks = [...(message.streamChunks ?? []), ...content.updates];
  if (content.blocks.length > 0) message.blocks = [...(message.blocks ?? []), ...content.blocks];
}

/** The message of a stream still open; Slack's codes for every way it may not be. */
function openStream(ctx: MethodContext, channelArg: string, ts: string, onUserStop: string): { message: FakeMessage; stream: FakeStream } {
  const channel = writableChannel(ctx, channelArg);
  const message = ctx.state.findMessage(channel.id, ts);
  if (!message) throw new SlackApiError('message_not_found');
  const stream = ctx.state.streamFor(channel.id, ts);
  if (!stream) throw new SlackApiError('message_not_in_streaming_state');
  if (stream.ended === 'stopped_by_user') throw new SlackApiError(onUserStop);
  if (stream.ended) throw new SlackApiError('message_not_in_streaming_state');
  return { message, stream };
}

const Start = z.looseObject({
  channel: z.string().min(1),
  thread_ts: z.string().min(1),
  markdown_text: optionalString,
  chunks: z.unknown().optional(),
  recipient_user_id: optionalString,
  recipient_team_id: optionalString,
  task_display_mode: optionalString,
});

const start: MethodHandler = (args, ctx) => {
  const a = parseArgs(Start, args);
  const content = streamContent(a.markdown_text, a.chunks);
  const channel = writableChannel(ctx, a.channel);
  // Outside a DM Slack must know whom the stream is for (it shows the stop button to that person only).
  if (!channel.isIm) {
    if (!a.recipient_user_id) throw new SlackApiError('missing_recipient_user_id');
    if (!a.recipient_team_id) throw new SlackApiError('missing_recipient_team_id');
  }
  if (!ctx.state.findMessage(channel.id, a.thread_ts)) throw new SlackApiError('thread_not_found');
  const message = ctx.state.addMessage({
    channel: channel.id,
    user: ctx.botUserId,
    botId: ctx.state.identity.botId,
    text: content.markdown,
    ...(content.blocks.length > 0 ? { blocks: content.blocks } : {}),
    threadTs: a.thread_ts,
    streaming: true,
  });
  ctx.state.startStream(message, {
    ...(a.recipient_user_id ? { recipientUserId: a.recipient_user_id } : {}),
    ...(a.recipient_team_id ? { recipientTeamId: a.recipient_team_id } : {}),
    ...(a.task_display_mode ? { taskDisplayMode: a.task_display_mode } : {}),
  });
  if (content.updates.length > 0) {
    message.streamChunks = content.updates;
    ctx.state.emit({ type: 'message_changed', message });
  }
  return { channel: channel.id, ts: message.ts };
};

const Append = z.looseObject({
  channel: z.string().min(1),
  ts: z.string().min(1),
  markdown_text: optionalString,
  chunks: z.unknown().optional(),
});

const append: MethodHandler = (args, ctx) => {
  const a = parseArgs(Append, args);
  if (a.markdown_text === undefined && a.chunks === undefined) {
    throw withMessages('invalid_arguments', ['either markdown_text or chunks is required']);
  }
  const content = streamContent(a.markdown_text, a.chunks);
  const { message } = openStream(ctx, a.channel, a.ts, 'stopped_by_user');
  addContent(message, content);
  ctx.state.emit({ type: 'message_changed', message });
  return { channel: message.channel, ts: message.ts };
};

const Stop = z.looseObject({
  channel: z.string().min(1),
  ts: z.string().min(1),
  markdown_text: optionalString,
  chunks: z.unknown().optional(),
  blocks: z.unknown().optional(),
  metadata: z.unknown().optional(),
});

const stop: MethodHandler = (args, ctx) => {
  const a = parseArgs(Stop, args);
  const content = streamContent(a.markdown_text, a.chunks);
  const blocks = a.blocks === undefined ? undefined : validateBlocks(a.blocks);
  const metadata = parseMetadata(a.metadata);
  // A stream the person stopped can no longer be finalized either; Slack's exact code here is not documented.
  const { message, stream } = openStream(ctx, a.channel, a.ts, 'message_not_in_streaming_state');
  addContent(message, content);
  // The stop call's blocks render under the streamed text.
  if (blocks) message.blocks = [...(message.blocks ?? []), ...blocks];
  if (metadata) message.metadata = metadata;
  ctx.state.endStream(stream, 'stopped');
  return { channel: message.channel, ts: message.ts, message: renderMessage(message, { metadata: true }) };
};

export const streamMethods: Record<string, MethodHandler> = {
  'chat.startStream': start,
  'chat.appendStream': append,
  'chat.stopStream': stop,
};

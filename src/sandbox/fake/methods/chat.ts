import { z } from 'zod';
import { boolish, optionalString, parseArgs } from '../args.js';
import { LIMITS, validateBlocks } from '../blocks.js';
import { SlackApiError } from '../errors.js';
import type { FakeChannel, FakeMessage } from '../types.js';
import type { MethodContext, MethodHandler } from './context.js';

/** Text and blocks checks shared by postMessage, update, postEphemeral and response_url posts. */
export function validateContent(
  text: string | undefined,
  blocks: unknown,
  options: { requireContent: boolean },
): unknown[] | undefined {
  const hasText = text !== undefined && text !== '';
  if (options.requireContent && !hasText && blocks === undefined) throw new SlackApiError('no_text');
  if (text !== undefined && text.length > LIMITS.messageText) throw new SlackApiError('msg_too_long');
  return blocks === undefined ? undefined : validateBlocks(blocks);
}

/** Resolves a channel argument (id, user id for a DM, or #name) to a channel the bot can write to. */
export function writableChannel(ctx: MethodContext, channelArg: string): FakeChannel {
  const { state, botUserId } = ctx;
  let channel = state.channels.get(channelArg);
  if (!channel && /^[UW]/.test(channelArg) && state.users.has(channelArg)) channel = state.openIm(channelArg);
  if (!channel) {
    const name = channelArg.replace(/^#/, '');
    channel = [...state.channels.values()].find((c) => !c.isIm && c.name === name);
  }
  if (!channel) throw new SlackApiError('channel_not_found');
  if (!channel.members.has(botUserId)) {
    // Slack hides private channels from non-members entirely; public ones say the bot must join first.
    throw new SlackApiError(channel.isPrivate || channel.isIm ? 'channel_not_found' : 'not_in_channel');
  }
  return channel;
}

/**
 * A message as the Web API returns it: without the channel field or the sandbox's streaming bookkeeping;
 * metadata only when the caller asked for it (include_all_metadata).
 */
export function renderMessage(m: FakeMessage, options: { metadata?: boolean } = {}): Record<string, unknown> {
  const { channel: _channel, metadata, streaming: _streaming, streamChunks: _chunks, ...rest } = m;
  return options.metadata && metadata ? { ...rest, metadata } : { ...rest };
}

const Metadata = z.object({ event_type: z.string().min(1).max(255), event_payload: z.record(z.string(), z.unknown()) });

/** Slack takes `metadata` as a JSON object (a JSON string in form posts) with event_type and event_payload. */
export function parseMetadata(raw: unknown): FakeMessage['metadata'] | undefined {
  if (raw === undefined) return undefined;
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new SlackApiError('invalid_metadata_format');
    }
  }
  const parsed = Metadata.safeParse(value);
  if (!parsed.success) throw new SlackApiError('invalid_metadata_schema');
  return parsed.data;
}

const PostMessage = z.looseObject({
  channel: z.string().min(1),
  text: optionalString,
  blocks: z.unknown().optional(),
  thread_ts: optionalString,
  reply_broadcast: boolish.optional(),
  metadata: z.unknown().optional(),
});

const postMessage: MethodHandler = (args, ctx) => {
  const a = parseArgs(PostMessage, args);
  const metadata = parseMetadata(a.metadata);
  const channel = writableChannel(ctx, a.channel);
  const blocks = validateContent(a.text, a.blocks, { requireContent: true });
  if (a.thread_ts && !ctx.state.findMessage(channel.id, a.thread_ts)) throw new SlackApiError('thread_not_found');
  const message = ctx.state.addMessage({
    channel: channel.id,
    user: ctx.botUserId,
    botId: ctx.state.identity.botId,
    text: a.text ?? '',
    ...(blocks ? { blocks } : {}),
    ...(a.thread_ts ? { threadTs: a.thread_ts } : {}),
    ...(a.reply_broadcast ? { replyBroadcast: true } : {}),
    ...(metadata ? { metadata } : {}),
  });
  return { channel: channel.id, ts: message.ts, message: renderMessage(message, { metadata: true }) };
};

const Update = z.looseObject({
  channel: z.string().min(1),
  ts: z.string().min(1),
  text: optionalString,
  blocks: z.unknown().optional(),
  metadata: z.unknown().optional(),
});

const update: MethodHandler = (args, ctx) => {
  const a = parseArgs(Update, args);
  // Bolt's default assistant context store keeps the thread context as metadata on the root via chat.update.
  const metadata = parseMetadata(a.metadata);
  const channel = writableChannel(ctx, a.channel);
  const existing = ctx.state.findMessage(channel.id, a.ts);
  if (!existing) throw new SlackApiError('message_not_found');
  if (existing.user !== ctx.botUserId) throw new SlackApiError('cant_update_message');
  const blocks = validateContent(a.text, a.blocks, { requireContent: false });
  const message = ctx.state.updateMessage(
    channel.id,
    a.ts,
    { ...(a.text !== undefined ? { text: a.text } : {}), ...(blocks ? { blocks } : {}), ...(metadata ? { metadata } : {}) },
    ctx.botUserId,
  );
  return { channel: channel.id, ts: message.ts, text: message.text, message: renderMessage(message) };
};

const Delete = z.looseObject({ channel: z.string().min(1), ts: z.string().min(1) });

const del: MethodHandler = (args, ctx) => {
  const a = parseArgs(Delete, args);
  const channel = writableChannel(ctx, a.channel);
  const existing = ctx.state.findMessage(channel.id, a.ts);
  if (!existing) throw new SlackApiError('message_not_found');
  if (existing.user !== ctx.botUserId) throw new SlackApiError('cant_delete_message');
  ctx.state.deleteMessage(channel.id, a.ts);
  return { channel: channel.id, ts: a.ts };
};

const PostEphemeral = z.looseObject({
  channel: z.string().min(1),
  user: z.string().min(1),
  text: optionalString,
  blocks: z.unknown().optional(),
  thread_ts: optionalString,
});

const postEphemeral: MethodHandler = (args, ctx) => {
  const a = parseArgs(PostEphemeral, args);
  const channel = writableChannel(ctx, a.channel);
  if (!ctx.state.users.has(a.user)) throw new SlackApiError('user_not_found');
  if (!channel.members.has(a.user)) throw new SlackApiError('user_not_in_channel');
  const blocks = validateContent(a.text, a.blocks, { requireContent: true });
  const ephemeral = ctx.state.addEphemeral({
    channel: channel.id,
    user: a.user,
    text: a.text ?? '',
    via: 'chat.postEphemeral',
    ...(blocks ? { blocks } : {}),
    ...(a.thread_ts ? { thread_ts: a.thread_ts } : {}),
  });
  return { message_ts: ephemeral.ts };
};

const GetPermalink = z.looseObject({ channel: z.string().min(1), message_ts: z.string().min(1) });

const getPermalink: MethodHandler = (args, ctx) => {
  const a = parseArgs(GetPermalink, args);
  const channel = ctx.state.visibleChannel(a.channel, ctx.botUserId);
  const message = ctx.state.findMessage(channel.id, a.message_ts);
  if (!message) throw new SlackApiError('message_not_found');
  const base = `${ctx.origin}/archives/${channel.id}/p${message.ts.replace('.', '')}`;
  const inThread = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  const permalink = inThread ? `${base}?thread_ts=${message.thread_ts}&cid=${channel.id}` : base;
  return { channel: channel.id, permalink };
};

export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.delete': del,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
};

import { z } from 'zod';
import { boolish, optionalString, paginate, parseArgs } from '../args.js';
import { SlackApiError } from '../errors.js';
import { tsValue } from '../ids.js';
import type { FakeChannel } from '../types.js';
import { renderMessage } from './chat.js';
import type { MethodHandler } from './context.js';

/** conversations.info / users.conversations shape; `is_member` is from the bot's point of view. */
export function renderChannel(c: FakeChannel, viewer: string): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: c.id,
    created: c.created,
    is_archived: false,
    is_im: c.isIm,
    is_mpim: false,
    is_private: c.isPrivate || c.isIm,
    is_org_shared: false,
    is_ext_shared: false,
  };
  if (c.isIm) return { ...base, user: c.imUser, is_user_deleted: false };
  return {
    ...base,
    name: c.name,
    name_normalized: c.name,
    is_channel: !c.isPrivate,
    is_group: c.isPrivate,
    is_general: c.name === 'general',
    is_member: c.members.has(viewer),
    num_members: c.members.size,
  };
}

const ChannelArg = z.looseObject({ channel: z.string().min(1) });

const info: MethodHandler = (args, ctx) => {
  const a = parseArgs(ChannelArg, args);
  const channel = ctx.state.visibleChannel(a.channel, ctx.botUserId);
  return { channel: renderChannel(channel, ctx.botUserId) };
};

const Members = z.looseObject({ channel: z.string().min(1), cursor: optionalString, limit: optionalString });

const members: MethodHandler = (args, ctx) => {
  const a = parseArgs(Members, args);
  const channel = ctx.state.visibleChannel(a.channel, ctx.botUserId);
  const { page, nextCursor } = paginate([...channel.members], a.cursor, a.limit);
  return { members: page, response_metadata: { next_cursor: nextCursor } };
};

const Replies = z.looseObject({
  channel: z.string().min(1),
  ts: z.string().min(1),
  cursor: optionalString,
  limit: optionalString,
  oldest: optionalString,
  latest: optionalString,
  inclusive: boolish.optional(),
  include_all_metadata: boolish.optional(),
});

const replies: MethodHandler = (args, ctx) => {
  const a = parseArgs(Replies, args);
  const channel = ctx.state.visibleChannel(a.channel, ctx.botUserId);
  const target = ctx.state.findMessage(channel.id, a.ts);
  if (!target) throw new SlackApiError('thread_not_found');
  const root = target.thread_ts ?? target.ts;
  const inRange = (ts: string) =>
    (a.oldest === undefined || (a.inclusive ? tsValue(ts) >= tsValue(a.oldest) : tsValue(ts) > tsValue(a.oldest))) &&
    (a.latest === undefined || (a.inclusive ? tsValue(ts) <= tsValue(a.latest) : tsValue(ts) < tsValue(a.latest)));
  const thread = ctx.state.messages(channel.id, { threadTs: root }).filter((m) => m.ts === root || inRange(m.ts));
  const { page, nextCursor } = paginate(thread, a.cursor, a.limit, 1000);
  return {
    messages: page.map((m) => renderMessage(m, { metadata: Boolean(a.include_all_metadata) })),
    has_more: nextCursor !== '',
    response_metadata: { next_cursor: nextCursor },
  };
};

const History = z.looseObject({ channel: z.string().min(1), cursor: optionalString, limit: optionalString });

/** Newest first, top-level messages only, as Slack returns them. */
const history: MethodHandler = (args, ctx) => {
  const a = parseArgs(History, args);
  const channel = ctx.state.visibleChannel(a.channel, ctx.botUserId);
  const list = ctx.state.messages(channel.id).slice().reverse();
  const { page, nextCursor } = paginate(list, a.cursor, a.limit);
  return { messages: page.map((m) => renderMessage(m)), has_more: nextCursor !== '', response_metadata: { next_cursor: nextCursor } };
};

const join: MethodHandler = (args, ctx) => {
  const a = parseArgs(ChannelArg, args);
  const channel = ctx.state.channels.get(a.channel);
  if (!channel || (channel.isPrivate && !channel.members.has(ctx.botUserId))) throw new SlackApiError('channel_not_found');
  if (channel.isPrivate || channel.isIm) throw new SlackApiError('method_not_supported_for_channel_type');
  const already = channel.members.has(ctx.botUserId);
  channel.members.add(ctx.botUserId);
  return {
    channel: renderChannel(channel, ctx.botUserId),
    ...(already ? { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } } : {}),
  };
};

const Open = z.looseObject({ users: z.string().min(1) });

const open: MethodHandler = (args, ctx) => {
  const a = parseArgs(Open, args);
  const ids = a.users.split(',').map((s) => s.trim());
  const [user] = ids;
  if (ids.length !== 1 || !user) throw new SlackApiError('not_implemented', { detail: 'the fake opens 1:1 IMs only' });
  if (!ctx.state.users.has(user)) throw new SlackApiError('user_not_found');
  return { channel: { id: ctx.state.openIm(user).id } };
};

export const conversationMethods: Record<string, MethodHandler> = {
  'conversations.info': info,
  'conversations.members': members,
  'conversations.replies': replies,
  'conversations.history': history,
  'conversations.join': join,
  'conversations.open': open,
};

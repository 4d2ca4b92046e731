import { z } from 'zod';
import { boolish, optionalString, paginate, parseArgs } from '../args.js';
import { SlackApiError } from '../errors.js';
import type { FakeUser } from '../types.js';
import type { MethodHandler } from './context.js';
import { renderChannel } from './conversations.js';

export function renderUser(u: FakeUser): Record<string, unknown> {
  return {
    id: u.id,
    team_id: u.teamId,
    name: u.name,
    real_name: u.realName,
    deleted: false,
    is_bot: u.isBot,
    is_admin: false,
    tz: 'UTC',
    profile: { real_name: u.realName, display_name: u.name, team: u.teamId },
  };
}

const authTest: MethodHandler = (_args, ctx) => {
  const { identity } = ctx.state;
  return {
    url: `${ctx.origin}/`,
    team: identity.teamDomain,
    user: ctx.state.users.get(ctx.botUserId)?.name ?? 'bot',
    team_id: identity.teamId,
    user_id: ctx.botUserId,
    bot_id: identity.botId,
    is_enterprise_install: false,
  };
};

const Info = z.looseObject({ user: z.string().min(1) });

const info: MethodHandler = (args, ctx) => {
  const a = parseArgs(Info, args);
  const user = ctx.state.users.get(a.user);
  if (!user) throw new SlackApiError('user_not_found');
  return { user: renderUser(user) };
};

const TYPES = ['public_channel', 'private_channel', 'mpim', 'im'] as const;

const Conversations = z.looseObject({
  user: optionalString,
  types: optionalString,
  exclude_archived: boolish.optional(),
  cursor: optionalString,
  limit: optionalString,
});

/** The conversations a user belongs to, filtered by type: how the bot checks private-channel visibility. */
const conversations: MethodHandler = (args, ctx) => {
  const a = parseArgs(Conversations, args);
  const userId = a.user ?? ctx.botUserId;
  if (!ctx.state.users.has(userId)) throw new SlackApiError('user_not_found');
  const types = new Set((a.types ?? 'public_channel').split(',').map((t) => t.trim()));
  for (const t of types) if (!(TYPES as readonly string[]).includes(t)) throw new SlackApiError('invalid_types');
  const list = [...ctx.state.channels.values()].filter((c) => {
    if (!c.members.has(userId)) return false;
    // A bot token only sees private channels and IMs it is itself part of.
    if ((c.isPrivate || c.isIm) && !c.members.has(ctx.botUserId)) return false;
    if (c.isIm) return types.has('im');
    return types.has(c.isPrivate ? 'private_channel' : 'public_channel');
  });
  const { page, nextCursor } = paginate(list, a.cursor, a.limit);
  return { channels: page.map((c) => renderChannel(c, ctx.botUserId)), response_metadata: { next_cursor: nextCursor } };
};

export const userMethods: Record<string, MethodHandler> = {
  'auth.test': authTest,
  'users.info': info,
  'users.conversations': conversations,
};

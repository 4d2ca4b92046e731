import { z } from 'zod';
import { SlackApiError } from './errors.js';
import { validateContent } from './methods/chat.js';
import type { SlackState } from './state.js';
import type { ResponseUrlPost } from './types.js';

const Body = z.looseObject({
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
  replace_original: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  delete_original: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  thread_ts: z.string().optional(),
});

const truthy = (v: unknown) => v === true || v === 'true';

/**
 * A post to a response_url the driver handed out, rendered as Slack would: ephemeral to the caller by default,
 * into the channel with response_type in_channel, or replacing/deleting the message a button sat on.
 */
export function handleResponseUrlPost(state: SlackState, id: string, raw: Record<string, unknown>): ResponseUrlPost {
  const context = state.responseUrlContext(id);
  const post: ResponseUrlPost = { id, at: Date.now(), body: raw, ...(context ? { context } : {}) };
  state.responseUrlPosts.push(post);
  state.emit({ type: 'response_url', post });
  if (!context) throw new SlackApiError('expired_url');
  const parsed = Body.safeParse(raw);
  if (!parsed.success) throw new SlackApiError('invalid_payload');
  const body = parsed.data;
  const { botUserId, botId } = state.identity;
  if (truthy(body.delete_original)) {
    if (context.messageTs) state.deleteMessage(context.channel, context.messageTs);
    return post;
  }
  const blocks = validateContent(body.text, body.blocks, { requireContent: true });
  const threadTs = body.thread_ts ?? context.threadTs;
  if (truthy(body.replace_original) && context.messageTs) {
    state.updateMessage(
      context.channel,
      context.messageTs,
      { text: body.text ?? '', ...(blocks ? { blocks } : {}) },
      botUserId,
    );
  } else if (body.response_type === 'in_channel') {
    state.addMessage({
      channel: context.channel,
      user: botUserId,
      botId,
      text: body.text ?? '',
      ...(blocks ? { blocks } : {}),
      ...(threadTs ? { threadTs } : {}),
    });
  } else {
    state.addEphemeral({
      channel: context.channel,
      user: context.user,
      text: body.text ?? '',
      via: 'response_url',
      ...(blocks ? { blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
  }
  return post;
}

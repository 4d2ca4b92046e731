import { z } from 'zod';
import { parseArgs, withMessagesFrom } from '../args.js';
import { SlackApiError } from '../errors.js';
import type { FakeAssistantThread } from '../types.js';
import type { MethodContext, MethodHandler } from './context.js';

/**
 * assistant.threads.setStatus / setSuggestedPrompts / setTitle
 * (https://docs.slack.dev/reference/methods/assistant.threads.setStatus). They act on the app's assistant threads:
 * threads in the IM between a person and the bot.
 */

/** Form posts carry arrays as JSON strings (parsed by parseBody); anything unparsable stays a string and fails zod. */
function parseList<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw withMessagesFrom('invalid_arguments', parsed.error, field);
  return parsed.data;
}

/** The assistant thread a call names; one the driver did not open (a plain DM thread) is adopted on first use. */
function threadOf(ctx: MethodContext, channelId: string, threadTs: string): FakeAssistantThread {
  const channel = ctx.state.channels.get(channelId);
  if (!channel?.isIm || !channel.members.has(ctx.botUserId)) throw new SlackApiError('channel_not_found');
  const message = ctx.state.findMessage(channel.id, threadTs);
  // Slack's documented error for a thread that does not exist (detail as in Slack's example response).
  if (!message) throw new SlackApiError('invalid_thread_ts', { detail: 'Thread not found' });
  const rootTs = message.thread_ts ?? message.ts;
  return (
    ctx.state.assistantThread(channel.id, rootTs) ?? {
      channel: channel.id,
      threadTs: rootTs,
      userId: channel.imUser ?? '',
      status: '',
      loadingMessages: [],
      prompts: [],
      context: {},
    }
  );
}

const SetStatus = z.looseObject({
  channel_id: z.string().min(1),
  thread_ts: z.string().min(1),
  status: z.string(),
  loading_messages: z.unknown().optional(),
});

const setStatus: MethodHandler = (args, ctx) => {
  const a = parseArgs(SetStatus, args);
  const loading =
    a.loading_messages === undefined ? [] : parseList(z.array(z.string().min(1)).max(10), a.loading_messages, 'loading_messages');
  const thread = threadOf(ctx, a.channel_id, a.thread_ts);
  thread.status = a.status;
  // An empty status clears the indicator, rotating messages included.
  thread.loadingMessages = a.status === '' ? [] : loading;
  ctx.state.saveAssistantThread(thread);
  return {};
};

const Prompt = z.object({ title: z.string().min(1), message: z.string().min(1) });

const SetSuggestedPrompts = z.looseObject({
  channel_id: z.string().min(1),
  thread_ts: z.string().min(1),
  prompts: z.unknown(),
  title: z.string().optional(),
});

const setSuggestedPrompts: MethodHandler = (args, ctx) => {
  const a = parseArgs(SetSuggestedPrompts, args);
  const prompts = parseList(z.array(Prompt).min(1).max(4), a.prompts, 'prompts');
  const thread = threadOf(ctx, a.channel_id, a.thread_ts);
  thread.prompts = prompts;
  if (a.title !== undefined && a.title !== '') thread.promptsTitle = a.title;
  else delete thread.promptsTitle;
  ctx.state.saveAssistantThread(thread);
  return {};
};

const SetTitle = z.looseObject({ channel_id: z.string().min(1), thread_ts: z.string().min(1), title: z.string().min(1) });

const setTitle: MethodHandler = (args, ctx) => {
  const a = parseArgs(SetTitle, args);
  const thread = threadOf(ctx, a.channel_id, a.thread_ts);
  thread.title = a.title;
  ctx.state.saveAssistantThread(thread);
  return {};
};

export const assistantMethods: Record<string, MethodHandler> = {
  'assistant.threads.setStatus': setStatus,
  'assistant.threads.setSuggestedPrompts': setSuggestedPrompts,
  'assistant.threads.setTitle': setTitle,
};

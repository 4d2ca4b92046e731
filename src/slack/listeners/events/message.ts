import type { App } from '@slack/bolt';
import { z } from 'zod';
import { helpMessage } from '../../blocks/index.js';
import type { SlackDeps } from '../../deps.js';

/**
 * The fields of a person's reply in a thread that we read; anything else about the payload is not our business.
 * Also what the assistant panel reads of a message in its threads.
 */
export const ThreadReply = z.object({
  type: z.literal('message'),
  channel: z.string().min(1),
  user: z.string().min(1),
  text: z.string().max(40_000),
  ts: z.string().min(1),
  thread_ts: z.string().min(1),
  subtype: z.undefined().optional(),
  bot_id: z.undefined().optional(),
});

/** A person writing to the bot in its Messages tab (not in a thread). */
const DirectMessage = z.object({
  type: z.literal('message'),
  channel: z.string().min(1),
  channel_type: z.literal('im'),
  user: z.string().min(1),
  ts: z.string().min(1),
  thread_ts: z.undefined().optional(),
  subtype: z.undefined().optional(),
  bot_id: z.undefined().optional(),
});

export function register(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body, context, logger, client }) => {
    const direct = DirectMessage.safeParse(event);
    if (direct.success && direct.data.user !== context.botUserId) {
      const eventId = (body as { event_id?: string }).event_id;
      if (!eventId || !(await deps.store.claimOnce(`event:${eventId}`))) return;
      // Designs live in channel threads so the team can follow them; here we only explain how to start one.
      const help = helpMessage();
      const note = 'I design integrations in channel threads, where your team can follow and iterate. Invite me to a channel with `/invite @Integration Architect`, then:';
      await client.chat.postMessage({
        channel: direct.data.channel,
        text: `${note} ${help.text}`,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: note } }, ...help.blocks] as never,
      });
      return;
    }

    // Edits, deletions, joins, bot posts and top-level messages are not thread replies to us.
    const parsed = ThreadReply.safeParse(event);
    if (!parsed.success) return;
    const reply = parsed.data;
    if (reply.thread_ts === reply.ts || reply.user === context.botUserId) return;

    const teamId = context.teamId ?? (body as { team_id?: string }).team_id;
    const eventId = (body as { event_id?: string }).event_id;
    if (!teamId || !eventId) return;
    if (!(await deps.store.claimOnce(`event:${eventId}`))) {
      deps.metrics.slackDeliveries.inc({ kind: 'message', outcome: 'duplicate' });
      logger.info('duplicate event delivery ignored');
      return;
    }
    deps.metrics.slackDeliveries.inc({ kind: 'message', outcome: 'processed' });
    await deps.conversations.reply({
      teamId,
      channelId: reply.channel,
      threadTs: reply.thread_ts,
      ts: reply.ts,
      userId: reply.user,
      text: reply.text,
    });
  });
}

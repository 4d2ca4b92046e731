import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { SlackDeps } from '../../deps.js';

/** The fields of a message event we read; anything else about the payload is not our business. */
const ThreadReply = z.object({
  type: z.literal('message'),
  channel: z.string().min(1),
  user: z.string().min(1),
  text: z.string().max(40_000),
  ts: z.string().min(1),
  thread_ts: z.string().min(1),
  subtype: z.undefined().optional(),
  bot_id: z.undefined().optional(),
});

export function register(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body, context, logger }) => {
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

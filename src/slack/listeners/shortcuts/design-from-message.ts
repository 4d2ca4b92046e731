import type { App, MessageShortcut } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { neutralizeMentions } from '../../format.js';
import { channelProblem } from '../commands/integration-design.js';

export const DESIGN_FROM_MESSAGE_CALLBACK_ID = 'design_from_message';

/**
 * The message shortcut "Design an integration from this message": the message's text is the request, and the
 * design happens in that message's thread (a reply's shortcut uses the thread it is in), so the discussion that
 * prompted it and the design stay together. Same interview, engine, revisions and storage as the slash command.
 */
export function register(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>({ callback_id: DESIGN_FROM_MESSAGE_CALLBACK_ID, type: 'message_action' }, async ({ ack, shortcut, client, respond }) => {
    await ack();
    const teamId = shortcut.team?.id;
    const text = (shortcut.message.text ?? '').trim();
    if (!teamId) return;
    if (!text) {
      await respond({ response_type: 'ephemeral', text: 'That message has no text to design from. Use the shortcut on a message that describes the integration.' });
      return;
    }
    const wait = deps.startLimiter.take(`${teamId}:${shortcut.user.id}`);
    if (wait > 0) {
      await respond({ response_type: 'ephemeral', text: ':hourglass: You have started a lot of designs in the last hour; try again a little later.' });
      return;
    }
    const where = await channelProblem(client, shortcut.channel.id);
    if ('problem' in where) {
      await respond({ response_type: 'ephemeral', text: where.problem });
      return;
    }
    const threadTs = shortcut.message.thread_ts ?? shortcut.message.ts;
    if (await deps.store.findConversationByThread(teamId, shortcut.channel.id, threadTs)) {
      await respond({ response_type: 'ephemeral', text: 'This thread already has a design: reply in it to change the design.' });
      return;
    }
    await client.chat.postMessage({
      channel: shortcut.channel.id,
      thread_ts: threadTs,
      text: `:building_construction: Integration design for <@${shortcut.user.id}>, from this message. I'll ask here for anything it doesn't say.`,
      unfurl_links: false,
    });
    await deps.conversations.start({
      teamId,
      channelId: shortcut.channel.id,
      threadTs,
      userId: shortcut.user.id,
      channelIsPrivate: where.isPrivate,
      text: neutralizeMentions(text),
    });
  });
}

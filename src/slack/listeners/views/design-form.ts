import type { App } from '@slack/bolt';
import { parseDesignForm } from '../../blocks/index.js';
import type { SlackDeps } from '../../deps.js';
import { neutralizeMentions } from '../../format.js';
import { summarizeFlows } from '../../../architect/inputs.js';
import { NEW_DESIGN_PREFIX } from '../actions/open-form.js';
import { slowDownMessage } from '../commands/integration-design.js';

export function register(app: App, deps: SlackDeps): void {
  app.view('design_form', async ({ ack, view, body, client, logger }) => {
    const parsed = parseDesignForm(view.state.values);
    if ('errors' in parsed) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack();
    const teamId = body.team?.id ?? view.team_id;
    const meta = view.private_metadata;
    if (meta.startsWith(NEW_DESIGN_PREFIX)) {
      const channelId = meta.slice(NEW_DESIGN_PREFIX.length);
      const wait = deps.startLimiter.take(`${teamId}:${body.user.id}`);
      if (wait > 0) {
        await client.chat.postEphemeral({ channel: channelId, user: body.user.id, text: slowDownMessage(wait) }).catch(() => undefined);
        return;
      }
      try {
        const info = await client.conversations.info({ channel: channelId });
        const root = await client.chat.postMessage({
          channel: channelId,
          text: `:building_construction: Integration design for <@${body.user.id}>: ${neutralizeMentions(summarizeFlows(parsed.inputs))}`,
        });
        await deps.conversations.start({
          teamId,
          channelId,
          threadTs: root.ts!,
          userId: body.user.id,
          channelIsPrivate: Boolean(info.channel?.is_private),
          text: '',
          inputs: parsed.inputs,
        });
      } catch (error) {
        logger.warn(`could not start a design from the form: ${(error as Error).message}`);
        await client.chat
          .postEphemeral({
            channel: channelId,
            user: body.user.id,
            text: "I couldn't post in that channel. Invite me with `/invite @Integration Architect` and submit the form again.",
          })
          .catch(() => undefined);
      }
      return;
    }
    const conversation = await deps.store.getConversation(meta);
    if (!conversation || conversation.teamId !== teamId) return;
    await deps.conversations.submitForm(conversation.id, parsed.inputs, `form:${view.id}:${view.hash}`);
  });
}

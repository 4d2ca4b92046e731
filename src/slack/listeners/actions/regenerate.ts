import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>('regenerate', async ({ ack, action, body }) => {
    await ack();
    const conversation = await deps.store.getConversation(action.value ?? '');
    if (!conversation || conversation.teamId !== body.team?.id) return;
    // Regenerating twice from one click (Slack retries) is harmless: the job is keyed by revision number.
    await deps.conversations.regenerate(conversation.id);
  });
}

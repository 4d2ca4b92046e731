import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>('regenerate', async ({ ack, action, body }) => {
    await ack();
    const conversation = await deps.store.getConversation(action.value ?? '');
    if (!conversation || conversation.teamId !== body.team?.id) return;
    // One click is one job (keyed by the click's action_ts); a later click after a failure is a new job.
    await deps.conversations.regenerate(conversation.id, `regen:${action.action_ts}`);
  });
}

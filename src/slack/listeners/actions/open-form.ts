import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { designFormView } from '../../blocks/index.js';
import type { SlackDeps } from '../../deps.js';

/** private_metadata of a form that will start a new design in a channel rather than edit an existing one. */
export const NEW_DESIGN_PREFIX = 'new:';

export async function openNewDesignForm(client: WebClient, triggerId: string, channelId: string): Promise<void> {
  const view = designFormView({ conversationId: `${NEW_DESIGN_PREFIX}${channelId}`, inputs: {} });
  await client.views.open({ trigger_id: triggerId, view: view as never });
}

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>('open_form', async ({ ack, action, body, client }) => {
    await ack();
    const conversation = await deps.store.getConversation(action.value ?? '');
    if (!conversation || conversation.teamId !== body.team?.id) return;
    const view = designFormView({ conversationId: conversation.id, inputs: conversation.inputs });
    await client.views.open({ trigger_id: body.trigger_id, view: view as never });
  });
}

import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import type { SlackDeps } from '../../deps.js';
import { searchAsCaller } from '../search.js';

const PageValue = z.object({ query: z.string().min(1).max(1900), offset: z.number().int().min(0).max(10_000) });

/** "Next page" on ephemeral search results: the same search, as the same caller, at another offset. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>('search_page', async ({ ack, action, body, client, respond }) => {
    await ack();
    let value;
    try {
      value = PageValue.parse(JSON.parse(action.value ?? ''));
    } catch {
      return; // not a value we produced
    }
    const teamId = body.team?.id;
    // A page button only ever sits on an ephemeral message, which always comes with a response_url.
    if (!teamId || !body.response_url) return;
    const message = await searchAsCaller({ client, deps, teamId, userId: body.user.id, rawQuery: value.query, offset: value.offset });
    await respond({ response_type: 'ephemeral', replace_original: true, ...message });
  });
}

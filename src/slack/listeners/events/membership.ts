import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { publishHome } from '../../home.js';

/**
 * Someone joined or left a channel the bot is in: what they may see changes now, not when the visibility cache
 * expires. Search asks Slack afresh on their next query, and their App Home is republished without the designs
 * of a private channel they just left.
 */
export function register(app: App, deps: SlackDeps): void {
  for (const name of ['member_left_channel', 'member_joined_channel'] as const) {
    app.event(name, async ({ event, context, client }) => {
      const teamId = context.teamId ?? event.team;
      if (!teamId || typeof event.user !== 'string') return;
      deps.visibility.forget(teamId, event.user);
      if (name === 'member_left_channel') await publishHome(client, deps, teamId, event.user);
    });
  }
}

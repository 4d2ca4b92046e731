import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { publishHome } from '../../home.js';

export function register(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, context, client }) => {
    if (event.tab && event.tab !== 'home') return;
    if (!context.teamId) return;
    await publishHome(client, deps, context.teamId, event.user);
  });
}

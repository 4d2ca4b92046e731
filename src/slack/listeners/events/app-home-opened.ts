import type { App } from '@slack/bolt';
import { homeView } from '../../blocks/index.js';
import type { SlackDeps } from '../../deps.js';

export function register(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, context, client }) => {
    if (event.tab && event.tab !== 'home') return;
    const teamId = context.teamId;
    if (!teamId) return;
    const recent = await deps.directory.listRecent({ teamId, userId: event.user, limit: 10 });
    const items = await Promise.all(
      recent.map(async (r) => ({
        title: r.title ?? 'Design in progress',
        createdAt: r.updatedAt,
        revision: r.revision ?? 0,
        status: r.status,
        permalink: await client.chat
          .getPermalink({ channel: r.channelId, message_ts: r.threadTs })
          .then((p) => p.permalink)
          .catch(() => undefined),
      })),
    ).then((list) => list.map(({ permalink, ...rest }) => ({ ...rest, ...(permalink ? { permalink } : {}) })));
    await client.views.publish({ user_id: event.user, view: homeView({ recent: items }) as never });
  });
}

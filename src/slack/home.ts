import type { WebClient } from '@slack/web-api';
import { homeView } from './blocks/index.js';
import type { DesignDirectory } from './deps.js';

/** Publishes a user's App Home: their recent designs with links to the threads, and how to start one. */
export async function publishHome(client: WebClient, directory: DesignDirectory, teamId: string, userId: string): Promise<void> {
  const recent = await directory.listRecent({ teamId, userId, limit: 10 });
  const items = await Promise.all(
    recent.map(async (r) => {
      const permalink = await client.chat
        .getPermalink({ channel: r.channelId, message_ts: r.threadTs })
        .then((p) => p.permalink)
        .catch(() => undefined); // a missing link is not worth a stale Home
      return {
        title: r.title ?? 'Design in progress',
        createdAt: r.updatedAt,
        revision: r.revision ?? 0,
        status: r.status,
        ...(permalink ? { permalink } : {}),
      };
    }),
  );
  await client.views.publish({ user_id: userId, view: homeView({ recent: items }) as never });
}

import type { WebClient } from '@slack/web-api';
import { homeView, type RecentDesign as RecentDesignItem } from './blocks/index.js';
import type { DesignDirectory } from './deps.js';
import { withPermalink } from './permalinks.js';

/** A user's recent designs as the blocks show them (App Home and `/integration-design list`). */
export async function recentDesignItems(client: WebClient, directory: DesignDirectory, teamId: string, userId: string): Promise<RecentDesignItem[]> {
  const recent = await directory.listRecent({ teamId, userId, limit: 10 });
  return Promise.all(
    recent.map(async (r) => {
      const { permalink } = await withPermalink(client, r);
      return {
        title: r.title ?? 'Design in progress',
        createdAt: r.updatedAt,
        revision: r.revision ?? 0,
        status: r.status,
        ...(permalink ? { permalink } : {}),
      };
    }),
  );
}

/** Publishes a user's App Home: their recent designs with links to the threads, and how to start one. */
export async function publishHome(client: WebClient, directory: DesignDirectory, teamId: string, userId: string): Promise<void> {
  const recent = await recentDesignItems(client, directory, teamId, userId);
  await client.views.publish({ user_id: userId, view: homeView({ recent }) as never });
}

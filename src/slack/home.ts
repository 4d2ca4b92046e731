import type { WebClient } from '@slack/web-api';
import { homeView, type RecentDesign as RecentDesignItem } from './blocks/index.js';
import type { DesignDirectory, FeedbackStore } from './deps.js';
import { withPermalink } from './permalinks.js';
import type { VisibilityResolver } from './visibility.js';
import type { PostLedger } from '../conversation/ports.js';
import { canvasIdOf, canvasUrl } from './canvas.js';

export interface HomeDeps {
  directory: DesignDirectory;
  visibility: VisibilityResolver;
  /** Where each design's canvas id is kept. */
  ledger: Pick<PostLedger, 'postedParts'>;
  /** Votes per design. */
  feedback: Pick<FeedbackStore, 'tallies'>;
}

/**
 * A user's recent designs as the blocks show them (App Home and `/integration-design list`), by the same rule as
 * search: designs from private channels only while the user is still in them.
 */
export async function recentDesignItems(client: WebClient, deps: HomeDeps, teamId: string, userId: string): Promise<RecentDesignItem[]> {
  const visiblePrivateChannelIds = await deps.visibility.privateChannelIds(client, teamId, userId);
  const recent = await deps.directory.listRecent({ teamId, userId, visiblePrivateChannelIds, limit: 10 });
  const votes = await deps.feedback.tallies(recent.map((r) => r.conversationId));
  return Promise.all(
    recent.map(async (r) => {
      const { permalink } = await withPermalink(client, r);
      const canvasId = await canvasIdOf(deps.ledger, r.conversationId);
      const tally = votes.get(r.conversationId);
      return {
        ...(canvasId ? { canvasUrl: canvasUrl(teamId, canvasId) } : {}),
        ...(tally ? { feedback: tally } : {}),
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
export async function publishHome(client: WebClient, deps: HomeDeps, teamId: string, userId: string): Promise<void> {
  const recent = await recentDesignItems(client, deps, teamId, userId);
  await client.views.publish({ user_id: userId, view: homeView({ recent }) as never });
}

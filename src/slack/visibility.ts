import type { WebClient } from '@slack/web-api';

/**
 * Which private conversations a user is in, so search can include designs made there. Asked of Slack
 * (users.conversations), cached briefly per workspace and user: membership changes rarely, searches come in bursts.
 */
export function createVisibilityResolver(options: { ttlMs?: number; now?: () => number } = {}) {
  const ttl = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; ids: string[] }>();

  return {
    async privateChannelIds(client: WebClient, teamId: string, userId: string): Promise<string[]> {
      const key = `${teamId}:${userId}`;
      const hit = cache.get(key);
      if (hit && now() - hit.at < ttl) return hit.ids;
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const res = await client.users.conversations({
          user: userId,
          types: 'private_channel,mpim,im',
          exclude_archived: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        for (const c of res.channels ?? []) if (c.id) ids.push(c.id);
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      cache.set(key, { at: now(), ids });
      return ids;
    },
    forget(teamId: string, userId: string): void {
      cache.delete(`${teamId}:${userId}`);
    },
  };
}

export type VisibilityResolver = ReturnType<typeof createVisibilityResolver>;

import type { WebClient } from '@slack/web-api';

/**
 * Adds the thread's permalink to an item. A link Slack cannot give is left out rather than failing the whole
 * answer (search results, the recent-designs list and App Home all degrade to unlinked titles).
 */
export async function withPermalink<T extends { channelId: string; threadTs: string }>(
  client: WebClient,
  item: T,
): Promise<T & { permalink?: string }> {
  const permalink = await client.chat
    .getPermalink({ channel: item.channelId, message_ts: item.threadTs })
    .then((p) => p.permalink)
    .catch(() => undefined);
  return permalink ? { ...item, permalink } : item;
}

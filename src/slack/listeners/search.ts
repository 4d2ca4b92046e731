import type { WebClient } from '@slack/web-api';
import { searchResultsMessage, type SlackMessage } from '../blocks/index.js';
import { parseCommandText } from '../command-text.js';
import type { SlackDeps } from '../deps.js';
import { withPermalink } from '../permalinks.js';

export const SEARCH_PAGE_SIZE = 10;

/**
 * Runs a search as the caller: their workspace, plus the private channels Slack says they are in.
 * `rawQuery` is what followed `search` (filters included), so a page button can repeat it exactly.
 */
export async function searchAsCaller(
  params: { client: WebClient; deps: SlackDeps; teamId: string; userId: string; rawQuery: string; offset: number },
): Promise<SlackMessage> {
  const { client, deps } = params;
  const parsed = parseCommandText(`search ${params.rawQuery}`);
  if (parsed.kind !== 'search' || !parsed.query) {
    return { text: 'Tell me what to look for, e.g. `/integration-design search stripe -refund "dead letter"`.', blocks: [] };
  }
  const visible = await deps.visibility.privateChannelIds(client, params.teamId, params.userId);
  try {
    const found = await deps.directory.search({
      teamId: params.teamId,
      query: parsed.query,
      visiblePrivateChannelIds: visible,
      filters: parsed.filters,
      limit: SEARCH_PAGE_SIZE,
      offset: params.offset,
    });
    const results = await Promise.all(found.results.map((r) => withPermalink(client, r)));
    return searchResultsMessage({ query: params.rawQuery, results, total: found.total, capped: found.capped, offset: params.offset });
  } catch (error) {
    if ((error as Error).name === 'SearchValidationError') return { text: `:mag: ${(error as Error).message}`, blocks: [] };
    if ((error as Error).name === 'SearchTimeoutError') {
      return {
        text: ':mag: That search took too long and was stopped. Quoted phrases of common words are the slowest: try it without the quotes, with rarer words, or with `system:` or `after:`.',
        blocks: [],
      };
    }
    throw error;
  }
}

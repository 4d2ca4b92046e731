import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { SearchTimeoutError } from '../../src/db/errors.js';
import type { SlackDeps } from '../../src/slack/deps.js';
import { searchAsCaller } from '../../src/slack/listeners/search.js';

function depsWith(search: SlackDeps['directory']['search']): SlackDeps {
  return {
    directory: { search, listRecent: async () => [] },
    visibility: { privateChannelIds: async () => [] },
  } as unknown as SlackDeps;
}

const ask = (deps: SlackDeps, rawQuery: string) =>
  searchAsCaller({ client: {} as WebClient, deps, teamId: 'T1', userId: 'U1', rawQuery, offset: 0 });

describe('searchAsCaller', () => {
  it('tells the person a search was stopped for taking too long, and how to narrow it', async () => {
    const reply = await ask(
      depsWith(async () => {
        throw new SearchTimeoutError(5_000);
      }),
      '"retry budget"',
    );
    expect(reply.text).toMatch(/took too long and was stopped/);
    expect(reply.text).toMatch(/without the quotes/);
  });

  it('lets other failures through', async () => {
    const failing = depsWith(async () => {
      throw new Error('connection reset');
    });
    await expect(ask(failing, 'stripe')).rejects.toThrow('connection reset');
  });
});

import type { KnownApi } from './types.js';

/** An entry as written in the data files; `sources` is derived so it can never miss a cited URL. */
export type KnownApiEntry = Omit<KnownApi, 'sources'> & { extraSources?: string[] };

export function defineApi(entry: KnownApiEntry): KnownApi {
  const { extraSources = [], ...api } = entry;
  const cited = [
    api.auth?.source,
    ...api.rateLimits.map((r) => r.source),
    api.rateLimitExceeded?.source,
    api.webhooks.source,
    api.idempotency.source,
    ...extraSources,
  ];
  const sources = [...new Set(cited.filter((s): s is string => typeof s === 'string' && s.length > 0))];
  return { ...api, sources };
}

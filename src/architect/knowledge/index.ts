/** The provider knowledge model: one catalog of typed, sourced facts, and the lookups over it. */
export { catalog, providerById, parseProvider, CatalogError } from './catalog.js';
export { COMMON_WORD_ALIASES, findProvider, inferKind, isOrdinaryPhrase, isOwnedKind, maxAliasWords, nameTokens, providerByAlias, providerByHost, providerByMisspelling } from './lookup.js';
export type { Auth, Delivery, Limit, Provider, ProviderEntry, Push, Signature, SystemKind } from './schema.js';

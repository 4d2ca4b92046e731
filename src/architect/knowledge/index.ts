export { COMMON_WORD_ALIASES, KNOWN_APIS, findKnownApi, knownApiByAlias, maxAliasWords, nameTokens } from './apis.js';
export type {
  ApiCategory,
  AuthFacts,
  AuthKind,
  AuthMethod,
  IdempotencyFacts,
  KnownApi,
  RateLimitFact,
  RateLimitResponse,
  WebhookFacts,
} from './types.js';

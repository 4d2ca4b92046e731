/**
 * Shape of the curated known-API catalog. Every fact is our own short wording of a researched fact and
 * carries the URL it came from; `null` means the research did not confirm it (never a guess).
 */

export type ApiCategory =
  | 'payments'
  | 'crm'
  | 'ecommerce'
  | 'accounting'
  | 'erp'
  | 'hr'
  | 'marketing'
  | 'cdp'
  | 'support'
  | 'messaging'
  | 'email'
  | 'communications'
  | 'productivity'
  | 'identity'
  | 'devtools'
  | 'itsm'
  | 'observability'
  | 'documents'
  | 'storage';

/** oauth2: any OAuth 2.0 grant; jwt-bearer: signed-JWT server-to-server grant; access-token: static token. */
export type AuthKind = 'oauth2' | 'jwt-bearer' | 'api-key' | 'basic' | 'access-token' | 'app';

export interface AuthMethod {
  kind: AuthKind;
  detail: string;
}

export interface AuthFacts {
  methods: AuthMethod[];
  tokenLifetime: string | null;
  refreshTokenRotation: string | null;
  /** Other things an integrator must know about credentials. */
  notes: string | null;
  source: string;
}

export interface RateLimitFact {
  /** Short statement of the limit, e.g. "100 requests per second". */
  limit: string;
  scope: string;
  /** Set only when the limit is a single plain rate: `requests` per `windowSeconds`. */
  requests?: number;
  windowSeconds?: number;
  source: string;
}

export interface WebhookFacts {
  /** true/false when confirmed; null when the research did not confirm either way. */
  supported: boolean | null;
  signature: string | null;
  retryPolicy: string | null;
  /** How long the provider keeps redelivering a failed event (0 = no automatic redelivery). */
  retryWindowHours: number | null;
  /** How fast the receiver must answer. */
  ackTimeout: string | null;
  note: string | null;
  /** Primary URL backing the facts above; null only when every fact above is null. */
  source: string | null;
}

export interface IdempotencyFacts {
  supported: boolean | null;
  mechanism: string | null;
  source: string | null;
}

export interface RateLimitResponse {
  behaviour: string;
  source: string;
}

export interface KnownApi {
  /** Canonical short name, e.g. "Salesforce". */
  name: string;
  /** Lowercase alternative names, matched case-insensitively. */
  aliases: string[];
  /** What the system is, in a few words, e.g. "CRM". */
  description: string;
  category: ApiCategory;
  /** Which of the vendor's APIs the facts cover. */
  covers: string;
  auth: AuthFacts | null;
  rateLimits: RateLimitFact[];
  rateLimitExceeded: RateLimitResponse | null;
  webhooks: WebhookFacts;
  idempotency: IdempotencyFacts;
  /** Every URL cited anywhere in this entry. */
  sources: string[];
}

export const NO_WEBHOOK_FACTS: WebhookFacts = {
  supported: null,
  signature: null,
  retryPolicy: null,
  retryWindowHours: null,
  ackTimeout: null,
  note: null,
  source: null,
};

export const NO_IDEMPOTENCY_FACTS: IdempotencyFacts = { supported: null, mechanism: null, source: null };

import type { ProviderEntry } from '../schema.js';

/** Payments and commerce platforms. Facts are our short wording of the vendor's documentation, each cited. */

const STRIPE_LIMITS = 'https://docs.stripe.com/rate-limits';
const STRIPE_SIGNATURES = 'https://docs.stripe.com/webhooks#verify-webhook-signatures';

export const PAYMENTS: ProviderEntry[] = [
  {
    id: 'stripe',
    name: 'Stripe',
    aliases: ['stripe', 'stripe api', 'stripe billing', 'stripe payments'],
    kind: 'saas-api',
    category: 'payments',
    description: 'payments platform',
    covers: 'REST API v1, webhooks (event destinations)',
    protocols: ['rest'],
    docs: ['docs.stripe.com', 'stripe.com', 'github.com/stripe'],
    push: [
      {
        type: 'webhook',
        payload: 'full',
        followUp: null,
        signature: {
          scheme: 'hmac-sha256',
          header: 'Stripe-Signature',
          signedContent: 'the timestamp `t`, a period, and the raw request body',
          encoding: 'hex',
          key: 'the endpoint signing secret (whsec_…)',
          timestampHeader: 'Stripe-Signature (t=…)',
          replayWindowSeconds: 300,
          note: 'the header can carry several v1 signatures while a secret is rolled; the libraries default to a 5-minute tolerance',
          source: STRIPE_SIGNATURES,
        },
        delivery: {
          retries: 'live mode: resent for up to 3 days with exponential backoff; sandbox: 3 tries over a few hours',
          redeliveryWindowSeconds: 3 * 86_400,
          ackTimeoutSeconds: null,
          ordering: 'none',
          eventIdField: 'event `id` (evt_…)',
          onPersistentFailure: null,
          note: 'duplicates happen; the Events API lists the last 30 days of events for reconciliation',
          source: 'https://docs.stripe.com/webhooks',
        },
        source: 'https://docs.stripe.com/webhooks',
      },
    ],
    auth: {
      methods: [
        { kind: 'api-key', detail: 'secret key (sk_…) as a bearer token or the Basic username', unattended: true },
        { kind: 'api-key', detail: 'restricted key (rk_…) limited to the resources and permissions granted', unattended: true },
      ],
      recommended: 'api-key',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'a restricted key with only the resources the integration reads or writes',
      source: 'https://docs.stripe.com/keys',
    },
    limits: [
      { type: 'rate', scope: 'account', appliesTo: null, tier: null, environment: 'production', label: '100 operations per second (live mode)', requests: 100, windowSeconds: 1, source: STRIPE_LIMITS },
      { type: 'rate', scope: 'account', appliesTo: null, tier: null, environment: 'sandbox', label: '25 operations per second (sandbox)', requests: 25, windowSeconds: 1, source: STRIPE_LIMITS },
      { type: 'rate', scope: 'endpoint', appliesTo: 'each API endpoint unless noted', tier: null, label: '25 requests per second per endpoint (also counted in the global limit)', requests: 25, windowSeconds: 1, source: STRIPE_LIMITS },
      { type: 'rate', scope: 'object', appliesTo: 'updates to one PaymentIntent', tier: null, label: '1,000 updates per PaymentIntent per hour', requests: 1000, windowSeconds: 3600, source: STRIPE_LIMITS },
      { type: 'rate', scope: 'account', appliesTo: 'Search API reads', tier: null, label: '20 search reads per second', requests: 20, windowSeconds: 1, source: STRIPE_LIMITS },
    ],
    throttling: {
      status: 429,
      retryAfterHeader: null,
      headers: [],
      signal: 'HTTP 429 Too Many Requests from the rate or the concurrency limiter',
      source: STRIPE_LIMITS,
    },
    writes: {
      upsert: null,
      idempotencyKey: {
        supported: true,
        header: 'Idempotency-Key',
        retentionSeconds: 86_400,
        note: 'keys up to 255 characters; the first result (even a 500) is replayed; keys may be pruned after 24 hours',
        source: 'https://docs.stripe.com/api/idempotent_requests',
      },
      bulk: null,
    },
    reads: {
      pagination: { style: 'cursor', maxPageSize: 100, source: 'https://docs.stripe.com/api/pagination' },
      incremental: { method: 'list Events (last 30 days) from the last event seen, or `created` range filters', source: 'https://docs.stripe.com/api/events/list' },
      bulkExport: null,
    },
  },
];

import { defineApi } from '../define.js';
import { NO_IDEMPOTENCY_FACTS, NO_WEBHOOK_FACTS, type KnownApi } from '../types.js';

const GITHUB_LIMITS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';
const GITHUB_SECONDARY = 'https://learn.microsoft.com/ro-ro/microsoft-cloud/dev/dev-proxy/concepts/github-api-rate-limit-exceeded';
const JIRA_LIMITS = 'https://developer.atlassian.com/cloud/jira/platform/rate-limiting';
const PAGERDUTY_LIMITS = 'https://community.pagerduty.com/ask-a-product-question-2/rest-api-rate-limit-151';
const DATADOG_LIMITS = 'https://docs.datadoghq.com/api/latest/rate-limits';
const OKTA_LIMITS = 'https://help.okta.com/en-us/content/topics/security/api-rate-limits.htm';

export const OPERATIONS_APIS: KnownApi[] = [
  defineApi({
    name: 'GitHub',
    aliases: ['github', 'github.com', 'github api', 'github enterprise'],
    description: 'code hosting and developer platform',
    category: 'devtools',
    covers: 'REST API and webhooks',
    auth: {
      methods: [
        { kind: 'access-token', detail: 'personal access tokens' },
        { kind: 'app', detail: 'GitHub Apps' },
        { kind: 'oauth2', detail: 'OAuth apps' },
      ],
      tokenLifetime: null,
      refreshTokenRotation: null,
      notes: 'public data can be read unauthenticated',
      source: GITHUB_LIMITS,
    },
    rateLimits: [
      { limit: '60 requests per hour unauthenticated', scope: 'per source IP', requests: 60, windowSeconds: 3600, source: GITHUB_LIMITS },
      { limit: '5000 requests per hour authenticated', scope: 'per user', requests: 5000, windowSeconds: 3600, source: GITHUB_LIMITS },
      {
        limit: '15000 requests per hour for GitHub Apps of Enterprise Cloud organisations',
        scope: 'per installation / user',
        requests: 15_000,
        windowSeconds: 3600,
        source: 'https://docs.Github.com/en/rest/overview/rate-limits-for-the-rest-api',
      },
      { limit: '1000 requests per hour with the Actions GITHUB_TOKEN', scope: 'per repository', requests: 1000, windowSeconds: 3600, source: GITHUB_SECONDARY },
      {
        limit: 'secondary limits, e.g. 100 concurrent requests, 900 REST points per minute, about 80 content-creating requests per minute',
        scope: 'per user / app',
        source: GITHUB_SECONDARY,
      },
    ],
    rateLimitExceeded: {
      behaviour: '403 or 429; x-ratelimit-remaining: 0 for the primary limit, maybe retry-after for secondary ones; persisting can get an app banned',
      source: GITHUB_SECONDARY,
    },
    webhooks: {
      supported: true,
      signature: 'hex HMAC-SHA256 of the payload with the webhook secret in X-Hub-Signature-256 (`sha256=…`), only if a secret is set',
      retryPolicy: 'no automatic redelivery of failed deliveries; redeliver manually or via the API',
      retryWindowHours: 0,
      ackTimeout: 'a delivery fails after 10 s (30 s on Enterprise Server)',
      note: null,
      source: 'https://docs.github.com/en/webhooks/using-webhooks/handling-failed-webhook-deliveries',
    },
    idempotency: NO_IDEMPOTENCY_FACTS,
    extraSources: ['https://dev.to/shannonllc/github-webhooks-signatures-10-second-timeout-redelivery-and-ip-ranges-3e24'],
  }),
  defineApi({
    name: 'Jira',
    aliases: ['jira', 'jira cloud', 'atlassian jira', 'jira software'],
    description: 'issue and project tracker',
    category: 'devtools',
    covers: 'Jira Cloud REST API and webhooks',
    auth: {
      methods: [
        { kind: 'basic', detail: 'user email plus API token' },
        { kind: 'oauth2', detail: 'OAuth 2.0 (3LO) apps' },
        { kind: 'app', detail: 'Forge and Connect apps' },
      ],
      tokenLifetime: null,
      refreshTokenRotation: null,
      notes: null,
      source: JIRA_LIMITS,
    },
    rateLimits: [
      {
        limit: 'points-based limits and tiered quotas for Forge, Connect and OAuth apps from 2 March 2026; API-token traffic keeps burst limits',
        scope: 'per app / tenant',
        source: JIRA_LIMITS,
      },
      {
        limit: 'three independent limits: per-second burst (per tenant, endpoint and method), per-issue writes, and quota',
        scope: 'per tenant / endpoint / issue',
        source: 'https://developer.atlassian.com/cloud/jira/platform/build-an-app-that-respects-rate-limits/',
      },
    ],
    rateLimitExceeded: {
      behaviour: 'HTTP 429 with Retry-After and X-RateLimit-Reset; RateLimit-Reason names the limit hit',
      source: 'https://developer.atlassian.com/cloud/jira/platform/build-an-app-that-respects-rate-limits/',
    },
    webhooks: {
      supported: true,
      signature: 'admin webhooks with a secret: hex HMAC-SHA256 of the raw body in X-Hub-Signature (`sha256=…`); app webhooks are not signed this way',
      retryPolicy: 'retries happen (schedule not confirmed); X-Atlassian-Webhook-Retry counts them, the identifier header stays the same',
      retryWindowHours: null,
      ackTimeout: null,
      note: null,
      source: 'https://developer.atlassian.com/cloud/jira/platform/webhooks',
    },
    idempotency: NO_IDEMPOTENCY_FACTS,
    extraSources: ['https://developer.atlassian.com/platform/marketplace/cloud-fortified-apps-program-webhook-delivery-success-rate'],
  }),
  defineApi({
    name: 'PagerDuty',
    aliases: ['pagerduty', 'pager duty'],
    description: 'incident alerting and on-call platform',
    category: 'observability',
    covers: 'REST API and Events API',
    auth: {
      methods: [
        { kind: 'api-key', detail: 'account or user API keys (read-only keys get 403 on writes)' },
        { kind: 'oauth2', detail: 'PagerDuty App OAuth (app and user tokens)' },
      ],
      tokenLifetime: null,
      refreshTokenRotation: null,
      notes: null,
      source: PAGERDUTY_LIMITS,
    },
    rateLimits: [
      { limit: '960 requests per minute', scope: 'per account API key', requests: 960, windowSeconds: 60, source: PAGERDUTY_LIMITS },
      { limit: '960 requests per minute across all of a user’s keys', scope: 'per user', requests: 960, windowSeconds: 60, source: PAGERDUTY_LIMITS },
      { limit: '960 requests per minute per OAuth app and account', scope: 'per app per account / user', requests: 960, windowSeconds: 60, source: PAGERDUTY_LIMITS },
      {
        limit: 'Events API: 120 events per minute per integration key (older community answer)',
        scope: 'per integration key',
        requests: 120,
        windowSeconds: 60,
        source: 'https://db_f1b8b24d_2c79_4c4a_919d_685188a12f3c.influitive.com/forum/t/which-rate-limit-of-rest-api-is-correct/3322',
      },
    ],
    rateLimitExceeded: {
      behaviour: 'HTTP 429 with ratelimit-limit / remaining / reset (seconds to wait) headers',
      source: 'https://support.pagerduty.com/docs/rest-api-rate-limits',
    },
    webhooks: NO_WEBHOOK_FACTS,
    idempotency: NO_IDEMPOTENCY_FACTS,
  }),
  defineApi({
    name: 'Datadog',
    aliases: ['datadog', 'data dog'],
    description: 'monitoring and observability platform',
    category: 'observability',
    covers: 'HTTP API',
    auth: {
      methods: [{ kind: 'api-key', detail: 'DD-API-KEY, plus DD-APPLICATION-KEY for many management endpoints' }],
      tokenLifetime: null,
      refreshTokenRotation: null,
      notes: null,
      source: 'https://apidog.com/jp/blog/datadog-api/',
    },
    rateLimits: [
      { limit: 'per-endpoint limits reported in response headers; raised on request', scope: 'per org and endpoint', source: DATADOG_LIMITS },
      { limit: 'metric and log submission are not rate limited (bounded by contract)', scope: 'per org', source: DATADOG_LIMITS },
      { limit: '250000 events per minute submitted', scope: 'per org', requests: 250_000, windowSeconds: 60, source: DATADOG_LIMITS },
    ],
    rateLimitExceeded: {
      behaviour: 'HTTP 429 with X-RateLimit-Limit / Period / Remaining / Reset / Name headers',
      source: DATADOG_LIMITS,
    },
    webhooks: NO_WEBHOOK_FACTS,
    idempotency: NO_IDEMPOTENCY_FACTS,
  }),
  defineApi({
    name: 'ServiceNow',
    aliases: ['servicenow', 'service now'],
    description: 'IT service management platform',
    category: 'itsm',
    covers: 'inbound REST API',
    auth: null,
    rateLimits: [
      {
        limit: 'no fixed global limit; admins set requests-per-hour rules per user, role or everyone (most specific wins, lowest role rule applies)',
        scope: 'per instance, per user / role',
        source:
          'https://www.servicenow.com/docs/bundle/yokohama-api-reference/page/integrate/inbound-rest/concept/inbound-REST-API-rate-limiting.html',
      },
    ],
    rateLimitExceeded: {
      behaviour: 'HTTP 429 with X-RateLimit-Limit (per hour), X-RateLimit-Reset and X-RateLimit-Rule',
      source:
        'https://www.servicenow.com/docs/r/washingtondc/api-reference/rest-api-explorer/inbound-REST-API-rate-limiting.html?contentId=~8fl3UGADbXrPmzWgWRx6Q',
    },
    webhooks: NO_WEBHOOK_FACTS,
    idempotency: NO_IDEMPOTENCY_FACTS,
  }),
  defineApi({
    name: 'Okta',
    aliases: ['okta', 'okta identity'],
    description: 'identity provider (SSO and user directory)',
    category: 'identity',
    covers: 'management APIs and event hooks',
    auth: null,
    rateLimits: [
      {
        limit: 'per-endpoint limits per minute for the whole org (e.g. 850 per minute on /login/login.htm); management limits vary by plan',
        scope: 'per org and endpoint',
        source: OKTA_LIMITS,
      },
      {
        limit: '75 concurrent transactions for Office 365 traffic and 75 for everything else',
        scope: 'per org',
        source: 'https://developer.okta.com/docs/reference/rl-additional-limits/',
      },
      {
        limit: '/authorize: 60 requests per minute and 5 concurrent per client, IP and device',
        scope: 'per client / IP / device',
        requests: 60,
        windowSeconds: 60,
        source: 'https://developer.okta.com/docs/reference/rl-system-log-events/',
      },
    ],
    rateLimitExceeded: {
      behaviour: 'HTTP 429; X-Rate-Limit-Limit / Remaining / Reset on every response; limits can change without notice',
      source: 'https://developer.okta.com/docs/reference/rl-best-practices/',
    },
    webhooks: {
      supported: true,
      signature: 'no HMAC: a shared secret in the Authorization (or custom) header set on the hook',
      retryPolicy: null,
      retryWindowHours: null,
      ackTimeout: null,
      note: 'event hooks: at most 25 active per org, each verified once before use',
      source: 'https://developer.okta.com/use_cases/event_hooks',
    },
    idempotency: NO_IDEMPOTENCY_FACTS,
    extraSources: ['https://developer.okta.com/docs/reference/hooks-best-practices/'],
  }),
];

import { defineApi } from '../define.js';
import { NO_IDEMPOTENCY_FACTS, NO_WEBHOOK_FACTS, type KnownApi } from '../types.js';

const QBO_LIMITS = 'https://developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles';
const QBO_WEBHOOKS = 'https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks/best-practices';
const XERO_LIMITS = 'https://developer.xero.com/faq/limits';

export const FINANCE_APIS: KnownApi[] = [
  defineApi({
    name: 'NetSuite',
    aliases: ['netsuite', 'oracle netsuite', 'netsuite erp', 'suitetalk'],
    description: 'ERP',
    category: 'erp',
    covers: 'SuiteTalk REST web services',
    auth: {
      methods: [
        { kind: 'oauth2', detail: 'preferred' },
        { kind: 'access-token', detail: 'token-based authentication (TBA)' },
      ],
      tokenLifetime: null,
      refreshTokenRotation: null,
      notes: 'REST web services do not accept user-credential login',
      source: 'https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/chapter_1540809676.html',
    },
    rateLimits: [
      {
        limit: 'concurrent requests shared by SOAP, REST and RESTlets: service-tier base plus 10 per SuiteCloud Plus licence (e.g. 15 or 65)',
        scope: 'per account',
        source: 'https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1525253248.html',
      },
      {
        limit: 'requests time out after 15 minutes',
        scope: 'per request',
        source: 'https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_1559222360.html',
      },
    ],
    rateLimitExceeded: {
      behaviour: 'RESTlets answer 400 SSS_REQUEST_LIMIT_EXCEEDED; SOAP raises concurrency faults; the limit may be briefly exceeded',
      source: 'https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_1525252812.html',
    },
    webhooks: NO_WEBHOOK_FACTS,
    idempotency: NO_IDEMPOTENCY_FACTS,
  }),
  defineApi({
    name: 'QuickBooks Online',
    aliases: ['quickbooks', 'quickbooks online', 'qbo', 'intuit quickbooks', 'quick books'],
    description: 'accounting software',
    category: 'accounting',
    covers: 'Intuit Accounting API and webhooks',
    auth: {
      methods: [{ kind: 'oauth2', detail: 'client ID and secret; every call is scoped to a company realmId; no plain API keys' }],
      tokenLifetime: null,
      refreshTokenRotation: 'refresh tokens rotate',
      notes: null,
      source: 'https://www.apideck.com/blog/how-to-get-your-quickbooks-api-key.md',
    },
    rateLimits: [
      { limit: '500 requests per minute', scope: 'per company (realm)', requests: 500, windowSeconds: 60, source: QBO_LIMITS },
      { limit: '10 requests per second', scope: 'per company and app', requests: 10, windowSeconds: 1, source: QBO_LIMITS },
      {
        limit: 'more than 10 concurrent requests to one company get 429',
        scope: 'per app and company',
        source: 'https://developer.intuit.com/hub/blog/2016/08/08/idg-concurrent-api-use-changes-coming-soon',
      },
      {
        limit: 'batch: up to 30 payloads each; 40 batch requests per minute per company and app, 120 per company',
        scope: 'per company / app',
        source: QBO_LIMITS,
      },
      { limit: 'non-accounting endpoints: 800 requests per minute combined', scope: 'per company and app', requests: 800, windowSeconds: 60, source: QBO_LIMITS },
      {
        limit: 'Builder partner tier: 500000 CorePlus calls per month, then 429',
        scope: 'per workspace',
        source: QBO_LIMITS,
      },
    ],
    rateLimitExceeded: { behaviour: 'HTTP 429; wait 60 s before retrying; calls over 120 s time out', source: QBO_LIMITS },
    webhooks: {
      supported: true,
      signature: 'payload verification through the SDK helpers (header and algorithm not confirmed)',
      retryPolicy: 'retries at 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h, then every 6 h; later events may wait until the failed one is acknowledged',
      retryWindowHours: null,
      ackTimeout: 'answer 200 within 3 s',
      note: 'notifications go out one company at a time; process them in order',
      source: QBO_WEBHOOKS,
    },
    idempotency: {
      supported: true,
      mechanism: 'requestid query parameter: a repeated id returns the first response instead of running again',
      source: 'https://developer.intuit.com/blog/tag/quickbooks-online/',
    },
    extraSources: ['https://dev.to/ilshadyx/quickbooks-api-integration-guide-for-developers-11m5'],
  }),
  defineApi({
    name: 'Xero',
    aliases: ['xero', 'xero accounting'],
    description: 'accounting software',
    category: 'accounting',
    covers: 'Accounting API and webhooks',
    auth: {
      methods: [{ kind: 'oauth2', detail: 'authorization code with refresh tokens' }],
      tokenLifetime: 'access tokens last 30 minutes; refresh tokens lapse after 60 days unused',
      refreshTokenRotation: null,
      notes: null,
      source: 'https://docs.databricks.com/aws/en/ingestion/lakeflow-connect/xero-troubleshoot',
    },
    rateLimits: [
      { limit: '5 concurrent calls', scope: 'per organisation per app', source: XERO_LIMITS },
      { limit: '60 requests per minute', scope: 'per organisation per app', requests: 60, windowSeconds: 60, source: XERO_LIMITS },
      { limit: '5000 requests per day', scope: 'per organisation per app', requests: 5000, windowSeconds: 86_400, source: XERO_LIMITS },
      { limit: '10000 requests per minute', scope: 'per app across all organisations', requests: 10_000, windowSeconds: 60, source: XERO_LIMITS },
    ],
    rateLimitExceeded: {
      behaviour: 'HTTP 429 with X-DayLimit-Remaining / X-MinLimit-Remaining headers; limits cannot be raised',
      source: XERO_LIMITS,
    },
    webhooks: {
      supported: true,
      signature: 'base64 HMAC-SHA256 of the raw body with the webhook key in x-xero-signature; an intent-to-receive check must pass first',
      retryPolicy: null,
      retryWindowHours: null,
      ackTimeout: 'answer within 5 s',
      note: null,
      source: 'https://www.skills.sh/hookdeck/webhook-skills/xero-webhooks',
    },
    idempotency: NO_IDEMPOTENCY_FACTS,
    extraSources: ['https://truto.one/blog/how-do-i-integrate-with-the-xero-api-a-guide-for-b2b-saas.md'],
  }),
  defineApi({
    name: 'Workday',
    aliases: ['workday', 'workday hcm', 'workday financials'],
    description: 'HR and finance system',
    category: 'hr',
    covers: 'REST and SOAP web services',
    auth: {
      methods: [
        { kind: 'oauth2', detail: 'API clients registered in each customer tenant; authorization code or client credentials' },
        { kind: 'basic', detail: 'SOAP: integration system user credentials (or OAuth)' },
      ],
      tokenLifetime: 'API clients can be given non-expiring refresh tokens',
      refreshTokenRotation: null,
      notes: 'endpoints are tenant-specific',
      source: 'https://docs.workato.com/connectors/workday-rest/connection-setup',
    },
    rateLimits: [],
    rateLimitExceeded: null,
    webhooks: NO_WEBHOOK_FACTS,
    idempotency: NO_IDEMPOTENCY_FACTS,
    extraSources: ['https://nango.dev/docs/api-integrations/workday-oauth/how-to-register-your-own-workday-oauth-app'],
  }),
];

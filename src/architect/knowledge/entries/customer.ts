import { defineApi } from '../define.js';
import { NO_IDEMPOTENCY_FACTS, NO_WEBHOOK_FACTS, type KnownApi } from '../types.js';

const SF_CHEATSHEET =
  'https://developer.salesforce.com/docs/platform/salesforce-app-limits-cheatsheet/guide/salesforce-app-limits-platform-api.html';
const SF_DURABILITY = 'https://developer.salesforce.com/docs/platform/pub-sub-api/guide/event-message-durability.html';
const HUBSPOT_LIMITS = 'https://developers.hubspot.com/changelog/increasing-our-api-limits';
const ZENDESK_LIMITS = 'https://developer.zendesk.com/api-reference/introduction/rate-limits';
const MARKETO_PRACTICES =
  'https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/marketo-integration-best-practices';
const INTERCOM_LIMITS = 'https://raw.githubusercontent.com/api-evangelist/intercom/refs/heads/main/rate-limits/intercom-rate-limits.yml';
const SEGMENT_LIMITS = 'https://www.twilio.com/docs/segment/connections/rate-limits';

export const CUSTOMER_APIS: KnownApi[] = [
  defineApi({
    name: 'Salesforce',
    aliases: ['salesforce', 'sfdc', 'salesforce crm', 'salesforce.com', 'sales cloud', 'service cloud'],
    description: 'CRM',
    category: 'crm',
    covers: 'REST API, Platform Events and Change Data Capture',
    auth: {
      methods: [
        { kind: 'oauth2', detail: 'web-server (authorization code), user-agent and refresh-token flows via a connected or external client app' },
        { kind: 'jwt-bearer', detail: 'certificate-signed JWT for server-to-server use; the app must be pre-approved' },
      ],
      tokenLifetime: "access tokens live as long as the app's session timeout; then use the refresh token",
      refreshTokenRotation: 'optional per app: each refresh returns a new refresh token and revokes the old one',
      notes: "new connected apps are restricted from Spring '26; external client apps are the recommended route",
      source: 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&language=en_US&type=5',
    },
    rateLimits: [
      {
        limit: 'daily API allocation counted over a rolling 24 hours for the whole org; once spent, every user can be blocked',
        scope: 'per org',
        source: 'https://help.salesforce.com/s/articleView?id=xcloud.setup_system_overview_api.htm&language=en_US&type=5',
      },
      {
        limit:
          '100000 requests per 24 hours plus 1000 per licence (Enterprise/Professional) or 5000 per licence (Unlimited/Performance); Developer Edition 15000',
        scope: 'per org',
        source: 'https://slaesforce-faq.com/how-many-api-calls-can-salesforce-handle',
      },
      {
        limit: '25 concurrent requests running 20 s or longer (5 on Developer Edition and trials)',
        scope: 'per org',
        source: SF_CHEATSHEET,
      },
      { limit: 'a REST or SOAP call times out after 10 minutes', scope: 'per request', source: SF_CHEATSHEET },
      {
        limit: 'Bulk API 15000 batches per 24 hours of up to 10000 records each; Composite API 25 subrequests per call',
        scope: 'per org',
        source: 'https://www.crmarcade.com/quick-refs/api-limits-by-edition',
      },
    ],
    rateLimitExceeded: {
      behaviour: 'REQUEST_LIMIT_EXCEEDED error; usage reported in the Sforce-Limit-Info header; no Retry-After',
      source: SF_CHEATSHEET,
    },
    webhooks: {
      supported: null,
      signature: null,
      retryPolicy: 'no push retries: subscribers replay from a stored Replay ID; Platform Events and CDC events kept 72 h',
      retryWindowHours: null,
      ackTimeout: null,
      note: 'no generic signed HTTP webhook was found; push goes through Platform Events / Change Data Capture via Pub/Sub API (gRPC) or Streaming API (CometD); CDC events follow commit order',
      source: SF_DURABILITY,
    },
    idempotency: NO_IDEMPOTENCY_FACTS,
  }),
  defineApi({
    name: 'HubSpot',
    aliases: ['hubspot', 'hubspot crm', 'hub spot', 'hubspot marketing hub'],
    description: 'CRM and marketing platform',
    category: 'crm',
    covers: 'CRM APIs and Webhooks API',
    auth: {
      methods: [
        { kind: 'oauth2', detail: 'public apps' },
        { kind: 'access-token', detail: 'private-app static token for a single account' },
      ],
      tokenLifetime: 'OAuth access tokens expire after 30 minutes; follow expires_in',
      refreshTokenRotation: null,
      notes: 'track token expiry yourself; a 401 is not a reliable signal to refresh',
      source: 'https://developers.hubspot.com/docs/api/usage-details',
    },
    rateLimits: [
      { limit: '650000 requests per day (private apps, Professional)', scope: 'per account', requests: 650_000, windowSeconds: 86_400, source: HUBSPOT_LIMITS },
      { limit: '1000000 requests per day (private apps, Enterprise)', scope: 'per account', requests: 1_000_000, windowSeconds: 86_400, source: HUBSPOT_LIMITS },
      { limit: '190 requests per 10 seconds burst (private apps)', scope: 'per account', requests: 190, windowSeconds: 10, source: HUBSPOT_LIMITS },
      {
        limit: 'capacity pack adds 1000000 requests per day (max 2 packs) and lifts burst to 250 per 10 seconds',
        scope: 'per account',
        source: HUBSPOT_LIMITS,
      },
      {
        limit: '100 requests per 10 seconds (OAuth public apps)',
        scope: 'per app per account',
        requests: 100,
        windowSeconds: 10,
        source: 'https://developers.hubspot.com/changelog/heads-up-new-and-improved-hubspot-api-limits',
      },
      {
        limit: '4 requests per second to CRM search',
        scope: 'per account',
        requests: 4,
        windowSeconds: 1,
        source: 'https://developers.hubspot.com/changelog/burst-limits-are-increasing-for-api-key-authenticated-calls',
      },
      {
        limit: '250000 requests per day and 100 per 10 seconds (Free/Starter)',
        scope: 'per account',
        source: 'https://raw.githubusercontent.com/api-evangelist/hubspot/refs/heads/main/rate-limits/hubspot-rate-limits.yml',
      },
    ],
    rateLimitExceeded: {
      behaviour: 'HTTP 429; X-HubSpot-RateLimit-* headers; daily private-app usage available from an account-info endpoint',
      source: 'https://developers.hubspot.com/changelog/burst-limits-are-increasing-for-api-key-authenticated-calls',
    },
    webhooks: {
      supported: true,
      signature: 'X-HubSpot-Signature-v3: HMAC-SHA256 with the client secret over method, full URL, raw body and timestamp',
      retryPolicy:
        'Webhooks API retries 5xx, timeouts and 429 (honouring Retry-After), not other 4xx; workflow webhooks retry for up to 3 days, gaps ≤ 8 h',
      retryWindowHours: null,
      ackTimeout: 'Webhooks API: about 2 s per batch; workflow webhooks: 3 s to connect, 30 s to respond',
      note: 'events arrive batched and unordered; reorder with occurredAt',
      source: 'https://community.hubspot.com/t5/APIs-Integrations/Webhooks-response/td-p/277558',
    },
    idempotency: NO_IDEMPOTENCY_FACTS,
    extraSources: [
      'https://knowledge.hubspot.com/workflows/how-do-i-use-webhooks-with-hubspot-workflows?year=2021',
      'https://www.skills.sh/jeremylongshore/tons-of-skills-marketplace/hubspot-webhook-handlers',
    ],
  }),
  defineApi({
    name: 'Zendesk',
    aliases: ['zendesk', 'zendesk support'],
    description: 'customer support ticketing',
    category: 'support',
    covers: 'Support API and webhooks',
    auth: null,
    rateLimits: [
      { limit: 'account-wide limit per minute by plan, reported in X-Rate-Limit', scope: 'per account', source: ZENDESK_LIMITS },
      {
        limit: '200 requests per minute (Team), 400 (Growth/Professional), 700 (Enterprise), 2500 (High Volume add-on)',
        scope: 'per account',
        source: 'https://www.eesel.ai/ja/blog/zendesk-api-rate-limit-requests-per-minute',
      },
      {
        limit: 'deep pagination: List Tickets 50 requests per minute past page 500; List Users 100 per minute past page 10000',
        scope: 'per account and endpoint',
        source:
          'https://support.zendesk.com/hc/en-us/articles/4408834530458-Announcing-volume-rate-limits-on-selected-Support-endpoints-starting-November-5-2020-PST',
      },
      {
        limit: 'incremental export 10 requests per minute (30 with High Volume); 30 updates per 10 minutes per user per ticket',
        scope: 'per account / per ticket',
        source: 'https://www.eesel.ai/ja/blog/zendesk-api-rate-limit-requests-per-minute',
      },
    ],
    rateLimitExceeded: { behaviour: 'HTTP 429 with Retry-After in seconds', source: ZENDESK_LIMITS },
    webhooks: {
      supported: true,
      signature: 'base64 HMAC-SHA256 of timestamp + raw body in X-Zendesk-Webhook-Signature (timestamp in its own header)',
      retryPolicy: 'retries some failed responses behind a circuit breaker (schedule not confirmed)',
      retryWindowHours: null,
      ackTimeout: null,
      note: 'events come from subscriptions or from triggers/automations on ticket activity',
      source: 'https://developer.zendesk.com/api-reference/webhooks/introduction',
    },
    idempotency: NO_IDEMPOTENCY_FACTS,
    extraSources: ['https://www.skills.sh/hookdeck/webhook-skills/zendesk-webhooks'],
  }),
  defineApi({
    name: 'Intercom',
    aliases: ['intercom'],
    description: 'customer messaging and support',
    category: 'support',
    covers: 'REST API and webhooks',
    auth: null,
    rateLimits: [
      { limit: '10000 requests per minute', scope: 'per app', requests: 10_000, windowSeconds: 60, source: INTERCOM_LIMITS },
      { limit: '25000 requests per minute', scope: 'per workspace', requests: 25_000, windowSeconds: 60, source: INTERCOM_LIMITS },
      { limit: 'the per-minute allowance is spread over 10-second windows', scope: 'per app', source: INTERCOM_LIMITS },
    ],
    rateLimitExceeded: {
      behaviour: 'HTTP 429 with X-RateLimit-Limit/Remaining/Reset headers',
      source: 'https://developers.intercom.com/docs/references/rest-api/errors/rate-limiting.md',
    },
    webhooks: {
      supported: true,
      signature: 'HMAC-SHA1 of the body with the client secret in X-Hub-Signature (`sha1=<hex>`)',
      retryPolicy:
        'retry count not confirmed; over 1000 errors in 15 min pauses a topic for 15 min; a week of errors suspends private-app subscriptions',
      retryWindowHours: null,
      ackTimeout: 'slow (> 500 ms) endpoints are deprioritised',
      note: null,
      source: 'https://developers.intercom.com/docs/webhooks/webhook-notifications',
    },
    idempotency: NO_IDEMPOTENCY_FACTS,
    extraSources: ['https://automatelab.tech/saas-webhooks/intercom/'],
  }),
  defineApi({
    name: 'Marketo',
    aliases: ['marketo', 'marketo engage', 'adobe marketo', 'adobe marketo engage'],
    description: 'marketing automation platform',
    category: 'marketing',
    covers: 'REST API',
    auth: null,
    rateLimits: [
      {
        limit: '50000 requests per day for most subscriptions (minimum 10000; resets at midnight CST)',
        scope: 'per subscription',
        requests: 50_000,
        windowSeconds: 86_400,
        source: MARKETO_PRACTICES,
      },
      { limit: '100 requests per 20 seconds', scope: 'per instance, shared by all users', requests: 100, windowSeconds: 20, source: MARKETO_PRACTICES },
      { limit: '10 concurrent requests', scope: 'per instance', source: MARKETO_PRACTICES },
      {
        limit: 'batches of 300 leads or 200 assets; 1 MB payloads; 10 MB bulk import files; 2 running bulk extracts',
        scope: 'per request / instance',
        source: MARKETO_PRACTICES,
      },
    ],
    rateLimitExceeded: { behaviour: 'retry with exponential backoff on rate or concurrency errors', source: MARKETO_PRACTICES },
    webhooks: NO_WEBHOOK_FACTS,
    idempotency: NO_IDEMPOTENCY_FACTS,
  }),
  defineApi({
    name: 'Mailchimp',
    aliases: ['mailchimp', 'mailchimp marketing', 'mailchimp transactional', 'mandrill'],
    description: 'email marketing platform',
    category: 'marketing',
    covers: 'Marketing API and Transactional API',
    auth: null,
    rateLimits: [
      {
        limit: '10 simultaneous connections; no published per-minute quota',
        scope: 'per user across apps',
        source: 'https://raw.githubusercontent.com/api-evangelist/mailchimp/refs/heads/main/rate-limits/mailchimp-rate-limits.yml',
      },
    ],
    rateLimitExceeded: {
      behaviour: 'HTTP 429 without rate-limit headers; very high volume may get a bare 403',
      source: 'https://raw.githubusercontent.com/api-evangelist/mailchimp/refs/heads/main/rate-limits/mailchimp-rate-limits.yml',
    },
    webhooks: NO_WEBHOOK_FACTS,
    idempotency: NO_IDEMPOTENCY_FACTS,
  }),
  defineApi({
    name: 'Segment',
    aliases: ['segment', 'twilio segment', 'segment.io', 'segment.com'],
    description: 'customer data platform (event collection and routing)',
    category: 'cdp',
    covers: 'HTTP Tracking API',
    auth: {
      methods: [
        { kind: 'api-key', detail: 'source writeKey' },
        { kind: 'oauth2', detail: 'OAuth access token' },
      ],
      tokenLifetime: null,
      refreshTokenRotation: null,
      notes: null,
      source: 'https://www.twilio.com/docs/segment/connections/sources/catalog/libraries/server/http-api.md',
    },
    rateLimits: [
      {
        limit: '1000 events per second ingested; more is queued and processed at that rate',
        scope: 'per workspace',
        requests: 1000,
        windowSeconds: 1,
        source: SEGMENT_LIMITS,
      },
      { limit: '10000 properties per event; extras are dropped', scope: 'per event', source: SEGMENT_LIMITS },
      {
        limit: '32 KB per request or event; 500 KB per batch request',
        scope: 'per request',
        source: 'https://github.com/segmentio/segment-docs/pull/6966/files',
      },
    ],
    rateLimitExceeded: {
      behaviour: 'excess events are queued, not rejected; only malformed or oversized payloads get 400',
      source: SEGMENT_LIMITS,
    },
    webhooks: NO_WEBHOOK_FACTS,
    idempotency: {
      supported: true,
      mechanism: 'dedupes on the messageId field (set unique ids when calling the HTTP API directly)',
      source: 'https://github.com/segmentio/segment-docs/pull/6966/files',
    },
  }),
];

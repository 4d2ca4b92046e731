import type { ProviderEntry } from '../schema.js';

/** Accounting, ERP, HR and recruiting systems. Facts are our short wording of the vendor's documentation, each cited. */

// ── Oracle NetSuite ───────────────────────────────────────────────────────────────────────────────────────
const NS = 'https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/';
const NS_CONCURRENCY_SAMPLE = `${NS}section_1525253248.html`;
const NS_CONCURRENCY_FAQ = `${NS}section_1504769959.html`;

// ── QuickBooks Online ─────────────────────────────────────────────────────────────────────────────────────
const QBO_LIMITS = 'https://developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles';
const QBO_CONCURRENCY = 'https://developer.intuit.com/hub/blog/2016/08/08/idg-concurrent-api-use-changes-coming-soon';
const QBO_WEBHOOKS_BEST_PRACTICES = 'https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks/best-practices';

// ── Xero ──────────────────────────────────────────────────────────────────────────────────────────────────
const XERO_LIMITS = 'https://developer.xero.com/faq/limits';
const XERO_OPENAPI = 'https://github.com/XeroAPI/Xero-OpenAPI/blob/master/xero_accounting.yaml';
const XERO_WEBHOOK_SERVER = 'https://developer.xero.com/documentation/webhooks/configuring-your-server';

// ── Sage Intacct ──────────────────────────────────────────────────────────────────────────────────────────
const INTACCT_WEBHOOKS = 'https://developer.sage.com/intacct/docs/developer-portal/guides/webhooks';

// ── Gusto ─────────────────────────────────────────────────────────────────────────────────────────────────
const GUSTO_RATE_LIMITS = 'https://docs.gusto.com/embedded-payroll/v2024-04-01/docs/rate-limits';
const GUSTO_WEBHOOK_RULES = 'https://docs.gusto.com/app-integrations/docs/webhooks';

// ── BILL ──────────────────────────────────────────────────────────────────────────────────────────────────
const BILL_LIMITS = 'https://developer.bill.com/docs/api-rate-limits';
const BILL_WEBHOOK_RULES = 'https://developer.bill.com/docs/bill-webhook-api-general-rules';

// ── Coupa ─────────────────────────────────────────────────────────────────────────────────────────────────
const COUPA_ARGUMENTS = 'https://compass.coupa.com/en-us/products/product-documentation/integration-docs/the-coupa-core-api/get-started-with-the-api/arguments';

// ── ADP Workforce Now ─────────────────────────────────────────────────────────────────────────────────────
const ADP_EVENTS = 'https://developers.adp.com/articles/general/adp-event-apis-and-event-notification-guide';
const ADP_REST = 'https://developers.adp.com/articles/general/introduction-to-adp-restful-apis';

export const FINANCE: ProviderEntry[] = [
  // ───────────────────────────────────────────── Oracle NetSuite ─────────────────────────────────────────────
  {
    id: 'netsuite',
    name: 'Oracle NetSuite',
    aliases: ['netsuite', 'ns', 'oracle netsuite', 'netsuite erp', 'suitetalk', 'suiteql', 'netsuite rest', 'netsuite soap'],
    kind: 'saas-api',
    category: 'erp',
    description: 'cloud ERP (financials, orders, inventory)',
    covers: 'SuiteTalk REST and SOAP web services, RESTlets, SuiteQL, SuiteScript user event scripts',
    protocols: ['rest', 'soap'],
    docs: ['docs.oracle.com', 'oracle.com', 'netsuite.com'],
    push: [
      {
        type: 'webhook',
        payload: null,
        followUp: 'whatever the script sends: post the record id and type, then read the record through REST web services',
        signature: null,
        delivery: null,
        note: 'not a built-in webhook feature: a user event script deployed in the account runs afterSubmit (create, edit, xedit, delete, …) and calls our endpoint with N/https; we define payload, authentication and retries',
        source: `${NS}section_4407992281.html`,
      },
    ],
    auth: {
      methods: [
        {
          kind: 'oauth-client-credentials',
          detail: 'OAuth 2.0 client credentials (M2M): JWT client assertion signed with the private key of a certificate mapped to an entity and role (PS256/384/512 or ES256/384/512)',
          unattended: true,
        },
        { kind: 'oauth-authorization-code', detail: 'OAuth 2.0 authorization code grant; a user approves the integration record', unattended: false },
        {
          kind: 'oauth1-signature',
          detail: 'token-based authentication (TBA): OAuth 1.0-style HMAC-SHA256 signed Authorization header (consumer key/secret, token id/secret, realm = account id); HMAC-SHA1 unsupported since 2023.1',
          unattended: true,
        },
      ],
      recommended: 'oauth-client-credentials',
      accessTokenLifetimeSeconds: 3600,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'integration record scopes restlets, rest_webservices, suite_analytics; map the M2M certificate to a dedicated role with only the record permissions needed',
      note: 'OAuth 2.0 is preferred and works for REST web services, RESTlets and SuiteAnalytics Connect but not SOAP (SOAP needs TBA); REST accepts no user-credential login; the one-hour access token is stated in the Connect OAuth 2.0 docs (article_0907013045)',
      source: `${NS}chapter_1540809676.html`,
    },
    limits: [
      {
        type: 'concurrency',
        scope: 'account',
        appliesTo: 'SOAP + REST web services and RESTlets combined',
        tier: 'Standard service tier, no SuiteCloud Plus licence',
        label: 'base limit of 5 concurrent requests for the account',
        max: 5,
        note: 'each SuiteCloud Plus licence adds 10; bases of other service tiers are not confirmed here — read the account limit with GET /services/rest/system/v1/governanceLimits (admin) or Setup > Integration > Integration Governance',
        source: NS_CONCURRENCY_SAMPLE,
      },
      {
        type: 'concurrency',
        scope: 'account',
        appliesTo: 'SOAP + REST web services and RESTlets combined',
        tier: 'Standard service tier + 1 SuiteCloud Plus licence',
        label: '15 concurrent requests (5 + 10); the 16th in parallel fails',
        max: 15,
        note: 'integrations can be given their own share of the account limit; a request running over 15 minutes times out',
        source: NS_CONCURRENCY_SAMPLE,
      },
      {
        type: 'concurrency',
        scope: 'account',
        appliesTo: 'SOAP + REST web services and RESTlets combined',
        tier: 'developer account',
        label: 'developer accounts always allow 5 concurrent requests',
        max: 5,
        note: 'sandbox accounts match the production account limit',
        source: NS_CONCURRENCY_FAQ,
      },
    ],
    throttling: {
      status: null,
      retryAfterHeader: null,
      headers: [],
      signal: 'concurrency rejections: RESTlets answer HTTP 400 with SSS_REQUEST_LIMIT_EXCEEDED; SOAP with TBA raises ExceededConcurrentRequestLimitFault (WS_REQUEST_BLOCKED); the REST web services status is not confirmed here',
      source: `${NS}bridgehead_1525252812.html`,
    },
    writes: {
      upsert: {
        supported: true,
        key: 'external ID: PUT /services/rest/record/v1/{type}/eid:{externalId}',
        note: 'SOAP has upsert/upsertList keyed by externalId; only one integration should own the external ids of a record type',
        source: `${NS}section_156335203191.html`,
      },
      idempotencyKey: {
        supported: true,
        header: 'X-NetSuite-idempotency-key',
        retentionSeconds: null,
        note: 'for asynchronous (Prefer: respond-async) and batch requests; a repeated key answers 400 IDEMPOTENCY_ERROR with the earlier job in Location',
        source: `${NS}subsect_164494900632.html`,
      },
      bulk: {
        supported: true,
        endpoint: 'REST batch: POST/PUT/PATCH /services/rest/record/v1/{type} with a collection body and Prefer: respond-async',
        maxRecords: 100,
        async: true,
        note: 'one record type per batch, processed asynchronously and in parallel; poll /services/rest/async/v1/job/{id}',
        source: `${NS}article_0127092747.html`,
      },
    },
    reads: {
      pagination: { style: 'offset', maxPageSize: 1000, source: `${NS}section_156414087576.html` },
      incremental: {
        method: 'SuiteQL (POST /services/rest/query/v1/suiteql) or record collection filtering (q=…) on a last-modified date',
        note: 'a SuiteQL query returns at most 100,000 results; larger extracts go through SuiteAnalytics Connect',
        source: `${NS}section_157909186990.html`,
      },
      bulkExport: {
        supported: true,
        method: 'SuiteAnalytics Connect (ODBC/JDBC, NetSuite2.com data source)',
        note: 'REST collections stop at 1000 pages; Connect returns more',
        source: `${NS}section_156414087576.html`,
      },
    },
  },

  // ──────────────────────────────────────────── QuickBooks Online ────────────────────────────────────────────
  {
    id: 'quickbooks-online',
    name: 'QuickBooks Online',
    aliases: ['quickbooks', 'quickbooks online', 'qbo', 'intuit quickbooks', 'quick books', 'qbo api'],
    kind: 'saas-api',
    category: 'accounting',
    description: 'small-business accounting (Intuit)',
    covers: 'QuickBooks Online Accounting API v3, webhooks, ChangeDataCapture, batch',
    protocols: ['rest'],
    docs: ['developer.intuit.com', 'intuit.com', 'github.com/intuit'],
    push: [
      {
        type: 'webhook',
        payload: 'thin',
        followUp: 'read the changed entities by id, or call ChangeDataCapture from the last processed event',
        signature: {
          scheme: 'hmac-sha256',
          header: 'intuit-signature',
          signedContent: 'raw request body',
          encoding: 'base64',
          key: "the app's webhook Verifier Token (developer portal)",
          timestampHeader: null,
          replayWindowSeconds: null,
          note: 'the official Java SDK verifyPayload hashes the payload with the verifier token and compares base64 with the intuit-signature value',
          source: 'https://github.com/intuit/QuickBooks-V3-Java-SDK/blob/master/ipp-v3-java-devkit/src/main/java/com/intuit/ipp/services/WebhooksService.java',
        },
        delivery: {
          retries: 'retried at 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h, then every 6 h',
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: 3,
          ordering: null,
          eventIdField: 'CloudEvents `id` (new payload format; the legacy format has none)',
          onPersistentFailure: 'later events may be withheld until the failed one is acknowledged',
          note: 'notifications go out one realm at a time; Intuit advises CDC back to the last processed event, plus a daily CDC sweep, to cover missed events',
          source: QBO_WEBHOOKS_BEST_PRACTICES,
        },
        note: 'payload moved to CloudEvents (type e.g. qbo.invoice.created.v1, intuitentityid, intuitaccountid); production events are aggregated for 1, 3 or 5 minutes',
        source: 'https://github.com/intuit/QuickBooks-V3-DotNET-SDK/releases/tag/V14.7.0.4',
      },
    ],
    auth: {
      methods: [
        {
          kind: 'oauth-authorization-code',
          detail: 'OAuth 2.0 authorization code: a company admin consents once; tokens are bound to that company (realmId)',
          unattended: true,
        },
      ],
      recommended: 'oauth-authorization-code',
      accessTokenLifetimeSeconds: 3600,
      refreshTokenLifetime: '100 days, extended each time it is used; capped at 5 years (Intuit, Nov 2025)',
      refreshTokenRotates: true,
      scopes: 'the QuickBooks Online Accounting scope only',
      note: 'always store the latest refresh_token returned by the previous refresh',
      source: 'https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/faq',
    },
    limits: [
      { type: 'rate', scope: 'tenant', appliesTo: null, tier: null, label: '500 requests per minute per realm (company)', requests: 500, windowSeconds: 60, source: QBO_LIMITS },
      { type: 'rate', scope: 'tenant', appliesTo: null, tier: null, label: '10 requests per second per realm and app', requests: 10, windowSeconds: 1, source: QBO_LIMITS },
      {
        type: 'concurrency',
        scope: 'tenant',
        appliesTo: null,
        tier: null,
        label: 'more than 10 concurrent requests from one app to one realm get 429',
        max: 10,
        source: QBO_CONCURRENCY,
      },
      { type: 'rate', scope: 'tenant', appliesTo: 'batch endpoint', tier: null, label: '40 batch requests per minute per realm and app', requests: 40, windowSeconds: 60, source: QBO_LIMITS },
      { type: 'rate', scope: 'tenant', appliesTo: 'batch endpoint', tier: null, label: '120 batch requests per minute per realm', requests: 120, windowSeconds: 60, source: QBO_LIMITS },
      {
        type: 'rate',
        scope: 'tenant',
        appliesTo: 'endpoints other than QuickBooks Online',
        tier: null,
        label: '800 requests per minute per realm and app, combined',
        requests: 800,
        windowSeconds: 60,
        source: QBO_LIMITS,
      },
      {
        type: 'quota',
        scope: 'account',
        appliesTo: 'CorePlus API calls: data-out reads and queries (creates and updates are Core calls, unmetered)',
        tier: 'Intuit App Partner Program, Builder tier',
        label: '500,000 CorePlus calls per workspace per month, then 429',
        note: 'a paid tier raises the limit; once exceeded, CorePlus calls are blocked until the next month and customers see the app as offline',
        amount: 500_000,
        periodSeconds: 30 * 86_400,
        unit: 'API calls',
        rolling: null,
        source: 'https://blogs.intuit.com/2025/08/11/best-practices-for-intuit-api-optimization-part-1',
      },
      {
        type: 'quota',
        scope: 'tenant',
        appliesTo: 'emails sent through the API',
        tier: null,
        environment: 'sandbox',
        label: '40 emails per day per realm (sandbox)',
        amount: 40,
        periodSeconds: 86_400,
        unit: 'emails',
        rolling: null,
        source: QBO_LIMITS,
      },
    ],
    throttling: {
      status: 429,
      retryAfterHeader: null,
      headers: [],
      signal: 'HTTP 429 when throttled; Intuit says wait 60 s before retrying; requests running over 120 s time out',
      source: QBO_LIMITS,
    },
    writes: {
      upsert: null,
      idempotencyKey: {
        supported: true,
        header: null,
        retentionSeconds: null,
        note: 'requestid query parameter, unique per company: a repeated requestid returns the original response instead of running again; max 50 characters (36 for batch)',
        source: 'https://blogs.intuit.com/2015/04/06/15346/',
      },
      bulk: {
        supported: true,
        endpoint: 'POST /v3/company/{realmId}/batch',
        maxRecords: 10,
        async: false,
        note: 'the batch guide says up to 10 payloads per batch; the limits page recommends at most 30 — use 10 unless Intuit confirms 30',
        source: 'https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/batch',
      },
    },
    reads: {
      pagination: null,
      incremental: {
        method: 'ChangeDataCapture: GET /v3/company/{realmId}/cdc?entities=…&changedSince=…',
        note: 'looks back at most 30 days and returns at most 1,000 objects per response; query short windows',
        source: 'https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/change-data-capture',
      },
      bulkExport: null,
    },
  },

  // ─────────────────────────────────────────────────── Xero ───────────────────────────────────────────────────
  {
    id: 'xero',
    name: 'Xero',
    aliases: ['xero', 'xero accounting', 'xero api'],
    kind: 'saas-api',
    category: 'accounting',
    description: 'small-business accounting',
    covers: 'Accounting API and webhooks',
    protocols: ['rest'],
    docs: ['developer.xero.com', 'xero.com', 'github.com/XeroAPI'],
    push: [
      {
        type: 'webhook',
        payload: 'thin',
        followUp: 'GET the resourceUrl (resourceId) for each event with the tenant id from the event',
        signature: {
          scheme: 'hmac-sha256',
          header: 'x-xero-signature',
          signedContent: 'raw request body',
          encoding: 'base64',
          key: "the app's webhook signing key",
          timestampHeader: null,
          replayWindowSeconds: null,
          note: "'Intent to receive' on creation, re-enable or URL change: answer 200 to correctly signed and 401 to wrongly signed test payloads",
          source: XERO_WEBHOOK_SERVER,
        },
        validation: "'Intent to receive' on creation, re-enable or URL change: answer 200 to correctly signed and 401 to wrongly signed test payloads",
        delivery: {
          retries: 'retried with decreasing frequency for up to 24 hours',
          redeliveryWindowSeconds: 86_400,
          ackTimeoutSeconds: 5,
          ordering: null,
          eventIdField: null,
          onPersistentFailure: 'after 24 hours the webhook is disabled and must be re-enabled',
          note: 'answer 200 with no body and no cookies; payloads carry firstEventSequence/lastEventSequence but no per-event id',
          source: XERO_WEBHOOK_SERVER,
        },
        note: 'event categories: CONTACT, INVOICE, CREDITNOTE (CREATE/UPDATE) and SUBSCRIPTION; sent for every organisation connected to the app',
        source: 'https://github.com/XeroAPI/Xero-OpenAPI/blob/master/xero-webhooks.yaml',
      },
    ],
    auth: {
      methods: [
        {
          kind: 'oauth-authorization-code',
          detail: 'OAuth 2.0 code flow (web or PKCE) with offline_access refresh tokens; one token may reach several tenants (xero-tenant-id header)',
          unattended: true,
        },
        {
          kind: 'oauth-client-credentials',
          detail: 'Custom Connections (premium, AU/NZ/UK/US organisations): client credentials for one organisation, no refresh token',
          unattended: true,
        },
      ],
      recommended: 'oauth-authorization-code',
      accessTokenLifetimeSeconds: 1800,
      refreshTokenLifetime: null,
      refreshTokenRotates: true,
      scopes: 'only the accounting.* scopes the integration uses, plus offline_access',
      note: 'rotation per Xero staff on community.xero.com (developer discussion 105714701): each refresh returns a new refresh token, the old one stays usable for a 30-minute grace period; refresh-token expiry is not confirmed here',
      source: 'https://developer.xero.com/faq/custom-integration',
    },
    limits: [
      { type: 'concurrency', scope: 'tenant', appliesTo: null, tier: null, label: '5 calls in progress at once per organisation per app', max: 5, source: XERO_LIMITS },
      { type: 'rate', scope: 'tenant', appliesTo: null, tier: null, label: '60 calls per minute per organisation per app', requests: 60, windowSeconds: 60, source: XERO_LIMITS },
      {
        type: 'quota',
        scope: 'tenant',
        appliesTo: null,
        tier: null,
        label: '5,000 calls per day per organisation per app',
        amount: 5000,
        periodSeconds: 86_400,
        unit: 'API calls',
        rolling: null,
        source: XERO_LIMITS,
      },
      { type: 'rate', scope: 'app', appliesTo: 'all tenants together', tier: null, label: '10,000 calls per minute per app', requests: 10_000, windowSeconds: 60, source: XERO_LIMITS },
    ],
    throttling: {
      status: 429,
      retryAfterHeader: null,
      headers: ['X-DayLimit-Remaining', 'X-MinLimit-Remaining', 'X-AppMinLimit-Remaining'],
      signal: 'HTTP 429 when any limit is exceeded; limits cannot be raised',
      source: XERO_LIMITS,
    },
    writes: {
      upsert: null,
      idempotencyKey: { supported: true, header: 'Idempotency-Key', retentionSeconds: null, note: 'up to 128 characters', source: XERO_OPENAPI },
      bulk: {
        supported: true,
        endpoint: 'PUT/POST /api.xro/2.0/{Invoices|Contacts|…} with several objects; summarizeErrors=false returns successes and per-item validation errors',
        maxRecords: null,
        async: false,
        source: XERO_OPENAPI,
      },
    },
    reads: {
      pagination: { style: 'page', maxPageSize: null, source: XERO_OPENAPI },
      incremental: { method: 'If-Modified-Since header on GET collections', source: XERO_OPENAPI },
      bulkExport: null,
    },
  },

  // ───────────────────────────────────────────────── Workday ─────────────────────────────────────────────────
  {
    id: 'workday',
    name: 'Workday',
    aliases: ['workday', 'workday hcm', 'workday financials', 'workday api', 'workday raas'],
    kind: 'saas-api',
    category: 'hr',
    description: 'HR and finance suite',
    covers: 'Workday REST API (tenant-specific /ccx/api) and OAuth API clients',
    protocols: ['rest', 'soap'],
    docs: ['workday.com', 'github.com/Workday'],
    push: null,
    auth: {
      methods: [
        {
          kind: 'oauth-authorization-code',
          detail: 'API client for integrations registered in the tenant; its refresh token is exchanged (grant_type=refresh_token) at https://{host}/ccx/oauth2/{tenant}/token for bearer tokens',
          unattended: true,
        },
      ],
      recommended: 'oauth-authorization-code',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'register the API client with only the functional-area scopes needed; the integration user’s security groups still decide what data comes back',
      note: 'Workday’s public docs (doc.workday.com) need a login; this is from Workday’s own Prism client',
      source: 'https://github.com/Workday/prism-python/blob/master/prism/prism.py',
    },
    limits: [],
    throttling: null,
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: { pagination: null, incremental: null, bulkExport: null },
  },

  // ──────────────────────────────────────────── SAP S/4HANA Cloud ────────────────────────────────────────────
  {
    id: 'sap-s4hana-cloud',
    name: 'SAP S/4HANA Cloud',
    aliases: ['s/4hana', 's4hana', 's/4hana cloud', 's4hana cloud', 'sap s/4hana', 'sap s4hana', 'sap s4', 's4 hana'],
    kind: 'saas-api',
    category: 'erp',
    description: 'SAP cloud ERP',
    covers: 'OData APIs (communication arrangements) and business events via SAP Event Mesh / Cloud Application Event Hub',
    protocols: ['odata'],
    docs: ['sap.com', 'cap.cloud.sap', 'github.com/SAP', 'github.com/SAP-samples'],
    push: [
      {
        type: 'consumer',
        name: 'business events through SAP Event Mesh or SAP Cloud Application Event Hub',
        payload: null,
        followUp: 'read the changed entity through its OData API with the key in the event data (e.g. BusinessPartner)',
        retentionSeconds: null,
        ackDeadlineSeconds: null,
        deadLetter: null,
        replay: null,
        delivery: null,
        note: 'CloudEvents with types like sap.s4.beh.businesspartner.v1.BusinessPartner.Changed.v1; each event’s data schema is on api.sap.com',
        source: 'https://cap.cloud.sap/docs/guides/events/s4',
      },
    ],
    auth: {
      methods: [
        {
          kind: 'basic',
          detail: 'communication user (user name + password) assigned to a communication system and a communication arrangement for the API’s communication scenario',
          unattended: true,
        },
      ],
      recommended: null,
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'one communication arrangement per communication scenario gives access to only that scenario’s APIs',
      note: 'certificate and OAuth 2.0 options for inbound calls are not confirmed here',
      source: 'https://developers.sap.com/tutorials/abap-environment-business-partner-basic-auth',
    },
    limits: [],
    throttling: null,
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: { pagination: null, incremental: null, bulkExport: null },
  },

  // ─────────────────────────────────────────────── Sage Intacct ───────────────────────────────────────────────
  {
    id: 'sage-intacct',
    name: 'Sage Intacct',
    aliases: ['sage intacct', 'intacct', 'intacct api'],
    kind: 'saas-api',
    category: 'accounting',
    description: 'mid-market cloud financials',
    covers: 'REST API (OAuth 2.0), legacy XML Web Services, Platform Trigger webhooks',
    protocols: ['rest', 'http'],
    docs: ['developer.sage.com', 'sage.com', 'developer.intacct.com', 'intacct.com'],
    push: [
      {
        type: 'webhook',
        payload: null,
        followUp: null,
        signature: null,
        delivery: {
          retries: 'up to 4 attempts: after 10 s, 30 s and 90 s, on 408, 429, 500, 502, 503 or 504',
          redeliveryWindowSeconds: 130,
          ackTimeoutSeconds: null,
          ordering: null,
          eventIdField: 'unique idempotency key per webhook request (the same on retries)',
          onPersistentFailure: null,
          source: INTACCT_WEBHOOKS,
        },
        note: 'outbound webhook delivery of a Platform Trigger (HTTP post type, "Use webhook delivery"), configured per company with a REST client id',
        source: INTACCT_WEBHOOKS,
      },
    ],
    auth: {
      methods: [
        { kind: 'oauth-client-credentials', detail: 'REST API: OAuth 2.0 client credentials grant; JWT access tokens', unattended: true },
        { kind: 'oauth-authorization-code', detail: 'REST API: OAuth 2.0 authorization code (PKCE for public clients)', unattended: false },
        {
          kind: 'basic',
          detail: 'XML Web Services: Web Services sender ID/password plus a company user login exchanged for a session',
          unattended: true,
        },
      ],
      recommended: 'oauth-client-credentials',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'a dedicated Web Services user with only the permissions the integration needs',
      note: 'the company must authorize the sender ID (Company Security tab) or an admin approves it during OAuth',
      source: 'https://developer.sage.com/intacct/docs/developer-portal/guides/oauth2',
    },
    limits: [],
    throttling: null,
    writes: {
      upsert: null,
      idempotencyKey: null,
      bulk: {
        supported: true,
        endpoint: 'POST /ia/api/{version}/objects/{object} with an array of records (batch); bulk and composite requests also exist',
        maxRecords: 500,
        async: null,
        source: 'https://developer.sage.com/intacct/docs/developer-portal/api-essentials/bulk-requests',
      },
    },
    reads: { pagination: null, incremental: null, bulkExport: null },
  },

  // ───────────────────────────────────────────────── BambooHR ─────────────────────────────────────────────────
  {
    id: 'bamboohr',
    name: 'BambooHR',
    aliases: ['bamboohr', 'bamboo hr', 'bamboohr api'],
    kind: 'saas-api',
    category: 'hr',
    description: 'HR system for small and mid-size companies',
    covers: 'BambooHR REST API and webhooks',
    protocols: ['rest'],
    docs: ['bamboohr.com', 'github.com/BambooHR'],
    push: [
      {
        type: 'webhook',
        payload: null,
        followUp: null,
        signature: {
          scheme: 'hmac-sha256',
          header: null,
          signedContent: null,
          encoding: null,
          key: 'the webhook privateKey, returned only when the webhook is created',
          timestampHeader: 'X-BambooHR-Timestamp',
          replayWindowSeconds: null,
          note: 'a second X-BambooHR-… header carries the signature; confirm its name and the signed bytes with BambooHR',
          source: 'https://documentation.bamboohr.com/docs/webhooks-2',
        },
        delivery: null,
        note: 'global webhooks (admin UI) or permissioned webhooks (API, limited to the creating user’s access); HTTPS only; the webhook lists which fields to monitor and which to post',
        source: 'https://documentation.bamboohr.com/docs/webhooks',
      },
    ],
    auth: {
      methods: [
        { kind: 'oauth-authorization-code', detail: 'OAuth 2.0 (authorize.php / token.php) with refresh tokens; recommended for partner integrations', unattended: true },
        { kind: 'api-key', detail: 'API key of a BambooHR user sent as HTTP Basic user name (password "x"); acts with that user’s permissions', unattended: true },
      ],
      recommended: 'oauth-authorization-code',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'request only the OAuth scopes needed, or use an API key of a user limited to the needed fields',
      note: 'the SDK guide shows expires_in 3600 in an example and says a refresh may or may not return a new refresh token',
      source: 'https://github.com/BambooHR/bhr-api-python/blob/main/AUTHENTICATION.md',
    },
    limits: [],
    throttling: {
      status: 429,
      retryAfterHeader: true,
      headers: [],
      signal: 'from 16 Sep 2026 rate-limited requests get 429 with Retry-After (503 before; 503 still means unavailable)',
      source: 'https://documentation.bamboohr.com/docs/planned-changes-to-the-api',
    },
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: {
      pagination: null,
      incremental: {
        method: 'GET /api/v1/employees/changed?since=… (ids with Inserted/Updated/Deleted and last-changed time), then fetch those employees',
        source: 'https://github.com/BambooHR/bhr-api-python/blob/main/docs/LastChangeInformationApi.md',
      },
      bulkExport: null,
    },
  },

  // ───────────────────────────────────────────────── Greenhouse ─────────────────────────────────────────────────
  {
    id: 'greenhouse',
    name: 'Greenhouse',
    aliases: ['greenhouse harvest', 'greenhouse recruiting', 'greenhouse ats', 'greenhouse.io', 'greenhouse api'],
    kind: 'saas-api',
    category: 'hr',
    description: 'applicant tracking system',
    covers: 'Harvest API v3 (Greenhouse Recruiting)',
    protocols: ['rest'],
    docs: ['greenhouse.io'],
    push: null,
    auth: {
      methods: [
        { kind: 'oauth-client-credentials', detail: 'custom integrations: Harvest v3 OAuth credentials, client credentials at https://auth.greenhouse.io/token with sub = the acting user_id', unattended: true },
        { kind: 'oauth-authorization-code', detail: 'partner integrations: authorization code grant with mutual customers', unattended: true },
      ],
      recommended: 'oauth-client-credentials',
      accessTokenLifetimeSeconds: 3600,
      refreshTokenLifetime: '24 hours (authorization code flow)',
      refreshTokenRotates: null,
      scopes: 'grant only the harvest:* scopes needed (e.g. harvest:candidates:list)',
      note: 'client credentials are described at harvestdocs.greenhouse.io/docs/authentication; v1/v2 Basic-auth keys end with v1/v2 deprecation',
      source: 'https://harvestdocs.greenhouse.io/docs/harvest-partner-oauth',
    },
    limits: [],
    throttling: null,
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: {
      pagination: { style: 'link-header', maxPageSize: null, source: 'https://harvestdocs.greenhouse.io/docs/pagination' },
      incremental: null,
      bulkExport: null,
    },
  },

  // ─────────────────────────────────────────────────── Gusto ───────────────────────────────────────────────────
  {
    id: 'gusto',
    name: 'Gusto',
    aliases: ['gusto payroll', 'gusto embedded', 'gusto api'],
    kind: 'saas-api',
    category: 'hr',
    description: 'payroll, benefits and HR',
    covers: 'Gusto API (Embedded Payroll and App Integrations), webhooks',
    protocols: ['rest'],
    docs: ['gusto.com'],
    push: [
      {
        type: 'webhook',
        payload: 'thin',
        followUp: 'fetch the entity named by entity_type / entity_uuid (resource_uuid is the company)',
        signature: {
          scheme: 'hmac-sha256',
          header: 'x_gusto_signature',
          signedContent: 'event payload',
          encoding: null,
          key: 'the verification_token sent to the URL when the subscription was created',
          timestampHeader: null,
          replayWindowSeconds: null,
          note: 'header name as written in the docs; a new subscription first receives {"verification_token": …}, which must be sent back to PUT /v1/webhook_subscriptions/{uuid}/verify',
          source: GUSTO_WEBHOOK_RULES,
        },
        delivery: {
          retries: 'non-2XX answers are retried up to 16 times with exponential backoff',
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: null,
          ordering: null,
          eventIdField: 'event `uuid`',
          onPersistentFailure: null,
          source: GUSTO_WEBHOOK_RULES,
        },
        note: 'one API request can produce several events; subscriptions are created with a system access token',
        source: 'https://docs.gusto.com/embedded-payroll/docs/webhooks',
      },
    ],
    auth: {
      methods: [
        {
          kind: 'oauth-authorization-code',
          detail: 'company access token (one company per token) from OAuth or partner-managed company creation; refresh with grant_type=refresh_token',
          unattended: true,
        },
        {
          kind: 'oauth-client-credentials',
          detail: 'system access token (grant_type=system_access with client id/secret) for application-level calls: create companies, webhooks, events',
          unattended: true,
        },
      ],
      recommended: 'oauth-authorization-code',
      accessTokenLifetimeSeconds: 7200,
      refreshTokenLifetime: null,
      refreshTokenRotates: true,
      scopes: null,
      note: 'each refresh returns a new access_token and refresh_token; system tokens also last 2 hours and can be requested at any time',
      source: 'https://docs.gusto.com/embedded-payroll/docs/company-access-tokens',
    },
    limits: [
      {
        type: 'rate',
        scope: 'user',
        appliesTo: null,
        tier: null,
        label: '200 requests per minute per application-user (company) pair, 60-second rolling window',
        requests: 200,
        windowSeconds: 60,
        source: GUSTO_RATE_LIMITS,
      },
    ],
    throttling: {
      status: 429,
      retryAfterHeader: true,
      headers: ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
      signal: 'HTTP 429 until the window closes; Retry-After only on the 429',
      source: GUSTO_RATE_LIMITS,
    },
    writes: {
      upsert: null,
      idempotencyKey: {
        supported: false,
        header: null,
        retentionSeconds: null,
        note: 'no key header: updates overwrite (identical requests change data once) and objects carry a version field to detect concurrent changes',
        source: 'https://docs.gusto.com/app-integrations/docs/idempotency',
      },
      bulk: null,
    },
    reads: {
      pagination: { style: 'page', maxPageSize: null, source: 'https://docs.gusto.com/embedded-payroll/v2025-11-15/docs/api-fundamentals' },
      incremental: {
        method: 'GET /v1/events with a system access token, or the webhook events themselves',
        source: 'https://docs.gusto.com/embedded-payroll/docs/authentication-and-authorization',
      },
      bulkExport: null,
    },
  },

  // ────────────────────────────────────────────────── BILL ──────────────────────────────────────────────────
  {
    id: 'bill',
    name: 'Bill.com',
    aliases: ['billcom', 'bill.com api', 'bill dot com', 'bill.com ap', 'bill spend & expense'],
    kind: 'saas-api',
    category: 'accounting',
    description: 'AP/AR automation and spend management (BILL)',
    covers: 'BILL v3 API (AP, AR, webhooks)',
    protocols: ['rest'],
    docs: ['bill.com'],
    push: [
      {
        type: 'webhook',
        payload: null,
        followUp: 'confirm critical data with the GET API; BILL says webhooks are not the only source of truth',
        signature: {
          scheme: 'hmac-sha256',
          header: 'x-bill-sha-signature',
          signedContent: null,
          encoding: 'base64',
          key: 'the subscription securityKey (returned once; rotate with POST /v3/subscriptions/{id}/security-key)',
          timestampHeader: null,
          replayWindowSeconds: null,
          source: BILL_WEBHOOK_RULES,
        },
        delivery: {
          retries: null,
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: null,
          ordering: 'none',
          eventIdField: 'event `id` (store it to drop duplicates)',
          onPersistentFailure: null,
          note: 'notifications may arrive out of order (sort by timestamp); payload is a JSON-escaped string; 180-day event history per subscription with a resend endpoint',
          source: 'https://developer.bill.com/docs/bill-webhook-api-notification-rules',
        },
        note: 'notifications cover only the organization the subscription was created for (partners get all their organizations)',
        source: 'https://developer.bill.com/docs/webhooks',
      },
    ],
    auth: {
      methods: [
        {
          kind: 'basic',
          detail: 'POST /v3/login with username, password, organizationId and devKey returns a sessionId; send devKey + sessionId headers',
          unattended: true,
        },
        { kind: 'api-key', detail: 'Spend & Expense API token (apiToken header)', unattended: true },
      ],
      recommended: 'basic',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: null,
      note: 'a session idle for 35 minutes expires; partners sign in with an appKey and can use an AP & AR sync token',
      source: 'https://developer.bill.com/docs/bill-keys-tokens',
    },
    limits: [
      { type: 'rate', scope: 'app', appliesTo: null, tier: null, label: '20,000 requests per developer key per hour', requests: 20_000, windowSeconds: 3600, source: BILL_LIMITS },
      { type: 'rate', scope: 'app', appliesTo: 'POST /v3/login', tier: null, label: '200 logins per developer key per hour', requests: 200, windowSeconds: 3600, source: BILL_LIMITS },
      { type: 'rate', scope: 'app', appliesTo: 'endpoints that send a text message or email', tier: null, label: '5 per minute', requests: 5, windowSeconds: 60, source: BILL_LIMITS },
      { type: 'concurrency', scope: 'tenant', appliesTo: null, tier: null, label: '3 simultaneous requests per developer key per organization', max: 3, source: BILL_LIMITS },
    ],
    throttling: {
      status: null,
      retryAfterHeader: null,
      headers: [],
      signal: 'error code BDC_1144 (hourly limit: wait for the next hour) or BDC_1322 (concurrency: retry when a request finishes)',
      source: BILL_LIMITS,
    },
    writes: {
      upsert: null,
      idempotencyKey: {
        supported: true,
        header: 'X-Idempotent-Key',
        retentionSeconds: null,
        note: 'UUID4; documented for creating webhook subscriptions',
        source: 'https://developer.bill.com/changelog/2029-09-29-webhooks-postman-collection',
      },
      bulk: {
        supported: true,
        endpoint: 'POST /v3/vendors/bulk',
        maxRecords: 20,
        async: false,
        note: 'vendors only in v3 as far as confirmed here',
        source: 'https://developer.bill.com/changelog/2024-09-16-endpoint-for-creating-multiple-vendors',
      },
    },
    reads: {
      pagination: null,
      incremental: {
        method: 'list with filters=updatedTime:gte:"<ISO time>"',
        note: 'lists return 20 per page by default, up to max=100',
        source: 'https://developer.bill.com/docs/search-op-with-lists',
      },
      bulkExport: null,
    },
  },

  // ────────────────────────────────────────────────── Coupa ──────────────────────────────────────────────────
  {
    id: 'coupa',
    name: 'Coupa',
    aliases: ['coupa', 'coupa bsm', 'coupa procurement', 'coupa api', 'coupahost'],
    kind: 'saas-api',
    category: 'erp',
    description: 'procurement and spend management',
    covers: 'Coupa Core API (REST, XML or JSON) and flat-file (CSV) exports',
    protocols: ['rest', 'sftp'],
    docs: ['coupa.com'],
    push: [
      {
        type: 'file-arrival',
        name: 'flat-file (CSV) invoice export to the Coupa SFTP folder ./Outgoing/Invoices',
        payload: 'full',
        followUp: null,
        delivery: null,
        note: 'an hourly run exports approved invoices not yet exported, then marks them exported',
        source: 'https://compass.coupa.com/de-de/products/product-documentation/integration-docs/coupa-core-flat-files-(csv)/flat-file-(csv)-export/invoices-export',
      },
    ],
    auth: {
      methods: [
        { kind: 'oauth-client-credentials', detail: 'OAuth 2.0 / OIDC client with the client credentials grant, scopes of the form service.object.right (e.g. core.accounting.read)', unattended: true },
        { kind: 'oauth-authorization-code', detail: 'OIDC client with the authorization code grant (user consent)', unattended: false },
      ],
      recommended: 'oauth-client-credentials',
      accessTokenLifetimeSeconds: 86_400,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'only the service.object.right scopes the integration uses (see /oauth2/scopes)',
      note: 'Coupa advises fetching a new token about every 20 hours; legacy API keys are deprecated',
      source: 'https://compass.coupa.com/ja-jp/products/core-platform/integration-playbooks-and-resources/integration-knowledge-articles/oauth-2.0-getting-started-with-coupa-api',
    },
    limits: [],
    throttling: null,
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: {
      pagination: { style: 'offset', maxPageSize: 50, source: COUPA_ARGUMENTS },
      incremental: {
        method: 'updated_at[gt_or_eq]=… filter, or the exported flag (read exported=false, then PUT …?exported=true)',
        note: 'per the Special Actions and API Notes page: marking exported is its own PUT request, and a new purchase order version resets exported to false',
        source: COUPA_ARGUMENTS,
      },
      bulkExport: null,
    },
  },
  {
    id: 'adp-workforce-now',
    name: 'ADP Workforce Now',
    aliases: ['adp', 'adp workforce now', 'workforce now', 'adp wfn', 'adp api', 'adp payroll', 'adp hr'],
    kind: 'saas-api',
    category: 'hr',
    description: 'HR and payroll platform',
    covers: 'ADP REST APIs for Workforce Now (reads as GETs, changes as posted events) and Event Notifications',
    protocols: ['rest'],
    docs: ['developers.adp.com'],
    push: [
      {
        type: 'consumer',
        name: 'Event Notification message queue (one per subscriber and client)',
        payload: null,
        followUp: null,
        retentionSeconds: null,
        ackDeadlineSeconds: null,
        deadLetter: null,
        replay: null,
        delivery: null,
        note: 'ADP writes each subscribed data-change event to the subscriber’s message queue, which the app polls with that client’s (subscriber) credentials; a 204 means no queue yet (it is created with the first message)',
        source: ADP_EVENTS,
      },
    ],
    auth: {
      methods: [
        {
          kind: 'oauth-client-credentials',
          detail: 'OAuth 2.0 client credentials grant (client ID + secret) for system-to-system data connectors; the access token is time-bound and scoped',
          unattended: true,
        },
        { kind: 'mtls', detail: 'mutual TLS (transport client authentication) with the X.509 certificate ADP issued for the app, on every Web API request', unattended: true },
      ],
      recommended: 'oauth-client-credentials',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: null,
      note: 'both are required together: a bearer token from the client credentials grant, sent over a TLS connection that presents the ADP-signed certificate',
      source: 'https://developers.adp.com/articles/general/access-tokens',
    },
    limits: [],
    throttling: null,
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: {
      pagination: { style: 'offset', maxPageSize: null, source: ADP_REST },
      incremental: null,
      bulkExport: null,
    },
  },
];

import type { ProviderEntry } from '../schema.js';

/** Developer tools, IT service management, incident response, identity and communications APIs. Facts are our short wording of the vendor's documentation, each cited. */

// ── GitHub ─────────────────────────────────────────────────────────────────────────────────────────────────
const GH_REST_LIMITS = 'https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api';
const GH_GRAPHQL_LIMITS = 'https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api';
const GH_SECONDARY = 'https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits';
const GH_VALIDATE = 'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries';
const GH_BEST_PRACTICES = 'https://docs.github.com/en/webhooks/using-webhooks/best-practices-for-using-webhooks';
const GH_REDELIVER = 'https://docs.github.com/en/webhooks/testing-and-troubleshooting-webhooks/redelivering-webhooks';
const GH_INSTALLATION = 'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app-installation';
const GH_PAGINATION = 'https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api';
const GH_ISSUES = 'https://docs.github.com/en/rest/issues/issues#list-repository-issues';

// ── GitLab ─────────────────────────────────────────────────────────────────────────────────────────────────
const GL_WEBHOOKS = 'https://docs.gitlab.com/user/project/integrations/webhooks/';
const GL_COM_WEBHOOK_LIMITS = 'https://docs.gitlab.com/user/gitlab_com/#webhooks';
const GL_RATE_LIMITS = 'https://docs.gitlab.com/user/gitlab_com/rate_limits/';
const GL_OAUTH = 'https://docs.gitlab.com/api/oauth2/';
const GL_PAGINATION = 'https://docs.gitlab.com/api/rest/#pagination';
const GL_ISSUES = 'https://docs.gitlab.com/api/issues/';

// ── Atlassian (Bitbucket Cloud, Jira Cloud) ───────────────────────────────────────────────────────────────
const BB_WEBHOOKS = 'https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/';
const BB_WEBHOOK_KB = 'https://confluence.atlassian.com/bbkb/troubleshoot-webhooks-1167729092.html';
const BB_LIMITS = 'https://support.atlassian.com/bitbucket-cloud/docs/api-request-limits/';
const BB_AUTH = 'https://developer.atlassian.com/cloud/bitbucket/scopes-for-oauth-2-3LO-and-forge-apps/';
const BB_429 = 'https://bitbucket.org/site/master/issues/17723/feature-request-to-increase-rate-limits';
const JIRA_LIMITS = 'https://developer.atlassian.com/cloud/jira/platform/rate-limiting/';
const JIRA_WEBHOOKS = 'https://developer.atlassian.com/cloud/jira/platform/webhooks/';
const JIRA_DYNAMIC_WEBHOOKS = 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-webhooks/';
const JIRA_WEBHOOK_RETRIES = 'https://developer.atlassian.com/platform/marketplace/cloud-fortified-apps-program-webhook-delivery-success-rate';
const JIRA_DC_WEBHOOK_SECRET = 'https://confluence.atlassian.com/adminjiraserver/managing-webhooks-938846912.html';

// ── Linear ─────────────────────────────────────────────────────────────────────────────────────────────────
const LINEAR_WEBHOOK_VERIFY = 'https://github.com/linear/linear/blob/HEAD/packages/sdk/src/webhooks/client.ts';
const LINEAR_WEBHOOKS = 'https://linear.app/developers/webhooks';
const LINEAR_OAUTH = 'https://linear.app/developers/oauth-2-0-authentication';
const LINEAR_LIMITS = 'https://linear.app/developers/rate-limiting';
const LINEAR_PAGINATION = 'https://linear.app/developers/pagination';
const LINEAR_FILTERING = 'https://linear.app/developers/filtering';
const LINEAR_ATTACHMENTS = 'https://linear.app/developers/attachments';

// ── PagerDuty ──────────────────────────────────────────────────────────────────────────────────────────────
const PD_DOCS = 'https://github.com/PagerDuty/developer-docs/blob/main/docs';
const PD_WEBHOOK_BEHAVIOR = `${PD_DOCS}/webhooks/02-Behavior.md`;
const PD_WEBHOOK_SIGNATURES = `${PD_DOCS}/webhooks/04-Signatures.md`;
const PD_REST_LIMITS = `${PD_DOCS}/REST-API/04-Rate-Limits.md`;
const PD_EVENTS_LIMITS = `${PD_DOCS}/events-API-v2/05-Rate-Limits.md`;
const PD_EVENTS_TRIGGER = `${PD_DOCS}/events-API-v2/02-Trigger-Events.md`;
const PD_APP_TOKENS = `${PD_DOCS}/app-integration-development/02-Private-Apps.md`;
const PD_PAGINATION = `${PD_DOCS}/REST-API/09-Pagination.md`;

// ── Datadog ────────────────────────────────────────────────────────────────────────────────────────────────
const DD_LIMITS = 'https://docs.datadoghq.com/api/latest/rate-limits/';
const DD_WEBHOOKS = 'https://docs.datadoghq.com/ja/integrations/webhooks/';
const DD_WEBHOOKS_API = 'https://docs.datadoghq.com/api/latest/webhooks-integration/';
const DD_KEYS = 'https://github.com/DataDog/Miscellany/blob/master/webhooks';

// ── Sentry ─────────────────────────────────────────────────────────────────────────────────────────────────
const SENTRY_WEBHOOKS = 'https://docs.sentry.io/organization/integrations/integration-platform/webhooks/';
const SENTRY_PUBLIC_INTEGRATION = 'https://docs.sentry.io/organization/integrations/integration-platform/public-integration/';
const SENTRY_LIMITS = 'https://docs.sentry.io/api/ratelimits/';

// ── ServiceNow ─────────────────────────────────────────────────────────────────────────────────────────────
const SN_DOCS = 'https://github.com/ServiceNow/ServiceNowDocs/blob/australia/markdown/api-reference/rest-apis';
const SN_TABLE_API = `${SN_DOCS}/c_TableAPI.md`;
const SN_IMPORT_SET_API = `${SN_DOCS}/c_ImportSetAPI.md`;
const SN_RATE_LIMITS = 'https://www.servicenow.com/docs/bundle/yokohama-api-reference/page/integrate/inbound-rest/concept/inbound-REST-API-rate-limiting.html';
const SN_OUTBOUND_REST = 'https://www.servicenow.com/docs/r/api-reference/web-services/c_ScriptingOutboundREST.html';
const SN_CLIENT_CREDENTIALS = 'https://www.servicenow.com/docs/r/australia/platform-security/authentication/client-credentials.html';

// ── Okta ───────────────────────────────────────────────────────────────────────────────────────────────────
const OKTA_EVENT_HOOKS = 'https://developer.okta.com/docs/concepts/event-hooks/';
const OKTA_EVENT_HOOKS_MAX = 'https://developer.okta.com/use_cases/event_hooks';
const OKTA_SERVICE_APP = 'https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/';
const OKTA_MGMT_LIMITS = 'https://developer.okta.com/docs/reference/rl-global-mgmt/';
const OKTA_ADDITIONAL_LIMITS = 'https://developer.okta.com/docs/reference/rl-additional-limits/';
const OKTA_BEST_PRACTICES = 'https://developer.okta.com/docs/reference/rl-best-practices/';

// ── Auth0 ──────────────────────────────────────────────────────────────────────────────────────────────────
const AUTH0_LOG_STREAM_WEBHOOK = 'https://auth0.com/docs/extensions/loggly';
const AUTH0_EVENTS = 'https://auth0.com/docs/customize/events/events-best-practices';
const AUTH0_MGMT_TOKEN_LIFETIME = 'https://auth0.com/docs/tokens/apiv2';
const AUTH0_LIMITS_ENTERPRISE = 'https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/enterprise-public';
const AUTH0_LIMITS_ESSENTIALS = 'https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/essentials-professional-b2b';
const AUTH0_LIMITS_PRIVATE_BASIC = 'https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/tier-100-rps-private-cloud';

// ── Twilio ─────────────────────────────────────────────────────────────────────────────────────────────────
const TWILIO_SIGNATURE = 'https://github.com/twilio/twilio-node/blob/HEAD/src/webhooks/webhooks.ts';
const TWILIO_CONNECTION_OVERRIDES = 'https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides';
const TWILIO_HTTP_TIMEOUTS = 'https://www.twilio.com/docs/errors/11205';
const TWILIO_REQUESTS = 'https://www.twilio.com/docs/usage/requests-to-twilio';
const TWILIO_429 = 'https://www.twilio.com/docs/api/errors/20429';
const TWILIO_QUEUE = 'https://www.twilio.com/docs/api/errors/30001';

// ── Twilio SendGrid ────────────────────────────────────────────────────────────────────────────────────────
const SG_EVENT_WEBHOOK_VERIFY = 'https://github.com/sendgrid/sendgrid-nodejs/blob/HEAD/packages/eventwebhook/src/eventwebhook.js';
const SG_EVENT_WEBHOOK = 'https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook';
const SG_PERSONALIZATIONS = 'https://github.com/sendgrid/sendgrid-python/blob/HEAD/sendgrid/helpers/mail/mail.py';

// ── Contentful ─────────────────────────────────────────────────────────────────────────────────────────────
const CF_VERIFY = 'https://www.contentful.com/developers/docs/webhooks/request-verification/';
const CF_SIGN = 'https://github.com/contentful/node-apps-toolkit/blob/main/src/requests/sign-request.ts';
const CF_IDEMPOTENCY = 'https://www.contentful.com/developers/changelog/idempotency-key-headers-for-webhook-requests/';
const CF_LIMITS = 'https://www.contentful.com/developers/docs/technical-limits-2025/';
const CF_RATE_HEADER = 'https://www.contentful.com/developers/api-changes/content-delivery-api-and-graphql-api-response-header/';
const CF_CDA = 'https://www.contentful.com/developers/docs/references/content-delivery-api/';
const CF_SYNC = 'https://github.com/contentful/contentful.js/blob/HEAD/lib/types/sync.ts';

export const DEVTOOLS: ProviderEntry[] = [
  // ── GitHub ───────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'github',
    name: 'GitHub',
    aliases: ['github.com', 'github api', 'github rest api', 'github graphql', 'github app', 'github apps', 'github webhooks', 'github enterprise cloud', 'ghec', 'gh api', 'gh'],
    kind: 'saas-api',
    category: 'devtools',
    description: 'code hosting and developer platform',
    covers: 'GitHub.com REST and GraphQL APIs, repository/organization/app webhooks, GitHub Apps',
    protocols: ['rest', 'graphql'],
    docs: ['docs.github.com', 'github.com/github', 'github.com/octokit'],
    push: [
      {
        type: 'webhook',
        payload: 'full',
        followUp: null,
        signature: {
          scheme: 'hmac-sha256',
          header: 'X-Hub-Signature-256 (`sha256=` + digest)',
          signedContent: 'the raw payload body (handle it as UTF-8)',
          encoding: 'hex',
          key: 'the webhook secret set on the repository, organization or GitHub App webhook',
          timestampHeader: null,
          replayWindowSeconds: null,
          note: 'only signed when a secret is configured; compare in constant time; GitHub suggests X-GitHub-Delivery to detect replays',
          source: GH_VALIDATE,
        },
        delivery: {
          retries: 'none automatically; redeliver missed deliveries yourself (web UI or the REST deliveries endpoints)',
          redeliveryWindowSeconds: 0,
          ackTimeoutSeconds: 10,
          ordering: null,
          eventIdField: 'X-GitHub-Delivery header (the same value on a redelivery)',
          onPersistentFailure: null,
          note: 'answer 2xx within 10 s (30 s on GitHub Enterprise Server) or the delivery fails; queue the work; X-GitHub-Event and the `action` key name the event',
          source: GH_BEST_PRACTICES,
        },
        note: 'GitHub does not redeliver failed deliveries; only deliveries from the past 3 days can be redelivered on GitHub.com, so a scheduled job must list and redeliver failures within that window',
        source: GH_REDELIVER,
      },
    ],
    auth: {
      methods: [
        {
          kind: 'app-installation-token',
          detail: 'GitHub App: sign a JWT with the app private key, exchange it for an installation access token that expires after 1 hour; actions are attributed to the app',
          unattended: true,
        },
        {
          kind: 'oauth-authorization-code',
          detail: 'GitHub App user access tokens (expire after 8 hours, refresh token valid 6 months) or OAuth app tokens, acting for the authorizing user',
          unattended: false,
        },
        { kind: 'personal-access-token', detail: 'fine-grained or classic personal access token of a user; counts against that user’s 5,000/h', unattended: true },
      ],
      recommended: 'app-installation-token',
      accessTokenLifetimeSeconds: 3600,
      refreshTokenLifetime: 'GitHub App user tokens: refresh token valid 6 months; using it returns a new access and refresh token and invalidates the old pair',
      refreshTokenRotates: true,
      scopes: 'a GitHub App granted only the repository and permission set it needs; the installation token works for REST, GraphQL and HTTPS Git',
      note: 'GitHub recommends a GitHub App over a personal access token for automation; the installation limit scales with repositories and users',
      source: GH_INSTALLATION,
    },
    limits: [
      { type: 'rate', scope: 'ip', appliesTo: 'unauthenticated REST requests', tier: null, label: '60 requests per hour per originating IP', requests: 60, windowSeconds: 3600, source: GH_REST_LIMITS },
      {
        type: 'rate',
        scope: 'user',
        appliesTo: 'REST requests with a PAT, OAuth app token or GitHub App user token',
        tier: null,
        label: '5,000 requests per hour per user, shared by all of that user’s tokens and apps',
        requests: 5000,
        windowSeconds: 3600,
        source: GH_REST_LIMITS,
      },
      {
        type: 'rate',
        scope: 'user',
        appliesTo: 'REST requests by a GitHub App or OAuth app owned/approved by an Enterprise Cloud organization',
        tier: 'GitHub Enterprise Cloud',
        label: '15,000 requests per hour per user',
        requests: 15000,
        windowSeconds: 3600,
        source: GH_REST_LIMITS,
      },
      {
        type: 'rate',
        scope: 'installation',
        appliesTo: 'REST requests with an installation access token',
        tier: null,
        label: '5,000 requests per hour per installation (minimum)',
        requests: 5000,
        windowSeconds: 3600,
        note: '+50/h per repository over 20 and per organization user over 20, capped at 12,500/h',
        source: GH_REST_LIMITS,
      },
      {
        type: 'rate',
        scope: 'installation',
        appliesTo: 'REST requests with an installation access token',
        tier: 'GitHub Enterprise Cloud',
        label: '15,000 requests per hour per installation on an Enterprise Cloud organization',
        requests: 15000,
        windowSeconds: 3600,
        source: GH_REST_LIMITS,
      },
      {
        type: 'points',
        scope: 'user',
        appliesTo: 'GraphQL API (primary limit)',
        tier: null,
        label: '5,000 points per hour per user (installations: 5,000 scaling to 12,500; Enterprise Cloud: 10,000)',
        bucket: 5000,
        restorePerSecond: 5000 / 3600,
        unit: 'points',
        costModel: 'requests needed to fill every connection (assume first/last reached), divided by 100 and rounded; minimum 1',
        typicalCost: 1,
        maxCostPerCall: null,
        note: 'the window resets hourly (x-ratelimit-reset); first/last must be 1–100 and a call may not request more than 500,000 nodes',
        source: GH_GRAPHQL_LIMITS,
      },
      {
        type: 'concurrency',
        scope: 'user',
        appliesTo: 'REST and GraphQL together (secondary limit)',
        tier: null,
        label: 'no more than 100 concurrent requests',
        max: 100,
        source: GH_SECONDARY,
      },
      {
        type: 'points',
        scope: 'endpoint',
        appliesTo: 'a single REST endpoint (secondary limit)',
        tier: null,
        label: 'no more than 900 points per minute per REST endpoint',
        bucket: 900,
        restorePerSecond: 15,
        unit: 'secondary-limit points',
        costModel: 'most GET/HEAD/OPTIONS 1 point; most POST/PATCH/PUT/DELETE 5 points; some endpoints cost more (not published)',
        typicalCost: 1,
        maxCostPerCall: null,
        source: GH_SECONDARY,
      },
      {
        type: 'points',
        scope: 'endpoint',
        appliesTo: 'GraphQL endpoint (secondary limit)',
        tier: null,
        label: 'no more than 2,000 points per minute for the GraphQL endpoint',
        bucket: 2000,
        restorePerSecond: 2000 / 60,
        unit: 'secondary-limit points',
        costModel: 'query 1 point; mutation 5 points',
        typicalCost: 1,
        maxCostPerCall: null,
        source: GH_SECONDARY,
      },
      {
        type: 'rate',
        scope: 'user',
        appliesTo: 'content-generating requests (secondary limit)',
        tier: null,
        label: 'about 80 content-generating requests per minute',
        requests: 80,
        windowSeconds: 60,
        note: 'also about 500 per hour; some endpoints are lower; web UI actions count too; secondary limits change without notice',
        source: GH_SECONDARY,
      },
    ],
    throttling: {
      status: 403,
      retryAfterHeader: true,
      headers: ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-used', 'x-ratelimit-reset', 'x-ratelimit-resource', 'retry-after'],
      signal:
        'REST: 403 or 429; primary limit has x-ratelimit-remaining 0 (wait until x-ratelimit-reset), secondary limit has an error message and maybe retry-after (else wait ≥1 min, then back off). GraphQL primary limit returns 200 with an error',
      source: GH_REST_LIMITS,
    },
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: {
      pagination: { style: 'link-header', maxPageSize: 100, source: GH_PAGINATION },
      incremental: { method: '`since` filter (updated at or after) on list endpoints such as repository issues, with webhooks as the primary feed', source: GH_ISSUES },
      bulkExport: null,
    },
  },

  // ── GitLab ───────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'gitlab',
    name: 'GitLab',
    aliases: ['gitlab.com', 'gitlab api', 'gitlab rest api', 'gitlab webhooks', 'gitlab saas'],
    kind: 'saas-api',
    category: 'devtools',
    description: 'DevOps platform (code hosting, CI/CD)',
    covers: 'GitLab.com REST API v4, project and group webhooks, OAuth 2.0 provider',
    protocols: ['rest', 'graphql'],
    docs: ['docs.gitlab.com', 'gitlab.com/gitlab-org'],
    push: [
      {
        type: 'webhook',
        payload: 'full',
        followUp: null,
        signature: {
          scheme: 'shared-token',
          header: 'X-Gitlab-Token',
          signedContent: null,
          encoding: null,
          key: 'the secret token entered on the webhook',
          timestampHeader: null,
          replayWindowSeconds: null,
          note: 'the token is echoed as-is; nothing is signed',
          source: GL_WEBHOOKS,
        },
        delivery: {
          retries: null,
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: 10,
          ordering: null,
          eventIdField: 'Idempotency-Key header (constant across retries, GitLab 17.4+); X-Gitlab-Event-UUID identifies the event',
          onPersistentFailure:
            'temporarily disabled after 4 consecutive failures (1 minute, growing to 24 h, then re-enabled); permanently disabled after 40 consecutive failures until a test request returns 2xx',
          note: '4xx, 5xx, timeouts and other HTTP errors count as failures; expect duplicates after timeouts; Recent events (2 days) can resend with the same Idempotency-Key; a push touching more than 3 branches or tags sends nothing',
          source: GL_WEBHOOKS,
        },
        note: 'GitLab.com: 10 s timeout, 25 MB maximum payload, up to 100 webhooks per project and 50 per group; webhook calls per top-level namespace per minute are capped by plan',
        source: GL_COM_WEBHOOK_LIMITS,
      },
    ],
    auth: {
      methods: [
        { kind: 'personal-access-token', detail: 'personal access token; requests count against the owning user’s limits', unattended: true },
        {
          kind: 'oauth-authorization-code',
          detail: 'OAuth 2.0 authorization code (with PKCE recommended); access token 7,200 s; refreshing invalidates the old access and refresh tokens',
          unattended: false,
        },
      ],
      recommended: 'personal-access-token',
      accessTokenLifetimeSeconds: 7200,
      refreshTokenLifetime: 'not documented; each refresh returns a new refresh token and invalidates the previous one',
      refreshTokenRotates: true,
      scopes: 'request only the scopes needed (e.g. read_api instead of api)',
      source: GL_OAUTH,
    },
    limits: [
      { type: 'rate', scope: 'user', appliesTo: 'authenticated API traffic', tier: 'GitLab.com', label: '2,000 API requests per minute per user', requests: 2000, windowSeconds: 60, source: GL_RATE_LIMITS },
      { type: 'rate', scope: 'ip', appliesTo: 'unauthenticated traffic', tier: 'GitLab.com', label: '500 requests per minute per IP', requests: 500, windowSeconds: 60, source: GL_RATE_LIMITS },
      { type: 'rate', scope: 'ip', appliesTo: 'all traffic from one IP', tier: 'GitLab.com', label: '2,000 requests per minute per IP', requests: 2000, windowSeconds: 60, source: GL_RATE_LIMITS },
      {
        type: 'rate',
        scope: 'tenant',
        appliesTo: 'webhook calls GitLab sends for one top-level namespace',
        tier: 'GitLab.com Free',
        label: '500 webhook calls per minute per top-level namespace',
        requests: 500,
        windowSeconds: 60,
        note: 'Premium 1,600–4,000 and Ultimate 6,000–13,000 per minute depending on seats',
        source: GL_COM_WEBHOOK_LIMITS,
      },
    ],
    throttling: {
      status: 429,
      retryAfterHeader: true,
      headers: ['Retry-After', 'RateLimit-ResetTime', 'RateLimit-Limit', 'RateLimit-Remaining'],
      signal: '429 Too Many Requests; wait Retry-After seconds; Projects, Groups and Users API limits send no informational headers',
      source: GL_RATE_LIMITS,
    },
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: {
      pagination: { style: 'offset', maxPageSize: 100, source: GL_PAGINATION },
      incremental: { method: '`updated_after` filter on issues (and similar list endpoints)', note: 'keyset pagination exists for some endpoints', source: GL_ISSUES },
      bulkExport: null,
    },
  },

  // ── Bitbucket Cloud ──────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'bitbucket',
    name: 'Bitbucket Cloud',
    aliases: ['bitbucket', 'bitbucket.org', 'bitbucket api', 'bitbucket webhooks'],
    kind: 'saas-api',
    category: 'devtools',
    description: 'Git code hosting (Atlassian)',
    covers: 'Bitbucket Cloud REST API 2.0 and repository webhooks',
    protocols: ['rest'],
    docs: ['support.atlassian.com', 'developer.atlassian.com', 'confluence.atlassian.com', 'bitbucket.org'],
    push: [
      {
        type: 'webhook',
        payload: null,
        followUp: null,
        signature: null,
        delivery: {
          retries: null,
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: null,
          ordering: null,
          eventIdField: null,
          onPersistentFailure: null,
          note: 'payloads are limited to 256 KB and a larger one may silently not be sent; the request log (history must be enabled) shows outcomes',
          source: BB_WEBHOOK_KB,
        },
        note: 'repository webhooks; Bitbucket announced (2023) that a webhook secret can sign payloads — header and algorithm not confirmed on a vendor page here',
        source: BB_WEBHOOKS,
      },
    ],
    auth: {
      methods: [
        {
          kind: 'api-key',
          detail: 'repository, project or workspace access token: bound to the resource, not a user; scopes set at creation; appears as its own “user”',
          unattended: true,
        },
        { kind: 'basic', detail: 'Atlassian account email + API token (app passwords stop working on 9 June 2026)', unattended: true },
        { kind: 'oauth-authorization-code', detail: 'OAuth 2.0 consumer created in a workspace', unattended: false },
      ],
      recommended: 'api-key',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'workspace/project/repository access token with only the scopes needed (e.g. repository, pullrequest read)',
      note: 'some APIs are not available to access tokens',
      source: BB_AUTH,
    },
    limits: [
      {
        type: 'rate',
        scope: 'user',
        appliesTo: 'authenticated API requests',
        tier: null,
        label: '1,000 requests per rolling hour per user',
        requests: 1000,
        windowSeconds: 3600,
        note: 'repository data (/2.0/repositories/*) uses scaled limits of 1,000–10,000 per hour; limits may change dynamically',
        source: BB_LIMITS,
      },
      { type: 'rate', scope: 'ip', appliesTo: 'anonymous requests', tier: null, label: '60 requests per hour across all resources', requests: 60, windowSeconds: 3600, source: BB_LIMITS },
    ],
    throttling: { status: 429, retryAfterHeader: null, headers: [], signal: '429 response when an API rate limit is hit; handle with backoff', source: BB_429 },
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: { pagination: null, incremental: null, bulkExport: null },
  },

  // ── Jira Cloud ───────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'jira',
    name: 'Jira Cloud',
    aliases: ['jira', 'jira software', 'atlassian jira', 'jira api', 'jira rest api', 'jira webhooks'],
    kind: 'saas-api',
    category: 'devtools',
    description: 'issue and project tracker',
    covers: 'Jira Cloud platform REST API v3, admin webhooks and app (dynamic) webhooks',
    protocols: ['rest', 'graphql'],
    docs: ['developer.atlassian.com', 'support.atlassian.com', 'confluence.atlassian.com'],
    push: [
      {
        type: 'webhook',
        payload: 'full',
        followUp: null,
        signature: {
          scheme: 'hmac-sha256',
          header: 'X-Hub-Signature (`sha256=` + digest)',
          signedContent: 'the request body',
          encoding: 'hex',
          key: 'the secret saved on the admin webhook',
          timestampHeader: null,
          replayWindowSeconds: null,
          note: 'admin webhooks only (Jira admin UI or /rest/webhooks/1.0/webhook); format quoted from Atlassian’s Jira Data Center page — confirm for Cloud; app-registered webhooks are authenticated differently',
          source: JIRA_DC_WEBHOOK_SECRET,
        },
        delivery: {
          retries: 'Jira webhooks are retried (schedule not documented on the pages read)',
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: null,
          ordering: null,
          eventIdField: null,
          onPersistentFailure: null,
          source: JIRA_WEBHOOK_RETRIES,
        },
        note: 'receivers must allow-list Atlassian outgoing IP ranges',
        source: JIRA_WEBHOOKS,
      },
      {
        type: 'subscription',
        payload: 'full',
        followUp: null,
        signature: null,
        delivery: null,
        maxLifetimeSeconds: 30 * 86_400,
        renewal: 'PUT /rest/api/3/webhook/refresh with the webhook ids before expirationDate; registered only by Connect and OAuth 2.0 apps, filtered by JQL',
        validation: null,
        lifecycleEvents: null,
        resync: 'GET /rest/api/3/webhook/failed lists deliveries that failed after the maximum retries; backfill with a JQL search',
        note: 'dynamic webhooks registered through the REST API expire after 30 days unless refreshed',
        source: JIRA_DYNAMIC_WEBHOOKS,
      },
    ],
    auth: {
      methods: [
        { kind: 'basic', detail: 'Atlassian account email + API token; governed by burst limits, not the points quota', unattended: true },
        { kind: 'oauth-authorization-code', detail: 'OAuth 2.0 (3LO) app acting for the consenting user; subject to points-based quotas', unattended: false },
      ],
      recommended: 'basic',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: null,
      note: 'Forge and Connect apps also call the API (Connect is being phased out in favour of Forge)',
      source: JIRA_LIMITS,
    },
    limits: [
      {
        type: 'quota',
        scope: 'app',
        appliesTo: 'Forge, Connect and OAuth 2.0 (3LO) apps (from 2 March 2026)',
        tier: 'Global pool (default)',
        label: '65,000 points per hour shared across all tenants',
        amount: 65000,
        periodSeconds: 3600,
        unit: 'points (base 1 + 1 per core object read, 2 per user/group object; writes 1)',
        rolling: false,
        note: 'resets at the top of each UTC hour',
        source: JIRA_LIMITS,
      },
      {
        type: 'quota',
        scope: 'tenant',
        appliesTo: 'apps assigned to the per-tenant pool after review',
        tier: 'Per-tenant pool, Standard edition',
        label: '100,000 + 10 × users points per hour per tenant (max 500,000)',
        amount: 100000,
        periodSeconds: 3600,
        unit: 'points',
        rolling: false,
        note: 'Premium 130,000 + 20/user, Enterprise 150,000 + 30/user, Free 65,000',
        source: JIRA_LIMITS,
      },
      {
        type: 'rate',
        scope: 'endpoint',
        appliesTo: 'GET and POST per tenant, endpoint and method (burst limit)',
        tier: null,
        label: '100 requests per second steady state',
        requests: 100,
        windowSeconds: 1,
        note: 'token bucket with a burst buffer; some endpoints have their own values (e.g. GET issue 150/s)',
        source: JIRA_LIMITS,
      },
      {
        type: 'rate',
        scope: 'endpoint',
        appliesTo: 'PUT and DELETE per tenant, endpoint and method (burst limit)',
        tier: null,
        label: '50 requests per second steady state',
        requests: 50,
        windowSeconds: 1,
        source: JIRA_LIMITS,
      },
      {
        type: 'rate',
        scope: 'object',
        appliesTo: 'writes to one issue',
        tier: null,
        label: '20 writes per 2 seconds per issue (and 100 per 30 seconds)',
        requests: 20,
        windowSeconds: 2,
        source: JIRA_LIMITS,
      },
    ],
    throttling: {
      status: 429,
      retryAfterHeader: true,
      headers: ['Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'RateLimit-Reason'],
      signal: '429; RateLimit-Reason says which limit: jira-quota-global-based / jira-quota-tenant-based, jira-burst-based, jira-per-issue-on-write',
      source: JIRA_LIMITS,
    },
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: { pagination: null, incremental: null, bulkExport: null },
  },

  // ── Linear ───────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'linear',
    name: 'Linear',
    aliases: ['linear.app', 'linear api', 'linear graphql', 'linear webhooks', 'linear issues'],
    kind: 'saas-api',
    category: 'devtools',
    description: 'issue tracking and product planning',
    covers: 'GraphQL API, webhooks, OAuth 2.0 apps',
    protocols: ['graphql'],
    docs: ['linear.app', 'github.com/linear'],
    push: [
      {
        type: 'webhook',
        payload: 'full',
        followUp: null,
        signature: {
          scheme: 'hmac-sha256',
          header: 'Linear-Signature',
          signedContent: 'the raw request body',
          encoding: 'hex',
          key: 'the webhook signing secret',
          timestampHeader: 'webhookTimestamp field in the JSON body (epoch ms)',
          replayWindowSeconds: 60,
          note: 'Linear’s SDK rejects a timestamp more than one minute from the current time',
          source: LINEAR_WEBHOOK_VERIFY,
        },
        delivery: null,
        note: 'Linear recommends webhooks instead of polling',
        source: LINEAR_WEBHOOKS,
      },
    ],
    auth: {
      methods: [
        { kind: 'api-key', detail: 'personal API key sent as `Authorization: <API_KEY>`; quotas are per user across all their keys', unattended: true },
        {
          kind: 'oauth-authorization-code',
          detail: 'OAuth 2.0 (PKCE supported); with refresh tokens (default for apps created from 1 Oct 2025) the access token lasts 24 h and each refresh returns a new refresh token',
          unattended: false,
        },
        {
          kind: 'oauth-client-credentials',
          detail: 'client_credentials grant (must be enabled on the app): app-actor token valid 30 days, one active per app, no refresh — request a new one on 401',
          unattended: true,
        },
      ],
      recommended: 'oauth-client-credentials',
      accessTokenLifetimeSeconds: 86400,
      refreshTokenLifetime: 'not documented; each refresh returns a new refresh token',
      refreshTokenRotates: true,
      scopes: 'read plus the narrowest write scope needed (issues:create, comments:create) rather than write or admin',
      source: LINEAR_OAUTH,
    },
    limits: [
      { type: 'rate', scope: 'user', appliesTo: 'requests with an API key', tier: null, label: '1,500 requests per hour per user', requests: 1500, windowSeconds: 3600, source: LINEAR_LIMITS },
      { type: 'rate', scope: 'app', appliesTo: 'requests with an OAuth app token', tier: null, label: '1,200 requests per hour per user (or app user)', requests: 1200, windowSeconds: 3600, source: LINEAR_LIMITS },
      {
        type: 'points',
        scope: 'user',
        appliesTo: 'query complexity with an API key',
        tier: null,
        label: '250,000 complexity points per hour per user (OAuth apps 200,000)',
        bucket: 250000,
        restorePerSecond: 250000 / 3600,
        unit: 'complexity points',
        costModel: 'property 0.1, object 1, connections multiply their children by first/last (default 50); rounded up',
        typicalCost: null,
        maxCostPerCall: 10000,
        note: 'leaky bucket refilled at a constant rate; limits are evolving, read the X-RateLimit-* headers',
        source: LINEAR_LIMITS,
      },
    ],
    throttling: {
      status: null,
      retryAfterHeader: null,
      headers: ['X-RateLimit-Requests-Remaining', 'X-RateLimit-Requests-Reset', 'X-Complexity', 'X-RateLimit-Complexity-Remaining', 'X-RateLimit-Complexity-Reset'],
      signal: 'GraphQL error with extensions.code RATELIMITED; some queries/mutations have their own lower limits (X-RateLimit-Endpoint-* headers)',
      source: LINEAR_LIMITS,
    },
    writes: {
      upsert: {
        supported: true,
        key: 'attachment url + issueId (attachments only)',
        note: 'creating an attachment with the same URL on the same issue updates the existing one',
        source: LINEAR_ATTACHMENTS,
      },
      idempotencyKey: null,
      bulk: null,
    },
    reads: {
      pagination: { style: 'cursor', maxPageSize: null, source: LINEAR_PAGINATION },
      incremental: { method: 'order by updatedAt and filter updatedAt with gt', note: 'default page size 50; archived records need includeArchived: true', source: LINEAR_FILTERING },
      bulkExport: null,
    },
  },

  // ── PagerDuty ────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'pagerduty',
    name: 'PagerDuty',
    aliases: ['pager duty', 'pd', 'pagerduty api', 'pagerduty events api', 'pagerduty webhooks'],
    kind: 'saas-api',
    category: 'itsm',
    description: 'incident response and on-call platform',
    covers: 'REST API v2, Events API v2 (alert ingestion), V3 webhook subscriptions',
    protocols: ['rest'],
    docs: ['developer.pagerduty.com', 'support.pagerduty.com', 'github.com/PagerDuty'],
    push: [
      {
        type: 'webhook',
        payload: null,
        followUp: null,
        signature: {
          scheme: 'hmac-sha256',
          header: 'X-PagerDuty-Signature (`v1=` + digest, comma-separated when several secrets are active)',
          signedContent: 'the raw request body',
          encoding: 'hex',
          key: 'the secret returned when the webhook subscription is created',
          timestampHeader: null,
          replayWindowSeconds: null,
          note: 'accept if any v1 signature matches (allows zero-downtime rotation); mutual TLS and OAuth client credentials are also offered',
          source: PD_WEBHOOK_SIGNATURES,
        },
        delivery: {
          retries: 'timeouts, 5xx, 429, connection/DNS errors and expired certificates are retried periodically for up to 48 h; other 4xx and TLS errors are dropped',
          redeliveryWindowSeconds: 48 * 3600,
          ackTimeoutSeconds: 5,
          ordering: 'per-key',
          eventIdField: 'X-Webhook-Id header (same on every attempt)',
          onPersistentFailure: 'after 3 consecutive dropped webhooks the subscription is disabled for 24 h and its queue dropped; re-enable in the UI or via REST',
          note: 'ordered per extension/subscription and incident; later webhooks queue behind a retrying one; at-least-once; delivery guaranteed up to 55 KB, over 256 KB dropped',
          source: PD_WEBHOOK_BEHAVIOR,
        },
        source: PD_WEBHOOK_BEHAVIOR,
      },
    ],
    auth: {
      methods: [
        {
          kind: 'oauth-client-credentials',
          detail: 'Scoped OAuth private app: client_credentials app token limited to the granted scopes, expires after 1 day; request a new one (no refresh)',
          unattended: true,
        },
        { kind: 'api-key', detail: 'Account API key (`Authorization: Token token=…`), full or read-only access to the whole account', unattended: true },
        { kind: 'api-key', detail: 'User API key, acting as that user (disabled if the user leaves)', unattended: true },
        { kind: 'oauth-authorization-code', detail: 'authorization code with PKCE for user tokens (Scoped or Classic User OAuth); refresh with refresh_token', unattended: false },
      ],
      recommended: 'oauth-client-credentials',
      accessTokenLifetimeSeconds: 86400,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'Scoped OAuth scopes per endpoint (e.g. incidents.read); Classic User OAuth only read or write',
      source: PD_APP_TOKENS,
    },
    limits: [
      { type: 'rate', scope: 'account', appliesTo: 'REST API with an Account API key', tier: null, label: '960 requests per minute per account API key', requests: 960, windowSeconds: 60, source: PD_REST_LIMITS },
      { type: 'rate', scope: 'user', appliesTo: 'REST API with User API keys or user OAuth tokens', tier: null, label: '960 requests per minute per user', requests: 960, windowSeconds: 60, source: PD_REST_LIMITS },
      {
        type: 'rate',
        scope: 'app',
        appliesTo: 'REST API with an app OAuth token',
        tier: null,
        label: '960 requests per minute per app per authorized account',
        requests: 960,
        windowSeconds: 60,
        note: 'some operations add their own limits; make requests serially per token',
        source: PD_REST_LIMITS,
      },
      {
        type: 'rate',
        scope: 'endpoint',
        appliesTo: 'Events API v2 per integration (routing) key',
        tier: null,
        label: 'about 120 events per minute per integration key (rolling 60 s)',
        requests: 120,
        windowSeconds: 60,
        note: 'account-level limits also apply; on 429 the event is not ingested — retry after a pause or fan out over more integration keys',
        source: PD_EVENTS_LIMITS,
      },
    ],
    throttling: {
      status: 429,
      retryAfterHeader: null,
      headers: ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'],
      signal: '429 with error code 2020; ratelimit-reset is seconds until reset (headers may be absent in exceptional cases)',
      source: PD_REST_LIMITS,
    },
    writes: {
      upsert: null,
      idempotencyKey: {
        supported: true,
        header: null,
        retentionSeconds: null,
        note: 'Events API v2 `dedup_key` (≤255 chars) applies triggers/acks/resolves to one open alert; must use the same routing_key; after resolve a new trigger opens a new alert',
        source: PD_EVENTS_TRIGGER,
      },
      bulk: null,
    },
    reads: {
      pagination: { style: 'offset', maxPageSize: 100, source: PD_PAGINATION },
      incremental: null,
      bulkExport: null,
    },
  },

  // ── Datadog ──────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'datadog',
    name: 'Datadog',
    aliases: ['data dog', 'datadog api', 'datadoghq', 'dd api'],
    kind: 'saas-api',
    category: 'observability',
    description: 'monitoring and observability platform',
    covers: 'HTTP API v1/v2 and the Webhooks integration (outbound monitor notifications)',
    protocols: ['rest'],
    docs: ['docs.datadoghq.com', 'github.com/DataDog'],
    push: [
      {
        type: 'webhook',
        payload: null,
        followUp: null,
        signature: {
          scheme: 'shared-token',
          header: null,
          signedContent: null,
          encoding: null,
          key: 'a value you place in the webhook’s custom headers (JSON)',
          timestampHeader: null,
          replayWindowSeconds: null,
          note: 'no signature is documented; authenticity rests on custom headers you configure',
          source: DD_WEBHOOKS_API,
        },
        delivery: {
          retries: 'retried only on internal errors or a 5xx from the endpoint; up to 5 retries on connection failure',
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: 15,
          ordering: null,
          eventIdField: null,
          onPersistentFailure: null,
          source: DD_WEBHOOKS,
        },
        note: 'sent when a monitor notification mentions @webhook-<name>; the payload is a template you define with variables ($ALERT_ID, $AGGREG_KEY …)',
        source: DD_WEBHOOKS,
      },
    ],
    auth: {
      methods: [
        { kind: 'api-key', detail: 'DD-API-KEY header, plus DD-APPLICATION-KEY for most read/management endpoints', unattended: true },
        { kind: 'oauth-authorization-code', detail: 'OAuth apps with authorization scopes (e.g. create_webhooks)', unattended: false },
      ],
      recommended: 'api-key',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: null,
      source: DD_KEYS,
    },
    limits: [
      { type: 'rate', scope: 'account', appliesTo: 'event submission', tier: null, label: '250,000 events per minute per organization', requests: 250000, windowSeconds: 60, source: DD_LIMITS },
    ],
    throttling: {
      status: 429,
      retryAfterHeader: null,
      headers: ['X-RateLimit-Limit', 'X-RateLimit-Period', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'X-RateLimit-Name'],
      signal: '429; per-endpoint limits are reported in the headers (metric and log submission are not rate limited; bounded by your custom-metric agreement)',
      source: DD_LIMITS,
    },
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: { pagination: null, incremental: null, bulkExport: null },
  },

  // ── Sentry ───────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'sentry',
    name: 'Sentry',
    aliases: ['sentry.io', 'sentry api', 'sentry webhooks', 'sentry integration platform'],
    kind: 'saas-api',
    category: 'observability',
    description: 'error and performance monitoring',
    covers: 'Web API and integration-platform webhooks (internal and public integrations)',
    protocols: ['rest'],
    docs: ['docs.sentry.io', 'github.com/getsentry'],
    push: [
      {
        type: 'webhook',
        payload: 'full',
        followUp: null,
        signature: {
          scheme: 'hmac-sha256',
          header: 'Sentry-Hook-Signature',
          signedContent: 'the JSON request body',
          encoding: 'hex',
          key: 'the integration’s client secret',
          timestampHeader: 'Sentry-Hook-Timestamp',
          replayWindowSeconds: null,
          note: 'Sentry-Hook-Resource names the resource (installation, issue, event_alert, metric_alert, error, comment)',
          source: SENTRY_WEBHOOKS,
        },
        delivery: {
          retries: null,
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: 1,
          ordering: null,
          eventIdField: 'Request-ID header',
          onPersistentFailure: '1,000 timeouts within 24 h unsubscribes the webhook',
          note: 'respond within 1 second; queue the work',
          source: SENTRY_WEBHOOKS,
        },
        source: SENTRY_WEBHOOKS,
      },
    ],
    auth: {
      methods: [
        { kind: 'api-key', detail: 'internal integration token for one organization', unattended: true },
        {
          kind: 'app-installation-token',
          detail: 'public integration: exchange the installation grant code for a token that expires every 8 hours; refresh returns a new refreshToken',
          unattended: true,
        },
      ],
      recommended: 'api-key',
      accessTokenLifetimeSeconds: 28800,
      refreshTokenLifetime: 'not documented; each refresh returns a new refreshToken',
      refreshTokenRotates: true,
      scopes: 'grant the integration only the permissions it needs',
      note: 'internal integrations are documented separately',
      source: SENTRY_PUBLIC_INTEGRATION,
    },
    limits: [],
    throttling: {
      status: null,
      retryAfterHeader: null,
      headers: [
        'X-Sentry-Rate-Limit-Limit',
        'X-Sentry-Rate-Limit-Remaining',
        'X-Sentry-Rate-Limit-Reset',
        'X-Sentry-Rate-Limit-ConcurrentLimit',
        'X-Sentry-Rate-Limit-ConcurrentRemaining',
      ],
      signal: 'per caller + endpoint: fixed-window request limit and a concurrency limit, each endpoint its own values; requests over either are rejected',
      source: SENTRY_LIMITS,
    },
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: { pagination: null, incremental: null, bulkExport: null },
  },

  // ── ServiceNow ───────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'servicenow',
    name: 'ServiceNow',
    aliases: ['service now', 'sn', 'snow', 'servicenow itsm', 'servicenow table api', 'now platform'],
    kind: 'saas-api',
    category: 'itsm',
    description: 'IT service management platform',
    covers: 'Table API, Import Set API, inbound REST rate-limit rules, outbound REST from business rules',
    protocols: ['rest', 'soap'],
    docs: ['servicenow.com', 'developer.servicenow.com', 'github.com/ServiceNow'],
    push: [
      {
        type: 'webhook',
        payload: null,
        followUp: null,
        signature: null,
        delivery: null,
        note: 'no built-in webhook service: a business rule (or flow) sends outbound REST (RESTMessageV2; executeAsync does not wait) — payload, auth, signing and retries are what the instance owner builds',
        source: SN_OUTBOUND_REST,
      },
    ],
    auth: {
      methods: [
        {
          kind: 'oauth-client-credentials',
          detail: 'inbound client credentials grant; off by default — create glide.oauth.inbound.client.credential.grant_type.enabled and set an OAuth Application User',
          unattended: true,
        },
        { kind: 'basic', detail: 'HTTP Basic with an integration user; table ACLs still apply', unattended: true },
        { kind: 'oauth-authorization-code', detail: 'OAuth authorization code for user-delegated access', unattended: false },
      ],
      recommended: 'oauth-client-credentials',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'a dedicated integration user with roles/ACLs limited to the tables used',
      source: SN_CLIENT_CREDENTIALS,
    },
    limits: [],
    throttling: {
      status: 429,
      retryAfterHeader: null,
      headers: ['X-RateLimit-Limit', 'X-RateLimit-Reset', 'X-RateLimit-Rule'],
      signal:
        '429 when an admin-defined rate-limit rule (requests per hour, per user / role / all users) is exceeded; no fixed global number — single-user rules beat role rules beat all-user rules; counts sync every 30 s',
      source: SN_RATE_LIMITS,
    },
    writes: {
      upsert: null,
      idempotencyKey: null,
      bulk: {
        supported: true,
        endpoint: 'POST /api/now/import/{stagingTableName}/insertMultiple',
        maxRecords: null,
        async: true,
        note: 'loads a staging table and runs its transform maps; asynchronous by default (sync configurable in sys_rest_insert_multiple); run_after chains import sets',
        source: SN_IMPORT_SET_API,
      },
    },
    reads: {
      pagination: { style: 'offset', maxPageSize: null, source: SN_TABLE_API },
      incremental: {
        method: 'Table API sysparm_query on sys_updated_on with ORDERBYsys_updated_on',
        note: 'sysparm_limit defaults to 10,000; page with sysparm_offset or the Link header; X-Total-Count gives the total',
        source: SN_TABLE_API,
      },
      bulkExport: null,
    },
  },

  // ── Okta ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'okta',
    name: 'Okta',
    aliases: ['okta api', 'okta workforce identity', 'okta event hooks', 'okta sso'],
    kind: 'saas-api',
    category: 'identity',
    description: 'identity provider (SSO and user directory)',
    covers: 'Okta management APIs, System Log, event hooks, OAuth for Okta service apps',
    protocols: ['rest'],
    docs: ['developer.okta.com', 'help.okta.com', 'github.com/okta'],
    push: [
      {
        type: 'webhook',
        payload: 'full',
        followUp: null,
        signature: {
          scheme: 'shared-token',
          header: 'Authorization (or the header name configured on the hook)',
          signedContent: null,
          encoding: null,
          key: 'the secret value set on the event hook',
          timestampHeader: null,
          replayWindowSeconds: null,
          note: 'no signature; a one-time GET carries X-Okta-Verification-Challenge and must be echoed as {"verification": value} before the hook is active',
          source: OKTA_EVENT_HOOKS,
        },
        validation: 'a one-time GET carries X-Okta-Verification-Challenge, echoed as {"verification": value} before the hook is active',
        delivery: {
          retries: 'at most one retry; 4xx responses are not retried',
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: 3,
          ordering: 'none',
          eventIdField: 'data.events[].uuid',
          onPersistentFailure: 'failures are logged as event_hook.delivery events in the System Log; nothing is redelivered',
          note: 'best effort, at least once; several events may be batched in one POST; order by data.events[].published',
          source: OKTA_EVENT_HOOKS,
        },
        note: 'up to 25 active, verified event hooks per org; the System Log API is the polling fallback',
        source: OKTA_EVENT_HOOKS_MAX,
      },
    ],
    auth: {
      methods: [
        {
          kind: 'oauth-client-credentials',
          detail: 'API Services (service) app: client_credentials with private_key_jwt only; scoped okta.* token fixed at 1 hour; needs admin roles assigned',
          unattended: true,
        },
        { kind: 'api-key', detail: 'SSWS API token created in the Admin Console', unattended: true },
      ],
      recommended: 'oauth-client-credentials',
      accessTokenLifetimeSeconds: 3600,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'grant only the okta.* scopes needed (e.g. okta.users.read) and a constrained admin role; a new service app gets 50% of rate-limit capacity by default',
      source: OKTA_SERVICE_APP,
    },
    limits: [
      {
        type: 'rate',
        scope: 'endpoint',
        appliesTo: 'GET/POST /api/v1/users (org-wide)',
        tier: 'Enterprise / Workforce Identity',
        label: '600 requests per minute',
        requests: 600,
        windowSeconds: 60,
        source: OKTA_MGMT_LIMITS,
      },
      { type: 'rate', scope: 'endpoint', appliesTo: '/api/v1/logs (System Log)', tier: 'Workforce Identity', label: '120 requests per minute', requests: 120, windowSeconds: 60, source: OKTA_MGMT_LIMITS },
      { type: 'rate', scope: 'endpoint', appliesTo: '/api/v1/logs (System Log)', tier: 'Enterprise', label: '50 requests per minute', requests: 50, windowSeconds: 60, source: OKTA_MGMT_LIMITS },
      {
        type: 'rate',
        scope: 'endpoint',
        appliesTo: 'most other /api/v1 actions',
        tier: 'Workforce Identity',
        label: '1,200 requests per minute (Enterprise 600)',
        requests: 1200,
        windowSeconds: 60,
        source: OKTA_MGMT_LIMITS,
      },
      {
        type: 'concurrency',
        scope: 'tenant',
        appliesTo: 'API and other non-agent, non-Office 365 traffic',
        tier: 'Enterprise / Workforce Identity',
        label: '75 concurrent requests per org',
        max: 75,
        source: OKTA_ADDITIONAL_LIMITS,
      },
    ],
    throttling: {
      status: 429,
      retryAfterHeader: null,
      headers: ['X-Rate-Limit-Limit', 'X-Rate-Limit-Remaining', 'X-Rate-Limit-Reset'],
      signal: '429; X-Rate-Limit-Reset is UTC epoch seconds; a concurrency violation reports Limit and Remaining as 0',
      source: OKTA_BEST_PRACTICES,
    },
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: {
      pagination: null,
      incremental: { method: 'poll the System Log API (/api/v1/logs) for the event types of interest', source: OKTA_EVENT_HOOKS },
      bulkExport: null,
    },
  },

  // ── Auth0 ────────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'auth0',
    name: 'Auth0',
    aliases: ['auth0 management api', 'auth0 log streams', 'auth0 by okta', 'auth0 tenant'],
    kind: 'saas-api',
    category: 'identity',
    description: 'customer identity platform',
    covers: 'Management API v2, Authentication API, log streams (custom webhook), Events (Early Access)',
    protocols: ['rest'],
    docs: ['auth0.com'],
    push: [
      {
        type: 'webhook',
        payload: 'full',
        followUp: null,
        signature: {
          scheme: 'shared-token',
          header: 'Authorization',
          signedContent: null,
          encoding: null,
          key: 'the optional Authorization Token set on the custom webhook log stream',
          timestampHeader: null,
          replayWindowSeconds: null,
          source: AUTH0_LOG_STREAM_WEBHOOK,
        },
        delivery: null,
        note: 'custom webhook log stream: tenant log events as JSON lines, arrays or objects, one payload URL per stream, filterable by event category; self-signed certificates not supported',
        source: AUTH0_LOG_STREAM_WEBHOOK,
      },
      {
        type: 'webhook',
        payload: 'full',
        followUp: null,
        signature: null,
        delivery: {
          retries: 'a non-2xx response is treated as failed and retried',
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: null,
          ordering: 'none',
          eventIdField: 'event id',
          onPersistentFailure: null,
          note: 'duplicates possible; order is not guaranteed',
          source: AUTH0_EVENTS,
        },
        note: 'Events (Early Access): CloudEvents such as user.created delivered to webhooks or AWS EventBridge',
        source: AUTH0_EVENTS,
      },
    ],
    auth: {
      methods: [
        {
          kind: 'oauth-client-credentials',
          detail: 'machine-to-machine application: client_credentials with audience https://{domain}/api/v2/ for a Management API token (JWT with granted scopes)',
          unattended: true,
        },
      ],
      recommended: 'oauth-client-credentials',
      accessTokenLifetimeSeconds: 86400,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'grant the M2M app only the Management API scopes it needs; keep create/update:client_grants for high-privilege apps',
      note: 'Management API tokens last 24 h and cannot be renewed or revoked — request a new one',
      source: AUTH0_MGMT_TOKEN_LIFETIME,
    },
    limits: [
      {
        type: 'rate',
        scope: 'tenant',
        appliesTo: 'Authentication API (global)',
        tier: 'Enterprise, production tenant',
        label: '100 requests per second sustained',
        requests: 100,
        windowSeconds: 1,
        source: AUTH0_LIMITS_ENTERPRISE,
      },
      {
        type: 'rate',
        scope: 'tenant',
        appliesTo: 'Authentication API (global)',
        tier: 'Essentials / Professional',
        label: '25 requests per second sustained (burst 25)',
        requests: 25,
        windowSeconds: 1,
        source: AUTH0_LIMITS_ESSENTIALS,
      },
      {
        type: 'rate',
        scope: 'tenant',
        appliesTo: 'Management API (global)',
        tier: 'Private Cloud Basic 100 RPS',
        label: '50 requests per second sustained (burst 50)',
        requests: 50,
        windowSeconds: 1,
        note: 'per-endpoint buckets are lower (e.g. Get Organizations 100/min)',
        source: AUTH0_LIMITS_PRIVATE_BASIC,
      },
    ],
    throttling: null,
    writes: { upsert: null, idempotencyKey: null, bulk: null },
    reads: { pagination: null, incremental: null, bulkExport: null },
  },

  // ── Twilio ───────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'twilio',
    name: 'Twilio',
    aliases: ['twilio api', 'twilio sms', 'twilio messaging', 'twilio voice', 'programmable messaging', 'twilio whatsapp'],
    kind: 'saas-api',
    category: 'communications',
    description: 'SMS, voice and messaging APIs',
    covers: 'Programmable Messaging and Voice REST APIs, incoming-message and status callbacks',
    protocols: ['rest'],
    docs: ['twilio.com', 'github.com/twilio'],
    push: [
      {
        type: 'webhook',
        payload: 'full',
        followUp: null,
        signature: {
          scheme: 'hmac-sha1',
          header: 'X-Twilio-Signature',
          signedContent: 'the full callback URL (with query string) followed by each POST parameter name + value, sorted by name',
          encoding: 'base64',
          key: 'the account Auth Token',
          timestampHeader: null,
          replayWindowSeconds: null,
          note: 'for JSON bodies the URL carries bodySHA256 (hex SHA-256 of the body) and the parameters are left out',
          source: TWILIO_SIGNATURE,
        },
        delivery: {
          retries: 'none by default: a failed callback fails the request and the fallback URL (if set) is tried; retries are opt-in per URL with the #rc/#rp connection-override fragment',
          redeliveryWindowSeconds: 0,
          ackTimeoutSeconds: 15,
          ordering: null,
          eventIdField: null,
          onPersistentFailure: null,
          note: '10 s to connect (two 5 s tries), 15 s in total for the HTTP response; timeouts and retries can be tuned with connection overrides',
          source: TWILIO_HTTP_TIMEOUTS,
        },
        note: 'Twilio sends an HTTP request (usually POST) to the URL configured for the event; connection overrides set timeouts, retries and the egress edge per URL',
        source: TWILIO_CONNECTION_OVERRIDES,
      },
    ],
    auth: {
      methods: [
        { kind: 'api-key', detail: 'API key SID + secret as HTTP Basic; revocable per key; Restricted keys limit resources', unattended: true },
        { kind: 'basic', detail: 'Account SID + Auth Token as HTTP Basic — for local testing only', unattended: true },
      ],
      recommended: 'api-key',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'a Standard or Restricted API key per integration; the Auth Token remains the webhook signing key',
      source: TWILIO_REQUESTS,
    },
    limits: [
      {
        type: 'rate',
        scope: 'object',
        appliesTo: 'outbound messages from one US long code',
        tier: null,
        label: '1 message segment per second per US long code (short codes 100+)',
        requests: 1,
        windowSeconds: 1,
        note: 'sends above the sender’s rate are queued; a message still queued after 10 hours (default and maximum ValidityPeriod, 36,000 s) fails with 30001; a Messaging Service with several senders spreads the load',
        source: TWILIO_QUEUE,
      },
    ],
    throttling: {
      status: 429,
      retryAfterHeader: null,
      headers: [],
      signal: 'error 20429: too many concurrent REST requests from the account; a 429 request is never processed and is safe to retry with backoff',
      source: TWILIO_429,
    },
    writes: {
      upsert: null,
      idempotencyKey: null,
      bulk: null,
    },
    reads: { pagination: null, incremental: null, bulkExport: null },
  },

  // ── Twilio SendGrid ──────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'sendgrid',
    name: 'Twilio SendGrid',
    aliases: ['sendgrid', 'send grid', 'sendgrid api', 'sendgrid event webhook', 'sendgrid mail send'],
    kind: 'saas-api',
    category: 'email',
    description: 'transactional and marketing email delivery',
    covers: 'v3 Mail Send API and Event Webhook',
    protocols: ['rest'],
    docs: ['twilio.com', 'sendgrid.com', 'github.com/sendgrid'],
    push: [
      {
        type: 'webhook',
        payload: 'full',
        followUp: null,
        signature: {
          scheme: 'ecdsa',
          header: 'X-Twilio-Email-Event-Webhook-Signature',
          signedContent: 'the timestamp header value followed by the raw request body',
          encoding: 'base64',
          key: 'the webhook’s public Verification Key (ECDSA) from Mail Settings',
          timestampHeader: 'X-Twilio-Email-Event-Webhook-Timestamp',
          replayWindowSeconds: null,
          note: 'verify the exact raw body; the key is public, so only SendGrid can sign',
          source: SG_EVENT_WEBHOOK_VERIFY,
        },
        delivery: {
          retries: 'any non-2xx is retried at increasing intervals for up to 24 h after the event (rolling per event)',
          redeliveryWindowSeconds: 86400,
          ackTimeoutSeconds: null,
          ordering: null,
          eventIdField: 'sg_event_id',
          onPersistentFailure: null,
          source: SG_EVENT_WEBHOOK,
        },
        note: 'a POST carries a JSON array of delivery and engagement events',
        source: SG_EVENT_WEBHOOK,
      },
    ],
    auth: null,
    limits: [],
    throttling: null,
    writes: {
      upsert: null,
      idempotencyKey: null,
      bulk: {
        supported: true,
        endpoint: 'POST /v3/mail/send with a personalizations array',
        maxRecords: 1000,
        async: false,
        note: 'each personalization is one envelope (recipients + substitutions); at most 1,000 per request',
        source: SG_PERSONALIZATIONS,
      },
    },
    reads: { pagination: null, incremental: null, bulkExport: null },
  },

  // ── Contentful ───────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'contentful',
    name: 'Contentful',
    aliases: ['contentful cms', 'contentful api', 'contentful cma', 'contentful cda', 'contentful webhooks'],
    kind: 'saas-api',
    category: 'documents',
    description: 'headless content management system',
    covers: 'Content Management API, Content Delivery API (with Sync), webhooks',
    protocols: ['rest', 'graphql'],
    docs: ['contentful.com', 'github.com/contentful'],
    push: [
      {
        type: 'webhook',
        payload: 'full',
        followUp: null,
        signature: {
          scheme: 'hmac-sha256',
          header: 'x-contentful-signature',
          signedContent:
            'canonical request: method, path, signed headers (`key:value` joined by `;`, listed in x-contentful-signed-headers) and body, joined by newlines',
          encoding: 'hex',
          key: 'the space’s WebhookSigningSecret (64 characters, one per space)',
          timestampHeader: 'x-contentful-timestamp',
          replayWindowSeconds: 30,
          note: 'only when request verification is enabled; 30 s is the default TTL of verifyRequest in Contentful’s node-apps-toolkit',
          source: CF_SIGN,
        },
        delivery: {
          retries: null,
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: null,
          ordering: null,
          eventIdField: 'X-Contentful-Idempotency-Key header (SHA-256, same for a duplicate firing)',
          onPersistentFailure: null,
          note: 'webhooks can fire twice for one action in rare cases; drop repeats of a recent key',
          source: CF_IDEMPOTENCY,
        },
        note: 'signature headers are only added once a WebhookSigningSecret is set for the space',
        source: CF_VERIFY,
      },
    ],
    auth: {
      methods: [
        { kind: 'personal-access-token', detail: 'Content Management API access token (personal access token or OAuth app token)', unattended: true },
        { kind: 'api-key', detail: 'Content Delivery API token scoped to environments (Authorization header or access_token parameter)', unattended: true },
      ],
      recommended: 'personal-access-token',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'delivery tokens limited to the environments read',
      source: CF_CDA,
    },
    limits: [],
    throttling: {
      status: 429,
      retryAfterHeader: null,
      headers: ['X-Contentful-RateLimit-Reset', 'x-contentful-ratelimit-second-limit'],
      signal: '429 with X-Contentful-RateLimit-Reset; the per-second limit depends on the space and plan',
      source: CF_RATE_HEADER,
    },
    writes: {
      upsert: null,
      idempotencyKey: null,
      bulk: {
        supported: true,
        endpoint: 'CMA bulk actions (publish, unpublish, validate)',
        maxRecords: 200,
        async: true,
        note: 'at most 5 active bulk actions per space; the CMA is for management — deliver content with the CDA',
        source: CF_LIMITS,
      },
    },
    reads: {
      pagination: null,
      incremental: { method: 'CDA Sync API: initial sync, then nextSyncUrl / sync_token deltas (including deletions)', source: CF_SYNC },
      bulkExport: null,
    },
  },
];

import { z } from 'zod';

/**
 * The provider knowledge model: what a system is and the documented facts that change a design, as typed
 * fields rather than prose. Every fact group carries the URL of the vendor page it came from. `null` always
 * means "not confirmed": the design then says what to confirm with the vendor, and never puts a generic claim
 * in its place. A confirmed absence is written explicitly (e.g. `bulk: { supported: false, source }`).
 */

const url = z.url({ protocol: /^https$/ });
const note = z.string().min(3).max(400);
const seconds = z.number().positive();

/** What a system is; decides which mechanisms the planner may use with it. */
export const SYSTEM_KINDS = [
  'saas-api',
  'database',
  'event-stream',
  'queue',
  'search-index',
  'warehouse',
  'object-store',
  'file-drop',
  'internal-service',
  'client-app',
  'api-gateway',
] as const;
export const SystemKindSchema = z.enum(SYSTEM_KINDS);
export type SystemKind = z.infer<typeof SystemKindSchema>;

export const CATEGORIES = [
  'payments',
  'crm',
  'ecommerce',
  'accounting',
  'erp',
  'hr',
  'marketing',
  'cdp',
  'analytics',
  'support',
  'messaging',
  'email',
  'communications',
  'productivity',
  'identity',
  'devtools',
  'itsm',
  'observability',
  'documents',
  'storage',
  'data',
  'infrastructure',
] as const;
export const CategorySchema = z.enum(CATEGORIES);

/** How our integration talks to the system. */
export const PROTOCOLS = ['rest', 'graphql', 'soap', 'odata', 'grpc', 'sql', 'kafka', 'amqp', 'http', 'sftp', 'object-api', 'websocket'] as const;
export const ProtocolSchema = z.enum(PROTOCOLS);
export type Protocol = z.infer<typeof ProtocolSchema>;

// ── Change delivery ────────────────────────────────────────────────────────────────────────────────────────

export const SIGNATURE_SCHEMES = [
  'hmac-sha256',
  'hmac-sha1',
  'hmac-sha512',
  'rsa-sha256',
  'ecdsa',
  'ed25519',
  'jwt',
  /** A secret token the subscriber chose, echoed back in a header or field (no signature over the body). */
  'shared-token',
  'basic-auth',
  /** Nothing is signed: authenticity comes from a handshake, a channel id or a follow-up fetch. */
  'none',
] as const;
export const SignatureSchema = z.strictObject({
  scheme: z.enum(SIGNATURE_SCHEMES),
  /** Header (or field) carrying the signature or token. */
  header: z.string().nullable(),
  /** Exactly what is signed, e.g. "raw request body" or "`v0:` + timestamp + `:` + raw body". */
  signedContent: z.string().nullable(),
  encoding: z.enum(['hex', 'base64', 'base64url', 'jwt']).nullable(),
  /** Which secret or key verifies it, e.g. "the app's client secret", "endpoint signing secret (whsec_…)". */
  key: z.string().nullable(),
  timestampHeader: z.string().nullable(),
  /** Tolerance the vendor documents for the timestamp; null when it documents none. */
  replayWindowSeconds: seconds.nullable(),
  note: note.optional(),
  source: url,
});
export type Signature = z.infer<typeof SignatureSchema>;

export const DeliverySchema = z.strictObject({
  /** The vendor's redelivery policy in short words, e.g. "8 tries over 4 hours, then the subscription is removed". */
  retries: z.string().nullable(),
  /** How long failed deliveries keep being retried (0 = never redelivered automatically). */
  redeliveryWindowSeconds: z.number().min(0).nullable(),
  /** How fast the receiver must answer before the delivery counts as failed. */
  ackTimeoutSeconds: seconds.nullable(),
  ordering: z.enum(['none', 'per-key', 'ordered']).nullable(),
  /** The field or header that identifies one event across redeliveries, e.g. "X-Shopify-Event-Id header". */
  eventIdField: z.string().nullable(),
  /** Where the event identity is documented, when another page than the delivery policy says it. */
  eventIdSource: url.nullable().default(null),
  /** What happens to an endpoint that keeps failing, e.g. "disabled after 19 consecutive failed tries". */
  onPersistentFailure: z.string().nullable(),
  note: note.optional(),
  source: url,
});
export type Delivery = z.infer<typeof DeliverySchema>;

const pushBase = {
  /** full: the event carries the changed data; thin: it only says what changed, and we must fetch it. */
  payload: z.enum(['full', 'thin']).nullable(),
  /** For thin notifications: how to get the change, e.g. "events.list with the stored syncToken". */
  followUp: z.string().nullable(),
  delivery: DeliverySchema.nullable(),
  note: note.optional(),
  source: url,
};

/** Signed HTTP callbacks the vendor sends to a URL we register. */
export const WebhookSchema = z.strictObject({
  type: z.literal('webhook'),
  ...pushBase,
  signature: SignatureSchema.nullable(),
  /** A handshake the endpoint must answer before (or while) deliveries flow: a challenge to echo, a revalidation. */
  validation: z.string().nullable().optional(),
});

/** A subscription or channel with a lifetime that must be renewed (Graph subscriptions, Google watch channels). */
export const SubscriptionSchema = z.strictObject({
  type: z.literal('subscription'),
  ...pushBase,
  signature: SignatureSchema.nullable(),
  /** Longest lifetime the vendor allows; renew before it ends. */
  maxLifetimeSeconds: seconds.nullable(),
  renewal: z.string().nullable(),
  /** Handshake on creation, e.g. "echo validationToken as text/plain within 10 s". */
  validation: z.string().nullable(),
  lifecycleEvents: z.string().nullable(),
  /** What happens when the incremental cursor expires, e.g. "410 Gone: wipe and full sync". */
  resync: z.string().nullable(),
});

/** The vendor's own measure of how far a consumer is behind, e.g. Kinesis's GetRecords.IteratorAgeMilliseconds. */
const LagSchema = z.strictObject({ metric: z.string(), source: url }).nullable().default(null);

/** A change log or event bus the vendor keeps for a while and lets us replay (CDC, platform events, binlog). */
export const ChangeStreamSchema = z.strictObject({
  type: z.literal('change-stream'),
  ...pushBase,
  name: z.string(),
  retentionSeconds: seconds.nullable(),
  /** How a consumer resumes, e.g. "replay ID", "LSN in a replication slot", "resume token". */
  replay: z.string().nullable(),  lag: LagSchema,
});

/** Consumers pull from a log or queue and acknowledge (Kafka groups, SQS, Pub/Sub subscriptions). */
export const ConsumerSchema = z.strictObject({
  type: z.literal('consumer'),
  ...pushBase,
  name: z.string(),
  retentionSeconds: seconds.nullable(),
  /** Ack deadline / visibility timeout: unacknowledged messages come back after it. */
  ackDeadlineSeconds: seconds.nullable(),
  /** How a failing message is parked, e.g. "redrive policy: maxReceiveCount → DLQ". */
  deadLetter: z.string().nullable(),
  replay: z.string().nullable(),
  lag: LagSchema,
});

/** Files appear in a place we watch (SFTP folder, bucket prefix), possibly with an event. */
export const FileArrivalSchema = z.strictObject({
  type: z.literal('file-arrival'),
  ...pushBase,
  name: z.string(),
});

export const PushSchema = z.discriminatedUnion('type', [WebhookSchema, SubscriptionSchema, ChangeStreamSchema, ConsumerSchema, FileArrivalSchema]);
export type Push = z.infer<typeof PushSchema>;
export type PushType = Push['type'];

// ── Authentication ────────────────────────────────────────────────────────────────────────────────────────

export const AUTH_KINDS = [
  /** Per-user OAuth: authorization code (+ PKCE) with refresh tokens; acts as the consenting user. */
  'oauth-authorization-code',
  'oauth-client-credentials',
  'oauth-jwt-bearer',
  /** Short-lived tokens minted per installation from an app credential (GitHub Apps). */
  'app-installation-token',
  'bot-token',
  'api-key',
  'personal-access-token',
  'basic',
  /** OAuth 1.0a-style signed requests (NetSuite token-based authentication). */
  'oauth1-signature',
  'service-account',
  'cloud-iam',
  'mtls',
  'ssh-key',
  'database-credentials',
  'sasl',
] as const;
export const AuthKindSchema = z.enum(AUTH_KINDS);
export type AuthKind = z.infer<typeof AuthKindSchema>;

export const AuthMethodSchema = z.strictObject({
  kind: AuthKindSchema,
  detail: z.string().min(3).max(300),
  /** Fit for an unattended server-to-server integration (no person in the loop). */
  unattended: z.boolean(),
});

export const AuthSchema = z.strictObject({
  methods: z.array(AuthMethodSchema).min(1),
  /** What we recommend for a server-to-server integration; must be one of `methods`. */
  recommended: AuthKindSchema.nullable(),
  accessTokenLifetimeSeconds: seconds.nullable(),
  /** Refresh tokens: lifetime and whether each use returns a new one that replaces the old. */
  refreshTokenLifetime: z.string().nullable(),
  refreshTokenRotates: z.boolean().nullable(),
  /** Least-privilege note: scopes, permission sets or roles to grant. */
  scopes: z.string().nullable(),
  note: note.optional(),
  source: url,
});
export type Auth = z.infer<typeof AuthSchema>;

// ── Limits ────────────────────────────────────────────────────────────────────────────────────────────────

export const LIMIT_SCOPES = [
  'account',
  'app',
  'user',
  'tenant',
  'installation',
  'endpoint',
  'object',
  'ip',
  'connection',
  'partition',
  'table',
  'project',
] as const;

const limitBase = {
  scope: z.enum(LIMIT_SCOPES),
  /** What the limit applies to when not every call, e.g. "writes", "Search API", "chat.postMessage". */
  appliesTo: z.string().nullable(),
  /** Plan, tier or edition the number belongs to, when it varies, e.g. "Standard plan", "Enterprise edition". */
  tier: z.string().nullable(),
  /** Sandbox / test-mode limits are kept but never used to size production. */
  environment: z.enum(['production', 'sandbox']).default('production'),
  /** The vendor's statement of the limit in our short words. */
  label: z.string().min(3).max(200),
  note: note.optional(),
  source: url,
};

export const RateLimitSchema = z.strictObject({ type: z.literal('rate'), ...limitBase, requests: z.number().positive(), windowSeconds: seconds });
export const ConcurrencyLimitSchema = z.strictObject({ type: z.literal('concurrency'), ...limitBase, max: z.number().int().positive() });
/** A bucket of points or cost units that refills at a fixed rate (Shopify GraphQL cost, leaky buckets). */
export const PointsLimitSchema = z.strictObject({
  type: z.literal('points'),
  ...limitBase,
  bucket: z.number().positive(),
  restorePerSecond: z.number().positive(),
  unit: z.string(),
  /** How a call is charged, e.g. "1 point per object requested; mutations 10". */
  costModel: z.string().nullable(),
  /** Typical cost of one call when the vendor gives one. */
  typicalCost: z.number().positive().nullable(),
  maxCostPerCall: z.number().positive().nullable(),
});
/** A fixed allowance per period (daily API calls, monthly messages). */
export const QuotaLimitSchema = z.strictObject({
  type: z.literal('quota'),
  ...limitBase,
  amount: z.number().positive(),
  periodSeconds: seconds,
  unit: z.string(),
  rolling: z.boolean().nullable(),
});
export const LimitSchema = z.discriminatedUnion('type', [RateLimitSchema, ConcurrencyLimitSchema, PointsLimitSchema, QuotaLimitSchema]);
export type Limit = z.infer<typeof LimitSchema>;
export type LimitType = Limit['type'];

export const ThrottlingSchema = z.strictObject({
  /** HTTP status (429, 503, 403 …) or null when throttling is not signalled by status (e.g. a GraphQL error). */
  status: z.number().int().nullable(),
  retryAfterHeader: z.boolean().nullable(),
  /** Headers or fields that report the remaining budget or the reset. */
  headers: z.array(z.string()),
  /** How it is signalled, in short words, e.g. "GraphQL error with extensions.code THROTTLED". */
  signal: z.string(),
  source: url,
});

// ── Writes and reads ─────────────────────────────────────────────────────────────────────────────────────

export const WritesSchema = z.strictObject({
  upsert: z.strictObject({ supported: z.boolean(), key: z.string().nullable(), note: note.optional(), source: url }).nullable(),
  idempotencyKey: z
    .strictObject({
      supported: z.boolean(),
      header: z.string().nullable(),
      /** How long the provider remembers a key. */
      retentionSeconds: seconds.nullable(),
      note: note.optional(),
      source: url,
    })
    .nullable(),
  bulk: z
    .strictObject({
      supported: z.boolean(),
      endpoint: z.string().nullable(),
      maxRecords: z.number().int().positive().nullable(),
      /** Asynchronous job (submit, poll for completion) rather than one synchronous call. */
      async: z.boolean().nullable(),
      note: note.optional(),
      source: url,
    })
    .nullable(),
});
export type Writes = z.infer<typeof WritesSchema>;

export const ReadsSchema = z.strictObject({
  pagination: z
    .strictObject({ style: z.enum(['cursor', 'offset', 'page', 'link-header', 'token', 'keyset', 'none']), maxPageSize: z.number().int().positive().nullable(), source: url })
    .nullable(),
  /** How to read only what changed, e.g. "updated_at_min filter", "syncToken", "delta query with deltaLink". */
  incremental: z.strictObject({ method: z.string(), note: note.optional(), source: url }).nullable(),
  bulkExport: z.strictObject({ supported: z.boolean(), method: z.string().nullable(), note: note.optional(), source: url }).nullable(),
});
export type Reads = z.infer<typeof ReadsSchema>;

// ── The entry ────────────────────────────────────────────────────────────────────────────────────────────

export const ProviderSchema = z
  .strictObject({
    /** Stable lower-case id: "shopify", "ms-graph", "kafka". */
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** Canonical short name, e.g. "Salesforce". */
    name: z.string().min(2),
    /** Lower-case alternative names, matched case-insensitively. */
    aliases: z.array(z.string().min(2)),
    kind: SystemKindSchema,
    category: CategorySchema,
    /** What it is in a few words, e.g. "CRM". */
    description: z.string().min(3).max(80),
    /** Which of the vendor's APIs or products the facts cover. */
    covers: z.string(),
    protocols: z.array(ProtocolSchema).min(1),
    /**
     * Where the sources must come from: the vendor's own documentation hosts ("shopify.dev", matching its
     * sub-domains too) or host + path prefixes for the vendor's own repositories ("github.com/stripe").
     */
    docs: z.array(z.string().regex(/^[a-z0-9.-]+(\/[A-Za-z0-9._-]+)*$/)).min(1),
    /**
     * How changes leave the system, in order of preference. null: not confirmed; []: confirmed that nothing
     * pushes (read it incrementally).
     */
    push: z.array(PushSchema).nullable(),
    auth: AuthSchema.nullable(),
    limits: z.array(LimitSchema),
    throttling: ThrottlingSchema.nullable(),
    /** The longest a request through or to the system may run before the vendor cuts it (API Gateway's 29 s). */
    callTimeout: z.strictObject({ seconds, label: z.string(), source: url }).nullable().default(null),
    writes: WritesSchema,
    reads: ReadsSchema,
    /** A technology stood in for by this entry (Kafka, PostgreSQL …) rather than one vendor's hosted API. */
    generic: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (p.auth?.recommended && !p.auth.methods.some((m) => m.kind === p.auth!.recommended)) {
      ctx.addIssue({ code: 'custom', path: ['auth', 'recommended'], message: 'recommended must be one of the methods' });
    }
    for (const [path, source] of sourcesOf(p)) {
      if (!isVendorSource(source, p.docs)) {
        ctx.addIssue({ code: 'custom', path, message: `${source} is not on the vendor's documentation hosts (${p.docs.join(', ')})` });
      }
    }
  });

export type ProviderEntry = z.input<typeof ProviderSchema>;
export type Provider = z.output<typeof ProviderSchema> & {
  /** Every URL cited anywhere in the entry, derived so it can never miss one. */
  sources: string[];
};

/** Every `source` in an entry with its path, for validation and for citing. */
export function sourcesOf(value: unknown, path: (string | number)[] = []): [(string | number)[], string][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => sourcesOf(v, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      (k === 'source' || k.endsWith('Source')) && typeof v === 'string' ? [[[...path, k], v] as [(string | number)[], string]] : sourcesOf(v, [...path, k]),
    );
  }
  return [];
}

/** True when a URL lies on one of the vendor's documentation hosts or under one of its repository paths. */
export function isVendorSource(source: string, docs: string[]): boolean {
  const { hostname, pathname } = new URL(source);
  return docs.some((d) => {
    const [host, ...path] = d.split('/');
    const onHost = hostname === host || hostname.endsWith(`.${host}`);
    return onHost && (path.length === 0 || `${pathname}/`.toLowerCase().startsWith(`/${path.join('/')}/`.toLowerCase()));
  });
}

import type { ProviderEntry } from '../schema.js';

/**
 * Data services that are not plain relational engines: Redis and NATS stand for a technology, so their facts come
 * from the project's own documentation (and, for a server default the docs leave out, its own source); Azure Cosmos
 * DB and Supabase are managed services and cite their vendor. Facts are our short wording, each cited.
 */

const REDIS_STREAMS = 'https://redis.io/docs/latest/develop/data-types/streams/';
const REDIS_STREAMS_IDEMPOTENCY = 'https://redis.io/docs/latest/develop/data-types/streams/idempotency/';
const REDIS_KEYSPACE = 'https://redis.io/docs/latest/develop/pubsub/keyspace-notifications/';
const REDIS_CLIENTS = 'https://redis.io/docs/latest/develop/reference/clients/';
const REDIS_ACL = 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/';
const NATS_CONSUMERS = 'https://docs.nats.io/nats-concepts/jetstream/consumers';
const NATS_STREAMS = 'https://docs.nats.io/nats-concepts/jetstream/streams';
const NATS_DEDUPE = 'https://docs.nats.io/using-nats/jetstream/model_deep_dive#message-deduplication';
const NATS_ACKS = 'https://docs.nats.io/using-nats/developing-with-nats/js/consumers';
const NATS_SERVER_CONSUMER = 'https://github.com/nats-io/nats-server/blob/main/server/consumer.go';
const COSMOS_CHANGE_FEED = 'https://learn.microsoft.com/azure/cosmos-db/change-feed';
const COSMOS_CHANGE_FEED_MODES = 'https://learn.microsoft.com/azure/cosmos-db/nosql/change-feed-modes';
const COSMOS_LIMITS = 'https://learn.microsoft.com/azure/cosmos-db/concepts-limits';
const COSMOS_HEADERS = 'https://learn.microsoft.com/rest/api/cosmos-db/common-cosmosdb-rest-response-headers';
const SUPABASE_WEBHOOKS = 'https://supabase.com/docs/guides/database/webhooks';
const SUPABASE_PG_NET = 'https://supabase.com/docs/guides/database/extensions/pg_net';
const SUPABASE_REPLICATION = 'https://supabase.com/docs/guides/database/postgres/setup-replication-external';
const SUPABASE_REALTIME_LIMITS = 'https://supabase.com/docs/guides/realtime/limits';

export const DATA_SERVICES: ProviderEntry[] = [
  {
    id: 'redis',
    name: 'Redis',
    aliases: ['redis', 'redis cache', 'redis cluster', 'redis server', 'redis db'],
    kind: 'database',
    category: 'data',
    description: 'in-memory key-value store with streams',
    covers: 'Redis Open Source over RESP (the protocol list has no RESP value, object-api stands in): keys, Streams with consumer groups, keyspace notifications',
    protocols: ['object-api'],
    docs: ['redis.io'],
    generic: true,
    push: [
      {
        type: 'consumer',
        name: 'Redis Streams consumer group (XREADGROUP, then XACK)',
        payload: 'full',
        followUp: null,
        retentionSeconds: null,
        ackDeadlineSeconds: null,
        deadLetter: 'none built in: XPENDING shows each entry’s delivery counter; past a count you choose, copy the entry to another stream and alert (the documented dead-letter pattern)',
        replay: 'a consumer re-reads its own pending entries from ID 0, then new ones with >; idle pending entries are taken over with XAUTOCLAIM / XCLAIM',
        lag: { metric: 'lag field of XINFO GROUPS: entries in the stream not yet delivered to the group', source: 'https://redis.io/docs/latest/commands/xinfo-groups/' },
        delivery: {
          retries: 'none by the server: an entry stays in the pending entries list until XACK; another consumer claims it after a minimum idle time it chooses, which raises its delivery counter',
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: null,
          ordering: null,
          eventIdField: 'stream entry ID (<milliseconds>-<sequence>, assigned by XADD)',
          onPersistentFailure: null,
          note: 'a message may be processed more than once after a consumer failure; Redis 8.8 adds XNACK to release pending entries back to the group',
          source: REDIS_STREAMS,
        },
        note: 'a stream keeps entries until trimmed (XADD MAXLEN / XTRIM; no time-based retention). Streams and group state are replicated asynchronously and persisted to AOF/RDB: use AOF with a strong fsync policy when messages must survive a crash',
        source: REDIS_STREAMS,
      },
      {
        type: 'change-stream',
        name: 'keyspace notifications (Pub/Sub channels)',
        payload: 'thin',
        followUp: 'read the key named in the channel',
        retentionSeconds: null,
        replay: 'none: Pub/Sub is fire and forget, so events sent while a client is disconnected are lost',
        delivery: null,
        note: 'off by default (notify-keyspace-events enables them); fit for cache invalidation, not for change data capture',
        source: REDIS_KEYSPACE,
      },
    ],
    auth: {
      methods: [
        { kind: 'database-credentials', detail: 'an ACL user with a password (AUTH <username> <password>); without ACLs, the default user and requirepass', unattended: true },
        { kind: 'mtls', detail: 'TLS client certificates (required by default once TLS is on; tls-auth-clients no disables them)', unattended: true },
      ],
      recommended: 'database-credentials',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'an ACL user limited to the commands and key patterns it needs; new connections use the default user, which can run every command unless restricted',
      source: REDIS_ACL,
    },
    limits: [
      { type: 'concurrency', scope: 'account', appliesTo: 'client connections (maxclients)', tier: null, label: 'maxclients defaults to 10,000, lowered to the process file-descriptor limit minus 32', max: 10_000, source: REDIS_CLIENTS },
    ],
    throttling: null,
    writes: {
      upsert: { supported: true, key: 'the key: SET overwrites any value the key already holds', source: 'https://redis.io/docs/latest/commands/set/' },
      idempotencyKey: {
        supported: true,
        header: null,
        retentionSeconds: 100,
        note: 'Redis 8.6+ streams: XADD IDMP <producer> <id> (or IDMPAUTO) drops a re-sent entry; ids are kept IDMP-DURATION seconds (default 100, at most 86,400) and at most IDMP-MAXSIZE per producer',
        source: REDIS_STREAMS_IDEMPOTENCY,
      },
      bulk: {
        supported: true,
        endpoint: 'pipelining (many commands sent before reading the replies)',
        maxRecords: null,
        async: false,
        note: 'the server queues every reply in memory: send large loads in batches (the docs suggest e.g. 10k commands), read the replies, then send the next',
        source: 'https://redis.io/docs/latest/develop/using-commands/pipelining/',
      },
    },
    reads: {
      pagination: null,
      incremental: { method: 'a consumer group on a stream the writers append to (XREADGROUP from the group’s last-delivered ID)', source: REDIS_STREAMS },
      bulkExport: null,
    },
  },
  {
    id: 'nats',
    name: 'NATS JetStream',
    aliases: ['nats', 'jetstream', 'nats jetstream', 'nats.io', 'nats server'],
    kind: 'event-stream',
    category: 'data',
    description: 'messaging system with persistent streams',
    covers: 'NATS server: core publish/subscribe and JetStream streams, consumers, acknowledgements and deduplication (NATS client protocol; object-api stands in)',
    protocols: ['object-api'],
    docs: ['docs.nats.io', 'github.com/nats-io'],
    generic: true,
    push: [
      {
        type: 'consumer',
        name: 'JetStream durable consumer (pull or push) with explicit acks',
        payload: 'full',
        followUp: null,
        retentionSeconds: null,
        ackDeadlineSeconds: 30,
        deadLetter: 'none built in: after MaxDeliver attempts the message stays in the stream and a MAX_DELIVERIES advisory ($JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.<stream>.<consumer>) carries its stream sequence; Term() stops redelivery of a message that can never be processed',
        replay: 'a consumer starts by DeliverPolicy: all (default), last, last per subject, new, by start sequence or by start time; a durable consumer keeps its position across restarts',
        lag: { metric: 'num_pending (not yet delivered) and num_ack_pending of the consumer, from consumer info or the /jsz monitoring endpoint', source: 'https://docs.nats.io/running-a-nats-service/nats_admin/monitoring' },
        delivery: {
          retries: 'redelivered when AckWait passes without an ack (BackOff can space these out), or at once after Nak(); MaxDeliver defaults to -1, redelivering until acknowledged',
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: 30,
          ordering: null,
          eventIdField: 'stream sequence number, or the Nats-Msg-Id header the publisher set',
          eventIdSource: 'https://docs.nats.io/nats-concepts/jetstream/headers',
          onPersistentFailure: 'past MaxDeliver the message is no longer delivered; it stays in the stream and a MAX_DELIVERIES advisory is published',
          note: 'at least once. InProgress() resets the AckWait timer for long work; MaxAckPending (default 1,000) pauses delivery while that many messages wait for an ack',
          source: NATS_CONSUMERS,
        },
        note: 'AckWait defaults to 30 s (JsAckWaitDefault in the server source). How long messages are kept is the stream’s retention policy: limits (MaxAge, MaxMsgs, MaxBytes; the default), interest or work queue',
        source: NATS_SERVER_CONSUMER,
      },
    ],
    auth: {
      methods: [
        { kind: 'service-account', detail: 'decentralized JWT: a user JWT issued by an account, proven by signing the server’s nonce with the user’s NKey (a .creds file)', unattended: true },
        { kind: 'basic', detail: 'username and password (plain or bcrypted) from the server’s authorization block', unattended: true },
        { kind: 'api-key', detail: 'a single token shared by all clients (token authentication)', unattended: true },
        { kind: 'mtls', detail: 'TLS client certificates, optionally mapped to a user', unattended: true },
      ],
      recommended: 'service-account',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'per-user publish and subscribe permissions on subjects; an account per tenant keeps subject namespaces apart',
      source: 'https://docs.nats.io/running-a-nats-service/configuration/securing_nats/auth_intro',
    },
    limits: [
      { type: 'concurrency', scope: 'account', appliesTo: 'client connections to a server (max_connections)', tier: null, label: 'max_connections defaults to 64K', max: 65_536, note: 'max_payload defaults to 1 MB per message (up to 64 MB; above 8 MB is not recommended)', source: 'https://docs.nats.io/running-a-nats-service/configuration' },
    ],
    throttling: null,
    writes: {
      upsert: null,
      idempotencyKey: {
        supported: true,
        header: 'Nats-Msg-Id',
        retentionSeconds: 120,
        note: 'the stream stores a message once per Nats-Msg-Id within its DuplicateWindow (default 2 minutes); publish as a request to get the stream’s acknowledgement',
        source: NATS_DEDUPE,
      },
      bulk: { supported: true, endpoint: 'atomic batch publish (stream setting AllowAtomicPublish, server 2.12+)', maxRecords: null, async: false, source: NATS_STREAMS },
    },
    reads: {
      pagination: { style: 'none', maxPageSize: null, source: NATS_CONSUMERS },
      incremental: { method: 'a durable consumer resumed where it left off (Ack/Nak/InProgress/Term per message)', source: NATS_ACKS },
      bulkExport: null,
    },
  },
  {
    id: 'azure-cosmos-db',
    name: 'Azure Cosmos DB',
    aliases: ['cosmos', 'cosmos db', 'cosmosdb', 'azure cosmos db', 'azure cosmos', 'azure cosmosdb'],
    kind: 'database',
    category: 'data',
    description: 'managed NoSQL database',
    covers: 'API for NoSQL: items over REST and the SDKs, change feed (processor and pull model), transactional batch, request units',
    protocols: ['rest'],
    docs: ['learn.microsoft.com'],
    push: [
      {
        type: 'change-stream',
        name: 'change feed (change feed processor with a lease container, or the pull model)',
        payload: 'full',
        followUp: null,
        retentionSeconds: null,
        replay: 'latest version mode can be read from any point back to the container’s creation; the processor keeps its position per partition range in the lease container',
        lag: { metric: 'change feed estimator: changes still pending for the processor (latest change minus the lease state)', source: 'https://learn.microsoft.com/azure/cosmos-db/how-to-use-change-feed-estimator' },
        delivery: {
          retries: null,
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: null,
          ordering: 'per-key',
          eventIdField: null,
          onPersistentFailure: null,
          note: 'each change appears once in the feed and a reader must keep its own checkpoint; the change feed processor checkpoints automatically with at-least-once semantics. Order is by modification time per partition key, none across keys',
          source: COSMOS_CHANGE_FEED,
        },
        note: 'latest version mode (the default) has creates and updates only, no deletes, and only the latest version of each item; all versions and deletes mode (preview) needs continuous backup and reads only within its retention',
        source: COSMOS_CHANGE_FEED_MODES,
      },
    ],
    auth: {
      methods: [
        { kind: 'cloud-iam', detail: 'Microsoft Entra ID identities (managed identity or service principal) with role-based access control on the account', unattended: true },
        { kind: 'api-key', detail: 'account keys (key-based authorization), which disableLocalAuth turns off', unattended: true },
      ],
      recommended: 'cloud-iam',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'a data-plane role assignment limited to what the integration reads or writes; disable key-based auth so only Entra ID works',
      source: 'https://learn.microsoft.com/azure/cosmos-db/how-to-connect-role-based-access-control',
    },
    limits: [
      {
        type: 'rate',
        scope: 'partition',
        appliesTo: 'request units per partition (logical and physical)',
        tier: null,
        label: 'at most 10,000 RU/s per partition, logical and physical',
        requests: 10_000,
        windowSeconds: 1,
        note: 'counted in request units (RUs), not requests: each operation costs RUs; a hot partition key is throttled even when the container has RU/s left',
        source: COSMOS_LIMITS,
      },
    ],
    throttling: {
      status: 429,
      retryAfterHeader: false,
      headers: ['x-ms-retry-after-ms', 'x-ms-request-charge'],
      signal: 'HTTP 429 (request rate too large); x-ms-retry-after-ms gives the milliseconds to wait; x-ms-request-charge reports each operation’s RUs',
      source: COSMOS_HEADERS,
    },
    writes: {
      upsert: { supported: true, key: 'id (and partition key value): Create Document with x-ms-documentdb-is-upsert: true creates the item or updates it if it exists', source: 'https://learn.microsoft.com/rest/api/cosmos-db/create-a-document' },
      idempotencyKey: null,
      bulk: {
        supported: true,
        endpoint: 'transactional batch (one partition key, all or nothing)',
        maxRecords: 100,
        async: false,
        note: 'at most 100 operations per batch and 2 MB per request; items up to 2 MB',
        source: COSMOS_LIMITS,
      },
    },
    reads: {
      pagination: { style: 'token', maxPageSize: null, source: COSMOS_HEADERS },
      incremental: { method: 'change feed from the stored continuation (processor leases or pull-model continuation)', source: COSMOS_CHANGE_FEED },
      bulkExport: null,
    },
  },
  {
    id: 'supabase',
    name: 'Supabase',
    aliases: ['supabase', 'supabase postgres', 'supabase db', 'supabase database'],
    kind: 'database',
    category: 'data',
    description: 'managed Postgres platform',
    covers: 'the project’s Postgres database (Postgres facts cite postgresql.org), logical replication, Database Webhooks (pg_net), Realtime Postgres Changes, API keys',
    protocols: ['sql', 'rest', 'websocket'],
    docs: ['supabase.com', 'github.com/supabase', 'postgresql.org'],
    push: [
      {
        type: 'change-stream',
        name: 'Postgres logical replication (a publication and a logical replication slot with pgoutput)',
        payload: 'full',
        followUp: null,
        retentionSeconds: null,
        replay: 'the subscriber reads through its replication slot; copy_data copies the rows that existed before',
        lag: { metric: 'replication status in pg_stat_replication', source: SUPABASE_REPLICATION },
        delivery: null,
        note: 'needs a direct connection, not the connection pooler, and IPv6 on the subscriber (or the IPv4 add-on); a role WITH REPLICATION avoids using postgres',
        source: SUPABASE_REPLICATION,
      },
      {
        type: 'webhook',
        payload: 'full',
        followUp: null,
        signature: null,
        delivery: {
          retries: null,
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: null,
          ordering: null,
          eventIdField: null,
          onPersistentFailure: null,
          note: 'requests start only after the transaction commits; pg_net is set up for up to 200 requests per second and keeps responses (status, timed_out, error_msg) for 6 hours in net._http_response; net.http_post times out after 2,000 ms by default',
          source: SUPABASE_PG_NET,
        },
        note: 'Database Webhooks are AFTER INSERT/UPDATE/DELETE row triggers calling pg_net asynchronously; the payload has type, table, schema, record and old_record but no event id. The docs describe no signature: the request carries the HTTP headers set on the webhook',
        source: SUPABASE_WEBHOOKS,
      },
      {
        type: 'change-stream',
        name: 'Realtime Postgres Changes (WebSocket channel on the supabase_realtime publication)',
        payload: 'full',
        followUp: null,
        retentionSeconds: null,
        replay: null,
        delivery: {
          retries: null,
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: null,
          ordering: null,
          eventIdField: null,
          onPersistentFailure: null,
          note: 'every change is checked against each subscriber’s access on one thread to keep order, so database authorization caps throughput; old records need replica identity full; delete events cannot be filtered',
          source: 'https://supabase.com/docs/guides/realtime/postgres-changes',
        },
        note: 'Realtime quotas by plan: 500 messages/s and 500 concurrent connections on Pro (100 and 200 on Free; 2,500 and 10,000 on Pro without spend cap and on Team)',
        source: SUPABASE_REALTIME_LIMITS,
      },
    ],
    auth: {
      methods: [
        { kind: 'database-credentials', detail: 'a Postgres role with a password, over a direct or pooled connection', unattended: true },
        { kind: 'api-key', detail: 'secret key (sb_secret_…) or legacy service_role key for the Data API: full access that bypasses Row Level Security; publishable / anon keys are for public clients', unattended: true },
      ],
      recommended: 'database-credentials',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'a dedicated role with only the grants it needs; a separate secret key per backend component, never in a browser (secret keys get 401 there)',
      source: 'https://supabase.com/docs/guides/api/api-keys',
    },
    limits: [],
    throttling: null,
    writes: {
      upsert: { supported: true, key: 'a unique index or constraint: INSERT … ON CONFLICT (…) DO UPDATE', source: 'https://www.postgresql.org/docs/current/sql-insert.html' },
      idempotencyKey: null,
      bulk: { supported: true, endpoint: 'COPY … FROM STDIN (or multi-row INSERT)', maxRecords: null, async: false, source: 'https://www.postgresql.org/docs/current/sql-copy.html' },
    },
    reads: {
      pagination: null,
      incremental: { method: 'logical replication from a publication through a replication slot', source: SUPABASE_REPLICATION },
      bulkExport: { supported: true, method: 'COPY … TO STDOUT', source: 'https://www.postgresql.org/docs/current/sql-copy.html' },
    },
  },
];

import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../src/db/client.js';

/**
 * Synthetic but varied designs for the search benchmark, generated inside the database (generate_series +
 * random() over word lists) so 100k rows load in batches without shipping text over the wire.
 */

export const SYSTEMS = [
  'Stripe', 'Salesforce', 'HubSpot', 'Shopify', 'NetSuite', 'Zendesk', 'Jira', 'Slack', 'Twilio', 'SendGrid',
  'Snowflake', 'BigQuery', 'Kafka', 'RabbitMQ', 'Postgres', 'MySQL', 'MongoDB', 'Redis', 'Elasticsearch', 'S3',
  'SAP', 'Workday', 'Okta', 'Auth0', 'GitHub', 'GitLab', 'PagerDuty', 'Datadog', 'Segment', 'Mixpanel',
  'Intercom', 'Marketo', 'Xero', 'QuickBooks', 'Adyen', 'PayPal', 'Braintree', 'Magento', 'Dynamics', 'ServiceNow',
];

const SUBJECTS = [
  'payment', 'order', 'invoice', 'customer', 'contact', 'ticket', 'lead', 'inventory', 'shipment', 'refund',
  'subscription', 'account', 'employee', 'alert', 'event', 'usage', 'catalog', 'price', 'quote', 'return',
];
const NOUNS = ['sync', 'replication', 'pipeline', 'bridge', 'integration', 'feed', 'export', 'ingestion', 'backfill', 'mirror'];

/** Body vocabulary; drawn with a skew so early words are common and later ones rare, like real text. */
export const BODY_WORDS = [
  'webhook', 'retry', 'backoff', 'jitter', 'queue', 'idempotency', 'key', 'consumer', 'producer', 'batch',
  'schema', 'mapping', 'transform', 'latency', 'throughput', 'timeout', 'circuit', 'breaker', 'fallback', 'alert',
  'metric', 'trace', 'log', 'correlation', 'token', 'oauth', 'scope', 'secret', 'rotation', 'signature',
  'verification', 'rate', 'limit', 'budget', 'burst', 'window', 'outage', 'recovery', 'replay', 'dead',
  'letter', 'poison', 'message', 'ordering', 'partition', 'offset', 'checkpoint', 'cursor', 'pagination', 'polling',
  'stream', 'snapshot', 'delta', 'upsert', 'conflict', 'resolution', 'reconciliation', 'audit', 'compliance', 'residency',
  'encryption', 'tls', 'mtls', 'certificate', 'gateway', 'proxy', 'worker', 'scheduler', 'cron', 'lambda',
  'container', 'kubernetes', 'terraform', 'deployment', 'rollback', 'canary', 'feature', 'flag', 'dashboard', 'runbook',
  'escalation', 'oncall', 'sla', 'slo', 'error', 'budget', 'saturation', 'backpressure', 'throttle', 'quota',
  'tenant', 'isolation', 'sharding', 'replica', 'failover', 'heartbeat', 'healthcheck', 'probe', 'readiness', 'liveness',
  'deduplication', 'exactly', 'once', 'semantics', 'outbox', 'inbox', 'saga', 'compensation', 'orchestration', 'choreography',
  'contract', 'versioning', 'deprecation', 'migration', 'cutover', 'archival', 'retention', 'purge', 'gdpr', 'hipaa',
  'pci', 'soc2', 'anonymization', 'masking', 'tokenization', 'vault', 'kms', 'hsm', 'nonce', 'hmac',
  'protobuf', 'avro', 'json', 'xml', 'csv', 'sftp', 'graphql', 'grpc', 'rest', 'soap',
  'zookeeper', 'etcd', 'consul', 'nomad', 'envoy', 'istio', 'linkerd', 'fluentd', 'prometheus', 'grafana',
];

const SYLLABLES = ['ka', 'lo', 'mir', 'tes', 'vun', 'dra', 'pel', 'zor', 'qui', 'bex', 'nal', 'sut', 'gri', 'hov', 'jen'];

/** A long tail of made-up words (kalomir, zorbex, …) so that some terms are rare, as in real documents. */
export const TAIL_WORDS = SYLLABLES.flatMap((a) => SYLLABLES.flatMap((b) => SYLLABLES.slice(0, 9).map((c) => `${a}${b}${c}`)));

/** Vocabulary the body is drawn from: the technical words first (frequent), then the tail (rare). */
export const VOCABULARY = [...BODY_WORDS, ...TAIL_WORDS];

/** Inserts designs `from..to` (inclusive): one conversation and one revision each, two teams, 10% private. */
export async function seedBatch(database: Database, from: number, to: number): Promise<void> {
  const pick = (arr: string) => sql.raw(`${arr}[1 + floor(random() * array_length(${arr}, 1))::int]`);
  await database.db.execute(sql`
    WITH words AS (
      SELECT ${sql.param(SYSTEMS)}::text[] AS sys, ${sql.param(SUBJECTS)}::text[] AS subj,
             ${sql.param(NOUNS)}::text[] AS noun, ${sql.param(VOCABULARY)}::text[] AS body
    ),
    conv AS (
      INSERT INTO conversations (team_id, channel_id, thread_ts, user_id, channel_is_private, status)
      SELECT CASE WHEN g % 2 = 0 THEN 'T1' ELSE 'T2' END,
             CASE WHEN g % 10 = 0 THEN 'G' ELSE 'C' END || (g % 40),
             g || '.000100', 'U' || (g % 300), g % 10 = 0, 'ready'
      FROM generate_series(${from}::int, ${to}::int) AS g
      RETURNING id, user_id
    ),
    picked AS (
      SELECT c.id, c.user_id, p.*
      FROM conv c, words w,
      LATERAL (
        SELECT ${pick('w.sys')} AS a, ${pick('w.sys')} AS b, ${pick('w.subj')} AS subj, ${pick('w.noun')} AS noun,
               array_to_string(ARRAY(SELECT w.body[1 + floor(array_length(w.body, 1) * power(random(), 3))::int]
                  FROM generate_series(1, 30 + (c.user_id IS NOT NULL)::int * floor(random() * 60)::int)), ' ') AS body1,
               array_to_string(ARRAY(SELECT w.body[1 + floor(array_length(w.body, 1) * power(random(), 3))::int]
                  FROM generate_series(1, 20 + (c.user_id IS NOT NULL)::int * floor(random() * 40)::int)), ' ') AS body2
        WHERE c.id IS NOT NULL
      ) p
    )
    INSERT INTO design_revisions
      (conversation_id, revision, title, systems, inputs, markdown, sections, quality, engine, created_by, created_at)
    SELECT id, 1,
           a || ' to ' || b || ' ' || subj || ' ' || noun,
           ARRAY[a, b],
           jsonb_build_object('systems', jsonb_build_array(jsonb_build_object('name', a), jsonb_build_object('name', b))),
           '# ' || a || ' to ' || b || E'\n\n## Integration pattern\n' || body1 || E'\n\n## Error handling and retry\n' || body2,
           '[]'::jsonb, '{"passed":true,"checks":[],"wordCount":0,"repaired":false}'::jsonb, 'offline', user_id,
           now() - random() * interval '365 days'
    FROM picked`);
}

/** Loads `rows` designs in batches; the GIN index is rebuilt once at the end, as for any bulk load. */
export async function seedDesigns(database: Database, rows: number, onProgress?: (done: number) => void): Promise<void> {
  const [index] = rowsOf<{ indexdef: string }>(
    await database.db.execute(sql`SELECT indexdef FROM pg_indexes WHERE indexname = 'design_revisions_search_idx'`),
  );
  if (!index) throw new Error('search index missing: run migrations first');
  await database.db.execute(sql`DROP INDEX design_revisions_search_idx`);
  const batch = 5_000;
  for (let from = 1; from <= rows; from += batch) {
    const to = Math.min(rows, from + batch - 1);
    await seedBatch(database, from, to);
    onProgress?.(to);
  }
  await database.db.execute(sql.raw(index.indexdef));
  await database.db.execute(sql`ANALYZE conversations`);
  await database.db.execute(sql`ANALYZE design_revisions`);
}

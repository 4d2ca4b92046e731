import type { ProviderEntry } from '../schema.js';

/** Event streams and queues. These stand for a technology, so their facts come from its own documentation. */

const KAFKA_DOCS = 'https://kafka.apache.org/documentation/';

export const STREAMS: ProviderEntry[] = [
  {
    id: 'kafka',
    name: 'Apache Kafka',
    aliases: ['kafka', 'apache kafka', 'confluent kafka', 'msk', 'amazon msk', 'kafka topic', 'kafka topics'],
    kind: 'event-stream',
    category: 'data',
    description: 'distributed event log',
    covers: 'brokers, producers and consumer groups',
    protocols: ['kafka'],
    docs: ['kafka.apache.org'],
    generic: true,
    push: [
      {
        type: 'consumer',
        name: 'consumer group',
        payload: 'full',
        followUp: null,
        retentionSeconds: 7 * 86_400,
        ackDeadlineSeconds: 300,
        deadLetter: null,
        replay: "reset the group's committed offsets (to an offset or a timestamp)",
        delivery: {
          retries: 'none by the broker: a consumer re-reads from its last committed offset',
          redeliveryWindowSeconds: null,
          ackTimeoutSeconds: 300,
          ordering: 'per-key',
          eventIdField: 'topic, partition and offset (or a key carried in the record)',
          onPersistentFailure: null,
          note: 'retention defaults to 168 h (log.retention.hours); a consumer that does not poll within max.poll.interval.ms (default 5 min) leaves the group',
          source: KAFKA_DOCS,
        },
        source: KAFKA_DOCS,
      },
    ],
    auth: {
      methods: [
        { kind: 'sasl', detail: 'SASL/SCRAM, SASL/OAUTHBEARER or SASL/PLAIN over TLS', unattended: true },
        { kind: 'mtls', detail: 'TLS client certificates', unattended: true },
      ],
      recommended: 'sasl',
      accessTokenLifetimeSeconds: null,
      refreshTokenLifetime: null,
      refreshTokenRotates: null,
      scopes: 'ACLs per principal: Read on the topic and the consumer group, Write on the topics it produces',
      source: 'https://kafka.apache.org/documentation/#security',
    },
    limits: [],
    throttling: {
      status: null,
      retryAfterHeader: null,
      headers: [],
      signal: 'broker quotas delay the response (throttle_time_ms) instead of failing it',
      source: 'https://kafka.apache.org/documentation/#design_quotas',
    },
    writes: {
      upsert: { supported: true, key: 'record key on a compacted topic (cleanup.policy=compact keeps the latest value per key)', source: 'https://kafka.apache.org/documentation/#compaction' },
      idempotencyKey: {
        supported: true,
        header: null,
        retentionSeconds: null,
        note: 'the idempotent producer (enable.idempotence, on by default) removes duplicates from producer retries; transactions give exactly-once between topics',
        source: 'https://kafka.apache.org/documentation/#producerconfigs_enable.idempotence',
      },
      bulk: { supported: true, endpoint: 'producer batching (batch.size, linger.ms)', maxRecords: null, async: false, source: 'https://kafka.apache.org/documentation/#producerconfigs' },
    },
    reads: {
      pagination: { style: 'none', maxPageSize: null, source: KAFKA_DOCS },
      incremental: { method: 'consume from the group’s committed offsets', source: KAFKA_DOCS },
      bulkExport: null,
    },
  },
];

import type { SystemInput } from '../../inputs.js';
import { findKnownApi } from '../../knowledge/index.js';

/**
 * What the offline engine can tell about a system and the stack from names and descriptions alone. A few
 * well-known APIs get documented facts (webhook support, signature header, redelivery window); everything
 * else is inferred from the user's words, and anything unknown is stated as an assumption in the document.
 */

export type AuthKind = 'oauth' | 'api-key' | 'unknown';

export interface SystemProfile {
  name: string;
  description: string;
  /** Lower-case identifier for keys and metric labels: "stripe", "sap-erp". */
  slug: string;
  /** Pushes signed webhooks for its changes. */
  webhooks: boolean;
  /** Offers a change feed we can subscribe to without polling (CDC, platform events, event export). */
  changeFeed: string | null;
  /** Header carrying the webhook signature, when documented. */
  signatureHeader: string | null;
  /** Field that identifies a delivery across the provider's retries. */
  eventIdField: string;
  /** How long the provider keeps redelivering a failed webhook, in hours (null: undocumented). */
  redeliveryHours: number | null;
  /** Our own service or database rather than a third-party API. */
  internal: boolean;
  /** Works with files or bulk exports (ERP, warehouse, SFTP). */
  bulk: boolean;
  /** Supports an Idempotency-Key header on writes. */
  idempotencyHeader: boolean;
  /** How the design should authenticate to it by default. */
  auth: AuthKind;
  /** Name of the write operation's natural key when it is a destination, e.g. "External ID field". */
  upsertKey: string;
}

interface KnownApi {
  pattern: RegExp;
  facts: Partial<Omit<SystemProfile, 'name' | 'description' | 'slug'>>;
}

/** Documented facts for a handful of common APIs (see the shared api-facts reference). */
const KNOWN: KnownApi[] = [
  { pattern: /\bstripe\b/i, facts: { webhooks: true, signatureHeader: 'Stripe-Signature', eventIdField: 'event.id', redeliveryHours: 72, idempotencyHeader: true, auth: 'api-key' } },
  { pattern: /\bshopify\b/i, facts: { webhooks: true, signatureHeader: 'X-Shopify-Hmac-SHA256', eventIdField: 'X-Shopify-Webhook-Id header', redeliveryHours: 4, auth: 'oauth' } },
  { pattern: /\bgithub\b/i, facts: { webhooks: true, signatureHeader: 'X-Hub-Signature-256', eventIdField: 'X-GitHub-Delivery header', redeliveryHours: 0, auth: 'oauth' } },
  { pattern: /\bhubspot\b/i, facts: { webhooks: true, signatureHeader: 'X-HubSpot-Signature-v3', eventIdField: 'eventId', auth: 'oauth', upsertKey: 'unique-value property (idProperty)' } },
  { pattern: /\bzendesk\b/i, facts: { webhooks: true, signatureHeader: 'X-Zendesk-Webhook-Signature', eventIdField: 'event id', auth: 'oauth' } },
  { pattern: /\bsquare\b/i, facts: { webhooks: true, signatureHeader: 'X-Square-HmacSha256-Signature', eventIdField: 'event_id', redeliveryHours: 72, idempotencyHeader: true, auth: 'oauth' } },
  { pattern: /\bslack\b/i, facts: { webhooks: true, signatureHeader: 'X-Slack-Signature', eventIdField: 'event_id', auth: 'oauth' } },
  { pattern: /\b(quickbooks|xero)\b/i, facts: { webhooks: true, auth: 'oauth' } },
  { pattern: /\bsalesforce\b/i, facts: { webhooks: false, changeFeed: 'Change Data Capture events (Pub/Sub API, 72-hour replay)', auth: 'oauth', upsertKey: 'External ID field' } },
  { pattern: /\b(netsuite|sap|oracle|dynamics|workday)\b/i, facts: { webhooks: false, bulk: true, auth: 'oauth' } },
  { pattern: /\b(snowflake|bigquery|redshift|databricks|data ?warehouse|s3|sftp)\b/i, facts: { webhooks: false, bulk: true, auth: 'api-key', upsertKey: 'merge on primary key' } },
];

export function slugify(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'system';
}

export function profileSystem(system: SystemInput): SystemProfile {
  const text = `${system.name} ${system.description}`;
  const known = KNOWN.find((k) => k.pattern.test(system.name))?.facts ?? {};
  // The knowledge catalog covers more APIs than the table above; its confirmed webhook facts fill the gaps.
  const catalog = findKnownApi(system.name)?.webhooks;
  const internal = /\b(our|internal|in-house|own|postgres|mysql|database|db|monolith|backend|microservice)\b/i.test(system.description);
  const mentionsWebhooks = /\bwebhooks?\b|\bcallbacks?\b|\bemits? events\b|\bpushes\b/i.test(system.description);
  const mentionsFeed = /\b(cdc|change data capture|event stream|kafka|outbox|binlog|wal|event export)\b/i.test(text);
  const bulk = known.bulk ?? /\b(erp|warehouse|export|file|csv|sftp|bulk|batch|nightly|ledger)\b/i.test(text);
  return {
    name: system.name,
    description: system.description,
    slug: slugify(system.name),
    webhooks: known.webhooks ?? catalog?.supported ?? mentionsWebhooks,
    changeFeed: known.changeFeed ?? (mentionsFeed || internal ? 'a transactional outbox or change data capture on its database' : null),
    signatureHeader: known.signatureHeader ?? null,
    eventIdField: known.eventIdField ?? 'event id',
    redeliveryHours: known.redeliveryHours ?? catalog?.retryWindowHours ?? null,
    internal,
    bulk,
    idempotencyHeader: known.idempotencyHeader ?? false,
    auth: known.auth ?? (internal ? 'oauth' : 'unknown'),
    upsertKey: known.upsertKey ?? (internal ? 'unique constraint on the source id' : 'external id'),
  };
}

export interface StackProfile {
  cloud: 'aws' | 'gcp' | 'azure' | null;
  queue: string;
  /** How the queue dead-letters a message after the last attempt. */
  dlq: string;
  secrets: string;
  /** Where a short retry delay lives: visibility timeout, delayed redelivery, retry topic. */
  delayMechanism: string;
  runtime: string;
}

export function profileStack(stack: string): StackProfile {
  const cloud = /\b(aws|amazon|lambda)\b/i.test(stack)
    ? 'aws'
    : /\b(gcp|google cloud|cloud run|gke)\b/i.test(stack)
      ? 'gcp'
      : /\bazure\b/i.test(stack)
        ? 'azure'
        : null;
  const runtime = /\bnode|typescript|javascript\b/i.test(stack)
    ? 'Node.js'
    : /\bpython\b/i.test(stack)
      ? 'Python'
      : /\bjava|kotlin|spring\b/i.test(stack)
        ? 'JVM'
        : /\bgo(lang)?\b/i.test(stack)
          ? 'Go'
          : /\b\.net|c#\b/i.test(stack)
            ? '.NET'
            : 'the existing service runtime';
  const secrets =
    cloud === 'aws' ? 'AWS Secrets Manager' : cloud === 'gcp' ? 'Google Secret Manager' : cloud === 'azure' ? 'Azure Key Vault' : 'a secrets manager (e.g. Vault)';
  if (/\bkafka\b/i.test(stack)) {
    return { cloud, runtime, secrets, queue: 'Kafka', dlq: 'a dead-letter topic', delayMechanism: 'retry topics with delayed consumption' };
  }
  if (/\brabbit/i.test(stack)) {
    return { cloud, runtime, secrets, queue: 'RabbitMQ', dlq: 'a dead-letter exchange', delayMechanism: 'per-message TTL on a delay queue' };
  }
  if (cloud === 'gcp' || /\bpub\/?sub\b/i.test(stack)) {
    return { cloud, runtime, secrets, queue: 'Google Cloud Pub/Sub', dlq: 'a dead-letter topic (max delivery attempts)', delayMechanism: 'nack with a per-message ack deadline' };
  }
  if (cloud === 'azure') {
    return { cloud, runtime, secrets, queue: 'Azure Service Bus', dlq: 'the built-in dead-letter queue (MaxDeliveryCount)', delayMechanism: 'scheduled redelivery' };
  }
  if (cloud === 'aws') {
    return { cloud, runtime, secrets, queue: 'Amazon SQS', dlq: 'an SQS dead-letter queue (redrive maxReceiveCount)', delayMechanism: 'ChangeMessageVisibility' };
  }
  return { cloud, runtime, secrets, queue: 'a managed queue (AMQP/RabbitMQ or the cloud’s own)', dlq: 'a dead-letter queue', delayMechanism: 'delayed redelivery' };
}

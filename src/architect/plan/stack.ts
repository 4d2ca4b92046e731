import type { QueueChoice } from './types.js';

/** The queue, dead-letter mechanism, secrets store and runtime a design uses, from the stated stack. */
export function chooseQueue(stack: string): QueueChoice {
  const cloud = /\b(aws|amazon|lambda|ecs|eks)\b/i.test(stack)
    ? 'aws'
    : /\b(gcp|google cloud|cloud run|gke)\b/i.test(stack)
      ? 'gcp'
      : /\bazure\b/i.test(stack)
        ? 'azure'
        : null;
  const runtime = /\b(node|typescript|javascript)\b/i.test(stack)
    ? 'Node.js'
    : /\bpython\b/i.test(stack)
      ? 'Python'
      : /\b(java|kotlin|spring)\b/i.test(stack)
        ? 'JVM'
        : /\bgo(lang)?\b/i.test(stack)
          ? 'Go'
          : /(\.net|c#)/i.test(stack)
            ? '.NET'
            : 'the existing service runtime';
  const secrets =
    cloud === 'aws' ? 'AWS Secrets Manager' : cloud === 'gcp' ? 'Google Secret Manager' : cloud === 'azure' ? 'Azure Key Vault' : 'a secrets manager (e.g. Vault)';
  const base = { cloud, runtime, secrets } as const;
  if (/\bkafka\b/i.test(stack)) return { ...base, name: 'Kafka', short: 'Kafka', dlq: 'a dead-letter topic', delayMechanism: 'retry topics with delayed consumption' };
  if (/\brabbit/i.test(stack)) return { ...base, name: 'RabbitMQ', short: 'RabbitMQ', dlq: 'a dead-letter exchange', delayMechanism: 'per-message TTL on a delay queue' };
  if (cloud === 'gcp' || /\bpub\/?sub\b/i.test(stack)) {
    return { ...base, name: 'Google Cloud Pub/Sub', short: 'Pub/Sub', dlq: 'a dead-letter topic (max delivery attempts)', delayMechanism: 'nack with a retry policy' };
  }
  if (cloud === 'azure') return { ...base, name: 'Azure Service Bus', short: 'Service Bus', dlq: 'its dead-letter queue (MaxDeliveryCount)', delayMechanism: 'scheduled redelivery' };
  if (cloud === 'aws') return { ...base, name: 'Amazon SQS', short: 'SQS', dlq: 'an SQS dead-letter queue (redrive maxReceiveCount)', delayMechanism: 'ChangeMessageVisibility' };
  return { ...base, name: 'a managed queue (AMQP/RabbitMQ or the cloud’s own)', short: 'the queue', dlq: 'a dead-letter queue', delayMechanism: 'delayed redelivery' };
}

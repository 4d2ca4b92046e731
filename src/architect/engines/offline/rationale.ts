/**
 * Why the offline designs make the choices they do, for "why …?" questions in the thread. Our own words; the
 * facts behind them are the resilience references (AWS backoff and jitter work, Google SRE retry budgets,
 * Stripe's idempotency keys, Azure's queue and breaker patterns, Standard Webhooks).
 */
interface Rationale {
  topic: RegExp;
  text: string;
}

const RATIONALES: Rationale[] = [
  {
    topic: /jitter/i,
    text:
      'Without jitter, every worker that failed at the same moment retries at the same moment, and the recovering API is hit in waves. ' +
      'Full jitter draws each delay uniformly between zero and the exponential ceiling, which spreads retries evenly and, in AWS\'s published simulations, did the least total work of the common strategies. ' +
      'Its minimum delay is zero, so the design adds a retry deadline: the last retry waits until the outage window has passed, which guarantees the schedule outlasts a 5-minute outage.',
  },
  {
    topic: /backoff|exponential|\bcap\b|max(imum)? attempts|how many (retries|attempts)/i,
    text:
      'Doubling delays retry quickly after a blip but back off fast when the API is really down; the cap keeps a single wait from growing past usefulness. ' +
      'Attempts are capped too, so a message that cannot succeed ends in the dead-letter queue instead of retrying forever.',
  },
  {
    topic: /one layer|single layer|http client|retry.*(twice|layers?)/i,
    text:
      'Retries multiply across layers: three retries at each of five layers can turn one call into 243 calls against a struggling service. ' +
      'Retrying only in the worker, with HTTP clients failing fast, keeps the worst case to the stated number of attempts.',
  },
  {
    topic: /idempoten|duplicat|dedup|exactly[- ]once/i,
    text:
      'Webhooks and queues deliver at least once, so the same event will sometimes arrive twice (a provider redelivery, a worker crash after writing but before acknowledging, a replay from the dead-letter queue). ' +
      'A key derived from the source event, reused on every attempt and kept longer than any redelivery or replay window, turns those duplicates into no-ops.',
  },
  {
    topic: /breaker|half[- ]open|fail fast/i,
    text:
      'While the destination is down, retries only add load and tie up workers. The breaker fails fast after the failure rate crosses its threshold, leaves messages waiting in the queue, ' +
      'and after a short open period lets a few probe calls through, so recovery is noticed within seconds rather than after the whole backoff schedule.',
  },
  {
    topic: /token bucket|rate[- ]?limit|80 ?%|headroom|throttl/i,
    text:
      'Staying under the documented limit is cheaper than recovering from 429s: a shared token bucket refilling at about 80% of the limit leaves headroom for other clients of the same account and for retries, ' +
      'and the queue absorbs bursts above that rate instead of sending them on.',
  },
  {
    topic: /queue|asynchron|why not (synchronous|direct)|decoupl/i,
    text:
      'A queue between receiving and writing lets the receiver acknowledge in milliseconds, lets workers write at the rate the destination allows, ' +
      'and keeps messages safe while the destination is down; a synchronous call would fail or block its caller for the whole outage.',
  },
  {
    topic: /dead[- ]?letter|\bdlq\b|poison/i,
    text:
      'Some messages will never succeed as they are (bad data, a revoked credential). Moving them aside after the last attempt keeps them from blocking or looping, ' +
      'keeps the evidence for debugging, and lets an owner replay them through the same idempotent path once the cause is fixed.',
  },
  {
    topic: /poll/i,
    text:
      'Polling spends rate-limit quota on mostly empty answers and adds up to one interval of latency, so push (webhooks, change events) comes first; ' +
      'where polling is unavoidable it reads incrementally from a cursor at a modest interval.',
  },
  {
    topic: /secret|credential|vault|secrets manager|rotat/i,
    text:
      'Credentials in code, environment files or logs leak through repositories, build output and log search; a secrets manager keeps them encrypted, audited and rotatable without a deploy. ' +
      'Least-privilege scopes limit what a leaked credential can do.',
  },
];

const WHY = /\bwhy\b|\breason|\brationale|\bjustif|\bwhat for\b|\bpoint of\b/i;

/** A short explanation for a "why" question, or null when the question is not one or no choice matches. */
export function rationaleFor(question: string): string | null {
  if (!WHY.test(question)) return null;
  const hits = RATIONALES.filter((r) => r.topic.test(question)).slice(0, 2);
  return hits.length > 0 ? hits.map((r) => r.text).join('\n\n') : null;
}

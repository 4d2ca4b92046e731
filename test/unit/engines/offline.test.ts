import { describe, expect, it } from 'vitest';
import { createOfflineEngine } from '../../../src/architect/engines/offline.js';
import { buildPlan } from '../../../src/architect/engines/offline/plan.js';
import { countWords } from '../../../src/architect/document.js';
import { checkQuality } from '../../../src/architect/quality/index.js';
import { SECTION_IDS, SECTION_TITLES, type PreviousDesign } from '../../../src/architect/types.js';
import { example, scenarios } from './scenarios.js';

const engine = createOfflineEngine();
const design = (name: keyof typeof scenarios) => engine.design(scenarios[name]!);
const section = (markdown: string, id: (typeof SECTION_IDS)[number]) => {
  const start = markdown.indexOf(`## ${SECTION_TITLES[id]}`);
  const next = markdown.indexOf('\n## ', start + 3);
  return markdown.slice(start, next === -1 ? undefined : next);
};

describe('offline engine: design', () => {
  it('returns a complete offline result for the Stripe → Salesforce example', async () => {
    const result = await engine.design(example);
    expect(result.engine).toBe('offline');
    expect(result.model).toBeNull();
    expect(result.title).toBe('Integration design: Stripe → Salesforce');
    expect(result.markdown.startsWith('# Integration design: Stripe → Salesforce\n')).toBe(true);
    expect(result.usage).toMatchObject({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 });
    expect(result.usage.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
    expect(result.sections.map((s) => s.heading)).toEqual(SECTION_IDS.map((id) => SECTION_TITLES[id]));
    expect(result.sections.every((s) => s.markdown.length > 50)).toBe(true);
  });

  it('writes the example’s specifics: keys, signature, auth, limit, compliance and computed numbers', async () => {
    const { markdown } = await engine.design(example);
    expect(markdown).toContain('`stripe:<event.id>`');
    expect(markdown).toContain('`Stripe-Signature`');
    expect(markdown).toContain('OAuth 2.0');
    expect(markdown).toMatch(/restricted API key/);
    expect(markdown).toContain('"100000 API calls per 24 hours"');
    expect(markdown).toContain('"PCI: no card numbers leave Stripe"');
    expect(markdown).toContain('kept 17 days');
    const plan = buildPlan(example);
    const p = plan.retry.schedule.policy;
    expect(markdown).toContain(`Max attempts: ${p.maxAttempts}`);
    expect(markdown).toContain('`delay_n = random(0, min(5 min, 5 s × 2^(n−1)))`');
    expect(markdown).toContain('a retry deadline of 5 min');
    const sf = plan.destinations[0]!;
    expect(markdown).toContain(`${sf.budget.tokenBucket!.capacity} tokens`);
    expect(markdown).toContain(`${sf.backlog.messages} msgs`);
    expect(markdown).toContain(`≥ ${sf.breaker.minimumCalls} calls`);
    expect(markdown).toMatch(/Stripe ──webhook──▶ Receiver/);
  });

  it.each(Object.keys(scenarios))('keeps %s within 500–900 prose words with every section', async (name) => {
    const result = await design(name as keyof typeof scenarios);
    const words = countWords(result.markdown);
    expect(words).toBeGreaterThanOrEqual(500);
    expect(words).toBeLessThanOrEqual(900);
    expect(result.quality.wordCount).toBe(words);
    expect(result.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
  });

  it.each(Object.keys(scenarios))('covers the seed’s must-haves for %s', async (name) => {
    const { markdown } = await design(name as keyof typeof scenarios);
    const resilience = section(markdown, 'resilience');
    expect(resilience).toMatch(/Max attempts: \d+/);
    expect(resilience).toMatch(/Backoff formula: `delay_n = /);
    expect(resilience).toMatch(/Jitter range: retry 1 0–/);
    expect(resilience).toMatch(/retry deadline of 5 min/);
    expect(resilience).toMatch(/\*\*Idempotency:\*\* keys? `/);
    expect(resilience).toMatch(/\*\*Circuit breaker\*\*.*50% failures/);
    expect(resilience).toMatch(/\*\*Dead-letter queue:\*\*.*owner.*alert.*replay/);
    expect(resilience).toMatch(/token bucket/);
    expect(resilience).toContain('```ts');
    expect(section(markdown, 'observability')).toMatch(/correlation_id.*traceparent/s);
    const table = section(markdown, 'failure-modes').split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Failure'));
    expect(table.length).toBeGreaterThanOrEqual(5);
    const checklist = section(markdown, 'checklist');
    expect(checklist).toMatch(/^1\. \*\*High risk:\*\*/m);
    expect(checklist).toMatch(/^4\. /m);
    expect(section(markdown, 'pattern')).toMatch(/polling/i);
    expect(markdown).toMatch(/\*\*Assumptions:\*\*/);
    expect(markdown).not.toMatch(/undefined|NaN|\[object/);
  });

  it.each(Object.keys(scenarios))('passes every quality check for %s', async (name) => {
    const result = await design(name as keyof typeof scenarios);
    const failed = result.quality.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.detail}`);
    expect(failed).toEqual([]);
    expect(result.quality.passed).toBe(true);
    expect(result.quality.checks).toHaveLength(12);
  });

  it('is deterministic', async () => {
    const a = await engine.design(example);
    const b = await engine.design(example);
    expect(a.markdown).toBe(b.markdown);
  });

  it('produces materially different designs for different integrations', async () => {
    const webhook = await design('stripeSalesforce');
    const batch = await design('erpBatch');
    const twoWay = await design('bidirectionalCrm');
    expect(webhook.markdown).toContain('**Choice: webhook receiver + queue');
    expect(batch.markdown).toContain('**Choice: scheduled batch with bulk loads.**');
    expect(twoWay.markdown).toMatch(/Two-way sync:.*origin marker/);
    expect(batch.markdown).toContain('`sap:<record id>:<record version>`');
    expect(twoWay.markdown).toContain('`salesforce->hubspot:<record id>:<updated_at>`');
    expect(batch.markdown).toContain('200 records per call');
    const row = (md: string) => md.split('\n').find((l) => /^\| (Salesforce|Snowflake|HubSpot) \|/.test(l));
    expect(new Set([row(webhook.markdown), row(batch.markdown), row(twoWay.markdown)]).size).toBe(3);
    expect((await design('internalSms')).markdown).toContain('**Choice: request/response with an outbox fallback.**');
    expect((await design('legacyPoll')).markdown).toMatch(/\*\*Choice: cursor-based polling \+ queue \(last resort\)\.\*\*.*every 7 min 30 s/);
    expect((await design('githubJiraKafka')).markdown).toMatch(/GitHub does not redeliver|won't redeliver/);
  });

  it('follows the stack and compliance inputs', async () => {
    expect((await design('githubJiraKafka')).markdown).toContain('a dead-letter topic');
    expect((await design('bidirectionalCrm')).markdown).toContain('Azure Key Vault');
    expect((await design('erpBatch')).markdown).toContain('Google Secret Manager');
    expect((await design('legacyPoll')).markdown).toMatch(/"GDPR: customer data must stay in the EU" → .*in-region/);
  });

  it('lists defaults it assumed', async () => {
    const { markdown } = await design('fanOutDefaults');
    expect(markdown).toMatch(/\*\*Assumptions:\*\* volume 30,000\/day \(default\); latency 30 s \(default\)/);
    expect(markdown).toContain('NetSuite and Mailchimp limits unknown, capped at 10 requests per second');
  });

  it('batches writes when the average exceeds the limit budget', async () => {
    const plan = buildPlan(scenarios.overLimit!);
    expect(plan.destinations[0]!.batchSize).toBe(10);
    expect((await design('overLimit')).markdown).toContain('Salesforce writes go 10 records per call (50,000 calls/day)');
  });

  it('warns when the volume cannot fit the limit even with batching', async () => {
    const { markdown } = await engine.design({ ...example, volumePerDay: 100_000_000, latencySeconds: 60 });
    expect(markdown).toMatch(/\*\*Warning:\*\* .* exceed the limit's daily capacity of 100,000/);
  });
});

describe('offline engine: revise', () => {
  const previous = async (): Promise<PreviousDesign> => ({ inputs: example, markdown: (await engine.design(example)).markdown, revision: 1 });

  it('applies a volume change and reports the numbers that moved', async () => {
    const result = await engine.revise(await previous(), 'Actually the volume is 2 million a day', []);
    expect(result.changes).toContain('Volume: 50,000/day → 2,000,000/day');
    expect(result.changes.some((c) => c.startsWith('Salesforce outage backlog:'))).toBe(true);
    expect(result.markdown).toContain('2,000,000 events');
    expect(result.engine).toBe('offline');
  });

  it('applies latency, destinations, stack and rate-limit changes', async () => {
    const prev = await previous();
    expect((await engine.revise(prev, 'latency 5 minutes is fine', [])).changes).toContain('Latency: 30 s → 5 min');
    const hubspot = await engine.revise(prev, 'add HubSpot (marketing CRM) as a destination', []);
    expect(hubspot.changes).toEqual(expect.arrayContaining(['Added system: HubSpot', 'Added flow: Stripe → HubSpot']));
    expect(hubspot.markdown).toContain('Stripe → HubSpot');
    const kafka = await engine.revise(prev, 'use Kafka', []);
    expect(kafka.changes).toContain('Queue: Amazon SQS → Kafka');
    const gcp = await engine.revise(prev, "we're on GCP", []);
    expect(gcp.changes).toContain('Stack: Node.js services on AWS → Node.js services on GCP');
    expect(gcp.markdown).toContain('Google Secret Manager');
    const limit = await engine.revise(prev, 'Salesforce limit is 15000 per day', []);
    expect(limit.changes.some((c) => c.startsWith('Rate limits: Salesforce: 100000 API calls per 24 hours → Salesforce: 15000 per day'))).toBe(true);
    expect(limit.markdown).toContain('"15000 per day"');
  });

  it.each([
    'volume is 2 million a day',
    'latency 5 minutes',
    'add HubSpot as a destination',
    'use Kafka',
    "we're on GCP",
    'Salesforce limit is 15000 per day',
    'make it two-way',
  ])('keeps passing the quality gate after %j', async (request) => {
    const result = await engine.revise(await previous(), request, []);
    expect(result.changes.some((c) => c.startsWith('No change'))).toBe(false);
    expect(result.quality.checks.filter((c) => !c.passed)).toEqual([]);
  });

  it('returns the same document when nothing is recognised', async () => {
    const prev = await previous();
    const result = await engine.revise(prev, 'hmm, interesting', []);
    expect(result.markdown).toBe(prev.markdown);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatch(/^No change recognised: "hmm, interesting"/);
    expect(result.quality).toEqual(checkQuality(prev.markdown, example));
  });
});

describe('offline engine: answer and classify', () => {
  const previous = async (): Promise<PreviousDesign> => ({ inputs: example, markdown: (await engine.design(example)).markdown, revision: 1 });

  it('quotes the relevant section', async () => {
    const prev = await previous();
    const retries = await engine.answer(prev, 'How many retries do we make?', []);
    expect(retries.markdown).toMatch(/^From \*Error handling and retry\*:\n> /);
    expect(retries.markdown).toContain('Max attempts: 8');
    const auth = await engine.answer(prev, 'How do we authenticate to Salesforce?', []);
    expect(auth.markdown).toContain('From *Authentication and authorization*');
    expect(auth.markdown).toContain('OAuth 2.0');
    const dlq = await engine.answer(prev, 'Who owns the DLQ?', []);
    expect(dlq.markdown).toContain('integration on-call');
    expect(dlq.engine).toBe('offline');
  });

  it('says so when a question matches no section', async () => {
    const result = await engine.answer(await previous(), 'What colour is the sky?', []);
    expect(result.markdown).toMatch(/^I could not match that question/);
  });

  it.each([
    ['Why not use polling?', 'question'],
    ['what happens if Salesforce is down for an hour', 'question'],
    ['How are secrets rotated', 'question'],
    ['Is the breaker per destination?', 'question'],
    ['Can you add HubSpot as a destination?', 'change'],
    ['add HubSpot as a destination', 'change'],
    ['Use Kafka instead of SQS', 'change'],
    ['volume is 2 million a day', 'change'],
    ['Actually latency can be 5 minutes', 'change'],
    ['Salesforce limit is 15000 per day', 'change'],
    ["we're on GCP", 'change'],
    ['thanks, looks good', 'question'],
  ] as const)('classifies %j as a %s', async (reply, kind) => {
    expect(await engine.classifyReply(await previous(), reply)).toBe(kind);
  });
});

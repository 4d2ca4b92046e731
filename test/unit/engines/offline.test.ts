import { describe, expect, it } from 'vitest';
import { createOfflineEngine } from '../../../src/architect/engines/offline.js';
import { buildPlan } from '../../../src/architect/plan/index.js';
import { countWords } from '../../../src/architect/document.js';
import { checkQuality } from '../../../src/architect/quality/index.js';
import { SECTION_IDS, SECTION_TITLES, type PreviousDesign } from '../../../src/architect/types.js';
import { example, scenarios, section } from './scenarios.js';

const engine = createOfflineEngine();
const design = (name: keyof typeof scenarios) => engine.design(scenarios[name]!);

describe('offline engine: design', () => {
  it('returns a complete offline result for the Stripe → Salesforce example', async () => {
    const result = await engine.design(example);
    expect(result.engine).toBe('offline');
    expect(result.model).toBeNull();
    expect(result.title).toBe('Integration design: Stripe → Salesforce');
    expect(result.markdown.startsWith('# Integration design: Stripe → Salesforce\n')).toBe(true);
    expect(result.usage).toMatchObject({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 });
    const known = result.sections.filter((s) => s.id !== 'other');
    expect(known.map((s) => s.id)).toEqual([...SECTION_IDS]);
    expect(known.map((s) => s.heading)).toEqual(SECTION_IDS.map((id) => SECTION_TITLES[id]));
    expect(known.every((s) => s.markdown.length > 50)).toBe(true);
  });

  it('writes the example’s specifics from the facts and the plan’s numbers', async () => {
    const { markdown } = await engine.design(example);
    const plan = buildPlan(example);
    expect(markdown).toContain('`stripe:{id}`');
    expect(section(markdown, 'authentication')).toMatch(/`Stripe-Signature`: HMAC-SHA256 of the timestamp `t`, a period, and the raw request body .* hex-encoded/);
    expect(section(markdown, 'authentication')).toMatch(/Salesforce.*client credentials/);
    expect(markdown).toMatch(/Salesforce limits:\*\* 100000 API calls per 24 hours \(stated\)/);
    expect(markdown).toContain('"PCI: no card numbers leave Stripe"');
    expect(markdown).toContain(`kept ${plan.keyRetentionDays} days`);
    const p = plan.retry.schedule.policy;
    expect(markdown).toContain(`max attempts ${p.maxAttempts}`);
    expect(markdown).toContain('`delay_n = random(0, min(5 min, 5 s × 2^(n−1)))`');
    expect(markdown).toContain('a retry deadline of 5 min');
    const sf = plan.loads.find((l) => l.system.name === 'Salesforce')!;
    expect(markdown).toContain(`capacity ${sf.bucket!.capacity}`);
    expect(markdown).toContain(`≥ ${sf.breaker!.minimumCalls} calls`);
    expect(markdown).toMatch(/Stripe ──webhook──▶ Receiver/);
    expect(markdown).toMatch(/## Sources\n\n- \[Stripe: docs\.stripe\.com/);
  });

  it.each(Object.keys(scenarios))('keeps %s within 500–900 prose words, every section, every quality check', async (name) => {
    const result = await design(name as keyof typeof scenarios);
    const words = countWords(result.markdown);
    expect(words).toBeGreaterThanOrEqual(500);
    expect(words).toBeLessThanOrEqual(900);
    expect(result.quality.wordCount).toBe(words);
    expect(result.sections.filter((s) => s.id !== 'other').map((s) => s.id)).toEqual([...SECTION_IDS]);
    const failed = result.quality.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.detail}`);
    expect(failed).toEqual([]);
    expect(result.markdown).not.toMatch(/undefined|NaN|\[object|Infinity/);
  });

  it('is deterministic', async () => {
    const a = await engine.design(example);
    const b = await engine.design(example);
    expect(a.markdown).toBe(b.markdown);
  });

  it('chooses the mechanism from what each system is and documents', async () => {
    const ingress = (name: keyof typeof scenarios) => buildPlan(scenarios[name]!).flows.map((f) => f.ingress);
    expect(ingress('stripeSalesforce')).toEqual(['webhook']);
    expect(ingress('erpBatch')).toEqual(['batch-export']);
    expect(ingress('bidirectionalCrm')).toEqual(['webhook', 'change-stream']);
    expect(ingress('internalSms')).toEqual(['request']);
    expect(ingress('legacyPoll')).toEqual(['poll']);
    expect(ingress('githubJiraKafka')).toEqual(['webhook']);
    expect((await design('internalSms')).markdown).toContain('**Choice: request/response with an outbox fallback.**');
    expect((await design('legacyPoll')).markdown).toMatch(/\*\*Choice: incremental polling \+ queue \(the source cannot push\)\.\*\*.*every 7 min 30 s/);
    expect((await design('githubJiraKafka')).markdown).toContain('GitHub does not redeliver');
    expect((await design('bidirectionalCrm')).markdown).toMatch(/Two-way sync:.*origin marker/);
  });

  it('follows the stack and compliance inputs', async () => {
    expect((await design('githubJiraKafka')).markdown).toContain('a dead-letter topic');
    expect((await design('bidirectionalCrm')).markdown).toContain('Azure Key Vault');
    expect((await design('erpBatch')).markdown).toContain('Google Secret Manager');
    expect((await design('legacyPoll')).markdown).toMatch(/"GDPR: customer data must stay in the EU" → .*in-region/);
  });

  it('lists defaults it assumed and what to confirm, never an invented limit', async () => {
    const { markdown } = await design('fanOutDefaults');
    expect(markdown).toMatch(/\*\*Assumptions:\*\* volume 30,000\/day \(default\); latency 30 s \(default\)/);
    expect(markdown).not.toMatch(/10 requests per second/);
  });

  it('moves writes to a documented bulk endpoint when the volume needs it', async () => {
    const plan = buildPlan(scenarios.overLimit!);
    const flow = plan.flows[0]!;
    expect(flow.egress).toBe('api-bulk');
    expect(flow.batchSize).toBeGreaterThan(1);
    expect(plan.feasible).toBe(true);
  });

  it('says plainly when the volume cannot fit, with the options that exist', async () => {
    const inputs = { ...example, volumePerDay: 100_000_000, latencySeconds: 60, rateLimits: [{ system: 'Salesforce', limit: '15000 API calls per day' }] };
    const plan = buildPlan(inputs);
    expect(plan.feasible).toBe(false);
    const { markdown, quality } = await engine.design(inputs);
    expect(markdown.split('\n').find((l) => l.trim() && !l.startsWith('#'))).toMatch(/^\*\*Not deliverable as specified:\*\*.*Salesforce/);
    expect(markdown).toMatch(/Cannot fit:\*\* Salesforce: .* Options: /);
    expect(quality.passed).toBe(true);
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
    expect(hubspot.changes).toEqual(expect.arrayContaining(['Added system: HubSpot (marketing CRM)', expect.stringMatching(/^Added flow: Stripe → HubSpot \(.+\)$/)]));
    expect(hubspot.markdown).toContain('Stripe → HubSpot');
    const kafka = await engine.revise(prev, 'use Kafka', []);
    expect(kafka.changes).toContain('Queue: Amazon SQS → Kafka');
    const gcp = await engine.revise(prev, "we're on GCP", []);
    expect(gcp.changes).toContain('Stack: Node.js services on AWS → Node.js services on GCP');
    expect(gcp.markdown).toContain('Google Secret Manager');
    const limit = await engine.revise(prev, 'Salesforce limit is 15000 per day', []);
    expect(limit.changes).toContain('Salesforce limits: 100000 API calls per 24 hours → 15000 per day');
    expect(limit.markdown).toContain('15000 per day (stated)');
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
    expect(retries.markdown).toMatch(/max attempts \d+/);
    const auth = await engine.answer(prev, 'How do we authenticate to Salesforce?', []);
    expect(auth.markdown).toContain('From *Authentication and authorization*');
    expect(auth.markdown).toMatch(/client credentials/);
    const dlq = await engine.answer(prev, 'Who owns the DLQ?', []);
    expect(dlq.markdown).toContain('on-call');
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

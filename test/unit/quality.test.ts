import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IntegrationInputs } from '../../src/architect/inputs.js';
import { checkQuality, formatQualityReport, repairInstructions } from '../../src/architect/quality/index.js';
import type { QualityCheckId, QualityReport } from '../../src/architect/types.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/designs/${name}.md`, import.meta.url), 'utf8');

const inputs: IntegrationInputs = {
  systems: [
    { name: 'Stripe', description: 'payments platform' },
    { name: 'Salesforce', description: 'CRM' },
  ],
  flows: [{ from: 'Stripe', to: 'Salesforce', data: 'successful payments and refunds as Opportunity updates' }],
  volumePerDay: 50_000,
  rateLimits: [{ system: 'Salesforce', limit: '100000 API calls per 24 hours' }],
};

const ALL_CHECKS: QualityCheckId[] = [
  'sections',
  'retry-parameters',
  'retry-window',
  'idempotency',
  'circuit-breaker',
  'dead-letter',
  'structured-logs',
  'correlation-ids',
  'failure-modes',
  'constraints',
  'facts',
  'mechanics',
  'numbers',
  'no-polling-first',
  'word-count',
];

const failedIds = (report: QualityReport) => report.checks.filter((c) => !c.passed).map((c) => c.id);
const check = (report: QualityReport, id: QualityCheckId) => report.checks.find((c) => c.id === id)!;

describe('checkQuality on the good design', () => {
  const report = checkQuality(fixture('good'), inputs);

  it('passes every check, one check per id, in order', () => {
    expect(report.checks.map((c) => c.id)).toEqual(ALL_CHECKS);
    expect(failedIds(report)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.repaired).toBe(false);
    expect(report.wordCount).toBeGreaterThanOrEqual(600);
    expect(report.wordCount).toBeLessThanOrEqual(800);
  });

  it('says what it found', () => {
    expect(check(report, 'retry-window').detail).toMatch(/10 attempts, base 1 s, factor 2, cap 2 min, full jitter/);
    expect(check(report, 'structured-logs').detail).toContain('correlation_id');
    expect(check(report, 'failure-modes').detail).toBe('5 failure modes listed.');
  });
});

describe('each variant fails exactly the checks of what it lacks', () => {
  // A variant can miss something two checks look at (no Authentication section also loses Salesforce's auth fact).
  const variants: Array<[string, QualityCheckId[], QualityCheckId, RegExp]> = [
    ['missing-authentication', ['sections', 'facts'], 'sections', /Authentication and authorization/],
    ['missing-pattern-rationale', ['sections', 'mechanics'], 'sections', /no rationale/],
    ['missing-retry-parameters', ['retry-parameters'], 'retry-parameters', /maximum number of attempts.*backoff formula.*jitter range/],
    ['short-retry-window', ['retry-window'], 'retry-window', /give up before a 5 min outage.*4 attempts.*maximum 7 s/],
    ['missing-idempotency', ['idempotency', 'mechanics'], 'idempotency', /No idempotency design/],
    ['breaker-without-numbers', ['circuit-breaker', 'numbers'], 'circuit-breaker', /threshold that opens it.*stays open/],
    ['missing-dead-letter', ['dead-letter'], 'dead-letter', /No dead-letter path/],
    ['missing-structured-logs', ['structured-logs'], 'structured-logs', /No structured logging/],
    ['missing-correlation-ids', ['correlation-ids'], 'correlation-ids', /No correlation ids/],
    ['missing-failure-modes', ['failure-modes'], 'failure-modes', /No failure modes called out/],
    ['missing-rate-limits', ['constraints'], 'constraints', /Salesforce's line .* "100000 API calls per 24 hours" \(stated\)/],
    ['rate-limit-number-missing', ['constraints'], 'constraints', /Salesforce's line/],
    ['polling-first', ['mechanics', 'no-polling-first'], 'no-polling-first', /polls every 5 seconds/],
    ['too-long', ['word-count'], 'word-count', /over the 500–900 range/],
  ];

  it.each(variants)('%s fails %j', (name, ids, id, detail) => {
    const report = checkQuality(fixture(name), inputs);
    expect(failedIds(report)).toEqual(ids);
    expect(report.passed).toBe(false);
    expect(check(report, id).detail).toMatch(detail);
  });

  it('covers every check id', () => {
    expect(new Set(variants.flatMap(([, ids]) => ids))).toEqual(new Set(ALL_CHECKS));
  });
});

describe('retry-window', () => {
  it('measures against the outage option', () => {
    const report = checkQuality(fixture('good'), { ...inputs, outageSeconds: 600 });
    expect(failedIds(report)).toEqual(['retry-window']);
    expect(check(report, 'retry-window').detail).toMatch(/stated retry window \(8 min\) is shorter than the 10 min outage/);
  });

  it('accepts an explicit window when the parameters cannot be fully parsed', () => {
    const md = fixture('missing-retry-parameters');
    expect(check(checkQuality(md, inputs), 'retry-window')).toMatchObject({ passed: true });
    expect(check(checkQuality(md, inputs), 'retry-window').detail).toMatch(/Stated retry window 8 min.*not fully stated: max attempts, base delay/);
    const shorter = md.replaceAll('8 minutes', '3 minutes');
    expect(check(checkQuality(shorter, inputs), 'retry-window')).toMatchObject({ passed: false });
  });

  it('passes a jitter-free schedule whose own delays cover the outage, without a stated window', () => {
    const md = fixture('short-retry-window')
      .replace('Max attempts: 4 (the first try plus 3 retries)', 'Max attempts: 12 (the first try plus 11 retries)')
      .replace('cap 10 s', 'cap 60 s')
      .replace('- Jitter: full jitter, the actual wait is `random(0, delay_n)`.', '- Jitter: equal jitter, the wait is between 50% and 100% of `delay_n`.');
    // Equal jitter floors: 0.5+1+2+4+8+16+30×5 = 181.5 s < 300 s; so it still fails, and says how much it has.
    const report = checkQuality(md, inputs);
    expect(check(report, 'retry-window').detail).toMatch(/minimum 3 min 2 s/);
    const longer = md.replace('cap 60 s', 'cap 120 s');
    // 0.5+1+2+4+8+16+32+60×4 = 303.5 s ≥ 300 s.
    expect(check(checkQuality(longer, inputs), 'retry-window')).toMatchObject({ passed: true });
  });

  it('fails with guidance when no parameters or window are given', () => {
    const md = fixture('good')
      .replace(/\*\*Retries\.\*\*[\s\S]*?(?=\*\*Idempotency)/, 'Failures are retried.\n\n')
      .replace('retries span 8 minutes; ', '');
    const report = checkQuality(md, inputs);
    expect(check(report, 'retry-window').detail).toMatch(/max attempts and base delay not found and no total retry window stated/);
  });
});

describe('checks against the plan: constraints, facts, mechanics, numbers', () => {
  it('finds a stated limit only on its own system\'s line, in any common notation', () => {
    const md = fixture('good');
    for (const written of ['100000', '100,000', '100k']) {
      const report = checkQuality(md.replace('100,000 API calls', `${written} API calls`), inputs);
      expect(check(report, 'constraints').passed, written).toBe(true);
    }
    // The number elsewhere (the volume line) does not count for Salesforce's limit.
    const moved = md.replace('Salesforce allows 100,000 API calls per 24 hours.', 'The limit is generous.').replace('50,000 events a day', '100,000 events a day');
    expect(check(checkQuality(moved, inputs), 'constraints').passed).toBe(false);
  });

  it('holds the document to a documented limit nobody stated, and to the documented signature scheme', () => {
    const shopify: IntegrationInputs = {
      systems: [{ name: 'Shopify', description: 'store' }, { name: 'Salesforce', description: 'CRM' }],
      flows: [{ from: 'Shopify', to: 'Salesforce', data: 'orders' }],
    };
    const generic = fixture('good').replaceAll('Stripe', 'Shopify').replace('verify the `Shopify-Signature` HMAC over the raw body', 'verify the `X-Shopify-Hmac-SHA256` header: hex HMAC-SHA256 of timestamp + raw body');
    const facts = check(checkQuality(generic, shopify), 'facts');
    expect(facts.passed).toBe(false);
    expect(facts.detail).toMatch(/"hex" contradicts Shopify's documentation/);
    expect(facts.detail).toMatch(/timestamp \+ raw body/);
  });

  it('rejects an auth method the provider does not offer', () => {
    const gcal: IntegrationInputs = {
      systems: [{ name: 'Scheduler', description: 'our internal service' }, { name: 'Slack', description: 'chat' }],
      flows: [{ from: 'Scheduler', to: 'Slack', data: 'reminders' }],
    };
    const md = fixture('good').replaceAll('Salesforce', 'Slack').replace('OAuth 2.0 JWT bearer flow', 'OAuth 2.0 client credentials flow');
    const facts = check(checkQuality(md, gcal), 'facts');
    expect(facts.passed).toBe(false);
    expect(facts.detail).toMatch(/Slack does not document an OAuth client-credentials grant/);
  });

  it('requires the mechanics a provider needs', () => {
    const graph: IntegrationInputs = {
      systems: [{ name: 'Microsoft Graph', description: 'Outlook mailboxes' }, { name: 'Zendesk', description: 'support' }],
      flows: [{ from: 'Microsoft Graph', to: 'Zendesk', data: 'emails as tickets' }],
    };
    const md = fixture('good').replaceAll('Stripe', 'Microsoft Graph').replaceAll('Salesforce', 'Zendesk');
    const mechanics = check(checkQuality(md, graph), 'mechanics');
    expect(mechanics.passed).toBe(false);
    expect(mechanics.detail).toMatch(/subscriptions expire.*renew them before expiry/);
  });
});

describe('no-polling-first', () => {
  const good = fixture('good');
  it('accepts polling as a fallback or at low frequency', () => {
    const fallback = good.replace(
      'a nightly reconciliation job compares',
      'as a fallback while webhooks are disabled a worker polls every 30 seconds, and a nightly reconciliation job compares',
    );
    expect(check(checkQuality(fallback, inputs), 'no-polling-first')).toMatchObject({ passed: true });
    const slow = good.replace('## 3. Authentication', 'For NetSuite, which has no events, we poll every 5 minutes with a last-modified cursor.\n\n## 3. Authentication');
    expect(check(checkQuality(slow, inputs), 'no-polling-first')).toMatchObject({ passed: true });
  });

  it('accepts high-frequency polling when the sentence criticises it', () => {
    const md = good.replace('Polling the Stripe Events API is rejected as the main mechanism because it burns rate limit for little gain; a', 'Polling Stripe every 5 seconds wastes the API budget. A');
    expect(check(checkQuality(md, inputs), 'no-polling-first')).toMatchObject({ passed: true });
  });

  it('rejects polling chosen without an interval', () => {
    const chosen = good.replace('We choose **event-driven webhooks into a durable queue**', 'We choose polling of the Stripe Events API');
    const result = check(checkQuality(chosen, inputs), 'no-polling-first');
    expect(result.passed).toBe(false);
    expect(result.detail).toMatch(/chooses polling without an interval/);
  });

  it('rejects sub-second and per-second polling anywhere in the document', () => {
    for (const phrase of ['poll Stripe every 500 ms', 'poll Stripe every second', 'poll Stripe at 10-second intervals']) {
      const md = good.replace('6. Nightly reconciliation job.', `6. Worker loop: ${phrase} for new events.`);
      expect(check(checkQuality(md, inputs), 'no-polling-first').passed, phrase).toBe(false);
    }
  });
});

describe('sections', () => {
  it('requires at least four checklist items', () => {
    const md = fixture('good').replace(/4\. Circuit breaker[\s\S]*?6\. Nightly reconciliation job\.\n/, '');
    const result = check(checkQuality(md, inputs), 'sections');
    expect(result.passed).toBe(false);
    expect(result.detail).toMatch(/checklist has 3 list items; give at least 4/);
  });
});

describe('failure-modes', () => {
  it('counts a failure table outside a dedicated section', () => {
    const md = fixture('good').replace('## 6. Failure Modes and Mitigations', '### What we watch for');
    const report = checkQuality(md, inputs);
    expect(check(report, 'failure-modes')).toMatchObject({ passed: true, detail: '5 failure modes listed in a failure table.' });
  });

  it('fails a section with fewer than three entries', () => {
    const md = fixture('good').replace(/\| Salesforce daily limit[\s\S]*?(?=\n\n## 7)/, '');
    const result = check(checkQuality(md, inputs), 'failure-modes');
    expect(result).toMatchObject({ passed: false });
    expect(result.detail).toMatch(/^Only 2 failure modes listed/);
  });
});

describe('formatQualityReport / repairInstructions', () => {
  it('summarises a passing report in one line', () => {
    const report = checkQuality(fixture('good'), inputs);
    expect(formatQualityReport(report)).toBe(`Quality: 15/15 checks passed (${report.wordCount} words)`);
    expect(formatQualityReport({ ...report, repaired: true })).toMatch(/passed after one repair pass/);
    expect(repairInstructions(report)).toBe('');
  });

  it('lists each failed check once, with its detail', () => {
    const md = fixture('missing-idempotency').replace(/\*\*Circuit breaker\.\*\*.*\n/, '');
    const report = checkQuality(md, inputs);
    expect(failedIds(report)).toEqual(['idempotency', 'circuit-breaker', 'mechanics', 'numbers']);
    const lines = formatQualityReport(report).split('\n');
    expect(lines[0]).toMatch(/^Quality: 11\/15 checks passed/);
    expect(lines.slice(1, 3)).toEqual([
      `✗ Idempotency key: ${check(report, 'idempotency').detail}`,
      `✗ Circuit breaker thresholds: ${check(report, 'circuit-breaker').detail}`,
    ]);
    const repair = repairInstructions(report).split('\n');
    expect(repair).toHaveLength(4);
    expect(repair[0]).toMatch(/^- Idempotency key \(idempotency\): No idempotency design/);
  });
});

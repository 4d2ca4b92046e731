import { describe, expect, it } from 'vitest';
import { createOfflineEngine } from '../../../src/architect/engines/offline.js';
import { IntegrationInputsSchema } from '../../../src/architect/inputs.js';

const design = (description: string) =>
  createOfflineEngine().design(
    IntegrationInputsSchema.parse({
      systems: [
        { name: 'Acme', description },
        { name: 'Salesforce', description: 'CRM' },
      ],
      flows: [{ from: 'Acme', to: 'Salesforce', data: 'invoices' }],
    }),
  );

describe('push support of a source nobody described', () => {
  it('designs for push, states the assumption, and names polling only as the fallback', async () => {
    const d = await design('billing platform');
    expect(d.markdown).toContain('**Choice: webhook receiver + queue');
    expect(d.markdown).toContain('Assumed, to confirm: Acme can push');
    expect(d.markdown).toMatch(/cursor-based poll every 1 min is the fallback, never faster/);
    expect(d.markdown).toContain('Acme can push changes (unconfirmed)');
    expect(d.markdown).not.toContain('Acme offers no webhooks');
    expect(d.quality.passed).toBe(true);
  });

  it('polls (as a last resort, with a cursor) when the user says the source cannot push', async () => {
    for (const description of ['vendor CRM with a REST API only', 'billing tool with no webhooks', "billing tool that doesn't support webhooks"]) {
      const d = await design(description);
      expect(d.markdown, description).toContain('**Choice: incremental polling + queue (the source cannot push)');
      expect(d.quality.passed, description).toBe(true);
    }
  });

  it('takes the user at their word when they say it pushes', async () => {
    const d = await design('billing platform that sends webhooks on every invoice change');
    expect(d.markdown).toContain('Acme pushes webhooks');
    expect(d.markdown).not.toContain('unconfirmed');
  });
});

describe('offline answers', () => {
  it('quote a table whole, with its separator row, so it still renders', async () => {
    const inputs = IntegrationInputsSchema.parse({
      systems: [
        { name: 'Stripe', description: 'payments' },
        { name: 'Salesforce', description: 'CRM' },
      ],
      flows: [{ from: 'Stripe', to: 'Salesforce', data: 'payments' }],
      rateLimits: [{ system: 'Salesforce', limit: '100000 API calls per 24 hours' }],
    });
    const engine = createOfflineEngine();
    const design = await engine.design(inputs);
    const answer = await engine.answer({ inputs, markdown: design.markdown, revision: 1 }, 'Which failure modes are covered?', []);
    expect(answer.markdown).toMatch(/\n\| Failure \|[^\n]*\n\|---/);
    expect(answer.markdown).not.toMatch(/^>\s*\|/m);
  });
});

describe('offline answers to "why" questions', () => {
  const inputs = IntegrationInputsSchema.parse({
    systems: [
      { name: 'Stripe', description: 'payments' },
      { name: 'Salesforce', description: 'CRM' },
    ],
    flows: [{ from: 'Stripe', to: 'Salesforce', data: 'payments' }],
  });

  it('explain the choice before quoting the design', async () => {
    const engine = createOfflineEngine();
    const design = await engine.design(inputs);
    const previous = { inputs, markdown: design.markdown, revision: 1 };
    const jitter = await engine.answer(previous, 'Why full jitter?', []);
    expect(jitter.markdown).toMatch(/^\*Why:\* Without jitter/);
    expect(jitter.markdown).toContain('retry deadline');
    expect(jitter.markdown).toContain('From *Error handling and retry*');
    const idem = await engine.answer(previous, 'Why do we need an idempotency key at all?', []);
    expect(idem.markdown).toMatch(/at least once/);
  });

  it('only for "why" questions: a "what" question gets the quoted design alone', async () => {
    const engine = createOfflineEngine();
    const design = await engine.design(inputs);
    const what = await engine.answer({ inputs, markdown: design.markdown, revision: 1 }, 'What is the retry schedule?', []);
    expect(what.markdown).not.toContain('*Why:*');
    expect(what.markdown).toMatch(/max attempts/i);
  });
});

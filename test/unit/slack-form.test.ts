import { describe, expect, it } from 'vitest';
import type { PartialInputs } from '../../src/architect/inputs.js';
import { DESIGN_FORM_CALLBACK_ID, FORM_BLOCK_IDS, designFormView, parseDesignForm } from '../../src/slack/blocks/index.js';
import type { InputBlock, ModalView } from '../../src/slack/blocks/kit.js';
import { expectBlockLimits, expectInertPayload } from './slack-limits.js';

type Values = Record<string, Record<string, { type: string; value: string | null }>>;

/** What Slack would submit if the user pressed "Design it" without editing: each input's initial value. */
function submitted(view: ModalView, edits: Partial<Record<string, string | null>> = {}): Values {
  const values: Values = {};
  for (const block of view.blocks) {
    if (block.type !== 'input') continue;
    const el = (block as InputBlock).element as { type: string; action_id: string; initial_value?: string };
    const id = block.block_id!;
    const value = id in edits ? edits[id]! : (el.initial_value ?? null);
    values[id] = { [el.action_id]: { type: el.type, value } };
  }
  return values;
}

const full: PartialInputs = {
  systems: [
    { name: 'Stripe', description: 'payments platform' },
    { name: 'Salesforce', description: 'CRM: accounts and opportunities' },
    { name: 'NetSuite', description: 'ERP, source of truth for invoices' },
  ],
  flows: [
    { from: 'Stripe', to: 'Salesforce', data: 'successful payments and refunds as Opportunity updates' },
    { from: 'Salesforce', to: 'NetSuite', data: 'closed-won opportunities -> sales orders' },
    { from: 'NetSuite', to: 'Salesforce', data: 'invoice status' },
  ],
  volumePerDay: 50000,
  latencySeconds: 2.5,
  stack: 'Node.js services on AWS',
  auth: 'Salesforce requires OAuth 2.0; Stripe uses restricted API keys',
  rateLimits: [{ system: 'Salesforce', limit: '100000 API calls per 24 hours' }],
  compliance: 'PCI: no card numbers leave Stripe',
};

describe('designFormView', () => {
  it('is a modal with every input, within Slack limits', () => {
    const view = designFormView({ conversationId: 'conv-123', inputs: full });
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe(DESIGN_FORM_CALLBACK_ID);
    expect(view.private_metadata).toBe('conv-123');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit!.text.length).toBeLessThanOrEqual(24);
    expect(view.close!.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expectBlockLimits(view.blocks as never);
    const ids = view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);
    expect(ids).toEqual(Object.values(FORM_BLOCK_IDS));
    const byId = Object.fromEntries(view.blocks.map((b) => [b.block_id, b])) as Record<string, { optional?: boolean }>;
    expect(byId.systems!.optional).toBe(false);
    expect(byId.flows!.optional).toBe(false);
    expect(byId.volume_per_day!.optional).toBe(true);
  });

  it('prefills what is known and leaves the rest empty', () => {
    const view = designFormView({ conversationId: 'c', inputs: { systems: [{ name: 'Stripe' }] } });
    const values = submitted(view);
    expect(values.systems!.value!.value).toBe('Stripe:');
    expect(values.flows!.value!.value).toBeNull();
    expect(values.volume_per_day!.value!.value).toBeNull();
  });

  it('keeps prefill within 3,000 chars for the largest allowed inputs, and shows errors', () => {
    const inputs: PartialInputs = {
      systems: Array.from({ length: 12 }, (_, i) => ({ name: `S${i}${'n'.repeat(76)}`, description: 'd'.repeat(400) })),
      flows: Array.from({ length: 24 }, (_, i) => ({ from: `S${i % 12}`, to: `S${(i + 1) % 12}`, data: 'x'.repeat(600) })),
      auth: 'a'.repeat(600),
      compliance: `<!channel> ${'c'.repeat(580)}`,
    };
    const view = designFormView({ conversationId: 'c', inputs, errors: { systems: '<!here> bad line', flows: 'x'.repeat(5000) } });
    expectBlockLimits(view.blocks as never);
    const lines = String(submitted(view).systems!.value!.value).split('\n');
    expect(lines.length).toBeLessThan(12);
    expect(lines.every((l) => l.endsWith('d'.repeat(400)))).toBe(true);
    expectInertPayload(view.blocks.filter((b) => b.type !== 'input'));
    expect(JSON.stringify(view)).toContain('Please fix');
  });

  it('rejects private_metadata over 3,000 chars', () => {
    expect(() => designFormView({ conversationId: 'x'.repeat(3001), inputs: {} })).toThrow(RangeError);
  });
});

describe('parseDesignForm', () => {
  it('round-trips: inputs → form → submission → the same inputs', () => {
    const view = designFormView({ conversationId: 'c', inputs: full });
    expect(parseDesignForm(submitted(view))).toEqual({ inputs: full });
  });

  it('round-trips a minimal form', () => {
    const minimal: PartialInputs = {
      systems: [
        { name: 'GitHub', description: 'source control' },
        { name: 'Jira', description: 'issue tracker' },
      ],
      flows: [{ from: 'GitHub', to: 'Jira', data: 'pull request status' }],
    };
    expect(parseDesignForm(submitted(designFormView({ conversationId: 'c', inputs: minimal })))).toEqual({ inputs: minimal });
  });

  const base = designFormView({ conversationId: 'c', inputs: full });
  const errorsFor = (edits: Partial<Record<string, string | null>>) => {
    const r = parseDesignForm(submitted(base, edits));
    if (!('errors' in r)) throw new Error(`expected errors, got ${JSON.stringify(r)}`);
    return r.errors;
  };

  it('points at the offending line of a malformed system', () => {
    const errors = errorsFor({ systems: 'Stripe: payments\nSalesforce CRM\nNetSuite: ERP' });
    expect(errors.systems).toBe('Line 2: use “Name: what it does”');
  });

  it('requires at least two systems and no duplicates', () => {
    expect(errorsFor({ systems: 'Stripe: payments' }).systems).toMatch(/at least two systems/);
    expect(errorsFor({ systems: 'Stripe: a\nstripe: b' }).systems).toMatch(/Line 2: "stripe" is listed twice/);
  });

  it('requires flows to name listed systems', () => {
    const errors = errorsFor({ flows: 'Stripe -> HubSpot: contacts' });
    expect(errors.flows).toBe('Line 1: "HubSpot" is not one of the listed systems');
    expect(errorsFor({ flows: 'Stripe to Salesforce' }).flows).toBe('Line 1: use “From -> To: what flows”');
    expect(errorsFor({ flows: '' }).flows).toMatch(/at least one flow/);
    expect(errorsFor({ flows: 'Stripe -> stripe: loop' }).flows).toMatch(/two different systems/);
  });

  it('validates numbers and rate limits', () => {
    expect(errorsFor({ volume_per_day: '2.5' }).volume_per_day).toBe('Volume must be a positive whole number');
    expect(errorsFor({ volume_per_day: '0' }).volume_per_day).toBe('Volume must be a positive whole number');
    expect(errorsFor({ latency_seconds: '-1' }).latency_seconds).toMatch(/positive number of seconds/);
    expect(errorsFor({ rate_limits: 'Zendesk: 700 rpm' }).rate_limits).toMatch(/"Zendesk" is not one of the listed systems/);
    expect(errorsFor({ stack: 's'.repeat(401) }).stack).toMatch(/under 400/);
  });

  it('reports several blocks at once, and only the first two problems per block', () => {
    const errors = errorsFor({ systems: 'a\nb\nc\nd', volume_per_day: 'x' });
    expect(Object.keys(errors).sort()).toEqual(['systems', 'volume_per_day']);
    expect(errors.systems).toBe('Line 1: use “Name: what it does”; Line 2: use “Name: what it does” (and 2 more)');
  });

  it('accepts list markers, bidirectional arrows and any name casing', () => {
    const r = parseDesignForm(
      submitted(base, {
        systems: '- Stripe: payments\n• Salesforce: CRM',
        flows: '1. stripe <-> SALESFORCE: customer records',
        rate_limits: null,
        volume_per_day: null,
        latency_seconds: null,
        stack: null,
        auth: '',
        compliance: null,
      }),
    );
    expect(r).toEqual({
      inputs: {
        systems: [
          { name: 'Stripe', description: 'payments' },
          { name: 'Salesforce', description: 'CRM' },
        ],
        flows: [
          { from: 'Stripe', to: 'Salesforce', data: 'customer records' },
          { from: 'Salesforce', to: 'Stripe', data: 'customer records' },
        ],
      },
    });
  });

  it('rejects a payload that is not view state', () => {
    expect(parseDesignForm({ systems: 'nope' })).toHaveProperty('errors');
    expect(parseDesignForm(null)).toHaveProperty('errors');
  });
});

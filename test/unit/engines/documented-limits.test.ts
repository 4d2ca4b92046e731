import { describe, expect, it } from 'vitest';
import { createOfflineEngine } from '../../../src/architect/engines/offline.js';
import { documentedLimit } from '../../../src/architect/engines/offline/plan.js';
import { IntegrationInputsSchema } from '../../../src/architect/inputs.js';

describe('documented rate limits from the knowledge catalog', () => {
  it('picks the binding account-wide limit, skipping per-object, test-mode, burst and unauthenticated ones', () => {
    expect(documentedLimit('Stripe')).toBe('100 requests per second'); // not test mode's 25/s or a PaymentIntent's
    expect(documentedLimit('Xero')).toBe('5000 requests per day'); // the daily quota binds before 60/minute
    expect(documentedLimit('GitHub')).toBe('5000 requests per hour'); // not 60/hour unauthenticated
    expect(documentedLimit('HubSpot')).toBe('650000 requests per day'); // not the 190/10 s burst
  });

  it('knows nothing for unknown systems or APIs without a plain account-wide rate', () => {
    expect(documentedLimit('Acme billing')).toBeNull();
    expect(documentedLimit('Slack')).toBeNull(); // only a per-channel posting rate is documented
  });

  it('designs against the documented limit when the user gave none, and says it is documented', async () => {
    const inputs = IntegrationInputsSchema.parse({
      systems: [
        { name: 'Shopify', description: 'online store' },
        { name: 'Xero', description: 'accounting' },
      ],
      flows: [{ from: 'Shopify', to: 'Xero', data: 'paid orders as invoices' }],
      volumePerDay: 20_000,
    });
    const design = await createOfflineEngine().design(inputs);
    expect(design.markdown).toContain('Xero "5000 requests per day" (documented; confirm for your plan)');
    expect(design.markdown).not.toMatch(/Xero[^\n]*assumed 10 requests per second/);
    // 20,000 orders a day cannot fit 5,000 calls a day one by one: the design must batch.
    expect(design.markdown).toMatch(/batch/i);
    expect(design.quality.passed).toBe(true);
  });
});

describe('webhook facts from the knowledge catalog', () => {
  it('fill in APIs the engine has no hand-written profile for', async () => {
    const { profileSystem } = await import('../../../src/architect/engines/offline/hints.js');
    const sendgrid = profileSystem({ name: 'SendGrid', description: 'email delivery' });
    expect(sendgrid.webhooks).toBe(true);
    expect(sendgrid.redeliveryHours).toBe(24);
    expect(profileSystem({ name: 'Acme', description: 'billing' }).redeliveryHours).toBeNull();
  });
});

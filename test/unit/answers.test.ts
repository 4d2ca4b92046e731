import { describe, expect, it } from 'vitest';
import { applyAnswer, type ExtractFn } from '../../src/architect/answers.js';
import { missingInputs, type PartialInputs } from '../../src/architect/inputs.js';

// A tiny extractor standing in for the real one: these tests are about how answers to asked questions merge.
const noExtract: ExtractFn = async () => ({});

describe('applyAnswer', () => {
  it('uses a bare answer as the description of the only undescribed system', async () => {
    const known: PartialInputs = { systems: [{ name: 'Acme' }, { name: 'Stripe', description: 'payments' }] };
    const next = await applyAnswer(known, 'Acme is our billing platform', noExtract);
    expect(next.systems![0]).toEqual({ name: 'Acme', description: 'our billing platform' });
  });

  it('reads "Name: description" lines for several systems', async () => {
    const known: PartialInputs = { systems: [{ name: 'Acme' }, { name: 'Beta' }] };
    const next = await applyAnswer(known, 'Acme: billing\nBeta: warehouse system', noExtract);
    expect(next.systems).toEqual([
      { name: 'Acme', description: 'billing' },
      { name: 'Beta', description: 'warehouse system' },
    ]);
    expect(missingInputs(next).map((m) => m.field)).toEqual(['flows']);
  });

  it('fills the data of the flow we asked about', async () => {
    const known: PartialInputs = {
      systems: [
        { name: 'A', description: 'a' },
        { name: 'B', description: 'b' },
      ],
      flows: [{ from: 'A', to: 'B' }],
    };
    const next = await applyAnswer(known, 'new orders and cancellations', noExtract);
    expect(next.flows).toEqual([{ from: 'A', to: 'B', data: 'new orders and cancellations' }]);
    expect(missingInputs(next)).toEqual([]);
  });

  it('merges what the extractor finds and ignores empty answers', async () => {
    const extract: ExtractFn = async () => ({ volumePerDay: 1000 });
    const known: PartialInputs = { systems: [{ name: 'A', description: 'a' }] };
    expect(await applyAnswer(known, '   ', extract)).toBe(known);
    expect((await applyAnswer(known, '1000 a day', extract)).volumePerDay).toBe(1000);
  });
});

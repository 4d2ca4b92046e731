import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  IntegrationInputsSchema,
  completeInputs,
  isBidirectional,
  mergeInputs,
  missingInputs,
  resolveInputs,
  summarizeFlows,
} from '../../src/architect/inputs.js';

const example = JSON.parse(await readFile(new URL('../fixtures/example-inputs.json', import.meta.url), 'utf8'));

describe('IntegrationInputsSchema', () => {
  it('accepts the documented example', () => {
    expect(IntegrationInputsSchema.parse(example).systems).toHaveLength(2);
  });

  it('rejects a flow naming an unlisted system, pointing at the field', () => {
    const r = IntegrationInputsSchema.safeParse({ ...example, flows: [{ from: 'Stripe', to: 'HubSpot', data: 'x' }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['flows', 0, 'to']);
    expect(r.error!.issues[0]!.message).toContain('HubSpot');
  });

  it('rejects fewer than two systems, duplicate names and self-loops', () => {
    expect(IntegrationInputsSchema.safeParse({ ...example, systems: [example.systems[0]] }).success).toBe(false);
    expect(
      IntegrationInputsSchema.safeParse({ ...example, systems: [...example.systems, { name: 'stripe', description: 'dup' }] })
        .success,
    ).toBe(false);
    expect(
      IntegrationInputsSchema.safeParse({ ...example, flows: [{ from: 'Stripe', to: 'stripe', data: 'x' }] }).success,
    ).toBe(false);
  });

  it('rejects a rate limit for an unknown system and non-positive volume', () => {
    expect(IntegrationInputsSchema.safeParse({ ...example, rateLimits: [{ system: 'X', limit: '1/s' }] }).success).toBe(false);
    expect(IntegrationInputsSchema.safeParse({ ...example, volumePerDay: 0 }).success).toBe(false);
  });
});

describe('missingInputs', () => {
  it('asks for the systems first on an empty start, with examples; the direction once two are known', () => {
    const m = missingInputs({});
    expect(m.map((x) => x.field)).toEqual(['systems']);
    expect(missingInputs({ systems: [{ name: 'Stripe', description: 'payments' }, { name: 'Xero', description: 'accounting' }] }).map((x) => x.field)).toEqual(['flows']);
    for (const x of m) {
      expect(x.question).toMatch(/\?$/);
      expect(x.example.length).toBeGreaterThan(3);
    }
  });

  it('asks for the second system when only one is known', () => {
    const m = missingInputs({ systems: [{ name: 'Stripe', description: 'payments' }] });
    expect(m[0]!.question).toContain('Stripe');
  });

  it('asks what undescribed systems do, and what data flows', () => {
    const m = missingInputs({ systems: [{ name: 'Acme' }, { name: 'Beta', description: 'ERP' }], flows: [{ from: 'Acme', to: 'Beta' }] });
    expect(m.map((x) => x.field)).toEqual(['systemDescriptions', 'flowData']);
    expect(m[0]!.question).toContain('Acme');
    expect(m[1]!.question).toContain('from Acme to Beta');
  });

  it('reports nothing missing for complete inputs', () => {
    expect(missingInputs(example)).toEqual([]);
    expect(completeInputs(example).success).toBe(true);
  });

  it('treats a flow between unlisted systems as missing direction', () => {
    const m = missingInputs({ ...example, flows: [{ from: 'X', to: 'Y', data: 'd' }] });
    expect(m.map((x) => x.field)).toEqual(['flows']);
  });
});

describe('mergeInputs', () => {
  it('fills descriptions and data without duplicating systems or flows', () => {
    const merged = mergeInputs(
      { systems: [{ name: 'Stripe' }, { name: 'Salesforce' }], flows: [{ from: 'Stripe', to: 'Salesforce' }] },
      { systems: [{ name: 'stripe', description: 'payments' }], flows: [{ from: 'Stripe', to: 'Salesforce', data: 'payments' }], volumePerDay: 10 },
    );
    expect(merged.systems).toEqual([{ name: 'Stripe', description: 'payments' }, { name: 'Salesforce' }]);
    expect(merged.flows).toEqual([{ from: 'Stripe', to: 'Salesforce', data: 'payments' }]);
    expect(merged.volumePerDay).toBe(10);
  });
});

describe('resolveInputs', () => {
  it('states every assumed default', () => {
    const r = resolveInputs({ systems: example.systems, flows: example.flows });
    expect(r.volumePerDay).toBe(30000);
    expect(r.latencySeconds).toBe(30);
    expect(r.assumptions).toHaveLength(4);
    expect(r.assumptions.join(' ')).toMatch(/tens of thousands/);
  });

  it('assumes nothing when all optional inputs are given', () => {
    const r = resolveInputs(IntegrationInputsSchema.parse(example));
    expect(r.assumptions).toEqual([]);
    expect(r.bidirectional).toBe(false);
  });

  it('detects bidirectional flows and summarises them', () => {
    const flows = [
      { from: 'A', to: 'B', data: 'x' },
      { from: 'B', to: 'A', data: 'y' },
    ];
    expect(isBidirectional(flows)).toBe(true);
    expect(summarizeFlows({ flows })).toBe('A ↔ B');
    expect(summarizeFlows({ flows: [flows[0]!] })).toBe('A → B');
  });
});

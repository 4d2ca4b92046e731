import { describe, expect, it } from 'vitest';
import { catalog, parseProvider } from '../../../src/architect/knowledge/catalog.js';
import { CATALOG_ENTRIES } from '../../../src/architect/knowledge/catalog/index.js';
import { isVendorSource, type ProviderEntry } from '../../../src/architect/knowledge/schema.js';

const stripe = () => structuredClone(CATALOG_ENTRIES.find((e) => e.id === 'stripe')!) as ProviderEntry;

describe('provider catalog', () => {
  it('every entry validates against the knowledge model', () => {
    for (const entry of CATALOG_ENTRIES) expect(() => parseProvider(entry), entry.id).not.toThrow();
  });

  it('ids are unique and aliases name one provider each', () => {
    const providers = catalog();
    expect(new Set(providers.map((p) => p.id)).size).toBe(providers.length);
    const owners = new Map<string, string>();
    for (const p of providers) {
      for (const alias of [p.name.toLowerCase(), ...p.aliases]) {
        const owner = owners.get(alias);
        expect(owner === undefined || owner === p.id, `alias "${alias}" of ${p.id} is also ${owner}'s`).toBe(true);
        owners.set(alias, p.id);
      }
    }
  });

  it('aliases are lower case', () => {
    for (const p of catalog()) for (const a of p.aliases) expect(a, p.id).toBe(a.toLowerCase());
  });

  it('every fact cites the vendor’s own documentation', () => {
    for (const p of catalog()) {
      expect(p.sources.length, p.id).toBeGreaterThan(0);
      for (const s of p.sources) expect(isVendorSource(s, p.docs), `${p.id}: ${s}`).toBe(true);
    }
  });

  it('rejects a source that is not on the vendor’s hosts', () => {
    const entry = stripe();
    entry.auth!.source = 'https://dev.to/someone/stripe-keys';
    expect(() => parseProvider(entry)).toThrow(/auth\.source.*not on the vendor/);
  });

  it('rejects a recommended auth method the provider does not offer', () => {
    const entry = stripe();
    entry.auth!.recommended = 'oauth-client-credentials';
    expect(() => parseProvider(entry)).toThrow(/recommended/);
  });

  it('accepts repository paths as vendor sources only under the vendor’s organisation', () => {
    expect(isVendorSource('https://github.com/stripe/stripe-node/blob/master/src/Webhooks.ts', ['github.com/stripe'])).toBe(true);
    expect(isVendorSource('https://github.com/someone/stripe-clone', ['github.com/stripe'])).toBe(false);
    expect(isVendorSource('https://docs.stripe.com/rate-limits', ['stripe.com'])).toBe(true);
    expect(isVendorSource('https://notstripe.com/rate-limits', ['stripe.com'])).toBe(false);
  });
});

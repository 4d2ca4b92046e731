import { describe, expect, it } from 'vitest';
import { COMMON_WORD_ALIASES, KNOWN_APIS, findKnownApi, nameTokens } from '../../src/architect/knowledge/index.js';

const isUrl = (s: unknown) => typeof s === 'string' && /^https:\/\/\S+$/.test(s);

describe('KNOWN_APIS catalog', () => {
  it('has the 31 researched APIs with unique names and lowercase, unambiguous aliases', () => {
    expect(KNOWN_APIS).toHaveLength(31);
    const names = KNOWN_APIS.map((a) => a.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    const owner = new Map<string, string>();
    for (const api of KNOWN_APIS) {
      for (const alias of api.aliases) {
        expect(alias).toBe(alias.toLowerCase());
        const key = nameTokens(alias).join(' ');
        expect(owner.get(key) ?? api.name, `alias "${alias}" claimed twice`).toBe(api.name);
        owner.set(key, api.name);
      }
      expect(api.aliases, `${api.name} must be findable by its own name`).toContain(api.name.toLowerCase());
    }
    for (const word of COMMON_WORD_ALIASES) expect(owner.has(word), word).toBe(true);
  });

  it('gives every non-null fact an https source that is also listed in sources', () => {
    for (const api of KNOWN_APIS) {
      const cited: unknown[] = [];
      if (api.auth) cited.push(api.auth.source);
      for (const r of api.rateLimits) cited.push(r.source);
      if (api.rateLimitExceeded) cited.push(api.rateLimitExceeded.source);
      const w = api.webhooks;
      const anyWebhookFact = [w.supported, w.signature, w.retryPolicy, w.retryWindowHours, w.ackTimeout, w.note].some((v) => v !== null);
      if (anyWebhookFact) cited.push(w.source);
      else expect(w.source, `${api.name} webhooks cite a source for no fact`).toBeNull();
      const i = api.idempotency;
      if (i.supported !== null || i.mechanism !== null) cited.push(i.source);
      for (const s of cited) {
        expect(isUrl(s), `${api.name}: ${String(s)}`).toBe(true);
        expect(api.sources, api.name).toContain(s);
      }
      expect(api.sources.length, api.name).toBeGreaterThan(0);
      expect(api.sources.every(isUrl), api.name).toBe(true);
    }
  });

  it('never states details of a capability that is not confirmed', () => {
    for (const api of KNOWN_APIS) {
      const w = api.webhooks;
      if (w.supported !== true) {
        expect(w.signature, api.name).toBeNull();
        expect(w.retryWindowHours, api.name).toBeNull();
      }
      if (w.retryWindowHours !== null) {
        expect(w.retryPolicy, `${api.name} has a retry window but no policy`).not.toBeNull();
        expect(w.retryWindowHours).toBeGreaterThanOrEqual(0);
      }
      if (w.retryWindowHours === 0) expect(w.retryPolicy!.toLowerCase()).toMatch(/\bno\b/);
      if (api.idempotency.supported !== true) expect(api.idempotency.mechanism, api.name).toBeNull();
      if (api.auth) expect(api.auth.methods.length, api.name).toBeGreaterThan(0);
    }
  });

  it('keeps structured rate numbers consistent with the limit wording', () => {
    const windowWords: Record<number, RegExp> = {
      1: /per second/,
      60: /per minute/,
      3600: /per hour/,
      86_400: /per day/,
    };
    let structured = 0;
    for (const api of KNOWN_APIS) {
      for (const r of api.rateLimits) {
        expect(r.requests === undefined, `${api.name}: requests and windowSeconds come together`).toBe(r.windowSeconds === undefined);
        if (r.requests === undefined || r.windowSeconds === undefined) continue;
        structured++;
        expect(r.limit.replace(/,/g, ''), api.name).toContain(String(r.requests));
        const words = windowWords[r.windowSeconds];
        if (words) expect(r.limit, api.name).toMatch(words);
        else {
          const n = r.windowSeconds % 60 === 0 ? `${r.windowSeconds / 60} minutes` : `${r.windowSeconds} seconds`;
          expect(r.limit, api.name).toContain(`per ${n}`);
        }
      }
    }
    expect(structured).toBeGreaterThan(20);
  });

  it('words facts briefly in its own terms', () => {
    for (const api of KNOWN_APIS) {
      expect(api.description.length, api.name).toBeLessThanOrEqual(60);
      const texts = [
        api.webhooks.signature,
        api.webhooks.retryPolicy,
        api.webhooks.note,
        api.idempotency.mechanism,
        api.auth?.notes,
        ...api.rateLimits.map((r) => r.limit),
      ].filter((t): t is string => typeof t === 'string');
      for (const t of texts) expect(t.length, `${api.name}: ${t}`).toBeLessThanOrEqual(200);
    }
  });

  it('records the key facts integrations depend on', () => {
    const stripe = findKnownApi('Stripe')!;
    expect(stripe.webhooks.supported).toBe(true);
    expect(stripe.webhooks.retryWindowHours).toBe(72);
    expect(stripe.webhooks.signature).toContain('Stripe-Signature');
    expect(stripe.idempotency.mechanism).toContain('Idempotency-Key');
    expect(stripe.rateLimits.some((r) => r.requests === 100 && r.windowSeconds === 1)).toBe(true);
    const salesforce = findKnownApi('Salesforce')!;
    expect(salesforce.webhooks.supported).toBeNull();
    expect(salesforce.idempotency.supported).toBeNull();
    expect(salesforce.auth!.methods.map((m) => m.kind)).toEqual(['oauth2', 'jwt-bearer']);
    const github = findKnownApi('GitHub')!;
    expect(github.webhooks.retryWindowHours).toBe(0);
    const netsuite = findKnownApi('NetSuite')!;
    expect(netsuite.webhooks.supported).toBeNull();
    expect(netsuite.webhooks.source).toBeNull();
  });
});

describe('findKnownApi', () => {
  it.each([
    ['Salesforce', 'Salesforce'],
    ['SFDC', 'Salesforce'],
    ['salesforce crm', 'Salesforce'],
    ['Salesforce CRM', 'Salesforce'],
    ['stripe payments', 'Stripe'],
    ['STRIPE', 'Stripe'],
    ['our HubSpot portal', 'HubSpot'],
    ['QBO', 'QuickBooks Online'],
    ['QuickBooks', 'QuickBooks Online'],
    ['Intuit QuickBooks', 'QuickBooks Online'],
    ['Oracle NetSuite', 'NetSuite'],
    ['Atlassian Jira', 'Jira'],
    ['MS Graph', 'Microsoft Graph'],
    ['Twilio SendGrid', 'SendGrid'],
    ['Twilio', 'Twilio'],
    ["Salesforce's API", 'Salesforce'],
    ['Square POS', 'Square'],
  ])('finds %s as %s', (input, expected) => {
    expect(findKnownApi(input)?.name).toBe(expected);
  });

  it.each(['Acme', 'our billing service', '', '   ', 'a large square table', 'segment of users'])('does not invent a match for %j', (input) => {
    expect(findKnownApi(input)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { catalog, COMMON_WORD_ALIASES, findProvider, inferKind, nameTokens, providerByHost } from '../../../src/architect/knowledge/index.js';

describe('findProvider', () => {
  it.each([
    ['Salesforce', 'salesforce'],
    ['SFDC', 'salesforce'],
    ['Salesforce CRM', 'salesforce'],
    ['stripe payments', 'stripe'],
    ['STRIPE', 'stripe'],
    ['our HubSpot portal', 'hubspot'],
    ['QBO', 'quickbooks-online'],
    ['Intuit QuickBooks', 'quickbooks-online'],
    ['NetSuite', 'netsuite'],
    ['Oracle NetSuite', 'netsuite'],
    ['Atlassian Jira', 'jira'],
    ['MS Graph', 'ms-graph'],
    ['Office 365', 'ms-graph'],
    ['Twilio SendGrid', 'sendgrid'],
    ['Twilio', 'twilio'],
    ["Salesforce's API", 'salesforce'],
    ['Square POS', 'square'],
    ['Postgres', 'postgresql'],
    ['Kafka', 'kafka'],
    ['Amazon S3', 's3'],
    ['Snowflake', 'snowflake'],
  ])('finds %s as %s', (input, id) => {
    expect(findProvider(input)?.id).toBe(id);
  });

  it.each(['Acme', 'our billing service', '', '   ', 'a large square table', 'segment of users', 'a box of files', 'on monday'])(
    'does not invent a match for %j',
    (input) => {
      expect(findProvider(input)).toBeUndefined();
    },
  );

  it('knows every common-word name as an alias of some provider', () => {
    const aliases = new Set(catalog().flatMap((p) => [p.name, ...p.aliases].map((a) => nameTokens(a).join(' '))));
    for (const word of COMMON_WORD_ALIASES) expect(aliases.has(word), word).toBe(true);
  });
});

describe('providerByHost', () => {
  it('names the product behind an API host pasted from an error or a config', () => {
    expect(providerByHost('api.intercom.io')?.id).toBe('intercom');
    expect(providerByHost('acme.myshopify.com')?.id).toBe('shopify');
    expect(providerByHost('https://api.stripe.com/v1/charges')?.id).toBe('stripe');
    expect(providerByHost('api.hubapi.com')?.id).toBe('hubspot');
  });

  it('takes nothing from file names, versions or hosts of unknown products', () => {
    expect(providerByHost('orders.csv')).toBeUndefined();
    expect(providerByHost('v1.2.3')).toBeUndefined();
    expect(providerByHost('api.example.com')).toBeUndefined();
  });
});

describe('inferKind', () => {
  it.each([
    [{ name: 'Orders', description: 'our orders app (MySQL)' }, 'database'],
    [{ name: 'Events', description: 'the Kafka topic the checkout team owns' }, 'event-stream'],
    [{ name: 'Lake', description: 'our data lake on S3' }, 'object-store'],
    [{ name: 'iOS app', description: 'the customer iOS app' }, 'client-app'],
    [{ name: 'Partner drop', description: 'nightly CSV files on SFTP' }, 'file-drop'],
    [{ name: 'Billing', description: 'internal billing service another team owns' }, 'internal-service'],
    [{ name: 'Gateway', description: 'our API gateway' }, 'api-gateway'],
    [{ name: 'Acme', description: 'a logistics vendor' }, 'saas-api'],
  ] as const)('reads %j as %s', (system, kind) => {
    expect(inferKind(system)).toBe(kind);
  });

  it('takes a stated kind, then the catalog, over the words', () => {
    expect(inferKind({ name: 'Shopify', description: 'our store' }, findProvider('Shopify'))).toBe('saas-api');
    expect(inferKind({ name: 'Thing', description: 'a queue', kind: 'warehouse' })).toBe('warehouse');
  });
});

describe('the catalog covers what designs need', () => {
  it('has at least 60 providers and every common non-SaaS kind', () => {
    const providers = catalog();
    expect(providers.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(providers.map((p) => p.kind));
    for (const kind of ['saas-api', 'database', 'event-stream', 'queue', 'search-index', 'warehouse', 'object-store', 'file-drop', 'api-gateway']) {
      expect(kinds.has(kind as never), kind).toBe(true);
    }
  });

  it('models signature schemes per provider, not one generic scheme', () => {
    const sig = (id: string) => {
      const push = catalog().find((p) => p.id === id)!.push!.find((x) => x.type === 'webhook' || x.type === 'subscription')!;
      return 'signature' in push ? push.signature : null;
    };
    expect(sig('shopify')).toMatchObject({ scheme: 'hmac-sha256', header: 'X-Shopify-Hmac-SHA256', encoding: 'base64' });
    expect(sig('github')).toMatchObject({ scheme: 'hmac-sha256', encoding: 'hex' });
    expect(sig('twilio')).toMatchObject({ scheme: 'hmac-sha1', encoding: 'base64' });
    expect(sig('stripe')).toMatchObject({ scheme: 'hmac-sha256', replayWindowSeconds: 300 });
    expect(sig('ms-graph')?.scheme).not.toMatch(/^hmac/);
  });

  it('models authentication kinds per provider', () => {
    const recommended = (id: string) => catalog().find((p) => p.id === id)!.auth?.recommended;
    expect(recommended('slack')).toBe('bot-token');
    expect(recommended('github')).toBe('app-installation-token');
    expect(recommended('stripe')).toBe('api-key');
  });
});

import { describe, expect, it } from 'vitest';
import { createHeuristicExtractor, extractHeuristic } from '../../src/architect/extract.js';
import { PartialInputsSchema, missingInputs, type PartialInputs } from '../../src/architect/inputs.js';

type Edge = [from: string, to: string, data?: string | RegExp];

/** Asserts the exact set of directed flows (so a reversed or extra flow fails) and their data. */
function expectFlows(r: PartialInputs, expected: Edge[]): void {
  const got = (r.flows ?? []).map((f) => `${f.from} → ${f.to}`).sort();
  expect(got).toEqual(expected.map(([a, b]) => `${a} → ${b}`).sort());
  for (const [from, to, data] of expected) {
    const flow = r.flows!.find((f) => f.from === from && f.to === to)!;
    if (data === undefined) expect(flow.data, `${from} → ${to}`).toBeUndefined();
    else if (typeof data === 'string') expect(flow.data, `${from} → ${to}`).toBe(data);
    else expect(flow.data, `${from} → ${to}`).toMatch(data);
  }
}

function systems(r: PartialInputs): Record<string, string | undefined> {
  return Object.fromEntries((r.systems ?? []).map((s) => [s.name, s.description]));
}

describe('extractHeuristic: directions and data', () => {
  it('"sync X Y into Z": known systems are described, data is the object words', () => {
    const r = extractHeuristic('sync Stripe payments into Salesforce');
    expect(systems(r)).toEqual({ Stripe: 'payments platform', Salesforce: 'CRM' });
    expectFlows(r, [['Stripe', 'Salesforce', 'payments']]);
    expect(missingInputs(r)).toEqual([]);
  });

  it.each<[string, Edge[]]>([
    ['Sync HubSpot contacts to Salesforce', [['HubSpot', 'Salesforce', 'contacts']]],
    ['push Shopify orders to NetSuite', [['Shopify', 'NetSuite', 'orders']]],
    ['send Stripe payment data to Salesforce', [['Stripe', 'Salesforce', 'payment data']]],
    ['move invoices from QuickBooks to Salesforce', [['QuickBooks', 'Salesforce', 'invoices']]],
    ['from Stripe to Salesforce: payments and refunds', [['Stripe', 'Salesforce', 'payments and refunds']]],
    ['import Shopify orders into NetSuite', [['Shopify', 'NetSuite', 'orders']]],
    ['mirror Stripe customers in HubSpot', [['Stripe', 'HubSpot', 'customers']]],
    ['Stripe webhooks into Kafka', [['Stripe', 'Kafka', 'webhook events']]],
    ['I need to push Shopify orders into NetSuite as sales orders', [['Shopify', 'NetSuite', 'orders as sales orders']]],
    ['HubSpot deals should flow into Salesforce opportunities', [['HubSpot', 'Salesforce', 'deals → opportunities']]],
    ['Please design an integration that syncs Stripe payments into Salesforce', [['Stripe', 'Salesforce', 'payments']]],
    ['Shopify exports orders to NetSuite', [['Shopify', 'NetSuite', 'orders']]],
    ['push order updates from Shopify to HubSpot', [['Shopify', 'HubSpot', 'order updates']]],
  ])('one-way: %s', (text, flows) => {
    expectFlows(extractHeuristic(text), flows);
  });

  it.each<[string, Edge[]]>([
    ['Salesforce should get payments from Stripe', [['Stripe', 'Salesforce', 'payments']]],
    ['update HubSpot contacts from Salesforce', [['Salesforce', 'HubSpot', 'contacts']]],
    ['pull orders from Shopify into NetSuite', [['Shopify', 'NetSuite', 'orders']]],
    ['We need Salesforce to receive successful payments from Stripe', [['Stripe', 'Salesforce', 'successful payments']]],
    ['Pull orders from Shopify and push them to NetSuite', [['Shopify', 'NetSuite', 'orders']]],
    ['Issues from GitHub should land in Jira', [['GitHub', 'Jira', 'issues']]],
  ])('destination named first: %s', (text, flows) => {
    expectFlows(extractHeuristic(text), flows);
  });

  it('reads direction from the wording, not from the order of names', () => {
    expectFlows(extractHeuristic('sync HubSpot contacts into Salesforce'), [['HubSpot', 'Salesforce', 'contacts']]);
    expectFlows(extractHeuristic('sync Salesforce contacts into HubSpot'), [['Salesforce', 'HubSpot', 'contacts']]);
    expectFlows(extractHeuristic('HubSpot from Salesforce: sync contacts'), [['Salesforce', 'HubSpot', 'contacts']]);
  });

  it.each<[string, Edge[]]>([
    ['Shopify orders -> NetSuite', [['Shopify', 'NetSuite', 'orders']]],
    ['Shopify orders → NetSuite', [['Shopify', 'NetSuite', 'orders']]],
    ['Shopify orders => NetSuite', [['Shopify', 'NetSuite', 'orders']]],
    ['NetSuite <- Shopify orders', [['Shopify', 'NetSuite', 'orders']]],
    ['Stripe -> Salesforce (payments, refunds)', [['Stripe', 'Salesforce', 'payments, refunds']]],
    [
      'orders: Shopify → NetSuite → Snowflake',
      [
        ['Shopify', 'NetSuite', 'orders'],
        ['NetSuite', 'Snowflake', 'orders'],
      ],
    ],
  ])('arrows: %s', (text, flows) => {
    expectFlows(extractHeuristic(text), flows);
  });

  it.each<[string, Edge[]]>([
    ['when a deal closes in HubSpot, create an invoice in QuickBooks', [['HubSpot', 'QuickBooks', 'closed deals → invoices']]],
    ['Whenever a new order is placed in Shopify, create a sales order in NetSuite', [['Shopify', 'NetSuite', /placed orders → sales orders/]]],
    ['create a ticket in Zendesk when a Stripe payment fails', [['Stripe', 'Zendesk', 'failed payments → tickets']]],
    ['post messages to Slack when a ticket is escalated in Zendesk', [['Zendesk', 'Slack', 'escalated tickets → messages']]],
    [
      'On every new Shopify order, create a sales order in NetSuite and post a message to Slack',
      [
        ['Shopify', 'NetSuite', 'new orders → sales orders'],
        ['Shopify', 'Slack', 'new orders → messages'],
      ],
    ],
  ])('triggers: %s', (text, flows) => {
    expectFlows(extractHeuristic(text), flows);
  });

  it.each<[string, Edge[]]>([
    [
      'sync contacts between HubSpot and Salesforce',
      [
        ['HubSpot', 'Salesforce', 'contacts'],
        ['Salesforce', 'HubSpot', 'contacts'],
      ],
    ],
    [
      'two-way sync of Salesforce accounts and HubSpot companies',
      [
        ['Salesforce', 'HubSpot', 'accounts → companies'],
        ['HubSpot', 'Salesforce', 'companies → accounts'],
      ],
    ],
    [
      'Jira ↔ GitHub issues',
      [
        ['Jira', 'GitHub', 'issues'],
        ['GitHub', 'Jira', 'issues'],
      ],
    ],
    [
      'bidirectional sync between Zendesk and Jira for tickets',
      [
        ['Zendesk', 'Jira', 'tickets'],
        ['Jira', 'Zendesk', 'tickets'],
      ],
    ],
    [
      'Keep HubSpot and Salesforce in sync',
      [
        ['HubSpot', 'Salesforce'],
        ['Salesforce', 'HubSpot'],
      ],
    ],
  ])('two-way: %s', (text, flows) => {
    expectFlows(extractHeuristic(text), flows);
  });

  it('fans out to every source or destination named together', () => {
    expectFlows(extractHeuristic('Sync Stripe and PayPal payments into NetSuite'), [
      ['Stripe', 'NetSuite', 'payments'],
      ['PayPal', 'NetSuite', 'payments'],
    ]);
    expectFlows(extractHeuristic('push Stripe payments and PayPal refunds into NetSuite'), [
      ['Stripe', 'NetSuite', 'payments'],
      ['PayPal', 'NetSuite', 'refunds'],
    ]);
  });

  it('does not guess a direction the text does not give', () => {
    const r = extractHeuristic('integrate Stripe with Salesforce');
    expect(Object.keys(systems(r))).toEqual(['Stripe', 'Salesforce']);
    expect(r.flows).toBeUndefined();
    expect(missingInputs(r).map((m) => m.field)).toEqual(['flows']);
  });

  it('leaves data out when the text names none, so the interview asks for it', () => {
    const r = extractHeuristic('send Stripe data to Salesforce');
    expectFlows(r, [['Stripe', 'Salesforce']]);
    expect(missingInputs(r).map((m) => m.field)).toEqual(['flowData']);
  });
});

describe('extractHeuristic: systems', () => {
  it("keeps the user's spelling and still recognises catalog products", () => {
    const r = extractHeuristic('sync stripe payments into salesforce');
    expect(systems(r)).toEqual({ stripe: 'payments platform', salesforce: 'CRM' });
    expectFlows(r, [['stripe', 'salesforce', 'payments']]);
    expect(systems(extractHeuristic('SFDC <- Stripe payments'))).toEqual({ SFDC: 'CRM', Stripe: 'payments platform' });
  });

  it('leaves unknown systems undescribed so missingInputs asks what they do', () => {
    const r = extractHeuristic('send invoices from Acme to Globex');
    expect(systems(r)).toEqual({ Acme: undefined, Globex: undefined });
    expectFlows(r, [['Acme', 'Globex', 'invoices']]);
    expect(missingInputs(r).map((m) => m.field)).toEqual(['systemDescriptions']);
    expect(missingInputs(r)[0]!.question).toContain('Acme and Globex');
  });

  it('takes descriptions the user gives and type words like "our ERP"', () => {
    const r = extractHeuristic('sync Acme (our order management system) orders into Salesforce');
    expect(systems(r)).toEqual({ Acme: 'order management system', Salesforce: 'CRM' });
    expectFlows(r, [['Acme', 'Salesforce', 'orders']]);
    const erp = extractHeuristic('Sync orders from Shopify to our ERP');
    expect(systems(erp)).toEqual({ Shopify: 'commerce platform', ERP: 'ERP' });
    expectFlows(erp, [['Shopify', 'ERP', 'orders']]);
  });

  it('reads owned systems and descriptions across sentences', () => {
    const r = extractHeuristic(
      'We use HubSpot as our CRM and Acme is our billing system. Push paid invoices from Acme into HubSpot, about 2k a day, within a minute.',
    );
    expect(systems(r)).toEqual({ HubSpot: 'CRM', Acme: 'billing system' });
    expectFlows(r, [['Acme', 'HubSpot', 'paid invoices']]);
    expect(r).toMatchObject({ volumePerDay: 2_000, latencySeconds: 60 });
    const magento = extractHeuristic('Our Magento store needs to send orders to SAP, 30 orders per minute, in under 10 seconds.');
    expectFlows(magento, [['Magento', 'SAP', 'orders']]);
    expect(magento).toMatchObject({ volumePerDay: 43_200, latencySeconds: 10 });
  });

  it('completes a one-sided flow only when exactly one other system is named', () => {
    const r = extractHeuristic('We use Chargebee. Push invoices to Xero.');
    expectFlows(r, [['Chargebee', 'Xero', 'invoices']]);
    const three = extractHeuristic('We use Chargebee and Stripe. Push invoices to Xero.');
    expect(three.flows).toBeUndefined();
  });

  it('does not read common words or ordinary sentences as systems', () => {
    expect(extractHeuristic('Hello, can you help?')).toEqual({});
    expect(extractHeuristic('The quick brown fox jumps over the lazy dog.')).toEqual({});
    expect(systems(extractHeuristic('we need to sync square footage data to the warehouse'))).not.toHaveProperty('Square');
    expect(systems(extractHeuristic('sync Square payments to QuickBooks'))).toHaveProperty('Square', 'payments and point-of-sale platform');
    const stack = extractHeuristic('push Zendesk tickets to Jira. We run Node.js services on AWS with Kafka.');
    expect(Object.keys(systems(stack))).toEqual(['Zendesk', 'Jira']);
  });
});

describe('extractHeuristic: volume, latency and other optional inputs', () => {
  it.each<[string, number]>([
    ['sync 50k orders a day from Shopify to NetSuite', 50_000],
    ['2 million records per day from Segment into Salesforce', 2_000_000],
    ['about 10,000 events/day from Stripe to Salesforce', 10_000],
    ['around 500 per hour from Zendesk to Jira', 12_000],
    ['3000 events per minute from Stripe to Salesforce', 4_320_000],
    ['20 events per second from Stripe to Salesforce', 1_728_000],
    ['1.5M webhooks daily from Shopify to NetSuite', 1_500_000],
  ])('volume: %s', (text, perDay) => {
    const r = extractHeuristic(text);
    expect(r.volumePerDay).toBe(perDay);
    expect(r.flows?.length).toBe(1);
  });

  it.each<[string, number]>([
    ['sync Stripe payments into Salesforce within 30 seconds', 30],
    ['sync Stripe payments into Salesforce under 5 minutes', 300],
    ['sync Stripe payments into Salesforce within 2 hours', 7_200],
    ['sync Stripe payments into Salesforce in real-time', 5],
    ['sync Stripe payments into Salesforce in near real-time', 30],
    ['a nightly sync of Stripe payments into Salesforce', 86_400],
    ['daily batch: Stripe payments into Salesforce', 86_400],
    ['sync invoices from NetSuite into Salesforce every 15 minutes', 900],
    ['Stripe payments into Salesforce with a 10-second latency', 10],
    ['push Stripe payments into Salesforce within a minute', 60],
  ])('latency: %s', (text, seconds) => {
    const r = extractHeuristic(text);
    expect(r.latencySeconds).toBe(seconds);
    expect(r.flows?.[0]?.from).toMatch(/Stripe|NetSuite/);
  });

  it('keeps volume words out of the data and reads volume and latency together', () => {
    const r = extractHeuristic('Sync 50k orders a day from Shopify to NetSuite within 5 minutes');
    expectFlows(r, [['Shopify', 'NetSuite', 'orders']]);
    expect(r).toMatchObject({ volumePerDay: 50_000, latencySeconds: 300 });
    const batch = extractHeuristic('We process 2 million records per day from Segment into the data warehouse, nightly batch is fine');
    expectFlows(batch, [['Segment', 'data warehouse', 'records']]);
    expect(batch).toMatchObject({ volumePerDay: 2_000_000, latencySeconds: 86_400 });
  });

  it('prefers the average over a peak figure', () => {
    const r = extractHeuristic('sync Stripe payments into Salesforce: 10,000 events/day, peaks of 20 per second');
    expect(r.volumePerDay).toBe(10_000);
  });

  it('reads rate limits for listed systems only', () => {
    const r = extractHeuristic(
      'Salesforce allows 100000 calls per day and the HubSpot limit is 100 requests per 10 seconds. Sync deals from HubSpot to Salesforce. Zuora allows 5 calls per second.',
    );
    expectFlows(r, [['HubSpot', 'Salesforce', 'deals']]);
    expect(r.rateLimits).toEqual([
      { system: 'Salesforce', limit: '100000 calls per day', type: 'quota', amount: 100_000, periodSeconds: 86_400 },
      { system: 'HubSpot', limit: '100 requests per 10 seconds', type: 'rate', requests: 100, windowSeconds: 10 },
    ]);
    expect(r.volumePerDay).toBeUndefined();
  });

  it('reads stack, auth and compliance hints without turning them into data', () => {
    const r = extractHeuristic(
      'Push Stripe events to Salesforce. We run Python services on GCP with Kafka. Salesforce uses OAuth, Stripe uses restricted API keys. GDPR applies and we need EU data residency; PCI scope too.',
    );
    expectFlows(r, [['Stripe', 'Salesforce', 'events']]);
    expect(r.stack).toBe('GCP, Python, Kafka');
    expect(r.auth).toBe('OAuth 2.0 for Salesforce; restricted API keys for Stripe');
    expect(r.compliance?.split('; ').sort()).toEqual(['EU data residency', 'GDPR', 'PCI DSS']);
    const aws = extractHeuristic('sync Shopify orders to NetSuite; Node.js on AWS; HIPAA');
    expect(aws).toMatchObject({ stack: 'AWS, Node.js', compliance: 'HIPAA' });
    expectFlows(aws, [['Shopify', 'NetSuite', 'orders']]);
  });
});

describe('extractHeuristic: output contract', () => {
  const samples = [
    'sync Stripe payments into Salesforce',
    '',
    '   ',
    '→ → ↔',
    'from to into between and',
    `sync ${'Stripe Salesforce HubSpot Shopify NetSuite Xero Slack Jira GitHub Zendesk Okta Twilio Zoom Box Datadog'.split(' ').join(' and ')} contacts between each other`,
    `${'x'.repeat(5000)} from Acme to Globex`,
    'sync Acme (' + 'very '.repeat(200) + 'long description) orders into Salesforce',
    'send 99999999999999 events per second from Stripe to Salesforce within 0 seconds',
    Array.from({ length: 40 }, (_, i) => `push item${i} from Sys${i} to Dst${i}.`).join(' '),
  ];

  it.each(samples.map((s) => [s.slice(0, 60), s]))('always passes PartialInputsSchema: %s', (_label, text) => {
    const r = extractHeuristic(text);
    expect(PartialInputsSchema.safeParse(r).success).toBe(true);
    for (const f of r.flows ?? []) {
      expect(r.systems!.some((s) => s.name === f.from)).toBe(true);
      expect(r.systems!.some((s) => s.name === f.to)).toBe(true);
    }
    expect((r.systems ?? []).length).toBeLessThanOrEqual(12);
    expect((r.flows ?? []).length).toBeLessThanOrEqual(24);
  });

  it('drops out-of-range numbers instead of failing', () => {
    const r = extractHeuristic('send 99999999999999 events per second from Stripe to Salesforce');
    expect(r.volumePerDay).toBeUndefined();
    expectFlows(r, [['Stripe', 'Salesforce', 'events']]);
  });

  it('is available as an async Extractor that honours abort signals', async () => {
    const extract = createHeuristicExtractor();
    expect(await extract('sync Stripe payments into Salesforce')).toEqual(extractHeuristic('sync Stripe payments into Salesforce'));
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(extract('sync Stripe payments into Salesforce', { signal: controller.signal })).rejects.toThrow('stop');
  });
});

import { readFileSync } from 'node:fs';
import type { IntegrationInputs } from '../../../src/architect/inputs.js';
import { SECTION_TITLES, type SectionId } from '../../../src/architect/types.js';

/** One section of a design's markdown, from its heading to the next. */
export const section = (markdown: string, id: SectionId) => {
  const start = markdown.indexOf(`## ${SECTION_TITLES[id]}`);
  const next = markdown.indexOf('\n## ', start + 3);
  return markdown.slice(start, next === -1 ? undefined : next);
};

/** Varied design inputs for the offline engine's tests: different sources, patterns, stacks and limits. */

export const example = JSON.parse(
  readFileSync(new URL('../../fixtures/example-inputs.json', import.meta.url), 'utf8'),
) as IntegrationInputs;

export const scenarios: Record<string, IntegrationInputs> = {
  stripeSalesforce: example,
  erpBatch: {
    systems: [
      { name: 'SAP', description: 'ERP, source of truth for invoices and ledger entries' },
      { name: 'Snowflake', description: 'analytics data warehouse' },
    ],
    flows: [{ from: 'SAP', to: 'Snowflake', data: 'posted invoices and ledger lines' }],
    volumePerDay: 2_000_000,
    latencySeconds: 6 * 3600,
    stack: 'Python jobs on GCP',
  },
  bidirectionalCrm: {
    systems: [
      { name: 'HubSpot', description: 'marketing automation CRM' },
      { name: 'Salesforce', description: 'sales CRM' },
    ],
    flows: [
      { from: 'HubSpot', to: 'Salesforce', data: 'new and updated contacts and lead scores' },
      { from: 'Salesforce', to: 'HubSpot', data: 'account owner and lifecycle stage changes' },
    ],
    volumePerDay: 20_000,
    latencySeconds: 60,
    stack: 'TypeScript services on Azure',
    rateLimits: [
      { system: 'HubSpot', limit: '190 requests per 10 seconds' },
      { system: 'Salesforce', limit: '100,000 API calls per 24 hours' },
    ],
  },
  internalSms: {
    systems: [
      { name: 'Checkout', description: 'our internal Node.js checkout backend' },
      { name: 'Twilio', description: 'SMS API' },
    ],
    flows: [{ from: 'Checkout', to: 'Twilio', data: 'order confirmation text messages' }],
    volumePerDay: 5_000,
    latencySeconds: 3,
    stack: 'Node.js on AWS Lambda',
    auth: 'Twilio uses an API key SID and secret',
    rateLimits: [{ system: 'Twilio', limit: '100 requests per second' }],
  },
  githubJiraKafka: {
    systems: [
      { name: 'GitHub', description: 'source code hosting with pull requests' },
      { name: 'Jira', description: 'issue tracker' },
    ],
    flows: [{ from: 'GitHub', to: 'Jira', data: 'pull request status as issue transitions and comments' }],
    volumePerDay: 200_000,
    latencySeconds: 10,
    stack: 'Go services on Kubernetes with Kafka',
    rateLimits: [{ system: 'Jira', limit: '100 requests per 10 seconds' }],
  },
  legacyPoll: {
    systems: [
      { name: 'LegacyCRM', description: 'vendor SaaS CRM with a REST API only' },
      { name: 'Zendesk', description: 'customer support desk' },
    ],
    flows: [{ from: 'LegacyCRM', to: 'Zendesk', data: 'customer organisations and support tiers' }],
    volumePerDay: 8_000,
    latencySeconds: 900,
    compliance: 'GDPR: customer data must stay in the EU',
  },
  fanOutDefaults: {
    systems: [
      { name: 'Shopify', description: 'e-commerce storefront' },
      { name: 'NetSuite', description: 'ERP for orders and inventory' },
      { name: 'Mailchimp', description: 'email marketing' },
    ],
    flows: [
      { from: 'Shopify', to: 'NetSuite', data: 'paid orders and refunds' },
      { from: 'Shopify', to: 'Mailchimp', data: 'customers who opted in to marketing' },
    ],
  },
  fourFlowMesh: {
    systems: [
      { name: 'Shopify', description: 'storefront' },
      { name: 'NetSuite', description: 'ERP' },
      { name: 'HubSpot', description: 'CRM' },
      { name: 'Zendesk', description: 'support desk' },
    ],
    flows: [
      { from: 'Shopify', to: 'NetSuite', data: 'orders' },
      { from: 'Shopify', to: 'HubSpot', data: 'customers' },
      { from: 'HubSpot', to: 'Zendesk', data: 'contacts' },
      { from: 'Zendesk', to: 'HubSpot', data: 'ticket status' },
    ],
    volumePerDay: 100_000,
    latencySeconds: 20,
  },
  overLimit: {
    ...example,
    volumePerDay: 500_000,
  },
};

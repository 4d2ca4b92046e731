import { createOfflineEngine } from '../src/architect/engines/offline.js';
import type { IntegrationInputs } from '../src/architect/inputs.js';
import { catalog } from '../src/architect/knowledge/index.js';
import { prng } from '../test/helpers/prng.js';

/**
 * Real design documents for the search benchmark: varied requests (catalog providers and in-house systems,
 * one to three flows, volumes, latencies, stacks, limits) written by the offline engine, about 1,000 words
 * each. A seeded generator (prng) makes the corpus the same on every run.
 */

export interface CorpusDoc {
  title: string;
  systems: string[];
  inputs: IntegrationInputs;
  markdown: string;
}

/** The name every in-house system gets in the corpus; the seeder swaps it for a per-row made-up name. */
export const INTERNAL_PLACEHOLDER = 'Kalomir';

const SUBJECTS = [
  'orders and refunds', 'new customers and address changes', 'invoices and credit notes', 'support tickets and comments',
  'leads and lead scores', 'inventory levels per warehouse', 'shipments and tracking events', 'subscription renewals and cancellations',
  'employee hires and terminations', 'product catalog and prices', 'payments and payouts', 'contact consent changes',
  'usage events for billing', 'quotes and signed contracts', 'returns and exchanges', 'time entries and approvals',
  'purchase orders and receipts', 'journal entries', 'deal stage changes', 'alerts and incidents',
];
const STACKS = [
  'Node.js services on AWS', 'Python jobs on GCP', 'Go services on Kubernetes', 'Java Spring Boot on Azure',
  'TypeScript on Cloudflare Workers', '.NET services on Azure', 'Ruby on Rails on Heroku', 'Python on AWS Lambda',
];
const INTERNAL_KINDS = ['our order service', 'our internal billing service', 'our data platform', 'our mobile backend'];
const LATENCIES = [1, 5, 30, 60, 300, 900, 3600, 6 * 3600, 86_400];
const VOLUMES = [500, 2_000, 10_000, 50_000, 200_000, 1_000_000, 5_000_000];
const LIMITS = ['100 requests per 10 seconds', '25 requests per second', '10,000 calls per day', '5 concurrent requests', '1,000 requests per minute'];

function requestInputs(random: () => number): IntegrationInputs {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const providers = catalog();
  const systems: { name: string; description: string }[] = [];
  const count = random() < 0.7 ? 2 : 3;
  while (systems.length < count) {
    if (random() < 0.2 && !systems.some((s) => s.name === INTERNAL_PLACEHOLDER)) {
      systems.push({ name: INTERNAL_PLACEHOLDER, description: pick(INTERNAL_KINDS) });
      continue;
    }
    const provider = pick(providers);
    if (systems.some((s) => s.name === provider.name)) continue;
    systems.push({ name: provider.name, description: provider.kind.replace('-', ' ') });
  }
  const flows = systems.slice(1).map((to, i) => ({ from: systems[i === 0 || random() < 0.5 ? 0 : i]!.name, to: to.name, data: pick(SUBJECTS) }));
  const inputs: IntegrationInputs = {
    systems,
    flows,
    volumePerDay: pick(VOLUMES),
    latencySeconds: pick(LATENCIES),
    stack: pick(STACKS),
  };
  if (random() < 0.4) inputs.rateLimits = [{ system: pick(systems).name, limit: pick(LIMITS) }];
  return inputs;
}

/** `count` documents from the offline engine. About 25 ms each once warm. */
export async function buildCorpus(count: number, seed = 42): Promise<CorpusDoc[]> {
  const random = prng(seed);
  const engine = createOfflineEngine();
  const docs: CorpusDoc[] = [];
  while (docs.length < count) {
    const inputs = requestInputs(random);
    const result = await engine.design(inputs);
    docs.push({ title: result.title, systems: inputs.systems.map((s) => s.name), inputs, markdown: result.markdown });
  }
  return docs;
}

/** Words as a reader counts them (markdown punctuation and table rules are not words). */
export function wordCount(markdown: string): number {
  return markdown.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,:/-]*/gu)?.length ?? 0;
}

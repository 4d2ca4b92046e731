import { describe, expect, it } from 'vitest';
import { extractHeuristic } from '../../src/architect/extract.js';
import { completeInputs } from '../../src/architect/inputs.js';
import { buildPlan } from '../../src/architect/plan/index.js';
import { architectureGraph } from '../../src/architect/render/graph.js';

function graphOf(text: string) {
  const inputs = completeInputs({ volumePerDay: 20_000, latencySeconds: 300, ...extractHeuristic(text) });
  if (!inputs.success) throw new Error(JSON.stringify(inputs.error.issues));
  const plan = buildPlan(inputs.data);
  return { plan, graph: architectureGraph(plan) };
}

describe('architecture graph (drawn from the plan)', () => {
  it('draws every system, every flow with its data, and the components the design adds', () => {
    const { plan, graph } = graphOf('sync Shopify orders into NetSuite');
    for (const s of plan.systems) expect(graph.dot).toContain(s.name);
    expect(graph.flows).toEqual(['Shopify → NetSuite: orders']);
    for (const part of ['Receiver', 'Queue', 'Worker → NetSuite', 'Dead-letter queue', 'Replay tool', 'breaker', 'idempotent']) expect(graph.dot).toContain(part);
    // Ours and theirs apart: the components sit in one cluster, the vendors' systems outside it.
    const cluster = graph.dot.slice(graph.dot.indexOf('subgraph cluster_ours'), graph.dot.indexOf('  }\n'));
    expect(cluster).toContain('Receiver');
    expect(cluster).not.toContain('sys_shopify [');
    expect(graph.dot).toMatch(/^digraph integration \{[\s\S]*\}$/);
  });

  it('shows both directions of a two-way sync', () => {
    const { plan, graph } = graphOf('keep HubSpot contacts and Salesforce leads in sync both ways');
    const names = plan.systems.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['HubSpot', 'Salesforce']));
    expect(graph.flows.some((f) => f.startsWith('HubSpot → Salesforce'))).toBe(true);
    expect(graph.flows.some((f) => f.startsWith('Salesforce → HubSpot'))).toBe(true);
    expect(graph.dot).toMatch(/worker_hubspot -> sys_hubspot/);
    expect(graph.dot).toMatch(/worker_salesforce -> sys_salesforce/);
  });

  it('adds a scheduler for polled sources and a token store for OAuth destinations', () => {
    const polled = graphOf('copy new rows from our legacy Oracle ERP API (no webhooks) into Salesforce every 15 minutes').graph;
    expect(polled.dot).toContain('Scheduler');
    expect(polled.dot).toContain('scheduler -> ');
    expect(polled.dot).toContain('Poller');
    const oauth = graphOf('sync Shopify orders into NetSuite').graph;
    expect(oauth.dot).toContain('Token store');
    expect(oauth.dot).not.toContain('Scheduler');
  });
});

import { describe, expect, it } from 'vitest';
import { extractHeuristic } from '../../src/architect/extract.js';
import { completeInputs } from '../../src/architect/inputs.js';
import { buildPlan } from '../../src/architect/plan/index.js';
import { architectureGraph } from '../../src/architect/render/graph.js';
import { renderDiagramPng, renderDiagramSvg } from '../../src/slack/diagram.js';

/** Graphviz (WebAssembly) and resvg in-process: a real PNG, of a size that reads in Slack, with the text drawn. */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function dotOf(text: string): string {
  const inputs = completeInputs({ volumePerDay: 20_000, latencySeconds: 300, ...extractHeuristic(text) });
  if (!inputs.success) throw new Error('incomplete');
  return architectureGraph(buildPlan(inputs.data)).dot;
}

describe('rendering the architecture diagram', () => {
  it('lays out SVG with every system and renders a PNG 1600 px wide of sensible size', async () => {
    const dot = dotOf('keep HubSpot contacts and Salesforce leads in sync both ways, and send Stripe payments to NetSuite');
    const svg = await renderDiagramSvg(dot);
    for (const name of ['HubSpot', 'Salesforce', 'Stripe', 'NetSuite', 'Replay tool']) expect(svg).toContain(name);
    const png = await renderDiagramPng(dot);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(1600);
    expect(height).toBeGreaterThan(150);
    expect(height).toBeLessThan(2400);
    // Text is drawn (fonts ship with the app): a diagram without glyphs compresses far smaller.
    expect(png.length).toBeGreaterThan(30_000);
    expect(png.length).toBeLessThan(2_000_000);
  });

  it('refuses broken Graphviz source with an error rather than an empty picture', async () => {
    await expect(renderDiagramPng('digraph { a -> ')).rejects.toThrow();
  });
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { IntegrationInputsSchema } from '../../src/architect/inputs.js';
import { exampleBlock, readmeExamples } from '../../tools/readme-examples.js';

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents inputs that pass the schema', () => {
    const json = /```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(IntegrationInputsSchema.safeParse(JSON.parse(json!)).success).toBe(true);
  });

  const examples = readmeExamples(readme);

  it('has the three generated examples', () => {
    expect(examples.map((e) => e.name)).toEqual(['stripe-salesforce', 'shopify-netsuite', 'twilio-infeasible']);
  });

  it.each(examples.map((e) => [e.name, e] as const))('shows exactly what the offline engine writes for %s (npm run readme:examples)', async (_name, example) => {
    expect(example.current).toBe(await exampleBlock(example.inputs));
    expect(example.current).toMatch(/(\d+) of \1 quality checks passed/);
  });

  it('names the two commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});

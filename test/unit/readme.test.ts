import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createOfflineEngine } from '../../src/architect/engines/offline.js';
import { IntegrationInputsSchema } from '../../src/architect/inputs.js';

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents inputs that pass the schema', () => {
    const json = /```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(IntegrationInputsSchema.safeParse(JSON.parse(json!)).success).toBe(true);
  });

  it('shows exactly the design the offline engine writes for its example inputs', async () => {
    const inputs = IntegrationInputsSchema.parse(JSON.parse(/```json\n([\s\S]*?)\n```/.exec(readme)![1]!));
    const shown = /<!-- example-design:start -->\n````markdown\n([\s\S]*?)\n````\n<!-- example-design:end -->/.exec(readme)?.[1];
    const design = await createOfflineEngine().design(inputs);
    expect(shown).toBe(design.markdown.trimEnd());
    expect(design.quality.passed).toBe(true);
    expect(readme).toContain(`${design.quality.wordCount} words`);
  });

  it('names the two commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPrompts, PromptError } from '../../src/architect/prompts.js';
import { SECTION_IDS, SECTION_TITLES } from '../../src/architect/types.js';

describe('prompts', () => {
  it('loads every prompt file from the repository prompts/ folder', async () => {
    const prompts = await loadPrompts();
    for (const text of Object.values(prompts)) expect(text.length).toBeGreaterThan(500);
  });

  it('the architect prompt names the seven section headings in document order', async () => {
    const { architect } = await loadPrompts();
    const positions = SECTION_IDS.map((id) => architect.indexOf(`\`## ${SECTION_TITLES[id]}\``));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(architect).toContain('# Integration design:');
  });

  it('the architect prompt covers the seed: defaults, six steps, length, constraints and the calculator tools', async () => {
    const { architect } = await loadPrompts();
    for (const phrase of [
      'tens of thousands of events a day',
      'within 30 seconds',
      'modern cloud environment',
      'OAuth 2.0 or API keys are acceptable',
      'Step 1.',
      'Step 6.',
      '500 to 900 words',
      'up to 5 minutes',
      'high-frequency polling',
      'open protocols',
      'retry_schedule',
      'rate_limit_budget',
      'outage_backlog',
      'circuit_breaker',
      '@-mention',
    ]) {
      expect(architect).toContain(phrase);
    }
  });

  it('the revise prompt defines the "What changed" section and the classify tool', async () => {
    const { revise } = await loadPrompts();
    expect(revise).toContain('## What changed');
    expect(revise).toContain('classify_reply');
  });

  it('fails loudly on a missing or empty prompt file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'prompts-'));
    await expect(loadPrompts({ dir })).rejects.toBeInstanceOf(PromptError);
    await Promise.all(['architect.md', 'revise.md'].map((f) => writeFile(path.join(dir, f), 'text')));
    await writeFile(path.join(dir, 'extract.md'), '  \n');
    await expect(loadPrompts({ dir })).rejects.toThrow(/empty/);
  });
});

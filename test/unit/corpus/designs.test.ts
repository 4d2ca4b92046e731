import { describe, expect, it } from 'vitest';
import { evaluateCase } from '../../corpus/evaluate.js';
import { loadDesignCases } from '../../corpus/load.js';

/** The design corpus: every case through the offline engine, every check must pass. */
const cases = loadDesignCases();

describe('design corpus', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await evaluateCase(c);
    const failed = result.checks.filter((x) => !x.passed).map((x) => `${x.id}: ${x.detail}`);
    expect(failed, `${c.why}\n\n${result.markdown}`).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateRequest } from '../../corpus/evaluate-request.js';
import { loadRequestCases } from '../../corpus/load.js';
import { OPEN_REQUESTS } from '../../corpus/open.js';

/** Free-text requests as people type them: the reading (systems, flows, quantities, limits, asks) and the design. */
const cases = loadRequestCases();

describe('request corpus', () => {
  it('has at least 60 cases, fragile integrations among them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => c.expect.symptoms.length > 0).length).toBeGreaterThanOrEqual(8);
  });

  it('lists only cases that exist as open', () => {
    const names = new Set(cases.map((c) => c.name));
    expect([...OPEN_REQUESTS].filter((n) => !names.has(n))).toEqual([]);
  });

  for (const c of cases) {
    const run = async () => {
      const result = await evaluateRequest(c);
      const failed = result.checks.filter((x) => !x.passed).map((x) => `${x.id}: ${x.detail}`);
      expect(failed, `${c.why}\n\n${c.text}\n\n${JSON.stringify(result.partial)}`).toEqual([]);
    };
    if (OPEN_REQUESTS.has(c.name)) it.fails(`${c.name} (open)`, run);
    else it(c.name, run);
  }
});

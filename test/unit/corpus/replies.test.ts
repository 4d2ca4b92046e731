import { describe, expect, it } from 'vitest';
import { evaluateReply } from '../../corpus/evaluate-reply.js';
import { loadReplyCases } from '../../corpus/load.js';
import { OPEN_REPLIES } from '../../corpus/open.js';

/** Thread replies: changes become revisions that list each change, questions and what-ifs get answers. */
const cases = loadReplyCases();

describe('reply corpus', () => {
  it('has at least 20 cases of each useful kind', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.expect.kind))).toEqual(new Set(['change', 'question', 'what-if']));
  });

  it('lists only cases that exist as open', () => {
    const names = new Set(cases.map((c) => c.name));
    expect([...OPEN_REPLIES].filter((n) => !names.has(n))).toEqual([]);
  });

  for (const c of cases) {
    const run = async () => {
      const result = await evaluateReply(c);
      const failed = result.checks.filter((x) => !x.passed).map((x) => `${x.id}: ${x.detail}`);
      expect(failed, `${c.why}\n\nreply: ${c.reply}\n\n${result.message}`).toEqual([]);
    };
    if (OPEN_REPLIES.has(c.name)) it.fails(`${c.name} (open)`, run);
    else it(c.name, run);
  }
});

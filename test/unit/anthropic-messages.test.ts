import { describe, expect, it } from 'vitest';
import {
  designMessage,
  extractDocument,
  heuristicReplyKind,
  splitWhatChanged,
} from '../../src/architect/engines/anthropic/messages.js';
import { resolveInputs } from '../../src/architect/inputs.js';
import { buildPlan } from '../../src/architect/plan/index.js';

describe('extractDocument', () => {
  it('drops chatter before the title', () => {
    expect(extractDocument('Let me calculate first.\n# Integration design: A → B\n\n## Requirements and constraints\nx')).toBe(
      '# Integration design: A → B\n\n## Requirements and constraints\nx',
    );
  });

  it('ignores "# comment" lines inside code fences', () => {
    const text = 'Numbers:\n```bash\n# not a title\n```\n# Integration design: A → B\nbody';
    expect(extractDocument(text)).toBe('# Integration design: A → B\nbody');
  });

  it('keeps text without a title as it is', () => {
    expect(extractDocument('  just an answer  ')).toBe('just an answer');
  });
});

describe('splitWhatChanged', () => {
  it('splits off the section and its bullets', () => {
    const { markdown, changes } = splitWhatChanged(
      '# T\n\n## Implementation checklist\n1. a\n\n## What changed\n- one\n* two\n1. three\n',
    );
    expect(markdown).toBe('# T\n\n## Implementation checklist\n1. a');
    expect(changes).toEqual(['one', 'two', 'three']);
  });

  it('keeps at most five bullets and anything after the section', () => {
    const bullets = Array.from({ length: 7 }, (_, i) => `- change ${i + 1}`).join('\n');
    const { markdown, changes } = splitWhatChanged(`# T\n## What Changed\n${bullets}\n## Failure modes\nrow`);
    expect(changes).toHaveLength(5);
    expect(markdown).toBe('# T\n## Failure modes\nrow');
  });

  it('returns no changes when the section is missing, and ignores the heading inside code', () => {
    const text = '# T\n```md\n## What changed\n- no\n```';
    expect(splitWhatChanged(text)).toEqual({ markdown: text, changes: [] });
  });
});

describe('heuristicReplyKind', () => {
  it.each([
    ['Why full jitter?', 'question'],
    ['What happens if Salesforce is down for an hour?', 'question'],
    ['Can we switch to GraphQL instead?', 'change'],
    ['Use API keys instead of OAuth', 'change'],
    ['Volume is actually 2 million a day', 'change'],
  ] as const)('%s → %s', (reply, kind) => {
    expect(heuristicReplyKind(reply)).toBe(kind);
  });
});

describe('designMessage', () => {
  it('carries the resolved inputs as JSON and the assumed defaults as a list', () => {
    const inputs = {
      systems: [{ name: 'A', description: 'x' }, { name: 'B', description: 'y' }],
      flows: [{ from: 'A', to: 'B', data: 'orders' }],
      volumePerDay: 1000,
    };
    const text = designMessage(resolveInputs(inputs), buildPlan(inputs));
    const json = /<inputs>\n([\s\S]*)\n<\/inputs>/.exec(text)?.[1];
    expect(JSON.parse(json!)).toMatchObject({ volumePerDay: 1000, latencySeconds: 30, bidirectional: false });
    expect(json).not.toContain('assumptions');
    const assumed = text.split('<plan>')[0]!;
    expect(assumed).toContain('- Latency: near-real-time, within 30 seconds.');
    expect(assumed).not.toContain('- Volume:');
  });
});

describe('the plan brief', () => {
  it('grounds the model in the documented facts: signature scheme, limits, checks and sources', () => {
    const inputs = {
      systems: [{ name: 'Shopify', description: 'store' }, { name: 'NetSuite', description: 'ERP' }],
      flows: [{ from: 'Shopify', to: 'NetSuite', data: 'orders as sales orders' }],
      rateLimits: [{ system: 'NetSuite', limit: '5 concurrent requests' }],
    };
    const text = designMessage(resolveInputs(inputs), buildPlan(inputs));
    const brief = /<plan>\n([\s\S]*)\n<\/plan>/.exec(text)?.[1] ?? '';
    expect(brief).toMatch(/X-Shopify-Hmac-SHA256.*HMAC-SHA256.*base64/);
    expect(brief).toMatch(/NetSuite: .*bulkhead 4 permits/);
    expect(brief).toMatch(/## The document must \(checked by the quality gate\)\n- /);
    expect(brief).toMatch(/## The document must not[\s\S]*Shopify signs deliveries as documented/);
    expect(brief).toMatch(/## Sources to cite[\s\S]*https:\/\/shopify\.dev\//);
  });
});

describe('extractDocument across rounds', () => {
  it('takes the last "Integration design" title when the model started over', () => {
    const text = '# Integration design: draft\nold\n\n# Integration design: A → B\nnew';
    expect(extractDocument(text)).toBe('# Integration design: A → B\nnew');
  });
});

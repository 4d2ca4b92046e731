import { describe, expect, it } from 'vitest';
import { markdownToMrkdwn, tablesToCodeBlocks } from '../../src/slack/format.js';

const strip = (s: string) => s.replace(/\u200B/g, '');

describe('markdownToMrkdwn', () => {
  it('turns headings into bold lines and **bold** into *bold*', () => {
    const out = strip(markdownToMrkdwn('# Integration pattern\n\nUse **webhooks** with _care_.'));
    expect(out.split('\n')[0]).toBe('*Integration pattern*');
    expect(out).toContain('*webhooks*');
    expect(out).toContain('_care_');
    expect(out).not.toContain('**');
  });

  it('renders lists with bullets and numbers', () => {
    const out = markdownToMrkdwn('- alpha\n- beta\n\n1. first\n2. second');
    expect(out).toMatch(/^• alpha$/m);
    expect(out).toMatch(/^• beta$/m);
    expect(out).toMatch(/^1\. first$/m);
    expect(out).toMatch(/^2\. second$/m);
  });

  it('converts links to <url|text>', () => {
    expect(markdownToMrkdwn('See [the docs](https://stripe.com/docs/webhooks).')).toContain(
      '<https://stripe.com/docs/webhooks|the docs>',
    );
  });

  it('keeps code fences, escaping Slack control characters inside them', () => {
    const out = markdownToMrkdwn('Before\n\n```ts\nif (a < b && c > d) retry();\n```\n\nAfter');
    expect(out).toContain('```\nif (a &lt; b &amp;&amp; c &gt; d) retry();\n```');
    expect(out.startsWith('Before')).toBe(true);
    expect(out.endsWith('After')).toBe(true);
  });

  it('escapes control characters in inline code and text', () => {
    const out = markdownToMrkdwn('Compare `a < b` and 5 > 3 & more');
    expect(out).toContain('`a &lt; b`');
    expect(out).toContain('5 &gt; 3 &amp; more');
  });

  it('renders tables as an aligned monospace block', () => {
    const md = [
      'Limits:',
      '',
      '| System | Limit | Window |',
      '|:-------|------:|:------:|',
      '| Salesforce | 100000 | 24 h |',
      '| **Stripe** | 100 | 1 s |',
      '',
      'Done.',
    ].join('\n');
    const out = markdownToMrkdwn(md);
    const block = /```\n([\s\S]*?)\n```/.exec(out)?.[1];
    expect(block).toBeDefined();
    const rows = block!.split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^System\s+\|\s+Limit \|\s+Window$/);
    expect(rows[2]).toContain('Salesforce');
    expect(rows[3]).toContain('Stripe');
    expect(rows[3]).not.toContain('**');
    // Column separators line up on every data row.
    const bars = (r: string) => [...r.matchAll(/\|/g)].map((m) => m.index);
    expect(bars(rows[2]!)).toEqual(bars(rows[0]!));
    expect(bars(rows[3]!)).toEqual(bars(rows[0]!));
    // Right alignment of the numeric column.
    expect(rows[3]).toMatch(/\|\s+100 \|/);
    expect(out).not.toMatch(/^\|.*\|$/m);
    expect(out).toContain('Done.');
  });

  it('leaves tables inside code fences alone', () => {
    const md = '```\n| a | b |\n|---|---|\n| 1 | 2 |\n```';
    expect(tablesToCodeBlocks(md)).toBe(md);
  });

  it('does not treat a lone pipe line as a table', () => {
    const md = 'a | b\nnot a delimiter';
    expect(tablesToCodeBlocks(md)).toBe(md);
  });
});

describe('Slack-style links in model markdown', () => {
  it('stay links, and mentions inside their labels stay inert', async () => {
    const { markdownToMrkdwn, neutralizeMentions } = await import('../../src/slack/format.js');
    expect(markdownToMrkdwn('See <https://example.com/a|the docs> now.')).toBe('See <https://example.com/a|the docs> now.');
    expect(markdownToMrkdwn('Bare <https://example.com/b> link.')).toContain('https://example.com/b');
    const out = neutralizeMentions(markdownToMrkdwn('Read <https://example.com|@channel docs>.'));
    expect(out).not.toMatch(/<!channel>|(^|[^\u200b])@channel/);
    expect(markdownToMrkdwn('```\n<https://x|y>\n```')).toContain('&lt;https://x|y&gt;');
  });
});

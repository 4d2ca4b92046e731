import { describe, expect, it } from 'vitest';
import { DEFAULTS, missingInputs } from '../../src/architect/inputs.js';
import type { QualityReport } from '../../src/architect/types.js';
import {
  ACTION_IDS,
  answerMessage,
  changesMessage,
  defaultAssumptionLines,
  designHeaderMessage,
  designSectionMessages,
  failureMessage,
  helpMessage,
  homeView,
  missingInputsMessage,
  progressMessage,
  recentDesignsMessage,
  redactionNotice,
  renderSnippet,
  searchResultsMessage,
} from '../../src/slack/blocks/index.js';
import type { SearchResultItem } from '../../src/slack/blocks/index.js';
import { HOSTILE, allTexts, expectBlockLimits, expectInertPayload, expectMessageLimits } from './slack-limits.js';

const passing: QualityReport = {
  passed: true,
  wordCount: 812,
  repaired: false,
  checks: [
    { id: 'sections', passed: true, detail: 'all 7 sections present' },
    { id: 'retry-window', passed: true, detail: 'retry window 9 min > 5 min outage' },
    { id: 'idempotency', passed: true, detail: 'idempotency key defined' },
  ],
};
const failing: QualityReport = {
  ...passing,
  passed: false,
  repaired: true,
  checks: [
    { id: 'sections', passed: true, detail: 'ok' },
    { id: 'retry-window', passed: false, detail: 'retry window 2 min < 5 min outage' },
    { id: 'dead-letter', passed: false, detail: `no dead-letter path ${HOSTILE}` },
  ],
};

const json = (x: unknown) => JSON.stringify(x);

describe('designHeaderMessage', () => {
  const base = {
    title: 'Stripe → Salesforce payment sync',
    summary: 'Payments flow from **Stripe** to Salesforce via webhooks and a queue.',
    revision: 2,
    engine: 'anthropic' as const,
    quality: passing,
    conversationId: 'c0ffee00-0000-4000-8000-000000000001',
    assumptions: [`Volume: ${DEFAULTS.volumeLabel}.`, `Latency: ${DEFAULTS.latencyLabel}.`],
  };

  it('shows title, revision, quality, assumptions and the buttons: Compare from revision 2, Open canvas when there is one', () => {
    const m = designHeaderMessage(base);
    expectMessageLimits(m);
    expect(m.blocks[0]).toMatchObject({ type: 'header', text: { text: base.title } });
    const texts = allTexts(m.blocks).join('\n');
    expect(texts).toContain('Revision 2');
    expect(texts).toContain('✅ All 3 quality checks passed');
    expect(texts).toContain('assumed 30,000/day');
    expect(texts).toContain('*Stripe*');
    const actions = m.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; value: string }[] };
    expect(actions.elements.map((e) => e.action_id)).toEqual(['export_markdown', 'compare_revisions', 'regenerate', 'open_form']);
    expect(actions.elements.filter((e) => e.action_id !== 'compare_revisions').every((e) => e.value === base.conversationId)).toBe(true);
    expect(JSON.parse(actions.elements[1]!.value)).toEqual({ c: base.conversationId, r: 2 });
    expect(m.text).toContain('revision 2');

    const first = designHeaderMessage({ ...base, revision: 1, canvasUrl: 'https://app.slack.com/docs/T1/F1' });
    const firstActions = first.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; url?: string }[] };
    expect(firstActions.elements.map((e) => e.action_id)).toEqual(['open_canvas', 'export_markdown', 'regenerate', 'open_form']);
    expect(firstActions.elements[0]!.url).toBe('https://app.slack.com/docs/T1/F1');
  });

  it('lists failed checks', () => {
    const m = designHeaderMessage({ ...base, quality: failing });
    expectMessageLimits(m);
    const texts = allTexts(m.blocks).join('\n');
    expect(texts).toContain('⚠️ 2 of 3 quality checks failed (after one repair pass)');
    expect(texts).toContain('retry-window: retry window 2 min');
    expect(texts).toContain('dead-letter');
    expect(texts).not.toContain('✅');
  });

  it('stays within limits and inert with hostile, huge inputs', () => {
    const m = designHeaderMessage({
      ...base,
      title: `${HOSTILE} ${'t'.repeat(500)}`,
      summary: `${HOSTILE}\n\n${'word '.repeat(4000)}`,
      quality: { ...failing, checks: Array.from({ length: 12 }, () => ({ ...failing.checks[2]!, detail: 'x '.repeat(400) })) },
      assumptions: Array.from({ length: 50 }, (_, i) => `${HOSTILE} assumption ${i} ${'y'.repeat(200)}`),
    });
    expectMessageLimits(m);
  });

  it('refuses an action value longer than Slack allows', () => {
    expect(() => designHeaderMessage({ ...base, conversationId: 'x'.repeat(2001) })).toThrow(RangeError);
  });
});

describe('designSectionMessages', () => {
  it('emits each section in order, each within limits', () => {
    const messages = designSectionMessages([
      { id: 'requirements', heading: 'Requirements and constraints', markdown: `- 50,000 events/day ${HOSTILE}` },
      { id: 'resilience', heading: 'Error handling and retry', markdown: 'Retry with full jitter.\n\n'.repeat(600) },
    ]);
    expect(messages.length).toBeGreaterThan(2);
    messages.forEach((m) => expectMessageLimits(m));
    const headers = messages.flatMap((m) => m.blocks.filter((b) => b.type === 'header'));
    expect(headers.map((h) => (h as { text: { text: string } }).text.text)).toEqual([
      'Requirements and constraints',
      'Error handling and retry',
    ]);
  });
});

describe('missingInputsMessage', () => {
  it('asks for everything missing, with examples, defaults and a form button', () => {
    const partial = { systems: [{ name: 'Stripe' }] };
    const missing = missingInputs(partial);
    const m = missingInputsMessage({ missing, defaults: defaultAssumptionLines(partial), conversationId: 'conv-1' });
    expectMessageLimits(m);
    const texts = allTexts(m.blocks).join('\n');
    for (const item of missing) {
      expect(texts).toContain(item.question);
      expect(texts).toContain(item.example);
    }
    expect(texts).toContain(DEFAULTS.volumeLabel);
    expect(texts).toContain(DEFAULTS.auth);
    expect(json(m.blocks)).toContain(`"action_id":"${ACTION_IDS.openForm}"`);
    expect(json(m.blocks)).toContain('"value":"conv-1"');
  });

  it('only lists defaults for optional inputs that were not given', () => {
    const lines = defaultAssumptionLines({ volumePerDay: 10, stack: 'Go' });
    expect(lines.join('\n')).not.toContain('Volume');
    expect(lines.join('\n')).not.toContain('Stack');
    expect(lines).toHaveLength(2);
  });

  it('neutralises hostile questions', () => {
    const m = missingInputsMessage({
      missing: [{ field: 'systems', question: `${HOSTILE}?`, example: HOSTILE.repeat(50) }],
      defaults: [HOSTILE],
      conversationId: 'c',
    });
    expectMessageLimits(m);
  });
});

describe('status messages', () => {
  it('progress shows the stage and characters written', () => {
    const m = progressMessage({ stage: 'writing', message: 'Writing the design', chars: 12345 });
    expectMessageLimits(m);
    expect(allTexts(m.blocks).join(' ')).toContain('12,345 characters');
    expectMessageLimits(progressMessage({ stage: 'done', message: HOSTILE }));
  });

  it('failure explains whether retrying helps', () => {
    const retry = failureMessage({ reason: 'The model is overloaded', retryable: true, conversationId: 'c1' });
    const fatal = failureMessage({ reason: HOSTILE, retryable: false });
    expectMessageLimits(retry);
    expectMessageLimits(fatal);
    expect(json(retry)).toContain('Try again');
    expect(json(fatal)).not.toContain('"actions"');
    expect(json(fatal)).toContain('adjust');
  });

  it('changes lists what changed, or says nothing did', () => {
    const m = changesMessage({ revision: 3, changes: ['Raised **max retries** to 8', HOSTILE] });
    expectMessageLimits(m);
    expect(allTexts(m.blocks).join()).toContain('Raised max retries to 8');
    expect(allTexts(changesMessage({ revision: 4, changes: [] }).blocks).join()).toContain('No material changes');
  });

  it('answers split into several messages only when needed', () => {
    expect(answerMessage('Use `Idempotency-Key` headers.')).toHaveLength(1);
    const long = answerMessage(`${HOSTILE}\n\n${'A long paragraph of explanation. '.repeat(100)}\n\n`.repeat(60));
    expect(long.length).toBeGreaterThan(1);
    long.forEach((m) => expectMessageLimits(m));
  });

  it('redaction notice names the kinds without repeating them', () => {
    const m = redactionNotice(['stripe_key', 'jwt', 'stripe_key', 'weird<kind>']);
    expectMessageLimits(m);
    expect(m.text).toContain('a Stripe key, a JWT and weird');
    expect(m.text.match(/Stripe key/g)).toHaveLength(1);
  });
});

const result = (i: number, extra: Partial<SearchResultItem> = {}): SearchResultItem => ({
  title: `Design ${i}`,
  systems: ['Stripe', 'Salesforce'],
  snippet: `retry with «exponential» backoff and «jitter» ${i}`,
  authorId: 'U0123ABCD',
  createdAt: new Date('2025-03-04T10:00:00Z'),
  permalink: `https://example.slack.com/archives/C1/p${1000 + i}`,
  revision: 2,
  ...extra,
});

describe('searchResultsMessage', () => {
  it('renders results with highlights, author, date and permalink', () => {
    const m = searchResultsMessage({ query: 'retry jitter', results: [result(1)], total: 1, offset: 0 });
    expectMessageLimits(m, { userRefs: true, dates: true });
    const texts = allTexts(m.blocks).join('\n');
    expect(texts).toContain('*exponential*');
    expect(texts).toContain('*jitter*');
    expect(texts).not.toMatch(/[«»]/);
    expect(texts).toContain('<https://example.slack.com/archives/C1/p1001|Design 1>');
    expect(texts).toContain('<@U0123ABCD>');
    expect(texts).toMatch(/<!date\^\d+\^\{date_short\}\|2025-03-04>/);
    expect(texts).toContain('Stripe, Salesforce');
  });

  it('has a "no designs match" state', () => {
    const m = searchResultsMessage({ query: 'hubspot', results: [], total: 0, offset: 0 });
    expectMessageLimits(m);
    expect(m.text).toContain('No designs match');
  });

  it('offers pagination with the next offset in the button value', () => {
    const results = Array.from({ length: 10 }, (_, i) => result(i));
    const m = searchResultsMessage({ query: 'stripe', results, total: 37, offset: 10 });
    expectMessageLimits(m, { userRefs: true, dates: true });
    const pagination = m.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; value: string }[] };
    const values = pagination.elements.map((e) => JSON.parse(e.value) as { query: string; offset: number });
    expect(values).toEqual([
      { query: 'stripe', offset: 0 },
      { query: 'stripe', offset: 20 },
    ]);
    expect(allTexts(m.blocks).join()).toContain('showing 11–20');
  });

  it('says "more than" when the matches were capped, and how to narrow them', () => {
    const results = Array.from({ length: 10 }, (_, i) => result(i));
    const m = searchResultsMessage({ query: 'retry', results, total: 1000, capped: true, offset: 0 });
    expectMessageLimits(m, { userRefs: true, dates: true });
    const texts = allTexts(m.blocks).join('\n');
    expect(m.text).toContain('More than 1,000 designs');
    expect(texts).toContain('*More than 1,000 designs* match “retry” — showing 1–10');
    expect(texts).toContain('Ranked among the newest 1,000');
    expect(texts).not.toContain('990 more');
    const exact = searchResultsMessage({ query: 'retry', results, total: 37, offset: 0 });
    expect(allTexts(exact.blocks).join('\n')).toContain('*37 designs* match');
  });

  it('neutralises hostile titles, snippets and author ids; drops buttons for overlong queries', () => {
    const hostile = result(1, {
      title: `${HOSTILE} | >`,
      snippet: `«${HOSTILE}» ${'z'.repeat(5000)}`,
      systems: [HOSTILE],
      authorId: '<!channel>',
      permalink: 'javascript:alert(1)',
    });
    const m = searchResultsMessage({ query: HOSTILE.repeat(40), results: [hostile, ...Array(30).fill(result(2))], total: 500, offset: 0 });
    expectMessageLimits(m, { userRefs: true, dates: true });
    expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('renders snippet highlights without leaving markers', () => {
    expect(renderSnippet('a «b» c «» d «e')).toBe('a *b* c  d e');
  });
});

describe('help, recent designs and home', () => {
  it('help lists every subcommand', () => {
    const m = helpMessage();
    expectMessageLimits(m);
    for (const sub of ['form', 'search', 'list', 'help']) expect(allTexts(m.blocks).join()).toContain(`/integration-design ${sub}`);
  });

  const recent = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      title: i % 7 === 0 ? `${HOSTILE} ${'long '.repeat(100)}` : `Design ${i}`,
      permalink: i % 2 ? `https://example.slack.com/archives/C1/p${i}` : undefined,
      createdAt: new Date(1_700_000_000_000 + i * 86_400_000),
      revision: 1 + (i % 3),
      status: 'ready',
    }));

  it('recent designs stay within limits', () => {
    expectMessageLimits(recentDesignsMessage(recent(3)), { dates: true });
    expectMessageLimits(recentDesignsMessage(recent(200)), { dates: true });
    expect(recentDesignsMessage([]).text).toContain('no designs');
  });

  it('home view has a how-to and at most 100 blocks', () => {
    for (const n of [0, 5, 500]) {
      const view = homeView({ recent: recent(n) });
      expect(view.type).toBe('home');
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expectBlockLimits(view.blocks as never);
      expectInertPayload(view.blocks, { dates: true });
      expect(json(view)).toContain('How to start');
    }
    expect(json(homeView({ recent: [] }))).toContain('No designs yet');
  });
});

describe('the safety checker itself', () => {
  it('rejects live sequences in mrkdwn and broadcast words anywhere', () => {
    expect(() => expectInertPayload([{ type: 'mrkdwn', text: 'hi <!here>' }])).toThrow();
    expect(() => expectInertPayload([{ type: 'mrkdwn', text: '<@U123>' }])).toThrow();
    expect(() => expectInertPayload([{ type: 'plain_text', text: '@channel' }])).toThrow();
    expect(() => expectInertPayload([{ type: 'mrkdwn', text: '<https://ok.example|fine> @\u200Bhere' }])).not.toThrow();
  });
});

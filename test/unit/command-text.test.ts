import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/slack/command-text.js';

describe('parseCommandText', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['  HELP ', { kind: 'help' }],
    ['form', { kind: 'form' }],
    ['list', { kind: 'list' }],
  ])('%j → %j', (text, expected) => {
    expect(parseCommandText(text)).toEqual(expected);
  });

  it('answers a single unknown word with help', () => {
    expect(parseCommandText('frobnicate')).toEqual({ kind: 'help', unknown: 'frobnicate' });
    expect(parseCommandText('Stripe')).toEqual({ kind: 'help', unknown: 'Stripe' });
  });

  it('treats anything longer as a design request, including words that start like subcommands', () => {
    expect(parseCommandText('sync Stripe payments into Salesforce')).toEqual({ kind: 'design', text: 'sync Stripe payments into Salesforce' });
    expect(parseCommandText('list all Shopify orders into NetSuite')).toMatchObject({ kind: 'design' });
    expect(parseCommandText('formulate a sync from A to B')).toMatchObject({ kind: 'design' });
  });

  it('parses search queries and Slack-style filters', () => {
    expect(parseCommandText('search stripe -refund "dead letter"')).toEqual({
      kind: 'search',
      query: 'stripe -refund "dead letter"',
      filters: {},
    });
    const r = parseCommandText('search webhook system:Stripe in:<#C123|payments> by:<@U9> after:2026-01-01 before:2026-02-01');
    expect(r).toMatchObject({ kind: 'search', query: 'webhook', filters: { system: 'Stripe', channelId: 'C123', authorId: 'U9' } });
    if (r.kind !== 'search') throw new Error('expected search');
    expect(r.filters.from?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(r.filters.to?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  it('ignores unparseable dates instead of failing', () => {
    const r = parseCommandText('search x after:notadate');
    expect(r).toEqual({ kind: 'search', query: 'x', filters: {} });
  });

  it('parses `show <id> [revision]`; anything else after show is a design request', () => {
    const id = 'C0FFEE00-0000-4000-8000-000000000001';
    expect(parseCommandText(`show ${id}`)).toEqual({ kind: 'show', id: id.toLowerCase() });
    expect(parseCommandText(`show ${id} 3`)).toEqual({ kind: 'show', id: id.toLowerCase(), revision: 3 });
    expect(parseCommandText('show me how to sync Stripe into Xero').kind).toBe('design');
    expect(parseCommandText('show')).toEqual({ kind: 'help', unknown: 'show' });
  });
});

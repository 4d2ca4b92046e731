import { describe, expect, it } from 'vitest';
import { estimatedShare, lexemeStats, parseTsquery } from '../../src/db/repositories/search-estimate.js';

describe('lexemeStats', () => {
  it('reads pg_stats arrays: shares per lexeme, and the least of them as the bound for the rest', () => {
    const stats = lexemeStats(['stripe', 'webhook'], [0.4, 0.9, 0.4, 0.9]);
    expect(stats?.shares.get('webhook')).toBe(0.9);
    expect(stats?.below).toBe(0.4);
  });

  it('has nothing to say before the first ANALYZE', () => {
    expect(lexemeStats(null, null)).toBeUndefined();
    expect(lexemeStats([], [])).toBeUndefined();
    expect(lexemeStats(['a', 'b'], [0.5])).toBeUndefined();
  });
});

describe('parseTsquery', () => {
  it('reads what PostgreSQL prints, with its precedence (! then <-> then & then |)', () => {
    expect(parseTsquery("'a' | 'b' & 'c'")).toEqual({
      kind: 'or',
      left: { kind: 'word', lexeme: 'a' },
      right: { kind: 'and', left: { kind: 'word', lexeme: 'b' }, right: { kind: 'word', lexeme: 'c' } },
    });
    expect(parseTsquery("!( 'a' <-> 'b' ) & 'it''s':*")).toEqual({
      kind: 'and',
      left: { kind: 'not', of: { kind: 'and', left: { kind: 'word', lexeme: 'a' }, right: { kind: 'word', lexeme: 'b' } } },
      right: { kind: 'word', lexeme: "it's", prefix: true },
    });
  });

  it('gives up on text it cannot read', () => {
    expect(parseTsquery('')).toBeUndefined();
    expect(parseTsquery("'a' &")).toBeUndefined();
    expect(parseTsquery("( 'a'")).toBeUndefined();
  });
});

describe('estimatedShare', () => {
  const stats = lexemeStats(['backlog', 'stripe', 'webhook', 'push'], [0.97, 0.05, 0.5, 0.4, 0.05, 0.97])!;

  it('takes the rarest word of a conjunction or phrase, and adds up alternatives', () => {
    expect(estimatedShare("'backlog' & 'stripe'", stats)).toBe(0.05);
    expect(estimatedShare("'push' <-> 'webhook'", stats)).toBe(0.4);
    expect(estimatedShare("'stripe' | 'push'", stats)).toBeCloseTo(0.45);
    expect(estimatedShare("'backlog' | 'webhook'", stats)).toBe(1);
  });

  it('bounds a word missing from the statistics by the least common one listed', () => {
    expect(estimatedShare("'zorbexian'", stats)).toBe(0.05);
  });

  it('leaves a prefix open: it matches more than its lexeme', () => {
    expect(estimatedShare("'strip':*", stats)).toBeUndefined();
    expect(estimatedShare("'backlog' & 'strip':*", stats)).toBe(0.97);
  });

  it('ignores a negated part of a conjunction, and leaves a bare negation open', () => {
    expect(estimatedShare("'webhook' & !'stripe'", stats)).toBe(0.5);
    expect(estimatedShare("!'stripe'", stats)).toBeUndefined();
    expect(estimatedShare("'push' | !'stripe'", stats)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { BUCKET_SHIFTS, MAX_PREPARED, needlePattern, preparedName, relaxedPhrase, searchWindows, snippetNeedles } from '../../src/db/repositories/search.js';

describe('searchWindows', () => {
  const tops = [1, 5, 1_023, 1_024, 2_047, 2_048, 9_000, 65_536, 1_000_000, 8_388_608, 30_000_000, 2 ** 40 + 3];

  it.each(tops)('splits seq 0…%i into disjoint windows, newest first, that cover it all', (top) => {
    const windows = searchWindows(top);
    expect(windows[0]!.below).toBeUndefined();
    expect(windows.at(-1)!.from).toBe(0);
    for (const [i, w] of windows.entries()) {
      if (i > 0) expect(w.below).toBe(windows[i - 1]!.from);
      expect(w.below === undefined || w.from < w.below).toBe(true);
    }
  });

  it.each(tops)('names the buckets that hold each window\'s seq values (top %i)', (top) => {
    for (const w of searchWindows(top)) {
      if (w.buckets === undefined) continue;
      const [, level, first] = /ia:b(\d):(\d+)/.exec(w.buckets)!;
      const shift = BUCKET_SHIFTS[Number(level)]!;
      const named = new Set([...w.buckets.matchAll(/ia:b\d:(\d+)/g)].map((m) => Number(m[1])));
      // Every seq in [from, min(below, top)] falls in one of the named buckets.
      const last = Math.min(top, (w.below ?? top + 1) - 1);
      for (const seq of [w.from, Math.floor((w.from + last) / 2), last]) expect(named.has(Math.floor(seq / 2 ** shift))).toBe(true);
      expect(Number(first)).toBe(Math.floor(top / 2 ** shift));
    }
  });

  const withFirstRows = [...tops.map((top) => [top, 0]), [1_000_000, 3_000], [1_000_000, 200_000], [100_000, 27_000]];
  it.each(withFirstRows)('leaves out, in the index, every seq a newer window already read (top %i, first window %i rows)', (top, firstRows) => {
    const bucketsOf = (words: string) =>
      [...words.matchAll(/ia:b(\d):(\d+)/g)].map((m) => ({ shift: BUCKET_SHIFTS[Number(m[1])]!, bucket: Number(m[2]) }));
    const inWords = (words: string, seq: number) => bucketsOf(words).some(({ shift, bucket }) => Math.floor(seq / 2 ** shift) === bucket);
    const windows = searchWindows(top, firstRows);
    expect(windows[0]!.notNewer).toBeUndefined();
    for (const w of windows.slice(1)) {
      const negated = /^!\( (.+) \)$/.exec(w.notNewer!)![1]!;
      const last = Math.min(top, w.below! - 1);
      // Nothing of this window is negated; everything above it, up to top, is.
      for (const seq of [w.from, Math.floor((w.from + last) / 2), last]) expect(inWords(negated, seq)).toBe(false);
      for (const seq of [w.below!, Math.floor((w.below! + top) / 2), top].filter((s) => s <= top)) expect(inWords(negated, seq)).toBe(true);
    }
  });

  it.each([
    [1_000_000, 0],
    [1_000_000, 3_000],
    [1_000_000, 200_000],
    [1_000_000, 5_000_000],
    [100_000, 27_000],
    [5_000, 4_000],
  ])('reaches back at least as far as asked in its first window, still disjoint and covering (top %i, %i rows)', (top, firstRows) => {
    const windows = searchWindows(top, firstRows);
    const [first] = windows;
    expect(first!.below).toBeUndefined();
    expect(first!.from === 0 || top - first!.from >= firstRows).toBe(true);
    // The first window is the smallest that reaches that far: the window just inside it would not.
    const smaller = searchWindows(top).filter((w) => w.from > first!.from);
    for (const w of smaller) expect(top - w.from).toBeLessThan(firstRows);
    expect(windows.at(-1)!.from).toBe(0);
    for (const [i, w] of windows.entries()) if (i > 0) expect(w.below).toBe(windows[i - 1]!.from);
    // Older windows are the same ranges as without it.
    const range = ({ from, below, buckets }: { from: number; below?: number; buckets?: string }) => ({ from, below, buckets });
    expect(windows.slice(1).map(range)).toEqual(searchWindows(top).filter((w) => w.from < first!.from).map(range));
  });

  it('looks at the newest 2^10 to 2^11 designs first and grows fourfold', () => {
    const [first, second, third] = searchWindows(1_000_000);
    expect(1_000_000 - first!.from).toBeGreaterThanOrEqual(1_024);
    expect(1_000_000 - first!.from).toBeLessThan(2_048);
    expect(1_000_000 - second!.from).toBeGreaterThanOrEqual(4_096);
    expect(1_000_000 - second!.from).toBeLessThan(8_192);
    expect(1_000_000 - third!.from).toBeGreaterThanOrEqual(16_384);
    expect(searchWindows(500)).toEqual([{ buckets: undefined, notNewer: undefined, from: 0, below: undefined }]);
    // The oldest window starts at seq 0: bucket words would name every design, so it has none.
    expect(searchWindows(1_000_000).at(-1)).toMatchObject({ buckets: undefined, from: 0 });
  });
});

describe('snippetNeedles', () => {
  it('turns lexemes into prefixes of the words they came from', () => {
    expect(snippetNeedles("'retri' & 'stripe' <-> 'webhook'")).toEqual(['retr', 'stripe', 'webhook']);
    expect(snippetNeedles("'polici' | 'idempot'")).toEqual(['polic', 'idempot']);
  });

  it('leaves out negated terms, one-letter words and repeats', () => {
    expect(snippetNeedles("'kafka' & !'rabbitmq' & ! 'sqs' & 'x' & 'kafka'")).toEqual(['kafka']);
  });

  it('reads quotes doubled inside a lexeme', () => {
    expect(snippetNeedles("'o''brien'")).toEqual(["o'brien"]);
  });
});

describe('preparedName', () => {
  it('names a statement by its text, per connection, up to MAX_PREPARED shapes; past that it runs unprepared', () => {
    const connection = {};
    const names = Array.from({ length: MAX_PREPARED }, (_, i) => preparedName(connection, `SELECT ${i}`));
    expect(new Set(names).size).toBe(MAX_PREPARED);
    expect(names.every((n) => /^ia_search_[0-9a-f]{20}$/.test(n ?? ''))).toBe(true);
    expect(preparedName(connection, 'SELECT 0')).toBe(names[0]);
    expect(preparedName(connection, 'SELECT -1')).toBeUndefined();
    expect(preparedName({}, 'SELECT -1')).toMatch(/^ia_search_/);
  });
});

describe('needlePattern', () => {
  it('joins the needles as alternatives, each matched literally', () => {
    expect(needlePattern(['kafka', 'retr'])).toBe('kafka|retr');
    expect(needlePattern(['api.example.com', 'c++', 'a|b', '(x)', '[y]', '{2}', '^$?*', 'back\\slash'])).toBe(
      'api\\.example\\.com|c\\+\\+|a\\|b|\\(x\\)|\\[y\\]|\\{2\\}|\\^\\$\\?\\*|back\\\\slash',
    );
  });

  it('is undefined without needles', () => {
    expect(needlePattern([])).toBeUndefined();
  });
});

describe('relaxedPhrase', () => {
  it('turns phrase operators into & outside lexemes, keeping grouping', () => {
    expect(relaxedPhrase("'push' <-> 'webhook'")).toBe("'push' & 'webhook'");
    expect(relaxedPhrase("'a' <2> 'b' & 'c' | 'd' <-> 'e'")).toBe("'a' & 'b' & 'c' | 'd' & 'e'");
    expect(relaxedPhrase("( 'a' | 'b' ) <-> 'c'")).toBe("( 'a' | 'b' ) & 'c'");
    expect(relaxedPhrase("'it''s' <-> 'x<->y'")).toBe("'it''s' & 'x<->y'");
  });

  it('leaves queries without a phrase, or with a negation, as they are', () => {
    expect(relaxedPhrase("'retri' & 'stripe'")).toBeUndefined();
    expect(relaxedPhrase("'x<->y'")).toBeUndefined();
    expect(relaxedPhrase("'sync' & !( 'order' <-> 'sync' )")).toBeUndefined();
    expect(relaxedPhrase("'a' <-> 'b' & !'c'")).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { diffLines, formatDiff } from '../../src/slack/format/diff.js';

describe('line diff of two revisions', () => {
  it('marks removed and added lines with a line of context and skips unchanged runs', () => {
    const before = ['# Design', 'a', 'b', 'volume 20,000/day', 'c', 'd', 'e', 'f', 'latency 5 min', 'g'].join('\n');
    const after = ['# Design', 'a', 'b', 'volume 60,000/day', 'c', 'd', 'e', 'f', 'latency 2 min', 'g', 'new line'].join('\n');
    expect(formatDiff(diffLines(before, after))).toBe(
      ['  b', '- volume 20,000/day', '+ volume 60,000/day', '  c', '…', '  f', '- latency 5 min', '+ latency 2 min', '  g', '+ new line'].join('\n'),
    );
  });

  it('is empty for identical documents and keeps every line of a full rewrite', () => {
    expect(formatDiff(diffLines('x\ny', 'x\ny'))).toBe('');
    const lines = diffLines('a\nb', 'c\nd');
    expect(lines.filter((l) => l.kind === 'removed').map((l) => l.text)).toEqual(['a', 'b']);
    expect(lines.filter((l) => l.kind === 'added').map((l) => l.text)).toEqual(['c', 'd']);
  });
});

import { describe, expect, it } from 'vitest';
import { blockTextLength } from '../../src/slack/blocks/kit.js';
import { buildSectionMessages, splitForSlack } from '../../src/slack/format.js';

const words = (s: string) => s.replace(/```/g, ' ').split(/\s+/).filter(Boolean);
const fences = (s: string) => s.split('```').length - 1;

describe('splitForSlack', () => {
  it('returns short text unchanged in one chunk', () => {
    const text = 'one\n\ntwo\nthree';
    expect(splitForSlack(text)).toEqual([text]);
  });

  it('prefers paragraph boundaries', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const c = 'c'.repeat(40);
    expect(splitForSlack(`${a}\n\n${b}\n\n${c}`, { maxSectionChars: 90 })).toEqual([`${a}\n\n${b}`, c]);
  });

  it('falls back to line boundaries, then word boundaries', () => {
    const para = ['alpha beta gamma', 'delta epsilon zeta', 'eta theta iota'].join('\n');
    const chunks = splitForSlack(para, { maxSectionChars: 36 });
    expect(chunks).toEqual(['alpha beta gamma\ndelta epsilon zeta', 'eta theta iota']);
    const long = 'word '.repeat(30).trim();
    const byWord = splitForSlack(long, { maxSectionChars: 24 });
    for (const c of byWord) {
      expect(c.length).toBeLessThanOrEqual(24);
      expect(c.split(' ').every((w) => w === 'word')).toBe(true);
    }
    expect(words(byWord.join(' '))).toEqual(words(long));
  });

  it('keeps a Slack link with spaces in its label whole', () => {
    const line = `${'x '.repeat(10)}<https://example.com/path|a label with spaces> ${'y '.repeat(10)}`.trim();
    const chunks = splitForSlack(line, { maxSectionChars: 60 });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.some((c) => c.includes('<https://example.com/path|a label with spaces>'))).toBe(true);
  });

  it('splits an oversized code block into several closed fences', () => {
    const body = Array.from({ length: 60 }, (_, i) => `const v${i} = compute(${i});`);
    const text = `Intro\n\n\`\`\`\n${body.join('\n')}\n\`\`\`\n\nOutro`;
    const chunks = splitForSlack(text, { maxSectionChars: 300 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(300);
      expect(fences(c) % 2).toBe(0);
    }
    expect(words(chunks.join('\n'))).toEqual(words(text));
    // Every original code line survives whole.
    const lines = chunks.join('\n').split('\n');
    for (const l of body) expect(lines).toContain(l);
  });

  it('cuts a code line longer than the limit without leaving a fence open', () => {
    const text = '```\n' + 'z'.repeat(500) + '\n```';
    const chunks = splitForSlack(text, { maxSectionChars: 120 });
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(120);
      expect(fences(c)).toBe(2);
    }
    expect(chunks.join('').replace(/[`\n]/g, '')).toBe('z'.repeat(500));
  });

  it('hard-splits a single word longer than the limit as a last resort', () => {
    const url = 'https://example.com/' + 'p'.repeat(100);
    const chunks = splitForSlack(url, { maxSectionChars: 50 });
    expect(chunks.join('')).toBe(url);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(50);
  });

  it('rejects a nonsensical limit', () => {
    expect(() => splitForSlack('x', { maxSectionChars: 0 })).toThrow(RangeError);
  });
});

/** A long, varied document: paragraphs, lists, tables, small and huge code blocks, long lines. */
function bigSection(targetWords: number): string {
  const vocab = ['retry', 'backoff', 'jitter', 'idempotency', 'webhook', 'queue', 'Stripe', 'Salesforce', 'breaker', 'latency'];
  let n = 0;
  let seed = 7;
  const word = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    n++;
    return `${vocab[seed % vocab.length]}${n}`;
  };
  const sentence = (k: number) => Array.from({ length: k }, word).join(' ') + '.';
  const parts: string[] = [];
  let i = 0;
  while (n < targetWords) {
    const kind = i++ % 6;
    if (kind === 0) parts.push(`## Part ${i}\n\n${sentence(60)} ${sentence(40)}`);
    else if (kind === 1) parts.push(Array.from({ length: 8 }, () => `- ${sentence(12)}`).join('\n'));
    else if (kind === 2) parts.push('```\n' + Array.from({ length: i % 12 === 2 ? 400 : 6 }, () => `call(${word()});`).join('\n') + '\n```');
    else if (kind === 3) parts.push(`| Step | Detail |\n|---|---|\n| ${word()} | ${sentence(6)} |\n| ${word()} | ${sentence(5)} |`);
    else if (kind === 4) parts.push(sentence(900)); // one paragraph far over 3,000 chars
    else parts.push(`${sentence(20)} See [docs ${word()}](https://example.com/${n}).`);
  }
  return parts.join('\n\n');
}

describe('buildSectionMessages', () => {
  it('keeps a 20,000-word section within every Slack limit, content intact and in order', () => {
    const markdown = bigSection(20_000);
    const heading = 'Error handling and retry — a heading long enough to need trimming '.repeat(4);
    const messages = buildSectionMessages({ heading, markdown });
    expect(messages.length).toBeGreaterThan(10);

    const chunks: string[] = [];
    messages.forEach((m, i) => {
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      expect(blockTextLength(m.blocks)).toBeLessThanOrEqual(11_000);
      expect(m.text.length).toBeGreaterThan(0);
      expect(m.text.length).toBeLessThanOrEqual(3000);
      const [first, ...rest] = m.blocks;
      if (i === 0) {
        expect(first!.type).toBe('header');
        const text = (first as { text: { text: string } }).text.text;
        expect(text.length).toBeLessThanOrEqual(150);
      } else {
        expect(first!.type).toBe('context');
        expect(JSON.stringify(first)).toContain('(continued)');
      }
      for (const block of rest) {
        expect(block.type).toBe('section');
        const text = (block as { text: { text: string } }).text.text;
        expect(text.length).toBeLessThanOrEqual(3000);
        expect(fences(text) % 2).toBe(0);
        chunks.push(text);
      }
    });

    // Every source word appears exactly once, in order: nothing lost, nothing split mid-word.
    const sourceWords = markdown.match(/[A-Za-z]+\d+/g)!;
    expect(sourceWords.length).toBeGreaterThanOrEqual(20_000);
    expect(chunks.join('\n').match(/[A-Za-z]+\d+/g)).toEqual(sourceWords);
  });

  it('puts a short section in one message with a header and a fallback text', () => {
    const [only, ...more] = buildSectionMessages({ heading: 'Failure modes', markdown: 'Stripe is down for **5 minutes**.' });
    expect(more).toHaveLength(0);
    expect(only!.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Failure modes' } });
    expect(only!.text).toContain('Failure modes');
    expect(only!.text).toContain('5 minutes');
  });

  it('neutralises mentions in the heading, body and fallback', () => {
    const [m] = buildSectionMessages({ heading: 'Alert <!channel>', markdown: 'Wake up @here and <!everyone>' });
    const json = JSON.stringify(m);
    expect(json).not.toMatch(/<!|@here|@channel|@everyone/);
  });

  it('honours smaller custom limits', () => {
    const messages = buildSectionMessages(
      { heading: 'H', markdown: bigSection(3000) },
      { maxSectionChars: 1000, maxBlocks: 5, maxMessageChars: 3500 },
    );
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(5);
      expect(blockTextLength(m.blocks)).toBeLessThanOrEqual(3500);
    }
  });
});

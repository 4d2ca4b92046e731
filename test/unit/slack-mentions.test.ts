import { describe, expect, it } from 'vitest';
import {
  escapeMrkdwn,
  markdownToMrkdwn,
  neutralizeMentions,
  neutralizePlainText,
} from '../../src/slack/format.js';

/**
 * What "inert" means for Slack mrkdwn: no control sequence other than an http(s)/mailto link survives, and
 * no bare broadcast word (@here/@channel/@everyone, any case, fullwidth at-signs included) remains.
 */
function expectInert(out: string): void {
  const sequences = out.match(/<[^>]*>?/g) ?? [];
  for (const seq of sequences) {
    expect(seq, `control sequence in ${JSON.stringify(out)}`).toMatch(/^<(?:https?:\/\/|mailto:)[^\s<>|]+(?:\|[^<>]*)?>$/i);
  }
  // Link targets are URLs, not text Slack could turn into a broadcast; labels are checked.
  const shown = out.replace(/<[^|>]*(\||>)/g, '$1');
  expect(shown).not.toMatch(/[@\uFF20\uFE6B](?:channel|here|everyone)/i);
}

/** Small deterministic PRNG so the "property" runs are reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SPECIALS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!here|here>',
  '<!channel|@channel>',
  '<!subteam^S123|@team>',
  '<!subteam^SABCDEF>',
  '<@U123>',
  '<@W123|name>',
  '<@U0ABCDEF|@here>',
  '<#C123|general>',
  '<#C123>',
  '<!date^1392734382^{date_num} {time_secs}|Posted 2014-02-18>',
  '<!date^1392734382^{date}^https://example.com|Feb 18>',
  '<!CHANNEL>',
  '<!Here>',
  '<!EvErYoNe>',
  '@channel',
  '@here',
  '@everyone',
  '@HERE',
  '@Channel!',
  '\uFF20here',
  '\uFE6Bchannel',
  '<slack://open>',
  '<javascript:alert(1)|click>',
  '< !here>',
  '<\u200B!here>',
  '<<!here>>',
  '<https://x.example|<!here>>',
  '<https://x.example|@here ping>',
  '<mailto:ops@here.com|@everyone>',
  '<!here',
  '!here>',
];

const WRAPPERS: ((s: string) => string)[] = [
  (s) => s,
  (s) => `hey ${s} please`,
  (s) => `${s}${s}`,
  (s) => `*${s}*`,
  (s) => `_${s}_`,
  (s) => `\`${s}\``,
  (s) => `\`\`\`\n${s}\n\`\`\``,
  (s) => `> ${s}`,
  (s) => `• ${s}\n• again ${s}`,
  (s) => `日本語${s}テキスト`,
  (s) => `🚀${s}🔥`,
  (s) => `\u202E${s}\u202C`,
  (s) => `line one\n\n${s}\n\nline three`,
  (s) => `(${s.toUpperCase()})`,
  (s) => `${s.toLowerCase()},`,
  (s) => `   ${s}\t`,
];

describe('neutralizeMentions', () => {
  it('renders every special and broadcast word inert, in every wrapper', () => {
    for (const special of SPECIALS) {
      for (const wrap of WRAPPERS) {
        const out = neutralizeMentions(wrap(special));
        expectInert(out);
        expect(neutralizeMentions(out)).toBe(out);
      }
    }
  });

  it('holds for random concatenations of specials, text and safe links (property)', () => {
    const next = rng(42);
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
    const fillers = ['word', ' ', '\n', '&amp;', '&lt;', '<https://example.com/a?b=1&c=2|docs>', '<', '>', '|', '@', '!', '#'];
    for (let run = 0; run < 500; run++) {
      const parts = Array.from({ length: 1 + Math.floor(next() * 8) }, () => (next() < 0.5 ? pick(SPECIALS) : pick(fillers)));
      const input = pick(WRAPPERS)(parts.join(next() < 0.5 ? '' : ' '));
      const out = neutralizeMentions(input);
      expectInert(out);
      expect(neutralizeMentions(out)).toBe(out);
    }
  });

  it('produces readable inert forms', () => {
    expect(neutralizeMentions('<!here>')).toBe('@\u200Bhere');
    expect(neutralizeMentions('<!channel> and <!everyone>')).toBe('@\u200Bchannel and @\u200Beveryone');
    expect(neutralizeMentions('<@U123>')).toBe('@\u200BU123');
    expect(neutralizeMentions('<@W123|name>')).toBe('@\u200Bname');
    expect(neutralizeMentions('<#C123|general>')).toBe('#\u200Bgeneral');
    expect(neutralizeMentions('<!subteam^S123|@team>')).toBe('@\u200Bteam');
    expect(neutralizeMentions('<!date^1392734382^{date}|Feb 18, 2014>')).toBe('Feb 18, 2014');
    expect(neutralizeMentions('ping @channel now')).toBe('ping @\u200Bchannel now');
    expect(neutralizeMentions('<javascript:alert(1)|click>')).toBe('&lt;javascript:alert(1)|click&gt;');
  });

  it('keeps legitimate links and escaped text untouched', () => {
    const safe = 'See <https://example.com/a?b=1&c=2|the docs> and <https://x.example> or <mailto:ops@example.com|mail us>.';
    expect(neutralizeMentions(safe)).toBe(safe);
    expect(neutralizeMentions('&lt;!channel&gt; is how Slack writes it')).toBe('&lt;!channel&gt; is how Slack writes it');
    const prose = 'Retry after 5 s, then 10 s; use jitter & backoff. Email ops at example.com.';
    expect(neutralizeMentions(prose)).toBe(prose);
  });

  it('neutralises the label of a kept link but not its URL', () => {
    expect(neutralizeMentions('<mailto:ops@here.com|@here>')).toBe('<mailto:ops@here.com|@\u200Bhere>');
  });

  it('still holds after markdown conversion, including code and tables', () => {
    const md = [
      '# Heads up <!channel>',
      '',
      'Ping **@here** and <@U123> and [click](https://example.com) and <!subteam^S1|@ops>.',
      '',
      '| who | note |',
      '|-----|------|',
      '| <!here> | @everyone |',
      '',
      '```',
      '<!channel> in code',
      '```',
      '',
      '- `<!here>` inline',
    ].join('\n');
    const out = neutralizeMentions(markdownToMrkdwn(md));
    expectInert(out);
    expect(out).toContain('<https://example.com|click>');
  });
});

describe('escapeMrkdwn / neutralizePlainText', () => {
  it('escapes the three control characters and neutralises', () => {
    expect(escapeMrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeMrkdwn('hi <!here> @channel')).toBe('hi @\u200Bhere @\u200Bchannel');
    expectInert(escapeMrkdwn('<https://evil.example|<!channel>>'));
  });

  it('plain text keeps angle brackets (Slack does not parse them there) but breaks broadcasts', () => {
    expect(neutralizePlainText('a < b')).toBe('a < b');
    expect(neutralizePlainText('<!here> @everyone')).toBe('@\u200Bhere @\u200Beveryone');
  });
});

import type { RecordedCall } from '../../src/sandbox/slack-api-fake.js';

/**
 * What Slack would turn into a notification or a live link to a user, channel or group. Plain broadcast
 * words count unless something (the bot uses a zero-width space) separates them from the at-sign; the
 * fullwidth and small at-signs are included because some clients normalise them to `@`. Link targets are
 * skipped: `<https://example.com/@here|docs>` links to a URL and notifies nobody.
 */
const LIVE_TOKENS: readonly (readonly [string, RegExp])[] = [
  ['<!channel', /<!channel/gi],
  ['<!here', /<!here/gi],
  ['<!everyone', /<!everyone/gi],
  ['<!subteam', /<!subteam/gi],
  ['<@U', /<@[UW]/gi],
  ['<#C', /<#[CG]/gi],
  ['@channel/@here/@everyone', /[@\uFF20\uFE6B](?:channel|here|everyone)/gi],
];

/** Link targets (`<https://…|label>`): Slack does not read mentions inside a URL, only in the label. */
const LINK_TARGET = /<(?:https?|mailto):[^|>\s]*/gi;

/** Every live mention token in the text, with a little context for the failure message. */
export function liveMentions(raw: string): string[] {
  const text = raw.replace(LINK_TARGET, '<LINK');
  const found: string[] = [];
  for (const [name, pattern] of LIVE_TOKENS) {
    for (const m of text.matchAll(pattern)) {
      found.push(`${name}: …${text.slice(Math.max(0, m.index - 30), m.index + 30)}…`);
    }
  }
  return found;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

/** Text of the blocks only (no fallback `text`), in block order. */
export function blockText(call: RecordedCall): string {
  return strings(call.args.blocks).join('\n');
}

/**
 * The bot's root message deliberately names the requester ("Integration design for <@U…>"): that one
 * mention is the bot's own and is not counted.
 */
const ROOT_ATTRIBUTION = /^:building_construction: Integration design for <@[UW][A-Z0-9]+>:/;

/** Live mentions in one call: its text, every string in its blocks, and streamed markdown (text or chunks). */
export function liveMentionsInCall(call: RecordedCall): string[] {
  const text = typeof call.args.text === 'string' ? call.args.text.replace(ROOT_ATTRIBUTION, '') : '';
  return liveMentions([text, ...strings(call.args.blocks), ...strings(call.args.markdown_text), ...strings(call.args.chunks)].join('\n'));
}

/** Calls that put text in a channel: posts, edits, and the live draft's stream. */
const WRITES = new Set(['chat.postMessage', 'chat.update', 'chat.startStream', 'chat.appendStream', 'chat.stopStream']);

/** Every live mention the bot sent in any call that writes to a channel, labelled by call. */
export function liveMentionsSent(calls: RecordedCall[]): string[] {
  return calls
    .filter((c) => WRITES.has(c.method))
    .flatMap((c, i) => liveMentionsInCall(c).map((m) => `${c.method} #${i}: ${m}`));
}

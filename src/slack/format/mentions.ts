/**
 * Mention neutralising. Model output and user text must never reach Slack as a live mention or special
 * (`<!here>`, `<@U123>`, `<!subteam^…>`, `<!date^…>`, plain `@channel`…). Run {@link neutralizeMentions} as the
 * LAST step on mrkdwn before it goes into blocks; it is idempotent, so running it twice is harmless.
 */

const ZWSP = '\u200B';

/** Targets of `<target|label>` sequences we keep as live links; everything else is rendered inert. */
const SAFE_LINK_TARGET = /^(?:https?:\/\/[^\s<>|]+|mailto:[^\s<>|]+)$/i;

/**
 * Broadcast keywords Slack (or a client with link_names) turns into notifications. The at-sign variants cover
 * fullwidth and small forms, which some clients normalise to `@`.
 */
const PLAIN_BROADCAST = /([@\uFF20\uFE6B])(channel|here|everyone)/giu;

/** Inserts a zero-width space after the at-sign of plain `@here`/`@channel`/`@everyone`. */
export function neutralizePlainMentions(text: string): string {
  return text.replace(PLAIN_BROADCAST, (_m, at: string, word: string) => `${at}${ZWSP}${word}`);
}

/** The readable, inert rendering of one Slack special `<…>` (content without the angle brackets). */
function inertSpecial(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : inner.slice(bar + 1).trim();
  const sigil = target[0];
  if (sigil === '#') return `#${ZWSP}${(label || target.slice(1)).replace(/^#/, '')}`;
  if (sigil === '@') return `@${ZWSP}${(label || target.slice(1)).replace(/^@/, '')}`;
  // `<!…>` specials: here/channel/everyone, subteam^ID, date^…, and anything Slack may add later.
  const body = target.slice(1);
  const lower = body.toLowerCase();
  if (lower.startsWith('date^')) return label || 'a date';
  if (lower.startsWith('subteam^')) return `@${ZWSP}${(label || body.slice('subteam^'.length)).replace(/^@/, '')}`;
  return `@${ZWSP}${(label || body).replace(/^@/, '')}`;
}

/**
 * Renders every Slack control sequence inert except links to http(s)/mailto targets, and neutralises plain
 * broadcast words. Text is assumed to be mrkdwn: `&lt;` etc. are already-escaped characters and stay inert.
 * A `<` that does not open a kept link is escaped to `&lt;`, so no new control sequence can form later.
 */
export function neutralizeMentions(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    if (open === -1) {
      out += neutralizePlainMentions(text.slice(i));
      break;
    }
    out += neutralizePlainMentions(text.slice(i, open));
    const close = text.indexOf('>', open + 1);
    const nextOpen = text.indexOf('<', open + 1);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      // A stray `<`: escape it so it cannot pair with a later `>`.
      out += '&lt;';
      i = open + 1;
      continue;
    }
    const inner = text.slice(open + 1, close);
    out += renderSequence(inner);
    i = close + 1;
  }
  return out;
}

function renderSequence(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  if (SAFE_LINK_TARGET.test(target)) {
    // A URL containing "@here" is not a mention; only the label is shown as text.
    return bar === -1 ? `<${target}>` : `<${target}|${neutralizePlainMentions(inner.slice(bar + 1))}>`;
  }
  const sigil = target[0];
  if (sigil === '!' || sigil === '@' || sigil === '#') return neutralizePlainMentions(inertSpecial(inner));
  // Unknown scheme, whitespace-padded special, or plain text in brackets: show it literally.
  return `&lt;${neutralizePlainMentions(inner)}&gt;`;
}

/**
 * Escapes user text for mrkdwn (Slack's three control characters) and neutralises mentions. Specials the user
 * typed (`<@U123>`, `<!here>`) are shown in their readable inert form rather than as escaped brackets.
 */
export function escapeMrkdwn(text: string): string {
  return neutralizePlainText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * For plain_text fields (headers, buttons, inputs): Slack does not parse `<…>` there, so nothing is escaped,
 * but specials are turned into their readable inert form and broadcast words get a zero-width space.
 */
export function neutralizePlainText(text: string): string {
  return neutralizePlainMentions(
    text.replace(/<([!@#][^<>]*)>/g, (_m, inner: string) => inertSpecial(inner)),
  );
}

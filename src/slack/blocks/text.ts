import { markdownToMrkdwn } from '../format/markdown.js';
import { escapeMrkdwn, neutralizeMentions } from '../format/mentions.js';
import { splitForSlack } from '../format/split.js';
import { LIMITS, section, truncate } from './kit.js';
import type { SectionBlock } from './kit.js';

/** Model- or user-written markdown → safe mrkdwn section blocks (at most `maxBlocks`, cut with a note). */
export function markdownSections(markdown: string, maxBlocks: number, overflowNote = '…'): SectionBlock[] {
  const chunks = splitForSlack(neutralizeMentions(markdownToMrkdwn(markdown)), { maxSectionChars: LIMITS.sectionText });
  if (chunks.length <= maxBlocks) return chunks.map((c) => section(c));
  const kept = chunks.slice(0, maxBlocks);
  const last = kept.pop()!;
  const note = `\n${overflowNote}`;
  return [...kept, truncateMrkdwn(last, LIMITS.sectionText - note.length) + note].map((c) => section(c));
}

/**
 * Cuts mrkdwn to `max` chars at a line or word boundary, closing an open code fence and re-neutralising so
 * a cut link or entity cannot leave a live control sequence behind.
 */
export function truncateMrkdwn(mrkdwn: string, max: number): string {
  if (mrkdwn.length <= max) return mrkdwn;
  let cut = mrkdwn.slice(0, Math.max(0, max - 5));
  const boundary = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf(' '));
  if (boundary > max * 0.5) cut = cut.slice(0, boundary);
  // Drop a dangling `<…` link opener rather than show half of it.
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  cut += '…';
  if ((cut.split('```').length - 1) % 2 === 1) cut += '\n```';
  return neutralizeMentions(cut);
}

/** A bulleted mrkdwn list of user/model text items, escaped, within one section's limit. */
export function bulletList(items: string[], max: number = LIMITS.sectionText): string {
  const lines: string[] = [];
  let size = 0;
  for (const [i, item] of items.entries()) {
    const line = `• ${escapeMrkdwn(truncate(item.replace(/\s+/g, ' ').trim(), 500))}`;
    const more = `• …and ${items.length - i} more`;
    if (size + line.length + 1 + more.length + 1 > max) {
      lines.push(more);
      break;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/** Slack date token: rendered in the viewer's timezone, ISO date as the fallback. */
export function slackDate(date: Date, format = '{date_short}'): string {
  const seconds = Math.floor(date.getTime() / 1000);
  if (!Number.isFinite(seconds)) return 'unknown date';
  return `<!date^${seconds}^${format}|${date.toISOString().slice(0, 10)}>`;
}

/** A titled link when the permalink is a plain https URL; the escaped title otherwise. */
export function link(url: string | undefined, label: string): string {
  const text = escapeMrkdwn(label).replace(/\|/g, '∣');
  return url && /^https:\/\/[^\s<>|]+$/.test(url) ? `<${url}|${text}>` : text;
}

/** Slack user reference for ids we store ourselves; anything else is shown as escaped text. */
export function userRef(userId: string): string {
  return /^[UW][A-Z0-9]{2,20}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

import { LIMITS, blockTextLength, context, header, section, truncate } from '../blocks/kit.js';
import type { KnownBlock, SlackMessage } from '../blocks/kit.js';
import { markdownToMrkdwn } from './markdown.js';
import { escapeMrkdwn, neutralizeMentions } from './mentions.js';
import { splitForSlack } from './split.js';

export interface SectionMessageOptions {
  /** Per section block (Slack: 3,000). */
  maxSectionChars?: number;
  /** Per message (Slack: 50). */
  maxBlocks?: number;
  /** Cumulative block text per message (Slack rejects near 13k; default keeps a margin). */
  maxMessageChars?: number;
  /** Length of the notification excerpt in `text`. */
  fallbackChars?: number;
}

/** Turns mrkdwn into a short plain-ish excerpt for notifications: links become their labels. */
export function fallbackExcerpt(mrkdwn: string, max: number): string {
  const flat = mrkdwn
    .replace(/<([^<>|]+)\|([^<>]*)>/g, '$2')
    .replace(/<([^<>|]+)>/g, '$1')
    .replace(/```/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // Re-neutralise: a cut may leave a stray character, and labels were unwrapped.
  return neutralizeMentions(truncate(flat, max));
}

/**
 * One document section as Slack messages: a header block on the first, a "(continued)" marker on the rest,
 * mrkdwn split into section blocks, every message within Slack's block-count and size limits.
 */
export function buildSectionMessages(
  sectionInput: { heading: string; markdown: string },
  options: SectionMessageOptions = {},
): SlackMessage[] {
  const maxSectionChars = Math.min(options.maxSectionChars ?? LIMITS.sectionText, LIMITS.sectionText);
  const maxBlocks = Math.min(options.maxBlocks ?? LIMITS.blocksPerMessage, LIMITS.blocksPerMessage);
  const maxMessageChars = options.maxMessageChars ?? LIMITS.messageChars;
  const fallbackChars = Math.min(options.fallbackChars ?? 300, LIMITS.fallbackText - 200);
  if (maxBlocks < 2) throw new RangeError('maxBlocks must allow a marker and one section');

  const heading = sectionInput.heading.trim() || 'Design section';
  const mrkdwn = neutralizeMentions(markdownToMrkdwn(sectionInput.markdown));
  const chunks = splitForSlack(mrkdwn, { maxSectionChars });

  const first = header(heading);
  const marker = context(`_${escapeMrkdwn(truncate(heading, LIMITS.headerText))} (continued)_`);
  if (blockTextLength([first]) + maxSectionChars > maxMessageChars || blockTextLength([marker]) + maxSectionChars > maxMessageChars) {
    throw new RangeError('maxMessageChars is too small for one full section block');
  }

  const pages: { blocks: KnownBlock[]; chunks: string[] }[] = [{ blocks: [first], chunks: [] }];
  let size = blockTextLength([first]);
  for (const chunk of chunks) {
    const page = pages.at(-1)!;
    if (page.blocks.length + 1 > maxBlocks || size + chunk.length > maxMessageChars) {
      pages.push({ blocks: [marker], chunks: [] });
      size = blockTextLength([marker]);
    }
    const target = pages.at(-1)!;
    target.blocks.push(section(chunk));
    target.chunks.push(chunk);
    size += chunk.length;
  }

  const plainHeading = escapeMrkdwn(truncate(heading, LIMITS.headerText));
  return pages.map((page, i) => {
    const title = i === 0 ? plainHeading : `${plainHeading} (continued)`;
    const excerpt = page.chunks[0] ? fallbackExcerpt(page.chunks[0], fallbackChars) : '';
    return { text: excerpt ? `${title}: ${excerpt}` : title, blocks: page.blocks };
  });
}

import slackify from 'slackify-markdown';
import { tablesToCodeBlocks } from './tables.js';

/**
 * Markdown → Slack mrkdwn. The conversion itself is slackify-markdown's; around it we only rewrite tables
 * (which mrkdwn lacks) and escape Slack's control characters inside code, which the library leaves raw.
 * The result is NOT yet mention-safe: run neutralizeMentions on it last.
 */
export function markdownToMrkdwn(md: string): string {
  const converted = slackify(tablesToCodeBlocks(slackLinksToMarkdown(md.replace(/\r\n?/g, '\n'))));
  return postProcess(converted).replace(/\n+$/, '');
}

const FENCE_LINE = /^\s*```/;
const SLACK_LINK = /<(https?:\/\/[^\s|<>]+)(?:\|([^<>\n]+))?>/g;

/**
 * Models sometimes write Slack's own link syntax (`<https://x|label>`) inside markdown; the markdown library
 * would print it as text, so it becomes a markdown link first. Code blocks are left exactly as written.
 */
function slackLinksToMarkdown(md: string): string {
  let inFence = false;
  return md
    .split('\n')
    .map((line) => {
      if (FENCE_LINE.test(line)) inFence = !inFence;
      if (inFence || FENCE_LINE.test(line)) return line;
      return line.replace(SLACK_LINK, (_m, url: string, label?: string) => (label ? `[${label.replace(/[[\]]/g, '')}](${url})` : url));
    })
    .join('\n');
}
const ESCAPED_ENTITY = /&(?!(?:amp|lt|gt);)/g;

/** Code content is emitted verbatim by the library; Slack still needs &, < and > escaped there. */
function escapeCode(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function postProcess(mrkdwn: string): string {
  const lines = mrkdwn.split('\n');
  let inFence = false;
  return lines
    .map((line) => {
      if (FENCE_LINE.test(line)) {
        // slackify always puts the fence on its own line with the code on the lines between.
        const rest = line.replace(FENCE_LINE, '');
        inFence = !inFence;
        if (rest.trim() === '') return line;
        return line.slice(0, line.length - rest.length) + escapeCode(rest);
      }
      if (inFence) return escapeCode(line);
      return tidyLine(line);
    })
    .join('\n');
}

function tidyLine(line: string): string {
  return (
    line
      // Inline code spans: text outside them is already escaped by the library, and a stray backtick may pair
      // with a real span, so avoid double-escaping entities.
      .replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_m, ticks: string, code: string) =>
        `${ticks}${code.replace(ESCAPED_ENTITY, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}${ticks}`,
      )
      // "1.  item" / "•   item" → one space after the marker.
      .replace(/^(\s*)(•|\d+\.)\s{2,}/, '$1$2 ')
      // Thematic breaks render as literal asterisks in Slack.
      .replace(/^\s*\*\*\*\s*$/, '──────────')
  );
}

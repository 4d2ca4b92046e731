import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { section, context, truncate, LIMITS } from '../../blocks/kit.js';
import type { SlackDeps } from '../../deps.js';
import { diffLines, formatDiff } from '../../format/diff.js';
import { neutralizeMentions } from '../../format.js';

const CompareValue = z.object({ c: z.string().min(1).max(100), r: z.number().int().min(2).max(10_000) });

/** "Compare with revision N−1": the line diff of the two documents, shown only to the person who asked. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>('compare_revisions', async ({ ack, action, body, respond }) => {
    await ack();
    let value;
    try {
      value = CompareValue.parse(JSON.parse(action.value ?? ''));
    } catch {
      return; // not a value we produced
    }
    const conversation = await deps.store.getConversation(value.c);
    if (!conversation || conversation.teamId !== body.team?.id) return;
    const [before, after] = await Promise.all([deps.store.getRevision(conversation.id, value.r - 1), deps.store.getRevision(conversation.id, value.r)]);
    if (!before || !after) return;
    const diff = formatDiff(diffLines(before.markdown, after.markdown));
    const title = `*Revision ${value.r - 1} → ${value.r}*`;
    const parts = diff ? chunk(neutralizeMentions(diff), LIMITS.sectionText - 10) : [];
    const blocks = parts.length > 0 ? parts.slice(0, 40).map((part) => section(`\`\`\`${part}\`\`\``)) : [section('_The two revisions have the same text._')];
    const cut = parts.length > 40;
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: truncate(`Revision ${value.r - 1} → ${value.r}: what changed in the document`, LIMITS.fallbackText),
      blocks: [section(title), ...blocks, ...(cut ? [context('Longer than a message: Export Markdown has both revisions in full.')] : [])] as never,
    });
  });

  // A URL button still sends an interaction; acknowledge it so Slack shows no error.
  app.action('open_canvas', async ({ ack }) => {
    await ack();
  });
}

/**
 * Splits text into pieces of at most `size` characters, at line ends where possible. Not splitForSlack: that one
 * reads ``` in the text as fences, and diff lines of a document that has code blocks carry them.
 */
function chunk(text: string, size: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const piece = line.length > size ? `${line.slice(0, size - 1)}…` : line;
    if (current && current.length + 1 + piece.length > size) {
      out.push(current);
      current = piece;
    } else {
      current = current ? `${current}\n${piece}` : piece;
    }
  }
  if (current) out.push(current);
  return out;
}

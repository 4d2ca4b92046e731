import type { EngineName, QualityReport, DesignSection } from '../../architect/types.js';
import { markdownToMrkdwn } from '../format/markdown.js';
import { buildSectionMessages, fallbackExcerpt } from '../format/messages.js';
import { escapeMrkdwn, neutralizeMentions } from '../format/mentions.js';
import { splitForSlack } from '../format/split.js';
import { ACTION_IDS, BLOCK_IDS } from './ids.js';
import { LIMITS, actions, button, context, header, linkButton, section, truncate } from './kit.js';
import type { KnownBlock, SlackMessage } from './kit.js';
import { bulletList, markdownSections, truncateMrkdwn } from './text.js';

export interface DesignHeaderInput {
  title: string;
  /** The document preamble (markdown): summary and assumptions as written by the engine. */
  summary: string;
  revision: number;
  engine: EngineName;
  quality: QualityReport;
  conversationId: string;
  assumptions: string[];
  /** The canvas that always holds the latest revision in full, when the workspace allows canvases. */
  canvasUrl?: string;
  /** The uploaded architecture diagram (a Slack file), shown in the header. */
  diagramFileId?: string;
}

const ENGINE_LABEL: Record<EngineName, string> = { anthropic: 'Claude', offline: 'offline rules engine' };

export function qualitySummary(quality: QualityReport): string {
  const total = quality.checks.length;
  const failed = quality.checks.filter((c) => !c.passed);
  const repaired = quality.repaired ? ' (after one repair pass)' : '';
  if (failed.length === 0) return `✅ All ${total} quality checks passed${repaired}.`;
  const head = `⚠️ ${failed.length} of ${total} quality checks failed${repaired}:`;
  const lines = failed.map((c) => `${c.id}: ${c.detail}`);
  return truncateMrkdwn(`${head}\n${bulletList(lines, LIMITS.sectionText - head.length - 1)}`, LIMITS.sectionText);
}

/** The first message of a design: title, revision, summary, quality, assumed defaults and the action buttons. */
export function designHeaderMessage(input: DesignHeaderInput): SlackMessage {
  const value = input.conversationId;
  const blocks: KnownBlock[] = [
    header(input.title),
    context(
      `Revision ${input.revision} · ${ENGINE_LABEL[input.engine]} · ${input.quality.wordCount.toLocaleString('en-US')} words`,
    ),
  ];
  if (input.summary.trim()) {
    blocks.push(...markdownSections(input.summary, 2, '_…continued in the exported document._'));
  }
  if (input.diagramFileId) {
    blocks.push({ type: 'image', slack_file: { id: input.diagramFileId }, alt_text: 'Architecture diagram: the systems, the components this design adds, and the flows between them', title: { type: 'plain_text', text: 'Architecture' } } as KnownBlock);
  }
  blocks.push(section(qualitySummary(input.quality)));
  if (input.assumptions.length > 0) {
    const heading = '*Assumed defaults* (reply in the thread to change any of them):';
    blocks.push(section(`${heading}\n${bulletList(input.assumptions, LIMITS.sectionText - heading.length - 1)}`));
  }
  blocks.push(
    actions(
      BLOCK_IDS.designActions,
      ...(input.canvasUrl ? [linkButton('Open canvas', ACTION_IDS.openCanvas, input.canvasUrl, 'primary')] : []),
      button('Export Markdown', ACTION_IDS.exportMarkdown, value, input.canvasUrl ? undefined : 'primary'),
      ...(input.revision > 1 ? [button(`Compare with revision ${input.revision - 1}`, ACTION_IDS.compareRevisions, compareValue(value, input.revision))] : []),
      button('Regenerate', ACTION_IDS.regenerate, value),
      button('Open form', ACTION_IDS.openForm, value),
    ),
  );
  blocks.push(feedbackBlock(value, input.revision));
  const title = escapeMrkdwn(truncate(input.title.trim() || 'Integration design', 200));
  return { text: `${title} (revision ${input.revision})`, blocks };
}

/** Every section of the document as messages within Slack's limits, in document order. */
export function designSectionMessages(sections: DesignSection[]): SlackMessage[] {
  return sections.flatMap((s) => buildSectionMessages({ heading: s.heading, markdown: s.markdown }));
}

/** Slack's feedback buttons (a context_actions block) for one revision. */
export function feedbackBlock(conversationId: string, revision: number): KnownBlock {
  const value = (v: 'up' | 'down') => JSON.stringify({ c: conversationId, r: revision, v });
  return {
    type: 'context_actions',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: ACTION_IDS.designFeedback,
        positive_button: { text: { type: 'plain_text', text: '👍' }, accessibility_label: 'This design is useful', value: value('up') },
        negative_button: { text: { type: 'plain_text', text: '👎' }, accessibility_label: 'This design needs work', value: value('down') },
      },
    ],
  } as unknown as KnownBlock;
}

/** The Compare button's value: which conversation, and the revision to compare with the one before it. */
export function compareValue(conversationId: string, revision: number): string {
  return JSON.stringify({ c: conversationId, r: revision });
}

/**
 * A revision's changed sections packed into as few messages as Slack's limits allow, with one line naming the
 * sections left as they were (the canvas holds the whole document).
 */
export function changedSectionsMessages(changed: DesignSection[], unchanged: string[]): SlackMessage[] {
  const parts = designSectionMessages(changed);
  const note = unchanged.length > 0 ? context(truncate(`Unchanged: ${unchanged.map(escapeMrkdwn).join(' · ')} — the canvas has the whole document.`, LIMITS.sectionText)) : undefined;
  if (note) parts.push({ text: 'Unchanged sections', blocks: [note] });
  const packed: SlackMessage[] = [];
  for (const part of parts) {
    const last = packed.at(-1);
    const chars = (m: SlackMessage) => JSON.stringify(m.blocks).length;
    if (last && last.blocks.length + part.blocks.length <= LIMITS.blocksPerMessage && chars(last) + chars(part) <= LIMITS.messageChars) {
      last.blocks.push(...part.blocks);
      last.text = truncate(`${last.text} · ${part.text}`, LIMITS.fallbackText);
    } else {
      packed.push({ text: part.text, blocks: [...part.blocks] });
    }
  }
  return packed;
}

/** "What changed" after a revision. */
export function changesMessage({ revision, changes }: { revision: number; changes: string[] }): SlackMessage {
  const headline = `*Revision ${revision}* — what changed:`;
  const body =
    changes.length > 0
      ? bulletList(changes.map(inlineMarkdown), LIMITS.sectionText - headline.length - 1)
      : '• No material changes to the design.';
  return {
    text: `Revision ${revision}: ${fallbackExcerpt(changes.map((c) => escapeMrkdwn(c)).join('; ') || 'no material changes', 300)}`,
    blocks: [section(`${headline}\n${body}`)],
  };
}

/** Change items are short markdown; flatten to one line of plain text for a bullet. */
function inlineMarkdown(item: string): string {
  return item.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1');
}

/**
 * An answer to a question in the thread. Answers can be long, so this returns one message per ≤ 50 blocks /
 * 11,000 chars; most answers are a single message.
 */
export function answerMessage(markdown: string): SlackMessage[] {
  const chunks = splitForSlack(neutralizeMentions(markdownToMrkdwn(markdown)), { maxSectionChars: LIMITS.sectionText });
  if (chunks.length === 0) return [{ text: 'No answer was produced.', blocks: [section('_No answer was produced._')] }];
  const messages: SlackMessage[] = [];
  let size = 0;
  for (const chunk of chunks) {
    const current = messages.at(-1);
    if (!current || current.blocks.length >= LIMITS.blocksPerMessage || size + chunk.length > LIMITS.messageChars) {
      messages.push({ text: fallbackExcerpt(chunk, 300) || 'Answer', blocks: [section(chunk)] });
      size = chunk.length;
    } else {
      current.blocks.push(section(chunk));
      size += chunk.length;
    }
  }
  return messages;
}

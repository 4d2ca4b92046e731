import type { types } from '@slack/bolt';
import { neutralizePlainText } from '../format/mentions.js';

/**
 * Block Kit types (re-exported by @slack/bolt from @slack/types) and tiny constructors that enforce Slack's
 * per-element limits. Constructors taking `mrkdwn` expect text that is already escaped and neutralised;
 * constructors taking plain text neutralise it themselves.
 */

export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type HeaderBlock = types.HeaderBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type InputBlock = types.InputBlock;
export type Button = types.Button;
export type HomeView = types.HomeView;
export type ModalView = types.ModalView;

/** A chat.postMessage / chat.postEphemeral payload: `text` is the notification fallback. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export const LIMITS = {
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  actionValue: 2000,
  blockId: 255,
  actionId: 255,
  blocksPerMessage: 50,
  blocksPerView: 100,
  fallbackText: 3000,
  modalTitle: 24,
  inputLabel: 2000,
  initialValue: 3000,
  privateMetadata: 3000,
  /** Slack rejects cumulative block text near 13k (msg_blocks_too_long); keep a margin. */
  messageChars: 11_000,
} as const;

/** Cuts text to `max` characters at a word boundary when one is near, appending an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

export function header(text: string): HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(neutralizePlainText(text.trim()) || 'Untitled', LIMITS.headerText), emoji: true },
  };
}

export function section(mrkdwn: string, blockId?: string): SectionBlock {
  if (mrkdwn.length > LIMITS.sectionText) throw new RangeError(`section text is ${mrkdwn.length} chars`);
  return { type: 'section', text: { type: 'mrkdwn', text: mrkdwn }, ...(blockId ? { block_id: blockId } : {}) };
}

export function context(...mrkdwn: string[]): ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn.slice(0, LIMITS.contextElements).map((text) => ({ type: 'mrkdwn', text: text.slice(0, LIMITS.sectionText) })),
  };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

export function button(
  label: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
): Button {
  if (value.length > LIMITS.actionValue) throw new RangeError(`button value for ${actionId} exceeds ${LIMITS.actionValue} chars`);
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(neutralizePlainText(label), LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/** A button that opens a URL (Slack still sends a block_actions event, which the app acknowledges). */
export function linkButton(label: string, actionId: string, url: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(neutralizePlainText(label), LIMITS.buttonText), emoji: true },
    action_id: actionId,
    url,
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string, ...elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements };
}

/** Total characters of `text` strings in the blocks: what Slack counts towards msg_blocks_too_long. */
export function blockTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + blockTextLength(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.entries(value).reduce(
    (n, [key, v]) => n + (key === 'text' && typeof v === 'string' ? v.length : blockTextLength(v)),
    0,
  );
}

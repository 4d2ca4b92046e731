import { expect } from 'vitest';
import { blockTextLength } from '../../src/slack/blocks/kit.js';
import type { KnownBlock, SlackMessage } from '../../src/slack/blocks/kit.js';

/** Shared assertions: Slack's documented limits and "nothing live" for every builder's output. */

export interface SafeOptions {
  /** `<@U…>` references to authors we stored ourselves. */
  userRefs?: boolean;
  /** `<!date^…>` tokens we built ourselves. */
  dates?: boolean;
}

/**
 * Every control sequence is an https/mailto link, or one of the explicitly allowed trusted forms. plain_text is
 * never parsed by Slack, so only broadcast words matter there.
 */
export function expectInertText(text: string, options: SafeOptions = {}, plain = false): void {
  for (const seq of plain ? [] : (text.match(/<[^>]*>?/g) ?? [])) {
    const ok =
      /^<(?:https?:\/\/|mailto:)[^\s<>|]+(?:\|[^<>]*)?>$/i.test(seq) ||
      (options.userRefs === true && /^<@[UW][A-Z0-9]+>$/.test(seq)) ||
      (options.dates === true && /^<!date\^\d+\^\{date_short\}\|\d{4}-\d{2}-\d{2}>$/.test(seq));
    expect(ok, `live control sequence ${seq} in ${JSON.stringify(text.slice(0, 200))}`).toBe(true);
  }
  const shown = text.replace(/<[^|>]*(\||>)/g, '$1');
  expect(shown).not.toMatch(/[@\uFF20\uFE6B](?:channel|here|everyone)/i);
}

/** Every text object in a payload, with whether Slack parses it (mrkdwn) or shows it literally. */
export function textObjects(value: unknown, out: { text: string; plain: boolean }[] = []): { text: string; plain: boolean }[] {
  if (Array.isArray(value)) value.forEach((v) => textObjects(v, out));
  else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if ((obj.type === 'mrkdwn' || obj.type === 'plain_text') && typeof obj.text === 'string') {
      out.push({ text: obj.text, plain: obj.type === 'plain_text' });
    } else Object.values(obj).forEach((v) => textObjects(v, out));
  }
  return out;
}

/** Every text string in a payload (mrkdwn and plain_text alike). */
export function allTexts(value: unknown): string[] {
  return textObjects(value).map((t) => t.text);
}

export function expectInertPayload(value: unknown, options: SafeOptions = {}): void {
  for (const t of textObjects(value)) expectInertText(t.text, options, t.plain);
}

type AnyRecord = Record<string, unknown>;

export function expectBlockLimits(blocks: KnownBlock[]): void {
  for (const block of blocks as unknown as AnyRecord[]) {
    if (typeof block.block_id === 'string') expect(block.block_id.length).toBeLessThanOrEqual(255);
    const text = block.text as { text?: string } | undefined;
    if (block.type === 'header') expect(text!.text!.length).toBeLessThanOrEqual(150);
    if (block.type === 'section') expect(text!.text!.length).toBeLessThanOrEqual(3000);
    if (block.type === 'context') expect((block.elements as unknown[]).length).toBeLessThanOrEqual(10);
    if (block.type === 'actions') {
      const elements = block.elements as AnyRecord[];
      expect(elements.length).toBeLessThanOrEqual(25);
      for (const el of elements) {
        expect(String(el.action_id).length).toBeLessThanOrEqual(255);
        expect(String(el.value ?? '').length).toBeLessThanOrEqual(2000);
        expect((el.text as { text: string }).text.length).toBeLessThanOrEqual(75);
      }
    }
    if (block.type === 'input') {
      expect((block.label as { text: string }).text.length).toBeLessThanOrEqual(2000);
      const hint = block.hint as { text: string } | undefined;
      if (hint) expect(hint.text.length).toBeLessThanOrEqual(2000);
      const el = block.element as AnyRecord;
      expect(String(el.action_id).length).toBeLessThanOrEqual(255);
      if (typeof el.initial_value === 'string') expect(el.initial_value.length).toBeLessThanOrEqual(3000);
      const placeholder = el.placeholder as { text: string } | undefined;
      if (placeholder) expect(placeholder.text.length).toBeLessThanOrEqual(150);
    }
  }
  const ids = (blocks as unknown as AnyRecord[]).map((b) => b.block_id).filter((id) => id !== undefined);
  expect(new Set(ids).size).toBe(ids.length);
}

export function expectMessageLimits(message: SlackMessage, options: SafeOptions = {}): void {
  expect(message.text.trim().length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(3000);
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(11_000);
  expectBlockLimits(message.blocks);
  expectInertText(message.text, options);
  expectInertPayload(message.blocks, options);
}

export const HOSTILE =
  '<!channel> <!here|here> @everyone <@U123> <#C1|x> <!subteam^S1|@ops> <!date^1^{date}|d> <javascript:x|y> & <b>';
